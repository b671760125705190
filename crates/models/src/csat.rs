//! Customer satisfaction (CSAT): "How satisfied were you…?" on 1–5 or 1–10.
//!
//! Reported two ways, both with intervals: the top-2-box share (4–5 on a
//! 5-point scale, 9–10 on a 10-point scale), which is the usual headline
//! CSAT %, and the mean rating. Source for the top-2-box convention and the
//! intervals: Sauro & Lewis, *Quantifying the User Experience* (2016), ch. 3.

#![warn(missing_docs)]

use super::rating::{RatingError, RatingScale, RatingSummary};
use super::stats::ConfidenceLevel;
use serde::{Deserialize, Serialize};

/// The two CSAT scales in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsatScale {
    /// 1–5; top 2 box = 4–5; bands 1–2 / 3 / 4–5.
    FivePoint,
    /// 1–10; top 2 box = 9–10; bands 1–6 / 7–8 / 9–10 (the NPS-like cut).
    TenPoint,
}

impl CsatScale {
    /// The scale's bounds, top box and bands.
    pub fn scale(self) -> RatingScale {
        match self {
            CsatScale::FivePoint => RatingScale {
                min: 1,
                max: 5,
                top_from: 4,
                low_to: 2,
                high_from: 4,
            },
            CsatScale::TenPoint => RatingScale {
                min: 1,
                max: 10,
                top_from: 9,
                low_to: 6,
                high_from: 9,
            },
        }
    }
}

/// CSAT of raw answers: top-2-box share and mean, each with its interval.
pub fn csat(
    scores: &[f64],
    scale: CsatScale,
    confidence: ConfidenceLevel,
) -> Result<RatingSummary, RatingError> {
    scale.scale().summarise(scores, confidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Reference: hand computation on the 10-point scale. Answers 10, 9, 8, 3:
    /// top-2-box = 2/4 = 50 %, mean = 7.5, bands = [1, 1, 2].
    #[test]
    fn ten_point_top_two_box() {
        let s = csat(
            &[10.0, 9.0, 8.0, 3.0],
            CsatScale::TenPoint,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap();
        assert_close!(s.top_box.estimate, 0.5, 1e-12);
        assert_close!(s.mean.mean, 7.5, 1e-12);
        assert_eq!(s.band_counts, [1, 1, 2]);
        assert!(s.top_box.ci_low < 0.5 && s.top_box.ci_high > 0.5);
    }

    #[test]
    fn five_point_refuses_ten() {
        let e = csat(
            &[5.0, 10.0],
            CsatScale::FivePoint,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap_err();
        assert!(e.to_string().contains("from 1 to 5: got 10"));
    }
}
