//! The part of the scenario the business case reads: its own assumptions,
//! the calculator's discount rate, the Churn page's slice (the churn,
//! customers and margin the case starts from), the join of the survey to
//! the orders, and the language and currency.

use super::state::BusinessAssumptions;
use crate::pages::churn::ChurnSlice;
use crate::pages::clv::ClvAssumptions;
use crate::scenario::Scenario;
use cxi_types::{Currency, Locale};

/// What the page's computation gets instead of the whole scenario.
#[derive(Debug, Clone, Copy)]
pub struct BusinessSlice<'a> {
    pub locale: Locale,
    pub currency: Currency,
    pub business: &'a BusinessAssumptions,
    pub clv: &'a ClvAssumptions,
    /// The base the case improves on: the Churn page's inputs.
    pub churn: ChurnSlice<'a>,
    /// The survey joined to the orders (`None`: no join): it measures the
    /// revenue an NPS point is worth.
    pub linked: Option<&'a cxi_link::Evidence>,
}

impl<'a> BusinessSlice<'a> {
    /// The page's slice of `s`.
    pub fn of(s: &'a Scenario) -> Self {
        BusinessSlice {
            locale: s.locale,
            currency: s.currency,
            business: &s.business,
            clv: &s.clv,
            churn: ChurnSlice::of(s),
            linked: s.linked.as_deref().map(|l| &l.evidence),
        }
    }
}
