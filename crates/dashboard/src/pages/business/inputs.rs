//! The business case's inputs as resolved (typed, from the other pages, or
//! defaulted, each with where its default comes from); the Monte-Carlo and
//! tornado settings.

use super::slice::BusinessSlice;
use super::state::*;
use super::state::{
    DEFAULT_CONTACTS, DEFAULT_CONTACT_REDUCTION_PCT, DEFAULT_COST_PER_CONTACT, DEFAULT_HIGH_PCT,
    DEFAULT_LOW_PCT, DEFAULT_ONE_OFF, DEFAULT_RUNNING,
};
use crate::pages::churn::{self, ChurnInputs};
use cxi_models::business_case::BusinessCaseInputs;
use cxi_models::business_case::MAX_YEARS;

/// Monte-Carlo draws: 1,000 keep the 5th and 95th percentiles within about
/// 1.5 % of the band's width between seeds and the run under a millisecond
/// natively (see the report in the page's module test `band_is_cheap`).
pub const DRAWS: u32 = 1_000;
/// Fixed seed: the same assumptions always give the same band.
pub const SEED: u64 = 0x00C0_FFEE;
/// Tornado: each input moved by ±20 %.
pub const TORNADO_RELATIVE: f64 = 0.20;
/// Tornado bars shown.
pub const TORNADO_BARS: usize = 8;

/// Where a default of the case comes from: one variant per published,
/// illustrative or borrowed source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// Illustrative one-off cost: a CX platform and its roll-out.
    IllustrativePlatform,
    /// Illustrative running cost: licences and a small team.
    IllustrativeRunning,
    /// The Customer value page's annual discount rate.
    ClvDiscount,
    /// The Churn & acquisition page's projection horizon.
    ChurnHorizon,
    /// The Churn & acquisition page's churn today down to its target, in
    /// percent a year.
    ChurnTarget { from_pct: f64, to_pct: f64 },
    /// No uplift until a test or a pilot shows customers spend more.
    NoUpliftYet,
    /// Illustrative two contacts a customer a year.
    IllustrativeContacts,
    /// Measured by the customer table joined to the survey: the mean
    /// support contacts of the answers' customers, read as a year's.
    ContactsMeasured { customers: usize },
    /// Illustrative cost of a contact.
    IllustrativeContactCost,
    /// Illustrative 10 % fewer contacts once the causes of effort are fixed.
    IllustrativeContactReduction,
    /// No NPS change unless the programme targets NPS.
    NoNpsTarget,
    /// No revenue per NPS point until measured.
    NpsLinkUnmeasured,
    /// Measured by the survey joined to the orders: spend per NPS category
    /// in the window after each answer.
    NpsLinkMeasured { answers: usize, window_days: u32 },
    /// Half the planned effects (the baseline scenario).
    HalfEffects,
    /// One and a half times the planned effects (the stretch scenario).
    OneAndAHalfEffects,
}

/// One assumption in effect with its default and the default's source.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumed {
    pub field: BusinessField,
    pub value: f64,
    pub default: f64,
    /// Where the default comes from (shown even when a value is typed).
    pub source: Source,
}

/// The case as resolved from the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseInputs {
    pub churn: ChurnInputs,
    pub assumed: Vec<Assumed>,
    /// The target scenario's model inputs (unvalidated).
    pub target: BusinessCaseInputs,
}

impl CaseInputs {
    /// The value in effect of `f` (NaN if the field is missing).
    pub fn get(&self, f: BusinessField) -> f64 {
        self.assumed
            .iter()
            .find(|a| a.field == f)
            .map_or(f64::NAN, |a| a.value)
    }

    /// The model inputs with the effects scaled by `share` (1 = target).
    pub fn scaled(&self, share: f64) -> BusinessCaseInputs {
        let t = &self.target;
        BusinessCaseInputs {
            churn_reduction: (t.churn_reduction * share).clamp(0.0, t.annual_churn.max(0.0)),
            spend_uplift: t.spend_uplift * share,
            contact_reduction: (t.contact_reduction * share).clamp(0.0, 1.0),
            nps_points: t.nps_points * share,
            ..*t
        }
    }
}

/// Resolves the case: the churn page's base and this page's assumptions.
pub fn inputs(s: &BusinessSlice) -> CaseInputs {
    let c = churn::inputs(&s.churn);
    let a = &s.business;
    let reduction_default =
        ((100.0 * (c.annual_churn_pct.value - c.target_churn_pct.value)).round() / 100.0).max(0.0);
    let defaults: [(BusinessField, f64, Source); 13] = [
        (
            BusinessField::OneOff,
            DEFAULT_ONE_OFF,
            Source::IllustrativePlatform,
        ),
        (
            BusinessField::Running,
            DEFAULT_RUNNING,
            Source::IllustrativeRunning,
        ),
        (
            BusinessField::Discount,
            s.clv.annual_discount_pct,
            Source::ClvDiscount,
        ),
        (
            BusinessField::Years,
            f64::from(c.whole_years()),
            Source::ChurnHorizon,
        ),
        (
            BusinessField::ChurnReduction,
            reduction_default,
            Source::ChurnTarget {
                from_pct: c.annual_churn_pct.value,
                to_pct: c.target_churn_pct.value,
            },
        ),
        (BusinessField::SpendUplift, 0.0, Source::NoUpliftYet),
        match s
            .linked
            .and_then(crate::data::linked::contacts_per_customer)
        {
            // Rounded to what a person would type: two decimals.
            Some(c) => (
                BusinessField::Contacts,
                (c.mean * 100.0).round() / 100.0,
                Source::ContactsMeasured {
                    customers: c.customers,
                },
            ),
            None => (
                BusinessField::Contacts,
                DEFAULT_CONTACTS,
                Source::IllustrativeContacts,
            ),
        },
        (
            BusinessField::CostPerContact,
            DEFAULT_COST_PER_CONTACT,
            Source::IllustrativeContactCost,
        ),
        (
            BusinessField::ContactReduction,
            DEFAULT_CONTACT_REDUCTION_PCT,
            Source::IllustrativeContactReduction,
        ),
        (BusinessField::NpsPoints, 0.0, Source::NoNpsTarget),
        match s
            .linked
            .and_then(crate::data::linked::revenue_per_nps_point)
        {
            Some(p) => (
                BusinessField::RevenuePerNpsPoint,
                p.pct,
                Source::NpsLinkMeasured {
                    answers: p.answers,
                    window_days: p.window_days,
                },
            ),
            None => (
                BusinessField::RevenuePerNpsPoint,
                0.0,
                Source::NpsLinkUnmeasured,
            ),
        },
        (
            BusinessField::LowEffects,
            DEFAULT_LOW_PCT,
            Source::HalfEffects,
        ),
        (
            BusinessField::HighEffects,
            DEFAULT_HIGH_PCT,
            Source::OneAndAHalfEffects,
        ),
    ];
    let assumed: Vec<Assumed> = defaults
        .into_iter()
        .map(|(field, default, source)| Assumed {
            field,
            value: field.typed(a).unwrap_or(default),
            default,
            source,
        })
        .collect();
    let get = |f: BusinessField| {
        assumed
            .iter()
            .find(|x| x.field == f)
            .map_or(f64::NAN, |x| x.value)
    };
    let years = get(BusinessField::Years);
    let target = BusinessCaseInputs {
        customers: c.customers.value,
        revenue_per_customer: 12.0 * c.revenue_per_month.value,
        margin_rate: c.margin_rate(),
        annual_churn: c.annual_churn_pct.value / 100.0,
        new_customers_per_year: c.new_per_year(),
        contacts_per_customer: get(BusinessField::Contacts),
        cost_per_contact: get(BusinessField::CostPerContact),
        one_off_cost: get(BusinessField::OneOff),
        running_cost: get(BusinessField::Running),
        // Out of range years are reported by `problems`; 0 makes the model refuse.
        years: if years.is_finite() && (1.0..=f64::from(MAX_YEARS)).contains(&years.round()) {
            years.round() as u32
        } else {
            0
        },
        discount_rate: get(BusinessField::Discount) / 100.0,
        churn_reduction: get(BusinessField::ChurnReduction) / 100.0,
        spend_uplift: get(BusinessField::SpendUplift) / 100.0,
        contact_reduction: get(BusinessField::ContactReduction) / 100.0,
        nps_points: get(BusinessField::NpsPoints),
        revenue_per_nps_point: get(BusinessField::RevenuePerNpsPoint) / 100.0,
    };
    CaseInputs {
        churn: c,
        assumed,
        target,
    }
}
