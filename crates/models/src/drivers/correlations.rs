//! The correlation matrix of `[outcome, attributes…]`, listwise or pairwise.

use super::input::{DriversError, MissingData};
use crate::linalg::Matrix;

/// Correlation matrix of `[outcome, attributes…]` with the means and counts
/// needed downstream.
pub(super) struct Correlations {
    /// `(p+1) × (p+1)`, variable 0 is the outcome.
    pub(super) r: Matrix,
    pub(super) means: Vec<f64>,
    pub(super) counts: Vec<usize>,
    pub(super) n_used: usize,
    pub(super) dropped: usize,
}

/// Means, counts and correlations of the columns (outcome first).
pub(super) fn correlations(
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
