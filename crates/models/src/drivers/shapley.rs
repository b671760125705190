//! Shapley value / LMG decomposition of R² over all orders of entry.

use crate::linalg::{subset_r2, Matrix};

/// Largest number of attributes for the Shapley/LMG decomposition: it needs
/// `2^p` regressions (65 536 at 16).
pub const MAX_SHAPLEY_ATTRIBUTES: usize = 16;

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

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

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
}
