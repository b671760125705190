//! Maximum-likelihood fit of Pareto/NBD to weighted customer rows.

use super::params::{ParetoNbdError, ParetoNbdParams};
use crate::optim::{fit_log_params, numerical_gradient};
use crate::rfm::{validate_all, Rfm};
use crate::weights::{check_weights, positive};
use serde::{Deserialize, Serialize};

/// A Pareto/NBD maximum-likelihood fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParetoNbdFit {
    /// The maximum-likelihood estimates of `(r, α, s, β)`.
    pub params: ParetoNbdParams,
    /// Total (weighted) log-likelihood at the estimates (FH-MATLAB eq. 1).
    pub log_likelihood: f64,
    /// Standard errors of `(r, alpha, s, beta)` from the observed information.
    pub std_errors: [f64; 4],
    /// Covariance matrix of `(r, alpha, s, beta)`.
    pub covariance: [[f64; 4]; 4],
    /// Customer rows the model was fitted on (rows of weight 0 left out).
    pub customers: usize,
    /// Customers those rows stand for: the sum of their weights.
    pub weight_total: f64,
}

/// Rows per partial sum of the log-likelihood: one running total over many
/// rows carries rounding noise that the numeric gradient would amplify.
const SUM_BLOCK: usize = 512;

/// Step of the central-difference gradient in log-parameters: truncation
/// error `O(h²) ≈ 10⁻¹⁰`, rounding `10⁻¹⁶/h ≈ 10⁻¹¹` of the mean NLL.
const GRADIENT_STEP: f64 = 1e-5;

/// Most terms of each ₂F₁ series inside the fit. Near `z = 1` the series
/// is replaced by its expansion in `1 − z` (`special::hyp2f1_a1`), except
/// when `σ = c − 1 − b ≥ 1`, where its terms shrink like `k^{−σ−1} z^k`:
/// this budget bounds what such a point costs in the fit (it counts as
/// infinitely unlikely beyond it) instead of letting a likelihood that
/// runs off to a boundary slow every evaluation without end.
const FIT_SERIES_TERMS: usize = 5_000;

/// Fits Pareto/NBD to customer summaries, one customer per row.
pub fn fit(customers: &[Rfm]) -> Result<ParetoNbdFit, ParetoNbdError> {
    fit_weighted(customers, &vec![1.0; customers.len()])
}

/// Fits Pareto/NBD by maximum likelihood, row `i` standing for `weights[i]`
/// identical customers (see [`crate::weights`]).
///
/// BFGS over `ln(r, α, s, β)` from three starts scaled to the data. The
/// gradient is a central difference of the likelihood (the ₂F₁ of A₀ has
/// no cheap parameter derivatives), so the standard errors, from the
/// numeric Hessian of that gradient, carry a relative error of about 10⁻⁴
/// (see [`crate::optim::fit_log_params`]). Points where A₀'s series does not
/// converge within `FIT_SERIES_TERMS` (5,000) terms count as infinitely unlikely, and
/// the line search backs away.
pub fn fit_weighted(customers: &[Rfm], weights: &[f64]) -> Result<ParetoNbdFit, ParetoNbdError> {
    validate_all(customers)?;
    check_weights(customers.len(), weights)?;
    let (rows, w) = positive(customers, weights);
    if rows.iter().all(|c| c.frequency == 0) {
        return Err(ParetoNbdError::NoRepeatPurchases);
    }
    let n: f64 = w.iter().sum();
    let mean = |f: fn(&Rfm) -> f64| rows.iter().zip(&w).map(|(c, w)| w * f(c)).sum::<f64>() / n;
    let mean_x = mean(|c| f64::from(c.frequency));
    let mean_t = mean(|c| c.age);
    // r/α is the mean purchase rate; β/s the mean lifetime, started near
    // the observation length.
    let alpha0 = (mean_t / mean_x.max(1e-3)).ln();
    let beta0 = mean_t.max(1e-3).ln();
    let starts = [
        vec![0.0, alpha0, 0.0, beta0],
        vec![
            (0.5f64).ln(),
            alpha0 + (0.5f64).ln(),
            (0.5f64).ln(),
            beta0 - 1.0,
        ],
        vec![
            (2.0f64).ln(),
            alpha0 + (2.0f64).ln(),
            (2.0f64).ln(),
            beta0 + 1.0,
        ],
    ];
    let mean_nll = |th: &[f64]| -> f64 {
        let Ok(p) = ParetoNbdParams::new(th[0].exp(), th[1].exp(), th[2].exp(), th[3].exp()) else {
            return f64::INFINITY;
        };
        let mut total = 0.0;
        for (rs, ws) in rows.chunks(SUM_BLOCK).zip(w.chunks(SUM_BLOCK)) {
            let block: f64 = rs
                .iter()
                .zip(ws)
                .map(|(c, w)| w * p.log_likelihood_within(c, FIT_SERIES_TERMS))
                .sum();
            total += block;
        }
        let v = -total / n;
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut f_for_grad = mean_nll;
    let with_grad = |th: &[f64], g: &mut [f64]| {
        let v = mean_nll(th);
        numerical_gradient(&mut f_for_grad, th, GRADIENT_STEP, g);
        v
    };
    let f = fit_log_params(with_grad, &starts, n, &["r", "alpha", "s", "beta"])
        .map_err(ParetoNbdError::Fit)?;
    let mut covariance = [[0.0; 4]; 4];
    for (i, row) in covariance.iter_mut().enumerate() {
        row.copy_from_slice(f.covariance.row(i));
    }
    Ok(ParetoNbdFit {
        params: ParetoNbdParams::new(f.params[0], f.params[1], f.params[2], f.params[3])?,
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
