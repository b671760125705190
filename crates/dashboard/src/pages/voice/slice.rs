//! The part of the scenario the NPS → revenue page reads: its own
//! assumptions, the CLV calculator's (retention, margin, discount rate),
//! the segment chosen, the voice evidence of loaded data, the join of the
//! survey to the orders, and the language
//! and currency.

use super::evidence::VoiceEvidence;
use super::state::VoiceAssumptions;
use crate::pages::clv::ClvAssumptions;
use crate::scenario::Scenario;
use cxi_types::{Currency, Locale};

/// What the page's computation gets instead of the whole scenario.
#[derive(Debug, Clone, Copy)]
pub struct VoiceSlice<'a> {
    pub locale: Locale,
    pub currency: Currency,
    pub voice: &'a VoiceAssumptions,
    pub clv: &'a ClvAssumptions,
    /// The segment chosen on the page (`None`: all customers).
    pub segment: &'a Option<String>,
    /// What loaded data left for this page (`None`: no data).
    pub evidence: Option<&'a VoiceEvidence>,
    /// The survey joined to the orders (`None`: no join).
    pub linked: Option<&'a cxi_link::Evidence>,
}

impl<'a> VoiceSlice<'a> {
    /// The page's slice of `s`.
    pub fn of(s: &'a Scenario) -> Self {
        VoiceSlice {
            locale: s.locale,
            currency: s.currency,
            voice: &s.voice,
            clv: &s.clv,
            segment: &s.segment,
            evidence: s.evidence_of(|e| e.voice.as_deref()),
            linked: s.linked.as_deref().map(|l| &l.evidence),
        }
    }
}
