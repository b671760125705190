//! The page's charts: customers over time, CAC by channel, payback.

use super::compute::cumulative_margin;
use super::compute::ChurnView;
use super::slice::ChurnSlice;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;

impl ChurnView {
    /// Customers over time at today's churn and at the target.
    pub fn projection_chart(&self, s: &ChurnSlice) -> Option<ChartSpec> {
        let (first, last) = (self.projection.first()?, self.projection.last()?);
        let _ = first;
        let loc = s.locale;
        let t = loc.strings().churn;
        let line = |pick: fn(&(f64, f64)) -> f64| -> Vec<(f64, f64)> {
            self.projection
                .iter()
                .enumerate()
                .map(|(k, p)| (k as f64, pick(p)))
                .collect()
        };
        let years = self.inputs.whole_years();
        let rows = self
            .projection
            .iter()
            .enumerate()
            .filter(|(k, _)| k % 12 == 0)
            .map(|(k, (b, g))| {
                vec![
                    Figure::number(k as f64, 0),
                    Figure::number(*b, 0),
                    Figure::number(*g, 0),
                    Figure::number(g - b, 0),
                ]
            })
            .collect();
        Some(ChartSpec {
            id: "churn-projection".into(),
            title: t.projection_title.into(),
            alt: fill(
                t.projection_alt,
                &[
                    ("years", &years.to_string()),
                    ("base", &format::number(loc, last.0, 0)),
                    ("target", &format::number(loc, last.1, 0)),
                    ("gap", &format::number(loc, last.1 - last.0, 0)),
                ],
            ),
            x: Axis::new(t.months_from_now, AxisFormat::Number),
            y: Axis::new(t.customers_axis, AxisFormat::Number),
            series: vec![
                Series {
                    name: t.series_baseline.into(),
                    colour: Colour::Vermillion,
                    mark: Mark::Line {
                        points: line(|p| p.0),
                        dashed: false,
                    },
                },
                Series {
                    name: t.series_target.into(),
                    colour: Colour::BluishGreen,
                    mark: Mark::Line {
                        points: line(|p| p.1),
                        dashed: false,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.months_from_now.into(),
                    t.series_baseline.into(),
                    t.series_target.into(),
                    "Δ".into(),
                ],
                rows,
            },
        })
    }

    /// CAC of each channel with the blended CAC as a rule.
    pub fn cac_chart(&self, s: &ChurnSlice) -> Option<ChartSpec> {
        let r = self.cac.as_ref()?;
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let names: Vec<String> = r.per_channel.iter().map(|(n, _)| n.clone()).collect();
        let priced: Vec<(&String, f64)> = r
            .per_channel
            .iter()
            .filter_map(|(n, c)| c.map(|c| (n, c)))
            .collect();
        let cheap = priced.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        let dear = priced.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let name_cost = |x: Option<&(&String, f64)>| {
            x.map_or("—".into(), |(n, c)| {
                format!("{n} ({})", format::money(loc, cur, *c))
            })
        };
        Some(ChartSpec {
            id: "churn-cac".into(),
            title: t.cac_title.into(),
            alt: fill(
                t.cac_alt,
                &[
                    ("cheap", &name_cost(cheap)),
                    ("dear", &name_cost(dear)),
                    ("blended", &format::money(loc, cur, r.blended)),
                ],
            ),
            x: Axis::new(t.channel_axis, AxisFormat::Categories(names)),
            y: Axis::new(fill(t.cac_axis, &[("cur", cur.code())]), AxisFormat::Money),
            series: vec![
                Series {
                    name: t.col_cac.into(),
                    colour: Colour::Blue,
                    mark: Mark::Bars {
                        spans: r
                            .per_channel
                            .iter()
                            .map(|(_, c)| (0.0, c.unwrap_or(0.0)))
                            .collect(),
                        colours: Vec::new(),
                        horizontal: false,
                    },
                },
                Series {
                    name: t.blended.into(),
                    colour: Colour::Ink,
                    mark: Mark::Rule {
                        x: None,
                        y: Some(r.blended),
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.col_channel.into(),
                    fill(t.per_year_unit, &[("cur", cur.code())]),
                    t.col_new.into(),
                    t.col_cac.into(),
                ],
                rows: self
                    .inputs
                    .channels
                    .iter()
                    .zip(&r.per_channel)
                    .map(|(ch, (_, cac))| {
                        vec![
                            Figure::Text(ch.name.clone()),
                            Figure::Money(ch.spend),
                            Figure::number(ch.new_customers, 0),
                            cac.map_or(Figure::Missing, Figure::Money),
                        ]
                    })
                    .collect(),
            },
        })
    }

    /// Cumulative margin of a new customer against the CAC.
    pub fn payback_chart(&self, s: &ChurnSlice) -> Option<ChartSpec> {
        let cac = self.cac.as_ref()?.blended;
        let plain = self.payback?;
        let with = self.payback_with_churn?;
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let m = self.inputs.monthly_margin();
        let c = self.inputs.monthly_churn();
        // Show twice the payback, between one and ten years.
        let span = with.unwrap_or(plain).max(plain);
        let months = (2.0 * span).ceil().clamp(12.0, 120.0) as u32;
        let expected: Vec<(f64, f64)> = (0..=months)
            .map(|n| (f64::from(n), cumulative_margin(m, c, f64::from(n))))
            .collect();
        let stays: Vec<(f64, f64)> = (0..=months)
            .map(|n| (f64::from(n), m * f64::from(n)))
            .collect();
        let alt = match with {
            Some(p) => fill(
                t.payback_alt,
                &[
                    ("months", &loc.strings().months(p)),
                    ("cac", &format::money(loc, cur, cac)),
                ],
            ),
            None => fill(
                t.payback_alt_never,
                &[("cac", &format::money(loc, cur, cac))],
            ),
        };
        if !(expected.iter().chain(&stays)).all(|(_, y)| y.is_finite()) {
            return None;
        }
        let step = if months > 36 { 6 } else { 3 };
        Some(ChartSpec {
            id: "churn-payback".into(),
            title: t.payback_title.into(),
            alt,
            x: Axis::new(t.months_since, AxisFormat::Number),
            y: Axis::new(
                fill(t.cumulative_axis, &[("cur", cur.code())]),
                AxisFormat::Money,
            ),
            table: DataTable {
                headers: vec![
                    t.months_since.into(),
                    t.with_churn.into(),
                    t.without_churn.into(),
                ],
                rows: expected
                    .iter()
                    .zip(&stays)
                    .filter(|((n, _), _)| (*n as u32) % step == 0)
                    .map(|((n, e), (_, p))| {
                        vec![Figure::number(*n, 0), Figure::Money(*e), Figure::Money(*p)]
                    })
                    .collect(),
            },
            series: vec![
                Series {
                    name: t.with_churn.into(),
                    colour: Colour::Blue,
                    mark: Mark::Line {
                        points: expected,
                        dashed: false,
                    },
                },
                Series {
                    name: t.without_churn.into(),
                    colour: Colour::Grey,
                    mark: Mark::Line {
                        points: stays,
                        dashed: true,
                    },
                },
                Series {
                    name: t.cac_rule.into(),
                    colour: Colour::Vermillion,
                    mark: Mark::Rule {
                        x: None,
                        y: Some(cac),
                    },
                },
            ],
            spokes: Vec::new(),
        })
    }
}
