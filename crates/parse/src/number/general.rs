//! The general reader: sign, currency, parentheses and percent stripped,
//! the separators laid out and resolved, the digits parsed.

use super::currency::{is_space, strip_currency_prefix, strip_currency_suffix};
use super::error::{NumberError, NumberErrorKind};
use super::separator::DecimalSeparator;

/// The full analysis, for everything the fast paths leave.
pub(super) fn general(text: &str, decimal: Option<DecimalSeparator>) -> Result<f64, NumberError> {
    let core = strip(text).map_err(|k| NumberError::new(text, k))?;
    let layout = layout(core.digits).map_err(|k| NumberError::new(text, k))?;
    let dec = resolve(&layout, decimal).map_err(|k| NumberError::new(text, k))?;
    build_and_parse(&core, &layout, dec).map_err(|k| NumberError::new(text, k))
}

/// A number's text with sign, currency, parentheses and percent removed.
pub(super) struct Core<'a> {
    pub(super) negative: bool,
    pub(super) percent: bool,
    pub(super) digits: &'a str,
    pub(super) exponent: Option<&'a str>,
}

pub(super) fn strip(text: &str) -> Result<Core<'_>, NumberErrorKind> {
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
pub(super) const MAX_GROUPS: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sep {
    Point,
    Comma,
    /// Any space or apostrophe: never a decimal separator.
    Group,
}

pub(super) struct Layout {
    /// Digits in each group; `groups[0]` may be 0 (`,5`).
    pub(super) groups: [u8; MAX_GROUPS],
    /// Separator after group `i`.
    pub(super) seps: [Sep; MAX_GROUPS],
    pub(super) n: usize,
}

impl Layout {
    pub(super) fn seps(&self) -> &[Sep] {
        &self.seps[..self.n - 1]
    }
    pub(super) fn count(&self, s: Sep) -> usize {
        self.seps().iter().filter(|&&x| x == s).count()
    }
}

pub(super) fn layout(digits: &str) -> Result<Layout, NumberErrorKind> {
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
pub(super) fn resolve(
    l: &Layout,
    decimal: Option<DecimalSeparator>,
) -> Result<Option<Sep>, NumberErrorKind> {
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

pub(super) fn build_and_parse(
    core: &Core<'_>,
    l: &Layout,
    dec: Option<Sep>,
) -> Result<f64, NumberErrorKind> {
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

pub(super) fn format_i32(v: i32, buf: &mut [u8; 12]) -> &[u8] {
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
