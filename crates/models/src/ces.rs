//! Customer Effort Score (CES 2.0): agreement with "The company made it easy
//! for me to handle my issue" on 1 (strongly disagree) to 7 (strongly agree).
//!
//! Reported as the mean (with its t interval) and the share of "easy"
//! answers 5–7 (with its adjusted-Wald interval). Bands for the money link:
//! difficult 1–3, neutral 4, easy 5–7.
//!
//! Source: Dixon, Freeman & Toman (2010), "Stop Trying to Delight Your
//! Customers", *Harvard Business Review*; CEB's CES 2.0 wording (2013).

#![warn(missing_docs)]

use super::rating::{RatingError, RatingScale, RatingSummary};
use super::stats::ConfidenceLevel;

/// The CES 2.0 scale: 1–7, easy = 5–7, difficult = 1–3.
pub const CES_SCALE: RatingScale = RatingScale {
    min: 1,
    max: 7,
    top_from: 5,
    low_to: 3,
    high_from: 5,
};

/// CES of raw 1–7 answers: mean and share of "easy" answers, with intervals.
pub fn ces(scores: &[f64], confidence: ConfidenceLevel) -> Result<RatingSummary, RatingError> {
    CES_SCALE.summarise(scores, confidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Reference: hand computation. Answers 7, 6, 5, 4, 2, 1: mean 25/6 = 4.1667,
    /// easy share 3/6 = 0.5, bands difficult 2, neutral 1, easy 3.
    #[test]
    fn ces_hand_computed() {
        let s = ces(
            &[7.0, 6.0, 5.0, 4.0, 2.0, 1.0],
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap();
        assert_close!(s.mean.mean, 25.0 / 6.0, 1e-12);
        assert_close!(s.top_box.estimate, 0.5, 1e-12);
        assert_eq!(s.band_counts, [2, 1, 3]);
    }

    #[test]
    fn ces_refuses_zero_and_eight() {
        assert!(ces(&[0.0], ConfidenceLevel::NINETY_FIVE).is_err());
        assert!(ces(&[8.0], ConfidenceLevel::NINETY_FIVE).is_err());
        assert_eq!(
            ces(&[], ConfidenceLevel::NINETY_FIVE),
            Err(RatingError::Empty)
        );
    }
}
