//! Special functions used by the CLV models: ln Γ, ln B, digamma and the
//! Gauss hypergeometric function ₂F₁ on `[0, 1)`.
//!
//! ln Γ comes from `libm` (a port of musl's `lgamma`, accurate to a few ulp
//! for positive arguments). Digamma and ₂F₁ are small enough to write here;
//! no maintained crate providing ₂F₁ builds for wasm32 without pulling in a
//! linear-algebra stack.

/// Most terms summed by a hypergeometric series before giving up.
///
/// With `z = 0.9999` the terms shrink like `z^k`, so 2·10⁶ terms leave a
/// factor `e^-200`: only `z` within about 10⁻⁵ of 1 runs out.
pub const MAX_SERIES_TERMS: usize = 2_000_000;

/// Natural logarithm of the gamma function, `ln Γ(x)`, for `x > 0`.
///
/// # Formula
/// `ln Γ(x) = ln ∫₀^∞ t^(x−1) e^(−t) dt`; computed by `libm::lgamma`
/// (musl). Returns NaN for `x <= 0` or NaN: the models never need the
/// negative axis.
pub fn ln_gamma(x: f64) -> f64 {
    if x > 0.0 {
        libm::lgamma(x)
    } else {
        f64::NAN
    }
}

/// Natural logarithm of the beta function for `a, b > 0`.
///
/// # Formula
/// `ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)`
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The digamma function `ψ(x) = d/dx ln Γ(x)` for `x > 0`.
///
/// # Formula
/// Upward recurrence `ψ(x) = ψ(x + 1) − 1/x` until `x ≥ 10`, then the
/// asymptotic series (Abramowitz & Stegun 6.3.18)
/// `ψ(x) ≈ ln x − 1/(2x) − Σ_k B₂ₖ / (2k x^(2k))`, seven terms, whose error
/// at `x ≥ 10` is below 10⁻¹⁶ absolute (next term `B₁₆/(16x¹⁶)`). Returns NaN for `x <= 0`.
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    let mut x = x;
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    let tail = f
        * (-1.0 / 12.0
            + f * (1.0 / 120.0
                + f * (-1.0 / 252.0
                    + f * (1.0 / 240.0
                        + f * (-1.0 / 132.0 + f * (691.0 / 32_760.0 + f * (-1.0 / 12.0)))))));
    acc + x.ln() - 0.5 / x + tail
}

/// Sums a power series `Σ_{k≥0} t_k` whose terms obey `t_{k+1} = t_k · ratio(k)`
/// and whose ratio tends to `limit` (`|limit| < 1`). Returns `None` when it
/// has not converged after [`MAX_SERIES_TERMS`] terms or produced a
/// non-finite value.
///
/// Stopping rule: once the ratio has settled below one, the remaining tail
/// is bounded by `|t_k| q / (1 − q)` with `q = max(|ratio_k|, |limit|)`
/// (the ratio of these series is monotone in `k` for large `k`); stop when
/// that bound is below 10⁻¹⁶ of the sum.
pub(crate) fn sum_ratio_series(
    first: f64,
    limit: f64,
    ratio: impl FnMut(f64) -> f64,
) -> Option<f64> {
    sum_ratio_series_within(first, limit, MAX_SERIES_TERMS, ratio)
}

/// [`sum_ratio_series`] giving up after `max_terms` terms: a bounded cost
/// for callers that evaluate it many times (a likelihood inside a fit).
pub(crate) fn sum_ratio_series_within(
    first: f64,
    limit: f64,
    max_terms: usize,
    mut ratio: impl FnMut(f64) -> f64,
) -> Option<f64> {
    let mut sum = first;
    let mut term = first;
    for k in 0..max_terms {
        let rho = ratio(k as f64);
        term *= rho;
        sum += term;
        if !sum.is_finite() {
            return None;
        }
        if term == 0.0 {
            return Some(sum);
        }
        let q = rho.abs().max(limit.abs());
        if q < 1.0 && term.abs() * q / (1.0 - q) <= 1e-16 * sum.abs() {
            return Some(sum);
        }
    }
    None
}

/// The bracket of the BG/NBD-family expectations,
/// `c/(a−1) · [1 − (1−z)^{a−1} ₂F₁(A, a−1; c; z)]`, given `l = ln(1−z)`.
///
/// # Formula
/// Writing `₂F₁(A, a−1; c; z) = 1 + (a−1) H` and `ε = a − 1`:
/// `c [1 − e^{εl}(1 + εH)]/ε = −c expm1(εl)/ε − c H e^{εl}`, exact as
/// `a → 1` (where the bracket is 0/0), with
/// `c H = Σ_{k≥1} (A)_k (a)_{k−1} / ((c+1)_{k−1} k!) z^k` (regular at `c = 0`).
/// BG/NBD (FHL 2005 eq. 10 after Euler's transformation, A&S 15.3.3) uses
/// `A = a+b−1−r`, `c = a+b+x−1`; MBG/NBD `A = a+b−r`, `c = a+b+x`.
/// `None` when the series does not converge.
pub(crate) fn euler_bracket(big_a: f64, a: f64, c: f64, z: f64, l: f64) -> Option<f64> {
    let eps = a - 1.0;
    let em1_over_eps = if eps.abs() < 1e-12 {
        l
    } else {
        (eps * l).exp_m1() / eps
    };
    let c_h = sum_ratio_series(big_a * z, z, |k| {
        let k = k + 1.0;
        (big_a + k) * (a + k - 1.0) / ((c + k) * (k + 1.0)) * z
    })?;
    Some(-c * em1_over_eps - c_h * (eps * l).exp())
}

/// Gauss hypergeometric function `₂F₁(a, b; c; z)` for real `z` in `(−1, 1)`.
///
/// # Formula
/// `₂F₁(a, b; c; z) = Σ_{k≥0} (a)_k (b)_k / ((c)_k k!) z^k`, with `(x)_k` the
/// rising factorial (Abramowitz & Stegun 15.1.1), summed directly.
///
/// Convergence slows as `|z| → 1` (terms shrink like `k^(a+b−c−1) z^k`);
/// callers that approach 1 use a transformation first (see the BG/NBD
/// conditional expectation). Returns `None` when `c` is a non-positive
/// integer, `|z| >= 1`, or the series has not converged in
/// [`MAX_SERIES_TERMS`] terms.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && z.is_finite()) || z.abs() >= 1.0 {
        return None;
    }
    if c <= 0.0 && c == c.floor() {
        return None;
    }
    sum_ratio_series(1.0, z, |k| (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z)
}

/// `₂F₁(1, b; c; z)` for `b, c > 0`, `z` in `[0, 1)`, with at most
/// `max_terms` terms per series; `None` when a series does not converge.
///
/// # Formula
/// With `σ = c − 1 − b`: for `z ≤ 0.9`, the power series
/// `Σ (b)_k/(c)_k z^k`. Closer to 1, where that series needs up to
/// `37/(1−z)` terms, unless `b(1−z) + σ > 5`, the connection formula in `1 − z` (A&S 15.3.6; with
/// `a = 1` its second series is `z^{1−c}` in closed form):
/// `₂F₁(1, b; c; z) = (c−1)/σ · ₂F₁(1, b; 1−σ; 1−z) +
/// Γ(c) Γ(−σ)/Γ(b) · (1−z)^σ z^{1−c}`,
/// whose series converges like `(1−z)^k`. Both terms have poles at integer
/// `σ` and cancel near them (measured: a relative rounding error about
/// `4·10⁻¹³/dist(σ, ℤ)`); within `δ/2` of an integer the value is the
/// Richardson extrapolation of the means of those at `c ± δ` and `c ± 2δ`,
/// `δ = 2·10⁻³/(1 + |ln(1−z)|/4)` (error `O(δ⁴ ln⁴(1−z))` plus that
/// rounding, below 10⁻⁹ in the tests).
pub(crate) fn hyp2f1_a1(b: f64, c: f64, z: f64, max_terms: usize) -> Option<f64> {
    let sigma = c - 1.0 - b;
    let w = 1.0 - z;
    // The series in 1 − z grows while (b+k)(1−z) > k − σ, to about
    // e^{b(1−z)}, and the two terms cancel to F: past b(1−z) + σ ≈ 5 that
    // costs more digits than the power series' length costs time.
    if z <= 0.9 || b * w + sigma.max(0.0) > 5.0 {
        return sum_ratio_series_within(1.0, z, max_terms, |k| (b + k) / (c + k) * z);
    }
    // The δ⁴ term grows like ln⁴(1−z): a smaller step closer to 1.
    let d = 2e-3 / (1.0 + (1.0 - z).ln().abs() / 4.0);
    if (sigma - sigma.round()).abs() < d / 2.0 {
        let mean = |d: f64| -> Option<f64> {
            Some(0.5 * (hyp2f1_a1(b, c - d, z, max_terms)? + hyp2f1_a1(b, c + d, z, max_terms)?))
        };
        // Richardson: the means are F + K δ² + O(δ⁴).
        return Some((4.0 * mean(d)? - mean(2.0 * d)?) / 3.0);
    }
    let near = sum_ratio_series_within(1.0, w, max_terms, |k| (b + k) / (1.0 - sigma + k) * w)?;
    // ln|Γ(−σ)| and its sign; for σ > 0 from the reflection formula
    // Γ(−σ) Γ(1+σ) = −π / sin(πσ) (the ln Γ here is for positive arguments).
    let (ln_gamma_neg, sign) = if sigma < 0.0 {
        (ln_gamma(-sigma), 1.0)
    } else {
        let sin = (std::f64::consts::PI * sigma).sin();
        let ln = std::f64::consts::PI.ln() - sin.abs().ln() - ln_gamma(1.0 + sigma);
        (ln, -sin.signum())
    };
    let ln_far = ln_gamma(c) + ln_gamma_neg - ln_gamma(b) + sigma * w.ln() + (1.0 - c) * z.ln();
    let value = (c - 1.0) / sigma * near + sign * ln_far.exp();
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;

    /// Reference: Γ(n) = (n−1)! and Γ(1/2) = √π (textbook identities).
    #[test]
    fn ln_gamma_known_values() {
        assert!((ln_gamma(1.0)).abs() < 1e-15);
        assert_close!(ln_gamma(5.0), 24f64.ln(), 1e-14);
        assert_close!(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-15);
        // ln Γ(101) = ln 100!; 100! = 9.33262154439441e157.
        assert_close!(ln_gamma(101.0), 363.739_375_555_563_5, 1e-10);
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.5).is_nan());
    }

    /// Reference: B(2, 3) = 1!·2!/4! = 1/12.
    #[test]
    fn ln_beta_known_value() {
        assert_close!(ln_beta(2.0, 3.0), (1.0f64 / 12.0).ln(), 1e-14);
    }

    /// Reference: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(n) = H_{n−1} − γ
    /// (Abramowitz & Stegun 6.3.2, 6.3.3), tolerance 1e-14.
    #[test]
    fn digamma_known_values() {
        assert!((digamma(1.0) + EULER_GAMMA).abs() < 1e-14);
        assert!((digamma(0.5) + EULER_GAMMA + 2.0 * 2f64.ln()).abs() < 1e-14);
        let h9: f64 = (1..10).map(|k| 1.0 / k as f64).sum();
        assert_close!(digamma(10.0), (h9 - EULER_GAMMA), 1e-14);
        let h99: f64 = (1..100).map(|k| 1.0 / k as f64).sum();
        assert_close!(digamma(100.0), (h99 - EULER_GAMMA), 1e-13);
        assert!(digamma(0.0).is_nan() && digamma(-2.0).is_nan());
    }

    /// Reference: the derivative of libm's ln Γ by central differences
    /// (independent code path), tolerance 1e-7 (difference error).
    #[test]
    fn digamma_matches_derivative_of_ln_gamma() {
        for x in [0.01, 0.3, 1.7, 5.9, 6.1, 42.0, 1e4] {
            let h = 1e-5 * x;
            let num = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert_close!(digamma(x), num, 1e-7 * (1.0 + num.abs()), "x={x}");
        }
    }

    /// References (Abramowitz & Stegun 15.1.3–15.1.5, 15.1.8):
    /// ₂F₁(1,1;2;z) = −ln(1−z)/z, ₂F₁(a,b;b;z) = (1−z)^(−a),
    /// ₂F₁(1/2,1;3/2;z²) = atanh(z)/z, ₂F₁(1/2,1/2;3/2;z²) = asin(z)/z.
    #[test]
    fn hyp2f1_elementary_closed_forms() {
        for z in [-0.9, -0.3, 0.0, 0.2, 0.5, 0.9, 0.99, 0.999] {
            let f = hyp2f1(1.0, 1.0, 2.0, z).unwrap();
            let want = if z == 0.0 { 1.0 } else { -(1.0 - z).ln() / z };
            assert!(
                (f - want).abs() < 1e-13 * want.abs(),
                "z={z}: {f} vs {want}"
            );
            let g = hyp2f1(0.7, 2.3, 2.3, z).unwrap();
            let want = (1.0 - z).powf(-0.7);
            assert_close!(g, want, 1e-13 * want, "z={z}");
        }
        for s in [0.1f64, 0.5, 0.8, 0.95] {
            let f = hyp2f1(0.5, 1.0, 1.5, s * s).unwrap();
            assert_close!(f, s.atanh() / s, 1e-13);
            let g = hyp2f1(0.5, 0.5, 1.5, s * s).unwrap();
            assert_close!(g, s.asin() / s, 1e-13);
        }
    }

    /// Reference: Gauss's theorem ₂F₁(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b))
    /// for c − a − b > 0, approached at z = 1 − 10⁻⁵; with c − a − b = 2 the
    /// gap to the limit is O(1e-5), tolerance 1e-4.
    #[test]
    fn hyp2f1_near_one_approaches_gauss_sum() {
        let (a, b, c) = (0.3, 1.2, 3.5);
        let gauss = (ln_gamma(c) + ln_gamma(c - a - b) - ln_gamma(c - a) - ln_gamma(c - b)).exp();
        let f = hyp2f1(a, b, c, 1.0 - 1e-5).unwrap();
        assert_close!(f, gauss, 1e-4, "{f} vs {gauss}");
    }

    /// References: ₂F₁(1,1;2;z) = −ln(1−z)/z (A&S 15.1.3, σ = 0: a pole
    /// case), ₂F₁(1,b;b;z) = 1/(1−z) (σ = −1, another), and the plain
    /// series where it still converges (z = 0.95, 0.99; σ from −0.6 to 7.3,
    /// integer σ = 1 included); then up to
    /// z = 1 − 10⁻¹⁰, where the series would need 10¹¹ terms, against the
    /// closed forms. Tolerance 1e-12 relative (1e-9 at the poles, integer σ).
    #[test]
    fn hyp2f1_a1_near_one() {
        for z in [0.2, 0.91, 0.99, 0.999_999, 1.0 - 1e-10] {
            let f = hyp2f1_a1(1.0, 2.0, z, 100).unwrap();
            let want = -(-z).ln_1p() / z;
            assert!((f - want).abs() < 1e-9 * want, "z={z}: {f} vs {want}");
            let g = hyp2f1_a1(2.5, 2.5, z, 100).unwrap();
            assert!((g * (1.0 - z) - 1.0).abs() < 1e-9, "z={z}: {g}");
        }
        for (b, c) in [
            (0.4, 1.0),
            (16.0, 16.4),
            (3.0, 4.6),
            (0.7, 2.0),
            (2.4, 5.0),
            (4901.0, 4903.4),
            (5.0, 13.3),
            (1.6, 3.6),
        ] {
            for z in [0.95, 0.99] {
                let series = hyp2f1(1.0, b, c, z).unwrap();
                let f = hyp2f1_a1(b, c, z, 5_000).unwrap();
                let sigma: f64 = c - 1.0 - b;
                let tol = if (sigma - sigma.round()).abs() < 1e-9 {
                    1e-9
                } else {
                    1e-12
                };
                assert!(
                    (f - series).abs() < tol * series,
                    "b={b} c={c} z={z}: {f} vs {series}"
                );
            }
        }
    }

    #[test]
    fn hyp2f1_refuses_what_it_cannot_sum() {
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
        assert_eq!(hyp2f1(1.0, 1.0, -2.0, 0.5), None);
        assert_eq!(hyp2f1(f64::NAN, 1.0, 2.0, 0.5), None);
        // Terminating series: (a)_k vanishes from k = 3 on, a polynomial in z.
        let p = hyp2f1(-2.0, 1.0, 1.0, 0.5).unwrap();
        assert_close!(p, 0.25, 1e-15); // (1 − z)² at z = 0.5
    }
}
