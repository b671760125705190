//! What churn costs, what reducing it is worth, and the revenue-retention
//! ratios finance teams track.
//!
//! Timing convention (all functions): a cohort of `N₀` customers starts
//! period 1; each period's revenue comes from the customers alive at its
//! start and is received at its end; churn happens at the end of a period,
//! so `N₀ r^(t−1)` customers pay in period `t` (`r = 1 − churn`).
//!
//! Sources: Gupta & Lehmann (2005), *Managing Customers as Investments*,
//! ch. 2 (value of a retention improvement); revenue retention and quick
//! ratio as defined in the KeyBanc / OpenView SaaS surveys and by Mamoon
//! Hamid (2015), "The SaaS Quick Ratio".

use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Horizon used when churn is zero and nothing is discounted: the lifetime
/// value is unbounded, so a finite one is shown (with a note).
pub const ZERO_CHURN_YEARS: u32 = 5;

/// Longest horizon accepted, in periods (100 years of days).
pub const MAX_PERIODS: u32 = 36_525;

/// Why a churn computation was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ChurnError {
    /// Churn outside `[0, 1]`.
    ChurnOutOfRange(f64),
    /// A count or amount is negative or not finite.
    NotANonNegativeNumber {
        /// Name of the input, as shown to the user.
        field: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// Margin rate outside `[0, 1]`.
    MarginRateOutOfRange(f64),
    /// Discount rate not greater than −1.
    DiscountOutOfRange(f64),
    /// The reduction is larger than the churn it reduces.
    ReductionExceedsChurn {
        /// Churn per period, a fraction.
        churn: f64,
        /// Reduction asked for, in fraction points.
        reduction: f64,
    },
    /// Horizon above [`MAX_PERIODS`].
    HorizonTooLong(u32),
    /// Revenue lost (contraction + churned) exceeds the starting revenue.
    LossesExceedStart {
        /// Revenue at the start of the period, in currency.
        start: f64,
        /// Contraction plus churned revenue, in currency.
        lost: f64,
    },
    /// Starting revenue or customer count is 0.
    EmptyStart,
    /// More customers lost than at the start of period `period` (1-based).
    LostExceedsActive {
        /// The period, 1-based.
        period: usize,
        /// Customers lost in the period.
        lost: f64,
        /// Customers active at the period's start.
        active: f64,
    },
    /// The two series of a trailing churn have different lengths.
    LengthMismatch {
        /// Length of the customers-lost series.
        lost: usize,
        /// Length of the customers-active series.
        active: usize,
    },
    /// Window of 0 periods.
    EmptyWindow,
}

impl fmt::Display for ChurnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChurnError::ChurnOutOfRange(c) => write!(f, "churn must be in [0,1]: got {c}"),
            ChurnError::NotANonNegativeNumber { field, value } => {
                write!(f, "{field} must be a number >= 0: got {value}")
            }
            ChurnError::MarginRateOutOfRange(m) => {
                write!(f, "margin rate must be in [0,1]: got {m}")
            }
            ChurnError::DiscountOutOfRange(d) => {
                write!(f, "discount rate must be greater than -1: got {d}")
            }
            ChurnError::ReductionExceedsChurn { churn, reduction } => write!(
                f,
                "churn reduction {reduction} is larger than the churn {churn} it reduces"
            ),
            ChurnError::HorizonTooLong(n) => {
                write!(f, "horizon must be at most {MAX_PERIODS} periods: got {n}")
            }
            ChurnError::LossesExceedStart { start, lost } => write!(
                f,
                "contraction + churned revenue ({lost}) exceeds the starting revenue ({start})"
            ),
            ChurnError::EmptyStart => write!(f, "starting revenue must be greater than 0"),
            ChurnError::LostExceedsActive {
                period,
                lost,
                active,
            } => write!(
                f,
                "period {period}: {lost} customers lost out of {active} active"
            ),
            ChurnError::LengthMismatch { lost, active } => write!(
                f,
                "customers lost ({lost} periods) and active ({active} periods) differ in length"
            ),
            ChurnError::EmptyWindow => write!(f, "trailing window must be at least 1 period"),
        }
    }
}

impl std::error::Error for ChurnError {}

fn non_negative(field: &'static str, value: f64) -> Result<f64, ChurnError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(ChurnError::NotANonNegativeNumber { field, value })
    }
}

fn churn_rate(c: f64) -> Result<f64, ChurnError> {
    if (0.0..=1.0).contains(&c) {
        Ok(c)
    } else {
        Err(ChurnError::ChurnOutOfRange(c))
    }
}

/// What the current churn costs over a horizon, against keeping everybody.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChurnImpact {
    /// Customers lost to churn over the horizon.
    pub customers_lost: f64,
    /// Customers still active at the end of the horizon.
    pub customers_at_end: f64,
    /// Revenue not earned because of churn (undiscounted).
    pub revenue_lost: f64,
    /// `margin rate × revenue lost`.
    pub margin_lost: f64,
}

/// Customers, revenue and margin lost to churn over `horizon` periods.
///
/// # Formula
/// `lost customers = N₀ (1 − r^H)`;
/// `lost revenue = Σ_{t=1}^{H} N₀ ARPU (1 − r^(t−1)) = N₀ ARPU [H − (1 − r^H)/(1 − r)]`
/// (`0` when churn is 0), `r = 1 − churn`.
pub fn churn_impact(
    customers: f64,
    churn: f64,
    revenue_per_customer: f64,
    margin_rate: f64,
    horizon: u32,
) -> Result<ChurnImpact, ChurnError> {
    let n0 = non_negative("customers", customers)?;
    let c = churn_rate(churn)?;
    let arpu = non_negative("revenue per customer", revenue_per_customer)?;
    if !(0.0..=1.0).contains(&margin_rate) {
        return Err(ChurnError::MarginRateOutOfRange(margin_rate));
    }
    if horizon > MAX_PERIODS {
        return Err(ChurnError::HorizonTooLong(horizon));
    }
    let r = 1.0 - c;
    let rh = r.powi(horizon as i32);
    let h = f64::from(horizon);
    let paying_periods = if c == 0.0 { h } else { (1.0 - rh) / c };
    let revenue_lost = n0 * arpu * (h - paying_periods);
    Ok(ChurnImpact {
        customers_lost: n0 * (1.0 - rh),
        customers_at_end: n0 * rh,
        revenue_lost,
        margin_lost: margin_rate * revenue_lost,
    })
}

/// Why a value is over a finite horizon although none was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueNote {
    /// Churn 0 and no discounting: the lifetime value is unbounded, so the
    /// value over `periods` periods ([`ZERO_CHURN_YEARS`] years) is given.
    ZeroChurnFiniteHorizon {
        /// The horizon used, in periods of the input's unit.
        periods: u32,
    },
}

impl fmt::Display for ValueNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueNote::ZeroChurnFiniteHorizon { periods } => write!(
                f,
                "churn is 0 with no discounting: lifetime value is unbounded; value over {periods} periods ({ZERO_CHURN_YEARS} years) shown"
            ),
        }
    }
}

/// A present value with the horizon it was computed over.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HorizonValue {
    /// Present value, in currency.
    pub value: f64,
    /// `None` for an infinite horizon.
    pub horizon: Option<u32>,
    /// Why the horizon is finite although none was asked for, if so.
    pub note: Option<ValueNote>,
}

fn zero_churn_periods(unit: PeriodUnit) -> u32 {
    (f64::from(ZERO_CHURN_YEARS) * unit.per_year()).round() as u32
}

/// Present value of a cohort's margin.
///
/// # Formula
/// `PV = N₀ m Σ_{t=1}^{H} r^(t−1)/(1+d)^t = N₀ m (1 − q^H) / ((1 + d)(1 − q))`,
/// `q = r/(1+d)`; with `H = ∞`: `N₀ m / (1 + d − r)`. When `r = 1` and
/// `d = 0` with `H = ∞` the sum diverges: `H` becomes
/// [`ZERO_CHURN_YEARS`] years of `unit` and the result says so.
pub fn cohort_value(
    customers: f64,
    margin_per_customer: f64,
    churn: f64,
    discount: f64,
    horizon: Option<u32>,
    unit: PeriodUnit,
) -> Result<HorizonValue, ChurnError> {
    let n0 = non_negative("customers", customers)?;
    if !margin_per_customer.is_finite() {
        return Err(ChurnError::NotANonNegativeNumber {
            field: "margin per customer",
            value: margin_per_customer,
        });
    }
    let c = churn_rate(churn)?;
    if !(discount.is_finite() && discount > -1.0) {
        return Err(ChurnError::DiscountOutOfRange(discount));
    }
    let r = 1.0 - c;
    let q = r / (1.0 + discount);
    let (horizon, note) = match horizon {
        Some(h) if h > MAX_PERIODS => return Err(ChurnError::HorizonTooLong(h)),
        Some(h) => (Some(h), None),
        None if q >= 1.0 => {
            let p = zero_churn_periods(unit);
            (
                Some(p),
                Some(ValueNote::ZeroChurnFiniteHorizon { periods: p }),
            )
        }
        None => (None, None),
    };
    let per_customer = match horizon {
        None => margin_per_customer / (1.0 + discount - r),
        Some(h) if (1.0 - q).abs() < 1e-12 => margin_per_customer * f64::from(h) / (1.0 + discount),
        Some(h) => margin_per_customer * (1.0 - q.powi(h as i32)) / ((1.0 + discount) * (1.0 - q)),
    };
    Ok(HorizonValue {
        value: n0 * per_customer,
        horizon,
        note,
    })
}

/// The value of cutting churn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChurnReductionValue {
    /// Present value of the cohort's margin at the current churn.
    pub before: HorizonValue,
    /// Present value of the cohort's margin at the reduced churn.
    pub after: HorizonValue,
    /// `after − before`: the NPV of the reduction (before its cost).
    pub npv: f64,
}

/// NPV of reducing churn by `reduction` (a fraction: 0.02 = 2 points).
///
/// # Formula
/// `NPV = PV(churn − reduction) − PV(churn)` with [`cohort_value`]; both on
/// the same horizon (if the reduced churn reaches 0 with no discounting,
/// both use the finite zero-churn horizon and the note says so).
pub fn churn_reduction_value(
    customers: f64,
    margin_per_customer: f64,
    churn: f64,
    reduction: f64,
    discount: f64,
    horizon: Option<u32>,
    unit: PeriodUnit,
) -> Result<ChurnReductionValue, ChurnError> {
    let c = churn_rate(churn)?;
    let red = non_negative("churn reduction", reduction)?;
    if red > c + 1e-15 {
        return Err(ChurnError::ReductionExceedsChurn {
            churn: c,
            reduction: red,
        });
    }
    let after = cohort_value(
        customers,
        margin_per_customer,
        (c - red).max(0.0),
        discount,
        horizon,
        unit,
    )?;
    let before = cohort_value(
        customers,
        margin_per_customer,
        c,
        discount,
        after.horizon,
        unit,
    )?;
    Ok(ChurnReductionValue {
        npv: after.value - before.value,
        before,
        after,
    })
}

/// Undiscounted lifetime value per customer, the spreadsheet formula.
///
/// # Formula
/// `LTV = margin per period / churn per period` (the mean of a geometric
/// lifetime `1/churn` periods times the margin). With churn 0 it is
/// unbounded: the value over [`ZERO_CHURN_YEARS`] years is returned with a
/// note, never a division by zero. Feed it [`trailing_churn`] so one month
/// does not swing it.
pub fn simple_ltv(
    margin_per_period: f64,
    churn: f64,
    unit: PeriodUnit,
) -> Result<HorizonValue, ChurnError> {
    if !margin_per_period.is_finite() {
        return Err(ChurnError::NotANonNegativeNumber {
            field: "margin per period",
            value: margin_per_period,
        });
    }
    let c = churn_rate(churn)?;
    if c == 0.0 {
        let p = zero_churn_periods(unit);
        return Ok(HorizonValue {
            value: margin_per_period * f64::from(p),
            horizon: Some(p),
            note: Some(ValueNote::ZeroChurnFiniteHorizon { periods: p }),
        });
    }
    Ok(HorizonValue {
        value: margin_per_period / c,
        horizon: None,
        note: None,
    })
}

/// Gross and net revenue retention of a period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RevenueRetention {
    /// `(start − contraction − churned) / start`, in `[0, 1]`.
    pub grr: f64,
    /// `(start + expansion − contraction − churned) / start`, may exceed 1.
    pub nrr: f64,
}

/// GRR and NRR of the revenue of customers present at the start.
///
/// # Formula
/// `GRR = (R₀ − contraction − churned)/R₀`,
/// `NRR = (R₀ + expansion − contraction − churned)/R₀` (new customers'
/// revenue excluded).
pub fn revenue_retention(
    start: f64,
    expansion: f64,
    contraction: f64,
    churned: f64,
) -> Result<RevenueRetention, ChurnError> {
    let r0 = non_negative("starting revenue", start)?;
    let e = non_negative("expansion revenue", expansion)?;
    let k = non_negative("contraction revenue", contraction)?;
    let c = non_negative("churned revenue", churned)?;
    if r0 == 0.0 {
        return Err(ChurnError::EmptyStart);
    }
    if k + c > r0 {
        return Err(ChurnError::LossesExceedStart {
            start: r0,
            lost: k + c,
        });
    }
    Ok(RevenueRetention {
        grr: (r0 - k - c) / r0,
        nrr: (r0 + e - k - c) / r0,
    })
}

/// The SaaS quick ratio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuickRatio {
    /// `(new + expansion revenue) / (contraction + churned revenue)`.
    Ratio(f64),
    /// No revenue lost at all: the ratio is unbounded (growth without leaks).
    NoLosses,
}

/// Quick ratio of a period.
///
/// # Formula
/// `(new + expansion) / (contraction + churned)` revenue (Hamid 2015);
/// above 4 is the usual bar for efficient growth.
pub fn quick_ratio(
    new: f64,
    expansion: f64,
    contraction: f64,
    churned: f64,
) -> Result<QuickRatio, ChurnError> {
    let gained = non_negative("new revenue", new)? + non_negative("expansion revenue", expansion)?;
    let lost = non_negative("contraction revenue", contraction)?
        + non_negative("churned revenue", churned)?;
    Ok(if lost == 0.0 {
        QuickRatio::NoLosses
    } else {
        QuickRatio::Ratio(gained / lost)
    })
}

/// Trailing churn rate of each period, pooled over the last `window`
/// periods (fewer at the start of the series).
///
/// # Formula
/// `churn_t = Σ_{s=t−w+1}^{t} lost_s / Σ_{s=t−w+1}^{t} active_s`: a
/// customer-weighted average, so a small month weighs less than a big one
/// (unlike the plain mean of monthly rates). Periods whose window has no
/// active customer give `None`.
pub fn trailing_churn(
    lost: &[f64],
    active_at_start: &[f64],
    window: usize,
) -> Result<Vec<Option<f64>>, ChurnError> {
    if window == 0 {
        return Err(ChurnError::EmptyWindow);
    }
    if lost.len() != active_at_start.len() {
        return Err(ChurnError::LengthMismatch {
            lost: lost.len(),
            active: active_at_start.len(),
        });
    }
    for (i, (&l, &a)) in lost.iter().zip(active_at_start).enumerate() {
        non_negative("customers lost", l)?;
        non_negative("active customers", a)?;
        if l > a {
            return Err(ChurnError::LostExceedsActive {
                period: i + 1,
                lost: l,
                active: a,
            });
        }
    }
    Ok((0..lost.len())
        .map(|t| {
            let from = (t + 1).saturating_sub(window);
            let l: f64 = lost[from..=t].iter().sum();
            let a: f64 = active_at_start[from..=t].iter().sum();
            if a > 0.0 {
                Some(l / a)
            } else {
                None
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Reference: hand computation, N₀ = 1,000, churn 10 %, ARPU 50, 3
    /// periods: paying customers 1000, 900, 810 instead of 3×1000, so
    /// 290 × 50 = 14,500 revenue lost; 271 customers lost (1000 − 729).
    #[test]
    fn impact_by_hand() {
        let i = churn_impact(1_000.0, 0.1, 50.0, 0.4, 3).unwrap();
        assert_close!(i.revenue_lost, 14_500.0, 1e-9);
        assert_close!(i.margin_lost, 5_800.0, 1e-9);
        assert_close!(i.customers_lost, 271.0, 1e-9);
        assert_close!(i.customers_at_end, 729.0, 1e-9);
        let none = churn_impact(1_000.0, 0.0, 50.0, 0.4, 12).unwrap();
        assert_eq!((none.revenue_lost, none.customers_lost), (0.0, 0.0));
        assert!(churn_impact(1_000.0, 1.2, 50.0, 0.4, 3).is_err());
    }

    /// Reference: the defining sum Σ r^(t−1)/(1+d)^t term by term (3,000
    /// terms) and the closed form 1/(1+d−r): r = 0.8, d = 0.1 → 3.3333 per
    /// unit of margin, which is Gupta & Lehmann's table multiple
    /// r/(1+i−r) = 2.67 divided by r (here period 1 is paid by everybody).
    #[test]
    fn cohort_value_matches_direct_sum() {
        let v = cohort_value(1.0, 1.0, 0.2, 0.1, None, PeriodUnit::Year).unwrap();
        assert_close!(v.value, 1.0 / 0.3, 1e-12);
        let direct: f64 = (1..=3000)
            .map(|t| 0.8f64.powi(t - 1) / 1.1f64.powi(t))
            .sum();
        assert_close!(v.value, direct, 1e-12);
        let f = cohort_value(100.0, 20.0, 0.05, 0.01, Some(24), PeriodUnit::Month).unwrap();
        let direct: f64 = (1..=24)
            .map(|t| 100.0 * 20.0 * 0.95f64.powi(t - 1) / 1.01f64.powi(t))
            .sum();
        assert_close!(f.value, direct, 1e-9);
    }

    /// Zero churn: finite with discounting (m/d), and a stated finite
    /// horizon without — never a division by zero.
    #[test]
    fn zero_churn_has_a_defined_answer() {
        let v = cohort_value(1.0, 10.0, 0.0, 0.01, None, PeriodUnit::Month).unwrap();
        assert!((v.value - 1_000.0).abs() < 1e-9 && v.note.is_none());
        let v = cohort_value(1.0, 10.0, 0.0, 0.0, None, PeriodUnit::Month).unwrap();
        assert_eq!(v.horizon, Some(60));
        assert_eq!(v.value, 600.0);
        assert_eq!(
            v.note.unwrap().to_string(),
            "churn is 0 with no discounting: lifetime value is unbounded; value over 60 periods (5 years) shown"
        );
        let l = simple_ltv(30.0, 0.0, PeriodUnit::Month).unwrap();
        assert_eq!((l.value, l.horizon), (1_800.0, Some(60)));
        assert_eq!(
            simple_ltv(30.0, 0.02, PeriodUnit::Month).unwrap().value,
            1_500.0
        );
    }

    /// Reference: hand computation. 10,000 customers, 20 €/month margin,
    /// churn 3 % → 2 %, 1 %/month discount, infinite horizon:
    /// 200,000 × (1/0.03 − 1/0.04) = 200,000 × 8.3333 = 1,666,666.67 €.
    #[test]
    fn reduction_npv_by_hand() {
        let v = churn_reduction_value(10_000.0, 20.0, 0.03, 0.01, 0.01, None, PeriodUnit::Month)
            .unwrap();
        assert_close!(v.npv, 200_000.0 * (1.0 / 0.03 - 1.0 / 0.04), 1e-6);
        // Reducing to zero with no discount: both sides on the 5-year horizon.
        let z = churn_reduction_value(10.0, 1.0, 0.01, 0.01, 0.0, None, PeriodUnit::Month).unwrap();
        assert_eq!(z.before.horizon, Some(60));
        assert_eq!(z.after.value, 600.0);
        assert!(z.npv > 0.0);
        assert_eq!(
            churn_reduction_value(10.0, 1.0, 0.01, 0.02, 0.0, None, PeriodUnit::Month)
                .unwrap_err()
                .to_string(),
            "churn reduction 0.02 is larger than the churn 0.01 it reduces"
        );
    }

    /// Reference: hand computation. Start 100k MRR, expansion 15k,
    /// contraction 5k, churned 8k: GRR 87 %, NRR 102 %; quick ratio with
    /// 20k new: (20 + 15)/(5 + 8) = 2.6923.
    #[test]
    fn retention_ratios_by_hand() {
        let r = revenue_retention(100_000.0, 15_000.0, 5_000.0, 8_000.0).unwrap();
        assert!((r.grr - 0.87).abs() < 1e-12 && (r.nrr - 1.02).abs() < 1e-12);
        match quick_ratio(20_000.0, 15_000.0, 5_000.0, 8_000.0).unwrap() {
            QuickRatio::Ratio(q) => assert_close!(q, 35.0 / 13.0, 1e-12),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            quick_ratio(1.0, 0.0, 0.0, 0.0).unwrap(),
            QuickRatio::NoLosses
        );
        assert_eq!(
            revenue_retention(0.0, 1.0, 0.0, 0.0),
            Err(ChurnError::EmptyStart)
        );
        assert!(revenue_retention(10.0, 0.0, 6.0, 5.0).is_err());
    }

    /// Reference: hand computation of a 3-month pooled window. Lost
    /// 10, 30, 5, 5; active 1000, 1000, 500, 500:
    /// p1 10/1000, p2 40/2000, p3 45/2500 = 0.018, p4 40/2000 = 0.02.
    #[test]
    fn trailing_churn_by_hand() {
        let t =
            trailing_churn(&[10.0, 30.0, 5.0, 5.0], &[1000.0, 1000.0, 500.0, 500.0], 3).unwrap();
        let want = [0.01, 0.02, 0.018, 0.02];
        for (g, w) in t.iter().zip(want) {
            assert_close!(g.unwrap(), w, 1e-15);
        }
        assert_eq!(trailing_churn(&[0.0], &[0.0], 2).unwrap(), vec![None]);
        assert!(matches!(
            trailing_churn(&[5.0], &[3.0], 1),
            Err(ChurnError::LostExceedsActive { period: 1, .. })
        ));
        assert_eq!(
            trailing_churn(&[1.0], &[3.0], 0),
            Err(ChurnError::EmptyWindow)
        );
    }
}
