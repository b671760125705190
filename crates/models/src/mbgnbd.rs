//! The MBG/NBD model: BG/NBD where a customer can also drop out at time 0.
//!
//! While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
//! right after the first purchase, and after every repeat purchase, they
//! become inactive with probability p ~ Beta(a, b). In BG/NBD nobody dies
//! at time 0, so a customer without repeat purchases is certainly alive;
//! here such a customer may have left at once, which pulls P(alive) of
//! zero-repeaters below 1 and gives less weight to old one-off buyers.
//!
//! Sources: Batislam, E. P., Denizel, M. & Filiztekin, A. (2007),
//! "Empirical validation and comparison of models for customer base
//! analysis", *International Journal of Research in Marketing* 24(3),
//! 201–209; corrected conditional expectation in Wagner, U. & Hoppe, D.
//! (2008), "Erratum on the MBG/NBD model", *IJRM* 25(3), 225–226.
//! CDNOW estimates (BTYDplus, as lifetimes tests them): r = 0.525,
//! α = 6.183, a = 0.891, b = 1.614.
//!
//! # Derivation (the formulas below follow from it)
//! Given (λ, p), a customer with `x` repeat purchases, last at `t_x`, was
//! either alive at `T` (survived `x + 1` purchase events) or died right
//! after the purchase at `t_x`:
//! `L(λ, p) = λ^x (1−p)^x [(1−p) e^{−λT} + p e^{−λ t_x}]`, for `x = 0` too.
//! Averaging over Gamma(r, α) and Beta(a, b) gives the likelihood;
//! `B(a+1, b+x)/B(a, b+x+1) = a/(b+x)` gives its second term.
//!
//! All times are in the model time unit of the data (`α` carries it).

use super::optim::{fit_log_params, FitError};
use super::rfm::{validate_all, Rfm, RfmError};
use super::rfm_clv::{discounted_purchases, ClvSettings};
use super::special::{euler_bracket, ln_gamma};
use super::weights::{check_weights, positive, WeightError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an MBG/NBD input was refused or a computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum MbgNbdError {
    /// A parameter is not a positive finite number.
    ParamOutOfRange {
        /// Parameter name (`r`, `alpha`, `a` or `b`).
        name: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// A customer summary is invalid.
    Data(RfmError),
    /// The row weights of a grouped summary are invalid.
    Weights(WeightError),
    /// Nobody made a repeat purchase: the purchase rate cannot be estimated.
    NoRepeatPurchases,
    /// A time argument (horizon, recency, age) is negative, not finite, or
    /// recency is after age.
    TimeOutOfRange {
        /// Name of the time argument.
        name: &'static str,
        /// The value that was refused, in the data's time unit.
        value: f64,
    },
    /// The hypergeometric series of an expectation did not converge.
    SeriesDidNotConverge,
    /// The maximum-likelihood search failed.
    Fit(FitError),
}

impl fmt::Display for MbgNbdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MbgNbdError::ParamOutOfRange { name, value } => {
                write!(f, "{name} must be a positive number: got {value}")
            }
            MbgNbdError::Data(e) => write!(f, "{e}"),
            MbgNbdError::Weights(e) => write!(f, "{e}"),
            MbgNbdError::NoRepeatPurchases => write!(
                f,
                "no customer made a repeat purchase: MBG/NBD cannot be fitted"
            ),
            MbgNbdError::TimeOutOfRange { name, value } => {
                write!(f, "{name} must be a number >= 0: got {value}")
            }
            MbgNbdError::SeriesDidNotConverge => write!(
                f,
                "expected purchases did not converge (horizon too long for the model's time scale)"
            ),
            MbgNbdError::Fit(e) => write!(f, "MBG/NBD {e}"),
        }
    }
}

impl std::error::Error for MbgNbdError {}

impl From<RfmError> for MbgNbdError {
    fn from(e: RfmError) -> Self {
        MbgNbdError::Data(e)
    }
}

impl From<WeightError> for MbgNbdError {
    fn from(e: WeightError) -> Self {
        MbgNbdError::Weights(e)
    }
}

fn check_time(name: &'static str, value: f64) -> Result<f64, MbgNbdError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(MbgNbdError::TimeOutOfRange { name, value })
    }
}

/// Validated MBG/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MbgNbdParams {
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
}

impl MbgNbdParams {
    /// `r`, `alpha`: shape and scale (time unit) of the Gamma purchase rates;
    /// `a`, `b`: Beta shapes of the drop-out probability. All `> 0`.
    pub fn new(r: f64, alpha: f64, a: f64, b: f64) -> Result<Self, MbgNbdError> {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] {
            if !(value > 0.0 && value.is_finite()) {
                return Err(MbgNbdError::ParamOutOfRange { name, value });
            }
        }
        Ok(MbgNbdParams { r, alpha, a, b })
    }

    /// Shape `r` of the Gamma distribution of purchase rates.
    pub fn r(&self) -> f64 {
        self.r
    }
    /// Scale `α` of the purchase rates, in the model time unit.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// Beta shape `a` of the drop-out probability.
    pub fn a(&self) -> f64 {
        self.a
    }
    /// Beta shape `b` of the drop-out probability (mean `a/(a+b)`).
    pub fn b(&self) -> f64 {
        self.b
    }

    /// Log-likelihood of one customer's `(x, t_x, T)`.
    ///
    /// # Formula
    /// `ln L = A₁ + A₂ + ln(e^{A₃} + e^{A₄})` with
    /// `A₁ = ln Γ(r+x) − ln Γ(r) + r ln α`,
    /// `A₂ = ln Γ(a+b) + ln Γ(b+x+1) − ln Γ(b) − ln Γ(a+b+x+1)`,
    /// `A₃ = −(r+x) ln(α+T)`, `A₄ = ln a − ln(b+x) − (r+x) ln(α+t_x)`
    /// (Batislam et al. 2007, appendix; the A₄ term is present for `x = 0`,
    /// unlike BG/NBD).
    pub fn log_likelihood_one(&self, c: &Rfm) -> f64 {
        let (r, al, a, b) = (self.r, self.alpha, self.a, self.b);
        let x = f64::from(c.frequency);
        let a1 = ln_gamma(r + x) - ln_gamma(r) + r * al.ln();
        let a2 = ln_gamma(a + b) + ln_gamma(b + x + 1.0) - ln_gamma(b) - ln_gamma(a + b + x + 1.0);
        let a3 = -(r + x) * (al + c.age).ln();
        let a4 = a.ln() - (b + x).ln() - (r + x) * (al + c.recency).ln();
        let m = a3.max(a4);
        a1 + a2 + m + ((a3 - m).exp() + (a4 - m).exp()).ln()
    }

    /// Probability that a customer with history `(x, t_x, T)` is still alive.
    ///
    /// # Formula
    /// `P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x})`
    /// (Batislam et al. 2007, appendix A eq. 5): the share of the first
    /// likelihood term. Below 1 even for `x = 0`; at `x = 0, T = 0` it is
    /// `b/(a+b) = 1 − E[p]`, the chance of surviving the first purchase.
    pub fn p_alive(&self, frequency: u32, recency: f64, age: f64) -> Result<f64, MbgNbdError> {
        check_history(recency, age)?;
        let x = f64::from(frequency);
        let ln_odds = (self.a / (self.b + x)).ln()
            + (self.r + x) * ((self.alpha + age).ln() - (self.alpha + recency).ln());
        Ok(1.0 / (1.0 + ln_odds.exp()))
    }

    /// Expected number of repeat purchases in `(0, t]` of a customer just
    /// acquired.
    ///
    /// # Formula
    /// `E[X(t) | λ, p] = (1−p)/p (1 − e^{−λ p t})`, averaged:
    /// `E[X(t)] = b/(a−1) [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]`
    /// (Batislam et al. 2007 eq. 8), evaluated like
    /// [`Self::conditional_expected_purchases`] without the P(alive) factor.
    pub fn expected_purchases(&self, t: f64) -> Result<f64, MbgNbdError> {
        check_time("t", t)?;
        // b/(a−1)[…] = (a+b)/(a−1)[…] · b/(a+b): the alive-at-0 bracket
        // (x = 0, T = 0) times P(survive the first purchase).
        Ok(self.bracket(t, 0, 0.0)? * self.b / (self.a + self.b))
    }

    /// Expected number of purchases in `(T, T + t]` of a customer with
    /// history `(x, t_x, T)`.
    ///
    /// # Formula
    /// Wagner & Hoppe (2008):
    /// `E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^{r+x}
    /// ₂F₁(r+x, b+x+1; a+b+x; z)] · P(alive | x, t_x, T)`, `z = t/(α+T+t)`:
    /// given alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+1).
    ///
    /// # Numerics
    /// Euler's transformation (A&S 15.3.3) turns the power times ₂F₁ into
    /// `(1−z)^{a−1} ₂F₁(a+b−r, a−1; a+b+x; z)`, whose parameters do not grow
    /// with `x`, evaluated as in BG/NBD (see `special::euler_bracket`).
    pub fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, MbgNbdError> {
        check_time("t", t)?;
        let p_alive = self.p_alive(frequency, recency, age)?;
        Ok(self.bracket(t, frequency, age)? * p_alive)
    }

    /// Discounted expected purchases of a customer over the horizon of
    /// `settings` (multiply by margin and expected spend for the CLV).
    ///
    /// # Formula
    /// `Σ_{k=1}^{K} (E[Y(kΔ) | x, t_x, T] − E[Y((k−1)Δ) | …]) / (1 + d)^k`,
    /// see [`crate::rfm_clv::discounted_purchases`].
    pub fn discounted_expected_purchases(
        &self,
        settings: &ClvSettings,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, MbgNbdError> {
        let (_, discounted) = discounted_purchases(settings, |t| {
            self.conditional_expected_purchases(t, frequency, recency, age)
        })?;
        Ok(discounted)
    }

    /// `(a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(…)]`, stable form.
    fn bracket(&self, t: f64, frequency: u32, age: f64) -> Result<f64, MbgNbdError> {
        if t == 0.0 {
            return Ok(0.0);
        }
        let (r, al, a, b) = (self.r, self.alpha, self.a, self.b);
        let x = f64::from(frequency);
        let z = t / (al + age + t);
        let l = ((al + age) / (al + age + t)).ln();
        match euler_bracket(a + b - r, a, a + b + x, z, l) {
            Some(v) if v.is_finite() => Ok(v.max(0.0)),
            _ => Err(MbgNbdError::SeriesDidNotConverge),
        }
    }
}

fn check_history(recency: f64, age: f64) -> Result<(), MbgNbdError> {
    check_time("recency", recency)?;
    check_time("T", age)?;
    if recency > age {
        return Err(MbgNbdError::TimeOutOfRange {
            name: "T − recency",
            value: age - recency,
        });
    }
    Ok(())
}

/// Total MBG/NBD log-likelihood of a set of customers.
pub fn log_likelihood(params: &MbgNbdParams, customers: &[Rfm]) -> f64 {
    customers.iter().map(|c| params.log_likelihood_one(c)).sum()
}

/// An MBG/NBD maximum-likelihood fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MbgNbdFit {
    /// The maximum-likelihood estimates of `(r, α, a, b)`.
    pub params: MbgNbdParams,
    /// Total (weighted) log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// Standard errors of `(r, alpha, a, b)` from the observed information.
    pub std_errors: [f64; 4],
    /// Covariance matrix of `(r, alpha, a, b)`.
    pub covariance: [[f64; 4]; 4],
    /// Customer rows the model was fitted on (rows of weight 0 left out).
    pub customers: usize,
    /// Customers those rows stand for: the sum of their weights.
    pub weight_total: f64,
}

/// Fits MBG/NBD to customer summaries, one customer per row.
pub fn fit(customers: &[Rfm]) -> Result<MbgNbdFit, MbgNbdError> {
    fit_weighted(customers, &vec![1.0; customers.len()])
}

/// Fits MBG/NBD by maximum likelihood, row `i` standing for `weights[i]`
/// identical customers (see [`crate::weights`]).
///
/// BFGS over `ln(r, α, a, b)` with the analytic gradient from three starts
/// scaled to the data (as BG/NBD's); standard errors from the numeric
/// Hessian of the gradient (see [`crate::optim::fit_log_params`]).
pub fn fit_weighted(customers: &[Rfm], weights: &[f64]) -> Result<MbgNbdFit, MbgNbdError> {
    validate_all(customers)?;
    check_weights(customers.len(), weights)?;
    let (rows, w) = positive(customers, weights);
    if rows.iter().all(|c| c.frequency == 0) {
        return Err(MbgNbdError::NoRepeatPurchases);
    }
    let prep = Prepared::new(&rows, &w);
    let n: f64 = w.iter().sum();
    let mean_x = rows
        .iter()
        .zip(&w)
        .map(|(c, w)| w * f64::from(c.frequency))
        .sum::<f64>()
        / n;
    let mean_t = rows.iter().zip(&w).map(|(c, w)| w * c.age).sum::<f64>() / n;
    let alpha0 = (mean_t / mean_x.max(1e-3)).ln();
    let starts = [
        vec![0.0, alpha0, 0.0, 0.0],
        vec![
            (0.3f64).ln(),
            alpha0 + (0.3f64).ln(),
            (0.8f64).ln(),
            (2.5f64).ln(),
        ],
        vec![
            (3.0f64).ln(),
            alpha0 + (3.0f64).ln(),
            (2.0f64).ln(),
            (6.0f64).ln(),
        ],
    ];
    let mean_nll = |th: &[f64], g: &mut [f64]| {
        let p = [th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()];
        let mut grad = [0.0; 4];
        let ll = prep.ll_grad(p, &mut grad);
        for i in 0..4 {
            g[i] = -grad[i] * p[i] / n;
        }
        -ll / n
    };
    let f = fit_log_params(mean_nll, &starts, n, &["r", "alpha", "a", "b"])
        .map_err(MbgNbdError::Fit)?;
    let mut covariance = [[0.0; 4]; 4];
    for (i, row) in covariance.iter_mut().enumerate() {
        row.copy_from_slice(f.covariance.row(i));
    }
    Ok(MbgNbdFit {
        params: MbgNbdParams::new(f.params[0], f.params[1], f.params[2], f.params[3])?,
        log_likelihood: f.log_likelihood,
        std_errors: [
            f.std_errors[0],
            f.std_errors[1],
            f.std_errors[2],
            f.std_errors[3],
        ],
        covariance,
        customers: rows.len(),
        weight_total: n,
    })
}

/// Rows per partial sum of the log-likelihood (rounding noise of one long
/// running total stalls the line search, as in BG/NBD).
const SUM_BLOCK: usize = 512;

/// The data in the layout the likelihood loop wants.
struct Prepared {
    rows: Vec<Rfm>,
    w: Vec<f64>,
    /// Weighted customers per frequency value.
    count_by_x: Vec<f64>,
}

impl Prepared {
    fn new(rows: &[Rfm], w: &[f64]) -> Self {
        let max_x = rows.iter().map(|c| c.frequency).max().unwrap_or(0) as usize;
        let mut count_by_x = vec![0.0; max_x + 1];
        for (c, w) in rows.iter().zip(w) {
            count_by_x[c.frequency as usize] += w;
        }
        Prepared {
            rows: rows.to_vec(),
            w: w.to_vec(),
            count_by_x,
        }
    }

    /// Total log-likelihood and its gradient in `(r, α, a, b)`.
    ///
    /// The terms in `x` alone (A₁, A₂) are accumulated once per frequency
    /// value with `ln Γ(y+x) − ln Γ(y) = Σ_{k<x} ln(y+k)` and
    /// `ψ(y+x) − ψ(y) = Σ_{k<x} 1/(y+k)`; A₂'s `b+x+1`, `a+b+x+1` include
    /// `k = x`.
    fn ll_grad(&self, p: [f64; 4], g: &mut [f64; 4]) -> f64 {
        let [r, al, a, b] = p;
        let (mut ll, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let (mut s_r, mut d_r) = (0.0, 0.0);
        let (mut s_b, mut d_b, mut s_ab, mut d_ab) = (0.0, 0.0, 0.0, 0.0);
        let ln_al = al.ln();
        for (x, &n) in self.count_by_x.iter().enumerate() {
            let k = x as f64;
            // A₂'s sums run to j = x inclusive.
            s_b += (b + k).ln();
            d_b += 1.0 / (b + k);
            s_ab += (a + b + k).ln();
            d_ab += 1.0 / (a + b + k);
            if n > 0.0 {
                ll += n * (s_r + r * ln_al + s_b - s_ab);
                gr += n * (d_r + ln_al);
                gal += n * r / al;
                ga -= n * d_ab;
                gb += n * (d_b - d_ab);
            }
            s_r += (r + k).ln();
            d_r += 1.0 / (r + k);
        }
        let ln_a = a.ln();
        for (rows, ws) in self.rows.chunks(SUM_BLOCK).zip(self.w.chunks(SUM_BLOCK)) {
            let (mut b_ll, mut b_gr, mut b_gal, mut b_ga, mut b_gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (c, &wi) in rows.iter().zip(ws) {
                let x = f64::from(c.frequency);
                let rx = r + x;
                let l_t = (al + c.age).ln();
                let l_tx = (al + c.recency).ln();
                let a3 = -rx * l_t;
                let a4 = ln_a - (b + x).ln() - rx * l_tx;
                // ln(e^{A3} + e^{A4}) and the share w4 of the A4 term.
                let (lse, w4) = if a3 >= a4 {
                    let e = (a4 - a3).exp();
                    (a3 + e.ln_1p(), e / (1.0 + e))
                } else {
                    let e = (a3 - a4).exp();
                    (a4 + e.ln_1p(), 1.0 / (1.0 + e))
                };
                let w3 = 1.0 - w4;
                b_ll += wi * lse;
                b_gr -= wi * (w3 * l_t + w4 * l_tx);
                b_gal -= wi * rx * (w3 / (al + c.age) + w4 / (al + c.recency));
                b_ga += wi * w4 / a;
                b_gb -= wi * w4 / (b + x);
            }
            ll += b_ll;
            gr += b_gr;
            gal += b_gal;
            ga += b_ga;
            gb += b_gb;
        }
        *g = [gr, gal, ga, gb];
        ll
    }
}

#[cfg(test)]
mod tests;
