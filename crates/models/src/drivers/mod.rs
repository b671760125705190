//! Key driver analysis: which attribute ratings (delivery, price, support…)
//! move an outcome (likelihood to recommend, overall satisfaction, churn).
//!
//! Two decompositions of the regression R² among correlated attributes:
//! * Johnson's relative weights (Johnson 2000, "A heuristic method for
//!   estimating the relative weight of predictor variables in multiple
//!   regression", *Multivariate Behavioral Research* 35(1)): raw weights sum
//!   to R², rescaled to 100 %, signed by the regression coefficient
//!   (Tonidandel & LeBreton 2011).
//! * Shapley value / LMG (Lindeman, Merenda & Gold 1980; Grömping 2006,
//!   "Relative importance for linear regression in R: the package relaimpo",
//!   *J. Stat. Software* 17(1)): each attribute's R² gain averaged over all
//!   orders of entry.
//!
//! Both are computed from the correlation matrix, so a binary outcome
//! (churned 0/1) is handled as a linear probability model: its R² is the
//! share of outcome variance explained linearly.

#![warn(missing_docs)]

mod correlations;
mod input;
mod quadrants;
mod relative_weights;
mod result;
mod shapley;

pub use input::{Column, DriversError, MissingData, MAX_ATTRIBUTES};
pub use quadrants::{
    importance_performance, ImportanceMeasure, Quadrant, QuadrantChart, QuadrantPoint,
};
pub use relative_weights::key_drivers;
pub use result::{DriverAnalysis, DriverResult, DriversWarning, VIF_WARNING};
pub use shapley::{shapley_lmg, MAX_SHAPLEY_ATTRIBUTES};

#[cfg(test)]
mod tests;
