//! The page's fields on the Assumptions page (one setter per channel slot).

use super::inputs::inputs;
use super::inputs::loaded;
use super::inputs::Resolved;
use super::inputs::Source;
use super::problems::ChurnField;
use super::slice::ChurnSlice;
use super::state::default_channels;
use super::state::{ChurnAction, MAX_CHANNELS};
use super::words::{problem_text, source_text};
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::field::{Field, Group, Unit};
use crate::scenario::Action;
use cxi_types::Locale;

// Channel fields for the Assumptions page: a function pointer per slot.
fn set_spend<const I: usize>(v: f64) -> Action {
    Action::Churn(ChurnAction::SetChannelSpend(I, v))
}
fn set_new<const I: usize>(v: f64) -> Action {
    Action::Churn(ChurnAction::SetChannelNew(I, v))
}
type Setter = fn(f64) -> Action;
const SPEND_SETTERS: [Setter; MAX_CHANNELS] = [
    set_spend::<0>,
    set_spend::<1>,
    set_spend::<2>,
    set_spend::<3>,
    set_spend::<4>,
    set_spend::<5>,
    set_spend::<6>,
    set_spend::<7>,
];
const NEW_SETTERS: [Setter; MAX_CHANNELS] = [
    set_new::<0>,
    set_new::<1>,
    set_new::<2>,
    set_new::<3>,
    set_new::<4>,
    set_new::<5>,
    set_new::<6>,
    set_new::<7>,
];
/// DOM ids of the channel inputs, slot by slot.
pub const SPEND_IDS: [&str; MAX_CHANNELS] = [
    "as-churn-ch0-spend",
    "as-churn-ch1-spend",
    "as-churn-ch2-spend",
    "as-churn-ch3-spend",
    "as-churn-ch4-spend",
    "as-churn-ch5-spend",
    "as-churn-ch6-spend",
    "as-churn-ch7-spend",
];
pub const NEW_IDS: [&str; MAX_CHANNELS] = [
    "as-churn-ch0-new",
    "as-churn-ch1-new",
    "as-churn-ch2-new",
    "as-churn-ch3-new",
    "as-churn-ch4-new",
    "as-churn-ch5-new",
    "as-churn-ch6-new",
    "as-churn-ch7-new",
];

/// The page's assumptions for the Assumptions page (and its own form).
pub fn fields(s: &ChurnSlice, locale: Locale) -> Group {
    let t = locale.strings().churn;
    let i = inputs(s);
    let problems = i.problems();
    let err = |f: ChurnField| {
        problems
            .iter()
            .find(|(k, _)| *k == f)
            .map(|(_, p)| problem_text(locale, p))
    };
    let source = |src: &Source| source_text(locale, s.currency, src);
    let cur = s.currency.code();
    let field = |id: &'static str,
                 label: &str,
                 unit_text: String,
                 unit: Unit,
                 r: &Resolved,
                 f: ChurnField,
                 set: Setter| Field {
        id,
        label: label.into(),
        unit_text,
        unit,
        value: r.value,
        default: r.default,
        source: source(&r.source),
        error: err(f),
        set,
    };
    let mut fields = vec![
        field(
            "as-churn-customers",
            t.customers,
            t.customers_unit.into(),
            Unit::Count,
            &i.customers,
            ChurnField::Customers,
            |v| Action::Churn(ChurnAction::SetCustomers(v)),
        ),
        field(
            "as-churn-baseline",
            t.baseline,
            t.per_year_pct.into(),
            Unit::Percent,
            &i.annual_churn_pct,
            ChurnField::AnnualChurn,
            |v| Action::Churn(ChurnAction::SetAnnualChurnPct(v)),
        ),
        field(
            "as-churn-target",
            t.target,
            t.per_year_pct.into(),
            Unit::Percent,
            &i.target_churn_pct,
            ChurnField::TargetChurn,
            |v| Action::Churn(ChurnAction::SetTargetChurnPct(v)),
        ),
        field(
            "as-churn-revenue",
            t.revenue,
            fill(t.per_month_unit, &[("cur", cur)]),
            Unit::Money,
            &i.revenue_per_month,
            ChurnField::Revenue,
            |v| Action::Churn(ChurnAction::SetRevenuePerMonth(v)),
        ),
        field(
            "as-churn-margin",
            t.margin_rate,
            t.margin_rate_unit.into(),
            Unit::Percent,
            &i.margin_pct,
            ChurnField::Margin,
            |v| Action::Churn(ChurnAction::SetMarginPct(v)),
        ),
        field(
            "as-churn-years",
            t.years,
            t.years_unit.into(),
            Unit::Count,
            &i.years,
            ChurnField::Years,
            |v| Action::Churn(ChurnAction::SetYears(v)),
        ),
    ];
    let defaults = match loaded(s) {
        Some(e) if !e.channels.is_empty() => e.channels.clone(),
        _ => default_channels(locale),
    };
    for (k, ch) in i.channels.iter().enumerate().take(MAX_CHANNELS) {
        let d = defaults.get(k);
        fields.push(Field {
            id: SPEND_IDS[k],
            label: fill(t.channel_spend, &[("name", &ch.name)]),
            unit_text: fill(t.per_year_unit, &[("cur", cur)]),
            unit: Unit::Money,
            value: ch.spend,
            default: d.map_or(0.0, |c| c.spend),
            source: source(&i.channels_source),
            error: err(ChurnField::ChannelSpend(k)),
            set: SPEND_SETTERS[k],
        });
        fields.push(Field {
            id: NEW_IDS[k],
            label: fill(t.channel_new, &[("name", &ch.name)]),
            unit_text: t.new_unit.into(),
            unit: Unit::Count,
            value: ch.new_customers,
            default: d.map_or(0.0, |c| c.new_customers),
            source: source(&i.channels_source),
            error: err(ChurnField::ChannelNew(k))
                .or_else(|| (k == 0).then(|| err(ChurnField::Channels)).flatten()),
            set: NEW_SETTERS[k],
        });
    }
    Group {
        id: "churn",
        title: t.group.into(),
        fields,
    }
}
