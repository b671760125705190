//! The holdout check as the page reads it: the calibration end asked for
//! (the scenario's) against the check the evidence holds, which the data
//! worker redoes when they differ ([`holdout_request`]). Nothing worded.

use super::holdout::{default_end, HoldoutCheck, HoldoutFigures, HoldoutRefusal, LogSpan};
use chrono::NaiveDate;

/// Why the page shows an older check than the one asked for, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldoutProblem {
    /// The check at this end was refused (by the page or the worker).
    Refused(NaiveDate, HoldoutRefusal),
    /// The check at this end is being computed, or needs the data loaded.
    Pending(NaiveDate),
}

/// The page's holdout numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldoutNumbers<'a> {
    pub span: LogSpan,
    /// The calibration end the control shows.
    pub end: NaiveDate,
    /// The last check done, shown.
    pub figures: Option<&'a HoldoutFigures>,
    pub problem: Option<HoldoutProblem>,
}

/// Whether `end` can be a calibration end of `span`: `None` if so.
pub fn out_of_range(span: LogSpan, end: NaiveDate) -> Option<HoldoutRefusal> {
    (end < span.first || end >= span.last).then_some(HoldoutRefusal::OutOfRange {
        end,
        first: span.first,
        last: span.last,
    })
}

fn matches(f: &HoldoutFigures, wanted: Option<NaiveDate>) -> bool {
    match wanted {
        None => f.default_end,
        Some(d) => f.calibration_end == d,
    }
}

/// The check the page shows for the calibration end `wanted`.
pub fn holdout_numbers(check: &HoldoutCheck, wanted: Option<NaiveDate>) -> HoldoutNumbers<'_> {
    let end = wanted.unwrap_or_else(|| default_end(check.span));
    let figures = check.figures.as_ref();
    let problem = if let Some(r) = wanted.and_then(|d| out_of_range(check.span, d)) {
        Some(HoldoutProblem::Refused(end, r))
    } else if figures.is_some_and(|f| matches(f, wanted)) {
        None
    } else {
        match check.refused {
            Some((at, r)) if at == end => Some(HoldoutProblem::Refused(at, r)),
            _ => Some(HoldoutProblem::Pending(end)),
        }
    };
    HoldoutNumbers {
        span: check.span,
        end,
        figures,
        problem,
    }
}

/// What to ask the data worker for when the scenario wants the check at
/// `wanted`: `Some(end)` when the evidence holds another check and `end`
/// is in range (an out-of-range end is refused on the page, and the last
/// good check stays); `None` when nothing needs asking.
pub fn holdout_request(
    check: Option<&HoldoutCheck>,
    wanted: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    let n = holdout_numbers(check?, wanted);
    matches!(n.problem, Some(HoldoutProblem::Pending(_))).then_some(wanted)
}
