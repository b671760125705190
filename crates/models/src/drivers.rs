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

use super::linalg::{subset_r2, symmetric_eigen, Matrix, SymmetricEigen};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest number of attributes for the Shapley/LMG decomposition: it needs
/// `2^p` regressions (65 536 at 16).
pub const MAX_SHAPLEY_ATTRIBUTES: usize = 16;

/// Largest number of attributes accepted at all.
pub const MAX_ATTRIBUTES: usize = 30;

/// Variance inflation factor above which an attribute is flagged as
/// collinear (rule of thumb, Kutner et al., *Applied Linear Statistical
/// Models*, 5th ed., §10.5).
pub const VIF_WARNING: f64 = 10.0;

/// How rows with a missing answer are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingData {
    /// Only rows with the outcome and every attribute answered are used.
    Listwise,
    /// Each correlation uses the rows where both of its variables are
    /// answered; the matrix may then not be positive semi-definite, in which
    /// case negative eigenvalues are set to zero and a warning is given.
    Pairwise,
}

/// A named column of answers; `None` is a missing answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'a> {
    /// Column name, used in results and messages.
    pub name: &'a str,
    /// One value per row; `None` is a missing answer.
    pub values: &'a [Option<f64>],
}

/// Why a driver analysis could not be run.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum DriversError {
    /// No attribute given.
    NoAttributes,
    /// More attributes than [`MAX_ATTRIBUTES`].
    TooManyAttributes { got: usize, max: usize },
    /// A column's length differs from the outcome's.
    LengthMismatch {
        column: String,
        len: usize,
        expected: usize,
    },
    /// Two columns share a name.
    DuplicateName(String),
    /// A value is NaN or infinite (row is 1-based).
    NotFinite { column: String, row: usize },
    /// A column has no variation on the rows used.
    ConstantColumn(String),
    /// Too few usable rows.
    TooFewRows { used: usize, needed: usize },
}

impl fmt::Display for DriversError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriversError::NoAttributes => write!(f, "at least one attribute is needed"),
            DriversError::TooManyAttributes { got, max } => {
                write!(f, "at most {max} attributes can be analysed: got {got}")
            }
            DriversError::LengthMismatch {
                column,
                len,
                expected,
            } => write!(
                f,
                "column `{column}` has {len} rows but the outcome has {expected}"
            ),
            DriversError::DuplicateName(n) => write!(f, "column `{n}` is given twice"),
            DriversError::NotFinite { column, row } => {
                write!(f, "row {row}, column `{column}`: value is not a finite number")
            }
            DriversError::ConstantColumn(n) => write!(
                f,
                "column `{n}` has the same value on every row used: it cannot explain anything; remove it"
            ),
            DriversError::TooFewRows { used, needed } => write!(
                f,
                "only {used} usable rows: at least {needed} are needed for this many attributes"
            ),
        }
    }
}

impl std::error::Error for DriversError {}

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

/// Correlation matrix of `[outcome, attributes…]` with the means and counts
/// needed downstream.
struct Correlations {
    /// `(p+1) × (p+1)`, variable 0 is the outcome.
    r: Matrix,
    means: Vec<f64>,
    counts: Vec<usize>,
    n_used: usize,
    dropped: usize,
}

fn correlations(
    cols: &[&[Option<f64>]],
    names: &[&str],
    missing: MissingData,
) -> Result<Correlations, DriversError> {
    let k = cols.len();
    let rows = cols[0].len();
    // Dense copy with NaN for missing: the inner loops then stay branch-light.
    let mut data: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| c.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
        .collect();
    let complete: Option<Vec<bool>> = match missing {
        MissingData::Listwise => Some(
            (0..rows)
                .map(|i| data.iter().all(|c| !c[i].is_nan()))
                .collect(),
        ),
        MissingData::Pairwise => None,
    };
    if let Some(mask) = &complete {
        for c in data.iter_mut() {
            for (v, &keep) in c.iter_mut().zip(mask) {
                if !keep {
                    *v = f64::NAN;
                }
            }
        }
    }
    // Shift each column by its mean so the one-pass sums below lose no precision.
    let mut means = vec![0.0; k];
    let mut counts = vec![0usize; k];
    for (j, c) in data.iter_mut().enumerate() {
        let (mut s, mut n) = (0.0, 0usize);
        for &v in c.iter() {
            if !v.is_nan() {
                s += v;
                n += 1;
            }
        }
        let m = if n > 0 { s / n as f64 } else { 0.0 };
        means[j] = m;
        counts[j] = n;
        for v in c.iter_mut() {
            *v -= m;
        }
    }
    let n_used = match &complete {
        Some(mask) => mask.iter().filter(|&&b| b).count(),
        None => counts[0],
    };
    let mut r = Matrix::zeros(k, k);
    let mut var = vec![0.0; k];
    for j in 0..k {
        let ss: f64 = data[j].iter().filter(|v| !v.is_nan()).map(|v| v * v).sum();
        var[j] = ss;
        if counts[j] < 2 || ss <= 1e-12 * (1.0 + means[j] * means[j]) * counts[j] as f64 {
            return Err(DriversError::ConstantColumn(names[j].to_string()));
        }
        r[(j, j)] = 1.0;
    }
    for a in 0..k {
        for b in (a + 1)..k {
            let (x, y) = (&data[a], &data[b]);
            let value = if complete.is_some() {
                let sxy: f64 = x
                    .iter()
                    .zip(y)
                    .filter(|(u, _)| !u.is_nan())
                    .map(|(u, v)| u * v)
                    .sum();
                sxy / (var[a] * var[b]).sqrt()
            } else {
                let (mut n, mut sx, mut sy, mut sxx, mut syy, mut sxy) =
                    (0usize, 0.0, 0.0, 0.0, 0.0, 0.0);
                for (&u, &v) in x.iter().zip(y) {
                    if !u.is_nan() && !v.is_nan() {
                        n += 1;
                        sx += u;
                        sy += v;
                        sxx += u * u;
                        syy += v * v;
                        sxy += u * v;
                    }
                }
                let nf = n as f64;
                let cxx = sxx - sx * sx / nf.max(1.0);
                let cyy = syy - sy * sy / nf.max(1.0);
                if n < 3 {
                    return Err(DriversError::TooFewRows { used: n, needed: 3 });
                }
                if cxx <= 0.0 || cyy <= 0.0 {
                    let which = if cxx <= 0.0 { a } else { b };
                    return Err(DriversError::ConstantColumn(names[which].to_string()));
                }
                (sxy - sx * sy / nf) / (cxx * cyy).sqrt()
            };
            let value = value.clamp(-1.0, 1.0);
            r[(a, b)] = value;
            r[(b, a)] = value;
        }
    }
    Ok(Correlations {
        r,
        means,
        counts,
        n_used,
        dropped: rows - n_used,
    })
}

/// Runs the key driver analysis of `outcome` on `attributes`.
///
/// # Formula
/// With `R` the attribute correlation matrix, `r` the attribute–outcome
/// correlations and `R = VΛVᵀ`:
/// * `Λ^{1/2} = V diag(√λ) Vᵀ`, `β = Λ^{-1/2} r` (pseudo-inverse: eigenvalues
///   below `1e-10·λ_max` are treated as 0),
///   raw weight `ε_j = Σ_k (Λ^{1/2})_{jk}² β_k²`, `R² = Σ_k β_k²` (Johnson 2000).
/// * `b = R⁺ r` gives the signs; `VIF_j = (R⁻¹)_{jj}`.
/// * Shapley/LMG: `φ_j = Σ_{S ∌ j} |S|!(p−|S|−1)!/p! · (R²(S ∪ {j}) − R²(S))`
///   over all subsets of the other attributes (Grömping 2006, eq. 3).
pub fn key_drivers(
    outcome: Column<'_>,
    attributes: &[Column<'_>],
    missing: MissingData,
) -> Result<DriverAnalysis, DriversError> {
    let p = attributes.len();
    if p == 0 {
        return Err(DriversError::NoAttributes);
    }
    if p > MAX_ATTRIBUTES {
        return Err(DriversError::TooManyAttributes {
            got: p,
            max: MAX_ATTRIBUTES,
        });
    }
    let rows = outcome.values.len();
    let mut names: Vec<&str> = vec![outcome.name];
    let mut cols: Vec<&[Option<f64>]> = vec![outcome.values];
    for a in attributes {
        if a.values.len() != rows {
            return Err(DriversError::LengthMismatch {
                column: a.name.to_string(),
                len: a.values.len(),
                expected: rows,
            });
        }
        if names.contains(&a.name) {
            return Err(DriversError::DuplicateName(a.name.to_string()));
        }
        names.push(a.name);
        cols.push(a.values);
    }
    for (name, col) in names.iter().zip(&cols) {
        if let Some(i) = col
            .iter()
            .position(|v| matches!(v, Some(x) if !x.is_finite()))
        {
            return Err(DriversError::NotFinite {
                column: name.to_string(),
                row: i + 1,
            });
        }
    }
    let needed = p + 2;
    if missing == MissingData::Listwise {
        let used = (0..rows)
            .filter(|&i| cols.iter().all(|c| c[i].is_some()))
            .count();
        if used < needed {
            return Err(DriversError::TooFewRows { used, needed });
        }
    } else {
        let used = outcome.values.iter().filter(|v| v.is_some()).count();
        if used < needed {
            return Err(DriversError::TooFewRows { used, needed });
        }
    }
    let corr = correlations(&cols, &names, missing)?;
    let mut warnings = Vec::new();
    if corr.dropped > 0 && missing == MissingData::Listwise {
        warnings.push(DriversWarning::RowsDropped {
            dropped: corr.dropped,
            total: rows,
        });
    }
    // Pairwise correlations may be ones no data set could produce together.
    // Clip the negative eigenvalues of the whole matrix (outcome included, so
    // that the outcome correlations stay consistent with the attributes') and
    // rescale to a unit diagonal: one step of Higham's (2002)
    // nearest-correlation projection. Then both decompositions add up to R².
    let mut full = corr.r.clone();
    if missing == MissingData::Pairwise {
        let e = symmetric_eigen(&full);
        let smallest = e.values.iter().cloned().fold(f64::MAX, f64::min);
        if smallest < -1e-10 {
            warnings.push(DriversWarning::NotPositiveDefinite {
                smallest_eigenvalue: smallest,
            });
            full = clip_to_correlation(&e);
        }
    }
    let rxx = Matrix::from_fn(p, p, |i, j| full[(i + 1, j + 1)]);
    let rxy: Vec<f64> = (0..p).map(|j| full[(0, j + 1)]).collect();
    let eig = symmetric_eigen(&rxx);
    let lambda_max = eig.values.iter().cloned().fold(f64::MIN, f64::max);
    let lambda_min = eig.values.iter().cloned().fold(f64::MAX, f64::min);
    let tol = 1e-10 * lambda_max.max(1e-300);
    let lam: Vec<f64> = eig
        .values
        .iter()
        .map(|&l| if l > tol { l } else { 0.0 })
        .collect();
    let v = &eig.vectors;
    let condition_number = if lam.contains(&0.0) {
        f64::INFINITY
    } else {
        (lambda_max / lambda_min).sqrt()
    };
    // Λ^{1/2} and the pseudo-inverse of it applied to r.
    let half = Matrix::from_fn(p, p, |i, j| {
        (0..p).map(|m| v[(i, m)] * lam[m].sqrt() * v[(j, m)]).sum()
    });
    let vt_r: Vec<f64> = (0..p)
        .map(|m| (0..p).map(|i| v[(i, m)] * rxy[i]).sum())
        .collect();
    let beta_star: Vec<f64> = (0..p)
        .map(|i| {
            (0..p)
                .filter(|&m| lam[m] > 0.0)
                .map(|m| v[(i, m)] * vt_r[m] / lam[m].sqrt())
                .sum()
        })
        .collect();
    let b: Vec<f64> = (0..p)
        .map(|i| {
            (0..p)
                .filter(|&m| lam[m] > 0.0)
                .map(|m| v[(i, m)] * vt_r[m] / lam[m])
                .sum()
        })
        .collect();
    let raw: Vec<f64> = (0..p)
        .map(|j| {
            (0..p)
                .map(|m| half[(j, m)] * half[(j, m)] * beta_star[m] * beta_star[m])
                .sum()
        })
        .collect();
    let r2: f64 = beta_star.iter().map(|x| x * x).sum::<f64>().clamp(0.0, 1.0);
    let vif: Vec<Option<f64>> = (0..p)
        .map(|j| {
            if lam.contains(&0.0) && (0..p).any(|m| lam[m] == 0.0 && v[(j, m)].abs() > 1e-8) {
                None
            } else {
                Some(
                    (0..p)
                        .filter(|&m| lam[m] > 0.0)
                        .map(|m| v[(j, m)] * v[(j, m)] / lam[m])
                        .sum(),
                )
            }
        })
        .collect();
    for (j, vf) in vif.iter().enumerate() {
        if vf.is_none_or(|x| x > VIF_WARNING) {
            warnings.push(DriversWarning::Collinear {
                attribute: names[j + 1].to_string(),
                vif: *vf,
            });
        }
    }

    let shapley = if p <= MAX_SHAPLEY_ATTRIBUTES {
        Some(shapley_lmg(&rxx, &rxy))
    } else {
        warnings.push(DriversWarning::ShapleySkipped {
            attributes: p,
            max: MAX_SHAPLEY_ATTRIBUTES,
        });
        None
    };
    let raw_sum: f64 = raw.iter().sum();
    let shap_sum: f64 = shapley.as_ref().map(|s| s.iter().sum()).unwrap_or(0.0);
    let percent = |x: f64, total: f64| if total > 0.0 { 100.0 * x / total } else { 0.0 };
    let attributes = (0..p)
        .map(|j| DriverResult {
            name: names[j + 1].to_string(),
            raw_weight: raw[j],
            rescaled: percent(raw[j], raw_sum),
            sign: sign_of(b[j]),
            beta: b[j],
            correlation: rxy[j],
            shapley: shapley.as_ref().map(|s| s[j]),
            shapley_percent: shapley.as_ref().map(|s| percent(s[j], shap_sum)),
            vif: vif[j],
            mean: corr.means[j + 1],
            n: corr.counts[j + 1],
        })
        .collect();
    Ok(DriverAnalysis {
        outcome: outcome.name.to_string(),
        missing,
        n_used: corr.n_used,
        r2,
        condition_number,
        attributes,
        warnings,
    })
}

/// `V max(Λ, 0) Vᵀ` rescaled to a unit diagonal.
fn clip_to_correlation(eig: &SymmetricEigen) -> Matrix {
    let p = eig.values.len();
    let v = &eig.vectors;
    let lam: Vec<f64> = eig.values.iter().map(|&l| l.max(0.0)).collect();
    let m = Matrix::from_fn(p, p, |i, j| {
        (0..p).map(|k| v[(i, k)] * lam[k] * v[(j, k)]).sum()
    });
    let d: Vec<f64> = m.diagonal().iter().map(|x| x.max(1e-300).sqrt()).collect();
    Matrix::from_fn(p, p, |i, j| {
        if i == j {
            1.0
        } else {
            m[(i, j)] / (d[i] * d[j])
        }
    })
}

fn sign_of(x: f64) -> i8 {
    if x > 1e-12 {
        1
    } else if x < -1e-12 {
        -1
    } else {
        0
    }
}

/// Shapley/LMG decomposition of R² from correlations, `p ≤ 16`.
///
/// # Formula
/// `φ_j = Σ_{S ⊆ P∖{j}} w(|S|) (R²(S ∪ {j}) − R²(S))`,
/// `w(s) = s!(p − s − 1)!/p!`; the `φ_j` sum to `R²(P)` (efficiency).
///
/// Source: Lindeman, Merenda & Gold (1980), pp. 119 ff.; Grömping (2006);
/// Lipovetsky & Conklin (2001), "Analysis of regression in game theory
/// approach", *Applied Stochastic Models in Business and Industry* 17.
pub fn shapley_lmg(rxx: &Matrix, rxy: &[f64]) -> Vec<f64> {
    let p = rxx.rows();
    assert!(
        p <= MAX_SHAPLEY_ATTRIBUTES,
        "too many attributes for Shapley"
    );
    let masks = 1usize << p;
    let mut scratch = vec![0.0; p * p + p];
    let r2: Vec<f64> = (0..masks)
        .map(|m| subset_r2(rxx, rxy, m as u32, &mut scratch))
        .collect();
    // w(s) = s!(p−s−1)!/p! = 1 / (p · C(p−1, s)).
    let mut weight = vec![0.0; p];
    let mut binom = 1.0f64;
    for (s, w) in weight.iter_mut().enumerate() {
        if s > 0 {
            binom = binom * (p - s) as f64 / s as f64;
        }
        *w = 1.0 / (p as f64 * binom);
    }
    let mut phi = vec![0.0; p];
    for (mask, &r2_s) in r2.iter().enumerate() {
        let size = (mask as u32).count_ones() as usize;
        if size == p {
            continue;
        }
        let w = weight[size];
        for (j, f) in phi.iter_mut().enumerate() {
            if mask & (1 << j) == 0 {
                *f += w * (r2[mask | (1 << j)] - r2_s);
            }
        }
    }
    phi
}

/// One of the four importance–performance quadrants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High importance, high performance: keep up the good work.
    KeyStrength,
    /// High importance, low performance: concentrate here first.
    KeyWeakness,
    /// Low importance, high performance: possible overkill.
    SecondaryStrength,
    /// Low importance, low performance: low priority.
    SecondaryWeakness,
}

/// Which importance measure places the attributes on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportanceMeasure {
    /// Johnson's rescaled relative weight (%).
    RelativeWeight,
    /// Shapley/LMG share (%); falls back to relative weights if skipped.
    Shapley,
}

/// One attribute on the importance–performance chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantPoint {
    /// Attribute name.
    pub name: String,
    /// Importance in % of R² (x axis).
    pub importance: f64,
    /// Mean rating (y axis).
    pub performance: f64,
    /// Quadrant the point falls in.
    pub quadrant: Quadrant,
}

/// The chart data with its cross-hairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantChart {
    /// Importance cut: mean importance across attributes (100/p %).
    pub importance_cut: f64,
    /// Performance cut: mean of the attribute means.
    pub performance_cut: f64,
    /// One point per attribute, in input order.
    pub points: Vec<QuadrantPoint>,
}

/// Importance–performance quadrants: importance (share of R²) against
/// performance (mean rating), split at the means of both axes.
///
/// # Formula
/// Cuts at `mean(importance)` and `mean(performance)`; a point on a cut
/// counts as high. Labels follow Martilla & James (1977),
/// "Importance-performance analysis", *Journal of Marketing* 41(1).
pub fn importance_performance(
    analysis: &DriverAnalysis,
    measure: ImportanceMeasure,
) -> QuadrantChart {
    let imp: Vec<f64> = analysis
        .attributes
        .iter()
        .map(|a| match measure {
            ImportanceMeasure::Shapley => a.shapley_percent.unwrap_or(a.rescaled),
            ImportanceMeasure::RelativeWeight => a.rescaled,
        })
        .collect();
    let n = imp.len().max(1) as f64;
    let importance_cut = imp.iter().sum::<f64>() / n;
    let performance_cut = analysis.attributes.iter().map(|a| a.mean).sum::<f64>() / n;
    let points = analysis
        .attributes
        .iter()
        .zip(&imp)
        .map(|(a, &importance)| {
            let hi_imp = importance >= importance_cut;
            let hi_perf = a.mean >= performance_cut;
            let quadrant = match (hi_imp, hi_perf) {
                (true, true) => Quadrant::KeyStrength,
                (true, false) => Quadrant::KeyWeakness,
                (false, true) => Quadrant::SecondaryStrength,
                (false, false) => Quadrant::SecondaryWeakness,
            };
            QuadrantPoint {
                name: a.name.clone(),
                importance,
                performance: a.mean,
                quadrant,
            }
        })
        .collect();
    QuadrantChart {
        importance_cut,
        performance_cut,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// `mtcars` (R datasets; Henderson & Velleman 1981): mpg, cyl, disp, hp, gear.
    const MTCARS: [[f64; 5]; 32] = [
        [21.0, 6.0, 160.0, 110.0, 4.0],
        [21.0, 6.0, 160.0, 110.0, 4.0],
        [22.8, 4.0, 108.0, 93.0, 4.0],
        [21.4, 6.0, 258.0, 110.0, 3.0],
        [18.7, 8.0, 360.0, 175.0, 3.0],
        [18.1, 6.0, 225.0, 105.0, 3.0],
        [14.3, 8.0, 360.0, 245.0, 3.0],
        [24.4, 4.0, 146.7, 62.0, 4.0],
        [22.8, 4.0, 140.8, 95.0, 4.0],
        [19.2, 6.0, 167.6, 123.0, 4.0],
        [17.8, 6.0, 167.6, 123.0, 4.0],
        [16.4, 8.0, 275.8, 180.0, 3.0],
        [17.3, 8.0, 275.8, 180.0, 3.0],
        [15.2, 8.0, 275.8, 180.0, 3.0],
        [10.4, 8.0, 472.0, 205.0, 3.0],
        [10.4, 8.0, 460.0, 215.0, 3.0],
        [14.7, 8.0, 440.0, 230.0, 3.0],
        [32.4, 4.0, 78.7, 66.0, 4.0],
        [30.4, 4.0, 75.7, 52.0, 4.0],
        [33.9, 4.0, 71.1, 65.0, 4.0],
        [21.5, 4.0, 120.1, 97.0, 3.0],
        [15.5, 8.0, 318.0, 150.0, 3.0],
        [15.2, 8.0, 304.0, 150.0, 3.0],
        [13.3, 8.0, 350.0, 245.0, 3.0],
        [19.2, 8.0, 400.0, 175.0, 3.0],
        [27.3, 4.0, 79.0, 66.0, 4.0],
        [26.0, 4.0, 120.3, 91.0, 5.0],
        [30.4, 4.0, 95.1, 113.0, 5.0],
        [15.8, 8.0, 351.0, 264.0, 5.0],
        [19.7, 6.0, 145.0, 175.0, 5.0],
        [15.0, 8.0, 301.0, 335.0, 5.0],
        [21.4, 4.0, 121.0, 109.0, 4.0],
    ];

    fn col(j: usize) -> Vec<Option<f64>> {
        MTCARS.iter().map(|r| Some(r[j])).collect()
    }

    /// Reference: the `rwa` R package README (Chan, martinctc/rwa, CRAN),
    /// `rwa(mtcars, outcome = "mpg", predictors = c("cyl","disp","hp","gear"),
    /// applysigns = TRUE)`: R² = 0.7791896; raw weights cyl 0.2284797,
    /// disp 0.2221469, hp 0.2321744, gear 0.0963886; rescaled 29.32274,
    /// 28.50999, 29.79691, 12.37037; signs −, −, −, +. Published to 7 digits;
    /// tolerance 1e-6.
    #[test]
    fn relative_weights_match_rwa_mtcars() {
        let (mpg, cyl, disp, hp, gear) = (col(0), col(1), col(2), col(3), col(4));
        let attrs = [
            Column {
                name: "cyl",
                values: &cyl,
            },
            Column {
                name: "disp",
                values: &disp,
            },
            Column {
                name: "hp",
                values: &hp,
            },
            Column {
                name: "gear",
                values: &gear,
            },
        ];
        let a = key_drivers(
            Column {
                name: "mpg",
                values: &mpg,
            },
            &attrs,
            MissingData::Listwise,
        )
        .unwrap();
        assert_close!(a.r2, 0.779_189_6, 1e-6, "{}", a.r2);
        let raw = [0.228_479_7, 0.222_146_9, 0.232_174_4, 0.096_388_6];
        let rescaled = [29.322_74, 28.509_99, 29.796_91, 12.370_37];
        let signs = [-1, -1, -1, 1];
        for (j, d) in a.attributes.iter().enumerate() {
            assert!(
                (d.raw_weight - raw[j]).abs() < 1e-6,
                "{} {}",
                d.name,
                d.raw_weight
            );
            assert!(
                (d.rescaled - rescaled[j]).abs() < 1e-4,
                "{} {}",
                d.name,
                d.rescaled
            );
            assert_eq!(d.sign, signs[j], "{}", d.name);
        }
        let shap: f64 = a.attributes.iter().map(|d| d.shapley.unwrap()).sum();
        assert_close!(shap, a.r2, 1e-12);
        assert_eq!(a.n_used, 32);
        // Independent reference for LMG: the same data regressed with an
        // intercept on raw values in exact rational arithmetic (Python
        // `fractions`, Gauss–Jordan on the normal equations) for every subset,
        // R² gains averaged over all 24 orders of entry: cyl 0.2470520332,
        // disp 0.2434995948, hp 0.2109128995, gear 0.0777251114 (full R²
        // 0.7791896390). Tolerance 1e-9.
        let lmg = [
            0.247_052_033_2,
            0.243_499_594_8,
            0.210_912_899_5,
            0.077_725_111_4,
        ];
        for (d, want) in a.attributes.iter().zip(lmg) {
            assert!(
                (d.shapley.unwrap() - want).abs() < 1e-9,
                "{} {:?}",
                d.name,
                d.shapley
            );
        }
    }

    /// Reference: for two predictors LMG has the closed form
    /// `φ₁ = (r₁² + R² − r₂²)/2` (average of the two orders of entry;
    /// Grömping 2006, section 3), hand-derived.
    #[test]
    fn shapley_two_predictors_closed_form() {
        let (r12, r1, r2) = (0.4, 0.5, 0.3);
        let full = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
        let phi = shapley_lmg(&Matrix::from_rows(&[[1.0, r12], [r12, 1.0]]), &[r1, r2]);
        assert_close!(phi[0], (r1 * r1 + full - r2 * r2) / 2.0, 1e-14);
        assert_close!(phi[1], (r2 * r2 + full - r1 * r1) / 2.0, 1e-14);
    }

    /// Reference: the definition of LMG as an average over all p! orders of
    /// entry, evaluated by brute force over the 24 permutations of 4
    /// predictors, against the subset-weight formula; tolerance 1e-12.
    #[test]
    fn shapley_equals_average_over_orders() {
        let rxx = Matrix::from_rows(&[
            [1.0, 0.6, 0.3, -0.2],
            [0.6, 1.0, 0.5, 0.1],
            [0.3, 0.5, 1.0, 0.4],
            [-0.2, 0.1, 0.4, 1.0],
        ]);
        let rxy = [0.5, 0.4, 0.35, -0.1];
        let mut scratch = vec![0.0; 20];
        let mut brute = [0.0; 4];
        let mut perms = 0;
        let mut perm = [0usize, 1, 2, 3];
        // Heap's algorithm, iterative.
        let mut c = [0usize; 4];
        let mut visit = |perm: &[usize; 4], brute: &mut [f64; 4]| {
            let mut mask = 0u32;
            let mut prev = 0.0;
            for &j in perm {
                mask |= 1 << j;
                let now = subset_r2(&rxx, &rxy, mask, &mut scratch);
                brute[j] += now - prev;
                prev = now;
            }
        };
        visit(&perm, &mut brute);
        perms += 1;
        let mut i = 0;
        while i < 4 {
            if c[i] < i {
                if i % 2 == 0 {
                    perm.swap(0, i);
                } else {
                    perm.swap(c[i], i);
                }
                visit(&perm, &mut brute);
                perms += 1;
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
        assert_eq!(perms, 24);
        let phi = shapley_lmg(&rxx, &rxy);
        for j in 0..4 {
            assert_close!(phi[j], brute[j] / 24.0, 1e-12, "{j}");
        }
    }

    /// Generated data with known structure: y = 3·x1 + 1·x2 + 0·x3 with
    /// uncorrelated, balanced x's (a 2×2×2 full factorial repeated) and no
    /// noise. Then R² = 1 and both decompositions equal the squared
    /// correlations: 9/10, 1/10, 0 (orthogonal case, Johnson 2000, p. 5).
    #[test]
    fn orthogonal_known_structure() {
        let mut x1 = vec![];
        let mut x2 = vec![];
        let mut x3 = vec![];
        let mut y = vec![];
        for _ in 0..3 {
            for a in [-1.0, 1.0] {
                for b in [-1.0, 1.0] {
                    for c in [-1.0, 1.0] {
                        x1.push(Some(a));
                        x2.push(Some(b));
                        x3.push(Some(c));
                        y.push(Some(3.0 * a + b));
                    }
                }
            }
        }
        let a = key_drivers(
            Column {
                name: "y",
                values: &y,
            },
            &[
                Column {
                    name: "x1",
                    values: &x1,
                },
                Column {
                    name: "x2",
                    values: &x2,
                },
                Column {
                    name: "x3",
                    values: &x3,
                },
            ],
            MissingData::Listwise,
        )
        .unwrap();
        assert_close!(a.r2, 1.0, 1e-12);
        let want = [0.9, 0.1, 0.0];
        for (d, w) in a.attributes.iter().zip(want) {
            assert_close!(d.raw_weight, w, 1e-12, "{}", d.name);
            assert_close!(d.shapley.unwrap(), w, 1e-12, "{}", d.name);
        }
        assert_eq!(a.attributes[2].sign, 0);
        assert!(a.warnings.is_empty());
    }

    type Col = Vec<Option<f64>>;

    fn three_cols() -> (Col, Col, Col) {
        let x1: Vec<Option<f64>> = (0..20).map(|i| Some((i % 5) as f64)).collect();
        let x2: Vec<Option<f64>> = (0..20).map(|i| Some(((i * 7) % 4) as f64)).collect();
        let y: Vec<Option<f64>> = (0..20)
            .map(|i| Some((i % 5) as f64 + 0.5 * ((i * 7) % 4) as f64 + ((i * 3) % 2) as f64))
            .collect();
        (y, x1, x2)
    }

    #[test]
    fn constant_column_is_a_clear_error() {
        let (y, x1, _) = three_cols();
        let flat = vec![Some(3.0); 20];
        let e = key_drivers(
            Column {
                name: "nps",
                values: &y,
            },
            &[
                Column {
                    name: "price",
                    values: &x1,
                },
                Column {
                    name: "delivery",
                    values: &flat,
                },
            ],
            MissingData::Listwise,
        )
        .unwrap_err();
        assert_eq!(e, DriversError::ConstantColumn("delivery".into()));
        assert!(e
            .to_string()
            .starts_with("column `delivery` has the same value"));
    }

    /// A duplicated attribute is exactly collinear: the analysis still runs,
    /// splits the weight between the twins and warns.
    #[test]
    fn exact_collinearity_is_flagged_not_fatal() {
        let (y, x1, x2) = three_cols();
        let twin = x1.clone();
        let a = key_drivers(
            Column {
                name: "y",
                values: &y,
            },
            &[
                Column {
                    name: "a",
                    values: &x1,
                },
                Column {
                    name: "a_copy",
                    values: &twin,
                },
                Column {
                    name: "b",
                    values: &x2,
                },
            ],
            MissingData::Listwise,
        )
        .unwrap();
        assert!(a.condition_number.is_infinite());
        assert!(a.warnings.iter().any(
            |w| matches!(w, DriversWarning::Collinear { attribute, vif: None } if attribute == "a")
        ));
        let w = &a.attributes;
        assert_close!(w[0].raw_weight, w[1].raw_weight, 1e-9);
        let sum: f64 = w.iter().map(|d| d.raw_weight).sum();
        assert_close!(sum, a.r2, 1e-9);
        let shap: f64 = w.iter().map(|d| d.shapley.unwrap()).sum();
        assert_close!(shap, a.r2, 1e-9);
    }

    /// Listwise drops incomplete rows; pairwise keeps each pair's rows. With
    /// no missing answers the two agree exactly.
    #[test]
    fn missing_data_modes() {
        let (y, x1, x2) = three_cols();
        let run = |y: &[Option<f64>], x1: &[Option<f64>], m| {
            key_drivers(
                Column {
                    name: "y",
                    values: y,
                },
                &[
                    Column {
                        name: "x1",
                        values: x1,
                    },
                    Column {
                        name: "x2",
                        values: &x2,
                    },
                ],
                m,
            )
            .unwrap()
        };
        let l = run(&y, &x1, MissingData::Listwise);
        let p = run(&y, &x1, MissingData::Pairwise);
        assert_close!(l.r2, p.r2, 1e-12);
        let mut holes = x1.clone();
        holes[0] = None;
        holes[5] = None;
        let l = run(&y, &holes, MissingData::Listwise);
        assert_eq!(l.n_used, 18);
        assert!(l.warnings.contains(&DriversWarning::RowsDropped {
            dropped: 2,
            total: 20
        }));
        let p = run(&y, &holes, MissingData::Pairwise);
        assert_eq!(p.n_used, 20);
        assert_eq!(p.attributes[0].n, 18);
        assert_eq!(p.attributes[1].n, 20);
    }

    /// Pairwise correlations that contradict each other (r12 ≈ 1, r13 ≈ 1,
    /// r23 ≈ −1 from disjoint rows) are not a valid correlation matrix: the
    /// analysis warns, repairs it, and the weights still add up to R².
    #[test]
    fn inconsistent_pairwise_correlations_are_repaired() {
        let mut x1 = vec![None; 30];
        let mut x2 = vec![None; 30];
        let mut x3 = vec![None; 30];
        let mut y = vec![None; 30];
        for i in 0..30 {
            let v = ((i * 7) % 10) as f64 + 0.1 * i as f64;
            y[i] = Some(((i * 3) % 7) as f64 + 0.5 * v);
            match i / 10 {
                0 => {
                    x1[i] = Some(v);
                    x2[i] = Some(v);
                }
                1 => {
                    x1[i] = Some(v);
                    x3[i] = Some(v);
                }
                _ => {
                    x2[i] = Some(v);
                    x3[i] = Some(-v);
                }
            }
        }
        let a = key_drivers(
            Column {
                name: "y",
                values: &y,
            },
            &[
                Column {
                    name: "x1",
                    values: &x1,
                },
                Column {
                    name: "x2",
                    values: &x2,
                },
                Column {
                    name: "x3",
                    values: &x3,
                },
            ],
            MissingData::Pairwise,
        )
        .unwrap();
        assert!(a
            .warnings
            .iter()
            .any(|w| matches!(w, DriversWarning::NotPositiveDefinite { .. })));
        let raw: f64 = a.attributes.iter().map(|d| d.raw_weight).sum();
        let shap: f64 = a.attributes.iter().map(|d| d.shapley.unwrap()).sum();
        assert_close!(raw, a.r2, 1e-9, "{raw} {}", a.r2);
        assert_close!(shap, a.r2, 1e-9);
        assert!(a.attributes.iter().all(|d| d.raw_weight.is_finite()));
    }

    #[test]
    fn input_errors() {
        let (y, x1, _) = three_cols();
        let short = vec![Some(1.0); 3];
        assert_eq!(
            key_drivers(
                Column {
                    name: "y",
                    values: &y
                },
                &[],
                MissingData::Listwise
            ),
            Err(DriversError::NoAttributes)
        );
        let e = key_drivers(
            Column {
                name: "y",
                values: &y,
            },
            &[Column {
                name: "s",
                values: &short,
            }],
            MissingData::Listwise,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "column `s` has 3 rows but the outcome has 20"
        );
        let mut bad = x1.clone();
        bad[4] = Some(f64::NAN);
        let e = key_drivers(
            Column {
                name: "y",
                values: &y,
            },
            &[Column {
                name: "price",
                values: &bad,
            }],
            MissingData::Listwise,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 5, column `price`: value is not a finite number"
        );
        let e = key_drivers(
            Column {
                name: "y",
                values: &y[..3],
            },
            &[
                Column {
                    name: "a",
                    values: &x1[..3],
                },
                Column {
                    name: "b",
                    values: &x1[..3],
                },
            ],
            MissingData::Listwise,
        )
        .unwrap_err();
        assert_eq!(e, DriversError::TooFewRows { used: 3, needed: 4 });
    }

    #[test]
    fn quadrants_split_at_means() {
        let analysis = DriverAnalysis {
            outcome: "y".into(),
            missing: MissingData::Listwise,
            n_used: 10,
            r2: 0.5,
            condition_number: 1.0,
            warnings: vec![],
            attributes: [
                ("a", 40.0, 4.5),
                ("b", 30.0, 3.0),
                ("c", 20.0, 4.2),
                ("d", 10.0, 3.1),
            ]
            .iter()
            .map(|&(name, rescaled, mean)| DriverResult {
                name: name.into(),
                raw_weight: rescaled / 200.0,
                rescaled,
                sign: 1,
                beta: 0.1,
                correlation: 0.1,
                shapley: None,
                shapley_percent: None,
                vif: Some(1.0),
                mean,
                n: 10,
            })
            .collect(),
        };
        let chart = importance_performance(&analysis, ImportanceMeasure::Shapley);
        assert_close!(chart.importance_cut, 25.0, 1e-12);
        assert_close!(chart.performance_cut, 3.7, 1e-12);
        let q: Vec<Quadrant> = chart.points.iter().map(|p| p.quadrant).collect();
        assert_eq!(
            q,
            vec![
                Quadrant::KeyStrength,
                Quadrant::KeyWeakness,
                Quadrant::SecondaryStrength,
                Quadrant::SecondaryWeakness
            ]
        );
    }
}
