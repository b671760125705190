//! The Gamma-Gamma model of spend per transaction.
//!
//! A customer's transaction values are Gamma(p, ν) around their own mean
//! `p/ν`, and `ν` varies across customers as Gamma(q, γ). The model shrinks
//! a customer's observed mean spend towards the population mean, more so
//! when they have few transactions. It assumes spend is independent of
//! purchase frequency: [`GammaGammaFit::frequency_spend_correlation`] lets
//! the UI show how far that holds.
//!
//! Sources: Fader, P. S. & Hardie, B. G. S. (2013), "The Gamma-Gamma Model of
//! Monetary Value", note 025; Fader, P. S., Hardie, B. G. S. & Lee, K. L.
//! (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
//! *Journal of Marketing Research* 42(4). Published CDNOW estimates:
//! p = 6.25, q = 3.74, γ = 15.44 (written `v` here, as lifetimes does).

use super::optim::{fit_log_params, FitError};
use super::rfm::{validate_all, Rfm, RfmError};
use super::special::{digamma, ln_gamma};
use super::weights::{check_weights, WeightError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a Gamma-Gamma input was refused or a computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum GammaGammaError {
    /// A parameter is not a positive finite number.
    ParamOutOfRange {
        /// Parameter name (`p`, `q` or `v`).
        name: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// `q <= 1`: the population mean spend `p v / (q − 1)` is infinite.
    InfiniteMeanSpend {
        /// The shape `q` of the population's spend-rate distribution.
        q: f64,
    },
    /// Fewer than two customers with repeat purchases and positive spend.
    TooFewRepeatCustomers(usize),
    /// A customer summary is invalid.
    Data(RfmError),
    /// Spend or frequency out of range in a prediction.
    InputOutOfRange {
        /// Name of the prediction input (`frequency` or `mean spend`).
        name: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// The maximum-likelihood search failed.
    Fit(FitError),
    /// The row weights of a grouped summary are invalid.
    Weights(WeightError),
}

impl fmt::Display for GammaGammaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GammaGammaError::ParamOutOfRange { name, value } => {
                write!(f, "{name} must be a positive number: got {value}")
            }
            GammaGammaError::InfiniteMeanSpend { q } => write!(
                f,
                "q must be greater than 1 for a finite mean spend: got {q}"
            ),
            GammaGammaError::TooFewRepeatCustomers(n) => write!(
                f,
                "Gamma-Gamma needs at least 2 customers with repeat purchases and positive spend: got {n}"
            ),
            GammaGammaError::Data(e) => write!(f, "{e}"),
            GammaGammaError::InputOutOfRange { name, value } => {
                write!(f, "{name} must be a number >= 0: got {value}")
            }
            GammaGammaError::Fit(e) => write!(f, "Gamma-Gamma {e}"),
            GammaGammaError::Weights(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GammaGammaError {}

impl From<RfmError> for GammaGammaError {
    fn from(e: RfmError) -> Self {
        GammaGammaError::Data(e)
    }
}

impl From<WeightError> for GammaGammaError {
    fn from(e: WeightError) -> Self {
        GammaGammaError::Weights(e)
    }
}

/// Validated Gamma-Gamma parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    p: f64,
    q: f64,
    v: f64,
}

impl GammaGammaParams {
    /// `p`: shape of spend per transaction; `q`, `v`: shape and scale
    /// (currency) of its rate across customers. All `> 0`.
    pub fn new(p: f64, q: f64, v: f64) -> Result<Self, GammaGammaError> {
        for (name, value) in [("p", p), ("q", q), ("v", v)] {
            if !(value > 0.0 && value.is_finite()) {
                return Err(GammaGammaError::ParamOutOfRange { name, value });
            }
        }
        Ok(GammaGammaParams { p, q, v })
    }

    /// Shape `p` of the spend per transaction.
    pub fn p(&self) -> f64 {
        self.p
    }
    /// Shape `q` of the spend rate across customers.
    pub fn q(&self) -> f64 {
        self.q
    }
    /// Scale `v` (γ in note 025) of the spend rate, in currency.
    pub fn v(&self) -> f64 {
        self.v
    }

    /// Mean spend per transaction across customers, in currency.
    ///
    /// # Formula
    /// `E[Z] = p v / (q − 1)` (note 025, eq. 3); requires `q > 1`.
    pub fn population_mean_spend(&self) -> Result<f64, GammaGammaError> {
        if self.q <= 1.0 {
            return Err(GammaGammaError::InfiniteMeanSpend { q: self.q });
        }
        Ok(self.p * self.v / (self.q - 1.0))
    }

    /// Expected spend per transaction of a customer with `frequency` repeat
    /// transactions of mean value `monetary_value` (currency).
    ///
    /// # Formula
    /// `E[Z | x, z̄] = p (v + x z̄) / (p x + q − 1)`
    /// `= (q − 1)/(p x + q − 1) · p v/(q − 1) + p x/(p x + q − 1) · z̄`
    /// (note 025, eq. 5): a weighted mean of the population mean and the
    /// customer's own mean. With `x = 0` it is the population mean.
    pub fn expected_average_spend(
        &self,
        frequency: u32,
        monetary_value: f64,
    ) -> Result<f64, GammaGammaError> {
        if self.q <= 1.0 {
            return Err(GammaGammaError::InfiniteMeanSpend { q: self.q });
        }
        if !(monetary_value.is_finite() && monetary_value >= 0.0) {
            return Err(GammaGammaError::InputOutOfRange {
                name: "monetary value",
                value: monetary_value,
            });
        }
        let x = f64::from(frequency);
        let m = if frequency == 0 { 0.0 } else { monetary_value };
        Ok(self.p * (self.v + x * m) / (self.p * x + self.q - 1.0))
    }

    /// Log-likelihood of one customer's mean spend `z̄` over `x ≥ 1`
    /// transactions.
    ///
    /// # Formula
    /// `ln f(z̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln z̄
    /// + px ln x − (px+q) ln(v + x z̄)` (note 025, eq. 4).
    pub fn log_likelihood_one(&self, frequency: u32, monetary_value: f64) -> f64 {
        let (p, q, v) = (self.p, self.q, self.v);
        let x = f64::from(frequency);
        let px = p * x;
        ln_gamma(px + q) - ln_gamma(px) - ln_gamma(q)
            + q * v.ln()
            + (px - 1.0) * monetary_value.ln()
            + px * x.ln()
            - (px + q) * (v + x * monetary_value).ln()
    }
}

/// A Gamma-Gamma maximum-likelihood fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    /// The maximum-likelihood estimates of `(p, q, v)`.
    pub params: GammaGammaParams,
    /// Total log-likelihood at the estimates (Fader & Hardie 2013, note
    /// 025 eq. 4, summed over the customers used).
    pub log_likelihood: f64,
    /// Standard errors of `(p, q, v)`.
    pub std_errors: [f64; 3],
    /// Covariance matrix of `(p, q, v)` (inverse observed information).
    pub covariance: [[f64; 3]; 3],
    /// Customer rows used: at least one repeat purchase, positive mean
    /// spend and a positive weight.
    pub customers_used: usize,
    /// Customers those rows stand for: the sum of their weights (equal to
    /// `customers_used` for an unweighted fit).
    pub weight_used: f64,
    /// Customer rows left out because they made no repeat purchase.
    pub excluded_no_repeat: usize,
    /// Customer rows left out because their mean repeat spend is 0 or
    /// negative (returns): the model needs positive amounts.
    pub excluded_non_positive_spend: usize,
    /// Pearson correlation between frequency and mean spend among the
    /// customers used (weighted by the row weights); the model assumes it
    /// is near 0.
    pub frequency_spend_correlation: f64,
}

/// Fits Gamma-Gamma by maximum likelihood on the customers with repeat
/// purchases and positive mean spend (the others are counted, not used),
/// one customer per row: [`fit_weighted`] with every weight 1.
pub fn fit(customers: &[Rfm]) -> Result<GammaGammaFit, GammaGammaError> {
    fit_weighted(customers, &vec![1.0; customers.len()])
}

/// Fits Gamma-Gamma with row `i` standing for `weights[i]` identical
/// customers (a grouped summary; see [`crate::weights`]). Rows of weight 0
/// are left out (and not counted as excluded); a negative, NaN or infinite
/// weight is refused.
///
/// Optimisation over `ln(p, q, v)` with BFGS, analytic gradient (digamma),
/// several starts; typed errors as for the other fits.
pub fn fit_weighted(customers: &[Rfm], weights: &[f64]) -> Result<GammaGammaFit, GammaGammaError> {
    validate_all(customers)?;
    check_weights(customers.len(), weights)?;
    let present = || customers.iter().zip(weights).filter(|(_, &w)| w > 0.0);
    let (used, used_w): (Vec<&Rfm>, Vec<f64>) = present()
        .filter(|(c, _)| c.frequency > 0 && c.monetary_value > 0.0)
        .unzip();
    let excluded_no_repeat = present().filter(|(c, _)| c.frequency == 0).count();
    let excluded_non_positive_spend = present().count() - excluded_no_repeat - used.len();
    if used.len() < 2 {
        return Err(GammaGammaError::TooFewRepeatCustomers(used.len()));
    }
    let n: f64 = used_w.iter().sum();
    let prep = Prepared::new(&used, &used_w);
    let mean_m = prep.ms.iter().zip(&prep.w).map(|(m, w)| w * m).sum::<f64>() / n;
    let mean_nll = |th: &[f64], g: &mut [f64]| {
        let (p, q, v) = (th[0].exp(), th[1].exp(), th[2].exp());
        let mut grad = [0.0; 3];
        let ll = prep.ll_grad(p, q, v, &mut grad);
        g[0] = -grad[0] * p / n;
        g[1] = -grad[1] * q / n;
        g[2] = -grad[2] * v / n;
        -ll / n
    };
    // Method-of-moments flavour: mean spend p v/(q − 1) ≈ z̄ at the start.
    let starts = [
        vec![0.0, 0.0, mean_m.ln()],
        vec![(5.0f64).ln(), (3.0f64).ln(), (mean_m * 0.4).ln()],
        vec![(2.0f64).ln(), (10.0f64).ln(), (mean_m * 4.5).ln()],
    ];
    let f = fit_log_params(mean_nll, &starts, n, &["p", "q", "v"]).map_err(GammaGammaError::Fit)?;
    let mut covariance = [[0.0; 3]; 3];
    for (i, row) in covariance.iter_mut().enumerate() {
        row.copy_from_slice(f.covariance.row(i));
    }
    Ok(GammaGammaFit {
        params: GammaGammaParams::new(f.params[0], f.params[1], f.params[2])?,
        log_likelihood: f.log_likelihood,
        std_errors: [f.std_errors[0], f.std_errors[1], f.std_errors[2]],
        covariance,
        customers_used: used.len(),
        weight_used: n,
        excluded_no_repeat,
        excluded_non_positive_spend,
        frequency_spend_correlation: pearson(&prep.xs, &prep.ms, &prep.w),
    })
}

/// Customers per partial sum of the log-likelihood (see `ll_grad`).
const SUM_BLOCK: usize = 512;

/// The customers used by the fit, in the layout the likelihood loop wants.
struct Prepared {
    xs: Vec<f64>,
    ms: Vec<f64>,
    /// Row weights (customers per row).
    w: Vec<f64>,
    /// Σ w x ln z̄ + Σ w x ln x and Σ w ln z̄: data-only parts of the likelihood.
    sum_x_ln_mx: f64,
    sum_ln_m: f64,
    /// Weighted customers per frequency value.
    count_by_x: Vec<f64>,
}

impl Prepared {
    fn new(used: &[&Rfm], weights: &[f64]) -> Self {
        let xs: Vec<f64> = used.iter().map(|c| f64::from(c.frequency)).collect();
        let ms: Vec<f64> = used.iter().map(|c| c.monetary_value).collect();
        let sum_x_ln_mx = xs
            .iter()
            .zip(&ms)
            .zip(weights)
            .map(|((x, m), w)| w * (x * (m.ln() + x.ln())))
            .sum();
        let sum_ln_m = ms.iter().zip(weights).map(|(m, w)| w * m.ln()).sum();
        let max_x = used.iter().map(|c| c.frequency).max().unwrap_or(1) as usize;
        let mut count_by_x = vec![0.0; max_x + 1];
        for (c, w) in used.iter().zip(weights) {
            count_by_x[c.frequency as usize] += w;
        }
        Prepared {
            xs,
            ms,
            w: weights.to_vec(),
            sum_x_ln_mx,
            sum_ln_m,
            count_by_x,
        }
    }

    /// Total log-likelihood (note 025 eq. 4 summed) and its gradient in
    /// `(p, q, v)`; the Γ and ψ terms depend on `x` only and are computed
    /// once per frequency value.
    fn ll_grad(&self, p: f64, q: f64, v: f64, g: &mut [f64; 3]) -> f64 {
        let (ln_v, lg_q, psi_q) = (v.ln(), ln_gamma(q), digamma(q));
        let (mut ll, mut gp, mut gq, mut gv) = (0.0, 0.0, 0.0, 0.0);
        for (x, &cnt) in self.count_by_x.iter().enumerate() {
            if cnt == 0.0 {
                continue;
            }
            let x = x as f64;
            let px = p * x;
            let psi_pxq = digamma(px + q);
            ll += cnt * (ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v);
            gp += cnt * x * (psi_pxq - digamma(px));
            gq += cnt * (psi_pxq - psi_q + ln_v);
            gv += cnt * q / v;
        }
        ll += p * self.sum_x_ln_mx - self.sum_ln_m;
        gp += self.sum_x_ln_mx;
        // Summed by blocks: one running total over 10⁵ customers carries
        // rounding noise growing with n, which stalls the BFGS line search
        // near the optimum.
        let blocks = self.xs.chunks(SUM_BLOCK).zip(self.ms.chunks(SUM_BLOCK));
        for ((xs, ms), ws) in blocks.zip(self.w.chunks(SUM_BLOCK)) {
            let (mut b_ll, mut b_gp, mut b_gq, mut b_gv) = (0.0, 0.0, 0.0, 0.0);
            for ((x, m), wt) in xs.iter().zip(ms).zip(ws) {
                let w = v + x * m;
                let lw = w.ln();
                b_ll -= wt * ((p * x + q) * lw);
                b_gp -= wt * (x * lw);
                b_gq -= wt * lw;
                b_gv -= wt * ((p * x + q) / w);
            }
            ll += b_ll;
            gp += b_gp;
            gq += b_gq;
            gv += b_gv;
        }
        *g = [gp, gq, gv];
        ll
    }
}

/// Weighted Pearson correlation; 0 when either variable is constant.
fn pearson(a: &[f64], b: &[f64], w: &[f64]) -> f64 {
    let n: f64 = w.iter().sum();
    let mean = |v: &[f64]| v.iter().zip(w).map(|(x, w)| w * x).sum::<f64>() / n;
    let (ma, mb) = (mean(a), mean(b));
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for ((x, y), w) in a.iter().zip(b).zip(w) {
        sab += w * ((x - ma) * (y - mb));
        saa += w * (x - ma).powi(2);
        sbb += w * (y - mb).powi(2);
    }
    if saa == 0.0 || sbb == 0.0 {
        0.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::{assert_close, assert_rel};

    fn cust(x: u32, m: f64) -> Rfm {
        Rfm {
            frequency: x,
            recency: if x > 0 { 1.0 } else { 0.0 },
            age: 2.0,
            monetary_value: m,
        }
    }

    /// Reference: Hardie's Gamma-Gamma spreadsheet (note 025) on CDNOW, as
    /// tested by lifetimes: E[Z | x, z̄] for (x, z̄) = (2, 22.35) → 24.65,
    /// (1, 11.77) → 18.91, (0, –) → 35.17, (7, 73.74) → 71.46,
    /// (2, 25.55) → 27.28, computed at the unrounded MLE. Evaluated at the
    /// printed p = 6.25, q = 3.74, v = 15.44; tolerance = print rounding
    /// (0.005) plus the worst-case effect of the parameters' rounding (±0.005
    /// each), measured by central differences.
    #[test]
    fn expected_spend_matches_hardie_sheet() {
        let base = [6.25, 3.74, 15.44];
        let at = |q: [f64; 3], x: u32, m: f64| {
            GammaGammaParams::new(q[0], q[1], q[2])
                .unwrap()
                .expected_average_spend(x, m)
                .unwrap()
        };
        for (x, m, want) in [
            (2u32, 22.35, 24.65),
            (1, 11.77, 18.91),
            (0, 0.0, 35.17),
            (7, 73.74, 71.46),
            (2, 25.55, 27.28),
        ] {
            let got = at(base, x, m);
            let rounding: f64 = (0..3)
                .map(|i| {
                    let (mut up, mut dn) = (base, base);
                    up[i] += 0.005;
                    dn[i] -= 0.005;
                    (at(up, x, m) - at(dn, x, m)).abs() / 2.0
                })
                .sum();
            assert!(
                (got - want).abs() <= 0.005 + rounding,
                "x={x}: {got} vs {want} ±{rounding}"
            );
            assert!(rounding < 0.005 * want);
        }
    }

    /// Reference: the Gamma-Gamma density integrates to 1 over z̄ (note 025
    /// eq. 4 is a proper density of the mean of x Gamma(p, ν) draws): checked
    /// by the trapezoid rule on a log grid, tolerance 1e-4.
    #[test]
    fn likelihood_is_a_density() {
        let g = GammaGammaParams::new(6.25, 3.74, 15.44).unwrap();
        for x in [1u32, 3, 10] {
            let (lo, hi, n) = (1e-3f64.ln(), 1e5f64.ln(), 200_000);
            let h = (hi - lo) / n as f64;
            let mut total = 0.0;
            for i in 0..=n {
                let u = lo + i as f64 * h;
                let z = u.exp();
                let w = if i == 0 || i == n { 0.5 } else { 1.0 };
                total += w * g.log_likelihood_one(x, z).exp() * z * h;
            }
            assert_close!(total, 1.0, 1e-4, "x={x}: {total}");
        }
    }

    /// Reference: shrinkage identity of note 025 eq. 5: the expected spend is
    /// the weighted mean of the population mean and z̄ with weight
    /// p x / (p x + q − 1) on z̄.
    #[test]
    fn expected_spend_is_weighted_mean() {
        let g = GammaGammaParams::new(2.0, 4.0, 30.0).unwrap();
        let pop = g.population_mean_spend().unwrap();
        assert_close!(pop, 20.0, 1e-12);
        let w = 2.0 * 5.0 / (2.0 * 5.0 + 3.0);
        let want = (1.0 - w) * pop + w * 50.0;
        assert_close!(g.expected_average_spend(5, 50.0).unwrap(), want, 1e-12);
    }

    #[test]
    fn refusals() {
        let g = GammaGammaParams::new(2.0, 0.8, 30.0).unwrap();
        assert_eq!(
            g.population_mean_spend().unwrap_err().to_string(),
            "q must be greater than 1 for a finite mean spend: got 0.8"
        );
        assert!(GammaGammaParams::new(-1.0, 2.0, 2.0).is_err());
        assert_eq!(
            fit(&[cust(0, 0.0), cust(1, 10.0)]),
            Err(GammaGammaError::TooFewRepeatCustomers(1))
        );
        let ok = GammaGammaParams::new(2.0, 4.0, 30.0).unwrap();
        assert!(ok.expected_average_spend(2, -5.0).is_err());
    }

    /// Reference: note 025 eq. 4 summed customer by customer with ln Γ
    /// (the public per-customer function) against the per-x accumulation of
    /// the fitter, and the analytic gradient against central differences.
    #[test]
    fn likelihood_paths_and_gradient_agree() {
        let data = [cust(1, 12.0), cust(1, 30.5), cust(4, 22.0), cust(9, 8.25)];
        let used: Vec<&Rfm> = data.iter().collect();
        let prep = Prepared::new(&used, &[1.0; 4]);
        let base = [3.0, 2.5, 18.0];
        let ll_at = |q: [f64; 3]| {
            let g = GammaGammaParams::new(q[0], q[1], q[2]).unwrap();
            data.iter()
                .map(|c| g.log_likelihood_one(c.frequency, c.monetary_value))
                .sum::<f64>()
        };
        let mut grad = [0.0; 3];
        let ll = prep.ll_grad(base[0], base[1], base[2], &mut grad);
        assert_close!(ll, ll_at(base), 1e-10);
        for i in 0..3 {
            let h = 1e-6 * base[i];
            let (mut up, mut dn) = (base, base);
            up[i] += h;
            dn[i] -= h;
            let num = (ll_at(up) - ll_at(dn)) / (2.0 * h);
            assert!(
                (grad[i] - num).abs() < 1e-5 * (1.0 + num.abs()),
                "{i}: {} vs {num}",
                grad[i]
            );
        }
    }

    /// Reference: the same fit on the expanded table (each row repeated
    /// `weight` times): estimates within 1e-6 relative (optimiser
    /// tolerance), log-likelihood and correlation within 1e-9 (rounding);
    /// a zero-weight row is neither used nor counted as excluded.
    #[test]
    fn grouped_rows_fit_like_the_expanded_table() {
        let groups = [
            (cust(1, 12.0), 7.0),
            (cust(1, 30.5), 3.0),
            (cust(2, 18.0), 5.0),
            (cust(3, 22.0), 4.0),
            (cust(4, 40.0), 2.0),
            (cust(6, 15.0), 3.0),
            (cust(9, 26.0), 1.0),
            (cust(0, 0.0), 6.0),
            (cust(2, 500.0), 0.0),
            (cust(0, 0.0), 0.0),
        ];
        let rows: Vec<Rfm> = groups.iter().map(|g| g.0).collect();
        let w: Vec<f64> = groups.iter().map(|g| g.1).collect();
        let expanded: Vec<Rfm> = groups
            .iter()
            .flat_map(|(c, n)| std::iter::repeat_n(*c, *n as usize))
            .collect();
        let g = fit_weighted(&rows, &w).unwrap();
        let e = fit(&expanded).unwrap();
        assert_rel!(g.params.p(), e.params.p(), 1e-6);
        assert_rel!(g.params.q(), e.params.q(), 1e-6);
        assert_rel!(g.params.v(), e.params.v(), 1e-6);
        assert_rel!(g.log_likelihood, e.log_likelihood, 1e-9);
        assert_close!(
            g.frequency_spend_correlation,
            e.frequency_spend_correlation,
            1e-9
        );
        assert_eq!((g.customers_used, g.excluded_no_repeat), (7, 1));
        assert_eq!(g.weight_used, 25.0);
        assert_eq!(e.weight_used, 25.0);
        let bad = fit_weighted(&rows, &[-1.0; 10]).unwrap_err();
        assert_eq!(
            bad,
            GammaGammaError::Weights(WeightError::Invalid {
                row: 1,
                value: -1.0
            })
        );
        assert!(matches!(
            fit_weighted(&rows[..2], &[1.0, f64::NAN]),
            Err(GammaGammaError::Weights(WeightError::Invalid {
                row: 2,
                ..
            }))
        ));
    }
}
