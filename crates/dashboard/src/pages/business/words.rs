//! The case's words for what its computation returns as numbers: where
//! each default comes from, why an input is refused, the scenarios' and
//! the model inputs' names, in the page's language.

use super::compute::BusinessView;
use super::compute::ScenarioKey;
use super::inputs::Source;
use super::problems::Problem;
use crate::i18n::business::BusinessStrings;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::churn;
use cxi_models::business_case::Input;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Locale;

/// Where a default comes from, as the field's note says it.
pub fn source_text(loc: Locale, s: &Source) -> String {
    let t = loc.strings().business;
    match s {
        Source::IllustrativePlatform => t.one_off_source.into(),
        Source::IllustrativeRunning => t.running_source.into(),
        Source::ClvDiscount => t.discount_source.into(),
        Source::ChurnHorizon => t.years_source.into(),
        Source::ChurnTarget { from_pct, to_pct } => fill(
            t.churn_reduction_source,
            &[
                ("from", &format::percent(loc, from_pct / 100.0, 1)),
                ("to", &format::percent(loc, to_pct / 100.0, 1)),
            ],
        ),
        Source::NoUpliftYet => t.spend_uplift_source.into(),
        Source::IllustrativeContacts => t.contacts_source.into(),
        Source::ContactsMeasured { customers } => fill(
            t.contacts_measured,
            &[("n", &format::number(loc, *customers as f64, 0))],
        ),
        Source::IllustrativeContactCost => t.cost_per_contact_source.into(),
        Source::IllustrativeContactReduction => t.contact_reduction_source.into(),
        Source::NoNpsTarget => t.nps_points_source.into(),
        Source::NpsLinkUnmeasured => t.per_nps_point_source.into(),
        Source::NpsLinkMeasured {
            answers,
            window_days,
        } => fill(
            t.per_nps_point_measured,
            &[
                ("n", &format::number(loc, *answers as f64, 0)),
                ("window", &format::number(loc, f64::from(*window_days), 0)),
            ],
        ),
        Source::HalfEffects => t.low_effects_source.into(),
        Source::OneAndAHalfEffects => t.high_effects_source.into(),
    }
}

/// Why the case refuses an input, as its field (or the card) says it.
pub fn problem_text(loc: Locale, p: &Problem) -> String {
    let t = loc.strings().business;
    match p {
        Problem::ChurnPage(p) => fill(
            t.err_from_churn_page,
            &[("msg", &churn::problem_text(loc, p))],
        ),
        Problem::Years { min, max } => fill(
            t.err_years,
            &[
                ("min", &format::number(loc, f64::from(*min), 0)),
                ("max", &format::number(loc, f64::from(*max), 0)),
            ],
        ),
        Problem::Negative => t.err_non_negative.into(),
        Problem::NotFraction => t.err_fraction.into(),
        Problem::NotAboveMinus100 => t.err_above_minus_100.into(),
        Problem::NotNumber => t.err_number.into(),
        Problem::NpsRevenue => t.err_nps.into(),
        Problem::ReductionAboveChurn { churn } => fill(
            t.err_reduction,
            &[("churn", &format::percent(loc, *churn, 1))],
        ),
        Problem::Model(e) => e.to_string(),
    }
}

/// A scenario's name: a column of the comparison, a bar of its chart.
pub fn scenario_name(t: &BusinessStrings, key: ScenarioKey) -> &'static str {
    match key {
        ScenarioKey::Baseline => t.baseline,
        ScenarioKey::Target => t.target,
        ScenarioKey::Stretch => t.stretch,
    }
}

/// An input's name in the page's language.
pub fn input_name(t: &BusinessStrings, input: Input) -> &'static str {
    match input {
        Input::Customers => t.in_customers,
        Input::RevenuePerCustomer => t.in_revenue,
        Input::MarginRate => t.in_margin,
        Input::AnnualChurn => t.in_churn,
        Input::NewCustomersPerYear => t.in_new,
        Input::ContactsPerCustomer => t.contacts,
        Input::CostPerContact => t.cost_per_contact,
        Input::OneOffCost => t.one_off,
        Input::RunningCost => t.running,
        Input::DiscountRate => t.discount,
        Input::ChurnReduction => t.churn_reduction,
        Input::SpendUplift => t.spend_uplift,
        Input::ContactReduction => t.contact_reduction,
        Input::NpsPoints => t.nps_points,
        Input::RevenuePerNpsPoint => t.per_nps_point,
    }
}

/// An input's value as a figure of its kind.
pub(super) fn input_figure(input: Input, v: f64) -> Figure {
    match input {
        Input::Customers | Input::NewCustomersPerYear => Figure::number(v, 0),
        Input::ContactsPerCustomer | Input::NpsPoints => Figure::number(v, 2),
        Input::RevenuePerCustomer
        | Input::CostPerContact
        | Input::OneOffCost
        | Input::RunningCost => Figure::Money(v),
        _ => Figure::Percent {
            value: v,
            decimals: 2,
        },
    }
}

impl BusinessView {
    /// The first problem in words: what the card says in place of a figure.
    pub fn first_problem_text(&self, loc: Locale) -> Option<String> {
        self.problems.first().map(|(_, p)| problem_text(loc, p))
    }
}
