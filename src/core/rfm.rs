//! Recency–frequency–monetary summaries: the input of the BG/NBD and
//! Gamma-Gamma models.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One customer's purchase history, summarised the way the BG/NBD and
/// Gamma-Gamma models read it (Fader, Hardie & Lee 2005, section 2).
///
/// All times are in the same model time unit (days, weeks or months) and
/// measured from the customer's first purchase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    /// `x`: number of repeat purchase periods (the first purchase is not counted).
    pub frequency: u32,
    /// `t_x`: time of the last repeat purchase; 0 when `frequency` is 0.
    pub recency: f64,
    /// `T`: time between the first purchase and the end of observation.
    pub age: f64,
    /// `z̄`: mean amount of the repeat purchase periods; 0 when `frequency` is 0.
    pub monetary_value: f64,
}

/// Why a customer summary was refused. `row` is the 1-based position of the
/// customer in the input.
#[derive(Debug, Clone, PartialEq)]
pub enum RfmError {
    /// A time is negative or not finite.
    TimeOutOfRange {
        row: usize,
        field: &'static str,
        value: f64,
    },
    /// `t_x > T`: the last purchase after the end of observation.
    RecencyAfterAge { row: usize, recency: f64, age: f64 },
    /// `t_x > 0` with no repeat purchase.
    RecencyWithoutRepeat { row: usize, recency: f64 },
    /// `T = 0`: the customer has not been observed at all.
    ZeroAge { row: usize },
    /// Monetary value not finite.
    MonetaryNotFinite { row: usize, value: f64 },
    /// No customer at all.
    Empty,
}

impl fmt::Display for RfmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RfmError::TimeOutOfRange { row, field, value } => {
                write!(f, "row {row}: {field} must be a number >= 0: got {value}")
            }
            RfmError::RecencyAfterAge { row, recency, age } => write!(
                f,
                "row {row}: recency {recency} is after T {age} (last purchase after the end of observation)"
            ),
            RfmError::RecencyWithoutRepeat { row, recency } => write!(
                f,
                "row {row}: recency {recency} with frequency 0 (recency must be 0 without repeat purchases)"
            ),
            RfmError::ZeroAge { row } => write!(f, "row {row}: T must be greater than 0: got 0"),
            RfmError::MonetaryNotFinite { row, value } => {
                write!(f, "row {row}: monetary value must be a number: got {value}")
            }
            RfmError::Empty => write!(f, "no customer in the summary"),
        }
    }
}

impl std::error::Error for RfmError {}

impl Rfm {
    /// Checks one summary; `row` (1-based) locates it in error messages.
    pub fn validate(&self, row: usize) -> Result<(), RfmError> {
        for (field, value) in [("recency", self.recency), ("T", self.age)] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(RfmError::TimeOutOfRange { row, field, value });
            }
        }
        if self.age == 0.0 {
            return Err(RfmError::ZeroAge { row });
        }
        if self.recency > self.age {
            return Err(RfmError::RecencyAfterAge {
                row,
                recency: self.recency,
                age: self.age,
            });
        }
        if self.frequency == 0 && self.recency > 0.0 {
            return Err(RfmError::RecencyWithoutRepeat {
                row,
                recency: self.recency,
            });
        }
        if !self.monetary_value.is_finite() {
            return Err(RfmError::MonetaryNotFinite {
                row,
                value: self.monetary_value,
            });
        }
        Ok(())
    }
}

/// Validates every summary, stopping at the first bad one.
pub fn validate_all(rows: &[Rfm]) -> Result<(), RfmError> {
    if rows.is_empty() {
        return Err(RfmError::Empty);
    }
    rows.iter()
        .enumerate()
        .try_for_each(|(i, r)| r.validate(i + 1))
}
