//! What the fits of the value evidence share with the holdout check: why
//! a model could not be fitted, and the model time unit of a log.

use cxi_models::bgnbd::BgNbdError;
use cxi_models::gamma_gamma::GammaGammaError;
use cxi_models::sbg::SbgError;
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

/// Why a model could not be fitted to the loaded data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitFailure {
    /// Too few customers, periods, or nobody made a repeat purchase.
    NotEnoughData,
    /// Nobody churned: churn cannot be estimated.
    NoChurn,
    /// The likelihood has no interior maximum or the optimiser did not
    /// converge.
    DidNotConverge,
}

impl From<&BgNbdError> for FitFailure {
    fn from(e: &BgNbdError) -> Self {
        match e {
            BgNbdError::NoRepeatPurchases | BgNbdError::Data(_) => FitFailure::NotEnoughData,
            _ => FitFailure::DidNotConverge,
        }
    }
}

impl From<&GammaGammaError> for FitFailure {
    fn from(e: &GammaGammaError) -> Self {
        match e {
            GammaGammaError::TooFewRepeatCustomers(_) | GammaGammaError::Data(_) => {
                FitFailure::NotEnoughData
            }
            _ => FitFailure::DidNotConverge,
        }
    }
}

impl From<&SbgError> for FitFailure {
    fn from(e: &SbgError) -> Self {
        match e {
            SbgError::NoChurn => FitFailure::NoChurn,
            SbgError::TooFewPeriods(_) | SbgError::EmptyCohort => FitFailure::NotEnoughData,
            _ => FitFailure::DidNotConverge,
        }
    }
}

/// Model time unit for a transaction log spanning `days`: weeks (CDNOW's)
/// unless the span is short (days) or long (months keep the bins few).
pub fn unit_for_span(days: i64) -> PeriodUnit {
    if days < 70 {
        PeriodUnit::Day
    } else if days > 4 * 365 {
        PeriodUnit::Month
    } else {
        PeriodUnit::Week
    }
}
