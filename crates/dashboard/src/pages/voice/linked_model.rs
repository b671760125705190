//! P(alive) and CLV per NPS category from the order log's fitted model:
//! the customers whose answers the join found in the log, valued at the
//! log's end by the BG/NBD and Gamma-Gamma the Customer value page fitted
//! to the same log, at that page's horizon, margin and discount rate.
//!
//! Numbers only; [`super::linked::view`] words them.

use crate::data::linked::Linked;
use crate::pages::clv::ClvAssumptions;
use crate::pages::value::evidence::{BgNbdEvidence, ValueEvidence};
use crate::pages::value::{bin_values, ValueAssumptions, MAX_HORIZON_MONTHS};
use cxi_link::Interval;
use cxi_models::rfm_clv::ClvSettings;
use cxi_types::period::PeriodUnit;

/// Critical value of the 95 % intervals (as the join's contrasts).
const Z95: f64 = 1.959_963_984_540_054;

/// A mean over customers with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mean {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Customers (linked answers) it is the mean of.
    pub n: f64,
    /// Standard error of the mean.
    pub se: f64,
}

/// The model's reading of each NPS category.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupModel {
    /// Detractors, passives, promoters: mean P(alive) at the log's end.
    pub p_alive: [Option<Mean>; 3],
    /// Mean CLV over the horizon.
    pub clv: [Option<Mean>; 3],
    /// Promoters − detractors on CLV, with its 95 % interval.
    pub clv_difference: Option<Interval>,
    /// The same on P(alive).
    pub p_alive_difference: Option<Interval>,
    pub horizon_months: u32,
}

/// Weighted mean of `(value, count)` pairs with the standard error of the
/// mean, customers as the units.
///
/// # Formula
/// `x̄ = Σ nᵢ xᵢ / N`, `s² = Σ nᵢ (xᵢ − x̄)² / (N − 1)`, `se = s / √N`,
/// `N = Σ nᵢ`: each bin's customers share its value, so the spread within a
/// bin (its rounding of recency and age) is left out.
fn mean_of(values: &[(f64, f64)]) -> Option<Mean> {
    let n: f64 = values.iter().map(|v| v.1).sum();
    if n <= 0.0 {
        return None;
    }
    let mean = values.iter().map(|v| v.0 * v.1).sum::<f64>() / n;
    let ss: f64 = values.iter().map(|v| v.1 * (v.0 - mean).powi(2)).sum();
    let se = if n > 1.0 {
        (ss / (n - 1.0) / n).sqrt()
    } else {
        0.0
    };
    (mean.is_finite() && se.is_finite()).then_some(Mean {
        value: mean,
        low: mean - Z95 * se,
        high: mean + Z95 * se,
        n,
        se,
    })
}

/// High − low with the interval of two independent means.
fn difference(high: Option<Mean>, low: Option<Mean>) -> Option<Interval> {
    let (h, l) = (high?, low?);
    if h.n < 2.0 || l.n < 2.0 {
        return None;
    }
    let d = h.value - l.value;
    let se = (h.se * h.se + l.se * l.se).sqrt();
    Some(Interval {
        estimate: d,
        se,
        low: d - Z95 * se,
        high: d + Z95 * se,
    })
}

/// The model's reading of the join's NPS categories; `None` when the join
/// has no binned customers, the log's value evidence has no BG/NBD with
/// Gamma-Gamma in the bins' unit, or the settings are out of range.
pub fn group_model(
    l: &Linked,
    value: Option<&ValueEvidence>,
    va: &ValueAssumptions,
    clv: &ClvAssumptions,
) -> Option<GroupModel> {
    let bins = l.model.as_ref()?;
    let b = value?.bgnbd.as_ref()?;
    let gg = b.gamma_gamma.as_ref()?;
    if b.unit != bins.unit {
        return None;
    }
    let horizon_months = va.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let settings = ClvSettings::new(
        b.unit,
        PeriodUnit::Month,
        horizon_months,
        clv.annual_discount_pct / 100.0,
        va.margin_rate_pct / 100.0,
    )
    .ok()?;
    // The fitted model over the join's bins: `bin_values` reads them per
    // category as it reads the page's bins per segment.
    let joined = BgNbdEvidence {
        bins: bins.bins.clone(),
        ..b.clone()
    };
    let mut p_alive = [None; 3];
    let mut clv_mean = [None; 3];
    for g in 0..3 {
        let v = bin_values(&joined, gg, &settings, g as u16 + 1);
        let pa: Vec<(f64, f64)> = v.iter().map(|x| (x.p_alive, x.count)).collect();
        let cv: Vec<(f64, f64)> = v.iter().map(|x| (x.clv, x.count)).collect();
        p_alive[g] = mean_of(&pa);
        clv_mean[g] = mean_of(&cv);
    }
    if p_alive.iter().all(Option::is_none) {
        return None;
    }
    Some(GroupModel {
        clv_difference: difference(clv_mean[2], clv_mean[0]),
        p_alive_difference: difference(p_alive[2], p_alive[0]),
        p_alive,
        clv: clv_mean,
        horizon_months,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: values 1 (×2) and 4 (×1): N = 3, x̄ = 2, s² = (2·1 + 4)/2
    /// = 3, se = √(3/3) = 1.
    #[test]
    fn weighted_mean_and_its_standard_error_by_hand() {
        let m = mean_of(&[(1.0, 2.0), (4.0, 1.0)]).unwrap();
        assert_eq!((m.value, m.n, m.se), (2.0, 3.0, 1.0));
        cxi_testkit::assert_close!(m.high - m.value, Z95, 1e-15);
        assert_eq!(mean_of(&[]), None);
        assert_eq!(mean_of(&[(5.0, 1.0)]).unwrap().se, 0.0);
        // Two means of se 1 and 1: difference se √2.
        let d = difference(Some(m), mean_of(&[(0.0, 2.0), (3.0, 1.0)])).unwrap();
        cxi_testkit::assert_close!(d.estimate, 1.0, 1e-15);
        cxi_testkit::assert_close!(d.high - d.estimate, Z95 * 2f64.sqrt(), 1e-12);
    }
}
