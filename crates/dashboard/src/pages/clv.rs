//! The closed-form CLV calculator's assumptions (period unit, margin,
//! retention, discount rate, horizon): shared by the pages that run on
//! assumptions when no data is loaded, and what it computes from them.

use cxi_models::clv::{ClvError, ClvInputs, FirstPayment};
use cxi_types::period::{annual_to_period_rate, PeriodUnit};
use serde::{Deserialize, Serialize};

/// Assumptions of the closed-form CLV calculator, as the user typed them.
///
/// Values are kept even when invalid (retention of 120 %) so the user sees
/// what they typed next to the error instead of losing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClvAssumptions {
    pub unit: PeriodUnit,
    /// Contribution margin per customer per period, in the scenario currency.
    pub margin: f64,
    /// Retention per period, in percent (90 means 0.90).
    pub retention_pct: f64,
    /// Annual discount rate in percent, converted to the period by compounding.
    pub annual_discount_pct: f64,
    pub include_first_payment: bool,
    /// Number of periods drawn in the cumulative-value chart.
    pub horizon: u32,
}

impl Default for ClvAssumptions {
    fn default() -> Self {
        // A mid-market subscription business: EUR 50 margin a month, 95 %
        // monthly retention (≈ 54 % a year), 10 % annual cost of capital.
        ClvAssumptions {
            unit: PeriodUnit::Month,
            margin: 50.0,
            retention_pct: 95.0,
            annual_discount_pct: 10.0,
            include_first_payment: true,
            horizon: 36,
        }
    }
}

/// Longest horizon the chart offers, in periods.
pub const MAX_CHART_HORIZON: u32 = 600;

/// What the CLV panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvOutcome {
    pub inputs: ClvInputs,
    /// Discount rate per period derived from the annual rate.
    pub period_discount: f64,
    pub clv: f64,
    pub clv_horizon: f64,
    pub cumulative: Vec<f64>,
    pub expected_lifetime_periods: f64,
}

impl ClvAssumptions {
    /// Validates and computes everything the CLV panel displays.
    pub fn compute(&self) -> Result<ClvOutcome, ClvError> {
        let annual = self.annual_discount_pct / 100.0;
        let period_discount =
            annual_to_period_rate(annual, self.unit).ok_or(ClvError::DiscountOutOfRange(annual))?;
        let first = if self.include_first_payment {
            FirstPayment::Included
        } else {
            FirstPayment::Excluded
        };
        let inputs = ClvInputs::new(
            self.margin,
            self.retention_pct / 100.0,
            period_discount,
            self.unit,
            first,
        )?;
        let horizon = self.horizon.min(MAX_CHART_HORIZON);
        Ok(ClvOutcome {
            inputs,
            period_discount,
            clv: inputs.clv(),
            clv_horizon: inputs.clv_finite(horizon)?,
            cumulative: inputs.cumulative(horizon)?,
            expected_lifetime_periods: inputs.expected_lifetime_periods(),
        })
    }
}
