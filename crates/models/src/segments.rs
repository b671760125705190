//! Every metric by a segment column (region, plan, channel…) with the
//! per-segment n and interval, and RFM segmentation of customers.

#![warn(missing_docs)]

use super::nps::{NpsCategory, NpsCounts, NpsEstimate};
use super::rating::{RatingError, RatingScale, RatingSummary};
use super::stats::{adjusted_wald_proportion, mean_interval, ConfidenceLevel};
use super::stats::{MeanInterval, ProportionInterval};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// Why a segmented computation was refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentError {
    /// The segment column and the value column differ in length.
    LengthMismatch { values: usize, segments: usize },
    /// A value is invalid (row is 1-based).
    BadValue { row: usize, message: String },
    /// RFM needs 2 to 10 score levels.
    BadQuantiles(u8),
}

impl fmt::Display for SegmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentError::LengthMismatch { values, segments } => write!(
                f,
                "{values} values but {segments} segment labels: the columns must have the same rows"
            ),
            SegmentError::BadValue { row, message } => write!(f, "row {row}: {message}"),
            SegmentError::BadQuantiles(q) => {
                write!(f, "RFM score levels must be from 2 to 10: got {q}")
            }
        }
    }
}

impl std::error::Error for SegmentError {}

/// FxHash (rustc's hasher): much faster than SipHash on short labels, and
/// there is no untrusted-key denial-of-service concern in a local tool.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Dense ids for segment labels, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentIndex {
    /// Label of each id.
    pub names: Vec<String>,
    /// Id of each row.
    pub ids: Vec<u32>,
}

impl SegmentIndex {
    /// Maps each label to a dense id.
    pub fn new<S: AsRef<str>>(labels: &[S]) -> SegmentIndex {
        let mut map: FxMap<&str, u32> = FxMap::default();
        let mut names = Vec::new();
        let mut ids = Vec::with_capacity(labels.len());
        for l in labels {
            let l = l.as_ref();
            let next = names.len() as u32;
            let id = *map.entry(l).or_insert_with(|| {
                names.push(l.to_string());
                next
            });
            ids.push(id);
        }
        SegmentIndex { names, ids }
    }

    /// Number of distinct segments.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Row indices of each segment.
    pub fn rows(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.names.len()];
        for (i, &id) in self.ids.iter().enumerate() {
            out[id as usize].push(i);
        }
        out
    }

    /// Gathers `values` by segment and summarises each group with `f`.
    fn summarise<T>(self, values: &[f64], f: impl Fn(&[f64]) -> T) -> Vec<Segmented<T>> {
        let rows = self.rows();
        self.names
            .into_iter()
            .zip(rows)
            .map(|(segment, rows)| {
                let v: Vec<f64> = rows.iter().map(|&i| values[i]).collect();
                Segmented {
                    segment,
                    n: v.len() as u64,
                    value: f(&v),
                }
            })
            .collect()
    }
}

/// A metric for one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segmented<T> {
    /// Segment label.
    pub segment: String,
    /// Rows in the segment.
    pub n: u64,
    /// The metric.
    pub value: T,
}

fn check_len(values: usize, segments: usize) -> Result<(), SegmentError> {
    if values == segments {
        Ok(())
    } else {
        Err(SegmentError::LengthMismatch { values, segments })
    }
}

/// NPS with its adjusted-Wald interval for each segment (first-appearance
/// order), in one pass over the answers.
pub fn nps_by_segment<S: AsRef<str>>(
    scores: &[f64],
    segments: &[S],
    confidence: ConfidenceLevel,
) -> Result<Vec<Segmented<NpsEstimate>>, SegmentError> {
    check_len(scores.len(), segments.len())?;
    let index = SegmentIndex::new(segments);
    let mut counts = vec![NpsCounts::default(); index.len()];
    for (i, (&s, &id)) in scores.iter().zip(&index.ids).enumerate() {
        match NpsCategory::of(s) {
            Some(c) => counts[id as usize].add(c),
            None => {
                return Err(SegmentError::BadValue {
                    row: i + 1,
                    message: format!("NPS answer must be a whole number from 0 to 10: got {s}"),
                })
            }
        }
    }
    Ok(index
        .names
        .into_iter()
        .zip(counts)
        .map(|(segment, c)| Segmented {
            segment,
            n: c.n(),
            // Every segment has at least one answer, so this cannot fail.
            value: c.estimate(confidence).expect("segment has answers"),
        })
        .collect())
}

/// Rating summary (CSAT, CES) for each segment.
pub fn ratings_by_segment<S: AsRef<str>>(
    scores: &[f64],
    segments: &[S],
    scale: RatingScale,
    confidence: ConfidenceLevel,
) -> Result<Vec<Segmented<RatingSummary>>, SegmentError> {
    check_len(scores.len(), segments.len())?;
    scale.validate(scores).map_err(|e| match e {
        RatingError::OutOfScale { index, .. } => SegmentError::BadValue {
            row: index + 1,
            message: e.to_string(),
        },
        RatingError::Empty => SegmentError::BadValue {
            row: 0,
            message: e.to_string(),
        },
    })?;
    Ok(SegmentIndex::new(segments).summarise(scores, |v| {
        scale
            .summarise(v, confidence)
            .expect("validated, non-empty")
    }))
}

/// Mean with its t interval for each segment (for CLV, revenue, tenure…).
pub fn mean_by_segment<S: AsRef<str>>(
    values: &[f64],
    segments: &[S],
    confidence: ConfidenceLevel,
) -> Result<Vec<Segmented<MeanInterval>>, SegmentError> {
    check_len(values.len(), segments.len())?;
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(SegmentError::BadValue {
            row: i + 1,
            message: format!("value must be a finite number: got {}", values[i]),
        });
    }
    Ok(SegmentIndex::new(segments).summarise(values, |v| mean_interval(v, confidence)))
}

/// Share of `true` with its adjusted-Wald interval for each segment (churn
/// rate, repeat-purchase rate, penetration…).
pub fn proportion_by_segment<S: AsRef<str>>(
    flags: &[bool],
    segments: &[S],
    confidence: ConfidenceLevel,
) -> Result<Vec<Segmented<ProportionInterval>>, SegmentError> {
    check_len(flags.len(), segments.len())?;
    let index = SegmentIndex::new(segments);
    let mut yes = vec![0u64; index.len()];
    let mut all = vec![0u64; index.len()];
    for (&f, &id) in flags.iter().zip(&index.ids) {
        all[id as usize] += 1;
        yes[id as usize] += f as u64;
    }
    Ok(index
        .names
        .into_iter()
        .enumerate()
        .map(|(k, segment)| Segmented {
            segment,
            n: all[k],
            value: adjusted_wald_proportion(yes[k], all[k], confidence),
        })
        .collect())
}

/// One customer's recency, frequency and monetary value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmCustomer {
    /// Customer identifier.
    pub id: String,
    /// Days since the last purchase (lower is better).
    pub recency_days: f64,
    /// Number of purchases in the window.
    pub frequency: f64,
    /// Total (or average) spend in the window, in currency.
    pub monetary: f64,
}

/// Named RFM segments of the usual recency × frequency grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RfmSegment {
    /// Recent and frequent: reward them.
    Champions,
    /// Frequent, fairly recent: upsell.
    LoyalCustomers,
    /// Recent, average frequency: offer membership.
    PotentialLoyalists,
    /// Very recent, first purchases: onboard them.
    NewCustomers,
    /// Recent, one purchase: build the habit.
    Promising,
    /// Middling recency and frequency: reactivate.
    NeedAttention,
    /// Fading, low frequency: win back soon.
    AboutToSleep,
    /// Used to buy often, long gone: win back now.
    CannotLoseThem,
    /// Used to buy fairly often, long gone.
    AtRisk,
    /// Long gone, low frequency.
    Hibernating,
    /// Oldest and least frequent.
    Lost,
}

impl RfmSegment {
    /// All segments, best first.
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::LoyalCustomers,
        RfmSegment::PotentialLoyalists,
        RfmSegment::NewCustomers,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::CannotLoseThem,
        RfmSegment::AtRisk,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// Segment of recency and frequency scores on a 1–5 scale.
    ///
    /// # Formula
    /// First match wins: Champions R≥4 ∧ F≥4; Loyal R=3 ∧ F≥4; Potential
    /// loyalists R≥4 ∧ F∈{2,3}; New R=5 ∧ F=1; Promising R=4 ∧ F=1; Need
    /// attention R=3 ∧ F=3; About to sleep R=3 ∧ F≤2; Cannot lose them R≤2 ∧
    /// F=5; At risk R≤2 ∧ F∈{3,4}; Hibernating R=2 ∧ F≤2; Lost R=1 ∧ F≤2.
    /// Every (R, F) pair falls in exactly one segment.
    ///
    /// Source: the 11-segment R×F grid common in CRM practice, on quintile
    /// scores as in Hughes (1994), *Strategic Database Marketing*, and
    /// Blattberg, Kim & Neslin (2008), *Database Marketing*, ch. 12.
    pub fn of(r: u8, f: u8) -> RfmSegment {
        match (r, f) {
            (4..=5, 4..=5) => RfmSegment::Champions,
            (3, 4..=5) => RfmSegment::LoyalCustomers,
            (4..=5, 2..=3) => RfmSegment::PotentialLoyalists,
            (5, _) => RfmSegment::NewCustomers,
            (4, _) => RfmSegment::Promising,
            (3, 3) => RfmSegment::NeedAttention,
            (3, _) => RfmSegment::AboutToSleep,
            (_, 5) => RfmSegment::CannotLoseThem,
            (_, 3) | (_, 4) => RfmSegment::AtRisk,
            (2, _) => RfmSegment::Hibernating,
            _ => RfmSegment::Lost,
        }
    }

    /// Stable identifier, e.g. `at_risk`.
    pub fn id(self) -> &'static str {
        match self {
            RfmSegment::Champions => "champions",
            RfmSegment::LoyalCustomers => "loyal_customers",
            RfmSegment::PotentialLoyalists => "potential_loyalists",
            RfmSegment::NewCustomers => "new_customers",
            RfmSegment::Promising => "promising",
            RfmSegment::NeedAttention => "need_attention",
            RfmSegment::AboutToSleep => "about_to_sleep",
            RfmSegment::CannotLoseThem => "cannot_lose_them",
            RfmSegment::AtRisk => "at_risk",
            RfmSegment::Hibernating => "hibernating",
            RfmSegment::Lost => "lost",
        }
    }
}

/// RFM scores and segment of one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmScore {
    /// Customer identifier.
    pub id: String,
    /// Recency score, `levels` = most recent.
    pub r: u8,
    /// Frequency score, `levels` = most frequent.
    pub f: u8,
    /// Monetary score, `levels` = highest spend.
    pub m: u8,
    /// Segment from R and F rescaled to 1–5.
    pub segment: RfmSegment,
}

/// Quantile score of each value: ties share a score.
///
/// # Formula
/// Mid-rank percentile `u = (#{< v} + #{= v}/2)/n`, score `⌊u·q⌋ + 1`
/// (capped at `q`): with distinct values each of the `q` scores gets
/// `n/q` customers.
fn quantile_scores(values: &[f64], q: u8) -> Vec<u8> {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let n = values.len() as f64;
    values
        .iter()
        .map(|&v| {
            let less = sorted.partition_point(|&x| x < v);
            let upto = sorted.partition_point(|&x| x <= v);
            let u = (less as f64 + (upto - less) as f64 / 2.0) / n;
            ((u * q as f64).floor() as u8 + 1).min(q)
        })
        .collect()
}

/// RFM segmentation: quantile scores on `levels` (usually 5) and named
/// segments.
pub fn rfm_scores(customers: &[RfmCustomer], levels: u8) -> Result<Vec<RfmScore>, SegmentError> {
    if !(2..=10).contains(&levels) {
        return Err(SegmentError::BadQuantiles(levels));
    }
    for (i, c) in customers.iter().enumerate() {
        for (what, v) in [
            ("recency", c.recency_days),
            ("frequency", c.frequency),
            ("monetary", c.monetary),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(SegmentError::BadValue {
                    row: i + 1,
                    message: format!("{what} must be a finite number at least 0: got {v}"),
                });
            }
        }
    }
    let rec: Vec<f64> = customers.iter().map(|c| c.recency_days).collect();
    let freq: Vec<f64> = customers.iter().map(|c| c.frequency).collect();
    let mon: Vec<f64> = customers.iter().map(|c| c.monetary).collect();
    let (rs, fs, ms) = (
        quantile_scores(&rec, levels),
        quantile_scores(&freq, levels),
        quantile_scores(&mon, levels),
    );
    let to5 = |s: u8| -> u8 {
        // Map 1..=levels onto 1..=5 for the named grid.
        (((s as f64 - 0.5) / levels as f64 * 5.0).floor() as u8 + 1).clamp(1, 5)
    };
    Ok(customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let r = levels + 1 - rs[i];
            RfmScore {
                id: c.id.clone(),
                r,
                f: fs[i],
                m: ms[i],
                segment: RfmSegment::of(to5(r), to5(fs[i])),
            }
        })
        .collect())
}

/// Customers per RFM segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmSegmentSummary {
    /// The segment.
    pub segment: RfmSegment,
    /// Number of customers in it.
    pub customers: u64,
    /// Share of all customers, a fraction.
    pub share: f64,
    /// Mean monetary value of the segment's customers.
    pub mean_monetary: f64,
}

/// Counts, shares and mean monetary value per RFM segment (segments with no
/// customer are omitted).
pub fn rfm_summary(customers: &[RfmCustomer], scores: &[RfmScore]) -> Vec<RfmSegmentSummary> {
    let total = scores.len().max(1) as f64;
    RfmSegment::ALL
        .iter()
        .filter_map(|&seg| {
            let members: Vec<f64> = scores
                .iter()
                .zip(customers)
                .filter(|(s, _)| s.segment == seg)
                .map(|(_, c)| c.monetary)
                .collect();
            (!members.is_empty()).then(|| RfmSegmentSummary {
                segment: seg,
                customers: members.len() as u64,
                share: members.len() as f64 / total,
                mean_monetary: members.iter().sum::<f64>() / members.len() as f64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    const C95: ConfidenceLevel = ConfidenceLevel::NINETY_FIVE;

    /// Reference: the segment NPS equals the NPS of the segment's answers
    /// computed on their own (hand split).
    #[test]
    fn nps_by_segment_matches_separate_runs() {
        let scores = [10.0, 9.0, 3.0, 8.0, 10.0, 0.0, 7.0];
        let seg = ["fr", "be", "fr", "fr", "be", "be", "ch"];
        let out = nps_by_segment(&scores, &seg, C95).unwrap();
        assert_eq!(
            out.iter().map(|s| s.segment.as_str()).collect::<Vec<_>>(),
            ["fr", "be", "ch"]
        );
        let fr = super::super::nps::nps_from_scores(&[10.0, 3.0, 8.0], C95).unwrap();
        assert_eq!(out[0].value, fr);
        assert_eq!(out[0].n, 3);
        assert_eq!(out[2].n, 1);
        let e = nps_by_segment(&[1.0, 20.0], &["a", "b"], C95).unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 2: NPS answer must be a whole number from 0 to 10: got 20"
        );
        assert!(nps_by_segment(&[1.0], &["a", "b"], C95).is_err());
    }

    #[test]
    fn means_and_proportions_by_segment() {
        let m = mean_by_segment(&[1.0, 3.0, 10.0], &["a", "a", "b"], C95).unwrap();
        assert_close!(m[0].value.mean, 2.0, 1e-12);
        assert_eq!(m[1].n, 1);
        let p =
            proportion_by_segment(&[true, false, true, true], &["x", "x", "y", "y"], C95).unwrap();
        assert_close!(p[0].value.estimate, 0.5, 1e-12);
        assert_close!(p[1].value.estimate, 1.0, 1e-12);
        let r = ratings_by_segment(
            &[5.0, 1.0, 4.0],
            &["a", "b", "a"],
            super::super::csat::CsatScale::FivePoint.scale(),
            C95,
        )
        .unwrap();
        assert_close!(r[0].value.top_box.estimate, 1.0, 1e-12);
    }

    /// Reference: hand computation. Ten distinct values on quintiles give two
    /// customers per score; ties share the mid-rank score.
    #[test]
    fn quintiles_with_and_without_ties() {
        let v: Vec<f64> = (1..=10).map(|x| x as f64).collect();
        assert_eq!(quantile_scores(&v, 5), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quantile_scores(&[7.0, 7.0, 7.0, 7.0], 5), vec![3, 3, 3, 3]);
    }

    #[test]
    fn grid_covers_every_pair_once() {
        for r in 1..=5 {
            for f in 1..=5 {
                let _ = RfmSegment::of(r, f);
            }
        }
        assert_eq!(RfmSegment::of(5, 5), RfmSegment::Champions);
        assert_eq!(RfmSegment::of(1, 1), RfmSegment::Lost);
        assert_eq!(RfmSegment::of(1, 5), RfmSegment::CannotLoseThem);
        assert_eq!(RfmSegment::of(5, 1), RfmSegment::NewCustomers);
        assert_eq!(RfmSegment::of(2, 3), RfmSegment::AtRisk);
    }

    /// Reference: hand computation on five customers with distinct values.
    /// The most recent, most frequent, biggest spender is a champion; the
    /// oldest, least frequent is lost.
    #[test]
    fn rfm_end_to_end() {
        let c = |id: &str, r: f64, f: f64, m: f64| RfmCustomer {
            id: id.into(),
            recency_days: r,
            frequency: f,
            monetary: m,
        };
        let customers = vec![
            c("a", 5.0, 20.0, 900.0),
            c("b", 300.0, 1.0, 20.0),
            c("c", 40.0, 5.0, 100.0),
            c("d", 90.0, 3.0, 60.0),
            c("e", 10.0, 1.0, 30.0),
        ];
        let s = rfm_scores(&customers, 5).unwrap();
        assert_eq!((s[0].r, s[0].f, s[0].m), (5, 5, 5));
        assert_eq!(s[0].segment, RfmSegment::Champions);
        assert_eq!((s[1].r, s[1].f), (1, 2));
        assert_eq!(s[1].segment, RfmSegment::Lost);
        // e: recent (R = 4) but frequency tied lowest (F = 2) → potential loyalist.
        assert_eq!((s[4].r, s[4].f), (4, 2));
        assert_eq!(s[4].segment, RfmSegment::PotentialLoyalists);
        let sum = rfm_summary(&customers, &s);
        let total: u64 = sum.iter().map(|x| x.customers).sum();
        assert_eq!(total, 5);
        assert_eq!(
            rfm_scores(&customers, 1),
            Err(SegmentError::BadQuantiles(1))
        );
        let bad = vec![c("x", -1.0, 1.0, 1.0)];
        assert!(rfm_scores(&bad, 5)
            .unwrap_err()
            .to_string()
            .starts_with("row 1: recency"));
    }
}
