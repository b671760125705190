//! The business case: cash flows, NPV, ROI, payback, tornado, Monte-Carlo band, scenarios side by side.

use super::super::i18n::Locale;
use super::super::parse::Dataset;
use super::super::scenario::Scenario;
use super::assumptions::Group;
use super::Headline;
use serde::{Deserialize, Serialize};

/// The assumptions of this page, part of the scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessAssumptions {}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum BusinessAction {}

impl BusinessAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: BusinessAction) {
        match action {}
    }
}

/// What this page keeps from loaded data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BusinessEvidence {}

/// This page's evidence from a validated dataset, when it says anything
/// the page uses.
pub fn evidence(_d: &Dataset) -> Option<BusinessEvidence> {
    None
}

/// The page's assumptions for the Assumptions page.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "business",
        title: match locale {
            Locale::En => "Business case".into(),
            Locale::Fr => "Business case".into(),
        },
        fields: Vec::new(),
    }
}

/// The page's headline cards, for the Overview.
pub fn headlines(_s: &Scenario) -> Vec<Headline> {
    Vec::new()
}
