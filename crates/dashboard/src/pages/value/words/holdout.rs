//! The calibration/holdout check in words: the split, the verdict, why a
//! calibration end was refused, and the three standard charts (Fader,
//! Hardie & Lee 2005, section 4) with their tables.

use super::bgnbd::convention_sentence;
use crate::i18n::fill;
use crate::i18n::value::ValueStrings;
use crate::i18n::LocaleStrings;
use crate::pages::value::evidence::FitFailure;
use crate::pages::value::holdout::{HoldoutFigures, HoldoutRefusal, MIN_SPAN_DAYS};
use crate::pages::value::holdout_page::{HoldoutNumbers, HoldoutProblem};
use crate::pages::value::view::{finite_or_missing, HoldoutView};
use chrono::NaiveDate;
use cxi_types::chart::{Axis, AxisFormat, ChartSpec, Colour, DataTable, Mark, Series};
use cxi_types::format;
use cxi_types::{Figure, Locale};

/// A date as the date input writes it.
fn iso(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The page's holdout section.
pub fn holdout_view(n: &HoldoutNumbers, locale: Locale) -> HoldoutView {
    let t = locale.strings().value;
    let mut problem = n.problem.map(|p| match p {
        HoldoutProblem::Refused(end, r) => refusal(t, locale, end, r),
        HoldoutProblem::Pending(end) => fill(t.holdout_pending, &[("end", &iso(end))]),
    });
    let mut view = HoldoutView {
        end: iso(n.end),
        min: iso(n.span.first),
        max: iso(n.span.last.pred_opt().unwrap_or(n.span.last)),
        intro: String::new(),
        verdict: String::new(),
        errors: String::new(),
        problem: None,
        charts: Vec::new(),
    };
    if let Some(f) = n.figures {
        if let Some(p) = problem.as_mut().filter(|_| f.calibration_end != n.end) {
            p.push(' ');
            p.push_str(&fill(
                t.holdout_shown,
                &[("shown", &iso(f.calibration_end))],
            ));
        }
        let units = locale.strings().unit_plural(f.unit);
        let mut intro = fill(
            t.holdout_intro,
            &[
                ("end", &iso(f.calibration_end)),
                ("length", &format::number(locale, f.holdout_length, 1)),
                ("units", units),
                ("last", &iso(f.holdout_end)),
                ("customers", &format::number(locale, f.customers as f64, 0)),
            ],
        );
        if f.default_end {
            intro.push(' ');
            intro.push_str(t.holdout_default);
        }
        intro.push(' ');
        intro.push_str(&convention_sentence(locale, f.unit, f.convention));
        if f.new_in_holdout > 0 {
            intro.push(' ');
            intro.push_str(&fill(
                t.holdout_new,
                &[("new", &format::number(locale, f.new_in_holdout as f64, 0))],
            ));
        }
        view.intro = intro;
        view.verdict = verdict(f, locale);
        view.errors = fill(
            t.holdout_errors,
            &[
                ("mae", &format::number(locale, f.mae, 2)),
                ("bias", &format::number(locale, f.bias, 2)),
            ],
        );
        view.charts = vec![
            calibration_chart(f, locale),
            conditional_chart(f, locale),
            tracking_chart(f, locale),
        ];
    }
    view.problem = problem;
    view
}

/// "The model expected 412 repeat purchases in the 26 held-out weeks; 455
/// happened: −9 %."
pub fn verdict(f: &HoldoutFigures, locale: Locale) -> String {
    let t = locale.strings().value;
    let error = f.relative_error().map_or("—".into(), |e| {
        let p = format::percent(locale, e, 0);
        if e > 0.0 && !p.starts_with('+') {
            format!("+{p}")
        } else {
            p
        }
    });
    fill(
        t.holdout_verdict,
        &[
            ("expected", &format::number(locale, f.predicted_total, 0)),
            ("length", &format::number(locale, f.holdout_length, 1)),
            ("units", locale.strings().unit_plural(f.unit)),
            ("actual", &format::number(locale, f.actual_total, 0)),
            ("error", &error),
        ],
    )
}

/// Why no check was made at a calibration end, in one sentence.
pub fn refusal(t: &ValueStrings, locale: Locale, at: NaiveDate, r: HoldoutRefusal) -> String {
    match r {
        HoldoutRefusal::TooShort { days } => fill(
            t.holdout_too_short,
            &[
                ("days", &format::number(locale, days as f64, 0)),
                ("min", &MIN_SPAN_DAYS.to_string()),
            ],
        ),
        HoldoutRefusal::OutOfRange { end, first, last } => fill(
            t.holdout_out_of_range,
            &[
                ("end", &iso(end)),
                ("first", &iso(first)),
                ("last", &iso(last)),
            ],
        ),
        HoldoutRefusal::NoHoldoutPurchases { end, last } => fill(
            t.holdout_no_purchases,
            &[("end", &iso(end)), ("last", &iso(last))],
        ),
        HoldoutRefusal::NotFitted(why) => {
            let why = match why {
                FitFailure::NotEnoughData => t.why_not_enough,
                FitFailure::NoChurn => t.why_no_churn,
                FitFailure::DidNotConverge => t.why_no_converge,
            };
            fill(t.holdout_not_fitted, &[("end", &iso(at)), ("why", why)])
        }
    }
}

fn group_label(x: u32, or_more: bool) -> String {
    if or_more {
        format!("{x}+")
    } else {
        x.to_string()
    }
}

fn bars(name: &str, colour: Colour, values: impl Iterator<Item = f64>) -> Series {
    Series {
        name: name.into(),
        colour,
        mark: Mark::Bars {
            spans: values.map(|v| (0.0, v)).collect(),
            colours: Vec::new(),
            horizontal: false,
        },
    }
}

/// (a) Customers by calibration repeat purchases, actual against the
/// model's `Σ P(X(T) = x)`.
pub fn calibration_chart(f: &HoldoutFigures, locale: Locale) -> ChartSpec {
    let t = locale.strings().value;
    let c = &f.calibration;
    let labels: Vec<String> = c
        .iter()
        .map(|g| group_label(g.frequency, g.or_more))
        .collect();
    let rows = c
        .iter()
        .zip(&labels)
        .map(|(g, l)| {
            vec![
                Figure::Text(l.clone()),
                Figure::number(g.actual, 0),
                finite_or_missing(Figure::number(g.model, 1)),
            ]
        })
        .collect();
    let zero = c.first();
    let alt = fill(
        t.alt_holdout_calibration,
        &[
            (
                "actual",
                &format::number(locale, zero.map_or(0.0, |g| g.actual), 0),
            ),
            (
                "model",
                &format::number(locale, zero.map_or(0.0, |g| g.model), 0),
            ),
        ],
    );
    ChartSpec {
        id: "value-holdout-calibration".into(),
        title: t.chart_holdout_calibration.into(),
        alt,
        x: Axis::new(t.col_frequency, AxisFormat::Categories(labels)),
        y: Axis::new(t.axis_customers, AxisFormat::Number),
        series: vec![
            bars(t.series_actual, Colour::Blue, c.iter().map(|g| g.actual)),
            bars(
                t.series_model_bgnbd,
                Colour::Vermillion,
                c.iter().map(|g| g.model),
            ),
        ],
        spokes: Vec::new(),
        table: DataTable {
            headers: vec![
                t.col_frequency.into(),
                t.series_actual.into(),
                t.series_model_bgnbd.into(),
            ],
            rows,
        },
    }
}

/// (b) Mean holdout purchases by calibration repeat purchases, actual
/// against the model's conditional expectation; the table adds the
/// group totals and a row for all customers (the verdict's totals).
pub fn conditional_chart(f: &HoldoutFigures, locale: Locale) -> ChartSpec {
    let t = locale.strings().value;
    let g = &f.by_frequency;
    let labels: Vec<String> = g
        .iter()
        .map(|g| group_label(g.frequency, g.or_more))
        .collect();
    let mut rows: Vec<Vec<Figure>> = g
        .iter()
        .zip(&labels)
        .map(|(g, l)| {
            let n = g.customers as f64;
            vec![
                Figure::Text(l.clone()),
                Figure::number(n, 0),
                Figure::number(g.actual_mean * n, 0),
                finite_or_missing(Figure::number(g.predicted_mean * n, 0)),
                Figure::number(g.actual_mean, 2),
                finite_or_missing(Figure::number(g.predicted_mean, 2)),
            ]
        })
        .collect();
    let n = f.customers as f64;
    rows.push(vec![
        Figure::Text(t.row_total.into()),
        Figure::number(n, 0),
        Figure::number(f.actual_total, 0),
        finite_or_missing(Figure::number(f.predicted_total, 0)),
        Figure::number(f.actual_total / n, 2),
        finite_or_missing(Figure::number(f.predicted_total / n, 2)),
    ]);
    let top = g.last();
    let alt = fill(
        t.alt_holdout_conditional,
        &[
            (
                "x",
                &top.map_or(String::new(), |g| group_label(g.frequency, g.or_more)),
            ),
            (
                "actual",
                &format::number(locale, top.map_or(0.0, |g| g.actual_mean), 2),
            ),
            (
                "predicted",
                &format::number(locale, top.map_or(0.0, |g| g.predicted_mean), 2),
            ),
        ],
    );
    ChartSpec {
        id: "value-holdout-conditional".into(),
        title: t.chart_holdout_conditional.into(),
        alt,
        x: Axis::new(t.col_frequency, AxisFormat::Categories(labels)),
        y: Axis::new(t.axis_holdout_mean, AxisFormat::Number),
        series: vec![
            bars(
                t.series_actual,
                Colour::Blue,
                g.iter().map(|g| g.actual_mean),
            ),
            bars(
                t.series_model_bgnbd,
                Colour::Vermillion,
                g.iter().map(|g| g.predicted_mean),
            ),
        ],
        spokes: Vec::new(),
        table: DataTable {
            headers: vec![
                t.col_frequency.into(),
                t.col_customers.into(),
                t.col_holdout_actual.into(),
                t.col_holdout_model.into(),
                t.col_mean_actual.into(),
                t.col_mean_model.into(),
            ],
            rows,
        },
    }
}

/// (c) Cumulative repeat purchases, actual against the model, with the
/// calibration end as a vertical rule.
pub fn tracking_chart(f: &HoldoutFigures, locale: Locale) -> ChartSpec {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(f.unit);
    let x_label = fill(t.axis_since_first, &[("units", units)]);
    let line = |name: &str, colour, dashed, pick: fn(&(f64, f64, f64)) -> f64| Series {
        name: name.into(),
        colour,
        mark: Mark::Line {
            points: f.tracking.iter().map(|p| (p.0, pick(p))).collect(),
            dashed,
        },
    };
    let last = f.tracking.last().copied().unwrap_or((0.0, 0.0, 0.0));
    let alt = fill(
        t.alt_holdout_tracking,
        &[
            ("actual", &format::number(locale, last.1, 0)),
            ("predicted", &format::number(locale, last.2, 0)),
            ("end", &format::number(locale, f.calibration_length, 1)),
            ("units", units),
        ],
    );
    ChartSpec {
        id: "value-holdout-tracking".into(),
        title: t.chart_holdout_tracking.into(),
        alt,
        x: Axis::new(x_label.clone(), AxisFormat::Number),
        y: Axis::new(t.axis_repeat_total, AxisFormat::Number),
        series: vec![
            line(t.series_actual, Colour::Blue, false, |p| p.1),
            line(t.series_model_bgnbd, Colour::Vermillion, true, |p| p.2),
            Series {
                name: t.series_calibration_end.into(),
                colour: Colour::Grey,
                mark: Mark::Rule {
                    x: Some(f.calibration_length),
                    y: None,
                },
            },
        ],
        spokes: Vec::new(),
        table: DataTable {
            headers: vec![x_label, t.series_actual.into(), t.series_model_bgnbd.into()],
            rows: f
                .tracking
                .iter()
                .map(|p| {
                    vec![
                        Figure::number(p.0, 1),
                        Figure::number(p.1, 0),
                        finite_or_missing(Figure::number(p.2, 0)),
                    ]
                })
                .collect(),
        },
    }
}
