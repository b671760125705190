//! The Drivers page in words: the quadrant names, the importance and
//! quadrant charts, the summary, cautions and How panel, and why an
//! analysis is missing, from the numbers `compute_slice` returns.

use super::compute::{Ready, Refusal};
use crate::i18n::drivers::DriversStrings;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::field::Group;
use crate::scenario::Scenario;
use cxi_models::drivers::DriversWarning;
use cxi_models::drivers::Quadrant;
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

/// The page's assumptions for the Assumptions page: the importance measure
/// is a choice on the page, not a number, so the group is empty.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "drivers",
        title: locale.strings().drivers.group.into(),
        fields: Vec::new(),
    }
}

impl Refusal {
    /// Why the page shows no analysis, in `locale`.
    pub fn sentence(&self, locale: Locale) -> String {
        let reason = match self {
            Refusal::Core(reason) => reason.as_str(),
            Refusal::Unexplained => "",
        };
        fill(locale.strings().drivers.cannot, &[("reason", reason)])
    }
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
