//! The page's fields on the Assumptions page, and their checks.

use super::slice::ValueSlice;
use super::state::{ValueAction, ValueAssumptions, DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS};
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::clv::ClvAssumptions;
use crate::pages::clv::MAX_CHART_HORIZON;
use crate::pages::field::{Field, Group, Unit};
use crate::scenario::Action;
use cxi_models::clv::ClvError;
use cxi_types::Locale;

/// The page's assumptions for the Assumptions page: the closed-form CLV
/// inputs first (they also drive the other pages when no data is loaded).
pub fn fields(s: &ValueSlice, locale: Locale) -> Group {
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
