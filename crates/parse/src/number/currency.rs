//! Currency symbols and codes before or after a number, and the spaces
//! around them.

/// The currency a number's text names (`1 234,56 €`, `$12`, `CHF 5`), if it
/// is one the app offers. A bare `$` is read as US dollars.
pub fn currency_of(text: &str) -> Option<cxi_types::Currency> {
    use cxi_types::Currency;
    let t = text.trim_matches(is_space);
    let mark = strip_currency_prefix(t)
        .map(|rest| &t[..t.len() - rest.len()])
        .or_else(|| {
            let t = t.trim_end_matches('%').trim_end_matches(is_space);
            strip_currency_suffix(t).map(|rest| &t[rest.len()..])
        })?;
    match mark.to_ascii_uppercase().as_str() {
        "€" | "EUR" | "EURO" | "EUROS" => Some(Currency::Eur),
        "$" | "US$" | "USD" => Some(Currency::Usd),
        "£" | "GBP" => Some(Currency::Gbp),
        "CHF" | "FR." => Some(Currency::Chf),
        "CAD" => Some(Currency::Cad),
        _ => None,
    }
}

pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\r' | '\n'
    )
}

// Longer codes first so that `EUROS` is not read as `EUR` + `OS`.
pub(super) const CURRENCIES: [&str; 16] = [
    "EUROS", "EURO", "US$", "€", "$", "£", "¥", "₹", "EUR", "USD", "GBP", "CHF", "CAD", "JPY",
    "AUD", "Fr.",
];

pub(super) fn strip_currency_prefix(s: &str) -> Option<&str> {
    // Most cells start with a digit: no currency to look for.
    if s.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    CURRENCIES.iter().find_map(|c| {
        let head = s.get(..c.len())?;
        head.eq_ignore_ascii_case(c).then(|| &s[c.len()..])
    })
}

pub(super) fn strip_currency_suffix(s: &str) -> Option<&str> {
    if s.as_bytes().last().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    CURRENCIES.iter().find_map(|c| {
        let cut = s.len().checked_sub(c.len())?;
        let tail = s.get(cut..)?;
        tail.eq_ignore_ascii_case(c).then(|| &s[..cut])
    })
}
