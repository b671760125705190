//! The Pareto/NBD parameters, likelihood and expectations (the fit is in `fit`).

use crate::optim::FitError;
use crate::rfm::{Rfm, RfmError};
use crate::rfm_clv::{discounted_purchases, ClvSettings};
use crate::special::{hyp2f1_a1, ln_gamma, MAX_SERIES_TERMS};
use crate::weights::WeightError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a Pareto/NBD input was refused or a computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParetoNbdError {
    /// A parameter is not a positive finite number.
    ParamOutOfRange {
        /// Parameter name (`r`, `alpha`, `s` or `beta`).
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
    /// The ₂F₁ series of A₀ did not converge (its argument within about
    /// 10⁻⁵ of 1: `α` and `β` more than 10⁵ apart).
    SeriesDidNotConverge,
    /// The likelihood keeps rising as the drop-out shape `s` and scale `β`
    /// grow together (their ratio, the mean drop-out rate, staying finite):
    /// the drop-out rates collapse onto one value and the data cannot
    /// identify their distribution. When the mean lifetime `β/s` is also
    /// far beyond the longest age, no customer seems to drop out at all.
    DropoutUnidentified {
        /// `s` where the search stopped (large: nearly equal drop-out rates).
        s: f64,
        /// `β` where the search stopped.
        beta: f64,
        /// The longest age `T` of the data, in its time unit.
        max_age: f64,
    },
    /// The maximum-likelihood search failed.
    Fit(FitError),
}

impl fmt::Display for ParetoNbdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParetoNbdError::ParamOutOfRange { name, value } => {
                write!(f, "{name} must be a positive number: got {value}")
            }
            ParetoNbdError::Data(e) => write!(f, "{e}"),
            ParetoNbdError::Weights(e) => write!(f, "{e}"),
            ParetoNbdError::NoRepeatPurchases => write!(
                f,
                "no customer made a repeat purchase: Pareto/NBD cannot be fitted"
            ),
            ParetoNbdError::TimeOutOfRange { name, value } => {
                write!(f, "{name} must be a number >= 0: got {value}")
            }
            ParetoNbdError::SeriesDidNotConverge => write!(
                f,
                "the Pareto/NBD likelihood did not converge (alpha and beta too far apart)"
            ),
            ParetoNbdError::DropoutUnidentified { s, beta, max_age } => {
                let lifetime = beta / s;
                if lifetime > 10.0 * max_age {
                    write!(
                        f,
                        "no customer seems to drop out: s and beta grow without bound \
                         (s = {s:.3e}, beta = {beta:.3e} where the search stopped, a mean \
                         lifetime beta/s of {lifetime:.0} against ages up to {max_age:.0}); \
                         the data cannot identify the dropout rate"
                    )
                } else {
                    write!(
                        f,
                        "s and beta grow without bound (s = {s:.3e}, beta = {beta:.3e} where \
                         the search stopped, mean lifetime beta/s = {lifetime:.3}): the \
                         customers seem to drop out all at one rate, which the data cannot \
                         tell from a spread of rates; a model whose drop-out follows \
                         purchases (bgnbd, mbgnbd) may fit better"
                    )
                }
            }
            ParetoNbdError::Fit(e) => write!(f, "Pareto/NBD {e}"),
        }
    }
}

impl std::error::Error for ParetoNbdError {}

impl From<RfmError> for ParetoNbdError {
    fn from(e: RfmError) -> Self {
        ParetoNbdError::Data(e)
    }
}

impl From<WeightError> for ParetoNbdError {
    fn from(e: WeightError) -> Self {
        ParetoNbdError::Weights(e)
    }
}

fn check_time(name: &'static str, value: f64) -> Result<f64, ParetoNbdError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(ParetoNbdError::TimeOutOfRange { name, value })
    }
}

fn check_history(recency: f64, age: f64) -> Result<(), ParetoNbdError> {
    check_time("recency", recency)?;
    check_time("T", age)?;
    if recency > age {
        return Err(ParetoNbdError::TimeOutOfRange {
            name: "T − recency",
            value: age - recency,
        });
    }
    Ok(())
}

/// Validated Pareto/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdParams {
    r: f64,
    alpha: f64,
    s: f64,
    beta: f64,
}

/// The two parts of one customer's likelihood, in logs, without the
/// factor `Γ(r+x) α^r β^s / Γ(r)`: `alive = −(r+x) ln(α+T) − s ln(β+T)`
/// (alive at T) and `died = ln(s/(r+s+x)) + ln A₀` (left in `(t_x, T]`).
#[derive(Debug, Clone, Copy)]
struct Parts {
    alive: f64,
    died: f64,
}

impl ParetoNbdParams {
    /// `r`, `alpha`: shape and scale (time unit) of the Gamma purchase
    /// rates; `s`, `beta`: shape and scale of the Gamma drop-out rates.
    /// All `> 0`.
    pub fn new(r: f64, alpha: f64, s: f64, beta: f64) -> Result<Self, ParetoNbdError> {
        for (name, value) in [("r", r), ("alpha", alpha), ("s", s), ("beta", beta)] {
            if !(value > 0.0 && value.is_finite()) {
                return Err(ParetoNbdError::ParamOutOfRange { name, value });
            }
        }
        Ok(ParetoNbdParams { r, alpha, s, beta })
    }

    /// Shape `r` of the purchase rates.
    pub fn r(&self) -> f64 {
        self.r
    }
    /// Scale `α` of the purchase rates (mean rate `r/α`).
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// Shape `s` of the drop-out rates.
    pub fn s(&self) -> f64 {
        self.s
    }
    /// Scale `β` of the drop-out rates (mean rate `s/β`).
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Log of the boundary term of A₀ at time `t` (A₀ = term(t_x) − term(T)):
    /// `ln[₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^{r+s+x}]` for
    /// `α ≥ β`, `ln[₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^{r+s+x}]`
    /// for `α < β` (FH-MATLAB eq. 2), so the argument is in `[0, 1)`.
    ///
    /// # Numerics
    /// Euler's transformation (A&S 15.3.3) with `c − a = 1` moves the
    /// growth of ₂F₁ near 1 into an exact power:
    /// `₂F₁(r+s+x, s+1; c; z) = (1−z)^{−s} ₂F₁(1, r+x; c; z)` and
    /// `₂F₁(r+s+x, r+x; c; z) = (1−z)^{1−r−x} ₂F₁(1, s+1; c; z)`,
    /// `c = r+s+x+1`, so the term is
    /// `−(r+x) ln(α+t) − s ln(β+t) + ln ₂F₁(1, r+x; c; z)` (α ≥ β) or
    /// `−(r+x) ln(α+t) − s ln(β+t) + ln((α+t)/(β+t)) + ln ₂F₁(1, s+1; c; z)`
    /// (α < β). The remaining series has positive terms, first term 1, and
    /// cannot overflow however large `x` is; it is summed with a
    /// convergence check (`special::sum_ratio_series`).
    fn ln_a0_term(&self, x: f64, t: f64, max_terms: usize) -> Option<f64> {
        let (r, al, s, be) = (self.r, self.alpha, self.s, self.beta);
        let c = r + s + x + 1.0;
        let (ln_al, ln_be) = ((al + t).ln(), (be + t).ln());
        let (b2, z, extra) = if al >= be {
            (r + x, (al - be) / (al + t), 0.0)
        } else {
            (s + 1.0, (be - al) / (be + t), ln_al - ln_be)
        };
        let f = hyp2f1_a1(b2, c, z, max_terms)?;
        Some(-(r + x) * ln_al - s * ln_be + extra + f.ln())
    }

    fn parts(&self, x: f64, recency: f64, age: f64, max_terms: usize) -> Option<Parts> {
        let (r, al, s, be) = (self.r, self.alpha, self.s, self.beta);
        let alive = -(r + x) * (al + age).ln() - s * (be + age).ln();
        // A₀ = term(t_x) − term(T) ≥ 0 (an integral over (t_x, T]): the
        // difference in logs, exact as T → t_x.
        let died = if recency < age {
            let hi = self.ln_a0_term(x, recency, max_terms)?;
            let lo = self.ln_a0_term(x, age, max_terms)?;
            (s / (r + s + x)).ln() + hi + (-(lo - hi).exp_m1()).max(0.0).ln()
        } else {
            f64::NEG_INFINITY
        };
        Some(Parts { alive, died })
    }

    /// Log-likelihood of one customer's `(x, t_x, T)`; NaN when the A₀
    /// series does not converge.
    ///
    /// # Formula
    /// FH-MATLAB eq. 1:
    /// `L = Γ(r+x) α^r β^s / Γ(r) · [1/((α+T)^{r+x} (β+T)^s) + s/(r+s+x) A₀]`,
    /// summed in logs (log-sum-exp of the two parts).
    pub fn log_likelihood_one(&self, c: &Rfm) -> f64 {
        self.log_likelihood_within(c, MAX_SERIES_TERMS)
    }

    /// [`Self::log_likelihood_one`] with at most `max_terms` terms per ₂F₁.
    pub(crate) fn log_likelihood_within(&self, c: &Rfm, max_terms: usize) -> f64 {
        let (r, al, s, be) = (self.r, self.alpha, self.s, self.beta);
        let x = f64::from(c.frequency);
        let Some(p) = self.parts(x, c.recency, c.age, max_terms) else {
            return f64::NAN;
        };
        let m = p.alive.max(p.died);
        let lse = m + ((p.alive - m).exp() + (p.died - m).exp()).ln();
        ln_gamma(r + x) - ln_gamma(r) + r * al.ln() + s * be.ln() + lse
    }

    /// Probability that a customer with history `(x, t_x, T)` is still alive.
    ///
    /// # Formula
    /// `P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^{r+x} (β+T)^s A₀)`
    /// (FHL 2005 note, eq. 18): the share of the alive part. Exactly 1 when
    /// `t_x = T` (a purchase at the end of observation).
    pub fn p_alive(&self, frequency: u32, recency: f64, age: f64) -> Result<f64, ParetoNbdError> {
        check_history(recency, age)?;
        let p = self
            .parts(f64::from(frequency), recency, age, MAX_SERIES_TERMS)
            .ok_or(ParetoNbdError::SeriesDidNotConverge)?;
        Ok(1.0 / (1.0 + (p.died - p.alive).exp()))
    }

    /// Expected number of repeat purchases in `(0, t]` of a customer just
    /// acquired.
    ///
    /// # Formula
    /// `E[X(t)] = r β / (α (s−1)) [1 − (β/(β+t))^{s−1}]` (SMC 1987; FHL
    /// 2005 note eq. 17), the `s → 1` limit `(r β/α) ln(1 + t/β)` included.
    pub fn expected_purchases(&self, t: f64) -> Result<f64, ParetoNbdError> {
        check_time("t", t)?;
        Ok(self.alive_expectation(t, 0.0, 0.0))
    }

    /// Expected number of purchases in `(T, T + t]` of a customer with
    /// history `(x, t_x, T)`.
    ///
    /// # Formula
    /// FHL 2005 note eq. 22: `E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1))
    /// [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive | x, t_x, T)`: given alive, λ ~
    /// Gamma(r+x, α+T), μ ~ Gamma(s, β+T), and `E[λ/μ (1 − e^{−μt})]`.
    /// `[1 − u^{s−1}]/(s−1)` is computed as `−expm1((s−1) ln u)/(s−1)`,
    /// exact as `s → 1`.
    pub fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, ParetoNbdError> {
        check_time("t", t)?;
        let p_alive = self.p_alive(frequency, recency, age)?;
        Ok(self.alive_expectation(t, f64::from(frequency), age) * p_alive)
    }

    /// Discounted expected purchases of a customer over the horizon of
    /// `settings` (multiply by margin and expected spend for the CLV).
    ///
    /// # Formula
    /// `Σ_{k=1}^{K} (E[Y(kΔ) | x, t_x, T] − E[Y((k−1)Δ) | …]) / (1 + d)^k`,
    /// see [`crate::rfm_clv::discounted_purchases`] (a sum over cash-flow
    /// steps, not the continuous-discounting DET of Fader, Hardie & Shang).
    pub fn discounted_expected_purchases(
        &self,
        settings: &ClvSettings,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, ParetoNbdError> {
        let (_, discounted) = discounted_purchases(settings, |t| {
            self.conditional_expected_purchases(t, frequency, recency, age)
        })?;
        Ok(discounted)
    }

    /// `(r+x)(β+T)/(α+T) · [1 − ((β+T)/(β+T+t))^{s−1}]/(s−1)`.
    fn alive_expectation(&self, t: f64, x: f64, age: f64) -> f64 {
        let (r, al, s, be) = (self.r, self.alpha, self.s, self.beta);
        let ln_u = -(t / (be + age)).ln_1p();
        let eps = s - 1.0;
        let bracket = if eps.abs() < 1e-12 {
            -ln_u
        } else {
            -(eps * ln_u).exp_m1() / eps
        };
        (r + x) * (be + age) / (al + age) * bracket
    }
}

/// Total Pareto/NBD log-likelihood of a set of customers.
pub fn log_likelihood(params: &ParetoNbdParams, customers: &[Rfm]) -> f64 {
    customers.iter().map(|c| params.log_likelihood_one(c)).sum()
}
