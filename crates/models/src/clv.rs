//! Closed-form customer lifetime value with constant retention.
//!
//! Source: Fader, P. S. & Hardie, B. G. S. (2012), "Reconciling and Clarifying
//! CLV Formulas" (note). Both usual forms assume a constant retention rate `r`
//! per period, a constant margin `m` per period and a discount rate `d` per
//! period; they differ only in whether the payment made at the start (time 0)
//! is counted.

use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest finite horizon accepted, in periods (100 years of days).
pub const MAX_HORIZON: u32 = 36_525;

/// Why a set of CLV inputs was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ClvError {
    /// Margin is NaN or infinite.
    MarginNotFinite(f64),
    /// Retention outside `[0, 1)`.
    RetentionOutOfRange(f64),
    /// Churn outside `(0, 1]`.
    ChurnOutOfRange(f64),
    /// Discount rate not greater than −1 (or not finite).
    DiscountOutOfRange(f64),
    /// Finite horizon longer than [`MAX_HORIZON`].
    HorizonTooLong(u32),
}

impl fmt::Display for ClvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClvError::MarginNotFinite(v) => write!(f, "margin must be a finite number: got {v}"),
            ClvError::RetentionOutOfRange(v) => {
                write!(f, "retention must be in [0,1): got {v}")
            }
            ClvError::ChurnOutOfRange(v) => write!(f, "churn must be in (0,1]: got {v}"),
            ClvError::DiscountOutOfRange(v) => {
                write!(f, "discount rate must be greater than -1: got {v}")
            }
            ClvError::HorizonTooLong(n) => {
                write!(f, "horizon must be at most {MAX_HORIZON} periods: got {n}")
            }
        }
    }
}

impl std::error::Error for ClvError {}

/// Whether the payment made at time 0 (when the customer is acquired) is
/// part of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstPayment {
    /// Value of a customer about to be acquired: the margin at time 0 counts.
    Included,
    /// Value of an existing customer who has just paid: only future margins.
    Excluded,
}

/// Validated inputs of the closed-form CLV.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvInputs {
    margin: f64,
    retention: f64,
    discount: f64,
    unit: PeriodUnit,
    first_payment: FirstPayment,
}

impl ClvInputs {
    /// Validates the inputs.
    ///
    /// * `margin`: contribution margin per customer per period, in currency.
    /// * `retention`: probability that a customer active in one period is still
    ///   active in the next, a fraction in `[0, 1)`.
    /// * `discount`: discount rate per period, a fraction greater than −1.
    /// * `unit`: the period all three refer to.
    pub fn new(
        margin: f64,
        retention: f64,
        discount: f64,
        unit: PeriodUnit,
        first_payment: FirstPayment,
    ) -> Result<Self, ClvError> {
        if !margin.is_finite() {
            return Err(ClvError::MarginNotFinite(margin));
        }
        if !(0.0..1.0).contains(&retention) {
            return Err(ClvError::RetentionOutOfRange(retention));
        }
        if !discount.is_finite() || discount <= -1.0 {
            return Err(ClvError::DiscountOutOfRange(discount));
        }
        if retention >= 1.0 + discount {
            // Only reachable for negative discount rates: the series diverges.
            return Err(ClvError::DiscountOutOfRange(discount));
        }
        Ok(ClvInputs {
            margin,
            retention,
            discount,
            unit,
            first_payment,
        })
    }

    /// Same as [`ClvInputs::new`] with churn (`1 − retention`) in `(0, 1]`.
    pub fn from_churn(
        margin: f64,
        churn: f64,
        discount: f64,
        unit: PeriodUnit,
        first_payment: FirstPayment,
    ) -> Result<Self, ClvError> {
        if !(churn > 0.0 && churn <= 1.0) {
            return Err(ClvError::ChurnOutOfRange(churn));
        }
        ClvInputs::new(margin, 1.0 - churn, discount, unit, first_payment)
    }

    /// Contribution margin per customer per period, in currency.
    pub fn margin(&self) -> f64 {
        self.margin
    }
    /// Probability that a customer active in one period is still active
    /// in the next, in `[0, 1)`.
    pub fn retention(&self) -> f64 {
        self.retention
    }
    /// Churn per period, `1 − retention`, in `(0, 1]`.
    pub fn churn(&self) -> f64 {
        1.0 - self.retention
    }
    /// Discount rate per period, a fraction greater than −1.
    pub fn discount(&self) -> f64 {
        self.discount
    }
    /// The length of one period (margin, retention and discount are per
    /// period).
    pub fn unit(&self) -> PeriodUnit {
        self.unit
    }
    /// Whether the margin at time 0 counts (new customer) or not (a
    /// customer who has just paid).
    pub fn first_payment(&self) -> FirstPayment {
        self.first_payment
    }

    /// The margin multiple: CLV divided by the margin per period.
    ///
    /// # Formula
    /// * first payment included: `(1 + d) / (1 + d − r)`
    /// * first payment excluded: `r / (1 + d − r)` (Gupta & Lehmann's margin multiple)
    pub fn multiple(&self) -> f64 {
        let (r, d) = (self.retention, self.discount);
        match self.first_payment {
            FirstPayment::Included => (1.0 + d) / (1.0 + d - r),
            FirstPayment::Excluded => r / (1.0 + d - r),
        }
    }

    /// Expected lifetime value over an infinite horizon.
    ///
    /// # Formula
    /// * first payment included: `CLV = m (1 + d) / (1 + d − r) = Σ_{t≥0} m r^t / (1 + d)^t`
    /// * first payment excluded: `CLV = m r / (1 + d − r) = Σ_{t≥1} m r^t / (1 + d)^t`
    ///
    /// Source: Fader & Hardie (2012), equations (1) and (2).
    pub fn clv(&self) -> f64 {
        self.margin * self.multiple()
    }

    /// Expected lifetime value over the first `horizon` payments.
    ///
    /// # Formula
    /// `Σ_{t=s}^{s+N−1} m r^t / (1 + d)^t` with `s = 0` when the first payment
    /// is included and `s = 1` otherwise; evaluated in closed form as
    /// `m q^s (1 − q^N) / (1 − q)` with `q = r / (1 + d)`.
    pub fn clv_finite(&self, horizon: u32) -> Result<f64, ClvError> {
        if horizon > MAX_HORIZON {
            return Err(ClvError::HorizonTooLong(horizon));
        }
        let q = self.ratio();
        let start = match self.first_payment {
            FirstPayment::Included => 1.0,
            FirstPayment::Excluded => q,
        };
        // q < 1 is guaranteed by validation, so the geometric sum is well defined.
        Ok(self.margin * start * (1.0 - q.powi(horizon as i32)) / (1.0 - q))
    }

    /// Cumulative expected discounted value after each of the first `horizon`
    /// payments: element `k` is the value of payments `0..=k` (or `1..=k+1`
    /// when the first payment is excluded).
    pub fn cumulative(&self, horizon: u32) -> Result<Vec<f64>, ClvError> {
        if horizon > MAX_HORIZON {
            return Err(ClvError::HorizonTooLong(horizon));
        }
        let q = self.ratio();
        let mut term = match self.first_payment {
            FirstPayment::Included => self.margin,
            FirstPayment::Excluded => self.margin * q,
        };
        let mut total = 0.0;
        let mut out = Vec::with_capacity(horizon as usize);
        for _ in 0..horizon {
            total += term;
            out.push(total);
            term *= q;
        }
        Ok(out)
    }

    /// Expected number of further periods a customer stays (undiscounted),
    /// counting the current one when the first payment is included.
    ///
    /// # Formula
    /// `1 / (1 − r)` (included) or `r / (1 − r)` (excluded): the mean of a
    /// geometric lifetime.
    pub fn expected_lifetime_periods(&self) -> f64 {
        let r = self.retention;
        match self.first_payment {
            FirstPayment::Included => 1.0 / (1.0 - r),
            FirstPayment::Excluded => r / (1.0 - r),
        }
    }

    fn ratio(&self) -> f64 {
        self.retention / (1.0 + self.discount)
    }
}

/// Gupta & Lehmann's margin multiple `r / (1 + i − r)`: CLV of an existing
/// customer per unit of margin per period.
pub fn margin_multiple(retention: f64, discount: f64) -> Result<f64, ClvError> {
    ClvInputs::new(
        1.0,
        retention,
        discount,
        PeriodUnit::Year,
        FirstPayment::Excluded,
    )
    .map(|c| c.multiple())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn inputs(m: f64, r: f64, d: f64, fp: FirstPayment) -> ClvInputs {
        ClvInputs::new(m, r, d, PeriodUnit::Year, fp).unwrap()
    }

    /// Reference: Gupta, S. & Lehmann, D. R. (2005), *Managing Customers as
    /// Investments*, Table 2-2 "Margin multiple" r/(1+i−r), published to two
    /// decimals; tolerance ±0.005 (the rounding of the table).
    #[test]
    fn gupta_lehmann_margin_multiple_table() {
        let table = [
            // (retention, discount, published multiple)
            (0.6, 0.10, 1.20),
            (0.6, 0.12, 1.15),
            (0.6, 0.14, 1.11),
            (0.6, 0.16, 1.07),
            (0.7, 0.10, 1.75),
            (0.7, 0.12, 1.67),
            (0.7, 0.14, 1.59),
            (0.7, 0.16, 1.52),
            (0.8, 0.10, 2.67),
            (0.8, 0.12, 2.50),
            (0.8, 0.14, 2.35),
            (0.8, 0.16, 2.22),
            (0.9, 0.10, 4.50),
            (0.9, 0.12, 4.09),
            (0.9, 0.14, 3.75),
            (0.9, 0.16, 3.46),
        ];
        for (r, i, published) in table {
            let got = margin_multiple(r, i).unwrap();
            assert!(
                (got - published).abs() <= 0.005 + 1e-12,
                "r={r} i={i}: got {got}, published {published}"
            );
        }
    }

    /// Reference: Fader & Hardie (2012) eq. (1)/(2) evaluated by hand:
    /// m = 100, r = 0.8, d = 0.1 → 100·1.1/0.3 = 366.67 and 100·0.8/0.3 = 266.67.
    #[test]
    fn fader_hardie_two_forms_hand_computed() {
        let inc = inputs(100.0, 0.8, 0.1, FirstPayment::Included).clv();
        let exc = inputs(100.0, 0.8, 0.1, FirstPayment::Excluded).clv();
        assert_close!(inc, 366.666_666_666_666_7, 1e-9);
        assert_close!(exc, 266.666_666_666_666_7, 1e-9);
        // The two forms differ by exactly the undiscounted first margin.
        assert_close!(inc - exc, 100.0, 1e-9);
    }

    /// Reference: the defining series Σ m r^t/(1+d)^t summed term by term.
    #[test]
    fn finite_horizon_matches_term_by_term_sum() {
        let c = inputs(42.0, 0.93, 0.008, FirstPayment::Included);
        for n in [0u32, 1, 2, 12, 60, 600] {
            let direct: f64 = (0..n)
                .map(|t| 42.0 * 0.93f64.powi(t as i32) / 1.008f64.powi(t as i32))
                .sum();
            let got = c.clv_finite(n).unwrap();
            assert_close!(got, direct, 1e-9 * direct.max(1.0), "n={n}");
            let cum = c.cumulative(n).unwrap();
            assert_eq!(cum.len(), n as usize);
            if n > 0 {
                assert_close!(cum[n as usize - 1], direct, 1e-9 * direct.max(1.0));
            }
        }
        // And converges to the closed form.
        let long = c.clv_finite(5_000).unwrap();
        assert_close!(long, c.clv(), 1e-9 * c.clv());
    }

    /// Reference: hand computation, first two payments excluded-form:
    /// 100·0.8/1.1 + 100·0.64/1.21 = 72.7273 + 52.8926 = 125.6198.
    #[test]
    fn excluded_finite_two_periods() {
        let c = inputs(100.0, 0.8, 0.1, FirstPayment::Excluded);
        let got = c.clv_finite(2).unwrap();
        assert_close!(got, 125.619_834_710_743_8, 1e-9, "{got}");
    }

    #[test]
    fn validation_messages() {
        let e =
            ClvInputs::new(1.0, 1.2, 0.1, PeriodUnit::Month, FirstPayment::Included).unwrap_err();
        assert_eq!(e.to_string(), "retention must be in [0,1): got 1.2");
        let e =
            ClvInputs::new(1.0, 0.5, -1.0, PeriodUnit::Month, FirstPayment::Included).unwrap_err();
        assert_eq!(e, ClvError::DiscountOutOfRange(-1.0));
        assert!(ClvInputs::new(
            f64::NAN,
            0.5,
            0.1,
            PeriodUnit::Month,
            FirstPayment::Included
        )
        .is_err());
        assert!(ClvInputs::new(1.0, 1.0, 0.1, PeriodUnit::Month, FirstPayment::Included).is_err());
        // Negative discount that makes the series diverge.
        assert!(
            ClvInputs::new(1.0, 0.95, -0.1, PeriodUnit::Month, FirstPayment::Included).is_err()
        );
        assert_eq!(
            ClvInputs::from_churn(1.0, 0.0, 0.1, PeriodUnit::Month, FirstPayment::Included),
            Err(ClvError::ChurnOutOfRange(0.0))
        );
        let c = inputs(1.0, 0.5, 0.1, FirstPayment::Included);
        assert_eq!(
            c.clv_finite(MAX_HORIZON + 1),
            Err(ClvError::HorizonTooLong(MAX_HORIZON + 1))
        );
    }

    /// Reference: mean of a geometric distribution, 1/(1−r): r = 0.75 → 4 periods.
    #[test]
    fn expected_lifetime() {
        let c = inputs(1.0, 0.75, 0.0, FirstPayment::Included);
        assert_close!(c.expected_lifetime_periods(), 4.0, 1e-12);
        // With d = 0 the CLV is margin × expected lifetime.
        assert_close!(c.clv(), 4.0, 1e-12);
    }
}
