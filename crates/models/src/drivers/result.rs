//! What a driver analysis returns: per-attribute weights and the warnings.

use super::input::MissingData;
use serde::{Deserialize, Serialize};

/// Variance inflation factor above which an attribute is flagged as
/// collinear (rule of thumb, Kutner et al., *Applied Linear Statistical
/// Models*, 5th ed., §10.5).
pub const VIF_WARNING: f64 = 10.0;

/// Something the reader of a driver analysis should know.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DriversWarning {
    /// An attribute's variance inflation factor exceeds [`VIF_WARNING`]
    /// (`None` when it is an exact combination of the others).
    Collinear { attribute: String, vif: Option<f64> },
    /// Pairwise correlations were not mutually consistent; negative
    /// eigenvalues (the largest in magnitude is given) were set to zero.
    NotPositiveDefinite { smallest_eigenvalue: f64 },
    /// Shapley/LMG skipped: too many attributes.
    ShapleySkipped { attributes: usize, max: usize },
    /// Rows dropped because of missing answers (listwise).
    RowsDropped { dropped: usize, total: usize },
}

/// Per-attribute result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriverResult {
    /// Attribute name.
    pub name: String,
    /// Johnson's raw relative weight: its share of R² (a fraction of outcome
    /// variance); the raw weights sum to R².
    pub raw_weight: f64,
    /// Raw weight as a percentage of R² (sums to 100).
    pub rescaled: f64,
    /// Sign of the standardised regression coefficient: 1, −1 or 0.
    pub sign: i8,
    /// Standardised regression coefficient (beta) in the full model.
    pub beta: f64,
    /// Zero-order correlation with the outcome.
    pub correlation: f64,
    /// Shapley/LMG share of R² (fraction of outcome variance); these sum to R².
    pub shapley: Option<f64>,
    /// Shapley value as a percentage of R².
    pub shapley_percent: Option<f64>,
    /// Variance inflation factor `1/(1 − R²_j)`; `None` if perfectly collinear.
    pub vif: Option<f64>,
    /// Mean rating of the attribute on the rows used (its "performance").
    pub mean: f64,
    /// Number of answers used for the mean.
    pub n: usize,
}

/// Result of a key driver analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriverAnalysis {
    /// Outcome name.
    pub outcome: String,
    /// Missing-data treatment used.
    pub missing: MissingData,
    /// Rows used (listwise) or rows with the outcome answered (pairwise).
    pub n_used: usize,
    /// R² of the outcome on all attributes (fraction).
    pub r2: f64,
    /// `√(λ_max/λ_min)` of the attribute correlation matrix (∞ if singular).
    pub condition_number: f64,
    /// One entry per attribute, in input order.
    pub attributes: Vec<DriverResult>,
    /// Cautions.
    pub warnings: Vec<DriversWarning>,
}
