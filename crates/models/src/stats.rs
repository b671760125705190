//! Small statistical building blocks shared by the voice-of-customer modules:
//! normal and Student-t quantiles, a validated confidence level, the
//! adjusted-Wald interval of a proportion and the t interval of a mean.
//!
//! Hand-written rather than pulled from a crate because the whole need is a
//! few dozen lines and the app must stay small in WebAssembly; every function
//! is tested against published table values.

#![warn(missing_docs)]

use super::special::ln_gamma;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a statistical input was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum StatsError {
    /// Confidence level outside `(0, 1)`.
    ConfidenceOutOfRange(f64),
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatsError::ConfidenceOutOfRange(v) => {
                write!(f, "confidence level must be in (0,1): got {v}")
            }
        }
    }
}

impl std::error::Error for StatsError {}

/// A two-sided confidence level, a fraction in `(0, 1)` (0.95 for 95 %).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct ConfidenceLevel(f64);

impl ConfidenceLevel {
    /// The usual 95 % level.
    pub const NINETY_FIVE: ConfidenceLevel = ConfidenceLevel(0.95);

    /// Validates a level in `(0, 1)`.
    pub fn new(level: f64) -> Result<Self, StatsError> {
        if level > 0.0 && level < 1.0 {
            Ok(ConfidenceLevel(level))
        } else {
            Err(StatsError::ConfidenceOutOfRange(level))
        }
    }

    /// The level as a fraction.
    pub fn level(self) -> f64 {
        self.0
    }

    /// Two-sided normal critical value.
    ///
    /// # Formula
    /// `z = Φ⁻¹((1 + level) / 2)`; 1.959964 for 95 %.
    pub fn z(self) -> f64 {
        normal_quantile((1.0 + self.0) / 2.0)
    }

    /// Two-sided Student-t critical value with `df` degrees of freedom.
    ///
    /// # Formula
    /// `t = T⁻¹_df((1 + level) / 2)`; 2.228139 for 95 % and 10 df.
    pub fn t(self, df: f64) -> f64 {
        student_t_quantile((1.0 + self.0) / 2.0, df)
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        ConfidenceLevel::NINETY_FIVE
    }
}

impl TryFrom<f64> for ConfidenceLevel {
    type Error = StatsError;
    fn try_from(v: f64) -> Result<Self, StatsError> {
        ConfidenceLevel::new(v)
    }
}

impl From<ConfidenceLevel> for f64 {
    fn from(c: ConfidenceLevel) -> f64 {
        c.0
    }
}

/// Inverse of the standard normal distribution function.
///
/// # Formula
/// Acklam's rational approximation (relative error below 1.15e-9) on
/// `(0, 1)`; `±∞` at 0 and 1 and NaN outside.
///
/// Source: P. J. Acklam (2003), "An algorithm for computing the inverse normal
/// cumulative distribution function".
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const P_LOW: f64 = 0.02425;
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p < P_LOW {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -normal_quantile(1.0 - p)
    }
}

/// Standard normal distribution function `Φ(x) = erfc(−x/√2)/2`, with the
/// complementary error function from `libm::erfc` (musl's port of fdlibm: full
/// double precision, relative accuracy kept in the far tail).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Two-sided p-value of a standard normal statistic: `2·(1 − Φ(|z|))`.
pub fn two_sided_p(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    libm::erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const MAX_ITER: usize = 300;
    const EPS: f64 = 1e-15;
    const FPMIN: f64 = 1e-300;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    // Away from zero by at least FPMIN, so no step divides by zero.
    let tiny = |v: f64| if v.abs() < FPMIN { FPMIN } else { v };
    // One Lentz step with coefficient `aa`: updates c and d, returns the
    // factor the fraction is multiplied by.
    let step = |aa: f64, c: &mut f64, d: &mut f64| {
        *d = 1.0 / tiny(1.0 + aa * *d);
        *c = tiny(1.0 + aa / *c);
        *d * *c
    };
    let mut c = 1.0;
    let mut d = 1.0 / tiny(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_ITER {
        let m = m as f64;
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)), &mut c, &mut d);
        let del = step(
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
            &mut c,
            &mut d,
        );
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// Regularised incomplete beta function `I_x(a, b)`.
///
/// Source: Press et al., *Numerical Recipes* (2nd ed.), §6.4 `betai`.
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_bt = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let bt = ln_bt.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        bt * beta_cf(a, b, x) / a
    } else {
        1.0 - bt * beta_cf(b, a, 1.0 - x) / b
    }
}

/// Distribution function of Student's t with `df > 0` degrees of freedom.
///
/// # Formula
/// `P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½)` for `t ≥ 0`, symmetric below.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let x = df / (df + t * t);
    let tail = 0.5 * incomplete_beta(df / 2.0, 0.5, x);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Quantile of Student's t with `df > 0` degrees of freedom.
///
/// Solved by bisection on [`student_t_cdf`] to about 1e-12 absolute, which
/// is far finer than any survey interval needs; the normal quantile is used
/// above 1e7 degrees of freedom, where the two agree to 1e-7.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || df.is_nan() || df <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if df > 1e7 {
        return normal_quantile(p);
    }
    let mut lo = 0.0;
    let mut hi = normal_quantile(p).max(1.0);
    let mut guard = 0;
    while student_t_cdf(hi, df) < p && guard < 200 {
        lo = hi;
        hi *= 2.0;
        guard += 1;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-12 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// A proportion with its confidence interval, all as fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProportionInterval {
    /// Number of trials.
    pub n: u64,
    /// Number of successes.
    pub successes: u64,
    /// Observed proportion `x / n` (0 when `n = 0`).
    pub estimate: f64,
    /// Lower bound, clamped to `[0, 1]`.
    pub ci_low: f64,
    /// Upper bound, clamped to `[0, 1]`.
    pub ci_high: f64,
    /// Half-width before clamping, `z·SE`.
    pub margin_of_error: f64,
    /// The confidence level used.
    pub confidence: f64,
}

/// Adjusted-Wald (Agresti–Coull) interval of a binomial proportion.
///
/// # Formula
/// `p̃ = (x + z²/2) / (n + z²)`, `ñ = n + z²`,
/// `CI = p̃ ± z·√(p̃(1 − p̃)/ñ)`, clamped to `[0, 1]`.
/// With `n = 0` the interval is `[0, 1]`.
///
/// Source: Agresti, A. & Coull, B. A. (1998), "Approximate is better than
/// 'exact' for interval estimation of binomial proportions", *The American
/// Statistician* 52(2); recommended for small samples by Sauro & Lewis,
/// *Quantifying the User Experience* (2016), ch. 3.
pub fn adjusted_wald_proportion(
    successes: u64,
    n: u64,
    confidence: ConfidenceLevel,
) -> ProportionInterval {
    let x = successes.min(n) as f64;
    let nf = n as f64;
    let z = confidence.z();
    let estimate = if n == 0 { 0.0 } else { x / nf };
    if n == 0 {
        return ProportionInterval {
            n,
            successes: 0,
            estimate,
            ci_low: 0.0,
            ci_high: 1.0,
            margin_of_error: 1.0,
            confidence: confidence.level(),
        };
    }
    let n_adj = nf + z * z;
    let p_adj = (x + z * z / 2.0) / n_adj;
    let moe = z * (p_adj * (1.0 - p_adj) / n_adj).sqrt();
    ProportionInterval {
        n,
        successes: successes.min(n),
        estimate,
        ci_low: (p_adj - moe).clamp(0.0, 1.0),
        ci_high: (p_adj + moe).clamp(0.0, 1.0),
        margin_of_error: moe,
        confidence: confidence.level(),
    }
}

/// A mean with its t confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanInterval {
    /// Number of values.
    pub n: u64,
    /// Arithmetic mean (0 when `n = 0`).
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator; 0 when `n < 2`).
    pub sd: f64,
    /// Lower bound (equals the mean when `n < 2`: no spread is known).
    pub ci_low: f64,
    /// Upper bound.
    pub ci_high: f64,
    /// Half-width `t·s/√n` (0 when `n < 2`).
    pub margin_of_error: f64,
    /// The confidence level used.
    pub confidence: f64,
}

/// Mean and Student-t interval of finite values.
///
/// # Formula
/// `x̄ ± t_{(1+c)/2, n−1} · s/√n` with the two-pass sample variance
/// `s² = Σ(x − x̄)²/(n − 1)`.
///
/// Source: any introductory statistics text; for rating scales Sauro & Lewis
/// (2016), ch. 3 "confidence interval for rating scales".
pub fn mean_interval(values: &[f64], confidence: ConfidenceLevel) -> MeanInterval {
    let n = values.len();
    if n == 0 {
        return MeanInterval {
            n: 0,
            mean: 0.0,
            sd: 0.0,
            ci_low: 0.0,
            ci_high: 0.0,
            margin_of_error: 0.0,
            confidence: confidence.level(),
        };
    }
    let nf = n as f64;
    let mean = values.iter().sum::<f64>() / nf;
    if n < 2 {
        return MeanInterval {
            n: n as u64,
            mean,
            sd: 0.0,
            ci_low: mean,
            ci_high: mean,
            margin_of_error: 0.0,
            confidence: confidence.level(),
        };
    }
    let ss: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    let sd = (ss / (nf - 1.0)).sqrt();
    let moe = confidence.t(nf - 1.0) * sd / nf.sqrt();
    MeanInterval {
        n: n as u64,
        mean,
        sd,
        ci_low: mean - moe,
        ci_high: mean + moe,
        margin_of_error: moe,
        confidence: confidence.level(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Reference: standard normal table (Abramowitz & Stegun 26.2), values to
    /// 12 digits; tolerance 1e-8 (Acklam's stated relative error is 1.15e-9).
    #[test]
    fn normal_quantile_table() {
        let table = [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540),
            (0.95, 1.644_853_626_951),
            (0.995, 2.575_829_303_549),
            (0.9, 1.281_551_565_545),
            (0.001, -3.090_232_306_168),
            (0.01, -2.326_347_874_041),
        ];
        for (p, z) in table {
            assert_close!(normal_quantile(p), z, 1e-8, "p={p}");
        }
        assert!(normal_quantile(1.5).is_nan());
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
    }

    /// Reference: Φ(1.96) = 0.975002104852, Φ(−1) = 0.158655253931 (A&S
    /// 26.2, 12 digits), so tolerance 1e-12; Φ(−10) = 7.619853024160527e-24
    /// (the normal tail Q(10) = φ(10)/(10 + 1/(10 + 2/(10 + …))), Laplace's
    /// continued fraction evaluated in 50-digit decimal), relative 1e-14. two_sided_p(1.959964)
    /// is 0.05 only to 2e-9 (1.959964 is z₀.₉₇₅ rounded), so 1e-8 there.
    #[test]
    fn normal_cdf_table() {
        assert_close!(normal_cdf(1.96), 0.975_002_104_852, 1e-12);
        assert_eq!(normal_cdf(0.0), 0.5);
        assert_close!(normal_cdf(-1.0), 0.158_655_253_931, 1e-12);
        assert_close!(normal_cdf(-10.0) / 7.619_853_024_160_527e-24, 1.0, 1e-14);
        assert_close!(two_sided_p(1.959_964), 0.05, 1e-8);
    }

    /// Reference: Student-t critical values from standard tables (e.g. NIST
    /// e-Handbook 1.3.6.7.2), to 6 decimals; tolerance 1e-6.
    #[test]
    fn student_t_quantile_table() {
        let table = [
            (0.975, 1.0, 12.706_205),
            (0.975, 2.0, 4.302_653),
            (0.975, 10.0, 2.228_139),
            (0.975, 30.0, 2.042_272),
            (0.995, 5.0, 4.032_143),
            (0.95, 20.0, 1.724_718),
            (0.975, 100.0, 1.983_972),
        ];
        for (p, df, t) in table {
            let got = student_t_quantile(p, df);
            assert_close!(got, t, 1e-6, "p={p} df={df}: {got}");
            assert!((student_t_quantile(1.0 - p, df) + t).abs() < 1e-6);
        }
    }

    #[test]
    fn confidence_level_validation() {
        assert_eq!(
            ConfidenceLevel::new(1.0).unwrap_err().to_string(),
            "confidence level must be in (0,1): got 1"
        );
        assert!(ConfidenceLevel::new(f64::NAN).is_err());
        assert_close!(ConfidenceLevel::NINETY_FIVE.z(), 1.959_964, 1e-6);
    }

    /// Reference: Sauro & Lewis (2016), ch. 3: 7 of 10 users completing a task
    /// gives an adjusted-Wald 95 % interval of about 39 % to 90 %. Hand
    /// computation: p̃ = (7 + 1.920729)/13.841459 = 0.644493, MoE = 0.252168,
    /// CI = 0.392325 .. 0.896662; tolerance 1e-5.
    #[test]
    fn adjusted_wald_seven_of_ten() {
        let ci = adjusted_wald_proportion(7, 10, ConfidenceLevel::NINETY_FIVE);
        assert_close!(ci.estimate, 0.7, 1e-12);
        assert_close!(ci.ci_low, 0.392_325, 1e-5, "{}", ci.ci_low);
        assert_close!(ci.ci_high, 0.896_662, 1e-5, "{}", ci.ci_high);
    }

    /// Reference: hand computation. Values 1..=5: mean 3, s = √2.5 = 1.581139,
    /// t(0.975, 4) = 2.776445, half-width = 2.776445·1.581139/√5 = 1.963243.
    #[test]
    fn mean_interval_hand_computed() {
        let m = mean_interval(&[1.0, 2.0, 3.0, 4.0, 5.0], ConfidenceLevel::NINETY_FIVE);
        assert_eq!(m.n, 5);
        assert_close!(m.mean, 3.0, 1e-12);
        assert_close!(m.sd, 1.581_138_830, 1e-9);
        assert_close!(m.margin_of_error, 1.963_243, 1e-5);
        let one = mean_interval(&[4.0], ConfidenceLevel::NINETY_FIVE);
        assert_eq!((one.ci_low, one.ci_high), (4.0, 4.0));
    }
}
