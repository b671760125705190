//! The closed-form view (no data, or too little for a model) and the suggestion from loaded data.

use super::evidence::TableEvidence;
use super::evidence::ValueEvidence;
use super::sbg::survival_chart;
use super::slice::ValueSlice;
use super::view::finite_or_missing;
use super::view::Suggestion;
use super::view::ValueView;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::clv::MAX_CHART_HORIZON;
use cxi_models::clv::FirstPayment;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::How;

// ---------------------------------------------------------------- closed form

pub(super) fn closed_view(
    s: &ValueSlice,
    e: Option<&ValueEvidence>,
    segment: Option<&str>,
    v: &mut ValueView,
) {
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
pub(super) fn suggestion(
    s: &ValueSlice,
    e: &ValueEvidence,
    segment: Option<&str>,
) -> Option<Suggestion> {
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
