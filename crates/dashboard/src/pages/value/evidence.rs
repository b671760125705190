//! What loaded data leaves for the Customer value page: fitted parameters
//! with their covariance and a compressed customer base, never the rows.
//!
//! * transaction log → RFM (distinct purchase days, [`cxi_models::rfm`]) →
//!   BG/NBD and Gamma-Gamma fits, the customers binned on `(x, t_x, T)`
//!   with counts and mean spend, and the candidates for "customers at risk";
//! * RFM summary → the same fits;
//! * cohort table → one sBG fitted to all cohorts, and the pooled observed
//!   survival;
//! * customer table → retention per period from churn flags and tenure,
//!   mean revenue and margin per period (the closed form's inputs), and,
//!   with acquisition and churn dates, the monthly cohorts and their sBG.
//!
//! Per-segment summaries are kept when the data has a segment column.

use chrono::{Datelike, NaiveDate};
use cxi_models::bgnbd;
use cxi_models::bgnbd::BgNbdParams;
use cxi_models::gamma_gamma;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm::TimeConvention;
use cxi_models::rfm_clv;
use cxi_models::rfm_clv::ClvSettings;
use cxi_models::sbg;
use cxi_parse::Categories;
use cxi_parse::Cohorts;
use cxi_parse::Customers;
use cxi_parse::Dataset;
use cxi_parse::Transactions;
use cxi_types::period::PeriodUnit;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use super::fit_basis::{unit_for_span, FitFailure};

/// Most bins kept of the RFM summary: enough for a smooth histogram and
/// exact-to-a-cent totals, few enough that the page recomputes every CLV
/// in a few milliseconds and the JSON stays small.
pub const MAX_BINS: usize = 600;
/// Candidates kept for the "customers at risk" table, overall.
pub const AT_RISK_CANDIDATES: usize = 60;
/// Candidates kept per segment.
pub const AT_RISK_PER_SEGMENT: usize = 20;
/// Segments kept apart; more and the page shows all customers only.
pub const MAX_SEGMENTS: usize = 20;
/// Horizon and discount used to rank candidates at load time (the page
/// re-ranks them with the user's).
const RANK_MONTHS: u32 = 36;
const RANK_DISCOUNT: f64 = 0.10;
/// Below this P(alive) a customer is probably lost already: their value is
/// gone rather than at risk, and a retention action comes too late.
pub const LOST_BELOW: f64 = 0.10;

/// A model the data could feed, or why it could not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unfitted {
    Sbg(FitFailure),
    BgNbd(FitFailure),
    GammaGamma(FitFailure),
}

/// Retention and margin per period measured on a customer table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableEvidence {
    /// `None`: all customers.
    pub segment: Option<String>,
    pub unit: PeriodUnit,
    pub customers: usize,
    /// Customers flagged as churned.
    pub churned: usize,
    /// Customer-periods observed (from acquisition to churn or to the end
    /// of the data); `None` without acquisition dates.
    pub exposure: Option<f64>,
    /// Retention per period, `1 − churned / exposure`.
    pub retention: Option<f64>,
    /// Its standard error (binomial, one trial per customer-period).
    pub retention_se: Option<f64>,
    /// Mean revenue and margin per customer per period.
    pub revenue: Option<f64>,
    pub margin: Option<f64>,
}

/// An sBG fitted to cohorts, with the survival it was fitted to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SbgEvidence {
    pub segment: Option<String>,
    pub unit: PeriodUnit,
    pub alpha: f64,
    pub beta: f64,
    pub covariance: [[f64; 2]; 2],
    pub log_likelihood: f64,
    pub cohorts: usize,
    /// Customers at period 0 over all cohorts.
    pub customers: f64,
    /// Pooled observed survival `(period, S)`: the product of each period's
    /// retention over the cohorts observed at both ends (life table).
    pub observed: Vec<(u32, f64)>,
}

/// One bin of the RFM summary: customers with the same frequency and
/// (rounded) recency and age. Serialised as an array to stay small.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin(
    /// `x`
    pub u32,
    /// `t_x` (mean over the bin, model units)
    pub f64,
    /// `T`
    pub f64,
    /// customers
    pub u32,
    /// mean of their `z̄` (0 without repeat purchases)
    pub f64,
    /// segment index + 1, 0 when none
    pub u16,
);

impl Bin {
    pub fn rfm(&self) -> Rfm {
        Rfm {
            frequency: self.0,
            recency: self.1,
            age: self.2,
            monetary_value: self.4,
        }
    }
    pub fn count(&self) -> u32 {
        self.3
    }
    pub fn segment(&self) -> u16 {
        self.5
    }
}

/// One customer who may be lost: high value if alive, low P(alive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    /// Segment index + 1, 0 when none.
    pub segment: u16,
    pub frequency: u32,
    pub recency: f64,
    pub age: f64,
    pub monetary: f64,
}

impl Candidate {
    pub fn rfm(&self) -> Rfm {
        Rfm {
            frequency: self.frequency,
            recency: self.recency,
            age: self.age,
            monetary_value: self.monetary,
        }
    }
}

/// BG/NBD and Gamma-Gamma fits and the compressed customer base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BgNbdEvidence {
    /// Model time unit of `alpha`, recency and age.
    pub unit: PeriodUnit,
    /// Whether the unit was read from the data (a transaction log) or
    /// assumed (an RFM table does not say).
    pub unit_assumed: bool,
    /// How a transaction log became recency and T; `None` for an RFM table
    /// (made elsewhere) and for evidence saved before the convention was kept.
    #[serde(default)]
    pub convention: Option<TimeConvention>,
    pub params: BgNbdParams,
    pub covariance: [[f64; 4]; 4],
    pub log_likelihood: f64,
    pub gamma_gamma: Option<GammaGammaParams>,
    #[serde(default)]
    pub gg_covariance: [[f64; 3]; 3],
    /// Frequency–spend correlation (the model assumes about 0).
    #[serde(default)]
    pub gg_correlation: f64,
    pub customers: usize,
    /// Segment names; a bin's or candidate's segment `k > 0` is `segments[k − 1]`.
    pub segments: Vec<String>,
    /// Rounding step of recency and age in the bins, model units.
    pub grid: f64,
    pub bins: Vec<Bin>,
    pub at_risk: Vec<Candidate>,
}

/// Everything the page keeps from loaded data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueEvidence {
    /// From a customer table: all customers first, then each segment.
    pub table: Vec<TableEvidence>,
    /// From a cohort table or a customer table with dates: all first.
    pub sbg: Vec<SbgEvidence>,
    pub bgnbd: Option<BgNbdEvidence>,
    /// Models the data could have fed but that could not be fitted.
    pub unfitted: Vec<Unfitted>,
    /// A transaction log's calibration/holdout check (`None` for other
    /// data and for evidence saved before the check existed).
    pub holdout: Option<super::holdout::HoldoutCheck>,
}

impl ValueEvidence {
    /// Segment names the evidence keeps apart.
    pub fn segments(&self) -> Vec<String> {
        if let Some(b) = &self.bgnbd {
            return b.segments.clone();
        }
        let from_table = self.table.iter().filter_map(|t| t.segment.clone());
        let from_sbg = self.sbg.iter().filter_map(|t| t.segment.clone());
        let mut out: Vec<String> = Vec::new();
        for s in from_table.chain(from_sbg) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

/// The page's evidence from a validated dataset.
pub fn evidence(d: &Dataset) -> Option<ValueEvidence> {
    let e = match d {
        Dataset::Transactions(t) => from_transactions(t),
        Dataset::Rfm(r) => {
            let rows: Vec<Rfm> = (0..r.frequency.len())
                .map(|i| Rfm {
                    frequency: r.frequency[i].max(0.0).round() as u32,
                    recency: r.recency[i],
                    age: r.t[i],
                    monetary_value: r.monetary_value.as_ref().and_then(|m| m[i]).unwrap_or(0.0),
                })
                .collect();
            let numbers: Vec<String>;
            let ids: Vec<&str> = match &r.id {
                Some(ids) => ids.iter().map(String::as_str).collect(),
                None => {
                    numbers = r.rows.iter().map(|n| format!("#{n}")).collect();
                    numbers.iter().map(String::as_str).collect()
                }
            };
            // lifetimes' and CDNOW's convention; the file does not say.
            from_rfm(&rows, &ids, &[], &[], PeriodUnit::Week, true)
        }
        Dataset::Cohort(c) => from_cohorts(c),
        Dataset::Customers(c) => from_customers(c),
        Dataset::Survey(_) => return None,
    };
    let says_something =
        !e.table.is_empty() || !e.sbg.is_empty() || e.bgnbd.is_some() || !e.unfitted.is_empty();
    says_something.then_some(e)
}

fn from_transactions(t: &Transactions) -> ValueEvidence {
    let (Some(first), Some(last)) = (t.date.iter().min(), t.date.iter().max()) else {
        return ValueEvidence::default();
    };
    let unit = unit_for_span((*last - *first).num_days());
    let table = match super::parsed_rfm::summarize_parsed(t, unit, TimeConvention::Days, None) {
        Ok(table) => table,
        Err(_) => {
            return ValueEvidence {
                unfitted: vec![Unfitted::BgNbd(FitFailure::NotEnoughData)],
                ..ValueEvidence::default()
            }
        }
    };
    // Each customer's segment: the one of their first purchase.
    let (names, seg_of_customer) = match &t.segment {
        Some(cats) => customer_segments(t, cats),
        None => (Vec::new(), Vec::new()),
    };
    let segs: Vec<u16> = if names.is_empty() {
        Vec::new()
    } else {
        table
            .customer
            .iter()
            .map(|&c| seg_of_customer[c as usize])
            .collect()
    };
    drop(seg_of_customer);
    let ids: Vec<&str> = table
        .customer
        .iter()
        .map(|&c| t.customer_ids[c as usize].as_str())
        .collect();
    let rows = table.rfm;
    drop(table.customer);
    let mut e = from_rfm(&rows, &ids, &segs, &names, unit, false);
    if let Some(b) = &mut e.bgnbd {
        b.convention = Some(TimeConvention::Days);
    }
    e.holdout = super::holdout::holdout_check(t, None, None);
    e
}

/// Segment names (at most [`MAX_SEGMENTS`], else none) and each customer's
/// segment index + 1, by customer number (empty when no names).
fn customer_segments(t: &Transactions, cats: &Categories) -> (Vec<String>, Vec<u16>) {
    let used: Vec<usize> = (0..cats.labels.len())
        .filter(|&k| !cats.labels[k].is_empty())
        .collect();
    if used.is_empty() || used.len() > MAX_SEGMENTS {
        return (Vec::new(), Vec::new());
    }
    let names: Vec<String> = used.iter().map(|&k| cats.labels[k].clone()).collect();
    // Segment + 1 of each label code, 0 for an empty label.
    let mut of_code = vec![0u16; cats.labels.len()];
    for (p, &k) in used.iter().enumerate() {
        of_code[k] = p as u16 + 1;
    }
    let mut seg = vec![u16::MAX; t.customer_ids.len()];
    for (row, &c) in t.customer.iter().enumerate() {
        let s = &mut seg[c as usize];
        if *s == u16::MAX {
            let code = cats.codes.get(row).copied().unwrap_or(0) as usize;
            *s = of_code.get(code).copied().unwrap_or(0);
        }
    }
    // A customer of no row (none should be) is in no segment.
    for s in &mut seg {
        if *s == u16::MAX {
            *s = 0;
        }
    }
    (names, seg)
}

/// Fits BG/NBD and Gamma-Gamma, bins the customers and picks the
/// candidates at risk. `segs[i]` is customer `i`'s segment + 1 (empty: none).
pub fn from_rfm(
    rows: &[Rfm],
    ids: &[&str],
    segs: &[u16],
    names: &[String],
    unit: PeriodUnit,
    unit_assumed: bool,
) -> ValueEvidence {
    let mut out = ValueEvidence::default();
    let bg = match bgnbd::fit(rows) {
        Ok(f) => f,
        Err(e) => {
            out.unfitted.push(Unfitted::BgNbd((&e).into()));
            return out;
        }
    };
    let gg = match gamma_gamma::fit(rows) {
        Ok(f) => Some(f),
        Err(e) => {
            out.unfitted.push(Unfitted::GammaGamma((&e).into()));
            None
        }
    };
    let seg = |i: usize| segs.get(i).copied().unwrap_or(0);
    let bins = bin_customers(rows, segs, MAX_BINS);
    let grid = bins.1;
    let at_risk = match &gg {
        Some(g) => candidates(rows, ids, &seg, &bg.params, &g.params, unit),
        None => Vec::new(),
    };
    out.bgnbd = Some(BgNbdEvidence {
        unit,
        unit_assumed,
        convention: None,
        params: bg.params,
        covariance: bg.covariance,
        log_likelihood: bg.log_likelihood,
        gamma_gamma: gg.as_ref().map(|g| g.params),
        gg_covariance: gg.as_ref().map_or([[0.0; 3]; 3], |g| g.covariance),
        gg_correlation: gg.as_ref().map_or(0.0, |g| g.frequency_spend_correlation),
        customers: rows.len(),
        segments: if segs.is_empty() {
            Vec::new()
        } else {
            names.to_vec()
        },
        grid,
        bins: bins.0,
        at_risk,
    });
    out
}

fn round_to(v: f64, step: f64) -> f64 {
    (v * step).round() / step
}

/// Groups customers on `(x, t_x, T, segment)` with recency and age rounded
/// to a grid of `g` model units, `g` doubling from 1 until at most `max`
/// bins remain; frequencies above 30 are grouped by 2, 4, 8… as well. Each
/// bin keeps its customers' mean recency, age and spend (recency ≤ age
/// still holds for the means).
pub fn bin_customers(rows: &[Rfm], segs: &[u16], max: usize) -> (Vec<Bin>, f64) {
    type Key = (u32, i64, i64, u16);
    /// Sums of recency, age, count, spend × x and x.
    type Sums = (f64, f64, u32, f64, f64);
    let mut g = 1.0f64;
    loop {
        let xg = g as u32;
        let mut map: FxHashMap<Key, Sums> = FxHashMap::default();
        for (i, r) in rows.iter().enumerate() {
            let x_key = if r.frequency > 30 {
                30 + (r.frequency - 30) / xg * xg
            } else {
                r.frequency
            };
            let key = (
                x_key,
                (r.recency / g).round() as i64,
                (r.age / g).round() as i64,
                segs.get(i).copied().unwrap_or(0),
            );
            let e = map.entry(key).or_insert((0.0, 0.0, 0, 0.0, 0.0));
            let x = f64::from(r.frequency);
            e.0 += r.recency;
            e.1 += r.age;
            e.2 += 1;
            e.3 += r.monetary_value * x;
            e.4 += x;
        }
        if map.len() <= max || g > 1e6 {
            let mut bins: Vec<Bin> = map
                .into_iter()
                .map(|(k, (rs, ts, n, spend_x, xs))| {
                    let nf = f64::from(n);
                    // The bin's x: the mean frequency, rounded (exact up to 30).
                    let x = (xs / nf).round() as u32;
                    let tx = if x == 0 { 0.0 } else { round_to(rs / nf, 1e3) };
                    let t = round_to(ts / nf, 1e3).max(tx);
                    // Mean spend per repeat purchase over the bin's purchases.
                    let m = if xs > 0.0 {
                        round_to(spend_x / xs, 100.0)
                    } else {
                        0.0
                    };
                    Bin(x, tx, t, n, m, k.3)
                })
                .collect();
            bins.sort_by(|a, b| {
                (a.5, a.0, a.2, a.1)
                    .partial_cmp(&(b.5, b.0, b.2, b.1))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            return (bins, g);
        }
        g *= 2.0;
    }
}

/// Customers with the most value at risk at load time: `AT_RISK_CANDIDATES`
/// overall and `AT_RISK_PER_SEGMENT` per segment, among those with
/// P(alive) ≥ [`LOST_BELOW`], ranked on
/// `(1 − P(alive)) × value if alive` over 36 months at 10 % a year (the
/// page re-ranks them with the user's horizon and rate).
fn candidates(
    rows: &[Rfm],
    ids: &[&str],
    seg: &dyn Fn(usize) -> u16,
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    unit: PeriodUnit,
) -> Vec<Candidate> {
    let Ok(settings) = ClvSettings::new(unit, PeriodUnit::Month, RANK_MONTHS, RANK_DISCOUNT, 1.0)
    else {
        return Vec::new();
    };
    // Value if alive depends on (x, T) only: one series per distinct pair.
    let mut memo: FxHashMap<(u32, u64), f64> = FxHashMap::default();
    let mut scored: Vec<(f64, usize)> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let Ok(p) = bg.p_alive(r.frequency, r.recency, r.age) else {
            continue;
        };
        if p < LOST_BELOW {
            continue;
        }
        let alive_value = *memo
            .entry((r.frequency, r.age.to_bits()))
            .or_insert_with(|| value_if_alive(bg, gg, r, &settings).unwrap_or(0.0));
        let Ok(spend) = gg.expected_average_spend(r.frequency, r.monetary_value.max(0.0)) else {
            continue;
        };
        let var = alive_value * spend * (1.0 - p);
        if var.is_finite() && var > 0.0 {
            scored.push((var, i));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut keep: Vec<usize> = scored
        .iter()
        .take(AT_RISK_CANDIDATES)
        .map(|&(_, i)| i)
        .collect();
    let mut per_seg: FxHashMap<u16, usize> = FxHashMap::default();
    for &(_, i) in &scored {
        let s = seg(i);
        if s == 0 {
            continue;
        }
        let n = per_seg.entry(s).or_insert(0);
        if *n < AT_RISK_PER_SEGMENT {
            *n += 1;
            if !keep.contains(&i) {
                keep.push(i);
            }
        }
    }
    keep.into_iter()
        .map(|i| Candidate {
            id: ids
                .get(i)
                .map_or_else(|| format!("#{}", i + 1), |s| s.to_string()),
            segment: seg(i),
            frequency: rows[i].frequency,
            recency: rows[i].recency,
            age: rows[i].age,
            monetary: round_to(rows[i].monetary_value, 100.0),
        })
        .collect()
}

/// Discounted expected purchases over the horizon of a customer with
/// `(x, T)` who is surely alive, per unit of spend: the BG/NBD conditional
/// expectation divided by P(alive) (FHL 2005 eq. 10 is the product of the
/// two), evaluated at `t_x = T` where P(alive) is far from 0.
pub fn value_if_alive(
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    r: &Rfm,
    settings: &ClvSettings,
) -> Option<f64> {
    let probe = Rfm {
        frequency: r.frequency,
        recency: r.age,
        age: r.age,
        monetary_value: 1.0,
    };
    let v = rfm_clv::customer_value(bg, gg, &probe, settings).ok()?;
    let spend = v.expected_spend;
    (v.p_alive > 0.0 && spend > 0.0).then(|| v.clv / (settings.margin_rate() * spend * v.p_alive))
}

fn from_cohorts(c: &Cohorts) -> ValueEvidence {
    let unit = c.period.unwrap_or(PeriodUnit::Month);
    // sBG needs consecutive periods from 0.
    let run = c
        .periods
        .iter()
        .enumerate()
        .take_while(|&(k, &p)| p as usize == k)
        .count();
    let cohorts: Vec<Vec<f64>> = c
        .alive
        .iter()
        .map(|row| row.iter().take(run).map_while(|v| *v).collect())
        .filter(|v: &Vec<f64>| !v.is_empty())
        .collect();
    let mut out = ValueEvidence::default();
    match sbg_evidence(&cohorts, unit, None) {
        Ok(e) => out.sbg.push(e),
        Err(f) => out.unfitted.push(Unfitted::Sbg(f)),
    }
    out
}

/// Fits the sBG to `cohorts` and pools their observed survival.
pub fn sbg_evidence(
    cohorts: &[Vec<f64>],
    unit: PeriodUnit,
    segment: Option<String>,
) -> Result<SbgEvidence, FitFailure> {
    let fit = sbg::fit_cohorts(cohorts).map_err(|e| FitFailure::from(&e))?;
    Ok(SbgEvidence {
        segment,
        unit,
        alpha: fit.params.alpha(),
        beta: fit.params.beta(),
        covariance: fit.covariance,
        log_likelihood: fit.log_likelihood,
        cohorts: cohorts.iter().filter(|c| c.len() >= 2).count(),
        customers: cohorts.iter().map(|c| c[0]).sum(),
        observed: pooled_survival(cohorts),
    })
}

/// Life-table survival over cohorts of different lengths:
/// `S(t) = Π_{k ≤ t} Σ alive_k / Σ alive_{k−1}`, each ratio over the
/// cohorts observed at `k`.
pub fn pooled_survival(cohorts: &[Vec<f64>]) -> Vec<(u32, f64)> {
    let longest = cohorts.iter().map(|c| c.len()).max().unwrap_or(0);
    let mut out = vec![(0, 1.0)];
    let mut s = 1.0;
    for k in 1..longest {
        let (mut now, mut before) = (0.0, 0.0);
        for c in cohorts.iter().filter(|c| c.len() > k) {
            now += c[k];
            before += c[k - 1];
        }
        if before <= 0.0 {
            break;
        }
        s *= now / before;
        out.push((k as u32, s));
    }
    out
}

/// Whole months from `a` to `b` (a calendar month counts once its day is
/// reached).
fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    let m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    if b.day() < a.day() {
        m - 1
    } else {
        m
    }
}

fn from_customers(c: &Customers) -> ValueEvidence {
    let unit = c.period.unwrap_or(PeriodUnit::Month);
    let n = c.id.len();
    let mut out = ValueEvidence::default();
    // Groups: all, then each segment.
    let mut groups: Vec<(Option<String>, Vec<usize>)> = vec![(None, (0..n).collect())];
    if let Some(cats) = &c.segment {
        let used: Vec<usize> = (0..cats.labels.len())
            .filter(|&k| !cats.labels[k].is_empty())
            .collect();
        if !used.is_empty() && used.len() <= MAX_SEGMENTS {
            for k in used {
                let rows: Vec<usize> = (0..n)
                    .filter(|&i| cats.codes.get(i).copied() == Some(k as u32))
                    .collect();
                groups.push((Some(cats.labels[k].clone()), rows));
            }
        }
    }
    // End of observation: the last date the table mentions.
    let end = c
        .acquisition_date
        .iter()
        .chain(c.churn_date.iter())
        .flat_map(|v| v.iter().flatten())
        .max()
        .copied();
    for (segment, rows) in &groups {
        let t = table_evidence(c, rows, unit, end, segment.clone());
        if t.retention.is_some() || t.revenue.is_some() || t.margin.is_some() {
            out.table.push(t);
        }
        // Monthly cohorts from the dates.
        if let (Some(acq), Some(end)) = (&c.acquisition_date, end) {
            let cohorts = monthly_cohorts(c, acq, rows, end);
            if !cohorts.is_empty() {
                match sbg_evidence(&cohorts, PeriodUnit::Month, segment.clone()) {
                    Ok(e) => out.sbg.push(e),
                    Err(f) if segment.is_none() => out.unfitted.push(Unfitted::Sbg(f)),
                    Err(_) => {}
                }
            }
        }
    }
    out
}

fn churned_of(c: &Customers, i: usize) -> Option<bool> {
    c.churned
        .as_ref()
        .and_then(|v| v[i])
        .or_else(|| c.churn_date.as_ref().map(|v| v[i].is_some()))
}

fn table_evidence(
    c: &Customers,
    rows: &[usize],
    unit: PeriodUnit,
    end: Option<NaiveDate>,
    segment: Option<String>,
) -> TableEvidence {
    let mean = |col: &Option<Vec<Option<f64>>>| {
        let v = col.as_ref()?;
        let vals: Vec<f64> = rows.iter().filter_map(|&i| v[i]).collect();
        (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
    };
    let churned = rows
        .iter()
        .filter(|&&i| churned_of(c, i) == Some(true))
        .count();
    // Exposure in months from acquisition to churn date (or the end).
    let exposure = match (&c.acquisition_date, end, unit) {
        (Some(acq), Some(end), PeriodUnit::Month) => {
            let mut e = 0.0;
            for &i in rows {
                let Some(start) = acq[i] else { continue };
                let stop = c.churn_date.as_ref().and_then(|d| d[i]).unwrap_or(end);
                // A customer who churns in their first month was exposed one.
                e += f64::from(months_between(start, stop).max(0) + 1);
            }
            (e > 0.0).then_some(e)
        }
        _ => None,
    };
    let (retention, retention_se) = match exposure {
        Some(e) if c.churned.is_some() || c.churn_date.is_some() => {
            let q = churned as f64 / e;
            (Some(1.0 - q), Some((q * (1.0 - q) / e).sqrt()))
        }
        _ => (None, None),
    };
    TableEvidence {
        segment,
        unit,
        customers: rows.len(),
        churned,
        exposure,
        retention,
        retention_se,
        revenue: mean(&c.revenue),
        margin: mean(&c.margin),
    }
}

/// Customers alive `k` months after acquisition, by acquisition month
/// (`k` while `acquisition + k` months ≤ the end of the data). A customer
/// who churns `L` months after acquisition paid periods `0…L − 1`, and
/// period 0 in any case.
fn monthly_cohorts(
    c: &Customers,
    acq: &[Option<NaiveDate>],
    rows: &[usize],
    end: NaiveDate,
) -> Vec<Vec<f64>> {
    let mut by_month: std::collections::BTreeMap<(i32, u32), Vec<Option<i32>>> = Default::default();
    for &i in rows {
        let Some(start) = acq[i] else { continue };
        let life = c
            .churn_date
            .as_ref()
            .and_then(|d| d[i])
            .map(|d| months_between(start, d).max(0));
        // A churn flag without a date: the lifetime is unknown, leave out.
        if life.is_none() && churned_of(c, i) == Some(true) {
            continue;
        }
        by_month
            .entry((start.year(), start.month()))
            .or_default()
            .push(life);
    }
    by_month
        .into_iter()
        .map(|((y, m), lives)| {
            let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(end);
            // Periods fully observed for the whole cohort.
            let seen = (months_between(first, end) - 1).max(0) as usize;
            (0..=seen)
                .map(|k| {
                    lives
                        .iter()
                        .filter(|l| k == 0 || l.is_none_or(|l| l as usize > k))
                        .count() as f64
                })
                .collect::<Vec<f64>>()
        })
        .collect()
}
