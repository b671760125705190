//! Period units and the conversion of rates between them.
//!
//! Every rate in the core is a fraction *per period* and every model states its
//! period unit, so that a monthly retention is never mixed with an annual
//! discount rate by accident.

use serde::{Deserialize, Serialize};

/// The length of one model period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodUnit {
    pub const ALL: [PeriodUnit; 5] = [
        PeriodUnit::Day,
        PeriodUnit::Week,
        PeriodUnit::Month,
        PeriodUnit::Quarter,
        PeriodUnit::Year,
    ];

    /// Number of periods in one year (365.25 days, 52.1775 weeks).
    pub fn per_year(self) -> f64 {
        match self {
            PeriodUnit::Day => 365.25,
            PeriodUnit::Week => 365.25 / 7.0,
            PeriodUnit::Month => 12.0,
            PeriodUnit::Quarter => 4.0,
            PeriodUnit::Year => 1.0,
        }
    }

    /// Stable identifier used in URLs, files and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            PeriodUnit::Day => "day",
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Year => "year",
        }
    }

    /// Position in [`PeriodUnit::ALL`] (for tables indexed by unit).
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_id(s: &str) -> Option<PeriodUnit> {
        PeriodUnit::ALL.into_iter().find(|u| u.id() == s)
    }
}

/// Converts an annual compound rate to the equivalent rate per period.
///
/// # Formula
/// `d_period = (1 + d_annual)^(1 / periods_per_year) − 1`
///
/// Compounding, not division: 10 % a year is 0.797 % a month, not 0.833 %.
/// Returns `None` when `annual <= -1` (no equivalent rate exists).
pub fn annual_to_period_rate(annual: f64, unit: PeriodUnit) -> Option<f64> {
    if !annual.is_finite() || annual <= -1.0 {
        return None;
    }
    Some((1.0 + annual).powf(1.0 / unit.per_year()) - 1.0)
}

/// Converts a per-period retention (survival) probability to the annual one.
///
/// # Formula
/// `r_annual = r_period^periods_per_year`
pub fn period_to_annual_retention(retention: f64, unit: PeriodUnit) -> f64 {
    retention.powf(unit.per_year())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference: hand computation, 1.10^(1/12) − 1 = 0.00797414 (compound monthly rate).
    #[test]
    fn annual_ten_percent_is_0_797_percent_monthly() {
        let m = annual_to_period_rate(0.10, PeriodUnit::Month).unwrap();
        assert!((m - 0.007_974_140_4).abs() < 1e-9, "{m}");
        // Round trip: compounding 12 monthly periods gives back the annual rate.
        assert!(((1.0 + m).powi(12) - 1.10).abs() < 1e-12);
    }

    #[test]
    fn year_unit_is_identity_and_invalid_rates_are_refused() {
        assert!((annual_to_period_rate(0.08, PeriodUnit::Year).unwrap() - 0.08).abs() < 1e-15);
        assert_eq!(annual_to_period_rate(-1.0, PeriodUnit::Month), None);
        assert_eq!(annual_to_period_rate(f64::NAN, PeriodUnit::Month), None);
    }

    // Reference: 0.9^12 = 0.282429536481 (hand computation).
    #[test]
    fn monthly_retention_to_annual() {
        let a = period_to_annual_retention(0.9, PeriodUnit::Month);
        assert!((a - 0.282_429_536_481).abs() < 1e-12);
    }

    #[test]
    fn ids_round_trip() {
        for u in PeriodUnit::ALL {
            assert_eq!(PeriodUnit::from_id(u.id()), Some(u));
        }
        assert_eq!(PeriodUnit::from_id("fortnight"), None);
    }
}
