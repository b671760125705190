//! The Maturity page's part of the scenario: the answers so far.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answers so far: statement id → agreement 1–5.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MaturityAnswers {
    pub answers: BTreeMap<String, u8>,
}

/// Every change the page can make to its answers.
#[derive(Debug, Clone, PartialEq)]
pub enum MaturityAction {
    /// Answer a statement; `None` removes the answer.
    Answer(String, Option<u8>),
    /// Clear every answer.
    Reset,
}

impl MaturityAnswers {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: MaturityAction) {
        match action {
            MaturityAction::Answer(id, Some(v)) => {
                self.answers.insert(id, v);
            }
            MaturityAction::Answer(id, None) => {
                self.answers.remove(&id);
            }
            MaturityAction::Reset => self.answers.clear(),
        }
    }
}
