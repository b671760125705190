//! Numbers as spreadsheets print them, in French and English conventions.
//!
//! Accepted, in any combination that makes sense:
//! * a decimal comma or point: `1234,56`, `1234.56`, `,5`;
//! * thousands separators: space, no-break space U+00A0, narrow no-break
//!   space U+202F, thin space U+2009, apostrophe (`1'234`, Swiss), and the
//!   `.` or `,` that is not the decimal separator (`1.234,56`, `1,234.56`);
//!   groups after the first must have exactly three digits, so `12,3,4` is
//!   refused rather than guessed;
//! * a currency symbol or ISO code before or after: `€`, `$`, `£`, `¥`, `₹`,
//!   `EUR`, `USD`, `GBP`, `CHF`, `CAD`, `JPY`, `US$`, `Fr.` (`1 234,56 €`);
//! * a trailing percent sign: `5 %` and `5%` read as the fraction `0.05`
//!   (rates in the core are fractions, see the brief);
//! * a leading `-`, `+` or `−` (U+2212), or accounting parentheses `(12,50)`;
//! * a scientific exponent as Excel writes large numbers: `1,5E+06`.
//!
//! A lone `,` or `.` followed by exactly three digits (`1,234`) is ambiguous:
//! 1234 in an English column, 1.234 in a French one. [`parse_number`] reads
//! the lone separator as the decimal one; [`parse_number_with`] takes the
//! column's convention, found by [`detect_decimal_separator`] from all its
//! cells.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which of `.` and `,` marks the decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalSeparator {
    /// `1,234.56` (English).
    Point,
    /// `1 234,56` or `1.234,56` (French, German...).
    Comma,
}

impl DecimalSeparator {
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Point => '.',
            DecimalSeparator::Comma => ',',
        }
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberErrorKind {
    /// Nothing but spaces.
    Empty,
    /// Not a number in any convention.
    NotANumber,
    /// A number, but not in the column's decimal convention (`1,5` in a
    /// column that uses `.` for decimals).
    WrongDecimalSeparator(DecimalSeparator),
    /// Too large for a 64-bit float (`1e400`).
    OutOfRange,
}

/// A text that could not be read as a number, with the text (cut to
/// [`MAX_SHOWN`] characters so that a huge garbage cell stays printable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    pub text: String,
    pub kind: NumberErrorKind,
}

/// How many characters of a bad value an error message repeats.
pub const MAX_SHOWN: usize = 60;

/// `text` cut to [`MAX_SHOWN`] characters, with `…` when cut.
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(MAX_SHOWN) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}

impl NumberError {
    fn new(text: &str, kind: NumberErrorKind) -> Self {
        NumberError {
            text: shown(text),
            kind,
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            NumberErrorKind::Empty => write!(f, "empty cell, expected a number"),
            NumberErrorKind::NotANumber => write!(f, "\"{}\" is not a number", self.text),
            NumberErrorKind::WrongDecimalSeparator(sep) => write!(
                f,
                "\"{}\" is not a number in this column, which uses \"{}\" for decimals",
                self.text,
                sep.as_char()
            ),
            NumberErrorKind::OutOfRange => write!(f, "\"{}\" is too large a number", self.text),
        }
    }
}

impl std::error::Error for NumberError {}

/// Parses a number; a lone `,` or `.` is the decimal separator, so `1,234`
/// is 1.234 (use [`parse_number_with`] and the column's convention to read it
/// as 1234). Percentages are fractions: `5 %` is `0.05`.
///
/// ```
/// use cxi_parse::parse_number;
/// assert_eq!(parse_number("1 234,56 €"), Ok(1234.56));
/// assert_eq!(parse_number("(1,234.50)"), Ok(-1234.5));
/// assert_eq!(parse_number("5 %"), Ok(0.05));
/// assert!(parse_number("12,3,4").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    parse_number_with(text, None)
}

/// Parses a number in a column whose decimal separator is known (`Some`) or
/// not (`None`: a lone separator is the decimal one).
pub fn parse_number_with(
    text: &str,
    decimal: Option<DecimalSeparator>,
) -> Result<f64, NumberError> {
    // Fast path for the common plain cell (`123`, `45.6`, `-7,25`): no
    // stripping, no separator analysis beyond one scan.
    if let Some(v) = fast_plain(text.as_bytes(), decimal) {
        return Ok(v);
    }
    // Second fast path for spreadsheet money: `1 234,56 €`, `12,5 %`.
    if let Some(g) = scan_grouped(text.as_bytes()) {
        if let Some(v) = g.value(decimal) {
            return Ok(v);
        }
    }
    general(text, decimal)
}

/// [`parse_number_with`] without its fast paths: the reference the fast
/// paths are checked against by fuzzing and property tests.
#[doc(hidden)]
pub fn parse_number_reference(
    text: &str,
    decimal: Option<DecimalSeparator>,
) -> Result<f64, NumberError> {
    general(text, decimal)
}

/// One cell's vote on its column's decimal separator, with the fast paths
/// (`fast == true`) or without.
#[doc(hidden)]
pub fn cell_decimal_vote(text: &str, fast: bool) -> Option<DecimalSeparator> {
    if fast {
        evidence(text)
    } else {
        general_evidence(text)
    }
}

/// A cell of the plain form `-?digits([.,]digits)?` (up to 19 digits),
/// read in one scan for typing a whole column: what it is worth when its
/// separator, if any, is the decimal one, and what it says about the
/// column's separator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plain {
    /// The value with the separator read as the decimal one.
    pub value: f64,
    /// `b'.'`, `b','`, or 0 for an integer.
    pub sep: u8,
    /// `1,234`: the separator could also group thousands, so the value
    /// depends on the column's convention.
    pub could_group: bool,
}

impl Plain {
    /// Its vote on the column's decimal separator, as
    /// [`detect_decimal_separator`] counts it.
    #[inline]
    pub(crate) fn vote(&self) -> Option<DecimalSeparator> {
        match (self.sep, self.could_group) {
            (b'.', false) => Some(DecimalSeparator::Point),
            (b',', false) => Some(DecimalSeparator::Comma),
            _ => None,
        }
    }
}

/// Powers of ten that are exact in an `f64` (10^22 is the largest).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads a [`Plain`] cell, or `None` for anything else (left to
/// [`parse_number_with`]).
///
/// # Formula
/// The digits as an integer `m` and the count `k` of decimals give
/// `m / 10^k`. With `m <= 2^53` and `k <= 22` both are exact `f64`s, so
/// the one division is correctly rounded: the same `f64` as a correctly
/// rounded decimal parser (Clinger 1990, "How to read floating point
/// numbers accurately", the fast path Rust's own `f64::from_str` takes).
#[inline]
pub(crate) fn plain(b: &[u8]) -> Option<Plain> {
    let n = b.len();
    if n == 0 || n > 21 {
        return None;
    }
    let neg = b[0] == b'-';
    let start = usize::from(neg);
    let mut i = start;
    let mut m: u64 = 0;
    while i < n && b[i].is_ascii_digit() {
        m = m.wrapping_mul(10).wrapping_add(u64::from(b[i] - b'0'));
        i += 1;
    }
    let before = i - start;
    if before == 0 {
        return None;
    }
    let (mut sep, mut after) = (0, 0);
    if i < n {
        sep = b[i];
        if sep != b'.' && sep != b',' {
            return None;
        }
        i += 1;
        let from = i;
        while i < n && b[i].is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(b[i] - b'0'));
            i += 1;
        }
        after = i - from;
        if after == 0 || i < n {
            return None;
        }
    }
    // Up to 19 digits the sums above did not wrap; beyond 2^53 the
    // integer is not exact in an f64.
    if before + after > 19 || m > 1 << 53 {
        return None;
    }
    let v = m as f64 / POW10[after];
    Some(Plain {
        value: if neg { -v } else { v },
        sep,
        could_group: after == 3 && before <= 3 && b[start] != b'0',
    })
}

/// [`plain`], or else a number grouped as spreadsheets print money and
/// rates (`1 234,56 €`, `12,5 %`, see [`scan_grouped`]), read the same way:
/// the cells a column is typed with in one pass.
#[inline]
pub(crate) fn column_cell(b: &[u8]) -> Option<Plain> {
    plain(b).or_else(|| grouped(b))
}

/// A grouped cell as a [`Plain`]: its value when its separator is the
/// decimal one, by the formula of [`plain`] (a percentage is two more
/// decimals).
fn grouped(b: &[u8]) -> Option<Plain> {
    let g = scan_grouped(b)?;
    let vote = g.evidence();
    let (mut m, mut digits, mut decimals, mut after_sep) = (0u64, 0usize, 0usize, false);
    for &c in &g.buf[..g.len] {
        match c {
            b'0'..=b'9' => {
                m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
                digits += 1;
                decimals += usize::from(after_sep);
            }
            b'.' => after_sep = true,
            _ => {}
        }
    }
    let decimals = decimals + if g.percent { 2 } else { 0 };
    if digits > 19 || m > 1 << 53 || decimals >= POW10.len() {
        return None;
    }
    let v = m as f64 / POW10[decimals];
    let sep = g.sep.unwrap_or(0);
    Some(Plain {
        value: if g.buf[0] == b'-' { -v } else { v },
        sep,
        could_group: sep != 0 && vote.is_none(),
    })
}

/// One cell's vote on its column's decimal separator, as
/// [`detect_decimal_separator`] counts it.
#[inline]
pub(crate) fn decimal_vote(text: &str) -> Option<DecimalSeparator> {
    evidence(text)
}

/// The full analysis, for everything the fast paths leave.
fn general(text: &str, decimal: Option<DecimalSeparator>) -> Result<f64, NumberError> {
    let core = strip(text).map_err(|k| NumberError::new(text, k))?;
    let layout = layout(core.digits).map_err(|k| NumberError::new(text, k))?;
    let dec = resolve(&layout, decimal).map_err(|k| NumberError::new(text, k))?;
    build_and_parse(&core, &layout, dec).map_err(|k| NumberError::new(text, k))
}

/// Digits with at most one `.` or `,` (taken as the decimal separator only
/// when allowed by `decimal`) and an optional leading `-`. Returns `None` to
/// defer to the general path, never a wrong value.
#[inline]
fn fast_plain(b: &[u8], decimal: Option<DecimalSeparator>) -> Option<f64> {
    if b.is_empty() || b.len() > 24 {
        return None;
    }
    let mut buf = [0u8; 24];
    let mut sep_at = usize::MAX;
    let start = usize::from(b[0] == b'-');
    if start == b.len() {
        return None;
    }
    for (i, &c) in b.iter().enumerate().skip(start) {
        match c {
            b'0'..=b'9' => buf[i] = c,
            b'.' | b',' if sep_at == usize::MAX => {
                sep_at = i;
                buf[i] = b'.';
            }
            _ => return None,
        }
    }
    if sep_at != usize::MAX {
        let digits_after = b.len() - sep_at - 1;
        let digits_before = sep_at - start;
        let is_comma = b[sep_at] == b',';
        let allowed = match decimal {
            Some(DecimalSeparator::Point) => !is_comma,
            Some(DecimalSeparator::Comma) => is_comma,
            // Lone separator followed by three digits is the ambiguous case;
            // the general path handles it with the same rule, but keep the
            // fast path strict so both agree by construction.
            None => true,
        };
        if !allowed || digits_after == 0 || digits_before == 0 {
            return None;
        }
    }
    buf[0] = b[0];
    let s = std::str::from_utf8(&buf[..b.len()]).ok()?;
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number as French and English spreadsheets print money and rates:
/// optional `-`, digits grouped by spaces (ASCII, U+00A0 or U+202F, groups
/// of three after the first), at most one `,` or `.`, then optionally a
/// space and `€` or `%`. Digits are copied into `buf` with `.` for the
/// separator, ready for `f64::from_str`.
struct Grouped {
    buf: [u8; 48],
    len: usize,
    /// The `,` or `.` and the digit counts around it, if any.
    sep: Option<u8>,
    groups: usize,
    first_group: usize,
    frac: usize,
    percent: bool,
}

/// Length of a space-like separator at the start of `b`: ASCII space,
/// U+00A0 (`C2 A0`) or U+202F (`E2 80 AF`).
#[inline]
fn space_len(b: &[u8]) -> usize {
    match b {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0xAF, ..] => 3,
        _ => 0,
    }
}

fn scan_grouped(b: &[u8]) -> Option<Grouped> {
    let n = b.len();
    if n == 0 || n > 40 {
        return None;
    }
    let mut g = Grouped {
        buf: [0; 48],
        len: 0,
        sep: None,
        groups: 0,
        first_group: 0,
        frac: 0,
        percent: false,
    };
    let mut i = 0;
    if b[0] == b'-' {
        g.buf[0] = b'-';
        g.len = 1;
        i = 1;
    }
    loop {
        let start = i;
        while i < n && b[i].is_ascii_digit() {
            g.buf[g.len] = b[i];
            g.len += 1;
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || (g.groups > 0 && digits != 3) {
            return None;
        }
        if g.groups == 0 {
            g.first_group = digits;
        }
        g.groups += 1;
        let sl = space_len(&b[i..]);
        if sl > 0 && b.get(i + sl).is_some_and(u8::is_ascii_digit) {
            i += sl;
            continue;
        }
        break;
    }
    if g.groups > 1 && g.first_group > 3 {
        return None;
    }
    if i < n && matches!(b[i], b',' | b'.') {
        g.sep = Some(b[i]);
        g.buf[g.len] = b'.';
        g.len += 1;
        i += 1;
        let start = i;
        while i < n && b[i].is_ascii_digit() {
            g.buf[g.len] = b[i];
            g.len += 1;
            i += 1;
        }
        g.frac = i - start;
        if g.frac == 0 {
            return None;
        }
    }
    let rest = &b[i..];
    let rest = &rest[space_len(rest)..];
    match rest {
        [] => {}
        [0xE2, 0x82, 0xAC] => {} // €
        [b'%'] => g.percent = true,
        _ => return None,
    }
    Some(g)
}

impl Grouped {
    /// The value, or `None` when the column's convention makes the
    /// separator a thousands one (the general path decides then).
    fn value(mut self, decimal: Option<DecimalSeparator>) -> Option<f64> {
        if let (Some(sep), Some(conv)) = (self.sep, decimal) {
            let conv = match conv {
                DecimalSeparator::Point => b'.',
                DecimalSeparator::Comma => b',',
            };
            if sep != conv {
                return None;
            }
        }
        if self.percent {
            self.buf[self.len..self.len + 3].copy_from_slice(b"e-2");
            self.len += 3;
        }
        let s = std::str::from_utf8(&self.buf[..self.len]).ok()?;
        s.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    /// What this cell says about its column's decimal separator.
    fn evidence(&self) -> Option<DecimalSeparator> {
        let sep = self.sep?;
        let vote = if sep == b'.' {
            DecimalSeparator::Point
        } else {
            DecimalSeparator::Comma
        };
        // After space groups, or with digits that cannot be a thousands
        // group, the separator can only be the decimal one.
        let leading_zero = self.buf[usize::from(self.buf[0] == b'-')] == b'0';
        let could_group =
            self.groups == 1 && self.frac == 3 && self.first_group <= 3 && !leading_zero;
        (!could_group).then_some(vote)
    }
}

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

/// A number's text with sign, currency, parentheses and percent removed.
struct Core<'a> {
    negative: bool,
    percent: bool,
    digits: &'a str,
    exponent: Option<&'a str>,
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\r' | '\n'
    )
}

// Longer codes first so that `EUROS` is not read as `EUR` + `OS`.
const CURRENCIES: [&str; 16] = [
    "EUROS", "EURO", "US$", "€", "$", "£", "¥", "₹", "EUR", "USD", "GBP", "CHF", "CAD", "JPY",
    "AUD", "Fr.",
];

fn strip_currency_prefix(s: &str) -> Option<&str> {
    // Most cells start with a digit: no currency to look for.
    if s.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    CURRENCIES.iter().find_map(|c| {
        let head = s.get(..c.len())?;
        head.eq_ignore_ascii_case(c).then(|| &s[c.len()..])
    })
}

fn strip_currency_suffix(s: &str) -> Option<&str> {
    if s.as_bytes().last().is_none_or(u8::is_ascii_digit) {
        return None;
    }
    CURRENCIES.iter().find_map(|c| {
        let cut = s.len().checked_sub(c.len())?;
        let tail = s.get(cut..)?;
        tail.eq_ignore_ascii_case(c).then(|| &s[..cut])
    })
}

fn strip(text: &str) -> Result<Core<'_>, NumberErrorKind> {
    let mut s = text.trim_matches(is_space);
    if s.is_empty() {
        return Err(NumberErrorKind::Empty);
    }
    let (mut negative, mut signed, mut paren, mut currency, mut percent) =
        (false, false, false, false, false);
    loop {
        s = s.trim_matches(is_space);
        if !signed && !paren {
            if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
                negative = true;
                signed = true;
                s = r;
                continue;
            }
            if let Some(r) = s.strip_prefix('+') {
                signed = true;
                s = r;
                continue;
            }
            if s.len() > 2 && s.starts_with('(') && s.ends_with(')') {
                negative = true;
                paren = true;
                s = &s[1..s.len() - 1];
                continue;
            }
        }
        if !currency {
            if let Some(r) = strip_currency_prefix(s).or_else(|| strip_currency_suffix(s)) {
                currency = true;
                s = r;
                continue;
            }
        }
        if !percent {
            if let Some(r) = s.strip_suffix('%') {
                percent = true;
                s = r;
                continue;
            }
        }
        break;
    }
    if s.is_empty() {
        return Err(NumberErrorKind::NotANumber);
    }
    let (digits, exponent) = match s.find(['e', 'E']) {
        Some(i) => {
            let exp = &s[i + 1..];
            let body = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if body.is_empty() || body.len() > 4 || !body.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NumberErrorKind::NotANumber);
            }
            (&s[..i], Some(exp))
        }
        None => (s, None),
    };
    Ok(Core {
        negative,
        percent,
        digits,
        exponent,
    })
}

/// The separators of a number: at most [`MAX_GROUPS`] digit groups.
const MAX_GROUPS: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    Point,
    Comma,
    /// Any space or apostrophe: never a decimal separator.
    Group,
}

struct Layout {
    /// Digits in each group; `groups[0]` may be 0 (`,5`).
    groups: [u8; MAX_GROUPS],
    /// Separator after group `i`.
    seps: [Sep; MAX_GROUPS],
    n: usize,
}

impl Layout {
    fn seps(&self) -> &[Sep] {
        &self.seps[..self.n - 1]
    }
    fn count(&self, s: Sep) -> usize {
        self.seps().iter().filter(|&&x| x == s).count()
    }
}

fn layout(digits: &str) -> Result<Layout, NumberErrorKind> {
    let mut l = Layout {
        groups: [0; MAX_GROUPS],
        seps: [Sep::Group; MAX_GROUPS],
        n: 1,
    };
    let mut any_digit = false;
    for c in digits.chars() {
        let sep = match c {
            '0'..='9' => {
                any_digit = true;
                let g = &mut l.groups[l.n - 1];
                *g = g.checked_add(1).ok_or(NumberErrorKind::NotANumber)?;
                continue;
            }
            '.' => Sep::Point,
            ',' => Sep::Comma,
            '\'' | '\u{2019}' => Sep::Group,
            c if is_space(c) => Sep::Group,
            _ => return Err(NumberErrorKind::NotANumber),
        };
        // Two separators in a row, or one at the very end, is not a number
        // (`1,,5`, `12.`): a group must follow every separator.
        if l.groups[l.n - 1] == 0 && (l.n > 1 || sep == Sep::Group) {
            return Err(NumberErrorKind::NotANumber);
        }
        if l.n == MAX_GROUPS {
            return Err(NumberErrorKind::NotANumber);
        }
        l.seps[l.n - 1] = sep;
        l.n += 1;
    }
    if !any_digit || l.groups[l.n - 1] == 0 {
        return Err(NumberErrorKind::NotANumber);
    }
    Ok(l)
}

/// Which separator is the decimal one in this number: `Ok(None)` for an
/// integer with or without thousands separators.
fn resolve(l: &Layout, decimal: Option<DecimalSeparator>) -> Result<Option<Sep>, NumberErrorKind> {
    let seps = l.seps();
    let Some(&last) = seps.last() else {
        return Ok(None);
    };
    let points = l.count(Sep::Point);
    let commas = l.count(Sep::Comma);
    let dec = if last == Sep::Group {
        None
    } else if points > 0 && commas > 0 {
        // The last of `.` and `,` is the decimal one and appears once.
        let n_last = if last == Sep::Point { points } else { commas };
        if n_last > 1 {
            return Err(NumberErrorKind::NotANumber);
        }
        Some(last)
    } else if l.count(last) > 1 {
        None
    } else {
        let lone_is_decimal = match decimal {
            None => true,
            Some(DecimalSeparator::Point) => last == Sep::Point,
            Some(DecimalSeparator::Comma) => last == Sep::Comma,
        };
        lone_is_decimal.then_some(last)
    };
    // Everything before the decimal separator must be well-grouped.
    let int_seps = match dec {
        Some(_) => seps.len() - 1,
        None => seps.len(),
    };
    if int_seps > 0 {
        let kind = seps[0];
        if seps[..int_seps].iter().any(|&s| s != kind) {
            return Err(NumberErrorKind::NotANumber);
        }
        let first_ok = (1..=3).contains(&l.groups[0]);
        let rest_ok = l.groups[1..=int_seps].iter().all(|&g| g == 3);
        if !first_ok || !rest_ok {
            // `1,5` in a column that uses `.`: say why, since it would be a
            // number in the other convention.
            return match decimal {
                Some(conv) if resolve(l, None).is_ok() => {
                    Err(NumberErrorKind::WrongDecimalSeparator(conv))
                }
                _ => Err(NumberErrorKind::NotANumber),
            };
        }
    }
    if let Some(conv) = decimal {
        let conv_sep = match conv {
            DecimalSeparator::Point => Sep::Point,
            DecimalSeparator::Comma => Sep::Comma,
        };
        if let Some(d) = dec {
            if d != conv_sep {
                return Err(NumberErrorKind::WrongDecimalSeparator(conv));
            }
        } else if seps[..int_seps].contains(&conv_sep) {
            // `1.234.567` in a column that uses `.` for decimals.
            return Err(NumberErrorKind::WrongDecimalSeparator(conv));
        }
    }
    Ok(dec)
}

fn build_and_parse(core: &Core<'_>, l: &Layout, dec: Option<Sep>) -> Result<f64, NumberErrorKind> {
    // Longest accepted text: 16 groups of 255 digits would not fit, but
    // anything over 64 significant characters is not a spreadsheet number.
    let mut buf = [0u8; 96];
    let mut n = 0;
    let mut push = |b: u8| -> Result<(), NumberErrorKind> {
        *buf.get_mut(n).ok_or(NumberErrorKind::NotANumber)? = b;
        n += 1;
        Ok(())
    };
    if core.negative {
        push(b'-')?;
    }
    let mut group = 0;
    let dec_after = dec.map(|_| l.n - 2);
    for c in core.digits.bytes() {
        if c.is_ascii_digit() {
            push(c)?;
        } else if matches!(c, b'.' | b',' | b'\'' | b' ' | b'\t' | b'\r' | b'\n') || c >= 0x80 {
            // One separator, possibly multi-byte: count it once, on its
            // first byte (continuation bytes are 0x80..0xBF).
            if !(0x80..0xC0).contains(&c) {
                if Some(group) == dec_after {
                    push(b'.')?;
                }
                group += 1;
            }
        }
    }
    let mut exp: i32 = match core.exponent {
        Some(e) => e.parse().map_err(|_| NumberErrorKind::NotANumber)?,
        None => 0,
    };
    if core.percent {
        exp -= 2;
    }
    if exp != 0 {
        push(b'e')?;
        let mut tmp = [0u8; 12];
        let s = format_i32(exp, &mut tmp);
        for &b in s {
            push(b)?;
        }
    }
    let s = std::str::from_utf8(&buf[..n]).map_err(|_| NumberErrorKind::NotANumber)?;
    let v: f64 = s.parse().map_err(|_| NumberErrorKind::NotANumber)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(NumberErrorKind::OutOfRange)
    }
}

fn format_i32(v: i32, buf: &mut [u8; 12]) -> &[u8] {
    let mut i = buf.len();
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// What one cell says about its column's decimal separator.
fn evidence(text: &str) -> Option<DecimalSeparator> {
    if let Some(vote) = plain_evidence(text.as_bytes()) {
        return vote;
    }
    if let Some(g) = scan_grouped(text.as_bytes()) {
        return g.evidence();
    }
    general_evidence(text)
}

fn general_evidence(text: &str) -> Option<DecimalSeparator> {
    let core = strip(text).ok()?;
    let l = layout(core.digits).ok()?;
    let seps = l.seps();
    let &last = seps.last()?;
    let to_dec = |s: Sep| match s {
        Sep::Point => Some(DecimalSeparator::Point),
        Sep::Comma => Some(DecimalSeparator::Comma),
        Sep::Group => None,
    };
    let points = l.count(Sep::Point);
    let commas = l.count(Sep::Comma);
    if last == Sep::Group || points + commas == 0 {
        return None;
    }
    if points > 0 && commas > 0 {
        return to_dec(last);
    }
    if l.count(last) > 1 {
        // `1.234.567`: the repeated one groups thousands, so the other one
        // is the decimal separator.
        return match last {
            Sep::Point => Some(DecimalSeparator::Comma),
            _ => Some(DecimalSeparator::Point),
        };
    }
    // A lone separator that cannot group thousands is the decimal one.
    let before = l.groups[l.n - 2];
    let after = l.groups[l.n - 1];
    let prior_groups = seps.len() > 1; // e.g. `1 234,567`
    let could_group = after == 3 && (1..=3).contains(&before) && !leading_zero(core.digits);
    if !could_group || prior_groups {
        return to_dec(last);
    }
    None
}

/// [`evidence`] for the common plain cell (`-?digits[.,]digits`) without the
/// general analysis: `Some(vote)` when the cell is plain, `None` otherwise.
#[inline]
fn plain_evidence(b: &[u8]) -> Option<Option<DecimalSeparator>> {
    // Longer cells are no numbers a spreadsheet prints; the general path
    // refuses them, so defer to it (found by fuzzing: 296 digits and `.0`).
    if b.len() > 64 {
        return None;
    }
    let start = usize::from(b.first() == Some(&b'-'));
    let digits = &b[start..];
    let mut sep = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {}
            b'.' | b',' if sep.is_none() => sep = Some(i),
            _ => return None,
        }
    }
    let Some(i) = sep else {
        return Some(None);
    };
    let (before, after) = (i, digits.len() - i - 1);
    if before == 0 || after == 0 {
        return None;
    }
    let vote = if digits[i] == b'.' {
        DecimalSeparator::Point
    } else {
        DecimalSeparator::Comma
    };
    let could_group = after == 3 && before <= 3 && digits[0] != b'0';
    Some((!could_group).then_some(vote))
}

fn leading_zero(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit()
        || b.first() == Some(&b'0') && matches!(b.get(1), Some(b'.' | b','))
}

/// The decimal separator a column uses, with the votes that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecimalGuess {
    /// `None` when no cell decides (all integers, or all like `1,234`).
    pub separator: Option<DecimalSeparator>,
    /// Cells that only make sense with `.` as the decimal separator.
    pub point_votes: usize,
    /// Cells that only make sense with `,` as the decimal separator.
    pub comma_votes: usize,
}

impl DecimalGuess {
    fn from_votes(point_votes: usize, comma_votes: usize) -> Self {
        let separator = match point_votes.cmp(&comma_votes) {
            std::cmp::Ordering::Greater => Some(DecimalSeparator::Point),
            std::cmp::Ordering::Less => Some(DecimalSeparator::Comma),
            std::cmp::Ordering::Equal => None,
        };
        DecimalGuess {
            separator,
            point_votes,
            comma_votes,
        }
    }
}

/// Decides a column's decimal separator from all its cells: `12,5` or
/// `1.234,56` vote for the comma, `12.5` or `1,234.56` for the point, and
/// `1,234` votes for nothing. The majority wins; cells of the minority then
/// fail [`parse_number_with`] with a located error rather than being misread.
pub fn detect_decimal_separator<'a, I>(cells: I) -> DecimalGuess
where
    I: IntoIterator<Item = &'a str>,
{
    let (mut p, mut c) = (0, 0);
    for cell in cells {
        match evidence(cell) {
            Some(DecimalSeparator::Point) => p += 1,
            Some(DecimalSeparator::Comma) => c += 1,
            None => {}
        }
    }
    DecimalGuess::from_votes(p, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> f64 {
        parse_number(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn plain_forms() {
        assert_eq!(ok("0"), 0.0);
        assert_eq!(ok("42"), 42.0);
        assert_eq!(ok("-7"), -7.0);
        assert_eq!(ok("+7"), 7.0);
        assert_eq!(ok("1234.56"), 1234.56);
        assert_eq!(ok("1234,56"), 1234.56);
        assert_eq!(ok(",5"), 0.5);
        assert_eq!(ok(".5"), 0.5);
        assert_eq!(ok("  12  "), 12.0);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(ok("1 234,56"), 1234.56);
        assert_eq!(ok("1\u{a0}234,56"), 1234.56);
        assert_eq!(ok("1\u{202f}234\u{202f}567,5"), 1234567.5);
        assert_eq!(ok("1\u{2009}234"), 1234.0);
        assert_eq!(ok("1'234.5"), 1234.5);
        assert_eq!(ok("1’234.5"), 1234.5);
        assert_eq!(ok("1.234,56"), 1234.56);
        assert_eq!(ok("1,234.56"), 1234.56);
        assert_eq!(ok("1,234,567"), 1234567.0);
        assert_eq!(ok("1.234.567"), 1234567.0);
        assert_eq!(ok("1.234.567,89"), 1234567.89);
    }

    #[test]
    fn currencies() {
        assert_eq!(ok("1 234,56 €"), 1234.56);
        assert_eq!(ok("€1,234.56"), 1234.56);
        assert_eq!(ok("$ 12"), 12.0);
        assert_eq!(ok("£12.50"), 12.5);
        assert_eq!(ok("12 EUR"), 12.0);
        assert_eq!(ok("usd 12"), 12.0);
        assert_eq!(ok("CHF 1'250.00"), 1250.0);
        assert_eq!(ok("US$3"), 3.0);
        assert_eq!(ok("-12,5 €"), -12.5);
        assert_eq!(ok("€-12"), -12.0);
        assert_eq!(ok("-€12"), -12.0);
    }

    #[test]
    fn percentages_are_fractions() {
        assert_eq!(ok("5 %"), 0.05);
        assert_eq!(ok("5%"), 0.05);
        assert_eq!(ok("12,5 %"), 0.125);
        assert_eq!(ok("0,05"), 0.05);
        assert_eq!(ok("-3%"), -0.03);
        // Correctly rounded, not 12.34 / 100 with two roundings.
        assert_eq!(ok("12.34%"), "0.1234".parse::<f64>().unwrap());
    }

    #[test]
    fn negatives() {
        assert_eq!(ok("(12,50)"), -12.5);
        assert_eq!(ok("(1,234.50)"), -1234.5);
        assert_eq!(ok("($12)"), -12.0);
        assert_eq!(ok("−4"), -4.0);
        assert_eq!(ok("- 4"), -4.0);
    }

    #[test]
    fn exponents() {
        assert_eq!(ok("1.5E+06"), 1.5e6);
        assert_eq!(ok("1,5E+06"), 1.5e6);
        assert_eq!(ok("2e-3"), 0.002);
    }

    #[test]
    fn currency_marks() {
        use cxi_types::Currency::*;
        assert_eq!(currency_of("1 234,56 €"), Some(Eur));
        assert_eq!(currency_of("12 euros"), Some(Eur));
        assert_eq!(currency_of("$1,234.50"), Some(Usd));
        assert_eq!(currency_of("US$3"), Some(Usd));
        assert_eq!(currency_of("£12"), Some(Gbp));
        assert_eq!(currency_of("CHF 1'250.00"), Some(Chf));
        assert_eq!(currency_of("12 CAD"), Some(Cad));
        assert_eq!(currency_of("¥500"), None);
        assert_eq!(currency_of("12,5"), None);
        assert_eq!(currency_of(""), None);
    }

    #[test]
    fn refused_with_exact_messages() {
        let msg = |s: &str| parse_number(s).unwrap_err().to_string();
        assert_eq!(msg("12,3,4"), "\"12,3,4\" is not a number");
        assert_eq!(msg(""), "empty cell, expected a number");
        assert_eq!(msg("   "), "empty cell, expected a number");
        assert_eq!(msg("abc"), "\"abc\" is not a number");
        assert_eq!(msg("1e400"), "\"1e400\" is too large a number");
        for bad in [
            "1,,5",
            "12.",
            "1 2",
            "12 34",
            "1.23.4",
            "1,234.567.8",
            "--1",
            "(-1)",
            "((1))",
            "%",
            "€",
            "NaN",
            "inf",
            "1.2.3,4,5",
            "1 234.567 8",
            "1e",
            "1e+",
            "0x10",
            "1-",
            "€5€",
            "5%%",
            "(5",
            "5)",
            "1,2345,678",
            "1.234 567",
        ] {
            assert!(parse_number(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn long_garbage_is_shown_cut() {
        let long = "x".repeat(500);
        let e = parse_number(&long).unwrap_err();
        assert_eq!(e.text.chars().count(), MAX_SHOWN + 1);
        assert!(e.text.ends_with('…'));
    }

    #[test]
    fn column_convention_decides_the_ambiguous_case() {
        use DecimalSeparator::*;
        assert_eq!(parse_number("1,234"), Ok(1.234));
        assert_eq!(parse_number_with("1,234", Some(Point)), Ok(1234.0));
        assert_eq!(parse_number_with("1,234", Some(Comma)), Ok(1.234));
        assert_eq!(parse_number_with("1.234", Some(Comma)), Ok(1234.0));
        assert_eq!(parse_number_with("1.234", Some(Point)), Ok(1.234));
        assert_eq!(
            parse_number_with("1,5", Some(Point))
                .unwrap_err()
                .to_string(),
            "\"1,5\" is not a number in this column, which uses \".\" for decimals"
        );
        assert_eq!(
            parse_number_with("1.234.567", Some(Point))
                .unwrap_err()
                .kind,
            NumberErrorKind::WrongDecimalSeparator(Point)
        );
        assert_eq!(parse_number_with("1.234.567", Some(Comma)), Ok(1234567.0));
    }

    #[test]
    fn detects_column_decimal_separator() {
        use DecimalSeparator::*;
        let g = detect_decimal_separator(["1,234", "12,5", "3"]);
        assert_eq!(g.separator, Some(Comma));
        let g = detect_decimal_separator(["1,234", "1,234.5", "3"]);
        assert_eq!(g.separator, Some(Point));
        let g = detect_decimal_separator(["1,234", "5,678"]);
        assert_eq!(g.separator, None);
        let g = detect_decimal_separator(["0,123"]);
        assert_eq!(g.separator, Some(Comma));
        let g = detect_decimal_separator(["1234,567"]);
        assert_eq!(g.separator, Some(Comma));
        let g = detect_decimal_separator(["1.234.567"]);
        assert_eq!(g.separator, Some(Comma));
        let g = detect_decimal_separator(["1 234,567"]);
        assert_eq!(g.separator, Some(Comma));
        let g = detect_decimal_separator(["12.5", "12,5", "1.5"]);
        assert_eq!(
            (g.separator, g.point_votes, g.comma_votes),
            (Some(Point), 2, 1)
        );
    }

    #[test]
    fn plain_evidence_agrees_with_general_evidence() {
        for s in [
            "1,234",
            "1.234",
            "12,5",
            "12.5",
            "0,123",
            "0.5",
            "1234,567",
            "-1,234",
            "-12,50",
            "7",
            "",
            "-",
            "1,",
            ",5",
            "1.2.3",
            "1234.5678",
            "123,456",
            "1000",
        ] {
            if let Some(vote) = plain_evidence(s.as_bytes()) {
                assert_eq!(vote, general_evidence(s), "{s:?}");
            }
        }
    }

    #[test]
    fn fuzz_regression_long_digit_run_votes_like_the_general_path() {
        // fuzz/artifacts/number/crash-d903249e...: "1" x 296, then ".0".
        let text = format!("{}.0", "1".repeat(296));
        assert_eq!(evidence(&text), general_evidence(&text));
        assert_eq!(evidence(&text), None);
        assert!(parse_number(&text).is_err());
    }

    #[test]
    fn grouped_fast_path_agrees_with_general_path() {
        let nb = "\u{a0}";
        let nn = "\u{202f}";
        let cases = [
            "1 234,56 €".to_string(),
            format!("1{nb}234,56{nb}€"),
            format!("-12{nn}345{nn}678,9€"),
            "45,90 €".into(),
            "45.90 €".into(),
            "1,234 €".into(),
            "1.234".into(),
            "12,5 %".into(),
            "5%".into(),
            "0,123 €".into(),
            "1 234".into(),
            "1 234 567".into(),
            "12 34".into(),
            "1234 567".into(),
            "1 234,".into(),
            "-".into(),
            "€".into(),
            "1 234,56 $".into(),
            "007,5".into(),
        ];
        for s in &cases {
            for d in [
                None,
                Some(DecimalSeparator::Point),
                Some(DecimalSeparator::Comma),
            ] {
                if let Some(v) = scan_grouped(s.as_bytes()).and_then(|g| g.value(d)) {
                    assert_eq!(general(s, d), Ok(v), "{s:?} {d:?}");
                }
            }
            if let Some(g) = scan_grouped(s.as_bytes()) {
                assert_eq!(g.evidence(), general_evidence(s), "{s:?}");
            }
        }
        // The fast path does take the French money cells.
        assert!(scan_grouped("1 234,56 €".as_bytes()).is_some());
        assert!(scan_grouped("45,90 €".as_bytes()).is_some());
    }

    #[test]
    fn fast_path_agrees_with_general_path() {
        for s in ["1,234", "1.5", "-0,25", "12", "007", "1,5"] {
            for d in [
                None,
                Some(DecimalSeparator::Point),
                Some(DecimalSeparator::Comma),
            ] {
                let fast = fast_plain(s.as_bytes(), d);
                if let Some(v) = fast {
                    let core = strip(s).unwrap();
                    let l = layout(core.digits).unwrap();
                    let dec = resolve(&l, d).unwrap();
                    assert_eq!(build_and_parse(&core, &l, dec), Ok(v), "{s} {d:?}");
                }
            }
        }
    }
}

// proptest needs OS randomness, which wasm32-unknown-unknown lacks.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod plain_properties {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// The fast path's reading `p` of `text` votes like the full parser and
    /// gives its value bit for bit, with the column's decimal separator
    /// undecided or decided as `p` read it.
    fn agrees_with_full_parser(text: &str, p: &Plain) -> Result<(), TestCaseError> {
        prop_assert_eq!(p.vote(), evidence(text), "{}", text);
        let decimal = match p.sep {
            b'.' => Some(DecimalSeparator::Point),
            b',' => Some(DecimalSeparator::Comma),
            _ => None,
        };
        for dec in [None, decimal] {
            let full = parse_number_with(text, dec);
            prop_assert_eq!(
                full.map(f64::to_bits),
                Ok(p.value.to_bits()),
                "{} {:?}",
                text,
                dec
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(Config {
            cases: 2048,
            rng_seed: RngSeed::Fixed(0x00C0_FFEE),
            ..Config::default()
        })]

        /// The column fast path reads a plain cell as the full parser does,
        /// bit for bit, whenever its separator is the column's decimal one
        /// (both conventions, and none decided), and votes like
        /// [`detect_decimal_separator`]; it takes nothing else.
        #[test]
        fn plain_cells_read_as_the_full_parser_reads_them(
            text in prop_oneof![
                "-?[0-9]{1,12}([.,][0-9]{1,12})?",
                "-?[0-9]{15,22}([.,][0-9]{0,5})?",
                "-?0*[1-9]?[.,][0-9]{3}",
                "[-+ .,0-9]{0,8}",
            ],
        ) {
            let b = text.as_bytes();
            if let Some(p) = plain(b) {
                agrees_with_full_parser(&text, &p)?;
                if p.sep == 0 {
                    for dec in [DecimalSeparator::Point, DecimalSeparator::Comma] {
                        prop_assert_eq!(parse_number_with(&text, Some(dec)), Ok(p.value));
                    }
                }
            }
        }

        /// The same for grouped money and rates (`1 234,56 €`, `-12,5 %`),
        /// with ASCII, no-break and narrow no-break spaces.
        #[test]
        fn grouped_cells_read_as_the_full_parser_reads_them(
            int in 0u64..10_000_000_000,
            frac in proptest::option::of("[0-9]{1,4}"),
            space in proptest::sample::select(vec![" ", "\u{a0}", "\u{202f}", ""]),
            sep in proptest::sample::select(vec![",", "."]),
            tail in proptest::sample::select(vec!["", " €", "\u{a0}€", "€", " %", "%"]),
            neg in any::<bool>(),
        ) {
            let digits = int.to_string();
            let mut text = String::from(if neg { "-" } else { "" });
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    text.push_str(space);
                }
                text.push(c);
            }
            if let Some(f) = &frac {
                text.push_str(sep);
                text.push_str(f);
            }
            text.push_str(tail);
            let p = column_cell(text.as_bytes());
            prop_assert!(p.is_some() || digits.len() + frac.as_ref().map_or(0, String::len) > 15, "{} left", text);
            if let Some(p) = p {
                agrees_with_full_parser(&text, &p)?;
            }
        }

        /// And it does take the plain cells a column is made of (up to 15
        /// digits), so the fast path is not a no-op.
        #[test]
        fn plain_cells_are_taken(text in "-?[1-9][0-9]{0,7}([.,][0-9]{1,7})?") {
            prop_assert!(plain(text.as_bytes()).is_some(), "{}", text);
        }
    }
}
