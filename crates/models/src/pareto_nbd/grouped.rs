//! The weighted Pareto/NBD log-likelihood the fit maximises, laid out so
//! that each evaluation does the least work: identical customers merged,
//! `ln(α+t)`, `ln(β+t)` once per distinct time, each A₀ boundary term once
//! per distinct `(x, t)`, `ln Γ(r+x) − ln Γ(r)` once per frequency.
//!
//! On CDNOW (2,357 customers): 1,016 distinct `(x, t_x, T)` rows, 341
//! distinct times and 1,040 distinct A₀ terms instead of 4,714.

use super::grad::{row_ll_grad, term, GammaRatio, PointLogs, Term, TimeLogs};
use super::params::ParetoNbdParams;
use crate::rfm::Rfm;
use crate::special::{digamma, ln_gamma};
use crate::weights::merge_identical;

/// Merged rows with the indices of their times and A₀ terms, and the
/// scratch space of one evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Grouped {
    rows: Vec<Rfm>,
    weights: Vec<f64>,
    times: Vec<f64>,
    age_index: Vec<usize>,
    /// Distinct `(frequency, time index)` of the A₀ terms.
    keys: Vec<(u32, usize)>,
    /// Per row, its terms at `t_x` and `T` (`None` when `t_x = T`).
    term_index: Vec<Option<(usize, usize)>>,
    logs: Vec<TimeLogs>,
    terms: Vec<Option<Term>>,
}

impl Grouped {
    /// Lays out `rows` (validated) with their `weights` (checked, > 0).
    pub(crate) fn new(rows: &[Rfm], weights: &[f64]) -> Self {
        let (rows, weights) = merge_identical(rows, weights);
        let mut times: Vec<f64> = rows.iter().flat_map(|c| [c.recency, c.age]).collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        let time = |t: f64| times.partition_point(|&u| u < t);
        let age_index: Vec<usize> = rows.iter().map(|c| time(c.age)).collect();
        let mut keys: Vec<(u32, usize)> = rows
            .iter()
            .filter(|c| c.recency < c.age)
            .flat_map(|c| [(c.frequency, time(c.recency)), (c.frequency, time(c.age))])
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let key = |x: u32, t: f64| {
            keys.binary_search(&(x, time(t)))
                .expect("every term key was collected")
        };
        let term_index = rows
            .iter()
            .map(|c| {
                (c.recency < c.age).then(|| (key(c.frequency, c.recency), key(c.frequency, c.age)))
            })
            .collect();
        Grouped {
            rows,
            weights,
            times,
            age_index,
            keys,
            term_index,
            logs: Vec::new(),
            terms: Vec::new(),
        }
    }

    /// The weighted log-likelihood `Σ w_i ln L_i` at `p` and its gradient in
    /// `(r, α, s, β)`, with at most `max_terms` terms per ₂F₁ (NaN when a
    /// series does not converge).
    pub(crate) fn log_likelihood_grad(
        &mut self,
        p: &ParetoNbdParams,
        max_terms: usize,
    ) -> (f64, [f64; 4]) {
        self.logs.clear();
        self.logs
            .extend(self.times.iter().map(|&t| TimeLogs::new(p, t)));
        let logs = &self.logs;
        self.terms.clear();
        self.terms.extend(
            self.keys
                .iter()
                .map(|&(x, i)| term(p, f64::from(x), &logs[i], max_terms)),
        );
        let point = PointLogs {
            ln_alpha: p.alpha().ln(),
            ln_beta: p.beta().ln(),
        };
        let (r, ln_gamma_r, psi_r) = (p.r(), ln_gamma(p.r()), digamma(p.r()));
        // Rows are sorted by frequency, starting with x = 0 where the ratio is 1.
        let mut gamma = GammaRatio { ln: 0.0, d_r: 0.0 };
        let mut last_x = 0;
        let (mut total, mut grad) = (0.0, [0.0; 4]);
        for (i, c) in self.rows.iter().enumerate() {
            if c.frequency != last_x {
                let x = f64::from(c.frequency);
                gamma = GammaRatio {
                    ln: ln_gamma(r + x) - ln_gamma_r,
                    d_r: digamma(r + x) - psi_r,
                };
                last_x = c.frequency;
            }
            let (hi, lo) = match self.term_index[i] {
                Some((h, l)) => (self.terms[h].as_ref(), self.terms[l].as_ref()),
                None => (None, None),
            };
            let age = &logs[self.age_index[i]];
            let (ll, d) = row_ll_grad(p, c, point, gamma, age, hi, lo, max_terms);
            let w = self.weights[i];
            total += w * ll;
            for (g, di) in grad.iter_mut().zip(d) {
                *g += w * di;
            }
        }
        (total, grad)
    }
}
