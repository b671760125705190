//! Folding of header and month names for matching: `Date de commande`,
//! ` DATE_DE_COMMANDE ` and `date-de-commande` all become `date de commande`;
//! and [`trim`], `str::trim` for the cells of large columns.

/// `text.trim()`, without decoding characters when the first and last
/// bytes are visible ASCII (nearly every cell).
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: &u8| (b'!'..0x80).contains(b);
    let b = text.as_bytes();
    if b.first().is_none_or(visible) && b.last().is_none_or(visible) {
        text
    } else {
        text.trim()
    }
}

/// Lower case, accents removed (French and common Latin letters), every run
/// of non-alphanumeric characters turned into one space, trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let mapped: &str = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => {
                "a"
            }
            'ç' | 'Ç' => "c",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
            'ÿ' | 'Ÿ' => "y",
            'ñ' | 'Ñ' => "n",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            '%' => "%",
            '#' => "#",
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                for l in c.to_lowercase() {
                    out.push(l);
                }
                continue;
            }
            _ => {
                pending_space = true;
                continue;
            }
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(mapped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fold, trim};

    #[test]
    fn trim_is_str_trim() {
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a",
            "a\u{2009}",
            "\ta\r",
            "é",
            "\u{7f}",
            "x y",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("  Date de Commande "), "date de commande");
        assert_eq!(fold("DATE_DE_COMMANDE"), "date de commande");
        assert_eq!(fold("Chiffre d'affaires (€)"), "chiffre d affaires");
        assert_eq!(fold("Février"), "fevrier");
        assert_eq!(fold("N° client"), "n client");
        assert_eq!(fold("Taux %"), "taux %");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold(""), "");
    }
}
