//! Group economics estimated from per-customer outcomes, with intervals,
//! and the score → group mappings they are grouped by.

use super::error::ScoreValueError;
use super::group::GroupEconomics;
use crate::nps::NpsCategory;
use crate::rating::{Band, RatingScale};
use crate::stats::{adjusted_wald_proportion, mean_interval, ConfidenceLevel};
use crate::stats::{MeanInterval, ProportionInterval};
use serde::{Deserialize, Serialize};

/// Retention is capped here when estimated from data (a sample with no
/// churner would otherwise give an infinite lifetime).
pub const MAX_RETENTION: f64 = 0.999;

/// One customer with a score and observed outcomes over one model period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerOutcome {
    /// Survey score (0–10 for NPS, the scale's range for CSAT/CES).
    pub score: f64,
    /// Whether the customer left during the period.
    pub churned: bool,
    /// Revenue from the customer in the period (currency).
    pub revenue: f64,
    /// Cost to serve in the period, when known.
    pub cost_to_serve: Option<f64>,
    /// Support contacts in the period, when known.
    pub contacts: Option<f64>,
}

/// Outcomes of one group estimated from customer data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEstimate {
    /// Group label.
    pub label: String,
    /// Customers in the group.
    pub n: u64,
    /// Retention (1 − churn share) with its adjusted-Wald interval.
    pub retention: ProportionInterval,
    /// Mean revenue per period with its t interval.
    pub spend: MeanInterval,
    /// Mean cost to serve, if any record had one.
    pub cost_to_serve: Option<MeanInterval>,
    /// Mean contacts, if any record had one.
    pub contacts: Option<MeanInterval>,
}

/// Estimates each group's retention, spend, cost to serve and contacts from
/// per-customer outcomes. `group_of` maps a score to a group index below
/// `labels.len()` or `None` for an invalid score (reported with its row).
///
/// # Formula
/// Retention `1 − c/n` with the adjusted-Wald interval of the churn share
/// `c/n` mirrored (Agresti & Coull 1998); means with t intervals.
pub fn estimate_groups(
    records: &[CustomerOutcome],
    labels: &[&str],
    group_of: impl Fn(f64) -> Option<usize>,
    confidence: ConfidenceLevel,
) -> Result<Vec<GroupEstimate>, ScoreValueError> {
    let k = labels.len();
    let mut churn = vec![0u64; k];
    let mut spend: Vec<Vec<f64>> = vec![Vec::new(); k];
    let mut cost: Vec<Vec<f64>> = vec![Vec::new(); k];
    let mut contacts: Vec<Vec<f64>> = vec![Vec::new(); k];
    for (i, r) in records.iter().enumerate() {
        let g = group_of(r.score)
            .filter(|&g| g < k)
            .ok_or_else(|| ScoreValueError::BadRecord {
                row: i + 1,
                message: format!("score {} is not on the scale", r.score),
            })?;
        let bad = |what: &str, v: f64| ScoreValueError::BadRecord {
            row: i + 1,
            message: format!("{what} must be a finite number at least 0: got {v}"),
        };
        if !(r.revenue.is_finite() && r.revenue >= 0.0) {
            return Err(bad("revenue", r.revenue));
        }
        if r.churned {
            churn[g] += 1;
        }
        spend[g].push(r.revenue);
        if let Some(c) = r.cost_to_serve {
            if !(c.is_finite() && c >= 0.0) {
                return Err(bad("cost to serve", c));
            }
            cost[g].push(c);
        }
        if let Some(c) = r.contacts {
            if !(c.is_finite() && c >= 0.0) {
                return Err(bad("contacts", c));
            }
            contacts[g].push(c);
        }
    }
    Ok((0..k)
        .map(|g| {
            let n = spend[g].len() as u64;
            let ch = adjusted_wald_proportion(churn[g], n, confidence);
            let retention = ProportionInterval {
                n,
                successes: n - churn[g],
                estimate: if n == 0 { 0.0 } else { 1.0 - ch.estimate },
                ci_low: 1.0 - ch.ci_high,
                ci_high: 1.0 - ch.ci_low,
                margin_of_error: ch.margin_of_error,
                confidence: ch.confidence,
            };
            let opt = |v: &Vec<f64>| (!v.is_empty()).then(|| mean_interval(v, confidence));
            GroupEstimate {
                label: labels[g].to_string(),
                n,
                retention,
                spend: mean_interval(&spend[g], confidence),
                cost_to_serve: opt(&cost[g]),
                contacts: opt(&contacts[g]),
            }
        })
        .collect())
}

/// Low, central and high economics of a group from its estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimatedEconomics {
    /// Lower ends of retention and spend, upper end of cost.
    pub low: GroupEconomics,
    /// Point estimates.
    pub central: GroupEconomics,
    /// Upper ends of retention and spend, lower end of cost.
    pub high: GroupEconomics,
}

impl GroupEstimate {
    /// Economics at the point estimate and at the interval ends. Referrals and
    /// negative word of mouth cannot be seen in transaction data and are
    /// taken from `referrals` and `negative_wom` (assumptions). Cost to serve
    /// is `cost_per_contact × contacts` when contacts were recorded and the
    /// cost per contact is given, else the recorded cost, else 0.
    ///
    /// The low/high values bound the value by the ends of each interval
    /// taken together; they are not a joint confidence level.
    pub fn economics(
        &self,
        referrals: f64,
        negative_wom: f64,
        cost_per_contact: Option<f64>,
    ) -> EstimatedEconomics {
        let cap = |r: f64| r.clamp(0.0, MAX_RETENTION);
        let cost = |pick: fn(&MeanInterval) -> f64| -> f64 {
            match (cost_per_contact, &self.contacts, &self.cost_to_serve) {
                (Some(c), Some(k), _) => c * pick(k).max(0.0),
                (_, _, Some(m)) => pick(m).max(0.0),
                _ => 0.0,
            }
        };
        let make = |r: f64, s: f64, c: f64| GroupEconomics {
            label: self.label.clone(),
            retention: cap(r),
            spend: s.max(0.0),
            cost_to_serve: c,
            referrals,
            negative_wom,
        };
        EstimatedEconomics {
            low: make(
                self.retention.ci_low,
                self.spend.ci_low,
                cost(|m| m.ci_high),
            ),
            central: make(self.retention.estimate, self.spend.mean, cost(|m| m.mean)),
            high: make(
                self.retention.ci_high,
                self.spend.ci_high,
                cost(|m| m.ci_low),
            ),
        }
    }
}

/// Group index of an NPS answer (0 detractor, 1 passive, 2 promoter).
pub fn nps_group(score: f64) -> Option<usize> {
    NpsCategory::of(score).map(|c| match c {
        NpsCategory::Detractor => 0,
        NpsCategory::Passive => 1,
        NpsCategory::Promoter => 2,
    })
}

/// Group index of a rating on `scale` (0 low, 1 middle, 2 high).
pub fn band_group(scale: RatingScale) -> impl Fn(f64) -> Option<usize> {
    move |score| scale.band(score).map(Band::index)
}
