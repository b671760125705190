//! The maturity page's computation: the answers scored as pillar ids,
//! stages and scores (no language: `words` names them).

use super::state::MaturityAnswers;
use crate::scenario::Scenario;
use cxi_models::maturity::questionnaire;
use cxi_models::maturity::score;
use cxi_models::maturity::{Assessment, PillarScore};
use cxi_parse::Dataset;
use serde::{Deserialize, Serialize};

/// What this page keeps from loaded data: nothing, the assessment is
/// answered on the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MaturityEvidence {}

/// Data says nothing about maturity.
pub fn evidence(_d: &Dataset) -> Option<MaturityEvidence> {
    None
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MaturityView {
    /// Valid answers to statements of the questionnaire.
    pub answered: usize,
    pub total: usize,
    /// Answers naming no statement, or out of the scale (from an edited
    /// or older link): left out.
    pub ignored: usize,
    /// The assessment once every statement is answered.
    pub result: Option<Assessment>,
}

/// The page from the scenario: [`compute_answers`] of its answers.
pub fn compute(s: &Scenario) -> MaturityView {
    compute_answers(&s.maturity)
}

/// Scores the answers when they are complete: the page needs nothing else
/// of the scenario.
pub fn compute_answers(a: &MaturityAnswers) -> MaturityView {
    let q = questionnaire();
    let known = |id: &str| {
        q.pillars
            .iter()
            .any(|p| p.statements.iter().any(|st| st.id == id))
    };
    let valid: Vec<(&str, f64)> = a
        .answers
        .iter()
        .filter(|(id, v)| known(id) && (q.scale.min..=q.scale.max).contains(*v))
        .map(|(id, v)| (id.as_str(), f64::from(*v)))
        .collect();
    let total = q.pillars.iter().map(|p| p.statements.len()).sum();
    let answered = valid.len();
    let result = (answered == total).then(|| score(&valid).ok()).flatten();
    MaturityView {
        answered,
        total,
        ignored: a.answers.len() - answered,
        result,
    }
}

/// The pillars to act on first: the lowest stage, then the lowest score
/// among them.
pub fn weakest(r: &Assessment) -> Vec<&PillarScore> {
    let Some(min_stage) = r.pillars.iter().map(|p| p.stage).min() else {
        return Vec::new();
    };
    let at: Vec<&PillarScore> = r.pillars.iter().filter(|p| p.stage == min_stage).collect();
    let min_score = at.iter().map(|p| p.score).fold(f64::INFINITY, f64::min);
    at.into_iter()
        .filter(|p| (p.score - min_score).abs() < 1e-9)
        .collect()
}
