//! The BG/BB model of repeat transactions in discrete time, for
//! non-contractual customers with a fixed schedule of transaction
//! opportunities (yearly donations, annual events, weekly visits).
//!
//! While alive, a customer transacts at each opportunity with probability
//! p ~ Beta(α, β); before each opportunity an alive customer may die with
//! probability θ ~ Beta(γ, δ). Death is never observed: the model infers it
//! from the opportunities missed since the last transaction.
//!
//! Source: Fader, P. S., Hardie, B. G. S. & Shang, J. (2010),
//! "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
//! *Marketing Science* 29(6), 1086–1108 (equations cited as FHS). Published
//! estimates on the donations data (11,104 first-time donors of 1995, six
//! later yearly opportunities 1996–2001): α = 1.204, β = 0.750, γ = 0.657,
//! δ = 2.783, LL = −33,225.6.
//!
//! A history is `(x, t_x, n)`: `x` transactions in the `n` opportunities
//! after the first one, the last at opportunity `t_x` (`t_x = 0` when
//! `x = 0`).

use super::optim::{fit_log_params, FitError};
use super::special::{digamma, hyp2f1, ln_beta, ln_gamma};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a BG/BB input was refused or a computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum BgBbError {
    /// A parameter is not a positive finite number.
    ParamOutOfRange {
        /// Parameter name (`alpha`, `beta`, `gamma` or `delta`).
        name: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// A history breaks `x ≤ t_x ≤ n` or `t_x = 0 ⇔ x = 0`.
    InconsistentHistory {
        /// 1-based position of the row in the input (0 for a single history).
        row: usize,
        /// `x`.
        frequency: u32,
        /// `t_x`.
        recency: u32,
        /// `n`.
        periods: u32,
    },
    /// A row's count of customers is negative or not finite.
    CountOutOfRange {
        /// 1-based position of the row in the input.
        row: usize,
        /// The count that was refused.
        value: f64,
    },
    /// No row, or no customer in the rows.
    Empty,
    /// Nobody made a repeat transaction: the model cannot be fitted.
    NoRepeatTransactions,
    /// Discount rate not positive and finite (the sum runs to infinity).
    DiscountOutOfRange(f64),
    /// The hypergeometric series of DERT did not converge.
    SeriesDidNotConverge,
    /// The maximum-likelihood search failed.
    Fit(FitError),
}

impl fmt::Display for BgBbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BgBbError::ParamOutOfRange { name, value } => {
                write!(f, "{name} must be a positive number: got {value}")
            }
            BgBbError::InconsistentHistory {
                row,
                frequency,
                recency,
                periods,
            } => {
                if *row > 0 {
                    write!(f, "row {row}: ")?;
                }
                write!(
                    f,
                    "frequency {frequency}, recency {recency}, periods {periods} do not fit \
                     (need frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0)"
                )
            }
            BgBbError::CountOutOfRange { row, value } => {
                write!(f, "row {row}: count must be a number >= 0: got {value}")
            }
            BgBbError::Empty => write!(f, "no customer in the summary"),
            BgBbError::NoRepeatTransactions => write!(
                f,
                "no customer made a repeat transaction: BG/BB cannot be fitted"
            ),
            BgBbError::DiscountOutOfRange(d) => {
                write!(f, "discount rate must be a number > 0: got {d}")
            }
            BgBbError::SeriesDidNotConverge => write!(
                f,
                "discounted transactions did not converge (discount rate too close to 0)"
            ),
            BgBbError::Fit(e) => write!(f, "BG/BB {e}"),
        }
    }
}

impl std::error::Error for BgBbError {}

/// Customers sharing one history `(x, t_x, n)`: a row of the grouped
/// summary the model is fitted on (FHS Table 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgBbRow {
    /// `x`: transactions in the `n` opportunities after the first.
    pub frequency: u32,
    /// `t_x`: opportunity of the last transaction (0 when `x = 0`).
    pub recency: u32,
    /// `n`: opportunities observed after the first transaction.
    pub periods: u32,
    /// Customers with this history (a weight; need not be whole).
    pub count: f64,
}

fn check_history(row: usize, x: u32, t_x: u32, n: u32) -> Result<(), BgBbError> {
    if x <= t_x && t_x <= n && ((x == 0) == (t_x == 0)) {
        Ok(())
    } else {
        Err(BgBbError::InconsistentHistory {
            row,
            frequency: x,
            recency: t_x,
            periods: n,
        })
    }
}

impl BgBbRow {
    /// Checks one row; `row` (1-based) locates it in error messages.
    pub fn validate(&self, row: usize) -> Result<(), BgBbError> {
        check_history(row, self.frequency, self.recency, self.periods)?;
        if !(self.count.is_finite() && self.count >= 0.0) {
            return Err(BgBbError::CountOutOfRange {
                row,
                value: self.count,
            });
        }
        Ok(())
    }
}

/// Validated BG/BB parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgBbParams {
    alpha: f64,
    beta: f64,
    gamma: f64,
    delta: f64,
}

/// `|γ − 1|` below which [`BgBbParams`] sums the survival terms one by one
/// instead of using their closed form, whose `1/(γ − 1)` cancels there.
const GAMMA_ONE: f64 = 1e-3;

impl BgBbParams {
    /// `alpha`, `beta`: Beta shapes of the transaction probability p;
    /// `gamma`, `delta`: Beta shapes of the death probability θ. All `> 0`.
    pub fn new(alpha: f64, beta: f64, gamma: f64, delta: f64) -> Result<Self, BgBbError> {
        for (name, value) in [
            ("alpha", alpha),
            ("beta", beta),
            ("gamma", gamma),
            ("delta", delta),
        ] {
            if !(value > 0.0 && value.is_finite()) {
                return Err(BgBbError::ParamOutOfRange { name, value });
            }
        }
        Ok(BgBbParams {
            alpha,
            beta,
            gamma,
            delta,
        })
    }

    /// Beta shape α of the transaction probability (mean `α/(α+β)`).
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// Beta shape β of the transaction probability.
    pub fn beta(&self) -> f64 {
        self.beta
    }
    /// Beta shape γ of the death probability (mean `γ/(γ+δ)`).
    pub fn gamma(&self) -> f64 {
        self.gamma
    }
    /// Beta shape δ of the death probability.
    pub fn delta(&self) -> f64 {
        self.delta
    }

    /// The log of each term of the likelihood of `(x, t_x, n)`: the
    /// alive-throughout term first, then one per opportunity of death.
    fn ln_terms(&self, x: u32, t_x: u32, n: u32) -> impl Iterator<Item = f64> + '_ {
        let (al, be, ga, de) = (self.alpha, self.beta, self.gamma, self.delta);
        let (xf, txf, nf) = (f64::from(x), f64::from(t_x), f64::from(n));
        let base_p = ln_beta(al, be);
        let base_t = ln_beta(ga, de);
        let alive = ln_beta(al + xf, be + nf - xf) - base_p + ln_beta(ga, de + nf) - base_t;
        let died = (0..n - t_x).map(move |i| {
            let i = f64::from(i);
            ln_beta(al + xf, be + txf - xf + i) - base_p + ln_beta(ga + 1.0, de + txf + i) - base_t
        });
        std::iter::once(alive).chain(died)
    }

    /// Log-likelihood of one history `(x, t_x, n)`.
    ///
    /// # Formula
    /// FHS eq. 5:
    /// `L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) +
    /// Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)`:
    /// alive through opportunity `n`, or dead at opportunity `t_x + i + 1`.
    /// Summed in logs (log-sum-exp), so long histories do not underflow.
    pub fn log_likelihood_one(&self, x: u32, t_x: u32, n: u32) -> Result<f64, BgBbError> {
        check_history(0, x, t_x, n)?;
        Ok(self.ln_l(x, t_x, n))
    }

    fn ln_l(&self, x: u32, t_x: u32, n: u32) -> f64 {
        let terms: Vec<f64> = self.ln_terms(x, t_x, n).collect();
        log_sum_exp(&terms)
    }

    /// Probability that a customer with history `(x, t_x, n)` is alive at
    /// the next opportunity, `n + 1`.
    ///
    /// # Formula
    /// FHS eq. 11:
    /// `P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L`.
    pub fn p_alive(&self, x: u32, t_x: u32, n: u32) -> Result<f64, BgBbError> {
        check_history(0, x, t_x, n)?;
        let (xf, nf) = (f64::from(x), f64::from(n));
        let ln = ln_beta(self.alpha + xf, self.beta + nf - xf) - ln_beta(self.alpha, self.beta)
            + ln_beta(self.gamma, self.delta + nf + 1.0)
            - ln_beta(self.gamma, self.delta);
        Ok((ln - self.ln_l(x, t_x, n)).exp().min(1.0))
    }

    /// `Σ_{t=a+1}^{b} B(γ, δ+t)/B(γ,δ)`: the expected opportunities alive
    /// among `a+1..=b` of a random new customer.
    ///
    /// Closed form `δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+a)/Γ(γ+δ+a) − Γ(1+δ+b)/Γ(γ+δ+b)]`
    /// (the bracket of FHS eqs. 8 and 13), the difference taken with
    /// `expm1`; within [`GAMMA_ONE`] of γ = 1 the terms are summed one by
    /// one (ratio `(δ+t)/(γ+δ+t)`), `b − a` of them.
    fn alive_opportunities(&self, a: u32, b: u32) -> f64 {
        if b <= a {
            return 0.0;
        }
        let (g, d) = (self.gamma, self.delta);
        let (af, bf) = (f64::from(a), f64::from(b));
        if (g - 1.0).abs() < GAMMA_ONE {
            let mut term = (ln_beta(g, d + af + 1.0) - ln_beta(g, d)).exp();
            let mut sum = 0.0;
            for t in a + 1..=b {
                sum += term;
                let t = f64::from(t);
                term *= (d + t) / (g + d + t);
            }
            return sum;
        }
        let ln_r = |m: f64| ln_gamma(1.0 + d + m) - ln_gamma(g + d + m);
        let (ra, rb) = (ln_r(af), ln_r(bf));
        let front = ln_gamma(g + d) - ln_gamma(1.0 + d) + ra;
        d / (g - 1.0) * front.exp() * -(rb - ra).exp_m1()
    }

    /// Expected transactions of a new customer in the first `n`
    /// opportunities after the first transaction.
    ///
    /// # Formula
    /// FHS eq. 8:
    /// `E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)/Γ(γ+δ+n) · Γ(1+δ+n)/Γ(1+δ)]`.
    pub fn expected_purchases(&self, n: u32) -> f64 {
        self.alpha / (self.alpha + self.beta) * self.alive_opportunities(0, n)
    }

    /// Probability that a new customer makes exactly `x` transactions in
    /// the first `n` opportunities.
    ///
    /// # Formula
    /// FHS eq. 7:
    /// `P(X(n)=x) = C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) +
    /// Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)`.
    pub fn prob_purchases(&self, n: u32, x: u32) -> f64 {
        if x > n {
            return 0.0;
        }
        let (al, be, ga, de) = (self.alpha, self.beta, self.gamma, self.delta);
        let xf = f64::from(x);
        let ln_choose = |m: f64| ln_gamma(m + 1.0) - ln_gamma(xf + 1.0) - ln_gamma(m - xf + 1.0);
        let (bp, bt) = (ln_beta(al, be), ln_beta(ga, de));
        let nf = f64::from(n);
        let alive = ln_choose(nf) + ln_beta(al + xf, be + nf - xf) - bp + ln_beta(ga, de + nf) - bt;
        let died: f64 = (x..n)
            .map(|i| {
                let i = f64::from(i);
                (ln_choose(i) + ln_beta(al + xf, be + i - xf) - bp + ln_beta(ga + 1.0, de + i) - bt)
                    .exp()
            })
            .sum();
        alive.exp() + died
    }

    /// `B(α+x+1, β+n−x)/B(α,β) / L`: the posterior weight shared by the
    /// conditional expectation and DERT, in logs.
    fn ln_posterior_rate(&self, x: u32, t_x: u32, n: u32) -> f64 {
        let (xf, nf) = (f64::from(x), f64::from(n));
        ln_beta(self.alpha + xf + 1.0, self.beta + nf - xf)
            - ln_beta(self.alpha, self.beta)
            - self.ln_l(x, t_x, n)
    }

    /// Expected transactions in the `n_star` opportunities after `n` of a
    /// customer with history `(x, t_x, n)`.
    ///
    /// # Formula
    /// FHS eq. 13:
    /// `E[X(n, n+n*) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
    /// · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] / L`.
    pub fn conditional_expected_purchases(
        &self,
        n_star: u32,
        x: u32,
        t_x: u32,
        n: u32,
    ) -> Result<f64, BgBbError> {
        check_history(0, x, t_x, n)?;
        let ahead = self.alive_opportunities(n, n.saturating_add(n_star));
        Ok(self.ln_posterior_rate(x, t_x, n).exp() * ahead)
    }

    /// Discounted expected residual transactions of a customer with
    /// history `(x, t_x, n)`: the transactions from opportunity `n + 1` on,
    /// each discounted by `(1 + d)` per opportunity after `n`.
    ///
    /// # Formula
    /// FHS eq. 14, with the Gauss hypergeometric function:
    /// `DERT(d | x, t_x, n) = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/((1+d) B(γ,δ))
    /// · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L`.
    /// The ₂F₁ is summed as its power series ([`hyp2f1`]); its terms shrink
    /// like `(1+d)^{−k}`, so small rates need many terms and rates below
    /// about 10⁻⁵ per opportunity give [`BgBbError::SeriesDidNotConverge`].
    pub fn dert(&self, d: f64, x: u32, t_x: u32, n: u32) -> Result<f64, BgBbError> {
        if !(d > 0.0 && d.is_finite()) {
            return Err(BgBbError::DiscountOutOfRange(d));
        }
        check_history(0, x, t_x, n)?;
        let nf = f64::from(n);
        let (g, de) = (self.gamma, self.delta);
        let f = hyp2f1(1.0, de + nf + 1.0, g + de + nf + 1.0, 1.0 / (1.0 + d))
            .ok_or(BgBbError::SeriesDidNotConverge)?;
        let ln = self.ln_posterior_rate(x, t_x, n) + ln_beta(g, de + nf + 1.0)
            - ln_beta(g, de)
            - d.ln_1p();
        let v = ln.exp() * f;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(BgBbError::SeriesDidNotConverge)
        }
    }

    /// Log-likelihood of one history and its gradient in `(α, β, γ, δ)`.
    ///
    /// `∂ ln B(a, b)/∂a = ψ(a) − ψ(a+b)`; the gradient of `ln L` is the mean
    /// of the terms' gradients weighted by their share of `L`.
    fn ln_l_grad(&self, x: u32, t_x: u32, n: u32, g: &mut [f64; 4]) -> f64 {
        let (al, be, ga, de) = (self.alpha, self.beta, self.gamma, self.delta);
        let (xf, txf, nf) = (f64::from(x), f64::from(t_x), f64::from(n));
        let terms: Vec<f64> = self.ln_terms(x, t_x, n).collect();
        let ll = log_sum_exp(&terms);
        // Gradients of ln B(α,β) and ln B(γ,δ), subtracted from every term.
        let (d_ab, d_gd) = (digamma(al + be), digamma(ga + de));
        let base = [
            digamma(al) - d_ab,
            digamma(be) - d_ab,
            digamma(ga) - d_gd,
            digamma(de) - d_gd,
        ];
        let psi_ax = digamma(al + xf);
        *g = [0.0; 4];
        for (k, &lt) in terms.iter().enumerate() {
            let w = (lt - ll).exp();
            let term = if k == 0 {
                let s_p = digamma(al + be + nf);
                let s_t = digamma(ga + de + nf);
                [
                    psi_ax - s_p,
                    digamma(be + nf - xf) - s_p,
                    digamma(ga) - s_t,
                    digamma(de + nf) - s_t,
                ]
            } else {
                let i = (k - 1) as f64;
                let s_p = digamma(al + be + txf + i);
                let s_t = digamma(ga + de + txf + i + 1.0);
                [
                    psi_ax - s_p,
                    digamma(be + txf - xf + i) - s_p,
                    digamma(ga + 1.0) - s_t,
                    digamma(de + txf + i) - s_t,
                ]
            };
            for j in 0..4 {
                g[j] += w * (term[j] - base[j]);
            }
        }
        ll
    }
}

/// `ln Σ e^{v}`, scaled by the largest term.
fn log_sum_exp(v: &[f64]) -> f64 {
    let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|&x| (x - m).exp()).sum::<f64>().ln()
}

/// Total BG/BB log-likelihood of grouped rows: `Σ count · ln L(x, t_x, n)`.
pub fn log_likelihood(params: &BgBbParams, rows: &[BgBbRow]) -> Result<f64, BgBbError> {
    validate_rows(rows)?;
    Ok(rows
        .iter()
        .filter(|r| r.count > 0.0)
        .map(|r| r.count * params.ln_l(r.frequency, r.recency, r.periods))
        .sum())
}

fn validate_rows(rows: &[BgBbRow]) -> Result<f64, BgBbError> {
    for (i, r) in rows.iter().enumerate() {
        r.validate(i + 1)?;
    }
    let total: f64 = rows.iter().map(|r| r.count).sum();
    if total > 0.0 {
        Ok(total)
    } else {
        Err(BgBbError::Empty)
    }
}

/// A BG/BB maximum-likelihood fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgBbFit {
    /// The maximum-likelihood estimates of `(α, β, γ, δ)`.
    pub params: BgBbParams,
    /// Total log-likelihood at the estimates (FHS eq. 5, weighted by count).
    pub log_likelihood: f64,
    /// Standard errors of `(alpha, beta, gamma, delta)` from the observed
    /// information.
    pub std_errors: [f64; 4],
    /// Covariance matrix of `(alpha, beta, gamma, delta)`.
    pub covariance: [[f64; 4]; 4],
    /// Customers the model was fitted on (the sum of the counts).
    pub customers: f64,
}

/// Fits BG/BB by maximum likelihood to grouped histories.
///
/// BFGS over `ln(α, β, γ, δ)` with the analytic gradient, from three
/// starts (all shapes 1, and two spread around it); the best converged
/// start wins ([`fit_log_params`]). Rows of count 0 are ignored. Standard
/// errors treat each count as that many independent customers.
pub fn fit(rows: &[BgBbRow]) -> Result<BgBbFit, BgBbError> {
    let total = validate_rows(rows)?;
    let rows: Vec<BgBbRow> = rows.iter().copied().filter(|r| r.count > 0.0).collect();
    if rows.iter().all(|r| r.frequency == 0) {
        return Err(BgBbError::NoRepeatTransactions);
    }
    let mean_nll = |th: &[f64], g: &mut [f64]| {
        let p = [th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()];
        let params = BgBbParams {
            alpha: p[0],
            beta: p[1],
            gamma: p[2],
            delta: p[3],
        };
        let (mut ll, mut grad) = (0.0, [0.0; 4]);
        for r in &rows {
            let mut gi = [0.0; 4];
            ll += r.count * params.ln_l_grad(r.frequency, r.recency, r.periods, &mut gi);
            for j in 0..4 {
                grad[j] += r.count * gi[j];
            }
        }
        for j in 0..4 {
            g[j] = -grad[j] * p[j] / total;
        }
        -ll / total
    };
    let starts = [
        vec![0.0; 4],
        vec![(0.5f64).ln(), 0.0, (0.5f64).ln(), (2.0f64).ln()],
        vec![(2.0f64).ln(), (2.0f64).ln(), 0.0, (4.0f64).ln()],
    ];
    let f = fit_log_params(
        mean_nll,
        &starts,
        total,
        &["alpha", "beta", "gamma", "delta"],
    )
    .map_err(BgBbError::Fit)?;
    let mut covariance = [[0.0; 4]; 4];
    for (i, row) in covariance.iter_mut().enumerate() {
        row.copy_from_slice(f.covariance.row(i));
    }
    Ok(BgBbFit {
        params: BgBbParams::new(f.params[0], f.params[1], f.params[2], f.params[3])?,
        log_likelihood: f.log_likelihood,
        std_errors: [
            f.std_errors[0],
            f.std_errors[1],
            f.std_errors[2],
            f.std_errors[3],
        ],
        covariance,
        customers: total,
    })
}

#[cfg(test)]
mod tests;
