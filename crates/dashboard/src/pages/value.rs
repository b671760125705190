//! Customer value: CLV model choice (closed form, cohort sBG, BG/NBD + Gamma-Gamma), retention curves, P(alive), CLV distribution, customers at risk.

pub mod evidence;
pub mod parsed_rfm;
pub mod series;
pub mod state;

pub use evidence::{evidence, ValueEvidence};
pub use state::{
    ValueAction, ValueAssumptions, ValueModel, DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS,
};

use super::super::i18n::fill;
use super::super::i18n::value::ValueStrings;
use super::super::scenario::Action;
use super::super::scenario::Scenario;
use super::field::{Field, Group, Unit};
use crate::i18n::LocaleStrings;
use crate::pages::clv::ClvAssumptions;
use crate::pages::clv::MAX_CHART_HORIZON;
use cxi_models::clv::ClvError;
use cxi_models::clv::FirstPayment;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm_clv::ClvSettings;
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
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;
use evidence::{BgNbdEvidence, FitFailure, SbgEvidence, TableEvidence, Unfitted};

/// The page's assumptions for the Assumptions page: the closed-form CLV
/// inputs first (they also drive the other pages when no data is loaded).
pub fn fields(s: &Scenario, locale: Locale) -> Group {
    let t = locale.strings();
    let a = &s.clv;
    let d = ClvAssumptions::default();
    let err = a.compute().err();
    let err_for =
        |pick: fn(&ClvError) -> bool| err.as_ref().filter(|e| pick(e)).map(|e| t.clv_error(e));
    let units = t.unit_plural(a.unit);
    let per = |what: &str| t.per_unit(what, a.unit);
    Group {
        id: "value",
        title: t.value.nav.into(),
        fields: vec![
            Field {
                id: "as-clv-margin",
                label: t.value.as_margin.into(),
                unit_text: per(s.currency.code()),
                unit: Unit::Money,
                value: a.margin,
                default: d.margin,
                source: t.value.margin_source.into(),
                error: err_for(|e| matches!(e, ClvError::MarginNotFinite(_))),
                set: Action::SetMargin,
            },
            Field {
                id: "as-clv-retention",
                label: t.value.as_retention.into(),
                unit_text: per("%"),
                unit: Unit::Percent,
                value: a.retention_pct,
                default: d.retention_pct,
                source: t.value.retention_source.into(),
                error: err_for(|e| {
                    matches!(
                        e,
                        ClvError::RetentionOutOfRange(_) | ClvError::ChurnOutOfRange(_)
                    )
                }),
                set: Action::SetRetentionPct,
            },
            Field {
                id: "as-clv-discount",
                label: t.value.as_discount.into(),
                unit_text: t.percent_per_year.into(),
                unit: Unit::Percent,
                value: a.annual_discount_pct,
                default: d.annual_discount_pct,
                source: t.value.discount_source.into(),
                error: err_for(|e| matches!(e, ClvError::DiscountOutOfRange(_))),
                set: Action::SetAnnualDiscountPct,
            },
            Field {
                id: "as-clv-horizon",
                label: t.value.as_horizon.into(),
                unit_text: units.into(),
                unit: Unit::Count,
                value: a.horizon as f64,
                default: d.horizon as f64,
                source: t.value.horizon_source.into(),
                error: None,
                set: |v| {
                    Action::SetHorizon(if v.is_finite() {
                        v.round().clamp(1.0, MAX_CHART_HORIZON as f64) as u32
                    } else {
                        d_horizon()
                    })
                },
            },
            Field {
                id: "as-value-horizon",
                label: t.value.horizon_label.into(),
                unit_text: t.value.horizon_unit.into(),
                unit: Unit::Count,
                value: f64::from(s.value.horizon_months),
                default: f64::from(DEFAULT_HORIZON_MONTHS),
                source: t.value.horizon_months_source.into(),
                error: None,
                set: |v| {
                    Action::Value(ValueAction::SetHorizonMonths(if v.is_finite() {
                        v.round().clamp(1.0, f64::from(MAX_HORIZON_MONTHS)) as u32
                    } else {
                        DEFAULT_HORIZON_MONTHS
                    }))
                },
            },
            Field {
                id: "as-value-margin-rate",
                label: t.value.margin_rate_label.into(),
                unit_text: t.value.margin_rate_unit.into(),
                unit: Unit::Percent,
                value: s.value.margin_rate_pct,
                default: ValueAssumptions::default().margin_rate_pct,
                source: t.value.margin_rate_source.into(),
                error: margin_rate_error(locale, s.value.margin_rate_pct),
                set: |v| Action::Value(ValueAction::SetMarginRatePct(v)),
            },
        ],
    }
}

/// Why a margin rate (percent) cannot be used.
pub fn margin_rate_error(locale: Locale, pct: f64) -> Option<String> {
    (!(pct > 0.0 && pct <= 100.0)).then(|| {
        fill(
            locale.strings().value.margin_rate_error,
            &[("pct", &pct.to_string())],
        )
    })
}

fn d_horizon() -> u32 {
    ClvAssumptions::default().horizon
}

/// The page's headline cards, for the Overview.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    vec![compute(s).headline]
}

/// z of a two-sided 90 % normal interval.
const Z90: f64 = 1.644_853_626_951_472_2;

/// A fitted parameter as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    pub name: String,
    pub estimate: Figure,
    pub std_error: Figure,
}

/// Closed-form inputs measured on a customer table, offered to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub unit: PeriodUnit,
    pub margin: Option<f64>,
    pub retention_pct: Option<f64>,
    /// What was measured, in a sentence.
    pub text: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueView {
    /// The model in use (never `Auto`).
    pub model: ValueModel,
    /// The model `Auto` picks for the loaded data.
    pub best: ValueModel,
    /// Each choosable model with whether the data supports it.
    pub choices: Vec<(ValueModel, bool)>,
    pub headline: Headline,
    pub params: Vec<ParamRow>,
    pub charts: Vec<ChartSpec>,
    /// The customers at risk (BG/NBD), most value at risk first.
    pub at_risk: Option<DataTable>,
    /// Segments of the data, for the filter.
    pub segments: Vec<String>,
    /// The segment shown, when the data has it.
    pub segment: Option<String>,
    pub notes: Vec<String>,
    pub suggestion: Option<Suggestion>,
}

/// The model `Auto` means for this evidence.
pub fn best_model(e: Option<&ValueEvidence>) -> ValueModel {
    match e {
        Some(e) if e.bgnbd.as_ref().is_some_and(|b| b.gamma_gamma.is_some()) => ValueModel::BgNbd,
        Some(e) if !e.sbg.is_empty() => ValueModel::Sbg,
        _ => ValueModel::ClosedForm,
    }
}

fn supports(e: Option<&ValueEvidence>, m: ValueModel) -> bool {
    match m {
        ValueModel::Auto | ValueModel::ClosedForm => true,
        ValueModel::Sbg => e.is_some_and(|e| !e.sbg.is_empty()),
        ValueModel::BgNbd => e.is_some_and(|e| e.bgnbd.is_some()),
    }
}

/// The page, from the scenario alone (fits come with the evidence).
pub fn compute(s: &Scenario) -> ValueView {
    let t = s.locale.strings().value;
    let e = s.data.as_ref().and_then(|d| d.evidence.value.as_deref());
    let best = best_model(e);
    let mut notes = Vec::new();
    let model = match s.value.model {
        ValueModel::Auto => best,
        m if supports(e, m) => m,
        m => {
            notes.push(fill(t.note_unsupported, &[("model", model_name(t, m))]));
            best
        }
    };
    if let Some(e) = e {
        for u in &e.unfitted {
            notes.push(unfitted_note(t, *u));
        }
    }
    let segments = e.map(|e| e.segments()).unwrap_or_default();
    let segment = s.segment.clone().filter(|g| segments.contains(g));
    if s.segment.is_some() && segment.is_none() {
        notes.push(t.note_no_segment.into());
    }
    let choices = ValueModel::CHOICES
        .iter()
        .map(|&m| (m, supports(e, m)))
        .collect();
    let suggestion = e.and_then(|e| suggestion(s, e, segment.as_deref()));
    let mut view = ValueView {
        model,
        best,
        choices,
        headline: Headline {
            id: "card-clv",
            title: t.card_title.into(),
            figure: Figure::Missing,
            interval: None,
            reading: String::new(),
            how: How::default(),
            page: View::Value,
        },
        params: Vec::new(),
        charts: Vec::new(),
        at_risk: None,
        segments,
        segment: segment.clone(),
        notes,
        suggestion,
    };
    match (model, e) {
        (ValueModel::BgNbd, Some(e)) if e.bgnbd.is_some() => {
            if let Some(b) = &e.bgnbd {
                bgnbd_view(s, b, segment.as_deref(), &mut view);
            }
        }
        (ValueModel::Sbg, Some(e)) if !e.sbg.is_empty() => {
            let pick = e
                .sbg
                .iter()
                .find(|x| x.segment.as_deref() == segment.as_deref())
                .unwrap_or(&e.sbg[0]);
            sbg_view(s, pick, &mut view);
        }
        _ => closed_view(s, e, segment.as_deref(), &mut view),
    }
    view
}

fn model_name(t: &ValueStrings, m: ValueModel) -> &'static str {
    match m {
        ValueModel::Auto => t.model_auto,
        ValueModel::ClosedForm => t.model_closed,
        ValueModel::Sbg => t.model_sbg,
        ValueModel::BgNbd => t.model_bgnbd,
    }
}

/// What each model is, in one or two sentences.
pub fn model_explanation(t: &ValueStrings, m: ValueModel) -> &'static str {
    match m {
        ValueModel::Auto => t.explain_auto,
        ValueModel::ClosedForm => t.explain_closed,
        ValueModel::Sbg => t.explain_sbg,
        ValueModel::BgNbd => t.explain_bgnbd,
    }
}

/// A model's name in `locale`.
pub fn model_label(locale: Locale, m: ValueModel) -> &'static str {
    model_name(locale.strings().value, m)
}

fn unfitted_note(t: &ValueStrings, u: Unfitted) -> String {
    let (model, f) = match u {
        Unfitted::Sbg(f) => (t.model_sbg, f),
        Unfitted::BgNbd(f) => (t.model_bgnbd, f),
        Unfitted::GammaGamma(f) => ("Gamma-Gamma", f),
    };
    let why = match f {
        FitFailure::NotEnoughData => t.why_not_enough,
        FitFailure::NoChurn => t.why_no_churn,
        FitFailure::DidNotConverge => t.why_no_converge,
    };
    fill(t.note_unfitted, &[("model", model), ("why", why)])
}

// ---------------------------------------------------------------- text

fn finite_or_missing(f: Figure) -> Figure {
    match f.value() {
        Some(_) => f,
        None => Figure::Missing,
    }
}

// ---------------------------------------------------------------- closed form

fn closed_view(s: &Scenario, e: Option<&ValueEvidence>, segment: Option<&str>, v: &mut ValueView) {
    let t = s.locale.strings().value;
    let locale = s.locale;
    let a = &s.clv;
    let units = locale.strings().unit_plural(a.unit);
    let out = a.compute();
    let how_inputs = |o: &crate::pages::clv::ClvOutcome| {
        vec![
            (t.in_margin.to_string(), Figure::Money(o.inputs.margin())),
            (
                t.in_retention.to_string(),
                Figure::Percent {
                    value: o.inputs.retention(),
                    decimals: 2,
                },
            ),
            (
                t.in_discount.to_string(),
                Figure::Percent {
                    value: o.period_discount,
                    decimals: 3,
                },
            ),
        ]
    };
    match &out {
        Ok(o) => {
            v.headline.figure = finite_or_missing(Figure::Money(o.clv));
            v.headline.reading = fill(
                t.reading_closed,
                &[
                    ("value", &format::money_whole(locale, s.currency, o.clv)),
                    ("multiple", &format::number(locale, o.inputs.multiple(), 1)),
                    (
                        "lifetime",
                        &format::number(locale, o.expected_lifetime_periods, 1),
                    ),
                    ("units", units),
                ],
            );
            v.headline.how = How {
                formula: match o.inputs.first_payment() {
                    FirstPayment::Included => "CLV = m (1 + d) / (1 + d − r)".into(),
                    FirstPayment::Excluded => "CLV = m r / (1 + d − r)".into(),
                },
                inputs: how_inputs(o),
                source: t.source_closed.into(),
                caveats: t.caveats_closed.into(),
            };
        }
        Err(err) => {
            v.headline.reading = locale.strings().clv_error(err);
            v.headline.how = How {
                formula: "CLV = m (1 + d) / (1 + d − r)".into(),
                inputs: Vec::new(),
                source: t.source_closed.into(),
                caveats: t.caveats_closed.into(),
            };
        }
    }
    // Survival at constant retention, beside what cohorts show when known.
    let observed = e.and_then(|e| {
        e.sbg
            .iter()
            .find(|x| x.segment.as_deref() == segment)
            .or(e.sbg.first())
    });
    if let Ok(o) = &out {
        let r = o.inputs.retention();
        let n = a.horizon.min(MAX_CHART_HORIZON);
        let model: Vec<(f64, f64)> = (0..=n).map(|k| (f64::from(k), r.powi(k as i32))).collect();
        let observed = observed.filter(|x| x.unit == a.unit);
        v.charts.push(survival_chart(
            locale,
            a.unit,
            t.series_constant,
            &model,
            None,
            observed.map(|x| x.observed.as_slice()),
        ));
    }
}

/// Closed-form inputs a customer table gives.
fn suggestion(s: &Scenario, e: &ValueEvidence, segment: Option<&str>) -> Option<Suggestion> {
    let t = s.locale.strings().value;
    let te: &TableEvidence = e
        .table
        .iter()
        .find(|x| x.segment.as_deref() == segment)
        .or(e.table.first())?;
    let margin = te.margin.or(te.revenue);
    let retention_pct = te.retention.map(|r| r * 100.0);
    if margin.is_none() && retention_pct.is_none() {
        return None;
    }
    let units = s.locale.strings().unit_name(te.unit).to_lowercase();
    let text = fill(
        t.suggestion,
        &[
            (
                "customers",
                &format::number(s.locale, te.customers as f64, 0),
            ),
            ("churned", &format::number(s.locale, te.churned as f64, 0)),
            (
                "retention",
                &te.retention.map_or("—".into(), |r| {
                    format!(
                        "{} ± {}",
                        format::number(s.locale, r * 100.0, 2),
                        format::number(s.locale, te.retention_se.unwrap_or(0.0) * 100.0, 2)
                    )
                }),
            ),
            (
                "margin",
                &margin.map_or("—".into(), |m| {
                    format::money_whole(s.locale, s.currency, m)
                }),
            ),
            ("unit", &units),
            (
                "which",
                if te.margin.is_some() {
                    t.which_margin
                } else {
                    t.which_revenue
                },
            ),
        ],
    );
    Some(Suggestion {
        unit: te.unit,
        margin,
        retention_pct,
        text,
    })
}

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

fn sbg_view(s: &Scenario, e: &SbgEvidence, v: &mut ValueView) {
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

fn survival_chart(
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

// ---------------------------------------------------------------- BG/NBD

/// One bin's value under the current settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinValue {
    pub rfm: Rfm,
    pub count: f64,
    pub p_alive: f64,
    pub clv: f64,
}

/// The BG/NBD + Gamma-Gamma value of every bin of `segment` (0: all).
/// `CLV = m · (E[Z] · D)` with `D` the discounted expected purchases of
/// [`series::discounted`]: exactly proportional to the margin `m`.
pub fn bin_values(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
) -> Vec<BinValue> {
    bin_values_with(b, gg, settings, segment, true)
}

fn bin_values_with(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
    memo: bool,
) -> Vec<BinValue> {
    let bins: Vec<&evidence::Bin> = b
        .bins
        .iter()
        .filter(|x| segment == 0 || x.segment() == segment)
        .collect();
    let points: Vec<Rfm> = bins.iter().map(|x| x.rfm()).collect();
    // All parameter sets: the interval then finds them in the memo.
    let d = series::discounted(&b.params, series::SETS, &points, settings, memo);
    let mr = settings.margin_rate();
    bins.iter()
        .zip(points)
        .zip(d)
        .filter_map(|((x, r), d)| {
            let base = d.first().copied().flatten()?;
            let spend = gg
                .expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                .ok()?;
            let clv = mr * (spend * base.purchases);
            (clv.is_finite() && base.p_alive.is_finite()).then_some(BinValue {
                rfm: r,
                count: f64::from(x.count()),
                p_alive: base.p_alive,
                clv,
            })
        })
        .collect()
}

/// Mean CLV per customer over weighted customers and its delta-method
/// standard error from the two fits' covariances.
///
/// # Formula
/// `CLV̄ = Σ nᵢ CLVᵢ / Σ nᵢ`, `Var ≈ gᵀ Σ g` with `g` the gradient in
/// `(r, α, a, b, p, q, v)` (forward differences, step 10⁻⁴ relative) and
/// `Σ` block-diagonal (the models are fitted separately; FHL 2005 assume
/// spend independent of transactions) — [`cxi_models::rfm_clv::total_clv_interval`]
/// with a weight per customer. Both are computed for a margin of 1 and
/// multiplied by the margin last, so they are exactly proportional to it;
/// the BG/NBD passes come from the memo of [`series::discounted`].
pub fn mean_clv_interval(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
) -> Option<(f64, f64)> {
    mean_clv_interval_with(customers, b, gg, gg_cov, settings, true)
}

fn mean_clv_interval_with(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
    memo: bool,
) -> Option<(f64, f64)> {
    let n: f64 = customers.iter().map(|c| c.1).sum();
    if n <= 0.0 {
        return None;
    }
    let mr = settings.margin_rate();
    let points: Vec<Rfm> = customers.iter().map(|c| c.0).collect();
    let d = series::discounted(&b.params, series::SETS, &points, settings, memo);
    // Discounted purchases per customer under each BG/NBD parameter set.
    let disc = |s: usize| -> Option<Vec<f64>> {
        d.iter()
            .map(|x| x.get(s).copied().flatten().map(|v| v.purchases))
            .collect()
    };
    let spend = |g: &GammaGammaParams| -> Option<Vec<f64>> {
        customers
            .iter()
            .map(|(r, _)| {
                g.expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                    .ok()
            })
            .collect()
    };
    // Margin-free total.
    let total = |d: &[f64], z: &[f64]| -> f64 {
        customers
            .iter()
            .zip(d.iter().zip(z))
            .map(|((_, w), (d, z))| w * d * z)
            .sum()
    };
    let d0 = disc(0)?;
    let z0 = spend(gg)?;
    let base = total(&d0, &z0);
    let p = &b.params;
    let bgv = [p.r(), p.alpha(), p.a(), p.b()];
    let mut g_bg = [0.0; 4];
    for i in 0..4 {
        let h = series::REL_STEP * bgv[i];
        g_bg[i] = (total(&disc(i + 1)?, &z0) - base) / h;
    }
    let ggv = [gg.p(), gg.q(), gg.v()];
    let mut g_gg = [0.0; 3];
    for i in 0..3 {
        let mut q = ggv;
        let h = series::REL_STEP * q[i];
        q[i] += h;
        let gp = GammaGammaParams::new(q[0], q[1], q[2]).ok()?;
        g_gg[i] = (total(&d0, &spend(&gp)?) - base) / h;
    }
    let mut var = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            var += g_bg[i] * b.covariance[i][j] * g_bg[j];
        }
    }
    for i in 0..3 {
        for j in 0..3 {
            var += g_gg[i] * gg_cov[i][j] * g_gg[j];
        }
    }
    let mean = mr * (base / n);
    let se = mr * (var.max(0.0).sqrt() / n);
    (mean.is_finite() && se.is_finite()).then_some((mean, se))
}

fn bgnbd_view(s: &Scenario, b: &BgNbdEvidence, segment: Option<&str>, v: &mut ValueView) {
    let locale = s.locale;
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(b.unit);
    let p = &b.params;
    let se = |i: usize| finite_or_missing(Figure::number(b.covariance[i][i].sqrt(), 3));
    v.params = vec![
        ParamRow {
            name: "r".into(),
            estimate: Figure::number(p.r(), 3),
            std_error: se(0),
        },
        ParamRow {
            name: "α".into(),
            estimate: Figure::number(p.alpha(), 3),
            std_error: se(1),
        },
        ParamRow {
            name: "a".into(),
            estimate: Figure::number(p.a(), 3),
            std_error: se(2),
        },
        ParamRow {
            name: "b".into(),
            estimate: Figure::number(p.b(), 3),
            std_error: se(3),
        },
    ];
    if let Some(g) = &b.gamma_gamma {
        let gse = |i: usize| finite_or_missing(Figure::number(b.gg_covariance[i][i].sqrt(), 3));
        v.params.extend([
            ParamRow {
                name: "p".into(),
                estimate: Figure::number(g.p(), 3),
                std_error: gse(0),
            },
            ParamRow {
                name: "q".into(),
                estimate: Figure::number(g.q(), 3),
                std_error: gse(1),
            },
            ParamRow {
                name: "v".into(),
                estimate: Figure::number(g.v(), 3),
                std_error: gse(2),
            },
        ]);
        if b.gg_correlation.abs() > 0.3 {
            v.notes.push(fill(
                t.note_correlation,
                &[("corr", &format::number(locale, b.gg_correlation, 2))],
            ));
        }
    }
    if b.unit_assumed {
        v.notes.push(t.note_unit_assumed.into());
    }
    let seg_idx = segment
        .and_then(|g| b.segments.iter().position(|x| x == g))
        .map_or(0, |i| i as u16 + 1);
    let horizon = s.value.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let settings = ClvSettings::new(
        b.unit,
        PeriodUnit::Month,
        horizon,
        s.clv.annual_discount_pct / 100.0,
        s.value.margin_rate_pct / 100.0,
    );
    v.charts.push(p_alive_chart(locale, b, seg_idx));
    let how_inputs = vec![
        (
            t.in_horizon.to_string(),
            Figure::Periods {
                value: f64::from(horizon),
                unit: PeriodUnit::Month,
            },
        ),
        (
            t.in_discount_annual.to_string(),
            Figure::Percent {
                value: s.clv.annual_discount_pct / 100.0,
                decimals: 1,
            },
        ),
        (
            t.in_margin_rate.to_string(),
            Figure::Percent {
                value: s.value.margin_rate_pct / 100.0,
                decimals: 1,
            },
        ),
        (
            "r, α, a, b".to_string(),
            Figure::Text(format!(
                "{}, {}, {}, {}",
                format::number(locale, p.r(), 3),
                format::number(locale, p.alpha(), 3),
                format::number(locale, p.a(), 3),
                format::number(locale, p.b(), 3)
            )),
        ),
        (
            t.in_customers.to_string(),
            Figure::number(b.customers as f64, 0),
        ),
        (
            t.in_unit.to_string(),
            Figure::Text(locale.strings().unit_name(b.unit).into()),
        ),
    ];
    v.headline.how = How {
        formula:
            "CLV = m · E[Z | x, z̄] · Σₖ (E[Y(kΔ) | x, tₓ, T] − E[Y((k−1)Δ) | x, tₓ, T]) / (1 + d)ᵏ"
                .into(),
        inputs: how_inputs,
        source: t.source_bgnbd.into(),
        caveats: t.caveats_bgnbd.into(),
    };
    let (Some(gg), Ok(settings)) = (&b.gamma_gamma, settings) else {
        v.headline.reading = t.reading_no_spend.into();
        return;
    };
    if let Some(g) = &b.gamma_gamma {
        v.headline.how.inputs.push((
            "p, q, v".into(),
            Figure::Text(format!(
                "{}, {}, {}",
                format::number(locale, g.p(), 3),
                format::number(locale, g.q(), 3),
                format::number(locale, g.v(), 3)
            )),
        ));
    }
    let values = bin_values(b, gg, &settings, seg_idx);
    let n: f64 = values.iter().map(|x| x.count).sum();
    let weighted: Vec<(Rfm, f64)> = values.iter().map(|x| (x.rfm, x.count)).collect();
    if let Some((mean, se)) = mean_clv_interval(&weighted, b, gg, &b.gg_covariance, &settings) {
        v.headline.figure = finite_or_missing(Figure::Money(mean));
        v.headline.interval = (se > 0.0).then(|| {
            (
                Figure::Money(mean - Z90 * se),
                Figure::Money(mean + Z90 * se),
                t.interval90.to_string(),
            )
        });
        let alive = values.iter().map(|x| x.p_alive * x.count).sum::<f64>() / n;
        v.headline.reading = fill(
            t.reading_bgnbd,
            &[
                ("value", &format::money_whole(locale, s.currency, mean)),
                ("months", &horizon.to_string()),
                ("alive", &format::percent(locale, alive, 0)),
                ("customers", &format::number(locale, n.round(), 0)),
            ],
        );
        v.headline
            .how
            .inputs
            .push((t.in_p_alive.into(), Figure::percent(alive)));
    }
    let _ = units;
    v.charts
        .push(distribution_chart(locale, s.currency, &values));
    v.at_risk = Some(at_risk_table(locale, b, gg, &settings, seg_idx));
}

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
fn weighted_quantile(sorted: &[(f64, f64)], q: f64) -> f64 {
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
fn nice_step(raw: f64) -> f64 {
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

/// One customer at risk, valued with the current settings.
#[derive(Debug, Clone, PartialEq)]
pub struct AtRisk {
    pub id: String,
    pub segment: u16,
    pub rfm: Rfm,
    pub p_alive: f64,
    pub clv: f64,
    /// `(1 − P(alive)) ×` the value if surely alive.
    pub value_at_risk: f64,
}

/// Rows shown in the at-risk table.
pub const AT_RISK_ROWS: usize = 20;

/// The candidates of `seg` (0: all), valued and sorted by value at risk.
/// The value if alive is [`evidence::value_if_alive`]'s: the discounted
/// purchases at `t_x = T` over P(alive) there.
pub fn at_risk(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    seg: u16,
) -> Vec<AtRisk> {
    at_risk_with(b, gg, settings, seg, true)
}

fn at_risk_with(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    seg: u16,
    memo: bool,
) -> Vec<AtRisk> {
    let cands: Vec<&evidence::Candidate> = b
        .at_risk
        .iter()
        .filter(|c| seg == 0 || c.segment == seg)
        .collect();
    // Each candidate, then the same customer seen at `t_x = T`.
    let points: Vec<Rfm> = cands
        .iter()
        .flat_map(|c| {
            let r = c.rfm();
            [
                r,
                Rfm {
                    recency: r.age,
                    ..r
                },
            ]
        })
        .collect();
    let d = series::discounted(&b.params, 1, &points, settings, memo);
    let mr = settings.margin_rate();
    let mut out: Vec<AtRisk> = cands
        .iter()
        .zip(d.chunks(2))
        .filter_map(|(c, d)| {
            let r = c.rfm();
            let now = d.first()?.first().copied().flatten()?;
            let probe = d.get(1)?.first().copied().flatten()?;
            let spend = gg
                .expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                .ok()?;
            let probe_spend = gg.expected_average_spend(r.frequency, 1.0).ok()?;
            if !(probe.p_alive > 0.0 && probe_spend > 0.0) {
                return None;
            }
            let alive = probe.purchases / probe.p_alive;
            let var = mr * (spend * alive * (1.0 - now.p_alive));
            var.is_finite().then(|| AtRisk {
                id: c.id.clone(),
                segment: c.segment,
                rfm: r,
                p_alive: now.p_alive,
                clv: mr * (spend * now.purchases),
                value_at_risk: var,
            })
        })
        .collect();
    out.sort_by(|a, b| b.value_at_risk.total_cmp(&a.value_at_risk));
    out.truncate(AT_RISK_ROWS);
    out
}

fn at_risk_table(
    locale: Locale,
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    seg: u16,
) -> DataTable {
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
    let rows = at_risk(b, gg, settings, seg)
        .into_iter()
        .map(|a| {
            let mut r = vec![Figure::Text(a.id)];
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

// proptest needs OS randomness: native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::evidence::{bin_customers, pooled_survival, Bin};
    use super::*;
    use crate::data::Sample;
    use crate::data::Session;
    use crate::scenario::reduce;
    use cxi_models::bgnbd;
    use cxi_models::gamma_gamma;
    use cxi_models::rfm_clv;
    use std::sync::OnceLock;

    fn loaded(sample: Sample) -> crate::data::LoadedData {
        let text = sample.text(Locale::En);
        Session::open(
            text.clone().into_bytes(),
            sample.source(Locale::En, text.len()),
            &mut |_, _, _| {},
        )
        .unwrap()
        .loaded()
        .unwrap()
    }

    fn retail() -> &'static Scenario {
        static S: OnceLock<Scenario> = OnceLock::new();
        S.get_or_init(|| {
            reduce(
                &Scenario::new(Locale::En),
                Action::SetData(Box::new(loaded(Sample::Retail))),
            )
        })
    }

    fn subscription() -> &'static Scenario {
        static S: OnceLock<Scenario> = OnceLock::new();
        S.get_or_init(|| {
            reduce(
                &Scenario::new(Locale::En),
                Action::SetData(Box::new(loaded(Sample::Subscription))),
            )
        })
    }

    fn bg_evidence(s: &Scenario) -> &BgNbdEvidence {
        s.data
            .as_ref()
            .unwrap()
            .evidence
            .value
            .as_ref()
            .unwrap()
            .bgnbd
            .as_ref()
            .unwrap()
    }

    #[test]
    fn retail_sample_gives_the_full_bgnbd_page() {
        let s = retail();
        let e = s.data.as_ref().unwrap().evidence.value.as_deref().unwrap();
        let b = e.bgnbd.as_ref().unwrap();
        assert_eq!(b.unit, PeriodUnit::Week);
        assert!(b.gamma_gamma.is_some(), "{:?}", e.unfitted);
        // Binning loses no customer.
        let binned: u32 = b.bins.iter().map(|x| x.count()).sum();
        assert_eq!(binned as usize, b.customers);
        // Customers with returns only are not in the RFM summary.
        assert!(b.customers <= s.data.as_ref().unwrap().digest.customers.unwrap());
        assert!(b.customers > 1400);
        let json = serde_json::to_string(e).unwrap();
        assert!(json.len() < 100_000, "{} bytes", json.len());
        let v = compute(s);
        assert_eq!(v.model, ValueModel::BgNbd);
        let clv = v.headline.figure.value().unwrap();
        let (lo, hi, _) = v.headline.interval.clone().unwrap();
        assert!(lo.value().unwrap() < clv && clv < hi.value().unwrap());
        let ids: Vec<&str> = v.charts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["value-palive", "value-distribution"]);
        assert_eq!(v.at_risk.as_ref().unwrap().rows.len(), AT_RISK_ROWS);
        assert_eq!(v.params.len(), 7);
        assert!(
            v.headline.reading.contains("36 months"),
            "{}",
            v.headline.reading
        );
    }

    #[test]
    fn subscription_sample_gives_sbg_and_closed_form_inputs() {
        let s = subscription();
        let e = s.data.as_ref().unwrap().evidence.value.as_deref().unwrap();
        assert!(!e.sbg.is_empty(), "{:?}", e.unfitted);
        assert_eq!(e.sbg[0].segment, None);
        // Per plan (segment) as well.
        assert!(e.sbg.len() > 1 && e.table.len() > 1);
        let v = compute(s);
        assert_eq!(v.model, ValueModel::Sbg);
        let clv = v.headline.figure.value().unwrap();
        let (lo, hi, _) = v.headline.interval.clone().unwrap();
        assert!(lo.value().unwrap() < clv && clv < hi.value().unwrap());
        let sug = v.suggestion.unwrap();
        let r = sug.retention_pct.unwrap();
        assert!(r > 80.0 && r < 100.0, "{r}");
        assert!(sug.margin.unwrap() > 0.0);
        // The survival chart carries data and model.
        let c = &v.charts[0];
        assert_eq!(c.id, "value-survival");
        assert_eq!(c.series.len(), 3);
        // A segment filter picks that segment's fit.
        let seg = v.segments[0].clone();
        let t = reduce(s, Action::SetSegment(Some(seg.clone())));
        let w = compute(&t);
        assert_eq!(w.segment, Some(seg));
        assert_ne!(w.headline.figure, v.headline.figure);
    }

    /// Reference: Fader & Hardie (2007), "regular" cohort (1000, 631, 468,
    /// 382, 326, 289, 262, 241 alive): α = 0.704, β = 1.182 (3 decimals).
    /// A second, shorter cohort of the same table enters the same likelihood.
    #[test]
    fn cohort_table_gives_the_published_sbg() {
        use cxi_parse::Cohorts;
        let regular = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
        let c = Cohorts {
            labels: vec!["2024-01".into(), "2024-02".into()],
            periods: (0..8).collect(),
            alive: vec![
                regular.iter().map(|&v| Some(v)).collect(),
                vec![Some(10.0), None, None, None, None, None, None, None],
            ],
            period: None,
            rows: vec![2, 3],
        };
        let e = evidence(&cxi_parse::Dataset::Cohort(c)).unwrap();
        let sbg = &e.sbg[0].clone();
        assert!((sbg.alpha - 0.704).abs() < 5e-4, "{}", sbg.alpha);
        assert!((sbg.beta - 1.182).abs() < 5e-4, "{}", sbg.beta);
        assert_eq!(sbg.cohorts, 1);
        assert_eq!(sbg.observed.len(), 8);
        assert!((sbg.observed[7].1 - 0.241).abs() < 1e-12);
        let mut s = Scenario::new(Locale::En);
        let mut data = loaded(Sample::Retail);
        data.evidence.value = Some(std::sync::Arc::new(e));
        s = reduce(&s, Action::SetData(Box::new(data)));
        let v = compute(&s);
        assert_eq!(v.model, ValueModel::Sbg);
        // CLV = m · DEL(d) with the core's DEL (F&H 2010 eq. 4).
        let d = annual_to_period_rate(0.1, PeriodUnit::Month).unwrap();
        let del = SbgParams::new(sbg.alpha, sbg.beta).unwrap().del(d).unwrap();
        assert!((v.headline.figure.value().unwrap() - 50.0 * del).abs() < 1e-9);
        // Survival band: zero width at t = 0, around the model after.
        let (s0, se0) = survival_se(sbg, 0);
        assert_eq!((s0, se0), (1.0, 0.0));
        let (s3, se3) = survival_se(sbg, 3);
        assert!(se3 > 0.0 && s3 > 0.0 && s3 < 1.0);
    }

    /// Reference: hand computation of the pooled (life-table) survival.
    /// Cohort A 100 → 80 → 60, cohort B 50 → 30: S(1) = (80 + 30)/(150),
    /// S(2) = S(1) × 60/80.
    #[test]
    fn pooled_survival_hand_computed() {
        let s = pooled_survival(&[vec![100.0, 80.0, 60.0], vec![50.0, 30.0]]);
        assert_eq!(s.len(), 3);
        assert!((s[1].1 - 110.0 / 150.0).abs() < 1e-12);
        assert!((s[2].1 - 110.0 / 150.0 * 0.75).abs() < 1e-12);
    }

    #[test]
    fn p_alive_matrix_cells_are_the_core_p_alive() {
        let b = bg_evidence(retail());
        let c = p_alive_chart(Locale::En, b, 0);
        let (AxisFormat::Categories(cols), AxisFormat::Categories(rows)) =
            (&c.x.format, &c.y.format)
        else {
            panic!("category axes")
        };
        let Mark::Grid { values } = &c.series[0].mark else {
            panic!("grid")
        };
        let big_t = cols.last().unwrap().parse::<f64>().unwrap();
        for (i, x) in rows.iter().enumerate() {
            let x: u32 = x.parse().unwrap();
            for (j, r) in cols.iter().enumerate() {
                let r: f64 = r.parse().unwrap();
                let tx = if x == 0 { 0.0 } else { r };
                let p = b.params.p_alive(x, tx, big_t).unwrap();
                assert_eq!(values[i][j], p, "cell ({x}, {r})");
                assert!((0.0..=1.0).contains(&p));
            }
        }
        // Nobody without a repeat purchase has left (BG/NBD); recent buyers
        // are more likely alive than those whose last purchase is old.
        assert!(values[0].iter().all(|&p| p == 1.0));
        let top = values.last().unwrap();
        assert!(top[0] < top[top.len() - 1]);
        assert_eq!(c.table.rows.len(), rows.len());
    }

    #[test]
    fn histogram_counts_sum_to_the_customers() {
        let s = retail();
        let b = bg_evidence(s);
        let gg = b.gamma_gamma.unwrap();
        let settings = ClvSettings::new(b.unit, PeriodUnit::Month, 36, 0.1, 0.3).unwrap();
        let values = bin_values(b, &gg, &settings, 0);
        let c = distribution_chart(Locale::En, Currency::Eur, &values);
        let Mark::Bars { spans, .. } = &c.series[0].mark else {
            panic!("bars")
        };
        let sum: f64 = spans.iter().map(|s| s.1).sum();
        assert!((sum - b.customers as f64).abs() < 1e-9, "{sum}");
        let shares: f64 = c.table.rows.iter().map(|r| r[2].value().unwrap()).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        assert!(
            c.alt
                .starts_with("Half the customers are worth less than €"),
            "{}",
            c.alt
        );
    }

    /// Reference: hand computation. Three bins: 2 customers worth 10, 6
    /// worth 1, 2 worth 0 (total 26). The top 10 % (1 customer) holds 10/26;
    /// the top 30 % (3) hold (20 + 1)/26.
    #[test]
    fn top_share_and_quantiles_hand_computed() {
        let bv = |clv: f64, count: f64| BinValue {
            rfm: Rfm {
                frequency: 0,
                recency: 0.0,
                age: 1.0,
                monetary_value: 0.0,
            },
            count,
            p_alive: 1.0,
            clv,
        };
        let v = [bv(1.0, 6.0), bv(10.0, 2.0), bv(0.0, 2.0)];
        assert!((top_share(&v, 0.1) - 10.0 / 26.0).abs() < 1e-12);
        assert!((top_share(&v, 0.3) - 21.0 / 26.0).abs() < 1e-12);
        let sorted = [(0.0, 2.0), (1.0, 6.0), (10.0, 2.0)];
        assert_eq!(weighted_quantile(&sorted, 0.5), 1.0);
        assert_eq!(weighted_quantile(&sorted, 0.9), 10.0);
        assert_eq!(nice_step(23.0), 50.0);
        assert_eq!(nice_step(0.12), 0.2);
        assert_eq!(nice_step(1000.0), 1000.0);
    }

    #[test]
    fn at_risk_is_sorted_by_value_at_risk_and_hand_checks() {
        let b = bg_evidence(retail());
        let gg = b.gamma_gamma.unwrap();
        let settings = ClvSettings::new(b.unit, PeriodUnit::Month, 36, 0.1, 0.3).unwrap();
        let list = at_risk(b, &gg, &settings, 0);
        assert_eq!(list.len(), AT_RISK_ROWS);
        assert!(list
            .windows(2)
            .all(|w| w[0].value_at_risk >= w[1].value_at_risk));
        // Expected value + value at risk = value if surely alive, and the
        // expected value is P(alive) × that (FHL 2005 eq. 10 is linear in
        // P(alive)).
        for a in &list {
            let if_alive = a.clv + a.value_at_risk;
            assert!((a.clv - a.p_alive * if_alive).abs() < 1e-9 * if_alive.max(1.0));
            assert_eq!(
                a.p_alive,
                b.params
                    .p_alive(a.rfm.frequency, a.rfm.recency, a.rfm.age)
                    .unwrap()
            );
            assert!(a.p_alive >= evidence::LOST_BELOW, "{}", a.p_alive);
        }
    }

    /// Reference: `rfm_clv::total_clv_interval` (central differences, unit
    /// weights): the weighted mean's standard error times n is the same
    /// total standard error, to the forward-difference error (10⁻³).
    #[test]
    fn mean_clv_interval_matches_the_core_total_interval() {
        let s = retail();
        let b = bg_evidence(s);
        // The customers themselves, from the bins expanded (same fits).
        let rows: Vec<Rfm> = b
            .bins
            .iter()
            .flat_map(|x: &Bin| std::iter::repeat_n(x.rfm(), x.count() as usize))
            .step_by(3)
            .collect();
        let bg = bgnbd::fit(&rows).unwrap();
        let gg = gamma_gamma::fit(&rows).unwrap();
        let settings = ClvSettings::new(b.unit, PeriodUnit::Month, 24, 0.1, 0.5).unwrap();
        let core = rfm_clv::total_clv_interval(&bg, &gg, &rows, &settings).unwrap();
        let ev = BgNbdEvidence {
            params: bg.params,
            covariance: bg.covariance,
            ..b.clone()
        };
        let weighted: Vec<(Rfm, f64)> = rows.iter().map(|r| (*r, 1.0)).collect();
        let (mean, se) =
            mean_clv_interval(&weighted, &ev, &gg.params, &gg.covariance, &settings).unwrap();
        let n = rows.len() as f64;
        assert!((mean * n - core.total_clv).abs() < 1e-9 * core.total_clv);
        assert!(
            (se * n / core.std_error - 1.0).abs() < 1e-3,
            "{} vs {}",
            se * n,
            core.std_error
        );
    }

    /// The memo changes no bit: the page's bins, interval and customers at
    /// risk with the memo (filled first at a longer horizon, so the shorter
    /// one is read from extended series) equal the direct computation.
    #[test]
    fn memoised_values_equal_the_direct_computation_bit_for_bit() {
        let s = retail();
        let b = bg_evidence(s);
        let gg = b.gamma_gamma.unwrap();
        for (months, discount) in [(60, 0.1), (24, 0.1), (36, 0.0), (1, 0.25)] {
            let settings =
                ClvSettings::new(b.unit, PeriodUnit::Month, months, discount, 0.37).unwrap();
            let memo = bin_values_with(b, &gg, &settings, 0, true);
            let direct = bin_values_with(b, &gg, &settings, 0, false);
            assert!(!direct.is_empty());
            assert_eq!(memo.len(), direct.len());
            for (m, d) in memo.iter().zip(&direct) {
                assert_eq!(m.clv.to_bits(), d.clv.to_bits());
                assert_eq!(m.p_alive.to_bits(), d.p_alive.to_bits());
            }
            let w: Vec<(Rfm, f64)> = direct.iter().map(|x| (x.rfm, x.count)).collect();
            let m = mean_clv_interval_with(&w, b, &gg, &b.gg_covariance, &settings, true).unwrap();
            let d = mean_clv_interval_with(&w, b, &gg, &b.gg_covariance, &settings, false).unwrap();
            assert_eq!(
                (m.0.to_bits(), m.1.to_bits()),
                (d.0.to_bits(), d.1.to_bits())
            );
            let m = at_risk_with(b, &gg, &settings, 0, true);
            let d = at_risk_with(b, &gg, &settings, 0, false);
            assert!(!d.is_empty());
            assert_eq!(m, d);
        }
    }

    /// Reference: the core `rfm_clv::customer_value` of each bin (same
    /// model, summed in the same order; only the margin is applied last).
    #[test]
    fn bin_values_are_the_core_customer_values() {
        let s = retail();
        let b = bg_evidence(s);
        let gg = b.gamma_gamma.unwrap();
        let settings = ClvSettings::new(b.unit, PeriodUnit::Month, 36, 0.1, 0.3).unwrap();
        for v in bin_values(b, &gg, &settings, 0) {
            let cv = rfm_clv::customer_value(&b.params, &gg, &v.rfm, &settings).unwrap();
            assert_eq!(v.p_alive.to_bits(), cv.p_alive.to_bits());
            assert!(
                (v.clv - cv.clv).abs() <= 1e-12 * cv.clv.abs(),
                "{} vs {}",
                v.clv,
                cv.clv
            );
        }
        for a in at_risk(b, &gg, &settings, 0) {
            let cv = rfm_clv::customer_value(&b.params, &gg, &a.rfm, &settings).unwrap();
            let alive = evidence::value_if_alive(&b.params, &gg, &a.rfm, &settings).unwrap();
            let var = 0.3 * cv.expected_spend * alive * (1.0 - cv.p_alive);
            assert!((a.clv - cv.clv).abs() <= 1e-12 * cv.clv.abs());
            assert!((a.value_at_risk - var).abs() <= 1e-12 * var.abs());
        }
    }

    /// CLV is linear in the margin: the page's mean, its interval and each
    /// customer at risk at a margin `m` are `m ×` those at 100 %, exactly.
    #[test]
    fn margin_change_scales_clv_exactly() {
        let base = reduce(
            retail(),
            Action::Value(ValueAction::SetMarginRatePct(100.0)),
        );
        let at = |pct: f64| {
            compute(&reduce(
                &base,
                Action::Value(ValueAction::SetMarginRatePct(pct)),
            ))
        };
        let one = at(100.0);
        let fig = |v: &ValueView| v.headline.figure.value().unwrap();
        let ends = |v: &ValueView| {
            let (lo, hi, _) = v.headline.interval.clone().unwrap();
            (lo.value().unwrap(), hi.value().unwrap())
        };
        let b = bg_evidence(retail());
        let gg = b.gamma_gamma.unwrap();
        for pct in [37.0, 50.0, 90.0, 12.3] {
            // As the page turns the percentage into a rate.
            let m = pct / 100.0;
            let v = at(pct);
            assert_eq!(fig(&v).to_bits(), (m * fig(&one)).to_bits());
            // The interval is mean ± z·se with se proportional too.
            let (lo, hi) = ends(&v);
            let (lo1, hi1) = ends(&one);
            assert!((lo - m * lo1).abs() <= 1e-12 * lo1.abs());
            assert!((hi - m * hi1).abs() <= 1e-12 * hi1.abs());
            let s1 = ClvSettings::new(b.unit, PeriodUnit::Month, 36, 0.1, 1.0).unwrap();
            let sm = ClvSettings::new(b.unit, PeriodUnit::Month, 36, 0.1, m).unwrap();
            let w: Vec<(Rfm, f64)> = bin_values(b, &gg, &s1, 0)
                .iter()
                .map(|x| (x.rfm, x.count))
                .collect();
            let i1 = mean_clv_interval(&w, b, &gg, &b.gg_covariance, &s1).unwrap();
            let im = mean_clv_interval(&w, b, &gg, &b.gg_covariance, &sm).unwrap();
            assert_eq!(im.0.to_bits(), (m * i1.0).to_bits());
            assert_eq!(im.1.to_bits(), (m * i1.1).to_bits());
            for (a1, am) in at_risk(b, &gg, &s1, 0).iter().zip(at_risk(b, &gg, &sm, 0)) {
                assert_eq!(am.clv.to_bits(), (m * a1.clv).to_bits());
                assert_eq!(am.value_at_risk.to_bits(), (m * a1.value_at_risk).to_bits());
            }
        }
    }

    #[test]
    fn binning_keeps_counts_spend_and_order_of_times() {
        let rows: Vec<Rfm> = (0..500)
            .map(|i| {
                let x = (i % 7) as u32;
                let age = 10.0 + (i % 40) as f64;
                Rfm {
                    frequency: x,
                    recency: if x == 0 {
                        0.0
                    } else {
                        age * ((i % 5) as f64 / 5.0)
                    },
                    age,
                    monetary_value: if x == 0 { 0.0 } else { 10.0 + (i % 3) as f64 },
                }
            })
            .collect();
        for max in [1000, 50] {
            let (bins, g) = bin_customers(&rows, &[], max);
            assert!(bins.len() <= max || g > 1e6);
            assert_eq!(bins.iter().map(|b| b.count()).sum::<u32>(), 500);
            // Total spend × purchases is kept (to the cent per bin).
            let spend: f64 = bins
                .iter()
                .map(|b| b.4 * f64::from(b.0) * f64::from(b.3))
                .sum();
            let exact: f64 = rows
                .iter()
                .map(|r| r.monetary_value * f64::from(r.frequency))
                .sum();
            // Rounding each bin's mean to the cent moves its total by at
            // most half a cent per purchase.
            let purchases: f64 = rows.iter().map(|r| f64::from(r.frequency)).sum();
            assert!(
                (spend - exact).abs() <= 0.005 * purchases + 1e-9,
                "{spend} {exact}"
            );
            assert!(bins.iter().all(|b| b.rfm().validate(1).is_ok()));
        }
    }

    #[test]
    fn closed_form_is_the_calculator_without_an_interval() {
        let s = Scenario::new(Locale::Fr);
        let v = compute(&s);
        assert_eq!(v.model, ValueModel::ClosedForm);
        assert_eq!(
            v.headline.figure,
            Figure::Money(s.clv.compute().unwrap().clv)
        );
        assert_eq!(v.headline.interval, None);
        assert!(v.headline.how.caveats.starts_with("Pas d'intervalle"));
        // Asking for a model the data cannot feed falls back, and says so.
        let t = reduce(&s, Action::Value(ValueAction::SetModel(ValueModel::BgNbd)));
        let w = compute(&t);
        assert_eq!(w.model, ValueModel::ClosedForm);
        assert_eq!(w.notes.len(), 1);
        // An invalid input leaves the figure missing, with the reason.
        let u = reduce(&s, Action::SetRetentionPct(120.0));
        assert_eq!(compute(&u).headline.figure, Figure::Missing);
        assert_eq!(headlines(&s).len(), 1);
    }

    #[test]
    fn model_switch_on_transactions() {
        let s = retail();
        let t = reduce(
            s,
            Action::Value(ValueAction::SetModel(ValueModel::ClosedForm)),
        );
        assert_eq!(compute(&t).model, ValueModel::ClosedForm);
        assert_eq!(
            reduce(s, Action::Value(ValueAction::SetHorizonMonths(0)))
                .value
                .horizon_months,
            1
        );
        for m in ValueModel::CHOICES {
            assert_eq!(ValueModel::from_id(m.id()), Some(m));
        }
    }

    // proptest is a native dev-dependency (the wasm32 clippy pass builds
    // these tests too).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};

        proptest! {
            #![proptest_config(Config { cases: 12, rng_seed: RngSeed::Fixed(6), ..Config::default() })]

            /// No NaN or infinity reaches a figure, the interval brackets the
            /// value, and value rises with the margin rate and the horizon.
            #[test]
            fn bgnbd_figures_are_finite_and_monotone(
                rate in -50.0f64..150.0,
                months in 0u32..130,
                discount in -5.0f64..60.0,
            ) {
                let s = retail();
                let mut t = reduce(s, Action::Value(ValueAction::SetMarginRatePct(rate)));
                t = reduce(&t, Action::Value(ValueAction::SetHorizonMonths(months)));
                t = reduce(&t, Action::SetAnnualDiscountPct(discount));
                let v = compute(&t);
                let f = &v.headline.figure;
                prop_assert!(f.value().is_some() || *f == Figure::Missing);
                if let (Some(x), Some((lo, hi, _))) = (f.value(), &v.headline.interval) {
                    prop_assert!(lo.value().unwrap() <= x && x <= hi.value().unwrap());
                    let more = reduce(&t, Action::Value(ValueAction::SetHorizonMonths(t.value.horizon_months + 6)));
                    prop_assert!(compute(&more).headline.figure.value().unwrap() > x);
                }
                for c in &v.charts {
                    for row in &c.table.rows {
                        for cell in row {
                            prop_assert!(!matches!(cell.value(), Some(x) if !x.is_finite()));
                        }
                    }
                }
            }
        }
    }
}
