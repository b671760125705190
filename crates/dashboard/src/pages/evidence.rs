//! What loaded data leaves for the dashboard: each page's evidence, small
//! and serialisable (the scenario, its link and its autosave carry it; the
//! table itself stays in the data session). Computed once when a table
//! validates, in the worker for large data.

use cxi_parse::Dataset;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Each page's evidence, shared (`Arc`): the scenario is cloned on every
/// action and each page's props hold its part, neither copies the fits.
/// The JSON form is the plain structs' (serde's `rc` feature).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub value: Option<Arc<super::value::evidence::ValueEvidence>>,
    pub churn: Option<Arc<super::churn::evidence::ChurnEvidence>>,
    pub voice: Option<Arc<super::voice::evidence::VoiceEvidence>>,
    pub drivers: Option<Arc<super::drivers::evidence::DriversEvidence>>,
}

impl Evidence {
    /// Each page's evidence from a validated dataset; a page the dataset
    /// says nothing about gets `None` and runs on assumptions alone.
    pub fn from_dataset(d: &Dataset) -> Evidence {
        Evidence {
            value: super::value::evidence::evidence(d).map(Arc::new),
            churn: super::churn::evidence::evidence(d).map(Arc::new),
            voice: super::voice::evidence::evidence(d).map(Arc::new),
            drivers: super::drivers::evidence::evidence(d).map(Arc::new),
        }
    }
}
