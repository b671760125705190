//! The closed-form calculator's chart: the cumulative discounted value of
//! one customer, period by period, and the infinite-horizon value it tends
//! to, as a [`ChartSpec`] the one chart path (`cxi_render`) draws.

use super::clv::ClvOutcome;
use super::context::Context;
use cxi_types::chart::{Axis, AxisFormat, ChartSpec, Colour, DataTable, Mark, Series};
use cxi_types::format;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;

/// DOM id base of the chart: its canvas is `clv-canvas`, its table `clv-table`.
pub const CHART_ID: &str = "clv";

/// The cumulative value after payment 1, 2, … N (an area from 0) and the
/// lifetime value (a dashed rule), with the table of every period.
pub fn chart(outcome: &ClvOutcome, unit: PeriodUnit, ctx: Context) -> ChartSpec {
    let t = ctx.strings();
    let units = t.unit_plural(unit);
    let money = |v: f64| format::money(ctx.locale, ctx.currency, v);
    let values = &outcome.cumulative;
    let last = values.last().copied().unwrap_or(0.0);
    // The area starts at (0, 0): before the first period nothing is earned.
    let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
        .chain(
            values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .map(|(k, v)| ((k + 1) as f64, *v)),
        )
        .collect();
    let mut series = vec![Series {
        name: t.chart_y.into(),
        colour: Colour::Blue,
        mark: Mark::Area { points },
    }];
    if outcome.clv.is_finite() {
        series.push(Series {
            name: t.chart_asymptote.into(),
            colour: Colour::Vermillion,
            mark: Mark::Rule {
                x: None,
                y: Some(outcome.clv),
            },
        });
    }
    ChartSpec {
        id: CHART_ID.into(),
        title: t.chart_title.into(),
        alt: format!(
            "{}{}{} {} → {}; {}{}{}",
            t.chart_title,
            t.colon,
            values.len(),
            units,
            money(last),
            t.chart_asymptote,
            t.colon,
            money(outcome.clv)
        ),
        x: Axis::new(format!("{} ({})", t.chart_x, units), AxisFormat::Number),
        y: Axis::new(
            format!("{} ({})", t.chart_y, ctx.currency.code()),
            AxisFormat::Money,
        ),
        series,
        spokes: Vec::new(),
        table: DataTable {
            headers: vec![
                format!("{} ({})", t.col_period, units),
                format!("{} ({})", t.col_cumulative, ctx.currency.code()),
            ],
            rows: values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    vec![
                        Figure::Number {
                            value: (k + 1) as f64,
                            decimals: 0,
                        },
                        Figure::Money(*v),
                    ]
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::clv::ClvAssumptions;
    use cxi_types::{Currency, Locale};

    fn ctx(locale: Locale) -> Context {
        Context {
            locale,
            currency: Currency::Eur,
        }
    }

    #[test]
    fn one_point_and_one_row_per_period_and_the_rule_at_the_lifetime_value() {
        let a = ClvAssumptions {
            horizon: 12,
            ..ClvAssumptions::default()
        };
        let o = a.compute().unwrap();
        let spec = chart(&o, a.unit, ctx(Locale::En));
        assert_eq!(spec.id, "clv");
        let Mark::Area { points } = &spec.series[0].mark else {
            panic!("the first series is the area")
        };
        assert_eq!(points.len(), 13, "(0, 0) then periods 1..=12");
        assert_eq!(points[0], (0.0, 0.0));
        assert_eq!(points[12], (12.0, o.cumulative[11]));
        assert_eq!(
            spec.series[1].mark,
            Mark::Rule {
                x: None,
                y: Some(o.clv)
            }
        );
        assert_eq!(spec.table.rows.len(), 12);
        assert_eq!(spec.table.rows[11][1], Figure::Money(o.cumulative[11]));
        assert_eq!(spec.table.headers[0], "Period (months)");
    }

    #[test]
    fn french_labels_come_from_the_french_table() {
        let a = ClvAssumptions::default();
        let o = a.compute().unwrap();
        let en = chart(&o, a.unit, ctx(Locale::En));
        let fr = chart(&o, a.unit, ctx(Locale::Fr));
        assert_ne!(en.title, fr.title);
        assert!(fr.alt.contains("€"), "{}", fr.alt);
    }
}
