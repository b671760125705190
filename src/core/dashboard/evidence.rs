//! What loaded data leaves for the dashboard: each page's evidence, small
//! and serialisable (the scenario, its link and its autosave carry it; the
//! table itself stays in the data session). Computed once when a table
//! validates, in the worker for large data.

use super::super::parse::Dataset;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub value: Option<super::value::ValueEvidence>,
    pub churn: Option<super::churn::ChurnEvidence>,
    pub voice: Option<super::voice::VoiceEvidence>,
    pub drivers: Option<super::drivers::DriversEvidence>,
}

impl Evidence {
    /// Each page's evidence from a validated dataset; a page the dataset
    /// says nothing about gets `None` and runs on assumptions alone.
    pub fn from_dataset(d: &Dataset) -> Evidence {
        Evidence {
            value: super::value::evidence(d),
            churn: super::churn::evidence(d),
            voice: super::voice::evidence(d),
            drivers: super::drivers::evidence(d),
        }
    }
}
