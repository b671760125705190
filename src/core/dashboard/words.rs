//! Numbers inside sentences ("pays back in 7 months"), written as the
//! language writes them. Figures shown on their own go through the UI's
//! `Intl.NumberFormat`; a reading is one string built in the core, so its
//! numbers are written here with the same conventions (en-GB: `€1.2M`,
//! `1,234.5`, `46%`; fr-FR: `1,2 M€`, `1 234,5`, `46 %`, narrow no-break
//! spaces as Intl puts them).

use super::super::i18n::Locale;
use super::super::scenario::Currency;

const NNBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// `v` with at most `decimals` decimals (trailing zeros dropped) and
/// thousands grouped; "—" when not finite.
pub fn number(locale: Locale, v: f64, decimals: u8) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let text = format!("{:.*}", usize::from(decimals), v.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let (group, point) = match locale {
        Locale::En => (',', '.'),
        Locale::Fr => (NNBSP, ','),
    };
    let mut out = String::with_capacity(text.len() + 8);
    if v < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        out.push('-');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A fraction as a percentage: `0.4596` → `46%` / `46 %` (0 decimals) or
/// `46.0%` with `decimals`.
pub fn percent(locale: Locale, fraction: f64, decimals: u8) -> String {
    if !fraction.is_finite() {
        return "—".into();
    }
    let n = number(locale, fraction * 100.0, decimals);
    match locale {
        Locale::En => format!("{n}%"),
        Locale::Fr => format!("{n}{NNBSP}%"),
    }
}

fn symbol(locale: Locale, c: Currency) -> &'static str {
    match (c, locale) {
        (Currency::Eur, _) => "€",
        (Currency::Gbp, _) => "£",
        (Currency::Usd, Locale::En) => "US$",
        (Currency::Usd, Locale::Fr) => "$US",
        (Currency::Cad, Locale::En) => "CA$",
        (Currency::Cad, Locale::Fr) => "$CA",
        (Currency::Chf, _) => "CHF",
    }
}

/// An amount for a sentence: whole units up to 10,000 (cents below 100),
/// then compact (`€12K`, `€1.2M`, `€3.4B`; `12 k€`, `1,2 M€`, `3,4 Md€`).
pub fn money(locale: Locale, c: Currency, v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    let (scaled, suffix_en, suffix_fr, decimals) = if a >= 1e9 {
        (v / 1e9, "B", "Md", 1)
    } else if a >= 1e6 {
        (v / 1e6, "M", "M", 1)
    } else if a >= 1e4 {
        (v / 1e3, "K", "k", 0)
    } else if a >= 100.0 {
        (v, "", "", 0)
    } else {
        (v, "", "", 2)
    };
    let n = number(locale, scaled, decimals);
    let sym = symbol(locale, c);
    match locale {
        Locale::En => {
            let (sign, n) = match n.strip_prefix('-') {
                Some(rest) => ("-", rest.to_string()),
                None => ("", n),
            };
            let gap = if sym == "CHF" { " " } else { "" };
            format!("{sign}{sym}{gap}{n}{suffix_en}")
        }
        Locale::Fr if suffix_fr.is_empty() => format!("{n}{NBSP}{sym}"),
        Locale::Fr => format!("{n}{NNBSP}{suffix_fr}{sym}"),
    }
}

/// A duration in months: `7.3 months` / `7,3 mois`.
pub fn months(locale: Locale, v: f64) -> String {
    let n = number(locale, v, 1);
    match locale {
        Locale::En if (v - 1.0).abs() < 0.05 => format!("{n} month"),
        Locale::En => format!("{n} months"),
        Locale::Fr => format!("{n}{NBSP}mois"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: what `Intl.NumberFormat('en-GB' | 'fr-FR')` writes for the
    /// same values (grouping, decimal mark, narrow no-break spaces).
    #[test]
    fn as_intl_writes_them() {
        assert_eq!(number(Locale::En, 1234567.891, 2), "1,234,567.89");
        assert_eq!(
            number(Locale::Fr, 1234567.891, 2),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(number(Locale::En, 7.0, 1), "7");
        assert_eq!(number(Locale::En, -0.04, 1), "0");
        assert_eq!(number(Locale::En, -12.5, 1), "-12.5");
        assert_eq!(number(Locale::En, 999.0, 0), "999");
        assert_eq!(percent(Locale::En, 0.4596, 0), "46%");
        assert_eq!(percent(Locale::Fr, 0.4596, 1), "46\u{202f}%");
        assert_eq!(percent(Locale::Fr, 0.4556, 1), "45,6\u{202f}%");
        assert_eq!(money(Locale::En, Currency::Eur, 1_234_000.0), "€1.2M");
        assert_eq!(
            money(Locale::Fr, Currency::Eur, 1_234_000.0),
            "1,2\u{202f}M€"
        );
        assert_eq!(money(Locale::En, Currency::Eur, 45_600.0), "€46K");
        assert_eq!(money(Locale::En, Currency::Usd, -2_500.0), "-US$2,500");
        assert_eq!(money(Locale::Fr, Currency::Eur, 99.35), "99,35\u{a0}€");
        assert_eq!(money(Locale::En, Currency::Gbp, f64::NAN), "—");
        assert_eq!(months(Locale::En, 7.26), "7.3 months");
        assert_eq!(months(Locale::Fr, 7.26), "7,3\u{a0}mois");
    }
}
