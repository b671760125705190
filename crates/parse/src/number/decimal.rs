//! Which decimal separator a column uses: each cell's vote, and the
//! column's majority.

use serde::{Deserialize, Serialize};

use super::fast::scan_grouped;
use super::general::{layout, strip, Sep};
use super::separator::DecimalSeparator;

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

/// One cell's vote on its column's decimal separator, as
/// [`detect_decimal_separator`] counts it.
#[inline]
pub(crate) fn decimal_vote(text: &str) -> Option<DecimalSeparator> {
    evidence(text)
}

/// What one cell says about its column's decimal separator.
pub(super) fn evidence(text: &str) -> Option<DecimalSeparator> {
    if let Some(vote) = plain_evidence(text.as_bytes()) {
        return vote;
    }
    if let Some(g) = scan_grouped(text.as_bytes()) {
        return g.evidence();
    }
    general_evidence(text)
}

pub(super) fn general_evidence(text: &str) -> Option<DecimalSeparator> {
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
pub(super) fn plain_evidence(b: &[u8]) -> Option<Option<DecimalSeparator>> {
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

pub(super) fn leading_zero(digits: &str) -> bool {
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
/// fail [`parse_number_with`](super::parse_number_with) with a located error rather than being misread.
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
