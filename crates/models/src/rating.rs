//! Summaries of answers on a bounded rating scale (CSAT, CES): the mean with
//! its t interval, the top-box share with its adjusted-Wald interval, and the
//! split into three score bands used to link scores to money.

#![warn(missing_docs)]

use super::stats::{adjusted_wald_proportion, mean_interval, ConfidenceLevel};
use super::stats::{MeanInterval, ProportionInterval};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Below this many answers a rating summary is flagged as imprecise.
pub const SMALL_SAMPLE: u64 = 30;

/// A bounded scale of whole-number answers with a "top box" and three bands
/// (low, middle, high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingScale {
    /// Lowest allowed answer.
    pub min: u8,
    /// Highest allowed answer.
    pub max: u8,
    /// Answers at or above this count in the top box (e.g. 4 on 1–5).
    pub top_from: u8,
    /// Answers at or below this are the low band.
    pub low_to: u8,
    /// Answers at or above this are the high band (equal to `top_from` for
    /// CSAT; kept separate so CES can differ).
    pub high_from: u8,
}

/// Why rating answers were refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum RatingError {
    /// An answer is not a whole number on the scale (position is 0-based).
    OutOfScale {
        index: usize,
        value: f64,
        min: u8,
        max: u8,
    },
    /// No answers.
    Empty,
}

impl fmt::Display for RatingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RatingError::OutOfScale {
                index,
                value,
                min,
                max,
            } => write!(
                f,
                "answer {} must be a whole number from {min} to {max}: got {value}",
                index + 1
            ),
            RatingError::Empty => write!(f, "no answers: at least one is needed"),
        }
    }
}

impl std::error::Error for RatingError {}

/// One of the three score bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Lowest band (e.g. 1–2 on a 5-point CSAT).
    Low,
    /// Middle band.
    Middle,
    /// Highest band (the top box).
    High,
}

impl Band {
    /// The three bands, low first.
    pub const ALL: [Band; 3] = [Band::Low, Band::Middle, Band::High];

    /// Position 0, 1, 2 from low to high.
    pub fn index(self) -> usize {
        match self {
            Band::Low => 0,
            Band::Middle => 1,
            Band::High => 2,
        }
    }
}

impl RatingScale {
    /// Checks that `value` is a whole number on the scale.
    pub fn accepts(&self, value: f64) -> bool {
        value >= self.min as f64 && value <= self.max as f64 && value.fract() == 0.0
    }

    /// Band of an accepted answer.
    pub fn band(&self, value: f64) -> Option<Band> {
        if !self.accepts(value) {
            return None;
        }
        Some(if value <= self.low_to as f64 {
            Band::Low
        } else if value >= self.high_from as f64 {
            Band::High
        } else {
            Band::Middle
        })
    }

    /// Validates every answer, naming the first bad one.
    pub fn validate(&self, values: &[f64]) -> Result<(), RatingError> {
        for (index, &value) in values.iter().enumerate() {
            if !self.accepts(value) {
                return Err(RatingError::OutOfScale {
                    index,
                    value,
                    min: self.min,
                    max: self.max,
                });
            }
        }
        Ok(())
    }

    /// Mean, top-box share and band counts of the answers.
    ///
    /// # Formula
    /// * mean: `x̄ ± t·s/√n` ([`mean_interval`]);
    /// * top box: share of answers `≥ top_from` with the adjusted-Wald
    ///   interval ([`adjusted_wald_proportion`]).
    pub fn summarise(
        &self,
        values: &[f64],
        confidence: ConfidenceLevel,
    ) -> Result<RatingSummary, RatingError> {
        self.validate(values)?;
        if values.is_empty() {
            return Err(RatingError::Empty);
        }
        let top = values
            .iter()
            .filter(|&&v| v >= self.top_from as f64)
            .count() as u64;
        let mut bands = [0u64; 3];
        for &v in values {
            if let Some(b) = self.band(v) {
                bands[b.index()] += 1;
            }
        }
        let n = values.len() as u64;
        Ok(RatingSummary {
            n,
            mean: mean_interval(values, confidence),
            top_box: adjusted_wald_proportion(top, n, confidence),
            band_counts: bands,
            small_sample: n < SMALL_SAMPLE,
        })
    }
}

/// Mean and top-box share of a set of ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// Number of answers.
    pub n: u64,
    /// Mean rating with its t interval, in scale points.
    pub mean: MeanInterval,
    /// Share of answers in the top box (fractions).
    pub top_box: ProportionInterval,
    /// Answers in the low, middle and high bands.
    pub band_counts: [u64; 3],
    /// True when `n` is below [`SMALL_SAMPLE`].
    pub small_sample: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    const SCALE: RatingScale = RatingScale {
        min: 1,
        max: 5,
        top_from: 4,
        low_to: 2,
        high_from: 4,
    };

    #[test]
    fn bands_and_validation() {
        assert_eq!(SCALE.band(1.0), Some(Band::Low));
        assert_eq!(SCALE.band(2.0), Some(Band::Low));
        assert_eq!(SCALE.band(3.0), Some(Band::Middle));
        assert_eq!(SCALE.band(5.0), Some(Band::High));
        assert_eq!(SCALE.band(0.0), None);
        assert_eq!(SCALE.band(4.5), None);
        let e = SCALE.validate(&[1.0, 6.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "answer 2 must be a whole number from 1 to 5: got 6"
        );
    }

    /// Reference: hand computation. Answers 5,4,4,3,1: mean 3.4,
    /// s² = (2.56+0.36+0.36+0.16+5.76)/4 = 2.3, top-2-box 3/5; adjusted-Wald:
    /// p̃ = (3 + 1.920729)/8.841459 = 0.556552, MoE = 1.959964·√(p̃(1 − p̃)/8.841459)
    /// = 0.327462 → 0.229090 .. 0.884013; tolerance 1e-5.
    #[test]
    fn summary_hand_computed() {
        let s = SCALE
            .summarise(&[5.0, 4.0, 4.0, 3.0, 1.0], ConfidenceLevel::NINETY_FIVE)
            .unwrap();
        assert_eq!(s.n, 5);
        assert_close!(s.mean.mean, 3.4, 1e-12);
        assert_close!(s.mean.sd, 2.3f64.sqrt(), 1e-12);
        assert_close!(s.top_box.estimate, 0.6, 1e-12);
        assert!(
            (s.top_box.ci_low - 0.229_090).abs() < 1e-5,
            "{}",
            s.top_box.ci_low
        );
        assert!(
            (s.top_box.ci_high - 0.884_013).abs() < 1e-5,
            "{}",
            s.top_box.ci_high
        );
        assert_eq!(s.band_counts, [1, 1, 3]);
        assert!(s.small_sample);
    }
}
