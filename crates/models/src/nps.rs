//! Net Promoter Score with its uncertainty.
//!
//! NPS = % promoters (9–10) − % detractors (0–6) on the 0–10 "likelihood to
//! recommend" question (Reichheld 2003, "The One Number You Need to Grow",
//! *Harvard Business Review*). Intervals use the adjusted-Wald method that
//! Rocks (2016, *The American Statistician* 70(4), "Interval estimation for
//! the 'Net Promoter Score'") found best, as taught by Sauro & Lewis
//! (MeasuringU, "Confidence intervals for Net Promoter Scores", 2021):
//! add 3 to n and ¾ to each of promoters and detractors.

#![warn(missing_docs)]

use super::stats::{normal_cdf, ConfidenceLevel};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Below this many answers an NPS is flagged as imprecise.
///
/// With n = 30 the 95 % margin of error of a typical NPS is about ±30
/// points (Sauro & Lewis), too wide for most decisions.
pub const SMALL_SAMPLE: u64 = 30;

/// Why NPS inputs were refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum NpsError {
    /// An answer is not a whole number from 0 to 10 (position is 0-based).
    ScoreOutOfRange { index: usize, value: f64 },
    /// No answers at all.
    Empty,
}

impl fmt::Display for NpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NpsError::ScoreOutOfRange { index, value } => write!(
                f,
                "answer {} must be a whole number from 0 to 10: got {value}",
                index + 1
            ),
            NpsError::Empty => write!(f, "no NPS answers: at least one is needed"),
        }
    }
}

impl std::error::Error for NpsError {}

/// The three NPS categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsCategory {
    /// Answers 0–6.
    Detractor,
    /// Answers 7–8.
    Passive,
    /// Answers 9–10.
    Promoter,
}

impl NpsCategory {
    /// All three, from worst to best.
    pub const ALL: [NpsCategory; 3] = [
        NpsCategory::Detractor,
        NpsCategory::Passive,
        NpsCategory::Promoter,
    ];

    /// Category of a 0–10 answer, or `None` if it is not a whole number in range.
    pub fn of(score: f64) -> Option<NpsCategory> {
        if !(0.0..=10.0).contains(&score) || score.fract() != 0.0 {
            return None;
        }
        Some(if score >= 9.0 {
            NpsCategory::Promoter
        } else if score >= 7.0 {
            NpsCategory::Passive
        } else {
            NpsCategory::Detractor
        })
    }

    /// Stable identifier (`detractor`, `passive`, `promoter`).
    pub fn id(self) -> &'static str {
        match self {
            NpsCategory::Detractor => "detractor",
            NpsCategory::Passive => "passive",
            NpsCategory::Promoter => "promoter",
        }
    }
}

/// Counts of answers in each category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpsCounts {
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 7–8.
    pub passives: u64,
    /// Answers 0–6.
    pub detractors: u64,
}

impl NpsCounts {
    /// Counts from explicit numbers.
    pub fn new(promoters: u64, passives: u64, detractors: u64) -> Self {
        NpsCounts {
            promoters,
            passives,
            detractors,
        }
    }

    /// Counts the categories of raw 0–10 answers; refuses any other value.
    pub fn from_scores(scores: &[f64]) -> Result<Self, NpsError> {
        let mut c = NpsCounts::default();
        for (index, &value) in scores.iter().enumerate() {
            match NpsCategory::of(value) {
                Some(cat) => c.add(cat),
                None => return Err(NpsError::ScoreOutOfRange { index, value }),
            }
        }
        Ok(c)
    }

    /// Adds one answer of a category.
    pub fn add(&mut self, cat: NpsCategory) {
        match cat {
            NpsCategory::Promoter => self.promoters += 1,
            NpsCategory::Passive => self.passives += 1,
            NpsCategory::Detractor => self.detractors += 1,
        }
    }

    /// Total number of answers.
    pub fn n(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }

    /// Count of one category.
    pub fn get(&self, cat: NpsCategory) -> u64 {
        match cat {
            NpsCategory::Promoter => self.promoters,
            NpsCategory::Passive => self.passives,
            NpsCategory::Detractor => self.detractors,
        }
    }

    /// NPS with its adjusted-Wald interval.
    ///
    /// # Formula
    /// Point estimate `NPS = 100 (P − D)/n`. Adjusted quantities
    /// `ñ = n + 3`, `p̃ = (P + ¾)/ñ`, `d̃ = (D + ¾)/ñ`, `ÑPS = p̃ − d̃`,
    /// `Var = (p̃ + d̃ − (p̃ − d̃)²)/ñ` (the variance of a difference of two
    /// multinomial proportions), `CI = 100 (ÑPS ± z·√Var)` clamped to ±100.
    ///
    /// Source: Rocks (2016); Sauro & Lewis, MeasuringU (2021).
    pub fn estimate(&self, confidence: ConfidenceLevel) -> Result<NpsEstimate, NpsError> {
        let n = self.n();
        if n == 0 {
            return Err(NpsError::Empty);
        }
        let nf = n as f64;
        let adj = AdjustedNps::of(self);
        let moe = confidence.z() * adj.variance.sqrt();
        let mut warnings = Vec::new();
        if n < SMALL_SAMPLE {
            warnings.push(NpsWarning::SmallSample {
                n,
                minimum: SMALL_SAMPLE,
            });
        }
        Ok(NpsEstimate {
            n,
            promoters: self.promoters as f64 / nf,
            passives: self.passives as f64 / nf,
            detractors: self.detractors as f64 / nf,
            nps: 100.0 * (self.promoters as f64 - self.detractors as f64) / nf,
            nps_adjusted: 100.0 * adj.nps,
            margin_of_error: 100.0 * moe,
            ci_low: (100.0 * (adj.nps - moe)).max(-100.0),
            ci_high: (100.0 * (adj.nps + moe)).min(100.0),
            confidence: confidence.level(),
            warnings,
        })
    }
}

/// The adjusted-Wald quantities, as fractions.
#[derive(Debug, Clone, Copy)]
struct AdjustedNps {
    nps: f64,
    variance: f64,
}

impl AdjustedNps {
    fn of(c: &NpsCounts) -> AdjustedNps {
        let n_adj = c.n() as f64 + 3.0;
        let p = (c.promoters as f64 + 0.75) / n_adj;
        let d = (c.detractors as f64 + 0.75) / n_adj;
        let nps = p - d;
        AdjustedNps {
            nps,
            variance: (p + d - nps * nps) / n_adj,
        }
    }
}

/// Something the reader of an NPS should be told.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NpsWarning {
    /// Fewer than `minimum` answers: the interval is wide.
    SmallSample { n: u64, minimum: u64 },
}

impl fmt::Display for NpsWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NpsWarning::SmallSample { n, minimum } => write!(
                f,
                "only {n} answers (fewer than {minimum}): read the interval, not the point"
            ),
        }
    }
}

/// An NPS with shares and interval. Shares are fractions; NPS values are
/// points on the −100..100 scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsEstimate {
    /// Number of answers.
    pub n: u64,
    /// Share of promoters (9–10), a fraction.
    pub promoters: f64,
    /// Share of passives (7–8), a fraction.
    pub passives: f64,
    /// Share of detractors (0–6), a fraction.
    pub detractors: f64,
    /// Observed NPS in points, `100 (P − D)/n`.
    pub nps: f64,
    /// Adjusted-Wald centre of the interval, in points.
    pub nps_adjusted: f64,
    /// Half-width of the interval in points (before clamping to ±100).
    pub margin_of_error: f64,
    /// Lower bound in points, at least −100.
    pub ci_low: f64,
    /// Upper bound in points, at most 100.
    pub ci_high: f64,
    /// Confidence level used.
    pub confidence: f64,
    /// Cautions (small sample).
    pub warnings: Vec<NpsWarning>,
}

/// NPS from raw 0–10 answers.
pub fn nps_from_scores(
    scores: &[f64],
    confidence: ConfidenceLevel,
) -> Result<NpsEstimate, NpsError> {
    NpsCounts::from_scores(scores)?.estimate(confidence)
}

/// The difference between two NPS (periods or segments), `a − b`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NpsDifference {
    /// Observed difference `NPS_a − NPS_b`, in points.
    pub difference: f64,
    /// Difference of the adjusted-Wald centres, in points.
    pub difference_adjusted: f64,
    /// Half-width in points.
    pub margin_of_error: f64,
    /// Lower bound in points, at least −200.
    pub ci_low: f64,
    /// Upper bound in points, at most 200.
    pub ci_high: f64,
    /// `z = (ÑPS_a − ÑPS_b)/SE`.
    pub z: f64,
    /// Two-sided p-value of `z`.
    pub p_value: f64,
    /// Whether the interval excludes 0.
    pub significant: bool,
    /// Confidence level used.
    pub confidence: f64,
}

/// Difference of two independent NPS with its adjusted-Wald interval.
///
/// # Formula
/// `Δ = ÑPS_a − ÑPS_b`, `SE = √(Var_a + Var_b)` with each variance as in
/// [`NpsCounts::estimate`], `CI = 100 (Δ ± z·SE)` clamped to ±200, significant
/// when the interval excludes 0 (equivalently `p < 1 − level`).
///
/// Source: Sauro & Lewis, MeasuringU (2021), "How to compare two Net Promoter
/// Scores"; Rocks (2016), section on two-sample comparisons.
pub fn nps_difference(
    a: &NpsCounts,
    b: &NpsCounts,
    confidence: ConfidenceLevel,
) -> Result<NpsDifference, NpsError> {
    if a.n() == 0 || b.n() == 0 {
        return Err(NpsError::Empty);
    }
    let (ea, eb) = (AdjustedNps::of(a), AdjustedNps::of(b));
    let delta = ea.nps - eb.nps;
    let se = (ea.variance + eb.variance).sqrt();
    let moe = confidence.z() * se;
    let z = delta / se;
    let p_value = 2.0 * (1.0 - normal_cdf(z.abs()));
    let low = delta - moe;
    let high = delta + moe;
    let observed = |c: &NpsCounts| (c.promoters as f64 - c.detractors as f64) / c.n() as f64;
    Ok(NpsDifference {
        difference: 100.0 * (observed(a) - observed(b)),
        difference_adjusted: 100.0 * delta,
        margin_of_error: 100.0 * moe,
        ci_low: (100.0 * low).max(-200.0),
        ci_high: (100.0 * high).min(200.0),
        z,
        p_value: p_value.clamp(0.0, 1.0),
        significant: low > 0.0 || high < 0.0,
        confidence: confidence.level(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    const C95: ConfidenceLevel = ConfidenceLevel::NINETY_FIVE;

    #[test]
    fn categories_follow_the_0_6_7_8_9_10_cut() {
        assert_eq!(NpsCategory::of(6.0), Some(NpsCategory::Detractor));
        assert_eq!(NpsCategory::of(7.0), Some(NpsCategory::Passive));
        assert_eq!(NpsCategory::of(8.0), Some(NpsCategory::Passive));
        assert_eq!(NpsCategory::of(9.0), Some(NpsCategory::Promoter));
        assert_eq!(NpsCategory::of(0.0), Some(NpsCategory::Detractor));
        assert_eq!(NpsCategory::of(10.0), Some(NpsCategory::Promoter));
        for bad in [-1.0, 11.0, 7.5, f64::NAN, f64::INFINITY] {
            assert_eq!(NpsCategory::of(bad), None);
        }
    }

    /// Reference: hand computation of the adjusted-Wald steps (Sauro & Lewis,
    /// MeasuringU 2021) for 50 promoters, 30 passives, 20 detractors:
    /// NPS = 30; ñ = 103, p̃ = 50.75/103 = 0.492718, d̃ = 20.75/103 = 0.201456,
    /// ÑPS = 0.291262, Var = (0.694175 − 0.084834)/103 = 0.00591593,
    /// SE = 0.0769151, MoE = 1.959964·SE = 0.150751 → CI 14.051 .. 44.201.
    /// Tolerance 1e-3 points.
    #[test]
    fn adjusted_wald_hand_computed() {
        let e = NpsCounts::new(50, 30, 20).estimate(C95).unwrap();
        assert_eq!(e.n, 100);
        assert_close!(e.nps, 30.0, 1e-12);
        assert_close!(e.nps_adjusted, 29.126_214, 1e-3);
        assert!(
            (e.margin_of_error - 15.075_1).abs() < 1e-3,
            "{}",
            e.margin_of_error
        );
        assert_close!(e.ci_low, 14.051, 1e-3, "{}", e.ci_low);
        assert_close!(e.ci_high, 44.201, 1e-3, "{}", e.ci_high);
        assert!(e.warnings.is_empty());
    }

    /// Reference: the Wald variance of an NPS, (p(1−p) + d(1−d) + 2pd)/n
    /// (Engelhardt, CYBAEA 2016, "NPS confidence intervals: maths and stats"),
    /// equals the adjusted-Wald expression (p + d − (p − d)²)/n when the
    /// adjustment is removed; checked algebraically on a grid of counts.
    #[test]
    fn variance_expression_matches_cybaea_form() {
        for (p, pa, d) in [(10u64, 5u64, 3u64), (0, 7, 9), (40, 0, 0), (3, 3, 3)] {
            let n = (p + pa + d) as f64;
            let (pf, df) = (p as f64 / n, d as f64 / n);
            let cybaea = (pf * (1.0 - pf) + df * (1.0 - df) + 2.0 * pf * df) / n;
            let ours = (pf + df - (pf - df).powi(2)) / n;
            assert_close!(cybaea, ours, 1e-15);
        }
    }

    /// Reference: hand computation. 2 promoters, 1 passive, 2 detractors (n = 5):
    /// ñ = 8, p̃ = d̃ = 0.34375, ÑPS = 0, Var = 0.6875/8 = 0.0859375,
    /// MoE = 1.959964·0.293151 = 0.574566 → CI −57.457 .. 57.457, and a
    /// small-sample warning.
    #[test]
    fn small_sample_symmetric_case() {
        let e = nps_from_scores(&[9.0, 10.0, 7.0, 0.0, 6.0], C95).unwrap();
        assert!((e.nps).abs() < 1e-12);
        assert_close!(e.ci_high, 57.456_6, 1e-3, "{}", e.ci_high);
        assert!((e.ci_low + 57.456_6).abs() < 1e-3);
        assert_eq!(
            e.warnings,
            vec![NpsWarning::SmallSample {
                n: 5,
                minimum: SMALL_SAMPLE
            }]
        );
    }

    #[test]
    fn clamps_to_plus_minus_100() {
        let e = NpsCounts::new(3, 0, 0).estimate(C95).unwrap();
        assert!(e.ci_high <= 100.0);
        assert_close!(e.nps, 100.0, 1e-12);
        let e = NpsCounts::new(0, 0, 2).estimate(C95).unwrap();
        assert!(e.ci_low >= -100.0);
    }

    #[test]
    fn errors_are_located() {
        let e = nps_from_scores(&[9.0, 12.0], C95).unwrap_err();
        assert_eq!(
            e.to_string(),
            "answer 2 must be a whole number from 0 to 10: got 12"
        );
        assert_eq!(NpsCounts::default().estimate(C95), Err(NpsError::Empty));
    }

    /// Reference: hand computation of the two-sample adjusted-Wald difference.
    /// a = (50, 30, 20): ÑPS_a = 0.291262, Var_a = 0.00591593.
    /// b = (30, 40, 30): ñ = 103, p̃ = d̃ = 30.75/103 = 0.298544, ÑPS_b = 0,
    /// Var_b = 0.597087/103 = 0.00579696. SE = √0.01171289 = 0.108226;
    /// MoE = 0.212119 → CI 7.914 .. 50.338 points; z = 2.691249; p = 0.00712.
    #[test]
    fn difference_hand_computed() {
        let a = NpsCounts::new(50, 30, 20);
        let b = NpsCounts::new(30, 40, 30);
        let d = nps_difference(&a, &b, C95).unwrap();
        assert_close!(d.difference, 30.0, 1e-12);
        assert_close!(d.ci_low, 7.914, 2e-3, "{}", d.ci_low);
        assert_close!(d.ci_high, 50.338, 2e-3, "{}", d.ci_high);
        assert_close!(d.z, 2.691_2, 1e-3, "{}", d.z);
        assert_close!(d.p_value, 0.007_12, 1e-4, "{}", d.p_value);
        assert!(d.significant);
        let same = nps_difference(&a, &a, C95).unwrap();
        assert!(!same.significant);
        assert!(same.difference.abs() < 1e-12);
    }
}
