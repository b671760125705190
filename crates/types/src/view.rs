//! The pages of the app, addressed by the URL hash.

use serde::{Deserialize, Serialize};

/// The page shown, addressed by the URL hash so a static host serves them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Headline cards of every page.
    #[default]
    Overview,
    /// Paste, drop or upload data.
    Data,
    /// Every assumption, editable in one place.
    Assumptions,
    /// Customer lifetime value: closed form, cohort sBG, BG/NBD.
    #[serde(alias = "clv")]
    Value,
    /// Churn and acquisition.
    Churn,
    /// NPS, CSAT and CES linked to revenue.
    #[serde(rename = "nps")]
    Voice,
    Drivers,
    /// The business case.
    Business,
    Maturity,
}

impl View {
    /// In navigation order.
    pub const ALL: [View; 9] = [
        View::Overview,
        View::Data,
        View::Assumptions,
        View::Value,
        View::Churn,
        View::Voice,
        View::Drivers,
        View::Business,
        View::Maturity,
    ];

    /// The hash of the page, `#/value`.
    pub fn hash(self) -> &'static str {
        match self {
            View::Overview => "#/overview",
            View::Data => "#/data",
            View::Assumptions => "#/assumptions",
            View::Value => "#/value",
            View::Churn => "#/churn",
            View::Voice => "#/nps",
            View::Drivers => "#/drivers",
            View::Business => "#/business",
            View::Maturity => "#/maturity",
        }
    }

    /// The page's name in the hash and in DOM ids (`value`).
    pub fn slug(self) -> &'static str {
        self.hash().trim_start_matches("#/")
    }

    /// The page named by a location hash (`#/clv`, the calculator's first
    /// address, still opens Customer value); unknown or empty hashes give
    /// `None`.
    pub fn from_hash(hash: &str) -> Option<View> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '&']).next().unwrap_or("");
        if path == "clv" {
            return Some(View::Value);
        }
        View::ALL.into_iter().find(|v| v.slug() == path)
    }
}
