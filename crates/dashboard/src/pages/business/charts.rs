//! The page's charts: scenarios, cash flow, tornado, Monte-Carlo band.

use super::compute::BusinessView;
use super::inputs::TORNADO_BARS;
use super::inputs::TORNADO_RELATIVE;
use super::slice::BusinessSlice;
use super::words::input_figure;
use super::words::input_name;
use super::words::scenario_name;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_models::business_case::MonteCarloBand;
use cxi_models::business_case::TornadoBar;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;

impl BusinessView {
    /// NPV of the three scenarios as bars.
    pub fn scenarios_chart(&self, s: &BusinessSlice) -> Option<ChartSpec> {
        if self.scenarios.len() != 3 {
            return None;
        }
        let loc = s.locale;
        let t = loc.strings().business;
        let npv = |k: usize| format::money(loc, s.currency, self.scenarios[k].case.npv);
        Some(ChartSpec {
            id: "business-scenarios".into(),
            title: t.scenarios_title.into(),
            alt: fill(
                t.scenarios_alt,
                &[("low", &npv(0)), ("mid", &npv(1)), ("high", &npv(2))],
            ),
            x: Axis::new(
                "",
                AxisFormat::Categories(
                    self.scenarios
                        .iter()
                        .map(|c| scenario_name(t, c.key).to_string())
                        .collect(),
                ),
            ),
            y: Axis::new(
                format!("{} ({})", t.npv_axis, s.currency.code()),
                AxisFormat::Money,
            ),
            series: vec![Series {
                name: t.row_npv.into(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: self.scenarios.iter().map(|c| (0.0, c.case.npv)).collect(),
                    colours: vec![Colour::SkyBlue, Colour::Blue, Colour::BluishGreen],
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: self.comparison(s),
        })
    }

    /// Net cash flow bars and the cumulative line of the target scenario.
    pub fn cash_chart(&self, s: &BusinessSlice) -> Option<ChartSpec> {
        let c = self.target()?;
        let loc = s.locale;
        let t = loc.strings().business;
        let cur = s.currency;
        let rows = &c.case.rows;
        let names: Vec<String> = rows
            .iter()
            .map(|r| fill(t.year_n, &[("n", &r.year.to_string())]))
            .collect();
        Some(ChartSpec {
            id: "business-cash".into(),
            title: t.cash_title.into(),
            alt: fill(
                t.cash_alt,
                &[
                    ("first", &format::money(loc, cur, rows[0].net_cash_flow)),
                    (
                        "last",
                        &format::money(loc, cur, rows[rows.len() - 1].net_cash_flow),
                    ),
                    ("npv", &format::money(loc, cur, c.case.npv)),
                ],
            ),
            x: Axis::new(t.year_axis, AxisFormat::Categories(names.clone())),
            y: Axis::new(
                fill(t.money_axis, &[("cur", cur.code())]),
                AxisFormat::Money,
            ),
            series: vec![
                Series {
                    name: t.net_flow.into(),
                    colour: Colour::BluishGreen,
                    mark: Mark::Bars {
                        spans: rows.iter().map(|r| (0.0, r.net_cash_flow)).collect(),
                        colours: rows
                            .iter()
                            .map(|r| {
                                if r.net_cash_flow < 0.0 {
                                    Colour::Vermillion
                                } else {
                                    Colour::BluishGreen
                                }
                            })
                            .collect(),
                        horizontal: false,
                    },
                },
                Series {
                    name: t.cumulative.into(),
                    colour: Colour::Ink,
                    mark: Mark::Line {
                        points: rows
                            .iter()
                            .map(|r| (f64::from(r.year), r.cumulative))
                            .collect(),
                        dashed: false,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.year_axis.into(),
                    t.col_benefits.into(),
                    t.col_costs.into(),
                    t.net_flow.into(),
                    t.col_discounted.into(),
                    t.cumulative.into(),
                    t.col_cumulative_discounted.into(),
                ],
                rows: rows
                    .iter()
                    .zip(names)
                    .map(|(r, n)| {
                        vec![
                            Figure::Text(n),
                            Figure::Money(r.benefits),
                            Figure::Money(r.costs),
                            Figure::Money(r.net_cash_flow),
                            Figure::Money(r.discounted_cash_flow),
                            Figure::Money(r.cumulative),
                            Figure::Money(r.cumulative_discounted),
                        ]
                    })
                    .collect(),
            },
        })
    }

    /// Horizontal floating bars: NPV with each input at its low and high.
    pub fn tornado_chart(&self, s: &BusinessSlice) -> Option<ChartSpec> {
        let (base, bars) = self.tornado.as_ref()?;
        let bars: Vec<&TornadoBar> = bars.iter().take(TORNADO_BARS).collect();
        if bars.is_empty() {
            return None;
        }
        let loc = s.locale;
        let t = loc.strings().business;
        let names: Vec<String> = bars
            .iter()
            .map(|b| input_name(t, b.input).to_string())
            .collect();
        let second = names.get(1).cloned().unwrap_or_else(|| "—".into());
        Some(ChartSpec {
            id: "business-tornado".into(),
            title: t.tornado_title.into(),
            alt: fill(
                t.tornado_alt,
                &[
                    ("first", &names[0]),
                    ("second", &second),
                    ("pct", &format::percent(loc, TORNADO_RELATIVE, 0)),
                ],
            ),
            x: Axis::new(
                format!("{} ({})", t.npv_axis, s.currency.code()),
                AxisFormat::Money,
            ),
            y: Axis::new("", AxisFormat::Categories(names.clone())),
            series: vec![
                Series {
                    name: t.npv_axis.into(),
                    colour: Colour::Orange,
                    mark: Mark::Bars {
                        spans: bars
                            .iter()
                            .map(|b| (b.npv_low.min(b.npv_high), b.npv_low.max(b.npv_high)))
                            .collect(),
                        colours: Vec::new(),
                        horizontal: true,
                    },
                },
                Series {
                    name: t.base_npv.into(),
                    colour: Colour::Ink,
                    mark: Mark::Rule {
                        x: Some(*base),
                        y: None,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.col_input.into(),
                    t.col_low.into(),
                    t.col_high.into(),
                    t.col_npv_low.into(),
                    t.col_npv_high.into(),
                ],
                rows: bars
                    .iter()
                    .zip(names)
                    .map(|(b, n)| {
                        vec![
                            Figure::Text(n),
                            input_figure(b.input, b.low),
                            input_figure(b.input, b.high),
                            Figure::Money(b.npv_low),
                            Figure::Money(b.npv_high),
                        ]
                    })
                    .collect(),
            },
        })
    }

    /// The plan's cumulative discounted cash flow inside its 90 % band.
    pub fn band_chart(&self, s: &BusinessSlice, band: &MonteCarloBand) -> Option<ChartSpec> {
        let c = self.target()?;
        let loc = s.locale;
        let t = loc.strings().business;
        let cur = s.currency;
        let b = &band.cumulative_discounted;
        if b.len() != c.case.rows.len() {
            return None;
        }
        let x = |k: usize| k as f64;
        Some(ChartSpec {
            id: "business-band".into(),
            title: t.band_title.into(),
            alt: fill(
                t.band_alt,
                &[
                    ("draws", &format::number(loc, f64::from(band.draws), 0)),
                    ("years", &c.inputs.years.to_string()),
                    ("p05", &format::money(loc, cur, band.npv.p05)),
                    ("p95", &format::money(loc, cur, band.npv.p95)),
                    ("prob", &format::percent(loc, band.probability_positive, 0)),
                ],
            ),
            x: Axis::new(t.year_axis, AxisFormat::Number),
            y: Axis::new(
                fill(t.money_axis, &[("cur", cur.code())]),
                AxisFormat::Money,
            ),
            series: vec![
                Series {
                    name: t.band_series.into(),
                    colour: Colour::SkyBlue,
                    mark: Mark::Band {
                        points: b
                            .iter()
                            .enumerate()
                            .map(|(k, p)| (x(k), p.p05, p.p95))
                            .collect(),
                    },
                },
                Series {
                    name: t.median.into(),
                    colour: Colour::Blue,
                    mark: Mark::Line {
                        points: b.iter().enumerate().map(|(k, p)| (x(k), p.p50)).collect(),
                        dashed: false,
                    },
                },
                Series {
                    name: t.plan.into(),
                    colour: Colour::Ink,
                    mark: Mark::Line {
                        points: c
                            .case
                            .rows
                            .iter()
                            .map(|r| (f64::from(r.year), r.cumulative_discounted))
                            .collect(),
                        dashed: true,
                    },
                },
                Series {
                    name: String::new(),
                    colour: Colour::Grey,
                    mark: Mark::Rule {
                        x: None,
                        y: Some(0.0),
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.year_axis.into(),
                    t.col_p05.into(),
                    t.col_p50.into(),
                    t.col_p95.into(),
                    t.plan.into(),
                ],
                rows: b
                    .iter()
                    .zip(&c.case.rows)
                    .map(|(p, r)| {
                        vec![
                            Figure::number(f64::from(r.year), 0),
                            Figure::Money(p.p05),
                            Figure::Money(p.p50),
                            Figure::Money(p.p95),
                            Figure::Money(r.cumulative_discounted),
                        ]
                    })
                    .collect(),
            },
        })
    }
}
