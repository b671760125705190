//! The CX maturity self-assessment: answers, radar and recommendations.

use super::super::i18n::Locale;
use super::super::parse::Dataset;
use super::super::scenario::Scenario;
use super::assumptions::Group;
use super::Headline;
use serde::{Deserialize, Serialize};

/// The assumptions of this page, part of the scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MaturityAnswers {}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum MaturityAction {}

impl MaturityAnswers {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: MaturityAction) {
        match action {}
    }
}

/// What this page keeps from loaded data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MaturityEvidence {}

/// This page's evidence from a validated dataset, when it says anything
/// the page uses.
pub fn evidence(_d: &Dataset) -> Option<MaturityEvidence> {
    None
}

/// The page's assumptions for the Assumptions page.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "maturity",
        title: match locale {
            Locale::En => "Maturity".into(),
            Locale::Fr => "Maturité".into(),
        },
        fields: Vec::new(),
    }
}

/// The page's headline cards, for the Overview.
pub fn headlines(_s: &Scenario) -> Vec<Headline> {
    Vec::new()
}
