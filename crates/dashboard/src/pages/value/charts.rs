//! The BG/NBD charts: P(alive) matrix and CLV distribution.

use super::evidence::BgNbdEvidence;
use super::view::finite_or_missing;
use super::view::BinValue;
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
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Locale;

/// Rows of the P(alive) matrix: frequencies 0…max, at most 12 rows.
fn matrix_axes(b: &BgNbdEvidence, seg: u16) -> (Vec<u32>, Vec<f64>, f64) {
    let bins = b.bins.iter().filter(|x| seg == 0 || x.segment() == seg);
    let (max_x, max_t) = bins.fold((0u32, 0.0f64), |(x, t), bn| (x.max(bn.0), t.max(bn.2)));
    let rows = 12u32.min(max_x + 1);
    let xs: Vec<u32> = (0..rows)
        .map(|k| {
            if rows <= 1 {
                0
            } else {
                (f64::from(k) * f64::from(max_x) / f64::from(rows - 1)).round() as u32
            }
        })
        .collect();
    let cols = 10usize;
    let big_t = max_t.round().max(1.0);
    let recs: Vec<f64> = (0..cols)
        .map(|j| (j as f64 * big_t / (cols - 1) as f64).round())
        .collect();
    (xs, recs, big_t)
}

/// P(alive) over frequency × recency at the customers' largest age `T`
/// (the layout of lifetimes' `plot_probability_alive_matrix`).
pub fn p_alive_chart(locale: Locale, b: &BgNbdEvidence, seg: u16) -> ChartSpec {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(b.unit);
    let (xs, recs, big_t) = matrix_axes(b, seg);
    let cell = |x: u32, tx: f64| {
        let tx = if x == 0 { 0.0 } else { tx };
        b.params.p_alive(x, tx, big_t).unwrap_or(f64::NAN)
    };
    let values: Vec<Vec<f64>> = xs
        .iter()
        .map(|&x| recs.iter().map(|&r| cell(x, r)).collect())
        .collect();
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
            ("low", &format::percent(locale, cell(top, 0.0), 0)),
            ("high", &format::percent(locale, cell(top, big_t), 0)),
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

/// Weighted quantile of `(value, weight)` pairs sorted by value.
pub(super) fn weighted_quantile(sorted: &[(f64, f64)], q: f64) -> f64 {
    let total: f64 = sorted.iter().map(|x| x.1).sum();
    let mut acc = 0.0;
    for &(v, w) in sorted {
        acc += w;
        if acc >= q * total {
            return v;
        }
    }
    sorted.last().map_or(f64::NAN, |x| x.0)
}

/// A round step (1, 2 or 5 × 10ᵏ) near `raw`.
pub(super) fn nice_step(raw: f64) -> f64 {
    if !(raw > 0.0 && raw.is_finite()) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * p
}

/// Share of the total value held by the most valuable `top` share of
/// customers (a bin is split when the cut falls inside it).
pub fn top_share(values: &[BinValue], top: f64) -> f64 {
    let mut v: Vec<(f64, f64)> = values.iter().map(|x| (x.clv, x.count)).collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let n: f64 = v.iter().map(|x| x.1).sum();
    let total: f64 = v.iter().map(|x| x.0 * x.1).sum();
    let mut left = top * n;
    let mut held = 0.0;
    for (c, w) in v {
        let take = w.min(left);
        held += c * take;
        left -= take;
        if left <= 0.0 {
            break;
        }
    }
    if total > 0.0 {
        held / total
    } else {
        f64::NAN
    }
}

/// Histogram of the customers' CLV: ten equal bars from 0 to a round
/// value near the 99th percentile, the last one open-ended.
pub fn distribution_chart(locale: Locale, currency: Currency, values: &[BinValue]) -> ChartSpec {
    let t = locale.strings().value;
    let mut sorted: Vec<(f64, f64)> = values.iter().map(|x| (x.clv, x.count)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let p99 = weighted_quantile(&sorted, 0.99).max(0.0);
    let bars = 10usize;
    let step = nice_step(p99 / bars as f64);
    let mut counts = vec![0.0; bars];
    let mut value_in = vec![0.0; bars];
    for &(c, w) in &sorted {
        let k = ((c.max(0.0) / step).floor() as usize).min(bars - 1);
        counts[k] += w;
        value_in[k] += c * w;
    }
    let total_value: f64 = value_in.iter().sum();
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
    let median = weighted_quantile(&sorted, 0.5);
    let alt = fill(
        t.alt_distribution,
        &[
            ("median", &format::money_whole(locale, currency, median)),
            ("share", &format::percent(locale, top_share(values, 0.1), 0)),
        ],
    );
    let rows = (0..bars)
        .map(|k| {
            vec![
                Figure::Text(labels[k].clone()),
                Figure::number(counts[k], 0),
                finite_or_missing(Figure::percent(value_in[k] / total_value)),
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
