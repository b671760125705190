//! The fast paths: plain cells (`123`, `45.6`, `-7,25`) and spreadsheet
//! money (`1 234,56 €`, `12,5 %`) read in one scan.

use super::separator::DecimalSeparator;

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
    /// [`detect_decimal_separator`](super::detect_decimal_separator) counts it.
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
pub(super) const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads a [`Plain`] cell, or `None` for anything else (left to
/// [`parse_number_with`](super::parse_number_with)).
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
pub(super) fn grouped(b: &[u8]) -> Option<Plain> {
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

/// Digits with at most one `.` or `,` (taken as the decimal separator only
/// when allowed by `decimal`) and an optional leading `-`. Returns `None` to
/// defer to the general path, never a wrong value.
#[inline]
pub(super) fn fast_plain(b: &[u8], decimal: Option<DecimalSeparator>) -> Option<f64> {
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
pub(super) struct Grouped {
    pub(super) buf: [u8; 48],
    pub(super) len: usize,
    /// The `,` or `.` and the digit counts around it, if any.
    pub(super) sep: Option<u8>,
    pub(super) groups: usize,
    pub(super) first_group: usize,
    pub(super) frac: usize,
    pub(super) percent: bool,
}

/// Length of a space-like separator at the start of `b`: ASCII space,
/// U+00A0 (`C2 A0`) or U+202F (`E2 80 AF`).
#[inline]
pub(super) fn space_len(b: &[u8]) -> usize {
    match b {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0xAF, ..] => 3,
        _ => 0,
    }
}

pub(super) fn scan_grouped(b: &[u8]) -> Option<Grouped> {
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
    pub(super) fn value(mut self, decimal: Option<DecimalSeparator>) -> Option<f64> {
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
    pub(super) fn evidence(&self) -> Option<DecimalSeparator> {
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
