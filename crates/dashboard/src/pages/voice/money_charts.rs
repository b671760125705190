//! The value charts: waterfall, move scenario and revenue projection.

use super::view::EconomicsSource;
use super::view::Money;
use super::view::MAX_LINE_POINTS;
use super::words::assumption_name;
use super::words::count;
use super::words::fin;
use super::words::finite_spans;
use super::words::waterfall_spans;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_models::score_value::AssumptionKind;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Locale;

impl Money {
    /// Lifetime value of each category's customers, stacked to the total.
    pub fn waterfall_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let parts: Vec<f64> = (0..3)
            .map(|g| self.customers[g] * self.values[g].total)
            .collect();
        let spans = waterfall_spans(&parts);
        let total = spans.last().map(|s| s.1).unwrap_or(0.0);
        let names = [t.detractors, t.passives, t.promoters, t.total];
        let mut rows: Vec<Vec<Figure>> = (0..3)
            .map(|g| {
                vec![
                    Figure::Text(names[g].into()),
                    fin(self.customers[g], count),
                    fin(self.values[g].total, Figure::Money),
                    fin(parts[g], Figure::Money),
                ]
            })
            .collect();
        rows.push(vec![
            Figure::Text(t.total.into()),
            fin(self.customers.iter().sum(), count),
            Figure::Missing,
            fin(total, Figure::Money),
        ]);
        ChartSpec {
            id: "nps-waterfall".into(),
            title: t.waterfall.into(),
            alt: fill(
                t.waterfall_alt,
                &[
                    ("detractors", &format::money(locale, currency, parts[0])),
                    ("passives", &format::money(locale, currency, parts[1])),
                    ("promoters", &format::money(locale, currency, parts[2])),
                    ("total", &format::money(locale, currency, total)),
                ],
            ),
            x: Axis::new(
                t.category,
                AxisFormat::Categories(names.iter().map(|x| x.to_string()).collect()),
            ),
            y: Axis::new(
                format!("{} ({})", t.value_axis, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: finite_spans(spans),
                    colours: vec![
                        Colour::Vermillion,
                        Colour::Grey,
                        Colour::BluishGreen,
                        Colour::Blue,
                    ],
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.category.into(),
                    t.customers_col.into(),
                    format!("{} ({})", t.value_per_customer, currency.code()),
                    format!("{} ({})", t.value_of_group, currency.code()),
                ],
                rows,
            },
        }
    }

    /// Revenue per period of today's mix and of the scenario.
    pub fn projection_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let strings = locale.strings();
        let line = |v: &[f64]| -> Vec<(f64, f64)> {
            let step = v.len().div_ceil(MAX_LINE_POINTS).max(1);
            v.iter()
                .enumerate()
                .filter(|(i, _)| i % step == 0 || *i + 1 == v.len())
                .filter(|(_, y)| y.is_finite())
                .map(|(i, y)| (i as f64, *y))
                .collect()
        };
        let units = strings.unit_plural(self.unit);
        let rows = self
            .baseline
            .total
            .iter()
            .zip(&self.scenario.total)
            .enumerate()
            .map(|(i, (b, s))| {
                vec![
                    count(i as f64),
                    fin(*b, Figure::Money),
                    fin(*s, Figure::Money),
                    fin(s - b, Figure::Money),
                ]
            })
            .collect();
        ChartSpec {
            id: "nps-projection".into(),
            title: t.projection.into(),
            alt: fill(
                t.projection_alt,
                &[
                    ("periods", &self.horizon_periods.to_string()),
                    ("units", units),
                    (
                        "baseline",
                        &format::money(locale, currency, self.baseline.sum),
                    ),
                    (
                        "scenario",
                        &format::money(locale, currency, self.scenario.sum),
                    ),
                ],
            ),
            x: Axis::new(
                format!("{} ({})", t.period_axis, strings.unit_plural(self.unit)),
                AxisFormat::Number,
            ),
            y: Axis::new(
                format!("{} ({})", t.revenue_axis, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![
                Series {
                    name: t.baseline.into(),
                    colour: Colour::Grey,
                    mark: Mark::Line {
                        points: line(&self.baseline.total),
                        dashed: true,
                    },
                },
                Series {
                    name: t.scenario.into(),
                    colour: Colour::Blue,
                    mark: Mark::Line {
                        points: line(&self.scenario.total),
                        dashed: false,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    format!("{} ({})", t.period_axis, units),
                    format!("{} ({})", t.baseline, currency.code()),
                    format!("{} ({})", t.scenario, currency.code()),
                    format!("Δ ({})", currency.code()),
                ],
                rows,
            },
        }
    }

    /// Value per customer by CSAT and CES band.
    pub fn links_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let names = [
            t.csat_low,
            t.csat_mid,
            t.csat_high,
            t.ces_difficult,
            t.ces_neutral,
            t.ces_easy,
        ];
        let colours = vec![
            Colour::Vermillion,
            Colour::Grey,
            Colour::BluishGreen,
            Colour::Vermillion,
            Colour::Grey,
            Colour::BluishGreen,
        ];
        let value = |i: usize| self.links.get(i).map(|l| l.0).unwrap_or(f64::NAN);
        ChartSpec {
            id: "nps-links".into(),
            title: t.links.into(),
            alt: fill(
                t.links_alt,
                &[
                    ("csat_low", &format::money(locale, currency, value(0))),
                    ("csat_high", &format::money(locale, currency, value(2))),
                    ("ces_difficult", &format::money(locale, currency, value(3))),
                    ("ces_easy", &format::money(locale, currency, value(5))),
                ],
            ),
            x: Axis::new(
                t.band,
                AxisFormat::Categories(names.iter().map(|x| x.to_string()).collect()),
            ),
            y: Axis::new(
                format!("{} ({})", t.value_per_customer, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: finite_spans((0..6).map(|i| (0.0, value(i))).collect()),
                    colours,
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.band.into(),
                    t.answers_axis.into(),
                    format!("{} ({})", t.value_per_customer, currency.code()),
                ],
                rows: (0..6)
                    .map(|i| {
                        vec![
                            Figure::Text(names[i].into()),
                            match self.links.get(i).and_then(|l| l.1) {
                                Some(n) => count(n as f64),
                                None => Figure::Missing,
                            },
                            fin(value(i), Figure::Money),
                        ]
                    })
                    .collect(),
            },
        }
    }

    /// Group economics table: per category, the inputs of its value.
    pub fn economics_table(&self, locale: Locale, currency: Currency) -> DataTable {
        let t = locale.strings().voice;
        let names = [t.detractors, t.passives, t.promoters];
        let unit = locale.strings().unit_name(self.unit).to_lowercase();
        let cur = currency.code();
        let mut headers = vec![
            t.category.to_string(),
            t.retention_col.to_string(),
            format!("{} ({cur}, {unit})", t.spend_col),
            format!("{} ({cur}, {unit})", t.cost_col),
            t.referrals_col.to_string(),
            t.wom_col.to_string(),
            format!("{} ({cur})", t.value_per_customer),
        ];
        if self.values_range.is_some() {
            headers.push(format!("{} ({cur})", t.low_high));
        }
        let rows = (0..3)
            .map(|g| {
                let e = &self.groups[g];
                let mut row = vec![
                    Figure::Text(names[g].into()),
                    fin(e.retention, |v| Figure::Percent {
                        value: v,
                        decimals: 2,
                    }),
                    fin(e.spend, Figure::Money),
                    fin(e.cost_to_serve, Figure::Money),
                    fin(e.referrals, |v| Figure::number(v, 4)),
                    fin(e.negative_wom, |v| Figure::number(v, 4)),
                    fin(self.values[g].total, Figure::Money),
                ];
                if let Some((lo, hi)) = &self.values_range {
                    row.push(Figure::Text(format!(
                        "{} – {}",
                        format::money(locale, currency, lo[g].total),
                        format::money(locale, currency, hi[g].total)
                    )));
                }
                row
            })
            .collect();
        DataTable { headers, rows }
    }

    /// Where the group economics come from, in one sentence.
    pub fn source_sentence(&self, locale: Locale) -> String {
        let t = locale.strings().voice;
        match &self.source {
            EconomicsSource::Data => t.econ_from_data.into(),
            EconomicsSource::Defaults(_) if self.join_unused => {
                format!("{} {}", t.econ_join_unused, t.econ_default)
            }
            EconomicsSource::Defaults(_) => t.econ_default.into(),
            EconomicsSource::Joined {
                measured,
                window_days,
                retention,
                contacts,
                ..
            } => fill(
                t.econ_joined,
                &[
                    ("n", &format::number(locale, *measured as f64, 0)),
                    (
                        "window",
                        &format::number(locale, f64::from(*window_days), 0),
                    ),
                    (
                        "retention",
                        if *retention {
                            t.econ_joined_retention_crm
                        } else {
                            t.econ_joined_retention_assumed
                        },
                    ),
                    (
                        "cost",
                        if *contacts {
                            t.econ_joined_cost_contacts
                        } else {
                            t.econ_joined_cost_assumed
                        },
                    ),
                ],
            ),
        }
    }

    /// The default factors behind the group economics, with their sources
    /// and kind, in the user's language.
    pub fn assumption_lines(&self, locale: Locale) -> Vec<String> {
        let t = locale.strings().voice;
        let list = match &self.source {
            EconomicsSource::Defaults(list) => list,
            EconomicsSource::Joined { assumptions, .. } => assumptions,
            EconomicsSource::Data => return Vec::new(),
        };
        list.iter()
            .map(|a| {
                let kind = match a.kind {
                    AssumptionKind::Published => t.published,
                    AssumptionKind::Illustrative => t.illustrative,
                };
                let v = a
                    .values
                    .iter()
                    .map(|x| format::number(locale, *x, 2))
                    .collect::<Vec<_>>()
                    .join(" / ");
                format!(
                    "{} ({}): {v} ({kind}). {}",
                    assumption_name(a.name, locale),
                    t.factors,
                    a.source
                )
            })
            .collect()
    }
}
