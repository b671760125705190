//! Scores → money: what a promoter, passive or detractor (or a CSAT / CES
//! score band) is worth, and what moving customers between groups is worth.
//!
//! Structure: Bain's "economics of loyalty" (Markey & Reichheld 2012, Bain
//! *Loyalty Insights* "The economics of loyalty"; Reichheld & Markey 2011,
//! *The Ultimate Question 2.0*, ch. 2). Each group has its own retention,
//! spend, cost to serve, referrals (new customers brought, each worth the
//! CLV of a new customer) and negative word of mouth (prospects lost, each
//! worth the same CLV). The per-customer lifetime value uses the closed form
//! of [`crate::clv`].
//!
//! Every group economics can come from the customer data (with intervals,
//! [`estimate_groups`]) or from editable assumptions derived from the
//! average customer ([`default_nps_economics`], [`default_csat_economics`],
//! [`default_ces_economics`]), each assumption carrying its source.

#![warn(missing_docs)]

use super::clv::{ClvError, ClvInputs, FirstPayment};
use super::nps::NpsCategory;
use super::rating::{Band, RatingScale};
use super::stats::{adjusted_wald_proportion, mean_interval, ConfidenceLevel};
use super::stats::{MeanInterval, ProportionInterval};
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Retention is capped here when estimated from data (a sample with no
/// churner would otherwise give an infinite lifetime).
pub const MAX_RETENTION: f64 = 0.999;

/// Why a scores-to-money input was refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreValueError {
    /// A lifetime-value input was refused (retention, discount, margin).
    Clv { group: String, error: ClvError },
    /// A per-period amount (spend, cost, referrals…) is negative or not finite.
    BadAmount {
        group: String,
        field: &'static str,
        value: f64,
    },
    /// Margin rate outside `[0, 1]`.
    MarginRate(f64),
    /// Share to move outside `[0, 1]`.
    ShareOutOfRange(f64),
    /// Horizon longer than 1200 periods.
    HorizonTooLong(u32),
    /// A customer record is unusable (row is 1-based).
    BadRecord { row: usize, message: String },
    /// The number of groups does not match the number of counts.
    GroupCountMismatch { groups: usize, counts: usize },
    /// A group index past the last group.
    NoSuchGroup { index: usize, groups: usize },
}

impl fmt::Display for ScoreValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreValueError::Clv { group, error } => write!(f, "{group}: {error}"),
            ScoreValueError::BadAmount {
                group,
                field,
                value,
            } => write!(
                f,
                "{group}: {field} must be a finite number at least 0: got {value}"
            ),
            ScoreValueError::MarginRate(v) => {
                write!(f, "margin rate must be in [0,1]: got {v}")
            }
            ScoreValueError::ShareOutOfRange(v) => {
                write!(f, "share of customers to move must be in [0,1]: got {v}")
            }
            ScoreValueError::HorizonTooLong(h) => {
                write!(f, "horizon must be at most 1200 periods: got {h}")
            }
            ScoreValueError::BadRecord { row, message } => write!(f, "row {row}: {message}"),
            ScoreValueError::NoSuchGroup { index, groups } => write!(
                f,
                "group {index} does not exist: there are {groups} groups (0 to {})",
                groups.saturating_sub(1)
            ),
            ScoreValueError::GroupCountMismatch { groups, counts } => {
                write!(f, "{groups} groups but {counts} customer counts were given")
            }
        }
    }
}

impl std::error::Error for ScoreValueError {}

/// Per-customer economics of one group, all per model period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEconomics {
    /// Group label (`promoter`, `csat_high`…).
    pub label: String,
    /// Probability of staying from one period to the next, in `[0, 1)`.
    pub retention: f64,
    /// Revenue per customer per period (currency).
    pub spend: f64,
    /// Cost to serve per customer per period (currency).
    pub cost_to_serve: f64,
    /// New customers brought by referral, per customer per period.
    pub referrals: f64,
    /// Prospects lost through negative word of mouth, per customer per period.
    pub negative_wom: f64,
}

/// Settings shared by all groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValueSettings {
    /// Gross margin on spend, a fraction in `[0, 1]`.
    pub margin_rate: f64,
    /// Discount rate per period, a fraction greater than −1.
    pub discount: f64,
    /// Period the rates refer to.
    pub unit: PeriodUnit,
    /// Lifetime value of one newly acquired customer (currency): what a
    /// referral brings and a lost prospect costs.
    pub new_customer_value: f64,
}

/// Value of one customer of a group, split by source (currency).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupValue {
    /// Group label.
    pub label: String,
    /// Margin per period: `spend × margin_rate − cost_to_serve`.
    pub margin_per_period: f64,
    /// Discounted expected number of active periods `(1 + d)/(1 + d − r)`.
    pub active_periods: f64,
    /// Own lifetime value: margin × active periods.
    pub own_clv: f64,
    /// Referral value: referrals × active periods × new customer value.
    pub referral_value: f64,
    /// Cost of negative word of mouth (positive number, subtracted).
    pub negative_wom_cost: f64,
    /// `own_clv + referral_value − negative_wom_cost`.
    pub total: f64,
}

fn check_amount(group: &str, field: &'static str, v: f64) -> Result<(), ScoreValueError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(ScoreValueError::BadAmount {
            group: group.to_string(),
            field,
            value: v,
        })
    }
}

impl GroupEconomics {
    /// Lifetime value of one current customer of the group, counting the
    /// current period (the customer is active when surveyed).
    ///
    /// # Formula
    /// `m = spend·margin_rate − cost_to_serve`,
    /// `A = (1 + d)/(1 + d − r)` (discounted expected active periods, Fader &
    /// Hardie 2012 eq. 1 with m = 1),
    /// `V = m·A + referrals·A·CLV_new − negative_wom·A·CLV_new`.
    pub fn value(&self, s: &ValueSettings) -> Result<GroupValue, ScoreValueError> {
        if !(0.0..=1.0).contains(&s.margin_rate) {
            return Err(ScoreValueError::MarginRate(s.margin_rate));
        }
        check_amount(&self.label, "spend", self.spend)?;
        check_amount(&self.label, "cost to serve", self.cost_to_serve)?;
        check_amount(&self.label, "referrals", self.referrals)?;
        check_amount(&self.label, "negative word of mouth", self.negative_wom)?;
        if !s.new_customer_value.is_finite() {
            return Err(ScoreValueError::BadAmount {
                group: self.label.clone(),
                field: "new customer value",
                value: s.new_customer_value,
            });
        }
        let margin = self.spend * s.margin_rate - self.cost_to_serve;
        let clv = ClvInputs::new(
            margin,
            self.retention,
            s.discount,
            s.unit,
            FirstPayment::Included,
        )
        .map_err(|error| ScoreValueError::Clv {
            group: self.label.clone(),
            error,
        })?;
        let active = clv.multiple();
        let referral_value = self.referrals * active * s.new_customer_value;
        let negative_wom_cost = self.negative_wom * active * s.new_customer_value;
        let own = clv.clv();
        Ok(GroupValue {
            label: self.label.clone(),
            margin_per_period: margin,
            active_periods: active,
            own_clv: own,
            referral_value,
            negative_wom_cost,
            total: own + referral_value - negative_wom_cost,
        })
    }
}

/// Value of moving a share of one group's customers to another.
///
/// # Formula
/// `ΔV = share × customers_from × (V_to − V_from)`.
pub fn value_of_move(
    from: &GroupValue,
    to: &GroupValue,
    customers_from: f64,
    share: f64,
) -> Result<f64, ScoreValueError> {
    if !(0.0..=1.0).contains(&share) {
        return Err(ScoreValueError::ShareOutOfRange(share));
    }
    Ok(share * customers_from * (to.total - from.total))
}

/// Value of one more NPS point for a base of `customers`, by the two ways
/// of earning it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NpsPointValue {
    /// 1 % of the base moved from detractor to passive.
    pub from_detractors: f64,
    /// 1 % of the base moved from passive to promoter.
    pub from_passives: f64,
}

/// "Value of +1 NPS point": moving 1 % of all customers up one category
/// raises NPS by exactly one point.
///
/// # Formula
/// `customers/100 × (V_passive − V_detractor)` and
/// `customers/100 × (V_promoter − V_passive)`; `values` are in the order
/// detractor, passive, promoter.
pub fn value_of_nps_point(values: &[GroupValue; 3], customers: f64) -> NpsPointValue {
    NpsPointValue {
        from_detractors: customers / 100.0 * (values[1].total - values[0].total),
        from_passives: customers / 100.0 * (values[2].total - values[1].total),
    }
}

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

/// Where a default assumption comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssumptionKind {
    /// A figure published in the cited source.
    Published,
    /// A value chosen to follow the direction the source describes; replace
    /// it with your own data.
    Illustrative,
}

/// One editable default with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// What the figure is, e.g. `promoter share of referrals`.
    pub name: &'static str,
    /// Its value per group (low/detractor first).
    pub values: [f64; 3],
    /// Published figure or illustrative value.
    pub kind: AssumptionKind,
    /// Where the figure or its direction comes from.
    pub source: &'static str,
}

/// The average customer, per period, from which defaults are derived.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AverageCustomer {
    /// Retention per period, a fraction in `[0, 1)`.
    pub retention: f64,
    /// Revenue per customer per period (currency).
    pub spend: f64,
    /// Cost to serve per customer per period (currency).
    pub cost_to_serve: f64,
    /// Referrals per customer per period, on average.
    pub referrals: f64,
    /// Prospects lost per customer per period, on average.
    pub negative_wom: f64,
}

/// Economics per group from the average customer and relative factors,
/// calibrated so that the customer-weighted averages equal the average
/// customer's.
///
/// # Formula
/// churn_g = churn̄ · k_g / Σ_h share_h k_h (likewise spend, cost, and the
/// word-of-mouth totals are split as `total · split_g / share_g`).
struct Factors {
    churn: [f64; 3],
    spend: [f64; 3],
    cost: [f64; 3],
    referral_split: [f64; 3],
    wom_split: [f64; 3],
}

fn calibrated(
    labels: [&str; 3],
    avg: &AverageCustomer,
    shares: [f64; 3],
    k: &Factors,
) -> [GroupEconomics; 3] {
    let (churn_k, spend_k, cost_k) = (k.churn, k.spend, k.cost);
    let (referral_split, wom_split) = (k.referral_split, k.wom_split);
    let total: f64 = shares.iter().sum();
    let sh: [f64; 3] = if total > 0.0 {
        [shares[0] / total, shares[1] / total, shares[2] / total]
    } else {
        [1.0 / 3.0; 3]
    };
    let norm = |k: [f64; 3]| -> f64 { (0..3).map(|g| sh[g] * k[g]).sum::<f64>().max(1e-300) };
    let (nc, ns, nk) = (norm(churn_k), norm(spend_k), norm(cost_k));
    let churn = 1.0 - avg.retention;
    std::array::from_fn(|g| {
        let per_customer = |split: [f64; 3], total: f64| {
            if sh[g] > 0.0 {
                total * split[g] / sh[g]
            } else {
                0.0
            }
        };
        GroupEconomics {
            label: labels[g].to_string(),
            retention: (1.0 - churn * churn_k[g] / nc).clamp(0.0, MAX_RETENTION),
            spend: avg.spend * spend_k[g] / ns,
            cost_to_serve: avg.cost_to_serve * cost_k[g] / nk,
            referrals: per_customer(referral_split, avg.referrals),
            negative_wom: per_customer(wom_split, avg.negative_wom),
        }
    })
}

const LOYALTY_ECONOMICS: &str = "Markey & Reichheld (2012), \"The economics of loyalty\", Bain & Company Loyalty Insights: promoters defect less, spend more and cost less to serve than detractors";

/// Why detractors churn 4× as often as promoters by default: promoters are
/// "more than five times as likely to repurchase" as detractors (stated
/// intent), with 73–87 % of promoters likely to repurchase depending on the
/// industry; 80 % vs 16 % repurchase is 20 % vs 84 % churn, a 4.2× ratio.
const NPS_CHURN_SOURCE: &str = "Temkin Group (2013), \"The Economics of Net Promoter\" (10,000 US consumers, 19 industries): promoters are more than five times as likely as detractors to repurchase; the 4:1 detractor:promoter churn ratio used here follows from about 80 % vs 16 % repurchase intent";

/// Default NPS-category economics (detractor, passive, promoter) and the
/// assumptions behind them.
///
/// Published: promoters generate 80–90 % of referrals (Bain, Net Promoter
/// System, "Loyalty economics"; midpoint 85 % used) and detractors account
/// for 80–90 % of negative word of mouth (Reichheld 2006, *The Ultimate
/// Question*, ch. 2; midpoint 85 %). Illustrative: the relative churn,
/// spend and cost-to-serve factors, which follow the direction Bain
/// describes but are not published figures.
pub fn default_nps_economics(
    avg: &AverageCustomer,
    shares: [f64; 3],
) -> ([GroupEconomics; 3], Vec<Assumption>) {
    let churn_k = [2.0, 1.0, 0.5];
    let spend_k = [0.8, 1.0, 1.2];
    let cost_k = [1.3, 1.0, 0.8];
    let referral_split = [0.05, 0.10, 0.85];
    let wom_split = [0.85, 0.15, 0.0];
    let labels = NpsCategory::ALL.map(|c| c.id());
    let groups = calibrated(
        labels,
        avg,
        shares,
        &Factors {
            churn: churn_k,
            spend: spend_k,
            cost: cost_k,
            referral_split,
            wom_split,
        },
    );
    let assumptions = vec![
        Assumption {
            name: "share of referrals",
            values: referral_split,
            kind: AssumptionKind::Published,
            source: "Bain & Company, Net Promoter System, \"Loyalty economics\": promoters generate 80 to 90 percent of referrals (85 % used; rest split illustratively)",
        },
        Assumption {
            name: "share of negative word of mouth",
            values: wom_split,
            kind: AssumptionKind::Published,
            source: "Reichheld (2006), The Ultimate Question, ch. 2: detractors account for 80 to 90 percent of negative word of mouth (85 % used; rest to passives)",
        },
        illustrative("relative churn", churn_k, NPS_CHURN_SOURCE),
        illustrative("relative spend", spend_k, LOYALTY_ECONOMICS),
        illustrative("relative cost to serve", cost_k, LOYALTY_ECONOMICS),
    ];
    (groups, assumptions)
}

/// A default that only follows the direction its source describes.
fn illustrative(name: &'static str, values: [f64; 3], source: &'static str) -> Assumption {
    Assumption {
        name,
        values,
        kind: AssumptionKind::Illustrative,
        source,
    }
}

/// Default CSAT-band economics (low, middle, high satisfaction). Referrals and
/// negative word of mouth are split like NPS categories only if the average
/// customer has any; churn and spend factors are illustrative.
pub fn default_csat_economics(
    avg: &AverageCustomer,
    shares: [f64; 3],
) -> ([GroupEconomics; 3], Vec<Assumption>) {
    let churn_k = [2.0, 1.2, 0.7];
    let spend_k = [0.85, 1.0, 1.1];
    let cost_k = [1.2, 1.0, 0.9];
    let groups = calibrated(
        ["csat_low", "csat_middle", "csat_high"],
        avg,
        shares,
        &Factors {
            churn: churn_k,
            spend: spend_k,
            cost: cost_k,
            referral_split: [0.05, 0.15, 0.80],
            wom_split: [0.80, 0.20, 0.0],
        },
    );
    let source = "Anderson & Mittal (2000), \"Strengthening the satisfaction-profit chain\", Journal of Service Research 3(2): satisfaction raises repurchase and retention, asymmetrically (dissatisfaction hurts more); factors are illustrative";
    let assumptions = vec![
        illustrative("relative churn", churn_k, source),
        illustrative("relative spend", spend_k, source),
        illustrative("relative cost to serve", cost_k, source),
    ];
    (groups, assumptions)
}

/// Default CES-band economics (difficult, neutral, easy). Effort drives
/// repeat contacts and so cost to serve, and churn.
///
/// `avg.cost_to_serve` is taken as the average contact cost per customer per
/// period; the band factors on it stand for contacts per customer.
pub fn default_ces_economics(
    avg: &AverageCustomer,
    shares: [f64; 3],
) -> ([GroupEconomics; 3], Vec<Assumption>) {
    let churn_k = [2.5, 1.2, 0.8];
    let spend_k = [0.9, 1.0, 1.05];
    let contacts_k = [2.0, 1.2, 1.0];
    let groups = calibrated(
        ["ces_difficult", "ces_neutral", "ces_easy"],
        avg,
        shares,
        &Factors {
            churn: churn_k,
            spend: spend_k,
            cost: contacts_k,
            referral_split: [0.10, 0.20, 0.70],
            wom_split: [0.80, 0.20, 0.0],
        },
    );
    let source = "Dixon, Freeman & Toman (2010), \"Stop Trying to Delight Your Customers\", Harvard Business Review: high-effort service drives repeat contacts and disloyalty; factors are illustrative";
    let assumptions = vec![
        illustrative("relative churn", churn_k, source),
        illustrative("relative spend", spend_k, source),
        illustrative("relative support contacts", contacts_k, source),
    ];
    (groups, assumptions)
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

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn settings() -> ValueSettings {
        ValueSettings {
            margin_rate: 0.5,
            discount: 0.1,
            unit: PeriodUnit::Year,
            new_customer_value: 300.0,
        }
    }

    fn group(label: &str, r: f64, spend: f64, cost: f64, f: f64, w: f64) -> GroupEconomics {
        GroupEconomics {
            label: label.into(),
            retention: r,
            spend,
            cost_to_serve: cost,
            referrals: f,
            negative_wom: w,
        }
    }

    /// Reference: hand computation. Promoter: r = 0.9, spend 200, margin 50 %,
    /// cost 20 → m = 80; A = 1.1/0.2 = 5.5; own = 440; referrals 0.1/yr ×
    /// 5.5 × 300 = 165; total 605. Detractor: r = 0.6, spend 150, cost 30 →
    /// m = 45, A = 1.1/0.5 = 2.2, own 99, negative WOM 0.2 × 2.2 × 300 = 132,
    /// total −33.
    #[test]
    fn bain_structure_hand_computed() {
        let p = group("promoter", 0.9, 200.0, 20.0, 0.1, 0.0)
            .value(&settings())
            .unwrap();
        assert_close!(p.margin_per_period, 80.0, 1e-12);
        assert_close!(p.active_periods, 5.5, 1e-12);
        assert_close!(p.own_clv, 440.0, 1e-9);
        assert_close!(p.referral_value, 165.0, 1e-9);
        assert_close!(p.total, 605.0, 1e-9);
        let d = group("detractor", 0.6, 150.0, 30.0, 0.0, 0.2)
            .value(&settings())
            .unwrap();
        assert_close!(d.own_clv, 99.0, 1e-9);
        assert_close!(d.negative_wom_cost, 132.0, 1e-9);
        assert!((d.total + 33.0).abs() < 1e-9);
        // Moving 10 % of 1 000 detractors to promoters: 100 × (605 + 33).
        let gain = value_of_move(&d, &p, 1000.0, 0.1).unwrap();
        assert_close!(gain, 63_800.0, 1e-6);
        assert_eq!(
            value_of_move(&d, &p, 1000.0, 1.5),
            Err(ScoreValueError::ShareOutOfRange(1.5))
        );
    }

    /// Reference: hand computation. Values −33, 200, 605 and 10 000 customers:
    /// +1 point from detractors = 100 × 233 = 23 300; from passives = 100 × 405.
    #[test]
    fn nps_point_value() {
        let mk = |t: f64| GroupValue {
            label: String::new(),
            margin_per_period: 0.0,
            active_periods: 0.0,
            own_clv: t,
            referral_value: 0.0,
            negative_wom_cost: 0.0,
            total: t,
        };
        let v = value_of_nps_point(&[mk(-33.0), mk(200.0), mk(605.0)], 10_000.0);
        assert_close!(v.from_detractors, 23_300.0, 1e-9);
        assert_close!(v.from_passives, 40_500.0, 1e-9);
    }

    /// Reference: hand computation of a 3-period projection. One group of 100
    /// customers, r = 0.5, spend 10, referrals 0.2 → existing 1000, 500, 250;
    /// pool W = 0, 20, 20·0.5 + 10 = 20 → word of mouth 0, 200, 200.
    #[test]
    fn projection_hand_computed() {
        let g = [group("all", 0.5, 10.0, 0.0, 0.2, 0.0)];
        let p = project_revenue(&g, &[100.0], &settings(), 3).unwrap();
        assert_eq!(p.existing, vec![1000.0, 500.0, 250.0]);
        assert_eq!(p.word_of_mouth, vec![0.0, 200.0, 200.0]);
        assert_close!(p.sum, 2150.0, 1e-9);
        let pv = 1000.0 + 700.0 / 1.1 + 450.0 / 1.21;
        assert_close!(p.present_value, pv, 1e-9);
    }

    #[test]
    fn moving_detractors_up_raises_revenue() {
        let avg = AverageCustomer {
            retention: 0.8,
            spend: 100.0,
            cost_to_serve: 10.0,
            referrals: 0.05,
            negative_wom: 0.05,
        };
        let (groups, assumptions) = default_nps_economics(&avg, [0.3, 0.3, 0.4]);
        assert_eq!(assumptions.len(), 5);
        // Calibration: the customer-weighted averages equal the average customer.
        let shares = [0.3, 0.3, 0.4];
        let r: f64 = groups
            .iter()
            .zip(shares)
            .map(|(g, s)| g.retention * s)
            .sum();
        let s: f64 = groups.iter().zip(shares).map(|(g, s)| g.spend * s).sum();
        let f: f64 = groups
            .iter()
            .zip(shares)
            .map(|(g, s)| g.referrals * s)
            .sum();
        assert!((r - 0.8).abs() < 1e-12 && (s - 100.0).abs() < 1e-9 && (f - 0.05).abs() < 1e-12);
        let c = compare_move(&groups, &[300.0, 300.0, 400.0], &settings(), 0, 2, 0.2, 5).unwrap();
        assert!(c.revenue_gain > 0.0);
        assert_close!(c.scenario_customers[0], 240.0, 1e-9);
        assert_close!(c.scenario_customers[2], 460.0, 1e-9);
        assert_eq!(
            compare_move(&groups, &[1.0, 1.0, 1.0], &settings(), 0, 3, 0.1, 5),
            Err(ScoreValueError::NoSuchGroup {
                index: 3,
                groups: 3
            })
        );
    }

    /// Reference: hand computation. Promoters (scores 9, 10, 10, 9): one churner
    /// of 4 → retention 0.75; revenue 100, 200, 300, 400 → mean 250.
    #[test]
    fn estimates_from_customer_data() {
        let rec = |score: f64, churned: bool, revenue: f64| CustomerOutcome {
            score,
            churned,
            revenue,
            cost_to_serve: Some(10.0),
            contacts: None,
        };
        let data = vec![
            rec(9.0, false, 100.0),
            rec(10.0, true, 200.0),
            rec(10.0, false, 300.0),
            rec(9.0, false, 400.0),
            rec(3.0, true, 50.0),
            rec(7.0, false, 80.0),
        ];
        let est = estimate_groups(
            &data,
            &["detractor", "passive", "promoter"],
            nps_group,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap();
        let p = &est[2];
        assert_eq!(p.n, 4);
        assert_close!(p.retention.estimate, 0.75, 1e-12);
        assert!(p.retention.ci_low < 0.75 && p.retention.ci_high > 0.75);
        assert_close!(p.spend.mean, 250.0, 1e-12);
        let e = p.economics(0.1, 0.0, None);
        assert_close!(e.central.retention, 0.75, 1e-12);
        assert_close!(e.central.cost_to_serve, 10.0, 1e-12);
        let v = |g: &GroupEconomics| g.value(&settings()).unwrap().total;
        assert!(v(&e.low) <= v(&e.central) && v(&e.central) <= v(&e.high));
        let bad = estimate_groups(
            &[rec(11.0, false, 1.0)],
            &["d", "p", "pr"],
            nps_group,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap_err();
        assert_eq!(bad.to_string(), "row 1: score 11 is not on the scale");
    }

    #[test]
    fn refusals() {
        let g = group("promoter", 1.0, 1.0, 0.0, 0.0, 0.0);
        assert!(matches!(
            g.value(&settings()),
            Err(ScoreValueError::Clv { .. })
        ));
        let g = group("promoter", 0.5, -1.0, 0.0, 0.0, 0.0);
        assert_eq!(
            g.value(&settings()).unwrap_err().to_string(),
            "promoter: spend must be a finite number at least 0: got -1"
        );
        let mut s = settings();
        s.margin_rate = 1.5;
        assert_eq!(
            group("x", 0.5, 1.0, 0.0, 0.0, 0.0).value(&s),
            Err(ScoreValueError::MarginRate(1.5))
        );
    }
}
