//! Customer value: CLV model choice (closed form, cohort sBG, BG/NBD + Gamma-Gamma), retention curves, P(alive), CLV distribution, customers at risk.

use super::super::clv::ClvError;
use super::super::i18n::Locale;
use super::super::parse::Dataset;
use super::super::scenario::{Action, ClvAssumptions, Scenario, MAX_CHART_HORIZON};
use super::assumptions::{Field, Group, Unit};
use super::Headline;
use serde::{Deserialize, Serialize};

/// The assumptions of this page, part of the scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueAssumptions {}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueAction {}

impl ValueAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: ValueAction) {
        match action {}
    }
}

/// What this page keeps from loaded data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ValueEvidence {}

/// This page's evidence from a validated dataset, when it says anything
/// the page uses.
pub fn evidence(_d: &Dataset) -> Option<ValueEvidence> {
    None
}

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
    let per = |what: &str| match locale {
        Locale::En => format!("{what} per {}", t.unit_name(a.unit).to_lowercase()),
        Locale::Fr => format!("{what} par {}", t.unit_name(a.unit).to_lowercase()),
    };
    Group {
        id: "value",
        title: match locale {
            Locale::En => "Customer value".into(),
            Locale::Fr => "Valeur client".into(),
        },
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
                unit_text: match locale {
                    Locale::En => "% per year".into(),
                    Locale::Fr => "% par an".into(),
                },
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
        ],
    }
}

fn d_horizon() -> u32 {
    ClvAssumptions::default().horizon
}

/// The page's headline cards, for the Overview.
pub fn headlines(_s: &Scenario) -> Vec<Headline> {
    Vec::new()
}
