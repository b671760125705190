//! The one formatter of numbers, money and percentages: every sentence, label
//! and alt text of the app writes its numbers here, as `Intl.NumberFormat`
//! writes them for the same options, so a sentence reads like the figure
//! beside it.
//!
//! Conventions ([`Style`]): en-US `1,234.5`, `$1.2M`; en-GB `1,234.5`,
//! `US$1.2m`, `€3.4bn`; fr-FR `1 234,5` (narrow no-break space), `1,2 M €`,
//! `46 %` (no-break spaces), `3,4 Md €`. The interface's English is en-GB
//! (see [`Locale::tag`]).
//!
//! Rounding is Intl's: the shortest decimal that reads back as the same
//! `f64` (Rust's `Display`, as ECMAScript's `Number::toString`), rounded half
//! away from zero (`1.005` → `1.01`, `2.5` → `3`). One deliberate difference:
//! a negative number that rounds to zero is written `0`, not `-0` (Intl with
//! `signDisplay: "negative"`). Not finite → `—`.
//!
//! Reference: the tests below hold what Chromium 156 and Node 20 (both ICU
//! 78, CLDR 48) write; an in-browser test (`tests/web_format.rs`) checks the
//! same functions against the browser's own `Intl.NumberFormat`.

use crate::{Currency, Locale};

/// Narrow no-break space: French digit grouping.
const NNBSP: char = '\u{202f}';
/// No-break space: before `%`, a currency or a compact suffix in French.
const NBSP: char = '\u{a0}';

/// The number conventions of one BCP 47 language tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `en-US`.
    EnUs,
    /// `en-GB`, the interface's English.
    EnGb,
    /// `fr-FR`, the interface's French.
    FrFr,
}

impl From<Locale> for Style {
    fn from(l: Locale) -> Style {
        match l {
            Locale::En => Style::EnGb,
            Locale::Fr => Style::FrFr,
        }
    }
}

impl Style {
    /// The BCP 47 tag whose `Intl.NumberFormat` this style writes like.
    pub fn tag(self) -> &'static str {
        match self {
            Style::EnUs => "en-US",
            Style::EnGb => "en-GB",
            Style::FrFr => "fr-FR",
        }
    }

    fn french(self) -> bool {
        self == Style::FrFr
    }

    fn group(self) -> char {
        if self.french() {
            NNBSP
        } else {
            ','
        }
    }

    fn point(self) -> char {
        if self.french() {
            ','
        } else {
            '.'
        }
    }

    /// The currency's symbol in this language (`US$` in en-GB, `$US` in fr-FR).
    pub fn symbol(self, c: Currency) -> &'static str {
        match (c, self) {
            (Currency::Eur, _) => "€",
            (Currency::Gbp, Style::FrFr) => "£GB",
            (Currency::Gbp, _) => "£",
            (Currency::Usd, Style::EnUs) => "$",
            (Currency::Usd, Style::EnGb) => "US$",
            (Currency::Usd, Style::FrFr) => "$US",
            (Currency::Cad, Style::FrFr) => "$CA",
            (Currency::Cad, _) => "CA$",
            (Currency::Chf, _) => "CHF",
        }
    }

    /// Compact suffixes for thousands, millions, billions, trillions.
    fn compact_suffixes(self) -> [&'static str; 4] {
        match self {
            Style::EnUs => ["K", "M", "B", "T"],
            Style::EnGb => ["k", "m", "bn", "tn"],
            Style::FrFr => ["k", "M", "Md", "Bn"],
        }
    }
}

/// `|v|` rounded half away from zero at `decimals` decimals, from its
/// shortest decimal form: the integer digits and the fraction digits
/// (trailing zeros dropped). `v` must be finite.
fn round_digits(v: f64, decimals: u8) -> (String, String) {
    round_shifted(v, 0, decimals)
}

/// [`round_digits`] of `|v| × 10^shift`, the point moved in the decimal
/// form rather than multiplied in binary: as Intl scales percentages (×100)
/// and compact units (÷1000ᵏ), so 0.01005 is 1.005 % exactly and rounds
/// like 1.005 would not (its shortest form is 0.010049999999999998).
fn round_shifted(v: f64, shift: i32, decimals: u8) -> (String, String) {
    // Display of f64 is the shortest round-trip form, never in exponent form.
    let text = format!("{}", v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let mut point = int.len() as i64 + i64::from(shift);
    if point < 0 {
        let pad = (-point) as usize;
        all.splice(0..0, std::iter::repeat_n(b'0', pad));
        point = 0;
    }
    let point = point as usize;
    if all.len() < point {
        all.resize(point, b'0');
    }
    let keep = usize::from(decimals);
    let mut digits: Vec<u8> = all[..point].to_vec();
    let frac = &all[point..];
    digits.extend(
        frac.iter()
            .copied()
            .chain(std::iter::repeat(b'0'))
            .take(keep),
    );
    if frac.get(keep).is_some_and(|&d| d >= b'5') {
        // Carry from the last kept digit leftwards; 9.99 → 10.0.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - keep;
    let int = String::from_utf8_lossy(&digits[..split]);
    let int = match int.trim_start_matches('0') {
        "" => "0".to_string(),
        s => s.to_string(),
    };
    let frac = String::from_utf8_lossy(&digits[split..])
        .trim_end_matches('0')
        .to_string();
    (int, frac)
}

/// Digits with the style's grouping and decimal mark, padded to `min_frac`
/// decimals; `grouping` off for compact notation, which groups only from
/// five digits (Intl's `minimumGroupingDigits` 2 there).
fn join(style: Style, int: &str, frac: &str, grouping: bool, min_frac: usize) -> String {
    let mut out = String::with_capacity(int.len() + frac.len() + 8);
    let n = int.len();
    let group = grouping || n >= 5;
    for (i, c) in int.chars().enumerate() {
        if group && i > 0 && (n - i) % 3 == 0 {
            out.push(style.group());
        }
        out.push(c);
    }
    if !frac.is_empty() || min_frac > 0 {
        out.push(style.point());
        out.push_str(frac);
        for _ in frac.len()..min_frac {
            out.push('0');
        }
    }
    out
}

/// Whether `(int, frac)` is zero (a negative that rounds to zero loses its sign).
fn is_zero(int: &str, frac: &str) -> bool {
    int == "0" && frac.is_empty()
}

/// A plain number with at most `max_decimals` decimals, grouped:
/// `1,234,567.89`, `1 234 567,89` (Intl `{maximumFractionDigits}`).
pub fn number(style: impl Into<Style>, v: f64, max_decimals: u8) -> String {
    number_with(style, v, 0, max_decimals)
}

/// A plain number with between `min_decimals` and `max_decimals` decimals
/// (Intl `{minimumFractionDigits, maximumFractionDigits}`): `35.60`.
pub fn number_with(style: impl Into<Style>, v: f64, min_decimals: u8, max_decimals: u8) -> String {
    let style = style.into();
    if !v.is_finite() {
        return "—".into();
    }
    let (int, frac) = round_digits(v, max_decimals.max(min_decimals));
    let sign = if v < 0.0 && !is_zero(&int, &frac) {
        "-"
    } else {
        ""
    };
    format!(
        "{sign}{}",
        join(style, &int, &frac, true, usize::from(min_decimals))
    )
}

/// A fraction as a percentage with at most `max_decimals` decimals:
/// `0.4556` → `45.6%` / `45,6 %` (Intl `{style: "percent"}`).
pub fn percent(style: impl Into<Style>, fraction: f64, max_decimals: u8) -> String {
    let style = style.into();
    if !fraction.is_finite() {
        return "—".into();
    }
    let (int, frac) = round_shifted(fraction, 2, max_decimals);
    let sign = if fraction < 0.0 && !is_zero(&int, &frac) {
        "-"
    } else {
        ""
    };
    let n = join(style, &int, &frac, true, 0);
    if style.french() {
        format!("{sign}{n}{NBSP}%")
    } else {
        format!("{sign}{n}%")
    }
}

/// Puts the currency on a formatted magnitude (`1,234`, `1.2m`), with the sign
/// in front: `-€1,234`, `-CHF 1,234`, `-1 234 €`.
fn with_currency(style: Style, c: Currency, negative: bool, n: &str) -> String {
    let sign = if negative { "-" } else { "" };
    let sym = style.symbol(c);
    if style.french() {
        format!("{sign}{n}{NBSP}{sym}")
    } else if c == Currency::Chf {
        format!("{sign}{sym}{NBSP}{n}")
    } else {
        format!("{sign}{sym}{n}")
    }
}

/// An amount with between `min_decimals` and `max_decimals` decimals:
/// Intl `{style: "currency", currency, minimumFractionDigits,
/// maximumFractionDigits}`.
pub fn money_with(
    style: impl Into<Style>,
    c: Currency,
    v: f64,
    min_decimals: u8,
    max_decimals: u8,
) -> String {
    let style = style.into();
    if !v.is_finite() {
        return "—".into();
    }
    let (int, frac) = round_digits(v, max_decimals.max(min_decimals));
    let n = join(style, &int, &frac, true, usize::from(min_decimals));
    with_currency(style, c, v < 0.0 && !is_zero(&int, &frac), &n)
}

/// An amount in whole currency units: `€1,403,462`, `1 403 462 €`
/// (Intl `{style: "currency", maximumFractionDigits: 0}`).
pub fn money_whole(style: impl Into<Style>, c: Currency, v: f64) -> String {
    money_with(style, c, v, 0, 0)
}

/// An amount with its cents: `€1,234.50`, `1 234,50 €` (Intl's currency default).
pub fn money_exact(style: impl Into<Style>, c: Currency, v: f64) -> String {
    money_with(style, c, v, 2, 2)
}

/// Compact form of `|v|` with at most `max_decimals` decimals after scaling:
/// the scaled digits and the index of the suffix (None below a thousand).
fn compact_digits(v: f64, max_decimals: u8) -> (String, String, Option<usize>) {
    let a = v.abs();
    // The unit is chosen on the rounded value, so 999,950 reads 1m, not 1000k.
    let mut k: usize = if a >= 1e12 {
        4
    } else if a >= 1e9 {
        3
    } else if a >= 1e6 {
        2
    } else if a >= 1e3 {
        1
    } else {
        0
    };
    loop {
        let (int, frac) = round_shifted(a, -3 * k as i32, max_decimals);
        if int.len() > 3 && k < 4 {
            k += 1;
            continue;
        }
        return (int, frac, k.checked_sub(1));
    }
}

/// A compact amount with at most `max_decimals` decimals after scaling:
/// `€1.2m`, `US$45.6k`, `1,2 M €` (Intl `{style: "currency", notation:
/// "compact", maximumFractionDigits}`).
pub fn money_compact(style: impl Into<Style>, c: Currency, v: f64, max_decimals: u8) -> String {
    let style = style.into();
    if !v.is_finite() {
        return "—".into();
    }
    let (int, frac, unit) = compact_digits(v, max_decimals);
    let negative = v < 0.0 && !is_zero(&int, &frac);
    let n = join(style, &int, &frac, unit.is_none(), 0);
    let n = match unit {
        None => n,
        Some(u) if style.french() => format!("{n}{NBSP}{}", style.compact_suffixes()[u]),
        Some(u) => format!("{n}{}", style.compact_suffixes()[u]),
    };
    with_currency(style, c, negative, &n)
}

/// A compact plain number: `1.2k`, `12.3K`, `1,2 k` (Intl `{notation:
/// "compact", maximumFractionDigits}`).
pub fn number_compact(style: impl Into<Style>, v: f64, max_decimals: u8) -> String {
    let style = style.into();
    if !v.is_finite() {
        return "—".into();
    }
    let (int, frac, unit) = compact_digits(v, max_decimals);
    let sign = if v < 0.0 && !is_zero(&int, &frac) {
        "-"
    } else {
        ""
    };
    let n = join(style, &int, &frac, unit.is_none(), 0);
    match unit {
        None => format!("{sign}{n}"),
        Some(u) if style.french() => format!("{sign}{n}{NBSP}{}", style.compact_suffixes()[u]),
        Some(u) => format!("{sign}{n}{}", style.compact_suffixes()[u]),
    }
}

/// An amount inside a sentence: cents below 100 (`€99.35`), whole units
/// below 10,000 (`€2,500`), then compact (`€46k`, `€1.2m`, `€3.4bn`; `46 k €`,
/// `1,2 M €`, `3,4 Md €`) with no decimal for thousands and one above.
pub fn money(style: impl Into<Style>, c: Currency, v: f64) -> String {
    let style = style.into();
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    if a < 100.0 {
        money_with(style, c, v, 0, 2)
    } else if a < 1e4 {
        money_whole(style, c, v)
    } else if a < 1e6 && round_shifted(a, -3, 0).0.len() <= 3 {
        money_compact(style, c, v, 0)
    } else {
        money_compact(style, c, v, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Currency::*;
    use Style::*;

    /// Reference: `new Intl.NumberFormat(tag, {maximumFractionDigits: 2}).format(v)`
    /// in Chromium 156 and Node 20.20 (ICU 78.2, CLDR 48).
    #[test]
    fn numbers_as_intl() {
        for (style, v, out) in [
            (EnUs, 1234567.891, "1,234,567.89"),
            (EnGb, 1234567.891, "1,234,567.89"),
            (FrFr, 1234567.891, "1\u{202f}234\u{202f}567,89"),
            (EnGb, 7.0, "7"),
            (EnGb, -0.04, "-0.04"),
            (FrFr, -12.5, "-12,5"),
            (FrFr, 0.5, "0,5"),
            (EnUs, 999.0, "999"),
            (FrFr, 1234.0, "1\u{202f}234"),
            // Half away from zero on the shortest decimal form.
            (EnUs, 1.005, "1.01"),
            (EnUs, 0.125, "0.13"),
            (EnUs, 0.045, "0.05"),
            (EnUs, 1e21, "1,000,000,000,000,000,000,000"),
            (EnUs, 0.000001, "0"),
        ] {
            assert_eq!(number(style, v, 2), out, "{style:?} {v}");
        }
        assert_eq!(number(EnUs, 1.45, 1), "1.5");
        assert_eq!(number(EnUs, 2.5, 0), "3");
        assert_eq!(number(EnUs, -2.5, 0), "-3");
        assert_eq!(number(EnUs, 999.95, 1), "1,000");
        assert_eq!(number(EnUs, 9999.5, 0), "10,000");
        // Intl writes -0 here; with signDisplay "negative" it writes 0, as we do.
        assert_eq!(number(EnUs, -0.004, 2), "0");
        assert_eq!(number(EnGb, -0.04, 1), "0");
        assert_eq!(number_with(EnGb, 35.6, 2, 2), "35.60");
        assert_eq!(number(EnGb, f64::NAN, 2), "—");
    }

    /// Reference: `{style: "percent", maximumFractionDigits: 1}` (same engines).
    #[test]
    fn percents_as_intl() {
        for (style, v, out) in [
            (EnUs, 0.4596, "46%"),
            (EnGb, 0.4556, "45.6%"),
            (EnGb, -0.031, "-3.1%"),
            (FrFr, 0.4596, "46\u{a0}%"),
            (FrFr, 0.4556, "45,6\u{a0}%"),
            (FrFr, -0.031, "-3,1\u{a0}%"),
            (FrFr, -0.0001, "0\u{a0}%"),
            (FrFr, 0.105, "10,5\u{a0}%"),
        ] {
            assert_eq!(percent(style, v, 1), out, "{style:?} {v}");
        }
        assert_eq!(percent(FrFr, 0.454, 0), "45\u{a0}%");
        // Scaled in decimal, as Intl: 0.01005 is 1.005 % (→ 1.01 %), while
        // 1.005 / 100 is 0.010049999999999998 (→ 1 %).
        assert_eq!(percent(EnUs, 0.01005, 2), "1.01%");
        assert_eq!(percent(EnUs, 1.005 / 100.0, 2), "1%");
        assert_eq!(percent(EnGb, f64::INFINITY, 1), "—");
    }

    /// Reference: `{style: "currency", currency, maximumFractionDigits: 0}`
    /// and the currency default (two decimals), same engines.
    #[test]
    fn money_as_intl() {
        for (style, c, v, out) in [
            (EnUs, Eur, 1234000.0, "€1,234,000"),
            (EnUs, Usd, -2500.0, "-$2,500"),
            (EnGb, Usd, -2500.0, "-US$2,500"),
            (EnGb, Chf, 45600.0, "CHF\u{a0}45,600"),
            (EnGb, Chf, -2500.0, "-CHF\u{a0}2,500"),
            (EnGb, Cad, 99.35, "CA$99"),
            (EnGb, Gbp, 1403462.46, "£1,403,462"),
            (EnGb, Eur, 1234.4, "€1,234"),
            (EnGb, Usd, -12.0, "-US$12"),
            (FrFr, Eur, 1234000.0, "1\u{202f}234\u{202f}000\u{a0}€"),
            (FrFr, Usd, -2500.0, "-2\u{202f}500\u{a0}$US"),
            (FrFr, Gbp, 45600.0, "45\u{202f}600\u{a0}£GB"),
            (FrFr, Cad, 99.35, "99\u{a0}$CA"),
            (
                FrFr,
                Chf,
                3.4e9,
                "3\u{202f}400\u{202f}000\u{202f}000\u{a0}CHF",
            ),
        ] {
            assert_eq!(money_whole(style, c, v), out, "{style:?} {c:?} {v}");
        }
        assert_eq!(money_exact(EnGb, Eur, -1234.5), "-€1,234.50");
        assert_eq!(money_exact(EnGb, Chf, -1234.5), "-CHF\u{a0}1,234.50");
        assert_eq!(money_exact(FrFr, Eur, -1234.5), "-1\u{202f}234,50\u{a0}€");
        assert_eq!(money_exact(EnGb, Eur, 99.3), "€99.30");
        assert_eq!(money_with(EnGb, Eur, 99.3, 0, 2), "€99.3");
        assert_eq!(money_with(FrFr, Eur, 99.35, 0, 2), "99,35\u{a0}€");
        assert_eq!(money_exact(EnGb, Eur, -0.001), "€0.00");
    }

    /// Reference: `{style: "currency", currency, notation: "compact",
    /// maximumFractionDigits: 1}` and `{notation: "compact", ...}`, same engines.
    #[test]
    fn compact_as_intl() {
        for (style, c, v, out) in [
            (EnUs, Eur, 1234000.0, "€1.2M"),
            (EnUs, Eur, 45600.0, "€45.6K"),
            (EnUs, Usd, -2500.0, "-$2.5K"),
            (EnUs, Eur, 99.35, "€99.4"),
            (EnUs, Eur, 3.4e9, "€3.4B"),
            (EnUs, Eur, 1.5e12, "€1.5T"),
            (EnGb, Eur, 1234000.0, "€1.2m"),
            (EnGb, Usd, 45600.0, "US$45.6k"),
            (EnGb, Gbp, -2500.0, "-£2.5k"),
            (EnGb, Chf, 1403462.46, "CHF\u{a0}1.4m"),
            (EnGb, Cad, 3.4e9, "CA$3.4bn"),
            (EnGb, Eur, 1.5e12, "€1.5tn"),
            (FrFr, Eur, 1234000.0, "1,2\u{a0}M\u{a0}€"),
            (FrFr, Usd, 45600.0, "45,6\u{a0}k\u{a0}$US"),
            (FrFr, Gbp, -2500.0, "-2,5\u{a0}k\u{a0}£GB"),
            (FrFr, Chf, 99.35, "99,4\u{a0}CHF"),
            (FrFr, Cad, 3.4e9, "3,4\u{a0}Md\u{a0}$CA"),
            (FrFr, Eur, 1.5e12, "1,5\u{a0}Bn\u{a0}€"),
        ] {
            assert_eq!(money_compact(style, c, v, 1), out, "{style:?} {c:?} {v}");
        }
        for (style, v, out) in [
            (EnUs, 950.0, "950"),
            (EnUs, 1000.0, "1K"),
            (EnUs, 1234.0, "1.2K"),
            (EnUs, 12345.0, "12.3K"),
            (EnUs, 999999.0, "1M"),
            (EnGb, 1234.0, "1.2k"),
            (EnGb, 999999.0, "1m"),
            (EnGb, 1.5e12, "1.5tn"),
            (EnGb, 2e15, "2000tn"),
            (FrFr, 1000.0, "1\u{a0}k"),
            (FrFr, 12345.0, "12,3\u{a0}k"),
            (FrFr, 999999.0, "1\u{a0}M"),
            (FrFr, 1.5e12, "1,5\u{a0}Bn"),
        ] {
            assert_eq!(number_compact(style, v, 1), out, "{style:?} {v}");
        }
    }

    /// The sentence rule, built from the Intl forms above.
    #[test]
    fn money_in_sentences() {
        assert_eq!(money(EnGb, Eur, 1_234_000.0), "€1.2m");
        assert_eq!(money(EnUs, Eur, 1_234_000.0), "€1.2M");
        assert_eq!(money(FrFr, Eur, 1_234_000.0), "1,2\u{a0}M\u{a0}€");
        assert_eq!(money(EnGb, Eur, 45_600.0), "€46k");
        assert_eq!(money(FrFr, Eur, 45_600.0), "46\u{a0}k\u{a0}€");
        assert_eq!(money(EnGb, Usd, -2_500.0), "-US$2,500");
        assert_eq!(money(FrFr, Eur, 99.35), "99,35\u{a0}€");
        assert_eq!(money(EnGb, Eur, 99.3), "€99.3");
        assert_eq!(money(EnGb, Eur, 9_999.4), "€9,999");
        // Units follow the rounded value: 999,950 is €1.0m rounded, said €1m.
        assert_eq!(money(EnGb, Eur, 999_950.0), "€1m");
        assert_eq!(money(EnGb, Eur, 999_400.0), "€999k");
        assert_eq!(money(FrFr, Eur, 3.4e9), "3,4\u{a0}Md\u{a0}€");
        assert_eq!(money(EnGb, Gbp, f64::NAN), "—");
    }

    #[test]
    fn locales_map_to_their_style() {
        assert_eq!(Style::from(Locale::En).tag(), Locale::En.tag());
        assert_eq!(Style::from(Locale::Fr).tag(), Locale::Fr.tag());
    }
}
