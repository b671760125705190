//! The CX maturity self-assessment: answers, radar and recommendations.
//!
//! The answers live in the scenario, so a link or the autosave keeps them;
//! scoring is [`score`] over the questionnaire of `data/maturity.json`.
//! This module scores, as pillar ids, stages and scores; `words` names the
//! pillars and stages and writes the radar, card and next steps.

pub use cxi_models::maturity::{Assessment, PillarScore};

mod compute;
pub mod state;
#[cfg(test)]
mod tests;
mod words;

pub use compute::*;
pub use state::{MaturityAction, MaturityAnswers};
pub use words::{
    fields, headline_of, headlines, next_actions, pillar_name, radar_chart, stage_name,
};
