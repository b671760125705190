//! The CX maturity self-assessment: answers, radar and recommendations.
//!
//! The answers live in the scenario, so a link or the autosave keeps them;
//! scoring is [`assess`] over the questionnaire of `data/maturity.json`.

use super::super::i18n::fill;
use super::super::scenario::Scenario;
use super::field::Group;
use crate::i18n::LocaleStrings;
use cxi_models::maturity::assess;
use cxi_models::maturity::questionnaire;
use cxi_models::maturity::MaturityResult;
use cxi_models::maturity::PillarResult;
use cxi_parse::Dataset;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;
use serde::{Deserialize, Serialize};

pub mod state;

pub use state::{MaturityAction, MaturityAnswers};

/// What this page keeps from loaded data: nothing, the assessment is
/// answered on the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MaturityEvidence {}

/// Data says nothing about maturity.
pub fn evidence(_d: &Dataset) -> Option<MaturityEvidence> {
    None
}

/// The answers are typed on the page, not on the Assumptions page.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "maturity",
        title: locale.strings().maturity.nav.into(),
        fields: Vec::new(),
    }
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
    pub result: Option<MaturityResult>,
}

/// The page from the scenario: [`compute_answers`] of its answers.
pub fn compute(s: &Scenario) -> MaturityView {
    compute_answers(&s.maturity, s.locale)
}

/// Scores the answers when they are complete: the page needs nothing else
/// of the scenario.
pub fn compute_answers(a: &MaturityAnswers, locale: Locale) -> MaturityView {
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
    let result = if answered == total {
        assess(&valid, locale).ok()
    } else {
        None
    };
    MaturityView {
        answered,
        total,
        ignored: a.answers.len() - answered,
        result,
    }
}

fn pillar_name(id: &str, locale: Locale) -> String {
    questionnaire()
        .pillars
        .iter()
        .find(|p| p.id == id)
        .map(|p| locale.pick(&p.en, &p.fr).clone())
        .unwrap_or_else(|| id.to_string())
}

/// Name of stage 1–5 in the user's language.
pub fn stage_name(stage: u8, locale: Locale) -> String {
    questionnaire()
        .stages
        .get(usize::from(stage.max(1)) - 1)
        .map(|s| locale.pick(&s.en, &s.fr).clone())
        .unwrap_or_default()
}

/// The pillars to act on first: the lowest stage, then the lowest score
/// among them.
pub fn weakest(r: &MaturityResult) -> Vec<&PillarResult> {
    let Some(min_stage) = r.pillars.iter().map(|p| p.stage).min() else {
        return Vec::new();
    };
    let at: Vec<&PillarResult> = r.pillars.iter().filter(|p| p.stage == min_stage).collect();
    let min_score = at.iter().map(|p| p.score).fold(f64::INFINITY, f64::min);
    at.into_iter()
        .filter(|p| (p.score - min_score).abs() < 1e-9)
        .collect()
}

/// The radar: one spoke per pillar, its score 0–100.
pub fn radar_chart(r: &MaturityResult, locale: Locale) -> ChartSpec {
    let t = locale.strings().maturity;
    let spokes: Vec<String> = r
        .pillars
        .iter()
        .map(|p| pillar_name(&p.pillar, locale))
        .collect();
    let values: Vec<f64> = r
        .pillars
        .iter()
        .map(|p| if p.score.is_finite() { p.score } else { 0.0 })
        .collect();
    let list = spokes
        .iter()
        .zip(&values)
        .map(|(n, v)| format!("{n} {}", format::number(locale, *v, 0)))
        .collect::<Vec<_>>()
        .join(", ");
    ChartSpec {
        id: "maturity-radar".into(),
        title: t.radar_title.into(),
        alt: fill(t.radar_alt, &[("list", &list)]),
        x: Axis::new(t.pillar, AxisFormat::Categories(spokes.clone())),
        y: Axis {
            label: t.score.into(),
            format: AxisFormat::Number,
            range: Some((0.0, 100.0)),
        },
        series: vec![Series {
            name: t.score.into(),
            colour: Colour::Blue,
            mark: Mark::Radar { values },
        }],
        spokes: spokes.clone(),
        table: DataTable {
            headers: vec![t.pillar.into(), t.score.into(), t.stage.into()],
            rows: r
                .pillars
                .iter()
                .zip(&spokes)
                .map(|(p, name)| {
                    vec![
                        Figure::Text(name.clone()),
                        Figure::number(if p.score.is_finite() { p.score } else { 0.0 }, 0),
                        Figure::Text(format!("{} ({}/5)", stage_name(p.stage, locale), p.stage)),
                    ]
                })
                .collect(),
        },
    }
}

/// The Overview card: the overall stage, once the assessment is complete.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let v = compute(s);
    let Some(r) = &v.result else {
        return Vec::new();
    };
    let locale = s.locale;
    let t = locale.strings().maturity;
    let weak = weakest(r)
        .iter()
        .map(|p| pillar_name(&p.pillar, locale))
        .collect::<Vec<_>>()
        .join(", ");
    vec![Headline {
        id: "card-maturity",
        title: t.card_title.into(),
        figure: Figure::Text(format!("{} ({}/5)", r.stage_name, r.stage)),
        interval: None,
        reading: fill(t.card_reading, &[("pillar", &weak)]),
        how: How {
            formula: t.how_formula.into(),
            inputs: r
                .pillars
                .iter()
                .map(|p| (pillar_name(&p.pillar, locale), Figure::number(p.score, 0)))
                .collect(),
            source: t.how_source.into(),
            caveats: t.how_caveats.into(),
        },
        page: View::Maturity,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::reduce;
    use crate::scenario::Action;

    fn answer_all(s: &Scenario, vs: [u8; 5], la: [u8; 5], oc: [u8; 5]) -> Scenario {
        let mut s = s.clone();
        for (prefix, vals) in [("VS", vs), ("LA", la), ("OC", oc)] {
            for (i, v) in vals.iter().enumerate() {
                s = reduce(
                    &s,
                    Action::Maturity(MaturityAction::Answer(
                        format!("{prefix}{}", i + 1),
                        Some(*v),
                    )),
                );
            }
        }
        s
    }

    /// Reference: `core::maturity`'s hand-computed case (vision 5,5,4,4,2 →
    /// stage 4, score 75; leadership stage 2; operations stage 5): the radar
    /// draws exactly the core's scores, and the weakest pillar is leadership.
    #[test]
    fn radar_values_are_the_core_scores() {
        let s = answer_all(
            &Scenario::new(Locale::En),
            [5, 5, 4, 4, 2],
            [4, 4, 3, 5, 5],
            [5, 5, 5, 5, 5],
        );
        let v = compute(&s);
        assert_eq!((v.answered, v.total, v.ignored), (15, 15, 0));
        let r = v.result.unwrap();
        let chart = radar_chart(&r, Locale::En);
        let Mark::Radar { values } = &chart.series[0].mark else {
            panic!()
        };
        let core: Vec<f64> = r.pillars.iter().map(|p| p.score).collect();
        assert_eq!(values, &core);
        cxi_testkit::assert_close!(values[0], 75.0, 1e-12);
        assert_eq!(
            chart.spokes,
            [
                "Vision & strategy",
                "Leadership & alignment",
                "Operational capability"
            ]
        );
        let w = weakest(&r);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].pillar, "leadership_alignment");
        assert_eq!(w[0].actions.len(), 3);
        let cards = headlines(&s);
        assert_eq!(cards[0].figure, Figure::Text("Learning (2/5)".into()));
    }

    #[test]
    fn incomplete_or_foreign_answers_give_no_radar() {
        let mut s = Scenario::new(Locale::Fr);
        s = reduce(
            &s,
            Action::Maturity(MaturityAction::Answer("VS1".into(), Some(4))),
        );
        s.maturity.answers.insert("XX9".into(), 3);
        s.maturity.answers.insert("VS2".into(), 9);
        let v = compute(&s);
        assert_eq!((v.answered, v.ignored), (1, 2));
        assert!(v.result.is_none());
        assert!(headlines(&s).is_empty());
        let s = reduce(
            &s,
            Action::Maturity(MaturityAction::Answer("VS1".into(), None)),
        );
        assert!(!s.maturity.answers.contains_key("VS1"));
        let s = reduce(&s, Action::Maturity(MaturityAction::Reset));
        assert!(s.maturity.answers.is_empty());
        // The answers travel with the scenario.
        let s = answer_all(&s, [3; 5], [3; 5], [3; 5]);
        let json = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back.maturity, s.maturity);
    }
}
