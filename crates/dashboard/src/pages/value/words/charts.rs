//! The BG/NBD charts and table in words: the P(alive) matrix, the CLV
//! distribution, the customers at risk.

use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::value::at_risk::AtRisk;
use crate::pages::value::chart_data::{Histogram, PAliveGrid};
use crate::pages::value::evidence::BgNbdEvidence;
use crate::pages::value::view::finite_or_missing;
use cxi_types::chart::{Axis, AxisFormat, ChartSpec, Colour, DataTable, Mark, Series};
use cxi_types::format;
use cxi_types::period::PeriodUnit;
use cxi_types::{Currency, Figure, Locale};

/// The P(alive) matrix as a chart with its table (`unit`: the model's).
pub fn p_alive_chart(locale: Locale, unit: PeriodUnit, g: &PAliveGrid) -> ChartSpec {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(unit);
    let (xs, recs, big_t, values) = (&g.frequencies, &g.recencies, g.age, g.values.clone());
    let (low, high) = g.top_row_range();
    let mut headers = vec![t.col_frequency.to_string()];
    headers.extend(recs.iter().map(|r| {
        fill(
            t.col_recency,
            &[("r", &format!("{r:.0}")), ("units", units)],
        )
    }));
    let rows = xs
        .iter()
        .zip(&values)
        .map(|(&x, row)| {
            let mut r = vec![Figure::number(f64::from(x), 0)];
            r.extend(row.iter().map(|&p| {
                finite_or_missing(Figure::Percent {
                    value: p,
                    decimals: 0,
                })
            }));
            r
        })
        .collect();
    let top = xs.last().copied().unwrap_or(0);
    let alt = fill(
        t.alt_matrix,
        &[
            ("x", &top.to_string()),
            ("t", &format!("{big_t:.0}")),
            ("units", units),
            ("low", &format::percent(locale, low, 0)),
            ("high", &format::percent(locale, high, 0)),
        ],
    );
    ChartSpec {
        id: "value-palive".into(),
        title: fill(
            t.chart_matrix,
            &[("t", &format!("{big_t:.0}")), ("units", units)],
        ),
        alt,
        x: Axis::new(
            fill(t.axis_recency, &[("units", units)]),
            AxisFormat::Categories(recs.iter().map(|r| format!("{r:.0}")).collect()),
        ),
        y: Axis::new(
            t.col_frequency,
            AxisFormat::Categories(xs.iter().map(|x| x.to_string()).collect()),
        ),
        series: vec![Series {
            name: t.series_p_alive.into(),
            colour: Colour::Blue,
            mark: Mark::Grid { values },
        }],
        spokes: Vec::new(),
        table: DataTable { headers, rows },
    }
}

/// The CLV distribution as a chart with its table.
pub fn distribution_chart(locale: Locale, currency: Currency, h: &Histogram) -> ChartSpec {
    let t = locale.strings().value;
    let bars = h.counts.len();
    let (step, counts) = (h.step, &h.counts);
    let label = |k: usize| {
        let lo = format::money_whole(locale, currency, step * k as f64);
        if k + 1 == bars {
            format!("≥ {lo}")
        } else {
            format!(
                "{lo}–{}",
                format::money_whole(locale, currency, step * (k + 1) as f64)
            )
        }
    };
    let labels: Vec<String> = (0..bars).map(label).collect();
    let alt = fill(
        t.alt_distribution,
        &[
            ("median", &format::money_whole(locale, currency, h.median)),
            ("share", &format::percent(locale, h.top_decile_share, 0)),
        ],
    );
    let rows = (0..bars)
        .map(|k| {
            vec![
                Figure::Text(labels[k].clone()),
                Figure::number(counts[k], 0),
                finite_or_missing(Figure::percent(h.value_shares[k])),
            ]
        })
        .collect();
    ChartSpec {
        id: "value-distribution".into(),
        title: t.chart_distribution.into(),
        alt,
        x: Axis::new(
            fill(t.axis_clv, &[("currency", currency.code())]),
            AxisFormat::Categories(labels),
        ),
        y: Axis::new(t.axis_customers, AxisFormat::Number),
        series: vec![Series {
            name: t.axis_customers.into(),
            colour: Colour::Blue,
            mark: Mark::Bars {
                spans: counts.iter().map(|&c| (0.0, c)).collect(),
                colours: Vec::new(),
                horizontal: false,
            },
        }],
        spokes: Vec::new(),
        table: DataTable {
            headers: vec![
                fill(t.axis_clv, &[("currency", currency.code())]),
                t.axis_customers.into(),
                t.col_value_share.into(),
            ],
            rows,
        },
    }
}

/// The customers at risk of the bins of `seg` (0: all, with their segment
/// when the data has segments) as a table.
pub fn at_risk_table(locale: Locale, b: &BgNbdEvidence, seg: u16, list: &[AtRisk]) -> DataTable {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(b.unit);
    let with_seg = !b.segments.is_empty() && seg == 0;
    let mut headers = vec![t.col_customer.to_string()];
    if with_seg {
        headers.push(t.col_segment.into());
    }
    headers.extend([
        t.col_frequency.to_string(),
        fill(t.col_recency_units, &[("units", units)]),
        fill(t.col_age_units, &[("units", units)]),
        t.series_p_alive.into(),
        t.col_clv.into(),
        t.col_at_risk.into(),
    ]);
    let rows = list
        .iter()
        .map(|a| {
            let mut r = vec![Figure::Text(a.id.clone())];
            if with_seg {
                let name = (a.segment as usize)
                    .checked_sub(1)
                    .and_then(|i| b.segments.get(i))
                    .cloned()
                    .unwrap_or_default();
                r.push(Figure::Text(name));
            }
            r.extend([
                Figure::number(f64::from(a.rfm.frequency), 0),
                Figure::number(a.rfm.recency, 1),
                Figure::number(a.rfm.age, 1),
                Figure::Percent {
                    value: a.p_alive,
                    decimals: 0,
                },
                finite_or_missing(Figure::Money(a.clv)),
                finite_or_missing(Figure::Money(a.value_at_risk)),
            ]);
            r
        })
        .collect();
    DataTable { headers, rows }
}
