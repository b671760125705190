//! What a page shows: a [`Figure`] (a number with what it measures), the
//! [`How`] panel that explains it, and the [`Headline`] card that carries both.

use crate::period::PeriodUnit;
use crate::view::View;
use serde::{Deserialize, Serialize};

/// A number with what it measures, so the UI formats it in the user's
/// language (`Intl.NumberFormat`) and never shows NaN or infinity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// An amount in the scenario currency.
    Money(f64),
    /// A fraction shown as a percentage (0.05 → 5 %), with `decimals`.
    Percent { value: f64, decimals: u8 },
    /// A plain number with at most `decimals` decimals.
    Number { value: f64, decimals: u8 },
    /// A multiple, shown as `2.3×`.
    Ratio(f64),
    /// A duration in periods of `unit`.
    Periods { value: f64, unit: PeriodUnit },
    /// NPS points, −100 to 100, shown with a sign.
    Points(f64),
    /// Already text (a name, a category).
    Text(String),
    /// Not computable from what the user gave: shown as "—" with a reason
    /// nearby.
    Missing,
}

impl Figure {
    pub fn percent(value: f64) -> Figure {
        Figure::Percent { value, decimals: 1 }
    }

    pub fn number(value: f64, decimals: u8) -> Figure {
        Figure::Number { value, decimals }
    }

    /// The number inside, when there is one and it is finite.
    pub fn value(&self) -> Option<f64> {
        let v = match self {
            Figure::Money(v) | Figure::Ratio(v) | Figure::Points(v) => *v,
            Figure::Percent { value, .. }
            | Figure::Number { value, .. }
            | Figure::Periods { value, .. } => *value,
            Figure::Text(_) | Figure::Missing => return None,
        };
        v.is_finite().then_some(v)
    }
}

/// The "how is this computed" panel of a figure: formula, the inputs with
/// their values, the source and the caveats, already in the user's language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct How {
    /// The formula in symbols (`CLV = m (1 + d) / (1 + d − r)`).
    pub formula: String,
    /// Each input: what it is and its value.
    pub inputs: Vec<(String, Figure)>,
    /// Paper or definition the formula comes from.
    pub source: String,
    /// What the figure does not say.
    pub caveats: String,
}

/// One headline card of the Overview (and of its page).
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// Stable DOM id (`card-clv`), used by tests.
    pub id: &'static str,
    pub title: String,
    pub figure: Figure,
    /// Uncertainty when there is some: a low and a high of the same kind as
    /// `figure` (a 90 % interval, a ± margin), with its own label.
    pub interval: Option<(Figure, Figure, String)>,
    /// One plain-language sentence ("each promoter is worth 2.3× a
    /// detractor").
    pub reading: String,
    pub how: How,
    /// The page that explains it in full.
    pub page: View,
}
