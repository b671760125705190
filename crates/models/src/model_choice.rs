//! Which of several fitted repeat-purchase models suits the data best.
//!
//! With a holdout period for every candidate, the criterion is the mean
//! absolute error of the per-customer holdout purchases
//! ([`crate::holdout::HoldoutReport::mae`]): the forecast the models are
//! used for is each customer's (their CLV, whom to target), and a total
//! lets over- and under-forecasts of different customers cancel, so a
//! model can get the total right for the wrong reasons. Without a holdout
//! it is the Bayesian information criterion of the calibration fit (Schwarz
//! 1978), `BIC = k ln n − 2 LL`, `n` the customers, `k` the parameters
//! (4 for BG/NBD, Pareto/NBD and MBG/NBD, so with equal `k` the ranking is
//! the log-likelihood's). Lower is better for both.

use serde::Serialize;
use std::fmt;

/// One fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate<K> {
    /// What the caller calls the model.
    pub key: K,
    /// Log-likelihood of the calibration fit.
    pub log_likelihood: f64,
    /// Number of estimated parameters.
    pub parameters: u32,
    /// Mean absolute error of the per-customer holdout purchases, when the
    /// model was checked on a holdout period.
    pub holdout_mae: Option<f64>,
}

/// The criterion a [`Choice`] ranked the candidates by (lower is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Mean absolute error of the per-customer holdout purchases.
    HoldoutMae,
    /// `k ln n − 2 LL` of the calibration fit.
    Bic,
}

/// The best candidate, the second best and by how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice<K> {
    /// How the candidates were ranked.
    pub criterion: Criterion,
    /// The best candidate's key.
    pub winner: K,
    /// Its score under `criterion`.
    pub winner_score: f64,
    /// The second best's key and score, when there are two candidates or more.
    pub runner_up: Option<(K, f64)>,
    /// Runner-up score minus winner score (≥ 0; ΔBIC or the MAE
    /// difference); `None` with a single candidate.
    pub margin: Option<f64>,
}

/// Why no choice could be made.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceError {
    /// No candidate was given.
    NoCandidates,
    /// Some candidates have a holdout error and others do not: they cannot
    /// be ranked on one criterion.
    PartialHoldout,
    /// A candidate's log-likelihood or holdout error is not a finite
    /// number, or its holdout error is negative (index from 0).
    NotFinite {
        /// Position of the candidate.
        index: usize,
    },
    /// The number of customers is not a positive finite number (BIC).
    Customers(f64),
}

impl fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChoiceError::NoCandidates => write!(f, "no model to choose from"),
            ChoiceError::PartialHoldout => write!(
                f,
                "some models have a holdout error and others do not: they cannot be compared"
            ),
            ChoiceError::NotFinite { index } => write!(
                f,
                "model {} has a log-likelihood or holdout error that is not a finite number",
                index + 1
            ),
            ChoiceError::Customers(n) => {
                write!(f, "the number of customers must be positive: got {n}")
            }
        }
    }
}

impl std::error::Error for ChoiceError {}

/// The Bayesian information criterion.
///
/// # Formula
/// `BIC = k ln n − 2 LL` (Schwarz 1978), `k` parameters, `n` observations
/// (here customers), `LL` the maximised log-likelihood.
pub fn bic(log_likelihood: f64, parameters: u32, customers: f64) -> f64 {
    f64::from(parameters) * customers.ln() - 2.0 * log_likelihood
}

/// Ranks `candidates` by their holdout MAE when all have one, else by BIC
/// with `customers` the number of customers they were fitted on; ties go
/// to the earlier candidate.
pub fn choose<K: Clone>(
    candidates: &[Candidate<K>],
    customers: f64,
) -> Result<Choice<K>, ChoiceError> {
    if candidates.is_empty() {
        return Err(ChoiceError::NoCandidates);
    }
    let with_holdout = candidates
        .iter()
        .filter(|c| c.holdout_mae.is_some())
        .count();
    let criterion = match with_holdout {
        0 => Criterion::Bic,
        n if n == candidates.len() => Criterion::HoldoutMae,
        _ => return Err(ChoiceError::PartialHoldout),
    };
    if criterion == Criterion::Bic && !(customers.is_finite() && customers > 0.0) {
        return Err(ChoiceError::Customers(customers));
    }
    let mut scored = Vec::with_capacity(candidates.len());
    for (index, c) in candidates.iter().enumerate() {
        let score = match (criterion, c.holdout_mae) {
            (Criterion::HoldoutMae, Some(mae)) if mae >= 0.0 => mae,
            (Criterion::Bic, _) => bic(c.log_likelihood, c.parameters, customers),
            _ => f64::NAN,
        };
        if !score.is_finite() {
            return Err(ChoiceError::NotFinite { index });
        }
        scored.push((score, index));
    }
    // Stable: equal scores keep the candidates' order.
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (best, i) = scored[0];
    let runner_up = scored
        .get(1)
        .map(|&(score, j)| (candidates[j].key.clone(), score));
    Ok(Choice {
        criterion,
        winner: candidates[i].key.clone(),
        winner_score: best,
        margin: runner_up.as_ref().map(|(_, s)| s - best),
        runner_up,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn c(key: &'static str, ll: f64, mae: Option<f64>) -> Candidate<&'static str> {
        Candidate {
            key,
            log_likelihood: ll,
            parameters: 4,
            holdout_mae: mae,
        }
    }

    /// Reference: by hand, n = 2,357 customers, k = 4: 4 ln 2357 =
    /// 4 × 7.765145 = 31.060579; BIC(−9582.43) = 31.060579 + 19164.86 =
    /// 19195.920579, BIC(−9594.98) = 19221.020579, BIC(−9582.14) =
    /// 19195.340579; the winner is the third (ΔBIC 0.58 over the first).
    #[test]
    fn bic_by_hand() {
        assert_close!(bic(-9582.43, 4, 2357.0), 19_195.920_579, 1e-6);
        let all = [
            c("bgnbd", -9582.43, None),
            c("pareto-nbd", -9594.98, None),
            c("mbgnbd", -9582.14, None),
        ];
        let ch = choose(&all, 2357.0).unwrap();
        assert_eq!(ch.criterion, Criterion::Bic);
        assert_eq!(ch.winner, "mbgnbd");
        assert_close!(ch.winner_score, 19_195.340_579, 1e-6);
        let (second, score) = ch.runner_up.unwrap();
        assert_eq!(second, "bgnbd");
        assert_close!(score, 19_195.920_579, 1e-6);
        assert_close!(ch.margin.unwrap(), 0.58, 1e-9);
        // More parameters cost k ln n: 5 parameters and 2 more log-likelihood
        // units lose to 4 (ln 2357 = 7.77 > 2 × 2).
        let mut rich = c("rich", -9580.43, None);
        rich.parameters = 5;
        let ch = choose(&[c("bgnbd", -9582.43, None), rich], 2357.0).unwrap();
        assert_eq!(ch.winner, "bgnbd");
        assert_close!(ch.margin.unwrap(), 2357f64.ln() - 4.0, 1e-9);
    }

    /// Reference: with a holdout the MAE decides even against the
    /// likelihood (Pareto/NBD's lower LL, lower MAE, as on CDNOW); equal
    /// scores go to the first; a single candidate has no runner-up.
    #[test]
    fn holdout_error_decides() {
        let all = [
            c("bgnbd", -9582.43, Some(0.7855)),
            c("pareto-nbd", -9594.98, Some(0.7545)),
            c("mbgnbd", -9582.14, Some(0.7648)),
        ];
        let ch = choose(&all, 2357.0).unwrap();
        assert_eq!(ch.criterion, Criterion::HoldoutMae);
        assert_eq!((ch.winner, ch.winner_score), ("pareto-nbd", 0.7545));
        assert_eq!(ch.runner_up, Some(("mbgnbd", 0.7648)));
        assert_close!(ch.margin.unwrap(), 0.0103, 1e-12);
        let tie = choose(&[c("a", -1.0, Some(0.5)), c("b", -2.0, Some(0.5))], 10.0).unwrap();
        assert_eq!((tie.winner, tie.margin), ("a", Some(0.0)));
        let one = choose(&[c("a", -1.0, None)], 10.0).unwrap();
        assert_eq!((one.runner_up, one.margin), (None, None));
    }

    #[test]
    fn what_cannot_be_ranked_is_refused() {
        assert_eq!(choose::<&str>(&[], 10.0), Err(ChoiceError::NoCandidates));
        assert_eq!(
            choose(&[c("a", -1.0, Some(0.5)), c("b", -2.0, None)], 10.0),
            Err(ChoiceError::PartialHoldout)
        );
        assert_eq!(
            choose(&[c("a", -1.0, None), c("b", f64::NAN, None)], 10.0),
            Err(ChoiceError::NotFinite { index: 1 })
        );
        assert_eq!(
            choose(&[c("a", -1.0, Some(-0.1))], 10.0),
            Err(ChoiceError::NotFinite { index: 0 })
        );
        assert_eq!(
            choose(&[c("a", -1.0, None)], 0.0),
            Err(ChoiceError::Customers(0.0))
        );
    }
}
