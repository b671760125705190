//! CX maturity self-assessment: five stages (awareness, learning, engagement,
//! acceleration, excellence) across three pillars (vision & strategy,
//! leadership & alignment, operational capability).
//!
//! The questionnaire (15 statements, one per pillar and stage, in French and
//! English) and the recommended actions live in `data/maturity.json`, embedded
//! at compile time, so wording can change without touching code.
//!
//! Scoring: answers are agreement on 1–5. A pillar reaches stage k when every
//! statement of stages 1..=k is agreed (answer ≥ 4); it is never below the
//! first stage. The pillar score is the mean answer rescaled to 0–100. The
//! overall stage is the lowest pillar stage: a stage is reached only when
//! every pillar reaches it.

#![warn(missing_docs)]

use cxi_types::Locale;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const DATA: &str = include_str!("data/maturity.json");

/// Text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    /// English text.
    pub en: String,
    /// French text.
    pub fr: String,
}

impl Bilingual {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        locale.pick(&self.en, &self.fr)
    }
}

/// The answer scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerScale {
    /// Lowest answer (strongly disagree).
    pub min: u8,
    /// Highest answer (strongly agree).
    pub max: u8,
    /// Answers at or above this count as agreement.
    pub agree_from: u8,
    /// English labels of the answers, lowest first.
    pub en: Vec<String>,
    /// French labels of the answers, lowest first.
    pub fr: Vec<String>,
}

/// One stage of the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDef {
    /// Stable identifier (`awareness`…).
    pub id: String,
    /// English name.
    pub en: String,
    /// French name.
    pub fr: String,
}

/// One statement of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable identifier (`VS1`…`OC5`), used in answer files.
    pub id: String,
    /// Stage (1–5) whose practice the statement describes.
    pub stage: u8,
    /// English wording.
    pub en: String,
    /// French wording.
    pub fr: String,
}

/// The three next actions for a pillar at a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSet {
    /// Stage (1–5) the actions lead on from.
    pub stage: u8,
    /// Three actions in English.
    pub en: Vec<String>,
    /// Three actions in French.
    pub fr: Vec<String>,
}

/// One pillar with its statements and actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pillar {
    /// Stable identifier (`vision_strategy`…).
    pub id: String,
    /// English name.
    pub en: String,
    /// French name.
    pub fr: String,
    /// Five statements, one per stage.
    pub statements: Vec<Statement>,
    /// Next actions for each stage.
    pub actions: Vec<ActionSet>,
}

/// The whole questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// The answer scale.
    pub scale: AnswerScale,
    /// The five stages, in order.
    pub stages: Vec<StageDef>,
    /// The three pillars.
    pub pillars: Vec<Pillar>,
}

/// The embedded questionnaire, parsed once.
pub fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    // The file is part of the build and checked by the tests below.
    Q.get_or_init(|| serde_json::from_str(DATA).expect("embedded maturity.json is valid"))
}

/// Why a set of answers was refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum MaturityError {
    /// A statement id that is not in the questionnaire.
    UnknownStatement(String),
    /// An answer outside the scale.
    AnswerOutOfRange {
        id: String,
        value: f64,
        min: u8,
        max: u8,
    },
    /// A statement was not answered.
    Missing(String),
    /// A statement answered twice.
    Duplicate(String),
}

impl fmt::Display for MaturityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaturityError::UnknownStatement(id) => {
                write!(f, "statement `{id}` is not in the questionnaire")
            }
            MaturityError::AnswerOutOfRange {
                id,
                value,
                min,
                max,
            } => write!(
                f,
                "statement `{id}`: answer must be a whole number from {min} to {max}: got {value}"
            ),
            MaturityError::Missing(id) => write!(f, "statement `{id}` has no answer"),
            MaturityError::Duplicate(id) => write!(f, "statement `{id}` is answered twice"),
        }
    }
}

impl std::error::Error for MaturityError {}

/// Result for one pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarResult {
    /// Pillar identifier.
    pub pillar: String,
    /// Mean answer rescaled to 0–100: `100 (mean − min)/(max − min)`.
    pub score: f64,
    /// Stage reached, 1–5.
    pub stage: u8,
    /// Stage identifier (`awareness`…).
    pub stage_id: String,
    /// The three recommended next actions, in the requested language.
    pub actions: Vec<String>,
}

/// Result of the self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaturityResult {
    /// One result per pillar, in questionnaire order.
    pub pillars: Vec<PillarResult>,
    /// Lowest pillar stage, 1–5.
    pub stage: u8,
    /// Stage identifier (`awareness`…).
    pub stage_id: String,
    /// Stage name in the requested language.
    pub stage_name: String,
    /// Mean of the pillar scores, 0–100.
    pub score: f64,
}

/// One pillar's standing, as numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarScore {
    /// Pillar identifier in the questionnaire (`vision_strategy`…).
    pub pillar: String,
    /// Mean answer rescaled to 0–100: `100 (mean − min)/(max − min)`.
    pub score: f64,
    /// Stage reached, 1–5.
    pub stage: u8,
}

/// The self-assessment as numbers: [`assess`] adds the names and actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// One per pillar, in questionnaire order.
    pub pillars: Vec<PillarScore>,
    /// Overall stage 1–5: the lowest pillar stage.
    pub stage: u8,
    /// Mean of the pillar scores, 0–100.
    pub score: f64,
}

/// Scores a full set of answers `(statement id, answer)`: stages and scores
/// only, in no language.
pub fn score(answers: &[(&str, f64)]) -> Result<Assessment, MaturityError> {
    let q = questionnaire();
    let mut given: HashMap<&str, f64> = HashMap::new();
    for &(id, value) in answers {
        let id = id.trim();
        if !q
            .pillars
            .iter()
            .any(|p| p.statements.iter().any(|s| s.id == id))
        {
            return Err(MaturityError::UnknownStatement(id.to_string()));
        }
        if !(value >= q.scale.min as f64 && value <= q.scale.max as f64 && value.fract() == 0.0) {
            return Err(MaturityError::AnswerOutOfRange {
                id: id.to_string(),
                value,
                min: q.scale.min,
                max: q.scale.max,
            });
        }
        if given.insert(id, value).is_some() {
            return Err(MaturityError::Duplicate(id.to_string()));
        }
    }
    let span = (q.scale.max - q.scale.min) as f64;
    let mut pillars = Vec::new();
    for p in &q.pillars {
        let mut statements: Vec<&Statement> = p.statements.iter().collect();
        statements.sort_by_key(|s| s.stage);
        let mut values = Vec::new();
        for s in &statements {
            values.push(
                *given
                    .get(s.id.as_str())
                    .ok_or_else(|| MaturityError::Missing(s.id.clone()))?,
            );
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let mut stage = 1u8;
        for (s, &v) in statements.iter().zip(&values) {
            if v >= q.scale.agree_from as f64 {
                stage = stage.max(s.stage);
            } else {
                break;
            }
        }
        pillars.push(PillarScore {
            pillar: p.id.clone(),
            score: 100.0 * (mean - q.scale.min as f64) / span,
            stage,
        });
    }
    let stage = pillars.iter().map(|p| p.stage).min().unwrap_or(1);
    Ok(Assessment {
        score: pillars.iter().map(|p| p.score).sum::<f64>() / pillars.len().max(1) as f64,
        stage,
        pillars,
    })
}

/// Scores a full set of answers `(statement id, answer)` ([`score`]) and
/// adds the stage's name and each pillar's next actions in `locale`, from
/// the questionnaire's own bilingual text (the `cxi maturity` report).
pub fn assess(answers: &[(&str, f64)], locale: Locale) -> Result<MaturityResult, MaturityError> {
    let q = questionnaire();
    let a = score(answers)?;
    let pillars = a
        .pillars
        .into_iter()
        .zip(&q.pillars)
        .map(|(s, p)| PillarResult {
            actions: p
                .actions
                .iter()
                .find(|x| x.stage == s.stage)
                .map(|x| locale.pick(&x.en, &x.fr).clone())
                .unwrap_or_default(),
            stage_id: q.stages[(s.stage - 1) as usize].id.clone(),
            pillar: s.pillar,
            score: s.score,
            stage: s.stage,
        })
        .collect();
    let def = &q.stages[(a.stage - 1) as usize];
    Ok(MaturityResult {
        score: a.score,
        stage: a.stage,
        stage_id: def.id.clone(),
        stage_name: locale.pick(&def.en, &def.fr).clone(),
        pillars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// The data file is complete: 5 stages, 3 pillars, 15 statements (one per
    /// pillar and stage, unique ids), three actions per pillar and stage in
    /// both languages, no empty text.
    #[test]
    fn questionnaire_is_complete() {
        let q = questionnaire();
        assert_eq!(
            q.stages.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            [
                "awareness",
                "learning",
                "engagement",
                "acceleration",
                "excellence"
            ]
        );
        assert_eq!(q.pillars.len(), 3);
        let mut ids = std::collections::HashSet::new();
        for p in &q.pillars {
            let mut stages: Vec<u8> = p.statements.iter().map(|s| s.stage).collect();
            stages.sort();
            assert_eq!(stages, vec![1, 2, 3, 4, 5], "{}", p.id);
            for s in &p.statements {
                assert!(ids.insert(s.id.clone()), "duplicate {}", s.id);
                assert!(!s.en.is_empty() && !s.fr.is_empty());
            }
            for stage in 1..=5 {
                let a = p.actions.iter().find(|a| a.stage == stage).unwrap();
                assert_eq!(a.en.len(), 3, "{} {stage}", p.id);
                assert_eq!(a.fr.len(), 3, "{} {stage}", p.id);
            }
        }
        assert_eq!(ids.len(), 15);
        assert_eq!(q.scale.en.len(), 5);
        assert_eq!(q.scale.fr.len(), 5);
    }

    fn answers(vs: [f64; 5], la: [f64; 5], oc: [f64; 5]) -> Vec<(String, f64)> {
        let mut out = vec![];
        for (prefix, vals) in [("VS", vs), ("LA", la), ("OC", oc)] {
            for (i, v) in vals.iter().enumerate() {
                out.push((format!("{prefix}{}", i + 1), *v));
            }
        }
        out
    }

    fn run(a: &[(String, f64)], locale: Locale) -> Result<MaturityResult, MaturityError> {
        let refs: Vec<(&str, f64)> = a.iter().map(|(i, v)| (i.as_str(), *v)).collect();
        assess(&refs, locale)
    }

    /// Reference: hand computation. Vision agrees up to stage 4 (answers
    /// 5,5,4,4,2): stage 4, score 100·(4 − 1)/4 = 75. Leadership agrees to
    /// stage 2 only: stage 2. Operations agrees with everything: stage 5.
    /// Overall = the lowest = 2 (learning).
    #[test]
    fn overall_is_the_weakest_pillar() {
        let a = answers(
            [5.0, 5.0, 4.0, 4.0, 2.0],
            [4.0, 4.0, 3.0, 5.0, 5.0],
            [5.0, 5.0, 5.0, 5.0, 5.0],
        );
        let r = run(&a, Locale::En).unwrap();
        assert_eq!(r.pillars[0].stage, 4);
        assert_close!(r.pillars[0].score, 75.0, 1e-12);
        assert_eq!(r.pillars[1].stage, 2);
        assert_eq!(r.pillars[2].stage, 5);
        assert_eq!(r.stage, 2);
        assert_eq!(r.stage_id, "learning");
        assert_eq!(r.stage_name, "Learning");
        assert_eq!(r.pillars[1].actions.len(), 3);
        let fr = run(&a, Locale::Fr).unwrap();
        assert_eq!(fr.stage_name, "Apprentissage");
        assert_ne!(fr.pillars[0].actions, r.pillars[0].actions);
    }

    /// A pillar that disagrees with its first statement stays at awareness.
    #[test]
    fn floor_is_awareness() {
        let a = answers([1.0; 5], [1.0; 5], [1.0; 5]);
        let r = run(&a, Locale::En).unwrap();
        assert_eq!(r.stage, 1);
        assert_eq!(r.score, 0.0);
    }

    #[test]
    fn refusals() {
        let mut a = answers([3.0; 5], [3.0; 5], [3.0; 5]);
        a.pop();
        assert_eq!(
            run(&a, Locale::En),
            Err(MaturityError::Missing("OC5".into()))
        );
        a.push(("OC5".into(), 6.0));
        assert_eq!(
            run(&a, Locale::En).unwrap_err().to_string(),
            "statement `OC5`: answer must be a whole number from 1 to 5: got 6"
        );
        a.pop();
        a.push(("XX9".into(), 3.0));
        assert_eq!(
            run(&a, Locale::En),
            Err(MaturityError::UnknownStatement("XX9".into()))
        );
        a.pop();
        a.push(("OC4".into(), 3.0));
        assert_eq!(
            run(&a, Locale::En),
            Err(MaturityError::Duplicate("OC4".into()))
        );
    }
}
