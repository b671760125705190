//! The part of the scenario the Churn page reads: its own assumptions, the
//! CLV calculator's (retention and margin defaults), the churn evidence of
//! loaded data, and the language and currency.

use super::evidence::ChurnEvidence;
use super::state::channels_now;
use super::state::ChurnAssumptions;
use crate::pages::clv::ClvAssumptions;
use crate::scenario::Scenario;
use cxi_models::acquisition::Channel;
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
            evidence: s.evidence_of(|e| e.churn.as_deref()),
        }
    }

    /// The channels in effect: typed, measured, or the illustrative mix,
    /// whose names are in the scenario's language (they are data the user
    /// edits once the list is copied into the scenario, not wording).
    pub fn channels_now(&self) -> Vec<Channel> {
        channels_now(self.churn, self.evidence, self.locale)
    }
}
