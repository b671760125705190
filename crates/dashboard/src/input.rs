//! Numbers typed into a form field, in French or English conventions.

use cxi_parse::parse_number;

/// Parses a number typed by a person: `1 234,56`, `1234.56`, `12,5 %`, `-3`.
///
/// Delegates to the data parser's [`parse_number`] (one number parser in the
/// app) with two form-field rules on top: a trailing `%` is ignored (the
/// field already says its unit, so `95 %` is 95, not 0.95), and a text with
/// both a comma and a point is refused rather than guessed (`1.234,5`).
/// Returns `None` for anything that is not a number, including `12,3,4`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    if t.contains(',') && t.contains('.') {
        return None;
    }
    parse_number(t).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn french_and_english_forms() {
        assert_eq!(parse_decimal("1 234,56"), Some(1234.56));
        assert_eq!(parse_decimal("1\u{202f}234,5"), Some(1234.5));
        assert_eq!(parse_decimal("1\u{a0}000"), Some(1000.0));
        assert_eq!(parse_decimal("1234.56"), Some(1234.56));
        assert_eq!(parse_decimal(" 95 % "), Some(95.0));
        assert_eq!(parse_decimal("-3"), Some(-3.0));
    }

    #[test]
    fn refuses_ambiguous_or_garbage() {
        for bad in [
            "", " ", "12,3,4", "1.234,5", "abc", "1e400", "NaN", "inf", "--1", "%",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
