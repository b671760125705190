//! The little dense linear algebra the models need: one [`Matrix`] type
//! (row-major, used for correlation matrices, Hessians, covariances and the
//! BFGS inverse-Hessian), a symmetric eigen-decomposition (cyclic Jacobi)
//! and a Cholesky-based R² of a subset of predictors.
//!
//! Hand-written instead of nalgebra: correlation matrices here are at most a
//! few dozen rows, Jacobi is accurate to machine precision on them, and the
//! app stays small in WebAssembly.

#![warn(missing_docs)]

use std::ops::{Index, IndexMut};

/// A dense `rows × cols` matrix of `f64`, stored row-major: entry `(i, j)`
/// is `data[i * cols + j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// The `rows × cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// The `n × n` identity matrix.
    pub fn identity(n: usize) -> Self {
        let mut m = Matrix::zeros(n, n);
        for i in 0..n {
            m[(i, i)] = 1.0;
        }
        m
    }

    /// A matrix from its entries in row-major order. Panics when
    /// `data.len() != rows · cols`.
    pub fn from_row_major(rows: usize, cols: usize, data: Vec<f64>) -> Self {
        assert_eq!(data.len(), rows * cols, "matrix data must be rows × cols");
        Matrix { rows, cols, data }
    }

    /// A matrix from equal-length rows. Panics when the rows differ in length.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Self {
        let cols = rows.first().map_or(0, |r| r.as_ref().len());
        let mut data = Vec::with_capacity(rows.len() * cols);
        for r in rows {
            assert_eq!(r.as_ref().len(), cols, "matrix rows must have equal length");
            data.extend_from_slice(r.as_ref());
        }
        Matrix {
            rows: rows.len(),
            cols,
            data,
        }
    }

    /// The `rows × cols` matrix with entries `f(i, j)`, filled row by row.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> f64) -> Self {
        let mut data = Vec::with_capacity(rows * cols);
        for i in 0..rows {
            for j in 0..cols {
                data.push(f(i, j));
            }
        }
        Matrix { rows, cols, data }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Entry `(i, j)`, or `None` outside the matrix.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        (i < self.rows && j < self.cols).then(|| self.data[i * self.cols + j])
    }

    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// The entries in row-major order.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// The diagonal `(0,0), (1,1), …` of a square matrix.
    pub fn diagonal(&self) -> Vec<f64> {
        (0..self.rows.min(self.cols))
            .map(|i| self[(i, i)])
            .collect()
    }
}

impl Index<(usize, usize)> for Matrix {
    type Output = f64;
    fn index(&self, (i, j): (usize, usize)) -> &f64 {
        debug_assert!(i < self.rows && j < self.cols, "index out of the matrix");
        &self.data[i * self.cols + j]
    }
}

impl IndexMut<(usize, usize)> for Matrix {
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut f64 {
        debug_assert!(i < self.rows && j < self.cols, "index out of the matrix");
        &mut self.data[i * self.cols + j]
    }
}

/// Eigenvalues and orthonormal eigenvectors of a symmetric matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct SymmetricEigen {
    /// Eigenvalues, in the order of the columns of `vectors`.
    pub values: Vec<f64>,
    /// `n × n`; column `k` is the eigenvector of `values[k]`.
    pub vectors: Matrix,
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
pub fn symmetric_eigen(a: &Matrix) -> SymmetricEigen {
    let n = a.rows();
    assert_eq!(a.cols(), n, "matrix must be n × n");
    let mut m = a.clone();
    let mut v = Matrix::identity(n);
    let total: f64 = m.as_slice().iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let mut off = 0.0;
        for p in 0..n {
            for q in (p + 1)..n {
                off += m[(p, q)] * m[(p, q)];
            }
        }
        if off <= 1e-28 * total || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = m[(p, q)];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[(q, q)] - m[(p, p)]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let akp = m[(k, p)];
                    let akq = m[(k, q)];
                    m[(k, p)] = c * akp - s * akq;
                    m[(k, q)] = s * akp + c * akq;
                }
                for k in 0..n {
                    let apk = m[(p, k)];
                    let aqk = m[(q, k)];
                    m[(p, k)] = c * apk - s * aqk;
                    m[(q, k)] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let vkp = v[(k, p)];
                    let vkq = v[(k, q)];
                    v[(k, p)] = c * vkp - s * vkq;
                    v[(k, q)] = s * vkp + c * vkq;
                }
            }
        }
    }
    SymmetricEigen {
        values: m.diagonal(),
        vectors: v,
    }
}

/// R² of the regression of a standardised outcome on the predictors in
/// `subset` (a bit mask over the rows of the `n × n` matrix `rxx`), from
/// correlations only.
///
/// # Formula
/// `R²(S) = r_Sᵀ R_SS⁻¹ r_S`, evaluated as `‖L⁻¹ r_S‖²` with the Cholesky
/// factor `R_SS = L Lᵀ`. A predictor whose pivot is below `1e-10` is
/// (numerically) a combination of those before it and adds nothing, which is
/// what the pseudo-inverse gives for an exactly collinear set.
///
/// `scratch` must hold at least `n·n + n` values; it avoids allocating on
/// each of the `2^p` calls made by the Shapley decomposition.
pub fn subset_r2(rxx: &Matrix, rxy: &[f64], subset: u32, scratch: &mut [f64]) -> f64 {
    let n = rxx.rows();
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
            let mut s = rxx[(ja, jb)];
            for c in 0..b {
                s -= l[a * n + c] * l[b * n + c];
            }
            let lbb = l[b * n + b];
            l[a * n + b] = if lbb > 0.0 { s / lbb } else { 0.0 };
        }
        let mut d = rxx[(ja, ja)];
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
    use cxi_testkit::assert_close;

    fn reconstruct(e: &SymmetricEigen) -> Matrix {
        let n = e.values.len();
        Matrix::from_fn(n, n, |i, j| {
            (0..n)
                .map(|k| e.vectors[(i, k)] * e.values[k] * e.vectors[(j, k)])
                .sum()
        })
    }

    /// Reference: [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors
    /// (1,−1)/√2 and (1,1)/√2 (hand computation).
    #[test]
    fn two_by_two_known_eigenpairs() {
        let e = symmetric_eigen(&Matrix::from_rows(&[[2.0, 1.0], [1.0, 2.0]]));
        let mut vals = e.values.clone();
        vals.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert!((vals[0] - 1.0).abs() < 1e-14 && (vals[1] - 3.0).abs() < 1e-14);
        let k3 = e
            .values
            .iter()
            .position(|v| (v - 3.0).abs() < 1e-9)
            .unwrap();
        let (a, b) = (e.vectors[(0, k3)], e.vectors[(1, k3)]);
        assert!((a.abs() - 0.5f64.sqrt()).abs() < 1e-14 && (a - b).abs() < 1e-14);
    }

    /// Reference: a 4 × 4 correlation-like matrix; checks A = VΛVᵀ, VᵀV = I and
    /// that the trace is preserved (sum of eigenvalues = 4), tolerance 1e-12.
    #[test]
    fn reconstruction_and_orthonormality() {
        let a = Matrix::from_rows(&[
            [1.0, 0.6, 0.3, -0.2],
            [0.6, 1.0, 0.5, 0.1],
            [0.3, 0.5, 1.0, 0.4],
            [-0.2, 0.1, 0.4, 1.0],
        ]);
        let e = symmetric_eigen(&a);
        let back = reconstruct(&e);
        for (x, y) in a.as_slice().iter().zip(back.as_slice()) {
            assert_close!(x, y, 1e-12);
        }
        for i in 0..4 {
            for j in 0..4 {
                let dot: f64 = (0..4).map(|k| e.vectors[(k, i)] * e.vectors[(k, j)]).sum();
                let want = if i == j { 1.0 } else { 0.0 };
                assert_close!(dot, want, 1e-12);
            }
        }
        assert_close!(e.values.iter().sum::<f64>(), 4.0, 1e-12);
    }

    /// Reference: with two predictors, R² = (r1² + r2² − 2 r1 r2 r12)/(1 − r12²)
    /// (textbook formula for two standardised predictors).
    #[test]
    fn subset_r2_two_predictors_closed_form() {
        let (r12, r1, r2) = (0.4, 0.5, 0.3);
        let rxx = Matrix::from_rows(&[[1.0, r12], [r12, 1.0]]);
        let rxy = [r1, r2];
        let mut scratch = vec![0.0; 6];
        let want = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
        assert_close!(subset_r2(&rxx, &rxy, 0b11, &mut scratch), want, 1e-14);
        assert_close!(subset_r2(&rxx, &rxy, 0b01, &mut scratch), r1 * r1, 1e-14);
        assert_close!(subset_r2(&rxx, &rxy, 0b10, &mut scratch), r2 * r2, 1e-14);
        assert_eq!(subset_r2(&rxx, &rxy, 0, &mut scratch), 0.0);
    }

    /// An exact duplicate predictor adds nothing to R².
    #[test]
    fn subset_r2_ignores_exact_duplicate() {
        let rxx = Matrix::from_rows(&[[1.0, 1.0], [1.0, 1.0]]);
        let rxy = [0.5, 0.5];
        let mut scratch = vec![0.0; 6];
        assert_close!(subset_r2(&rxx, &rxy, 0b11, &mut scratch), 0.25, 1e-12);
    }
}
