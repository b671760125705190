//! The page's fields on the Assumptions page.

use super::compute::evidence_of;
use super::slice::VoiceSlice;
use super::state::*;
use super::words::field_error;
use super::words::field_label;
use crate::i18n::LocaleStrings;
use crate::pages::field::{Field, Group, Unit};
use crate::scenario::Action;
use cxi_types::period::PeriodUnit;
use cxi_types::Locale;

fn per_unit(locale: Locale, what: &str, unit: PeriodUnit) -> String {
    locale.strings().per_unit(what, unit)
}

/// The page's assumptions for the Assumptions page: the scenario first,
/// then the answer counts (used without data), then the economics.
pub fn fields(s: &VoiceSlice, locale: Locale) -> Group {
    let t = locale.strings().voice;
    let a = &s.voice;
    let d = VoiceAssumptions::default();
    let ev = evidence_of(s);
    let has_scores = ev.and_then(|e| e.scores).is_some();
    let cur = s.currency.code();
    let field = |id: &'static str,
                 key: VoiceKey,
                 unit: Unit,
                 unit_text: String,
                 value: f64,
                 default: f64,
                 source: &str,
                 set: fn(f64) -> Action| Field {
        id,
        label: field_label(key, t).to_string(),
        unit_text,
        unit,
        value,
        default,
        source: source.to_string(),
        error: field_error(s, key, t),
        set,
    };
    let data_customers = ev.and_then(|e| e.customers).map(|n| n as f64);
    let mut fields = vec![
        field(
            "as-voice-dp",
            VoiceKey::DetractorsToPassives,
            Unit::Percent,
            t.percent_of_group.into(),
            a.detractors_to_passives_pct,
            d.detractors_to_passives_pct,
            t.move_dp_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::DetractorsToPassives, v)),
        ),
        field(
            "as-voice-pp",
            VoiceKey::PassivesToPromoters,
            Unit::Percent,
            t.percent_of_group.into(),
            a.passives_to_promoters_pct,
            d.passives_to_promoters_pct,
            t.move_pp_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::PassivesToPromoters, v)),
        ),
    ];
    if !has_scores {
        fields.extend([
            field(
                "as-voice-detractors",
                VoiceKey::Detractors,
                Unit::Count,
                t.answers.into(),
                a.detractors,
                d.detractors,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Detractors, v)),
            ),
            field(
                "as-voice-passives",
                VoiceKey::Passives,
                Unit::Count,
                t.answers.into(),
                a.passives,
                d.passives,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Passives, v)),
            ),
            field(
                "as-voice-promoters",
                VoiceKey::Promoters,
                Unit::Count,
                t.answers.into(),
                a.promoters,
                d.promoters,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Promoters, v)),
            ),
        ]);
    }
    let customers_default = data_customers.unwrap_or(DEFAULT_CUSTOMERS);
    fields.extend([
        field(
            "as-voice-customers",
            VoiceKey::Customers,
            Unit::Count,
            t.customers_unit.into(),
            a.customers.unwrap_or(customers_default),
            customers_default,
            if data_customers.is_some() {
                t.customers_source_data
            } else {
                t.customers_source
            },
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Customers, v)),
        ),
        field(
            "as-voice-spend",
            VoiceKey::Spend,
            Unit::Money,
            per_unit(locale, cur, s.clv.unit),
            a.spend,
            d.spend,
            t.spend_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Spend, v)),
        ),
        field(
            "as-voice-margin",
            VoiceKey::MarginRate,
            Unit::Percent,
            t.percent.into(),
            a.margin_rate_pct,
            d.margin_rate_pct,
            t.margin_rate_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::MarginRate, v)),
        ),
        field(
            "as-voice-cost",
            VoiceKey::CostToServe,
            Unit::Money,
            per_unit(locale, cur, s.clv.unit),
            a.cost_to_serve,
            d.cost_to_serve,
            t.cost_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::CostToServe, v)),
        ),
        field(
            "as-voice-referrals",
            VoiceKey::Referrals,
            Unit::Number,
            t.per_100_year.into(),
            a.referrals_per_100,
            d.referrals_per_100,
            t.referrals_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Referrals, v)),
        ),
        field(
            "as-voice-lost",
            VoiceKey::Lost,
            Unit::Number,
            t.per_100_year.into(),
            a.lost_per_100,
            d.lost_per_100,
            t.wom_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Lost, v)),
        ),
        field(
            "as-voice-horizon",
            VoiceKey::Horizon,
            Unit::Number,
            t.years.into(),
            a.horizon_years,
            d.horizon_years,
            t.horizon_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Horizon, v)),
        ),
    ]);
    Group {
        id: "voice",
        title: t.group.into(),
        fields,
    }
}
