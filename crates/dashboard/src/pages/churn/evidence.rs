//! What loaded data tells the Churn & acquisition page: churn measured on a
//! customer table (with its interval), customers, revenue and acquisition
//! channels; small and serialisable (links and autosave carry it).

use cxi_models::acquisition::Channel;
use cxi_models::stats::{mean_interval, ConfidenceLevel};
use cxi_parse::{Customers, Dataset, Transactions};
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

/// Most acquisition channels the page edits (and the Assumptions page lists).
pub const MAX_CHANNELS: usize = 8;
/// Days in an average month (365.25 / 12): exposure in the data is counted
/// in days and turned into months with it.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// A churn rate measured on a customer table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasuredChurn {
    pub churned: u64,
    /// Customer-months observed (signup to churn, or to the table's last date).
    pub exposure_months: f64,
    /// Monthly churn probability and its 95 % interval.
    pub monthly: f64,
    pub monthly_low: f64,
    pub monthly_high: f64,
}

impl MeasuredChurn {
    /// Constant-hazard estimate from churns over exposure.
    ///
    /// # Formula
    /// `λ = d / E` churns per customer-month (the exponential MLE);
    /// 95 % interval `λ·exp(±1.96/√d)` (log-scale Wald, Rothman & Greenland,
    /// *Modern Epidemiology*, ch. 14), and `[0, 3/E]` when `d = 0` (the rule
    /// of three, Hanley & Lippman-Hand 1983); monthly churn `1 − e^(−λ)`.
    pub fn from_counts(churned: u64, exposure_months: f64) -> Option<MeasuredChurn> {
        if !(exposure_months.is_finite() && exposure_months > 0.0) {
            return None;
        }
        let d = churned as f64;
        let lambda = d / exposure_months;
        let z = ConfidenceLevel::NINETY_FIVE.z();
        let (lo, hi) = if churned == 0 {
            (0.0, 3.0 / exposure_months)
        } else {
            let k = (z / d.sqrt()).exp();
            (lambda / k, lambda * k)
        };
        let p = |l: f64| 1.0 - (-l).exp();
        Some(MeasuredChurn {
            churned,
            exposure_months,
            monthly: p(lambda),
            monthly_low: p(lo),
            monthly_high: p(hi),
        })
    }
}

/// A mean with its 95 % interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub n: u64,
}

/// What this page keeps from loaded data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ChurnEvidence {
    /// Active customers (not churned; for a transaction log, those who
    /// bought in the last 12 months).
    pub customers: Option<f64>,
    pub churn: Option<MeasuredChurn>,
    /// Churned customers left out of the rate (no signup or churn date).
    pub undated_churns: u64,
    /// Revenue per active customer per month.
    pub revenue_per_month: Option<Estimate>,
    /// Total margin over total revenue.
    pub margin_rate: Option<f64>,
    /// Spend and new customers per year, by channel.
    pub channels: Vec<Channel>,
    /// Months the channel counts cover (they are scaled to a year).
    pub channel_months: f64,
    /// True when read from a transaction log (no churn, no channels).
    pub from_transactions: bool,
}

/// This page's evidence from a validated dataset, when it says anything
/// the page uses.
pub fn evidence(d: &Dataset) -> Option<ChurnEvidence> {
    let e = match d {
        Dataset::Customers(c) => from_customers(c),
        Dataset::Transactions(t) => from_transactions(t),
        _ => return None,
    };
    let says_something = e.customers.is_some()
        || e.churn.is_some()
        || e.revenue_per_month.is_some()
        || !e.channels.is_empty();
    says_something.then_some(e)
}

fn from_customers(c: &Customers) -> ChurnEvidence {
    let n = c.id.len();
    let churned_at = |i: usize| -> Option<bool> { c.churned.as_ref().and_then(|v| v[i]) };
    let acq = |i: usize| c.acquisition_date.as_ref().and_then(|v| v[i]);
    let churn_date = |i: usize| c.churn_date.as_ref().and_then(|v| v[i]);
    let has_churn_info = c.churned.is_some();
    let active = |i: usize| churned_at(i) != Some(true);

    // The observation ends at the table's last date.
    let end = (0..n).flat_map(|i| [acq(i), churn_date(i)]).flatten().max();
    let (mut churned, mut exposure_days, mut undated) = (0u64, 0i64, 0u64);
    if let (Some(end), true) = (end, has_churn_info && c.acquisition_date.is_some()) {
        for i in 0..n {
            let Some(start) = acq(i) else {
                undated += u64::from(churned_at(i) == Some(true));
                continue;
            };
            match (churned_at(i), churn_date(i)) {
                (Some(true), Some(stop)) => {
                    churned += 1;
                    exposure_days += (stop - start).num_days().max(0);
                }
                (Some(true), None) => undated += 1,
                _ => exposure_days += (end - start).num_days().max(0),
            }
        }
    }
    let churn = if has_churn_info && c.acquisition_date.is_some() {
        MeasuredChurn::from_counts(churned, exposure_days as f64 / DAYS_PER_MONTH)
    } else {
        None
    };

    let to_month = c.period.unwrap_or(PeriodUnit::Month).per_year() / 12.0;
    let revenue_per_month = c.revenue.as_ref().and_then(|rev| {
        let values: Vec<f64> = (0..n)
            .filter(|&i| active(i))
            .filter_map(|i| rev[i])
            .filter(|v| v.is_finite())
            .map(|v| v * to_month)
            .collect();
        (!values.is_empty()).then(|| {
            let m = mean_interval(&values, ConfidenceLevel::NINETY_FIVE);
            Estimate {
                mean: m.mean,
                low: m.ci_low,
                high: m.ci_high,
                n: m.n,
            }
        })
    });
    let margin_rate = match (&c.revenue, &c.margin) {
        (Some(rev), Some(mar)) => {
            let (r, m) = (0..n)
                .filter_map(|i| Some((rev[i]?, mar[i]?)))
                .filter(|(r, m)| r.is_finite() && m.is_finite())
                .fold((0.0, 0.0), |(a, b), (r, m)| (a + r, b + m));
            (r > 0.0).then(|| (m / r).clamp(0.0, 1.0))
        }
        _ => None,
    };

    let (channels, channel_months) = match (&c.channel, &c.acquisition_cost) {
        (Some(cat), Some(cost)) => {
            let mut spend = vec![0.0; cat.labels.len()];
            let mut won = vec![0.0; cat.labels.len()];
            let mut first = None;
            let mut last = None;
            for (i, cell) in cost.iter().enumerate().take(n) {
                let Some(v) = cell.filter(|v| v.is_finite() && *v >= 0.0) else {
                    continue;
                };
                let k = cat.codes[i] as usize;
                spend[k] += v;
                won[k] += 1.0;
                if let Some(d) = acq(i) {
                    first = Some(first.map_or(d, |f: chrono::NaiveDate| f.min(d)));
                    last = Some(last.map_or(d, |l: chrono::NaiveDate| l.max(d)));
                }
            }
            // Signups over [first, last] span that many days plus the last one.
            let months = match (first, last) {
                (Some(f), Some(l)) => ((l - f).num_days() + 1) as f64 / DAYS_PER_MONTH,
                _ => 0.0,
            };
            let scale = if months >= 1.0 { 12.0 / months } else { 1.0 };
            let list = cat
                .labels
                .iter()
                .enumerate()
                .filter(|(k, _)| won[*k] > 0.0)
                .take(MAX_CHANNELS)
                .map(|(k, name)| Channel {
                    name: if name.is_empty() {
                        "—".into()
                    } else {
                        name.clone()
                    },
                    spend: spend[k] * scale,
                    new_customers: won[k] * scale,
                })
                .collect();
            (list, if months >= 1.0 { months } else { 0.0 })
        }
        _ => (Vec::new(), 0.0),
    };

    let customers = if n == 0 {
        None
    } else {
        Some((0..n).filter(|&i| active(i)).count() as f64)
    };
    ChurnEvidence {
        customers,
        churn,
        undated_churns: undated,
        revenue_per_month,
        margin_rate,
        channels,
        channel_months,
        from_transactions: false,
    }
}

/// Customers and spend of the log's last 12 months (or of the whole log
/// when shorter, per month).
fn from_transactions(t: &Transactions) -> ChurnEvidence {
    let Some(&last) = t.date.iter().max() else {
        return ChurnEvidence::default();
    };
    let first = t.date.iter().min().copied().unwrap_or(last);
    let from = last - chrono::Days::new(364);
    let start = first.max(from);
    let months = ((last - start).num_days() + 1) as f64 / DAYS_PER_MONTH;
    let mut seen = vec![false; t.customer_ids.len()];
    let mut total = 0.0;
    for i in 0..t.date.len() {
        if t.date[i] >= start && t.amount[i].is_finite() {
            seen[t.customer[i] as usize] = true;
            total += t.amount[i];
        }
    }
    let customers = seen.iter().filter(|s| **s).count() as f64;
    let revenue_per_month = (customers > 0.0 && months > 0.0).then(|| {
        let mean = total / customers / months;
        Estimate {
            mean,
            low: mean,
            high: mean,
            n: customers as u64,
        }
    });
    ChurnEvidence {
        customers: (customers > 0.0).then_some(customers),
        revenue_per_month,
        from_transactions: true,
        ..ChurnEvidence::default()
    }
}
