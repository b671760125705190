//! The part of the scenario the Customer value page reads: its own
//! assumptions, the closed-form calculator's, the segment chosen, the value
//! evidence of loaded data, and the language and currency.

use super::evidence::ValueEvidence;
use super::state::ValueAssumptions;
use crate::pages::clv::ClvAssumptions;
use crate::scenario::Scenario;
use cxi_types::{Currency, Locale};

/// What the page's computation gets instead of the whole scenario.
#[derive(Debug, Clone, Copy)]
pub struct ValueSlice<'a> {
    pub locale: Locale,
    pub currency: Currency,
    pub value: &'a ValueAssumptions,
    pub clv: &'a ClvAssumptions,
    /// The segment chosen (`None`: all customers).
    pub segment: &'a Option<String>,
    /// What loaded data left for this page (`None`: no data).
    pub evidence: Option<&'a ValueEvidence>,
}

impl<'a> ValueSlice<'a> {
    /// The page's slice of `s`.
    pub fn of(s: &'a Scenario) -> Self {
        ValueSlice {
            locale: s.locale,
            currency: s.currency,
            value: &s.value,
            clv: &s.clv,
            segment: &s.segment,
            evidence: s.evidence_of(|e| e.value.as_deref()),
        }
    }
}
