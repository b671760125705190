//! Default group economics derived from the average customer, each
//! assumption carrying its source.

use super::estimate::MAX_RETENTION;
use super::group::GroupEconomics;
use crate::nps::NpsCategory;
use serde::{Deserialize, Serialize};

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

/// Name of the relative churn factors among the [`Assumption`]s: data
/// that measure retention per group replace them.
pub const RELATIVE_CHURN: &str = "relative churn";
/// Name of the relative spend factors: data that measure spend per group
/// replace them.
pub const RELATIVE_SPEND: &str = "relative spend";
/// Name of the NPS and CSAT cost-to-serve factors: measured support
/// contacts per group replace them.
pub const RELATIVE_COST: &str = "relative cost to serve";
/// Name of the CES cost factors (they stand for support contacts):
/// measured contacts per band replace them.
pub const RELATIVE_CONTACTS: &str = "relative support contacts";

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
        illustrative(RELATIVE_CHURN, churn_k, NPS_CHURN_SOURCE),
        illustrative(RELATIVE_SPEND, spend_k, LOYALTY_ECONOMICS),
        illustrative(RELATIVE_COST, cost_k, LOYALTY_ECONOMICS),
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
    illustrative_bands(
        ["csat_low", "csat_middle", "csat_high"],
        avg,
        shares,
        Factors {
            churn: [2.0, 1.2, 0.7],
            spend: [0.85, 1.0, 1.1],
            cost: [1.2, 1.0, 0.9],
            referral_split: [0.05, 0.15, 0.80],
            wom_split: [0.80, 0.20, 0.0],
        },
        RELATIVE_COST,
        "Anderson & Mittal (2000), \"Strengthening the satisfaction-profit chain\", Journal of Service Research 3(2): satisfaction raises repurchase and retention, asymmetrically (dissatisfaction hurts more); factors are illustrative",
    )
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
    illustrative_bands(
        ["ces_difficult", "ces_neutral", "ces_easy"],
        avg,
        shares,
        Factors {
            churn: [2.5, 1.2, 0.8],
            spend: [0.9, 1.0, 1.05],
            cost: [2.0, 1.2, 1.0],
            referral_split: [0.10, 0.20, 0.70],
            wom_split: [0.80, 0.20, 0.0],
        },
        RELATIVE_CONTACTS,
        "Dixon, Freeman & Toman (2010), \"Stop Trying to Delight Your Customers\", Harvard Business Review: high-effort service drives repeat contacts and disloyalty; factors are illustrative",
    )
}

/// Three score bands calibrated on the average customer with `factors`, and
/// the three illustrative assumptions behind them (churn, spend, and the
/// cost factor under `cost_name`), all from `source`.
fn illustrative_bands(
    ids: [&'static str; 3],
    avg: &AverageCustomer,
    shares: [f64; 3],
    factors: Factors,
    cost_name: &'static str,
    source: &'static str,
) -> ([GroupEconomics; 3], Vec<Assumption>) {
    let groups = calibrated(ids, avg, shares, &factors);
    let assumptions = vec![
        illustrative(RELATIVE_CHURN, factors.churn, source),
        illustrative(RELATIVE_SPEND, factors.spend, source),
        illustrative(cost_name, factors.cost, source),
    ];
    (groups, assumptions)
}
