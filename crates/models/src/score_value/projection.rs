//! Revenue projected over a horizon for a customer base split into groups,
//! and a baseline against a moved-up scenario.

use super::error::{check_amount, ScoreValueError};
use super::group::{GroupEconomics, ValueSettings};
use serde::{Deserialize, Serialize};

/// Revenue by period for a customer base split into groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevenueProjection {
    /// Revenue per period from the current customers, `t = 0..horizon`.
    pub existing: Vec<f64>,
    /// Revenue per period from customers gained (or, if negative, prospects
    /// lost) through word of mouth.
    pub word_of_mouth: Vec<f64>,
    /// `existing + word_of_mouth`.
    pub total: Vec<f64>,
    /// Sum of `total`, undiscounted.
    pub sum: f64,
    /// Sum of `total` discounted at the settings' rate, `Σ total_t/(1+d)^t`.
    pub present_value: f64,
}

/// Projects revenue over `horizon` periods with no new acquisition other than
/// word of mouth.
///
/// # Formula
/// Existing customers: `E_t = Σ_g N_g r_g^t s_g`.
/// Word-of-mouth pool: `W_0 = 0`, `W_{t+1} = W_t r̄ + Σ_g N_g r_g^t (f_g − w_g)`,
/// revenue `W_t s̄`, with `r̄`, `s̄` the customer-weighted average retention and
/// spend of the base (new customers are assumed average).
pub fn project_revenue(
    groups: &[GroupEconomics],
    customers: &[f64],
    settings: &ValueSettings,
    horizon: u32,
) -> Result<RevenueProjection, ScoreValueError> {
    if groups.len() != customers.len() {
        return Err(ScoreValueError::GroupCountMismatch {
            groups: groups.len(),
            counts: customers.len(),
        });
    }
    if horizon > 1200 {
        return Err(ScoreValueError::HorizonTooLong(horizon));
    }
    for (g, &n) in groups.iter().zip(customers) {
        g.value(settings)?;
        check_amount(&g.label, "customers", n)?;
    }
    let total_n: f64 = customers.iter().sum();
    let (r_bar, s_bar) = if total_n > 0.0 {
        (
            groups
                .iter()
                .zip(customers)
                .map(|(g, n)| g.retention * n)
                .sum::<f64>()
                / total_n,
            groups
                .iter()
                .zip(customers)
                .map(|(g, n)| g.spend * n)
                .sum::<f64>()
                / total_n,
        )
    } else {
        (0.0, 0.0)
    };
    let h = horizon as usize;
    let mut existing = Vec::with_capacity(h);
    let mut wom = Vec::with_capacity(h);
    let mut alive: Vec<f64> = customers.to_vec();
    let mut pool = 0.0;
    for _ in 0..h {
        existing.push(groups.iter().zip(&alive).map(|(g, n)| n * g.spend).sum());
        wom.push(pool * s_bar);
        let net: f64 = groups
            .iter()
            .zip(&alive)
            .map(|(g, n)| n * (g.referrals - g.negative_wom))
            .sum();
        pool = pool * r_bar + net;
        for (n, g) in alive.iter_mut().zip(groups) {
            *n *= g.retention;
        }
    }
    let total: Vec<f64> = existing.iter().zip(&wom).map(|(a, b)| a + b).collect();
    let present_value = total
        .iter()
        .enumerate()
        .map(|(t, v)| v / (1.0 + settings.discount).powi(t as i32))
        .sum();
    Ok(RevenueProjection {
        sum: total.iter().sum(),
        present_value,
        existing,
        word_of_mouth: wom,
        total,
    })
}

/// Baseline against a scenario in which a share of the lowest group moves up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioComparison {
    /// Projection of the current mix.
    pub baseline: RevenueProjection,
    /// Projection after the move.
    pub scenario: RevenueProjection,
    /// `scenario.sum − baseline.sum`.
    pub revenue_gain: f64,
    /// `scenario.present_value − baseline.present_value`.
    pub present_value_gain: f64,
    /// Customers per group in the scenario.
    pub scenario_customers: Vec<f64>,
}

/// Moves `share` of group `from` to group `to`, then projects both bases.
pub fn compare_move(
    groups: &[GroupEconomics],
    customers: &[f64],
    settings: &ValueSettings,
    from: usize,
    to: usize,
    share: f64,
    horizon: u32,
) -> Result<ScenarioComparison, ScoreValueError> {
    if !(0.0..=1.0).contains(&share) {
        return Err(ScoreValueError::ShareOutOfRange(share));
    }
    for index in [from, to] {
        if index >= groups.len() {
            return Err(ScoreValueError::NoSuchGroup {
                index,
                groups: groups.len(),
            });
        }
    }
    let baseline = project_revenue(groups, customers, settings, horizon)?;
    let mut moved = customers.to_vec();
    let k = moved[from] * share;
    moved[from] -= k;
    moved[to] += k;
    let scenario = project_revenue(groups, &moved, settings, horizon)?;
    Ok(ScenarioComparison {
        revenue_gain: scenario.sum - baseline.sum,
        present_value_gain: scenario.present_value - baseline.present_value,
        baseline,
        scenario,
        scenario_customers: moved,
    })
}
