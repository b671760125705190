//! The cohort view: sBG retention, discounted expected lifetime and survival chart.

use super::evidence::SbgEvidence;
use super::slice::ValueSlice;
use super::state::MAX_HORIZON_MONTHS;
use super::view::finite_or_missing;
use super::view::ParamRow;
use super::view::ValueView;
use super::view::Z90;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_models::sbg::SbgParams;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;
use cxi_types::How;
use cxi_types::Locale;

// ---------------------------------------------------------------- sBG

/// Discounted expected lifetime and its delta-method standard error from
/// the covariance of `(α, β)` (central differences, step 10⁻⁵ relative).
pub fn sbg_del_interval(e: &SbgEvidence, d: f64) -> Option<(f64, f64)> {
    let del = |a: f64, b: f64| SbgParams::new(a, b).ok()?.del(d).ok();
    let base = del(e.alpha, e.beta)?;
    let ha = 1e-5 * e.alpha;
    let hb = 1e-5 * e.beta;
    let ga = (del(e.alpha + ha, e.beta)? - del(e.alpha - ha, e.beta)?) / (2.0 * ha);
    let gb = (del(e.alpha, e.beta + hb)? - del(e.alpha, e.beta - hb)?) / (2.0 * hb);
    let c = &e.covariance;
    let var = ga * ga * c[0][0] + 2.0 * ga * gb * c[0][1] + gb * gb * c[1][1];
    (base.is_finite() && var.is_finite()).then(|| (base, var.max(0.0).sqrt()))
}

pub(super) fn sbg_view(s: &ValueSlice, e: &SbgEvidence, v: &mut ValueView) {
    let locale = s.locale;
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(e.unit);
    // The closed form's margin is per its own period: bring it to the
    // cohorts' period.
    let margin = s.clv.margin * s.clv.unit.per_year() / e.unit.per_year();
    let d = annual_to_period_rate(s.clv.annual_discount_pct / 100.0, e.unit);
    v.params = vec![
        ParamRow {
            name: "α".into(),
            estimate: Figure::number(e.alpha, 3),
            std_error: finite_or_missing(Figure::number(e.covariance[0][0].sqrt(), 3)),
        },
        ParamRow {
            name: "β".into(),
            estimate: Figure::number(e.beta, 3),
            std_error: finite_or_missing(Figure::number(e.covariance[1][1].sqrt(), 3)),
        },
    ];
    let interval = d.and_then(|d| sbg_del_interval(e, d));
    if let (Some((del, se)), true) = (interval, margin.is_finite()) {
        let clv = margin * del;
        v.headline.figure = finite_or_missing(Figure::Money(clv));
        v.headline.interval = (se > 0.0).then(|| {
            (
                Figure::Money(margin * (del - Z90 * se)),
                Figure::Money(margin * (del + Z90 * se)),
                t.interval90.to_string(),
            )
        });
        v.headline.reading = fill(
            t.reading_sbg,
            &[
                ("value", &format::money_whole(locale, s.currency, clv)),
                ("lifetime", &format::number(locale, del, 1)),
                ("units", units),
                ("cohorts", &e.cohorts.to_string()),
                ("customers", &format::number(locale, e.customers.round(), 0)),
            ],
        );
    } else if let Some(err) = s.clv.compute().err() {
        v.headline.reading = locale.strings().clv_error(&err);
    }
    v.headline.how = How {
        formula:
            "CLV = m · DEL(d) = m · ₂F₁(1, β; α + β; 1/(1 + d)),  S(t) = B(α, β + t) / B(α, β)"
                .into(),
        inputs: vec![
            (t.in_margin.into(), Figure::Money(margin)),
            (
                t.in_discount.into(),
                d.map_or(Figure::Missing, |d| Figure::Percent {
                    value: d,
                    decimals: 3,
                }),
            ),
            ("α".into(), Figure::number(e.alpha, 3)),
            ("β".into(), Figure::number(e.beta, 3)),
            (t.in_cohorts.into(), Figure::number(e.cohorts as f64, 0)),
            (t.in_customers.into(), Figure::number(e.customers, 0)),
        ],
        source: t.source_sbg.into(),
        caveats: t.caveats_sbg.into(),
    };
    // Survival: observed vs model, with the 90 % band from (α, β).
    let last_obs = e.observed.last().map_or(0, |p| p.0);
    let n = last_obs
        .max(s.value.horizon_months.min(MAX_HORIZON_MONTHS))
        .max(1);
    let Ok(p) = SbgParams::new(e.alpha, e.beta) else {
        return;
    };
    let model: Vec<(f64, f64)> = p
        .survival_curve(n)
        .into_iter()
        .enumerate()
        .map(|(k, s)| (k as f64, s))
        .collect();
    let band: Vec<(f64, f64, f64)> = (0..=n)
        .map(|k| {
            let (s0, se) = survival_se(e, k);
            (
                f64::from(k),
                (s0 - Z90 * se).clamp(0.0, 1.0),
                (s0 + Z90 * se).clamp(0.0, 1.0),
            )
        })
        .collect();
    v.charts.push(survival_chart(
        locale,
        e.unit,
        t.series_sbg,
        &model,
        Some(&band),
        Some(&e.observed),
    ));
}

/// `S(k)` and its delta-method standard error.
pub fn survival_se(e: &SbgEvidence, k: u32) -> (f64, f64) {
    let surv = |a: f64, b: f64| SbgParams::new(a, b).map_or(f64::NAN, |p| p.survival(k));
    let s0 = surv(e.alpha, e.beta);
    let (ha, hb) = (1e-5 * e.alpha, 1e-5 * e.beta);
    let ga = (surv(e.alpha + ha, e.beta) - surv(e.alpha - ha, e.beta)) / (2.0 * ha);
    let gb = (surv(e.alpha, e.beta + hb) - surv(e.alpha, e.beta - hb)) / (2.0 * hb);
    let c = &e.covariance;
    let var = ga * ga * c[0][0] + 2.0 * ga * gb * c[0][1] + gb * gb * c[1][1];
    let se = var.max(0.0).sqrt();
    (s0, if se.is_finite() { se } else { 0.0 })
}

pub(super) fn survival_chart(
    locale: Locale,
    unit: PeriodUnit,
    model_name: &str,
    model: &[(f64, f64)],
    band: Option<&[(f64, f64, f64)]>,
    observed: Option<&[(u32, f64)]>,
) -> ChartSpec {
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
