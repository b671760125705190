//! Axis ranges: the extent of the data, padded, or the spec's fixed range.

use crate::style::clamp;

/// The extent of some values: (min, max), or `None` when none is finite.
#[derive(Clone, Copy, Default)]
pub(crate) struct Extent(Option<(f64, f64)>);

impl Extent {
    pub(crate) fn add(&mut self, v: f64) {
        if let Some(v) = clamp(v) {
            self.0 = Some(match self.0 {
                Some((lo, hi)) => (lo.min(v), hi.max(v)),
                None => (v, v),
            });
        }
    }
}

/// The axis range: the spec's fixed range when it is usable, else the data
/// padded a little (not below a zero baseline), never empty.
pub(crate) fn range(fixed: Option<(f64, f64)>, data: Extent, pad: f64) -> (f64, f64) {
    let degenerate =
        |lo: f64, hi: f64| hi - lo <= (hi.abs().max(lo.abs())) * 1e-9 || hi - lo < 1e-12;
    if let Some((a, b)) = fixed {
        if let (Some(a), Some(b)) = (clamp(a), clamp(b)) {
            if a < b && !degenerate(a, b) {
                return (a, b);
            }
        }
    }
    let (lo, hi) = data.0.unwrap_or((0.0, 1.0));
    if degenerate(lo, hi) {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        return if lo == 0.0 {
            (0.0, 1.0)
        } else {
            (lo - d, hi + d)
        };
    }

    let p = (hi - lo) * pad;
    let lo = if lo >= 0.0 && lo - p < 0.0 {
        0.0
    } else {
        lo - p
    };
    let hi = if hi <= 0.0 && hi + p > 0.0 {
        0.0
    } else {
        hi + p
    };
    (lo, hi)
}
