//! What loaded data tells the NPS → revenue page: answer counts per score and
//! segment, and the measured outcomes (retention, revenue) per NPS category
//! and CSAT/CES band with their intervals; never the rows.

use cxi_models::csat::CsatScale;
use cxi_models::nps::NpsCounts;
use cxi_models::rating::RatingScale;
use cxi_models::rating::RatingSummary;
use cxi_models::score_value::band_group;
use cxi_models::score_value::estimate_groups;
use cxi_models::score_value::nps_group;
use cxi_models::score_value::CustomerOutcome;
use cxi_models::score_value::GroupEstimate;
use cxi_models::stats::adjusted_wald_proportion;
use cxi_models::stats::ConfidenceLevel;
use cxi_parse::Dataset;
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

/// NPS answers 0–10 of one segment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SegmentScores {
    pub name: String,
    /// Rows of the segment (customers in a customer table).
    pub rows: u64,
    /// Answers per score 0..=10.
    pub scores: [u64; 11],
}

/// A CSAT or CES summary with the group outcomes by band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingEvidence {
    pub scale: RatingScale,
    pub summary: RatingSummary,
    /// Answers per scale point, lowest first.
    pub distribution: Vec<u64>,
    /// Retention per period and revenue per band (low, middle, high), when
    /// the customer table has churn dates and revenue.
    pub groups: Option<Vec<GroupEstimate>>,
}

/// What this page keeps from loaded data: answer counts and fitted group
/// outcomes with their intervals, never the rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VoiceEvidence {
    /// NPS answers per score 0..=10 over all rows, when there is an NPS column.
    pub scores: Option<[u64; 11]>,
    /// The same per segment, in order of first appearance.
    pub segments: Vec<SegmentScores>,
    /// NPS cells that are not a whole number from 0 to 10 (left out).
    pub skipped: u64,
    /// Rows of a customer table (customers), `None` for a survey.
    pub customers: Option<u64>,
    /// Period of the table's revenue and of the retentions below.
    pub unit: Option<PeriodUnit>,
    /// Retention per period and revenue per NPS category (detractor,
    /// passive, promoter), with intervals.
    pub nps_groups: Option<Vec<GroupEstimate>>,
    pub csat: Option<RatingEvidence>,
    pub ces: Option<RatingEvidence>,
}

/// Group outcomes per period from a customer table: revenue with
/// [`estimate_groups`], retention per period from the churn events over the
/// customer-periods observed.
///
/// # Formula
/// Each customer contributes `k = max(1, round(days observed / days per
/// period))` periods (signup to churn date, or to the table's last date);
/// per-period churn of a group `c / Σk` (the maximum-likelihood estimate of
/// a geometric lifetime with censoring), with the adjusted-Wald interval of
/// `c` out of `Σk` trials (Agresti & Coull 1998).
struct Outcomes<'a> {
    revenue: &'a [Option<f64>],
    churned: &'a [Option<bool>],
    churn_date: Option<&'a [Option<chrono::NaiveDate>]>,
    acquisition: &'a [Option<chrono::NaiveDate>],
    last: chrono::NaiveDate,
    days_per_period: f64,
}

impl Outcomes<'_> {
    fn groups(
        &self,
        scores: &[Option<f64>],
        labels: &[&str],
        group_of: impl Fn(f64) -> Option<usize>,
    ) -> Option<Vec<GroupEstimate>> {
        let k = labels.len();
        let mut records = Vec::new();
        let mut churn = vec![0u64; k];
        let mut trials = vec![0u64; k];
        for (i, score) in scores.iter().enumerate() {
            let (Some(score), Some(Some(revenue)), Some(Some(churned)), Some(Some(start))) = (
                *score,
                self.revenue.get(i),
                self.churned.get(i),
                self.acquisition.get(i),
            ) else {
                continue;
            };
            let Some(g) = (group_of)(score).filter(|&g| g < k) else {
                continue;
            };
            if !(revenue.is_finite() && *revenue >= 0.0) {
                continue;
            }
            let end = if *churned {
                match self.churn_date.and_then(|d| d.get(i).copied().flatten()) {
                    Some(d) => d,
                    // A churn without a date gives no exposure: leave the row out.
                    None => continue,
                }
            } else {
                self.last
            };
            let days = (end - *start).num_days().max(0) as f64;
            let periods = ((days / self.days_per_period).round() as u64).max(1);
            trials[g] += periods;
            churn[g] += u64::from(*churned);
            records.push(CustomerOutcome {
                score,
                churned: *churned,
                revenue: *revenue,
                cost_to_serve: None,
                contacts: None,
            });
        }
        if records.is_empty() {
            return None;
        }
        let conf = ConfidenceLevel::NINETY_FIVE;
        let mut est = estimate_groups(&records, labels, &group_of, conf).ok()?;
        for (g, e) in est.iter_mut().enumerate() {
            let ch = adjusted_wald_proportion(churn[g], trials[g], conf);
            e.retention.n = trials[g];
            e.retention.successes = trials[g] - churn[g].min(trials[g]);
            e.retention.estimate = if trials[g] == 0 {
                0.0
            } else {
                1.0 - ch.estimate
            };
            e.retention.ci_low = 1.0 - ch.ci_high;
            e.retention.ci_high = 1.0 - ch.ci_low;
            e.retention.margin_of_error = ch.margin_of_error;
        }
        Some(est)
    }
}

fn score_counts(values: &[Option<f64>]) -> ([u64; 11], u64) {
    let mut c = [0u64; 11];
    let mut skipped = 0;
    for v in values.iter().flatten() {
        if (0.0..=10.0).contains(v) && v.fract() == 0.0 {
            c[*v as usize] += 1;
        } else {
            skipped += 1;
        }
    }
    (c, skipped)
}

fn rating(
    values: &[Option<f64>],
    scale: RatingScale,
    outcomes: Option<&Outcomes<'_>>,
    labels: &[&str; 3],
) -> Option<RatingEvidence> {
    let ok: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| scale.accepts(*v))
        .collect();
    let summary = scale.summarise(&ok, ConfidenceLevel::NINETY_FIVE).ok()?;
    let mut distribution = vec![0u64; (scale.max - scale.min) as usize + 1];
    for v in &ok {
        distribution[(*v as usize).saturating_sub(scale.min as usize)] += 1;
    }
    let groups = outcomes.and_then(|o| {
        let vals: Vec<Option<f64>> = values
            .iter()
            .map(|v| v.filter(|x| scale.accepts(*x)))
            .collect();
        o.groups(&vals, labels, band_group(scale))
    });
    Some(RatingEvidence {
        scale,
        summary,
        distribution,
        groups,
    })
}

/// CSAT on 1–10 when any answer is above 5, else 1–5.
fn csat_scale(values: &[Option<f64>]) -> RatingScale {
    let ten = values.iter().flatten().any(|v| *v > 5.0);
    if ten {
        CsatScale::TenPoint.scale()
    } else {
        CsatScale::FivePoint.scale()
    }
}

const NPS_LABELS: [&str; 3] = ["detractor", "passive", "promoter"];
const CSAT_LABELS: [&str; 3] = ["csat_low", "csat_middle", "csat_high"];
const CES_LABELS: [&str; 3] = ["ces_difficult", "ces_neutral", "ces_easy"];

fn segments_of(nps: &[Option<f64>], segment: Option<&cxi_parse::Categories>) -> Vec<SegmentScores> {
    let Some(seg) = segment else {
        return Vec::new();
    };
    let mut out: Vec<SegmentScores> = seg
        .labels
        .iter()
        .map(|l| SegmentScores {
            name: l.clone(),
            ..SegmentScores::default()
        })
        .collect();
    for (i, code) in seg.codes.iter().enumerate() {
        let s = &mut out[*code as usize];
        s.rows += 1;
        if let Some(v) = nps.get(i).copied().flatten() {
            if (0.0..=10.0).contains(&v) && v.fract() == 0.0 {
                s.scores[v as usize] += 1;
            }
        }
    }
    // A lone segment or an empty label says nothing to filter by.
    out.retain(|s| !s.name.trim().is_empty());
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// This page's evidence from a validated dataset, when it says anything
/// the page uses (NPS, CSAT or CES answers).
pub fn evidence(d: &Dataset) -> Option<VoiceEvidence> {
    match d {
        Dataset::Customers(c) => {
            let unit = c.period.unwrap_or(PeriodUnit::Month);
            let last = c
                .acquisition_date
                .iter()
                .flatten()
                .chain(c.churn_date.iter().flatten())
                .flatten()
                .max()
                .copied();
            let outcomes = match (&c.revenue, &c.churned, &c.acquisition_date, last) {
                (Some(revenue), Some(churned), Some(acquisition), Some(last)) => Some(Outcomes {
                    revenue,
                    churned,
                    churn_date: c.churn_date.as_deref(),
                    acquisition,
                    last,
                    days_per_period: 365.25 / unit.per_year(),
                }),
                _ => None,
            };
            let mut e = VoiceEvidence {
                customers: Some(c.id.len() as u64),
                unit: Some(unit),
                ..VoiceEvidence::default()
            };
            if let Some(nps) = &c.nps {
                let (scores, skipped) = score_counts(nps);
                if scores.iter().sum::<u64>() > 0 {
                    e.scores = Some(scores);
                    e.skipped = skipped;
                    e.segments = segments_of(nps, c.segment.as_ref());
                    e.nps_groups = outcomes
                        .as_ref()
                        .and_then(|o| o.groups(nps, &NPS_LABELS, nps_group));
                }
            }
            e.csat = c
                .csat
                .as_ref()
                .and_then(|v| rating(v, csat_scale(v), outcomes.as_ref(), &CSAT_LABELS));
            e.ces = c.ces.as_ref().and_then(|v| {
                rating(
                    v,
                    cxi_models::ces::CES_SCALE,
                    outcomes.as_ref(),
                    &CES_LABELS,
                )
            });
            (e.scores.is_some() || e.csat.is_some() || e.ces.is_some()).then_some(e)
        }
        Dataset::Survey(s) => {
            let mut e = VoiceEvidence::default();
            if let Some(nps) = &s.nps {
                let (scores, skipped) = score_counts(nps);
                if scores.iter().sum::<u64>() > 0 {
                    e.scores = Some(scores);
                    e.skipped = skipped;
                    e.segments = segments_of(nps, s.segment.as_ref());
                }
            }
            e.csat = s
                .csat
                .as_ref()
                .and_then(|v| rating(v, csat_scale(v), None, &CSAT_LABELS));
            e.ces = s
                .ces
                .as_ref()
                .and_then(|v| rating(v, cxi_models::ces::CES_SCALE, None, &CES_LABELS));
            (e.scores.is_some() || e.csat.is_some() || e.ces.is_some()).then_some(e)
        }
        _ => None,
    }
}

/// Category counts of 0–10 answers.
pub fn categories(scores: &[u64; 11]) -> NpsCounts {
    NpsCounts::new(
        scores[9] + scores[10],
        scores[7] + scores[8],
        scores[..7].iter().sum(),
    )
}
