//! Johnson's relative weights: the full regression, VIFs and the assembly of
//! a [`DriverAnalysis`].

use super::correlations::correlations;
use super::input::{validate, Column, DriversError, MissingData};
use super::result::{DriverAnalysis, DriverResult, DriversWarning, VIF_WARNING};
use super::shapley::{shapley_lmg, MAX_SHAPLEY_ATTRIBUTES};
use crate::linalg::{symmetric_eigen, Matrix, SymmetricEigen};

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
    let (names, cols) = validate(&outcome, attributes, missing)?;
    let p = attributes.len();
    let rows = outcome.values.len();
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
