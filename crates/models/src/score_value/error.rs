//! Why a scores-to-money input was refused, and the amount check shared by
//! the models.

use crate::clv::ClvError;
use std::fmt;

/// Why a scores-to-money input was refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreValueError {
    /// A lifetime-value input was refused (retention, discount, margin).
    Clv { group: String, error: ClvError },
    /// A per-period amount (spend, cost, referrals…) is negative or not finite.
    BadAmount {
        group: String,
        field: &'static str,
        value: f64,
    },
    /// Margin rate outside `[0, 1]`.
    MarginRate(f64),
    /// Share to move outside `[0, 1]`.
    ShareOutOfRange(f64),
    /// Horizon longer than 1200 periods.
    HorizonTooLong(u32),
    /// A customer record is unusable (row is 1-based).
    BadRecord { row: usize, message: String },
    /// The number of groups does not match the number of counts.
    GroupCountMismatch { groups: usize, counts: usize },
    /// A group index past the last group.
    NoSuchGroup { index: usize, groups: usize },
}

impl fmt::Display for ScoreValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreValueError::Clv { group, error } => write!(f, "{group}: {error}"),
            ScoreValueError::BadAmount {
                group,
                field,
                value,
            } => write!(
                f,
                "{group}: {field} must be a finite number at least 0: got {value}"
            ),
            ScoreValueError::MarginRate(v) => {
                write!(f, "margin rate must be in [0,1]: got {v}")
            }
            ScoreValueError::ShareOutOfRange(v) => {
                write!(f, "share of customers to move must be in [0,1]: got {v}")
            }
            ScoreValueError::HorizonTooLong(h) => {
                write!(f, "horizon must be at most 1200 periods: got {h}")
            }
            ScoreValueError::BadRecord { row, message } => write!(f, "row {row}: {message}"),
            ScoreValueError::NoSuchGroup { index, groups } => write!(
                f,
                "group {index} does not exist: there are {groups} groups (0 to {})",
                groups.saturating_sub(1)
            ),
            ScoreValueError::GroupCountMismatch { groups, counts } => {
                write!(f, "{groups} groups but {counts} customer counts were given")
            }
        }
    }
}

impl std::error::Error for ScoreValueError {}

/// `Ok` for a finite amount at least 0, else [`ScoreValueError::BadAmount`].
pub(super) fn check_amount(
    group: &str,
    field: &'static str,
    v: f64,
) -> Result<(), ScoreValueError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(ScoreValueError::BadAmount {
            group: group.to_string(),
            field,
            value: v,
        })
    }
}
