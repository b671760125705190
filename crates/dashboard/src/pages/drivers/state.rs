//! The Drivers page's part of the scenario: the importance measure shown.

use cxi_models::drivers::ImportanceMeasure;
use serde::{Deserialize, Serialize};
/// The assumptions of this page, part of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DriversAssumptions {
    /// Which decomposition places the attributes.
    pub measure: ImportanceMeasure,
}

impl Default for DriversAssumptions {
    fn default() -> Self {
        // Johnson's weights exist for any number of attributes; Shapley/LMG
        // is skipped above 16 (2^p regressions).
        DriversAssumptions {
            measure: ImportanceMeasure::RelativeWeight,
        }
    }
}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum DriversAction {
    SetMeasure(ImportanceMeasure),
}

impl DriversAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: DriversAction) {
        match action {
            DriversAction::SetMeasure(m) => self.measure = m,
        }
    }
}
