//! Tornado sensitivity: NPV with each input moved to a low and a high value.

use super::appraisal::appraise_unchecked;
use super::inputs::{clamp_valid, BusinessCaseError, BusinessCaseInputs, Input};
use serde::{Deserialize, Serialize};

/// One bar of a tornado chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// The input varied, all others held at their base values.
    pub input: Input,
    /// The input's low value.
    pub low: f64,
    /// The input's high value.
    pub high: f64,
    /// NPV with the input at `low`.
    pub npv_low: f64,
    /// NPV with the input at `high`.
    pub npv_high: f64,
    /// `|npv_high − npv_low|`, the bar's length.
    pub swing: f64,
}

/// NPV sensitivity to each input moved to `low` and `high`, bars sorted
/// longest first.
///
/// `ranges` overrides the default ±`relative` (e.g. 0.10 for ±10 %) of the
/// base value for the inputs it lists. Inputs whose base is 0 without an
/// override, and the appraisal length, are not varied. A variant that falls
/// outside an input's range (e.g. a margin rate above 1) is clamped into it
/// and the clamped value is reported.
pub fn tornado(
    inputs: &BusinessCaseInputs,
    relative: f64,
    ranges: &[(Input, f64, f64)],
) -> Result<(f64, Vec<TornadoBar>), BusinessCaseError> {
    inputs.validate()?;
    if !(relative.is_finite() && relative >= 0.0) {
        return Err(BusinessCaseError::BadUncertainty {
            input: Input::Customers,
            reason: "relative variation must be a number >= 0",
        });
    }
    let base_npv = appraise_unchecked(inputs).npv;
    let mut bars = Vec::new();
    for input in Input::ALL {
        let b = inputs.get(input);
        let (lo, hi) = match ranges.iter().find(|(k, _, _)| *k == input) {
            Some(&(_, lo, hi)) => {
                if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                    return Err(BusinessCaseError::BadUncertainty {
                        input,
                        reason: "low and high must be numbers with low <= high",
                    });
                }
                (lo, hi)
            }
            None if b == 0.0 => continue,
            None => {
                let (x, y) = (b * (1.0 - relative), b * (1.0 + relative));
                (x.min(y), x.max(y))
            }
        };
        let lo_in = clamp_valid(inputs, input, lo);
        let hi_in = clamp_valid(inputs, input, hi);
        let npv_low = appraise_unchecked(&inputs.with(input, lo_in)).npv;
        let npv_high = appraise_unchecked(&inputs.with(input, hi_in)).npv;
        bars.push(TornadoBar {
            input,
            low: lo_in,
            high: hi_in,
            npv_low,
            npv_high,
            swing: (npv_high - npv_low).abs(),
        });
    }
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok((base_npv, bars))
}
