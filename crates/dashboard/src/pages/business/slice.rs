//! The part of the scenario the business case reads: its own assumptions,
//! the calculator's discount rate, the Churn page's slice (the churn,
//! customers and margin the case starts from), and the language and
//! currency.

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
        }
    }
}
