//! Numbers typed into a form field, in French or English conventions.

/// Parses a number typed by a person: `1 234,56`, `1234.56`, `12,5 %`, `-3`.
///
/// Accepts a decimal comma or point, spaces (including no-break and narrow
/// no-break spaces) as thousands separators, and a trailing `%` which is
/// ignored (the field already says its unit). Returns `None` for anything
/// else, including both a comma and a point, so `12,3,4` is refused rather
/// than guessed.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let commas = cleaned.matches(',').count();
    let points = cleaned.matches('.').count();
    if commas + points > 1 {
        return None;
    }
    let normalised = cleaned.replace(',', ".");
    if !normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
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
