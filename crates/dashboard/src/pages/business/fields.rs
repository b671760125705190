//! The page's fields on the Assumptions page.

use super::inputs::inputs;
use super::slice::BusinessSlice;
use super::state::*;
use super::words::{problem_text, source_text};
use crate::i18n::business::BusinessStrings;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::field::{Field, Group, Unit};
use crate::scenario::Action;
use cxi_types::Locale;

type Setter = fn(f64) -> Action;

fn setter(f: BusinessField) -> Setter {
    macro_rules! set {
        ($v:ident) => {
            |x| Action::Business(BusinessAction::Set(BusinessField::$v, x))
        };
    }
    match f {
        BusinessField::OneOff => set!(OneOff),
        BusinessField::Running => set!(Running),
        BusinessField::Discount => set!(Discount),
        BusinessField::Years => set!(Years),
        BusinessField::ChurnReduction => set!(ChurnReduction),
        BusinessField::SpendUplift => set!(SpendUplift),
        BusinessField::Contacts => set!(Contacts),
        BusinessField::CostPerContact => set!(CostPerContact),
        BusinessField::ContactReduction => set!(ContactReduction),
        BusinessField::NpsPoints => set!(NpsPoints),
        BusinessField::RevenuePerNpsPoint => set!(RevenuePerNpsPoint),
        BusinessField::LowEffects => set!(LowEffects),
        BusinessField::HighEffects => set!(HighEffects),
    }
}

/// DOM id, label, unit text and unit of a field.
fn describe(
    f: BusinessField,
    t: &BusinessStrings,
    cur: &str,
) -> (&'static str, &'static str, String, Unit) {
    let money = fill(t.money_unit, &[("cur", cur)]);
    let per_year = fill(t.money_per_year, &[("cur", cur)]);
    match f {
        BusinessField::OneOff => ("as-bc-one-off", t.one_off, money, Unit::Money),
        BusinessField::Running => ("as-bc-running", t.running, per_year, Unit::Money),
        BusinessField::Discount => (
            "as-bc-discount",
            t.discount,
            t.discount_unit.into(),
            Unit::Percent,
        ),
        BusinessField::Years => ("as-bc-years", t.years, t.years_unit.into(), Unit::Count),
        BusinessField::ChurnReduction => (
            "as-bc-churn-reduction",
            t.churn_reduction,
            t.churn_reduction_unit.into(),
            Unit::Percent,
        ),
        BusinessField::SpendUplift => (
            "as-bc-spend-uplift",
            t.spend_uplift,
            t.spend_uplift_unit.into(),
            Unit::Percent,
        ),
        BusinessField::Contacts => (
            "as-bc-contacts",
            t.contacts,
            t.contacts_unit.into(),
            Unit::Number,
        ),
        BusinessField::CostPerContact => (
            "as-bc-cost-per-contact",
            t.cost_per_contact,
            money,
            Unit::Money,
        ),
        BusinessField::ContactReduction => (
            "as-bc-contact-reduction",
            t.contact_reduction,
            t.contact_reduction_unit.into(),
            Unit::Percent,
        ),
        BusinessField::NpsPoints => (
            "as-bc-nps-points",
            t.nps_points,
            t.nps_points_unit.into(),
            Unit::Number,
        ),
        BusinessField::RevenuePerNpsPoint => (
            "as-bc-per-nps-point",
            t.per_nps_point,
            t.per_nps_point_unit.into(),
            Unit::Percent,
        ),
        BusinessField::LowEffects => (
            "as-bc-low-effects",
            t.low_effects,
            t.effects_unit.into(),
            Unit::Percent,
        ),
        BusinessField::HighEffects => (
            "as-bc-high-effects",
            t.high_effects,
            t.effects_unit.into(),
            Unit::Percent,
        ),
    }
}

/// The page's assumptions for the Assumptions page (and its own form).
pub fn fields(s: &BusinessSlice, locale: Locale) -> Group {
    let t = locale.strings().business;
    let i = inputs(s);
    let problems = i.problems();
    let cur = s.currency.code();
    Group {
        id: "business",
        title: t.group.into(),
        fields: i
            .assumed
            .iter()
            .map(|a| {
                let (id, label, unit_text, unit) = describe(a.field, t, cur);
                Field {
                    id,
                    label: label.into(),
                    unit_text,
                    unit,
                    value: a.value,
                    default: a.default,
                    source: source_text(locale, &a.source),
                    error: problems
                        .iter()
                        .find(|(f, _)| *f == Some(a.field))
                        .map(|(_, p)| problem_text(locale, p)),
                    set: setter(a.field),
                }
            })
            .collect(),
    }
}
