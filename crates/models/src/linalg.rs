//! The little dense linear algebra the driver analysis needs: a symmetric
//! eigen-decomposition (cyclic Jacobi) and a Cholesky-based R² of a subset of
//! predictors. Matrices are row-major `Vec<f64>` of side `n`.
//!
//! Hand-written instead of nalgebra: correlation matrices here are at most a
//! few dozen rows, Jacobi is accurate to machine precision on them, and the
//! app stays small in WebAssembly.

#![warn(missing_docs)]

/// Eigenvalues and orthonormal eigenvectors of a symmetric matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct SymmetricEigen {
    /// Side of the matrix.
    pub n: usize,
    /// Eigenvalues, in the order of the columns of `vectors`.
    pub values: Vec<f64>,
    /// Row-major `n × n`; column `k` is the eigenvector of `values[k]`.
    pub vectors: Vec<f64>,
}

/// Eigen-decomposition of a symmetric `n × n` matrix by cyclic Jacobi
/// rotations.
///
/// # Formula
/// Repeats `A ← PᵀAP` with plane rotations that zero one off-diagonal entry,
/// `t = sgn(θ)/(|θ| + √(θ² + 1))`, `θ = (a_qq − a_pp)/(2 a_pq)`, until the
/// off-diagonal mass is below `1e-28` of the total (or 100 sweeps); then
/// `A = V Λ Vᵀ`.
///
/// Source: Golub & Van Loan, *Matrix Computations* (4th ed.), §8.5;
/// Press et al., *Numerical Recipes* (2nd ed.), §11.1.
pub fn symmetric_eigen(a: &[f64], n: usize) -> SymmetricEigen {
    assert_eq!(a.len(), n * n, "matrix must be n × n");
    let mut m = a.to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let total: f64 = m.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let mut off = 0.0;
        for p in 0..n {
            for q in (p + 1)..n {
                off += m[p * n + q] * m[p * n + q];
            }
        }
        if off <= 1e-28 * total || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = m[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let akp = m[k * n + p];
                    let akq = m[k * n + q];
                    m[k * n + p] = c * akp - s * akq;
                    m[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let apk = m[p * n + k];
                    let aqk = m[q * n + k];
                    m[p * n + k] = c * apk - s * aqk;
                    m[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let vkp = v[k * n + p];
                    let vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    SymmetricEigen {
        n,
        values: (0..n).map(|i| m[i * n + i]).collect(),
        vectors: v,
    }
}

/// R² of the regression of a standardised outcome on the predictors in
/// `subset` (a bit mask over the rows of `rxx`), from correlations only.
///
/// # Formula
/// `R²(S) = r_Sᵀ R_SS⁻¹ r_S`, evaluated as `‖L⁻¹ r_S‖²` with the Cholesky
/// factor `R_SS = L Lᵀ`. A predictor whose pivot is below `1e-10` is
/// (numerically) a combination of those before it and adds nothing, which is
/// what the pseudo-inverse gives for an exactly collinear set.
///
/// `scratch` must hold at least `n·n + n` values; it avoids allocating on
/// each of the `2^p` calls made by the Shapley decomposition.
pub fn subset_r2(rxx: &[f64], rxy: &[f64], n: usize, subset: u32, scratch: &mut [f64]) -> f64 {
    let (l, z) = scratch.split_at_mut(n * n);
    let mut idx = [0usize; 32];
    let mut k = 0;
    for (j, slot) in (0..n).filter(|j| subset & (1 << j) != 0).zip(0..) {
        idx[slot] = j;
        k = slot + 1;
    }
    let idx = &idx[..k];
    let mut r2 = 0.0;
    // Row-by-row Cholesky with forward substitution folded in.
    for a in 0..k {
        let ja = idx[a];
        for b in 0..a {
            let jb = idx[b];
            let mut s = rxx[ja * n + jb];
            for c in 0..b {
                s -= l[a * n + c] * l[b * n + c];
            }
            let lbb = l[b * n + b];
            l[a * n + b] = if lbb > 0.0 { s / lbb } else { 0.0 };
        }
        let mut d = rxx[ja * n + ja];
        for c in 0..a {
            d -= l[a * n + c] * l[a * n + c];
        }
        if d <= 1e-10 {
            // Collinear with the predictors before it: no new information.
            for c in 0..a {
                l[a * n + c] = 0.0;
            }
            l[a * n + a] = 0.0;
            z[a] = 0.0;
            continue;
        }
        let laa = d.sqrt();
        l[a * n + a] = laa;
        let mut s = rxy[ja];
        for c in 0..a {
            s -= l[a * n + c] * z[c];
        }
        z[a] = s / laa;
        r2 += z[a] * z[a];
    }
    r2.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reconstruct(e: &SymmetricEigen) -> Vec<f64> {
        let n = e.n;
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                out[i * n + j] = (0..n)
                    .map(|k| e.vectors[i * n + k] * e.values[k] * e.vectors[j * n + k])
                    .sum();
            }
        }
        out
    }

    /// Reference: [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors
    /// (1,−1)/√2 and (1,1)/√2 (hand computation).
    #[test]
    fn two_by_two_known_eigenpairs() {
        let e = symmetric_eigen(&[2.0, 1.0, 1.0, 2.0], 2);
        let mut vals = e.values.clone();
        vals.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert!((vals[0] - 1.0).abs() < 1e-14 && (vals[1] - 3.0).abs() < 1e-14);
        let k3 = e
            .values
            .iter()
            .position(|v| (v - 3.0).abs() < 1e-9)
            .unwrap();
        let (a, b) = (e.vectors[k3], e.vectors[2 + k3]);
        assert!((a.abs() - 0.5f64.sqrt()).abs() < 1e-14 && (a - b).abs() < 1e-14);
    }

    /// Reference: a 4 × 4 correlation-like matrix; checks A = VΛVᵀ, VᵀV = I and
    /// that the trace is preserved (sum of eigenvalues = 4), tolerance 1e-12.
    #[test]
    fn reconstruction_and_orthonormality() {
        let a = [
            1.0, 0.6, 0.3, -0.2, //
            0.6, 1.0, 0.5, 0.1, //
            0.3, 0.5, 1.0, 0.4, //
            -0.2, 0.1, 0.4, 1.0,
        ];
        let e = symmetric_eigen(&a, 4);
        let back = reconstruct(&e);
        for (x, y) in a.iter().zip(&back) {
            assert!((x - y).abs() < 1e-12);
        }
        for i in 0..4 {
            for j in 0..4 {
                let dot: f64 = (0..4)
                    .map(|k| e.vectors[k * 4 + i] * e.vectors[k * 4 + j])
                    .sum();
                let want = if i == j { 1.0 } else { 0.0 };
                assert!((dot - want).abs() < 1e-12);
            }
        }
        assert!((e.values.iter().sum::<f64>() - 4.0).abs() < 1e-12);
    }

    /// Reference: with two predictors, R² = (r1² + r2² − 2 r1 r2 r12)/(1 − r12²)
    /// (textbook formula for two standardised predictors).
    #[test]
    fn subset_r2_two_predictors_closed_form() {
        let (r12, r1, r2) = (0.4, 0.5, 0.3);
        let rxx = [1.0, r12, r12, 1.0];
        let rxy = [r1, r2];
        let mut scratch = vec![0.0; 6];
        let want = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
        assert!((subset_r2(&rxx, &rxy, 2, 0b11, &mut scratch) - want).abs() < 1e-14);
        assert!((subset_r2(&rxx, &rxy, 2, 0b01, &mut scratch) - r1 * r1).abs() < 1e-14);
        assert!((subset_r2(&rxx, &rxy, 2, 0b10, &mut scratch) - r2 * r2).abs() < 1e-14);
        assert_eq!(subset_r2(&rxx, &rxy, 2, 0, &mut scratch), 0.0);
    }

    /// An exact duplicate predictor adds nothing to R².
    #[test]
    fn subset_r2_ignores_exact_duplicate() {
        let rxx = [1.0, 1.0, 1.0, 1.0];
        let rxy = [0.5, 0.5];
        let mut scratch = vec![0.0; 6];
        assert!((subset_r2(&rxx, &rxy, 2, 0b11, &mut scratch) - 0.25).abs() < 1e-12);
    }
}
