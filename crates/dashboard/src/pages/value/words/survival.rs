//! Survival curves in words: the chart of the closed form and of the sBG.

use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::value::sbg::Survival;
use crate::pages::value::view::finite_or_missing;
use cxi_types::chart::{Axis, AxisFormat, ChartSpec, Colour, DataTable, Mark, Series};
use cxi_types::format;
use cxi_types::{Figure, Locale};

/// Survival of the model (and its band, and what cohorts show) as a chart
/// with its table; `model_name` names the model's line.
pub fn survival_chart(locale: Locale, s: &Survival, model_name: &str) -> ChartSpec {
    let model = s.model.as_slice();
    let band = s.band.as_deref();
    let observed = s.observed.as_deref();
    let unit = s.unit;
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(unit);
    let mut series = Vec::new();
    if let Some(b) = band {
        series.push(Series {
            name: t.series_band.into(),
            colour: Colour::SkyBlue,
            mark: Mark::Band { points: b.to_vec() },
        });
    }
    series.push(Series {
        name: model_name.into(),
        colour: Colour::Vermillion,
        mark: Mark::Line {
            points: model.to_vec(),
            dashed: true,
        },
    });
    if let Some(o) = observed {
        series.push(Series {
            name: t.series_observed.into(),
            colour: Colour::Blue,
            mark: Mark::Line {
                points: o.iter().map(|&(k, s)| (f64::from(k), s)).collect(),
                dashed: false,
            },
        });
    }
    let mut headers = vec![
        fill(t.axis_since, &[("units", units)]),
        model_name.to_string(),
    ];
    if band.is_some() {
        headers.push(t.col_low.into());
        headers.push(t.col_high.into());
    }
    if observed.is_some() {
        headers.push(t.series_observed.into());
    }
    let rows = model
        .iter()
        .enumerate()
        .map(|(i, &(k, s))| {
            let mut row = vec![Figure::number(k, 0), Figure::percent(s)];
            if let Some(b) = band {
                let (lo, hi) = b.get(i).map_or((f64::NAN, f64::NAN), |x| (x.1, x.2));
                row.push(finite_or_missing(Figure::percent(lo)));
                row.push(finite_or_missing(Figure::percent(hi)));
            }
            if let Some(o) = observed {
                row.push(
                    o.iter()
                        .find(|p| f64::from(p.0) == k)
                        .map_or(Figure::Missing, |p| Figure::percent(p.1)),
                );
            }
            row
        })
        .collect();
    let last = model.last().copied().unwrap_or((0.0, 1.0));
    let alt = match observed.and_then(|o| o.last()) {
        Some(&(k, so)) => {
            let sm = model
                .iter()
                .find(|p| p.0 == f64::from(k))
                .map_or(f64::NAN, |p| p.1);
            fill(
                t.alt_survival_observed,
                &[
                    ("n", &k.to_string()),
                    ("units", units),
                    ("observed", &format::percent(locale, so, 0)),
                    ("model", &format::percent(locale, sm, 0)),
                    ("last", &format!("{:.0}", last.0)),
                    ("projected", &format::percent(locale, last.1, 0)),
                ],
            )
        }
        None => fill(
            t.alt_survival,
            &[
                ("last", &format!("{:.0}", last.0)),
                ("units", units),
                ("projected", &format::percent(locale, last.1, 0)),
            ],
        ),
    };
    let mut y = Axis::new(t.axis_active, AxisFormat::Percent);
    y.range = Some((0.0, 1.0));
    ChartSpec {
        id: "value-survival".into(),
        title: t.chart_survival.into(),
        alt,
        x: Axis::new(fill(t.axis_since, &[("units", units)]), AxisFormat::Number),
        y,
        series,
        spokes: Vec::new(),
        table: DataTable { headers, rows },
    }
}
