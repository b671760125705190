//! Tests of the Maturity page: the scores, then their words.

use super::*;
use crate::scenario::reduce;
use crate::scenario::Action;
use crate::scenario::Scenario;
use cxi_types::chart::Mark;
use cxi_types::Figure;
use cxi_types::Locale;

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
    assert_eq!(next_actions(w[0], Locale::En).len(), 3);
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

/// Reference: `core::maturity`'s hand-computed case. Vision 5,5,4,4,2:
/// stages 1–4 agreed, score 100 × (4 − 1)/4 = 75. Leadership 4,4,3,5,5:
/// stage 2 (the third is not agreed), score 100 × (4.2 − 1)/4 = 80.
/// Operations all 5: stage 5, score 100. Overall: stage 2, score 85. The
/// view holds ids and numbers only: no language goes in.
#[test]
fn assessment_is_numbers_without_a_language() {
    let mut a = MaturityAnswers::default();
    for (prefix, vals) in [
        ("VS", [5, 5, 4, 4, 2]),
        ("LA", [4, 4, 3, 5, 5]),
        ("OC", [5, 5, 5, 5, 5]),
    ] {
        for (i, v) in vals.into_iter().enumerate() {
            a.apply(MaturityAction::Answer(
                format!("{prefix}{}", i + 1),
                Some(v),
            ));
        }
    }
    let r = compute_answers(&a).result.unwrap();
    let got: Vec<(&str, u8)> = r
        .pillars
        .iter()
        .map(|p| (p.pillar.as_str(), p.stage))
        .collect();
    assert_eq!(
        got,
        [
            ("vision_strategy", 4),
            ("leadership_alignment", 2),
            ("operational_capability", 5)
        ]
    );
    for (p, want) in r.pillars.iter().zip([75.0, 80.0, 100.0]) {
        cxi_testkit::assert_close!(p.score, want, 1e-9);
    }
    assert_eq!(r.stage, 2);
    cxi_testkit::assert_close!(r.score, 85.0, 1e-9);
}

/// Words from a hand-built assessment: the card's figure, reading and
/// inputs, and the next actions, exactly, in English and French.
#[test]
fn card_and_actions_in_english_and_french() {
    let pillar = |id: &str, score: f64, stage: u8| PillarScore {
        pillar: id.into(),
        score,
        stage,
    };
    let r = Assessment {
        pillars: vec![
            pillar("vision_strategy", 50.0, 3),
            pillar("leadership_alignment", 25.0, 1),
            pillar("operational_capability", 25.0, 1),
        ],
        stage: 1,
        score: 100.0 / 3.0,
    };
    let en = headline_of(&r, Locale::En);
    assert_eq!(en.figure, Figure::Text("Awareness (1/5)".into()));
    assert_eq!(
        en.reading,
        "Act first on Leadership & alignment, Operational capability."
    );
    assert_eq!(en.how.inputs[0].0, "Vision & strategy");
    assert_eq!(en.how.inputs[0].1, Figure::number(50.0, 0));
    let fr = headline_of(&r, Locale::Fr);
    assert_eq!(fr.figure, Figure::Text("Prise de conscience (1/5)".into()));
    assert_eq!(
        fr.reading,
        "Agir d'abord sur Leadership et alignement, Capacité opérationnelle."
    );
    assert_eq!(stage_name(4, Locale::Fr), "Accélération");
    let lead = &r.pillars[1];
    let actions = next_actions(lead, Locale::Fr);
    assert_eq!(actions.len(), 3);
    assert_eq!(
        actions[0],
        "Partager chaque mois des verbatims clients avec le comité de direction."
    );
    // A pillar the questionnaire does not have keeps its id and has no
    // actions.
    let unknown = pillar("xx", 0.0, 1);
    assert_eq!(pillar_name(&unknown.pillar, Locale::En), "xx");
    assert!(next_actions(&unknown, Locale::En).is_empty());
}
