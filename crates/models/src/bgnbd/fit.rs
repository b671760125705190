//! Maximum-likelihood fit of BG/NBD (FHL 2005 eq. 6 summed over weighted
//! customer rows) with its analytic gradient.

use super::params::{BgNbdError, BgNbdParams};
use crate::optim::{fit_log_params, FitError};
use crate::rfm::{validate_all, Rfm};
use crate::weights::{check_weights, positive};
use serde::{Deserialize, Serialize};

/// A BG/NBD maximum-likelihood fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    /// The maximum-likelihood estimates of `(r, α, a, b)`.
    pub params: BgNbdParams,
    /// Total log-likelihood at the estimates (FHL 2005 eq. 6 summed).
    pub log_likelihood: f64,
    /// Standard errors of `(r, alpha, a, b)` from the observed information.
    pub std_errors: [f64; 4],
    /// Covariance matrix of `(r, alpha, a, b)`.
    pub covariance: [[f64; 4]; 4],
    /// Customer rows the model was fitted on (rows of weight 0 left out).
    pub customers: usize,
    /// Customers those rows stand for: the sum of their weights (equal to
    /// `customers` for an unweighted fit).
    pub weight_total: f64,
}

/// Customers per partial sum of the log-likelihood (see `ll_grad`).
const SUM_BLOCK: usize = 512;

/// The data in the layout the likelihood loop wants.
struct Prepared {
    x: Vec<u32>,
    recency: Vec<f64>,
    age: Vec<f64>,
    /// Row weights (customers per row).
    w: Vec<f64>,
    /// Weighted customers per frequency value.
    count_by_x: Vec<f64>,
}

impl Prepared {
    fn new(customers: &[Rfm], weights: &[f64]) -> Self {
        let max_x = customers.iter().map(|c| c.frequency).max().unwrap_or(0) as usize;
        let mut count_by_x = vec![0.0; max_x + 1];
        for (c, w) in customers.iter().zip(weights) {
            count_by_x[c.frequency as usize] += w;
        }
        Prepared {
            x: customers.iter().map(|c| c.frequency).collect(),
            recency: customers.iter().map(|c| c.recency).collect(),
            age: customers.iter().map(|c| c.age).collect(),
            w: weights.to_vec(),
            count_by_x,
        }
    }

    /// Total log-likelihood and its gradient in `(r, α, a, b)`.
    ///
    /// For integer `x`, `ln Γ(y+x) − ln Γ(y) = Σ_{k<x} ln(y+k)` and
    /// `ψ(y+x) − ψ(y) = Σ_{k<x} 1/(y+k)`, so the terms that depend only on `x`
    /// are accumulated once per frequency value, not once per customer.
    fn ll_grad(&self, r: f64, al: f64, a: f64, b: f64, g: &mut [f64; 4]) -> f64 {
        let (mut ll, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let (mut s_r, mut d_r, mut s_b, mut d_b, mut s_ab, mut d_ab) =
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let ln_al = al.ln();
        // ln a − ln(b + x − 1) of A₄, once per frequency value.
        let mut ln_a_bx1 = vec![0.0; self.count_by_x.len()];
        for (x, &n) in self.count_by_x.iter().enumerate() {
            if n > 0.0 {
                if x > 0 {
                    ln_a_bx1[x] = a.ln() - (b + x as f64 - 1.0).ln();
                }
                ll += n * (s_r + r * ln_al + s_b - s_ab);
                gr += n * (d_r + ln_al);
                gal += n * r / al;
                ga += -n * d_ab;
                gb += n * (d_b - d_ab);
            }
            let k = x as f64;
            s_r += (r + k).ln();
            d_r += 1.0 / (r + k);
            s_b += (b + k).ln();
            d_b += 1.0 / (b + k);
            s_ab += (a + b + k).ln();
            d_ab += 1.0 / (a + b + k);
        }
        // Summed by blocks: one running total over 10⁵–10⁶ customers carries
        // rounding noise growing with n, which stalls the BFGS line search near
        // the optimum (hundreds of halvings, seconds at 400k customers).
        for start in (0..self.x.len()).step_by(SUM_BLOCK) {
            let (mut b_ll, mut b_gr, mut b_gal, mut b_ga, mut b_gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for i in start..(start + SUM_BLOCK).min(self.x.len()) {
                let xi = self.x[i];
                let wi = self.w[i];
                let x = f64::from(xi);
                let rx = r + x;
                let l_t = (al + self.age[i]).ln();
                let a3 = -rx * l_t;
                if xi == 0 {
                    b_ll += wi * a3;
                    b_gr -= wi * l_t;
                    b_gal -= wi * rx / (al + self.age[i]);
                    continue;
                }
                let l_tx = (al + self.recency[i]).ln();
                let bx1 = b + x - 1.0;
                let a4 = ln_a_bx1[xi as usize] - rx * l_tx;
                // ln(e^{A3} + e^{A4}) and the weight w4 = e^{A4}/(e^{A3} + e^{A4}).
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
                b_gal -= wi * rx * (w3 / (al + self.age[i]) + w4 / (al + self.recency[i]));
                b_ga += wi * w4 / a;
                b_gb -= wi * w4 / bx1;
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

/// Customers above which [`fit`] first fits a systematic subsample of
/// this size to find where to start on the whole data.
const SUBSAMPLE: usize = 20_000;

/// Fits BG/NBD by maximum likelihood to customer summaries, one customer
/// per row: [`fit_weighted`] with every weight 1.
pub fn fit(customers: &[Rfm]) -> Result<BgNbdFit, BgNbdError> {
    fit_weighted(customers, &vec![1.0; customers.len()])
}

/// Fits BG/NBD by maximum likelihood to customer summaries, row `i`
/// standing for `weights[i]` identical customers (a grouped summary; see
/// [`crate::weights`]). Rows of weight 0 are left out; a negative, NaN or
/// infinite weight is refused.
///
/// Optimisation over `ln(r, α, a, b)` with BFGS and the analytic gradient,
/// from three starts scaled to the data (`α` from the mean purchase rate);
/// the best converged start wins. Errors rather than estimates when no start
/// converges, a parameter runs to a boundary, or the information matrix is
/// singular.
///
/// Above [`SUBSAMPLE`] rows the starts run on every k-th row and
/// the whole data is fitted from the subsample's optimum: the same
/// maximum, found in a fraction of the full-data likelihood evaluations
/// (each costs a pass over every row). Should that fit fail, the
/// starts run on the whole data as for a small one. A subsample whose
/// likelihood peaks on a boundary or is flat there (nobody seems to drop
/// out) is taken to speak for the whole data, whose fit would fail the
/// same way after seconds of evaluations.
pub fn fit_weighted(customers: &[Rfm], weights: &[f64]) -> Result<BgNbdFit, BgNbdError> {
    let (rows, w) = checked(customers, weights)?;
    if rows.len() > 2 * SUBSAMPLE {
        let step = rows.len().div_ceil(SUBSAMPLE);
        let sample: Vec<Rfm> = rows.iter().step_by(step).copied().collect();
        let sample_w: Vec<f64> = w.iter().step_by(step).copied().collect();
        if sample.iter().any(|c| c.frequency > 0) {
            match fit_from(&sample, &sample_w, &starts(&sample, &sample_w)) {
                Ok(f) => {
                    let at = f.params;
                    let start = vec![at.r().ln(), at.alpha().ln(), at.a().ln(), at.b().ln()];
                    if let Ok(full) = fit_from(&rows, &w, &[start]) {
                        return Ok(full);
                    }
                }
                Err(
                    e
                    @ BgNbdError::Fit(FitError::Degenerate { .. } | FitError::SingularInformation),
                ) => return Err(e),
                Err(_) => {}
            }
        }
    }
    fit_from(&rows, &w, &starts(&rows, &w))
}

/// [`fit`] without the subsample shortcut: every start on the whole data
/// (slower above [`SUBSAMPLE`] customers; the reference its tests compare
/// the shortcut with).
pub fn fit_all_starts(customers: &[Rfm]) -> Result<BgNbdFit, BgNbdError> {
    let (rows, w) = checked(customers, &vec![1.0; customers.len()])?;
    fit_from(&rows, &w, &starts(&rows, &w))
}

/// Validated rows and weights, zero-weight rows dropped.
fn checked(customers: &[Rfm], weights: &[f64]) -> Result<(Vec<Rfm>, Vec<f64>), BgNbdError> {
    validate_all(customers)?;
    check_weights(customers.len(), weights)?;
    let (rows, w) = positive(customers, weights);
    if rows.iter().all(|c| c.frequency == 0) {
        return Err(BgNbdError::NoRepeatPurchases);
    }
    Ok((rows, w))
}

/// Three starts in `ln(r, α, a, b)` scaled to the data.
fn starts(customers: &[Rfm], weights: &[f64]) -> [Vec<f64>; 3] {
    let n: f64 = weights.iter().sum();
    let mean_x = customers
        .iter()
        .zip(weights)
        .map(|(c, w)| w * f64::from(c.frequency))
        .sum::<f64>()
        / n;
    let mean_t = customers
        .iter()
        .zip(weights)
        .map(|(c, w)| w * c.age)
        .sum::<f64>()
        / n;
    // r/α is the mean purchase rate: start α at r·T̄/x̄.
    let alpha0 = (mean_t / mean_x.max(1e-3)).ln();
    [
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
    ]
}

fn fit_from(
    customers: &[Rfm],
    weights: &[f64],
    starts: &[Vec<f64>],
) -> Result<BgNbdFit, BgNbdError> {
    let prep = Prepared::new(customers, weights);
    let n: f64 = weights.iter().sum();
    let mean_nll = |th: &[f64], g: &mut [f64]| {
        let p = [th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()];
        let mut grad = [0.0; 4];
        let ll = prep.ll_grad(p[0], p[1], p[2], p[3], &mut grad);
        for i in 0..4 {
            g[i] = -grad[i] * p[i] / n;
        }
        -ll / n
    };
    let f =
        fit_log_params(mean_nll, starts, n, &["r", "alpha", "a", "b"]).map_err(BgNbdError::Fit)?;
    let mut covariance = [[0.0; 4]; 4];
    for (i, row) in covariance.iter_mut().enumerate() {
        row.copy_from_slice(f.covariance.row(i));
    }
    Ok(BgNbdFit {
        params: BgNbdParams::new(f.params[0], f.params[1], f.params[2], f.params[3])?,
        log_likelihood: f.log_likelihood,
        std_errors: [
            f.std_errors[0],
            f.std_errors[1],
            f.std_errors[2],
            f.std_errors[3],
        ],
        covariance,
        customers: customers.len(),
        weight_total: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgnbd::log_likelihood;
    use crate::weights::WeightError;
    use cxi_testkit::{assert_close, assert_rel};

    fn rfm(x: u32, tx: f64, t: f64) -> Rfm {
        Rfm {
            frequency: x,
            recency: tx,
            age: t,
            monetary_value: 0.0,
        }
    }

    /// Reference: the likelihood of a single customer evaluated from FHL
    /// eq. 6 term by term with ln Γ (not the per-x accumulation used by the
    /// fitter): the two code paths must agree, and the analytic gradient must
    /// match central differences of the likelihood.
    #[test]
    fn likelihood_paths_and_gradient_agree() {
        let data = vec![
            rfm(0, 0.0, 30.0),
            rfm(1, 2.0, 35.5),
            rfm(5, 20.0, 38.0),
            rfm(12, 37.0, 39.0),
        ];
        let prep = Prepared::new(&data, &[1.0; 4]);
        let (r, al, a, b) = (0.4, 3.0, 0.9, 2.2);
        let mut g = [0.0; 4];
        let ll = prep.ll_grad(r, al, a, b, &mut g);
        let p = BgNbdParams::new(r, al, a, b).unwrap();
        assert_close!(ll, log_likelihood(&p, &data), 1e-10);
        let base = [r, al, a, b];
        for i in 0..4 {
            let h = 1e-6 * base[i];
            let mut up = base;
            up[i] += h;
            let mut dn = base;
            dn[i] -= h;
            let f = |q: [f64; 4]| {
                log_likelihood(&BgNbdParams::new(q[0], q[1], q[2], q[3]).unwrap(), &data)
            };
            let num = (f(up) - f(dn)) / (2.0 * h);
            assert!(
                (g[i] - num).abs() < 1e-5 * (1.0 + num.abs()),
                "param {i}: {} vs {num}",
                g[i]
            );
        }
    }

    /// Reference: the same fit on the expanded table (each row repeated
    /// `weight` times): a row of weight n is n identical customers, so the
    /// estimates agree to the optimiser's tolerance (1e-6 relative) and the
    /// log-likelihoods to rounding (1e-9 relative).
    #[test]
    fn grouped_rows_fit_like_the_expanded_table() {
        let groups = [
            (rfm(0, 0.0, 38.0), 40.0),
            (rfm(0, 0.0, 30.0), 25.0),
            (rfm(1, 5.0, 36.0), 12.0),
            (rfm(1, 30.0, 35.0), 9.0),
            (rfm(2, 20.0, 38.0), 8.0),
            (rfm(3, 33.0, 37.0), 6.0),
            (rfm(4, 10.0, 39.0), 4.0),
            (rfm(6, 36.0, 38.0), 5.0),
            (rfm(9, 37.5, 39.0), 2.0),
            (rfm(5, 4.0, 39.0), 0.0),
        ];
        let rows: Vec<Rfm> = groups.iter().map(|g| g.0).collect();
        let w: Vec<f64> = groups.iter().map(|g| g.1).collect();
        let expanded: Vec<Rfm> = groups
            .iter()
            .flat_map(|(c, n)| std::iter::repeat_n(*c, *n as usize))
            .collect();
        let g = fit_weighted(&rows, &w).unwrap();
        let e = fit(&expanded).unwrap();
        let (pg, pe) = (g.params, e.params);
        for (a, b) in [
            (pg.r(), pe.r()),
            (pg.alpha(), pe.alpha()),
            (pg.a(), pe.a()),
            (pg.b(), pe.b()),
        ] {
            assert_rel!(a, b, 1e-6);
        }
        assert_rel!(g.log_likelihood, e.log_likelihood, 1e-9);
        for i in 0..4 {
            assert_rel!(g.std_errors[i], e.std_errors[i], 1e-3);
        }
        assert_eq!((g.customers, e.customers), (9, expanded.len()));
        assert_close!(g.weight_total, expanded.len() as f64, 1e-12);
    }

    #[test]
    fn bad_weights_are_refused() {
        let rows = [rfm(1, 2.0, 10.0), rfm(0, 0.0, 12.0)];
        assert_eq!(
            fit_weighted(&rows, &[1.0, -2.0]),
            Err(BgNbdError::Weights(WeightError::Invalid {
                row: 2,
                value: -2.0
            }))
        );
        assert!(matches!(
            fit_weighted(&rows, &[f64::NAN, 1.0]),
            Err(BgNbdError::Weights(WeightError::Invalid { row: 1, .. }))
        ));
        assert!(matches!(
            fit_weighted(&rows, &[1.0]),
            Err(BgNbdError::Weights(WeightError::LengthMismatch { .. }))
        ));
        // The only repeat buyer has weight 0: nobody left who bought again.
        assert_eq!(
            fit_weighted(&rows, &[0.0, 3.0]),
            Err(BgNbdError::NoRepeatPurchases)
        );
    }
}
