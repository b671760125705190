//! Contractual retention: the shifted-beta-geometric (sBG) cohort model.
//!
//! Each customer has a constant churn probability θ per period, and θ varies
//! across customers as Beta(α, β). The cohort's retention rate then rises
//! with tenure (the customers most likely to leave leave first), which a
//! constant-churn model cannot show.
//!
//! Sources:
//! * Fader, P. S. & Hardie, B. G. S. (2007), "How to Project Customer
//!   Retention", *Journal of Interactive Marketing* 21(1): survival,
//!   retention and the likelihood (equations 1–7).
//! * Fader, P. S. & Hardie, B. G. S. (2010), "Customer-Base Valuation in a
//!   Contractual Setting: The Perils of Ignoring Heterogeneity", *Marketing
//!   Science* 29(1): discounted expected lifetime (DEL) and residual
//!   lifetime (DERL) as Gauss hypergeometric functions.
//!
//! Time: periods are whole contract periods (months, years…); period 0 is
//! acquisition and the customer pays at the start of every period alive.

use super::linalg::Matrix;
use super::optim::{fit_log_params, FitError};
use super::special::hyp2f1;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why sBG inputs were refused or a computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum SbgError {
    /// `alpha` or `beta` not a positive finite number.
    ParamOutOfRange {
        /// Parameter name (`alpha` or `beta`).
        name: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// Fewer than two survival counts (period 0 and at least one more).
    TooFewPeriods(usize),
    /// A count is negative or not finite (`period` is its index).
    CountOutOfRange {
        /// Index of the count in the survival table (0 = the cohort start).
        period: usize,
        /// The count that was refused.
        value: f64,
    },
    /// The cohort at period 0 is empty.
    EmptyCohort,
    /// More customers alive at `period` than at the period before.
    CountIncreases {
        /// Index of the period whose count increased.
        period: usize,
        /// Customers alive at the period before.
        before: f64,
        /// Customers alive at `period` (more than `before`).
        after: f64,
    },
    /// Nobody churned: churn cannot be estimated.
    NoChurn,
    /// Discount rate not positive (DEL is infinite at 0 unless `alpha > 1`).
    DiscountOutOfRange(f64),
    /// The hypergeometric series did not converge (discount too close to 0).
    SeriesDidNotConverge,
    /// The maximum-likelihood search failed.
    Fit(FitError),
}

impl fmt::Display for SbgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SbgError::ParamOutOfRange { name, value } => {
                write!(f, "{name} must be a positive number: got {value}")
            }
            SbgError::TooFewPeriods(n) => write!(
                f,
                "survival table needs period 0 and at least one more period: got {n} row(s)"
            ),
            SbgError::CountOutOfRange { period, value } => write!(
                f,
                "period {period}: customers alive must be a number >= 0: got {value}"
            ),
            SbgError::EmptyCohort => write!(f, "period 0: the cohort has no customers"),
            SbgError::CountIncreases {
                period,
                before,
                after,
            } => write!(
                f,
                "period {period}: customers alive rise from {before} to {after}; a cohort can only shrink"
            ),
            SbgError::NoChurn => write!(
                f,
                "no customer churned in the table: churn cannot be estimated"
            ),
            SbgError::DiscountOutOfRange(d) => write!(
                f,
                "discount rate must be greater than 0 for an infinite horizon: got {d}"
            ),
            SbgError::SeriesDidNotConverge => write!(
                f,
                "discounted lifetime did not converge (discount rate too close to 0)"
            ),
            SbgError::Fit(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SbgError {}

/// Validated sBG parameters: churn probability θ ~ Beta(α, β).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SbgParams {
    alpha: f64,
    beta: f64,
}

impl SbgParams {
    /// `alpha`, `beta`: the Beta shape parameters, both `> 0`.
    pub fn new(alpha: f64, beta: f64) -> Result<Self, SbgError> {
        for (name, value) in [("alpha", alpha), ("beta", beta)] {
            if !(value > 0.0 && value.is_finite()) {
                return Err(SbgError::ParamOutOfRange { name, value });
            }
        }
        Ok(SbgParams { alpha, beta })
    }

    /// Beta shape α of the churn probability (dimensionless).
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// Beta shape β of the churn probability (dimensionless).
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Mean churn probability across customers at acquisition.
    ///
    /// # Formula
    /// `E[θ] = α / (α + β)`
    pub fn mean_churn(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// Retention rate of period `t ≥ 1`: the share of customers alive at
    /// `t − 1` who are still alive at `t`. Rises with `t`.
    ///
    /// # Formula
    /// `r(t) = (β + t − 1) / (α + β + t − 1)` (F&H 2007, eq. 8). `r(0)` is
    /// returned as 1 (everybody is alive at acquisition).
    pub fn retention(&self, t: u32) -> f64 {
        if t == 0 {
            return 1.0;
        }
        let k = f64::from(t) - 1.0;
        (self.beta + k) / (self.alpha + self.beta + k)
    }

    /// Probability that a customer is still alive after `t` periods.
    ///
    /// # Formula
    /// `S(t) = B(α, β + t) / B(α, β) = Π_{k=1}^t r(k)` (F&H 2007, eq. 7).
    pub fn survival(&self, t: u32) -> f64 {
        (1..=t).map(|k| self.retention(k)).product()
    }

    /// `S(0), …, S(n)`: the projected survival curve.
    pub fn survival_curve(&self, n: u32) -> Vec<f64> {
        let mut s = 1.0;
        let mut out = Vec::with_capacity(n as usize + 1);
        out.push(1.0);
        for t in 1..=n {
            s *= self.retention(t);
            out.push(s);
        }
        out
    }

    /// Probability that a customer churns exactly at the end of period `t ≥ 1`.
    ///
    /// # Formula
    /// `P(T = t) = B(α + 1, β + t − 1) / B(α, β) = S(t − 1) α / (α + β + t − 1)`
    /// (F&H 2007, eq. 5). Returns 0 for `t = 0`.
    pub fn churn_probability(&self, t: u32) -> f64 {
        if t == 0 {
            return 0.0;
        }
        let k = f64::from(t) - 1.0;
        self.survival(t - 1) * self.alpha / (self.alpha + self.beta + k)
    }

    /// Discounted expected lifetime of a customer just acquired, in periods:
    /// the present value of one unit paid at the start of every period alive
    /// (the payment at period 0 included).
    ///
    /// # Formula
    /// `DEL = Σ_{t≥0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d))`
    /// (F&H 2010, eq. 4). With `d = 0` and `α > 1` it is the mean lifetime
    /// `(α + β − 1)/(α − 1)` (Gauss's sum); `d = 0` with `α ≤ 1` is infinite
    /// and refused.
    pub fn del(&self, d: f64) -> Result<f64, SbgError> {
        self.residual(d, 0)
    }

    /// Discounted expected residual lifetime of a customer who has made
    /// `renewals` renewals (has been alive `renewals + 1` periods), evaluated
    /// just before the next renewal decision; the next payment, if the
    /// customer renews, is counted undiscounted.
    ///
    /// # Formula
    /// `DERL(d | n − 1 renewals) = Σ_{t≥n} S(t)/S(n − 1) (1 + d)^{−(t − n)}`
    /// `= (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d))`
    /// (F&H 2010, eq. 6) with `n = renewals + 1`.
    pub fn derl(&self, d: f64, renewals: u32) -> Result<f64, SbgError> {
        let n = f64::from(renewals) + 1.0;
        let lead = (self.beta + n - 1.0) / (self.alpha + self.beta + n - 1.0);
        Ok(lead * self.residual(d, renewals + 1)?)
    }

    /// `₂F₁(1, β + n; α + β + n; 1/(1+d))`, with the `d = 0` Gauss sum.
    fn residual(&self, d: f64, n: u32) -> Result<f64, SbgError> {
        let (a, b) = (self.alpha, self.beta + f64::from(n));
        if d == 0.0 && a > 1.0 {
            // ₂F₁(1, b; a + b; 1) = (a + b − 1)/(a − 1)
            return Ok((a + b - 1.0) / (a - 1.0));
        }
        if !(d > 0.0 && d.is_finite()) {
            return Err(SbgError::DiscountOutOfRange(d));
        }
        hyp2f1(1.0, b, a + b, 1.0 / (1.0 + d)).ok_or(SbgError::SeriesDidNotConverge)
    }

    /// Expected lifetime value of a customer just acquired who pays `margin`
    /// at the start of every period alive.
    ///
    /// # Formula
    /// `E[CLV] = m · DEL(d)` (F&H 2010, eq. 2).
    pub fn clv(&self, margin: f64, d: f64) -> Result<f64, SbgError> {
        Ok(margin * self.del(d)?)
    }
}

/// An sBG fit to a cohort survival table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SbgFit {
    /// The maximum-likelihood estimates of `(alpha, beta)`.
    pub params: SbgParams,
    /// Log-likelihood of the survival table at the estimates (Fader &
    /// Hardie 2007, eq. 6).
    pub log_likelihood: f64,
    /// Standard errors of `(alpha, beta)` from the observed information.
    pub std_errors: [f64; 2],
    /// Covariance of `(alpha, beta)` (inverse observed information), for
    /// delta-method intervals of anything computed from the parameters.
    #[serde(default)]
    pub covariance: [[f64; 2]; 2],
    /// Number of periods after period 0 used in the fit (the longest
    /// cohort's, for [`fit_cohorts`]).
    pub periods: usize,
}

/// Checks a survival table: `alive[t]` customers of the cohort alive at the
/// start of period `t`, non-increasing, `alive[0] > 0`.
fn validate_alive(alive: &[f64]) -> Result<(), SbgError> {
    if alive.len() < 2 {
        return Err(SbgError::TooFewPeriods(alive.len()));
    }
    for (t, &v) in alive.iter().enumerate() {
        if !(v >= 0.0 && v.is_finite()) {
            return Err(SbgError::CountOutOfRange {
                period: t,
                value: v,
            });
        }
        if t > 0 && v > alive[t - 1] {
            return Err(SbgError::CountIncreases {
                period: t,
                before: alive[t - 1],
                after: v,
            });
        }
    }
    if alive[0] <= 0.0 {
        return Err(SbgError::EmptyCohort);
    }
    if alive[alive.len() - 1] == alive[0] {
        return Err(SbgError::NoChurn);
    }
    Ok(())
}

/// sBG log-likelihood of a survival table and its gradient in `(α, β)`.
///
/// # Formula
/// `LL = Σ_{t=1}^{n} (a_{t−1} − a_t) ln P(T = t) + a_n ln S(n)`
/// (F&H 2007, eq. 6), with `a_t` the customers alive at `t`.
pub fn log_likelihood(params: &SbgParams, alive: &[f64]) -> f64 {
    ll_and_grad(params.alpha, params.beta, alive).0
}

fn ll_and_grad(alpha: f64, beta: f64, alive: &[f64]) -> (f64, [f64; 2]) {
    // ln S(t−1) and its derivatives, carried forward.
    let (mut ln_s, mut ds_a, mut ds_b) = (0.0f64, 0.0f64, 0.0f64);
    let (mut ll, mut ga, mut gb) = (0.0, 0.0, 0.0);
    for t in 1..alive.len() {
        let k = (t - 1) as f64;
        let denom = alpha + beta + k;
        let churned = alive[t - 1] - alive[t];
        if churned > 0.0 {
            // ln P(t) = ln S(t−1) + ln α − ln(α + β + t − 1)
            ll += churned * (ln_s + alpha.ln() - denom.ln());
            ga += churned * (ds_a + 1.0 / alpha - 1.0 / denom);
            gb += churned * (ds_b - 1.0 / denom);
        }
        // ln S(t) = ln S(t−1) + ln(β + t − 1) − ln(α + β + t − 1)
        ln_s += (beta + k).ln() - denom.ln();
        ds_a -= 1.0 / denom;
        ds_b += 1.0 / (beta + k) - 1.0 / denom;
    }
    let last = alive[alive.len() - 1];
    if last > 0.0 {
        ll += last * ln_s;
        ga += last * ds_a;
        gb += last * ds_b;
    }
    (ll, [ga, gb])
}

/// Fits the sBG model by maximum likelihood to a cohort survival table.
///
/// `alive[t]` is the number (or share) of the cohort still customers at the
/// start of period `t`, `t = 0..n`. Optimisation is over `(ln α, ln β)` from
/// several starts; standard errors come from the observed information.
///
/// Reference check (tests): the "regular" and "high end" cohorts of F&H
/// (2007) give α = 0.668, β = 3.806 and α = 0.704, β = 1.182.
pub fn fit(alive: &[f64]) -> Result<SbgFit, SbgError> {
    validate_alive(alive)?;
    fit_validated(&[alive], alive.len() - 1)
}

/// The maximum-likelihood fit over validated cohorts: the sum of each
/// cohort's log-likelihood, per customer at period 0, over log α, log β.
fn fit_validated(cohorts: &[&[f64]], periods: usize) -> Result<SbgFit, SbgError> {
    let n0: f64 = cohorts.iter().map(|c| c[0]).sum();
    let mean_nll = |th: &[f64], g: &mut [f64]| {
        let (a, b) = (th[0].exp(), th[1].exp());
        let (mut ll, mut ga, mut gb) = (0.0, 0.0, 0.0);
        for c in cohorts {
            let (l, [x, y]) = ll_and_grad(a, b, c);
            ll += l;
            ga += x;
            gb += y;
        }
        g[0] = -ga * a / n0;
        g[1] = -gb * b / n0;
        -ll / n0
    };
    let starts = [
        vec![0.0, 0.0],
        vec![-1.0, 1.0],
        vec![1.0, 2.0],
        vec![-2.0, -1.0],
    ];
    let f = fit_log_params(mean_nll, &starts, n0, &["alpha", "beta"]).map_err(SbgError::Fit)?;
    Ok(SbgFit {
        params: SbgParams::new(f.params[0], f.params[1])?,
        log_likelihood: f.log_likelihood,
        std_errors: [f.std_errors[0], f.std_errors[1]],
        covariance: cov2(&f.covariance),
        periods,
    })
}

fn cov2(c: &Matrix) -> [[f64; 2]; 2] {
    let at = |i: usize, j: usize| c.get(i, j).unwrap_or(f64::NAN);
    [[at(0, 0), at(0, 1)], [at(1, 0), at(1, 1)]]
}

/// Fits one sBG to several cohorts observed for different lengths (a
/// cohort table: the oldest cohort has the most periods). Each cohort is
/// an `alive` vector as in [`fit`]; a cohort seen only at period 0 says
/// nothing and is skipped.
///
/// # Formula
/// The cohorts are independent samples of the same population, so the
/// log-likelihood is the sum of each cohort's F&H (2007) eq. 6 (the
/// multi-cohort form of Fader & Hardie 2007, section 5).
pub fn fit_cohorts(cohorts: &[Vec<f64>]) -> Result<SbgFit, SbgError> {
    let used: Vec<&Vec<f64>> = cohorts.iter().filter(|c| c.len() >= 2).collect();
    let Some(longest) = used.iter().map(|c| c.len()).max() else {
        return Err(SbgError::TooFewPeriods(
            cohorts.iter().map(|c| c.len()).max().unwrap_or(0),
        ));
    };
    for c in &used {
        match validate_alive(c) {
            Ok(()) | Err(SbgError::NoChurn) => {}
            Err(e) => return Err(e),
        }
    }
    if used.iter().all(|c| c[c.len() - 1] == c[0]) {
        return Err(SbgError::NoChurn);
    }
    let used: Vec<&[f64]> = used.iter().map(|c| c.as_slice()).collect();
    fit_validated(&used, longest - 1)
}

/// The same survival table seen through a constant-churn (geometric) model,
/// next to the sBG, to show what ignoring heterogeneity costs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ConstantChurnComparison {
    /// Constant retention per period estimated from the table (MLE of the
    /// geometric model: `1 − churned / customer-periods at risk`).
    pub constant_retention: f64,
    /// DEL under constant retention, `(1 + d) / (1 + d − r)`.
    pub constant_del: f64,
    /// DEL under the fitted sBG.
    pub sbg_del: f64,
    /// `sbg_del / constant_del − 1`: how much the constant model understates
    /// (positive) or overstates (negative) lifetime value.
    pub understatement: f64,
}

/// Compares the sBG discounted lifetime with the one a constant-churn model
/// fitted to the same table gives.
///
/// # Formula
/// Geometric MLE: `r̂ = 1 − (a_0 − a_n) / Σ_{t=0}^{n−1} a_t`; constant DEL
/// `Σ_{t≥0} r̂^t (1+d)^{−t} = (1 + d)/(1 + d − r̂)` (F&H 2010, section 2
/// compare the two the same way).
pub fn compare_constant_churn(
    alive: &[f64],
    params: &SbgParams,
    d: f64,
) -> Result<ConstantChurnComparison, SbgError> {
    validate_alive(alive)?;
    if !(d > 0.0 && d.is_finite()) {
        return Err(SbgError::DiscountOutOfRange(d));
    }
    let at_risk: f64 = alive[..alive.len() - 1].iter().sum();
    let churned = alive[0] - alive[alive.len() - 1];
    let r = 1.0 - churned / at_risk;
    let constant_del = (1.0 + d) / (1.0 + d - r);
    let sbg_del = params.del(d)?;
    Ok(ConstantChurnComparison {
        constant_retention: r,
        constant_del,
        sbg_del,
        understatement: sbg_del / constant_del - 1.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Fader & Hardie (2007), Table 1: customers (of 1,000) still active at
    /// the start of years 0..7, "regular" and "high end" segments.
    const REGULAR: [f64; 8] = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
    const HIGH_END: [f64; 8] = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];

    /// Reference: F&H (2007), section "Estimating model parameters": the MLE
    /// for years 1–7 is α = 0.704, β = 1.182 (regular) and α = 0.668,
    /// β = 3.806 (high end), printed to 3 decimals; tolerance 0.0005 (half a
    /// unit of the last printed digit). Sanity check of the labels: the mean
    /// first-year churn α/(α+β) is 0.373 for regular (observed 0.369) and
    /// 0.149 for high end (observed 0.131).
    #[test]
    fn fader_hardie_2007_published_parameters() {
        let reg = fit(&REGULAR).unwrap();
        assert!((reg.params.alpha() - 0.704).abs() <= 5e-4, "{reg:?}");
        assert!((reg.params.beta() - 1.182).abs() <= 5e-4, "{reg:?}");
        let hi = fit(&HIGH_END).unwrap();
        assert!((hi.params.alpha() - 0.668).abs() <= 5e-4, "{hi:?}");
        assert!((hi.params.beta() - 3.806).abs() <= 5e-4, "{hi:?}");
        assert!(reg.std_errors.iter().all(|s| s.is_finite() && *s > 0.0));
        // The fit is a maximum: nudging a parameter lowers the likelihood.
        let ll = reg.log_likelihood;
        let p = reg.params;
        for (a, b) in [(1.01, 1.0), (0.99, 1.0), (1.0, 1.01), (1.0, 0.99)] {
            let q = SbgParams::new(p.alpha() * a, p.beta() * b).unwrap();
            assert!(log_likelihood(&q, &REGULAR) < ll);
        }
    }

    /// Reference: F&H (2007) eq. 6 written out by hand for a two-period
    /// table [100, 60, 40] at α = β = 1: P(1) = 1/2, P(2) = 1/6, S(2) = 1/3,
    /// LL = 40 ln(1/2) + 20 ln(1/6) + 40 ln(1/3).
    #[test]
    fn log_likelihood_hand_computed() {
        let p = SbgParams::new(1.0, 1.0).unwrap();
        let want = 40.0 * 0.5f64.ln() + 20.0 * (1.0f64 / 6.0).ln() + 40.0 * (1.0f64 / 3.0).ln();
        let got = log_likelihood(&p, &[100.0, 60.0, 40.0]);
        assert_close!(got, want, 1e-12, "{got} vs {want}");
        assert_close!(p.churn_probability(2), 1.0 / 6.0, 1e-15);
        assert_close!(p.survival(2), 1.0 / 3.0, 1e-15);
    }

    /// Reference: direct summation of the defining series Σ S(t)/(1+d)^t
    /// (10,000 terms; tail below 1e-12) against the ₂F₁ closed form.
    #[test]
    fn del_and_derl_match_direct_sums() {
        let p = SbgParams::new(0.668, 3.806).unwrap();
        let curve = p.survival_curve(20_000);
        for d in [0.05f64, 0.1, 0.2] {
            let direct: f64 = curve
                .iter()
                .enumerate()
                .map(|(t, s)| s / (1.0 + d).powi(t as i32))
                .sum();
            assert_close!(p.del(d).unwrap(), direct, 1e-9, "d={d}");
            for renewals in [0u32, 1, 4, 10] {
                let n = renewals as usize + 1;
                let direct: f64 = (n..curve.len())
                    .map(|t| curve[t] / curve[n - 1] / (1.0 + d).powi((t - n) as i32))
                    .sum();
                let got = p.derl(d, renewals).unwrap();
                assert!(
                    (got - direct).abs() < 1e-9,
                    "d={d} n={renewals}: {got} vs {direct}"
                );
            }
        }
    }

    /// Reference: with d = 0 and α > 1 the DEL is the mean lifetime of the
    /// sBG, (α + β − 1)/(α − 1) (Gauss's ₂F₁ sum); with d > 0 tiny the
    /// series value approaches it.
    #[test]
    fn del_at_zero_discount_is_mean_lifetime() {
        let p = SbgParams::new(3.0, 5.0).unwrap();
        assert_close!(p.del(0.0).unwrap(), 3.5, 1e-15);
        // Continuity: DEL(d) → 3.5 from below as d → 0; the first-order gap
        // is d·Σ t S(t) ≈ 1e-4 × 17.4 here.
        let near = p.del(1e-4).unwrap();
        assert!(near < 3.5 && 3.5 - near < 2e-3, "{near}");
        let heavy = SbgParams::new(0.7, 1.2).unwrap();
        assert_eq!(heavy.del(0.0), Err(SbgError::DiscountOutOfRange(0.0)));
        assert_eq!(heavy.del(-0.1), Err(SbgError::DiscountOutOfRange(-0.1)));
    }

    /// Reference: a homogeneous cohort (θ fixed) is the limit α, β → ∞ with
    /// α/(α+β) = θ; the DEL then equals the constant-churn (1+d)/(1+d−r).
    #[test]
    fn homogeneous_limit_is_constant_churn() {
        let theta: f64 = 0.2;
        let k = 1e7;
        let p = SbgParams::new(theta * k, (1.0 - theta) * k).unwrap();
        let d = 0.1;
        let want = (1.0 + d) / (1.0 + d - (1.0 - theta));
        assert_close!(p.del(d).unwrap(), want, 1e-5);
        assert_close!(p.clv(50.0, d).unwrap(), 50.0 * want, 1e-3);
    }

    /// Reference: F&H (2010)'s point, on the 2007 regular cohort: retention
    /// rises with tenure (eq. 8) and the constant-churn DEL is lower than the
    /// sBG's. The constant retention is the geometric MLE computed by hand:
    /// churned 759 over 3,358 customer-years at risk.
    #[test]
    fn constant_churn_understates_value() {
        let f = fit(&REGULAR).unwrap();
        let p = f.params;
        assert!(p.retention(1) < p.retention(2) && p.retention(2) < p.retention(7));
        let c = compare_constant_churn(&REGULAR, &p, 0.1).unwrap();
        assert_close!(c.constant_retention, (1.0 - 759.0 / 3358.0), 1e-12);
        assert!(
            c.sbg_del > c.constant_del && c.understatement > 0.0,
            "{c:?}"
        );
    }

    #[test]
    fn bad_tables_are_refused_with_location() {
        assert_eq!(fit(&[1000.0]), Err(SbgError::TooFewPeriods(1)));
        assert_eq!(fit(&[0.0, 0.0]), Err(SbgError::EmptyCohort));
        assert_eq!(fit(&[10.0, 10.0, 10.0]), Err(SbgError::NoChurn));
        let e = fit(&[100.0, 80.0, 90.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "period 2: customers alive rise from 80 to 90; a cohort can only shrink"
        );
        assert!(matches!(
            fit(&[100.0, f64::NAN]),
            Err(SbgError::CountOutOfRange { period: 1, .. })
        ));
        assert!(SbgParams::new(0.0, 1.0).is_err());
        assert_eq!(
            SbgParams::new(1.0, -2.0).unwrap_err().to_string(),
            "beta must be a positive number: got -2"
        );
    }

    /// A cohort where everybody leaves at once: all churn in period 1 pushes
    /// β/α towards 0 (no interior maximum), reported rather than returned.
    #[test]
    fn everybody_churns_at_once_is_an_error_not_wrong_numbers() {
        match fit(&[100.0, 0.0, 0.0]) {
            Err(SbgError::Fit(_)) => {}
            other => panic!("{other:?}"),
        }
    }

    /// Reference: the likelihood is additive over cohorts, so two copies of
    /// F&H's "regular" cohort give the same estimates as one, with
    /// standard errors divided by √2 (twice the information); a cohort seen
    /// at period 0 only changes nothing.
    #[test]
    fn cohorts_add_their_likelihoods() {
        let one = fit(&REGULAR).unwrap();
        let two = fit_cohorts(&[REGULAR.to_vec(), REGULAR.to_vec(), vec![50.0]]).unwrap();
        assert_close!(one.params.alpha(), two.params.alpha(), 1e-5);
        assert_close!(one.params.beta(), two.params.beta(), 1e-4);
        for i in 0..2 {
            let ratio = one.std_errors[i] / two.std_errors[i];
            assert_close!(ratio, 2f64.sqrt(), 1e-3, "{ratio}");
        }
        assert_close!(one.covariance[0][0].sqrt(), one.std_errors[0], 1e-12);
        assert!(one.covariance[0][1] > 0.0, "α and β move together");
        assert_eq!(fit_cohorts(&[vec![10.0]]), Err(SbgError::TooFewPeriods(1)));
        assert_eq!(
            fit_cohorts(&[vec![10.0, 10.0], vec![5.0, 5.0, 5.0]]),
            Err(SbgError::NoChurn)
        );
    }
}
