//! Importance–performance quadrants (Martilla & James 1977).

use super::result::DriverAnalysis;
use serde::{Deserialize, Serialize};

/// One of the four importance–performance quadrants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High importance, high performance: keep up the good work.
    KeyStrength,
    /// High importance, low performance: concentrate here first.
    KeyWeakness,
    /// Low importance, high performance: possible overkill.
    SecondaryStrength,
    /// Low importance, low performance: low priority.
    SecondaryWeakness,
}

/// Which importance measure places the attributes on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportanceMeasure {
    /// Johnson's rescaled relative weight (%).
    RelativeWeight,
    /// Shapley/LMG share (%); falls back to relative weights if skipped.
    Shapley,
}

/// One attribute on the importance–performance chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantPoint {
    /// Attribute name.
    pub name: String,
    /// Importance in % of R² (x axis).
    pub importance: f64,
    /// Mean rating (y axis).
    pub performance: f64,
    /// Quadrant the point falls in.
    pub quadrant: Quadrant,
}

/// The chart data with its cross-hairs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuadrantChart {
    /// Importance cut: mean importance across attributes (100/p %).
    pub importance_cut: f64,
    /// Performance cut: mean of the attribute means.
    pub performance_cut: f64,
    /// One point per attribute, in input order.
    pub points: Vec<QuadrantPoint>,
}

/// Importance–performance quadrants: importance (share of R²) against
/// performance (mean rating), split at the means of both axes.
///
/// # Formula
/// Cuts at `mean(importance)` and `mean(performance)`; a point on a cut
/// counts as high. Labels follow Martilla & James (1977),
/// "Importance-performance analysis", *Journal of Marketing* 41(1).
pub fn importance_performance(
    analysis: &DriverAnalysis,
    measure: ImportanceMeasure,
) -> QuadrantChart {
    let imp: Vec<f64> = analysis
        .attributes
        .iter()
        .map(|a| match measure {
            ImportanceMeasure::Shapley => a.shapley_percent.unwrap_or(a.rescaled),
            ImportanceMeasure::RelativeWeight => a.rescaled,
        })
        .collect();
    let n = imp.len().max(1) as f64;
    let importance_cut = imp.iter().sum::<f64>() / n;
    let performance_cut = analysis.attributes.iter().map(|a| a.mean).sum::<f64>() / n;
    let points = analysis
        .attributes
        .iter()
        .zip(&imp)
        .map(|(a, &importance)| {
            let hi_imp = importance >= importance_cut;
            let hi_perf = a.mean >= performance_cut;
            let quadrant = match (hi_imp, hi_perf) {
                (true, true) => Quadrant::KeyStrength,
                (true, false) => Quadrant::KeyWeakness,
                (false, true) => Quadrant::SecondaryStrength,
                (false, false) => Quadrant::SecondaryWeakness,
            };
            QuadrantPoint {
                name: a.name.clone(),
                importance,
                performance: a.mean,
                quadrant,
            }
        })
        .collect();
    QuadrantChart {
        importance_cut,
        performance_cut,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drivers::{DriverResult, MissingData};
    use cxi_testkit::assert_close;

    #[test]
    fn quadrants_split_at_means() {
        let analysis = DriverAnalysis {
            outcome: "y".into(),
            missing: MissingData::Listwise,
            n_used: 10,
            r2: 0.5,
            condition_number: 1.0,
            warnings: vec![],
            attributes: [
                ("a", 40.0, 4.5),
                ("b", 30.0, 3.0),
                ("c", 20.0, 4.2),
                ("d", 10.0, 3.1),
            ]
            .iter()
            .map(|&(name, rescaled, mean)| DriverResult {
                name: name.into(),
                raw_weight: rescaled / 200.0,
                rescaled,
                sign: 1,
                beta: 0.1,
                correlation: 0.1,
                shapley: None,
                shapley_percent: None,
                vif: Some(1.0),
                mean,
                n: 10,
            })
            .collect(),
        };
        let chart = importance_performance(&analysis, ImportanceMeasure::Shapley);
        assert_close!(chart.importance_cut, 25.0, 1e-12);
        assert_close!(chart.performance_cut, 3.7, 1e-12);
        let q: Vec<Quadrant> = chart.points.iter().map(|p| p.quadrant).collect();
        assert_eq!(
            q,
            vec![
                Quadrant::KeyStrength,
                Quadrant::KeyWeakness,
                Quadrant::SecondaryStrength,
                Quadrant::SecondaryWeakness
            ]
        );
    }
}
