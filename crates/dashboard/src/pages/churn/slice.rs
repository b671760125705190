//! The part of the scenario the Churn page reads: its own assumptions, the
//! CLV calculator's (retention and margin defaults), the churn evidence of
//! loaded data, and the language and currency.

use super::evidence::ChurnEvidence;
use super::state::ChurnAssumptions;
use crate::pages::clv::ClvAssumptions;
use crate::scenario::Scenario;
use cxi_types::{Currency, Locale};

/// What the page's computation gets instead of the whole scenario.
#[derive(Debug, Clone, Copy)]
pub struct ChurnSlice<'a> {
    pub locale: Locale,
    pub currency: Currency,
    pub churn: &'a ChurnAssumptions,
    pub clv: &'a ClvAssumptions,
    /// What loaded data measured for this page (`None`: no data).
    pub evidence: Option<&'a ChurnEvidence>,
}

impl<'a> ChurnSlice<'a> {
    /// The page's slice of `s`.
    pub fn of(s: &'a Scenario) -> Self {
        ChurnSlice {
            locale: s.locale,
            currency: s.currency,
            churn: &s.churn,
            clv: &s.clv,
            evidence: s.evidence().and_then(|e| e.churn.as_deref()),
        }
    }
}
