//! Tests of the Drivers page: the computation, then its words.

use super::*;
use crate::data::LoadedData;
use crate::scenario::Scenario;
use cxi_models::drivers::ImportanceMeasure;
use cxi_parse::{Attribute, Categories, Dataset, Survey};
use cxi_types::chart::Mark;
use cxi_types::Locale;

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

const Y: [f64; 8] = [9.0, 7.0, 10.0, 4.0, 8.0, 6.0, 3.0, 9.0];
const X1: [f64; 8] = [5.0, 4.0, 5.0, 2.0, 4.0, 3.0, 1.0, 4.0];
const X2: [f64; 8] = [3.0, 4.0, 4.0, 2.0, 5.0, 2.0, 3.0, 5.0];

fn scenario_with(ev: Option<DriversEvidence>) -> Scenario {
    let mut s = Scenario::new(Locale::En);
    // Any loaded table will do: only its evidence is read.
    use crate::data::Sample;
    let mut d: LoadedData = Sample::Retail.open(Locale::En).unwrap().loaded().unwrap();
    d.evidence.drivers = ev.map(std::sync::Arc::new);
    s.tables = vec![d];
    s
}

fn survey() -> Dataset {
    let col = |v: &[f64]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    Dataset::Survey(Survey {
        nps: Some(col(&Y)),
        attributes: vec![
            Attribute {
                name: "Delivery".into(),
                values: col(&X1),
            },
            Attribute {
                name: "Price".into(),
                values: col(&X2),
            },
        ],
        segment: Some(Categories {
            labels: vec!["A".into(), "B".into()],
            codes: vec![0, 1, 0, 1, 0, 1, 0, 1],
        }),
        rows: (2..10).collect(),
        ..Survey::default()
    })
}

/// Reference: hand-derived two-predictor regression. With r₁, r₂ the
/// correlations of each attribute with the outcome and r₁₂ between them,
/// `R² = (r₁² + r₂² − 2 r₁ r₂ r₁₂)/(1 − r₁₂²)` and the Shapley/LMG share
/// `φ₁ = (r₁² + R² − r₂²)/2` (Grömping 2006, section 3); performance is
/// the mean rating: 28/8 = 3.5 and 28/8 = 3.5.
#[test]
fn two_attribute_regression_hand_computed() {
    let ev = evidence(&survey()).unwrap();
    assert_eq!(ev.outcome, Outcome::Nps);
    assert_eq!(ev.results.len(), 3);
    let (r1, r2, r12) = (pearson(&Y, &X1), pearson(&Y, &X2), pearson(&X1, &X2));
    let r2_full = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
    let phi1 = (r1 * r1 + r2_full - r2 * r2) / 2.0;
    let mut s = scenario_with(Some(ev));
    s.drivers.measure = ImportanceMeasure::Shapley;
    let DriversView::Ready(r) = compute(&s) else {
        panic!()
    };
    cxi_testkit::assert_close!(r.analysis.r2, r2_full, 1e-10);
    let p = &r.quadrant.points;
    cxi_testkit::assert_close!(p[0].importance, 100.0 * phi1 / r2_full, 1e-8);
    cxi_testkit::assert_close!(p[0].importance + p[1].importance, 100.0, 1e-9);
    cxi_testkit::assert_close!(p[0].performance, 3.5, 1e-12);
    cxi_testkit::assert_close!(p[1].performance, 3.5, 1e-12);
    // Cut lines at the means of both axes.
    let chart = r.quadrant_chart(Locale::En);
    let rules: Vec<&Mark> = chart
        .series
        .iter()
        .map(|s| &s.mark)
        .filter(|m| matches!(m, Mark::Rule { .. }))
        .collect();
    assert_eq!(
        rules[0],
        &Mark::Rule {
            x: Some(50.0),
            y: None
        }
    );
    assert_eq!(
        rules[1],
        &Mark::Rule {
            x: None,
            y: Some(3.5)
        }
    );
    // Bars largest first, horizontal.
    let bars = r.importance_chart(Locale::Fr);
    let Mark::Bars {
        spans, horizontal, ..
    } = &bars.series[0].mark
    else {
        panic!()
    };
    assert!(*horizontal && spans[0].1 >= spans[1].1);
    // Relative weights also share 100 %.
    s.drivers.measure = ImportanceMeasure::RelativeWeight;
    let DriversView::Ready(r) = compute(&s) else {
        panic!()
    };
    let total: f64 = r.quadrant.points.iter().map(|p| p.importance).sum();
    cxi_testkit::assert_close!(total, 100.0, 1e-9);
}

#[test]
fn segments_and_refusals_are_kept() {
    let ev = evidence(&survey()).unwrap();
    // Four rows per segment, two attributes: the core refuses or runs,
    // either way the page says which.
    let mut s = scenario_with(Some(ev));
    s.segment = Some("B".into());
    match compute(&s) {
        DriversView::Ready(r) => assert_eq!(r.segment.as_deref(), Some("B")),
        DriversView::Refused(why) => {
            assert!(why
                .sentence(Locale::En)
                .starts_with("The loaded data cannot"))
        }
        DriversView::NeedsData => panic!(),
    }
    assert_eq!(compute(&scenario_with(None)), DriversView::NeedsData);
    assert_eq!(compute(&Scenario::new(Locale::Fr)), DriversView::NeedsData);
}

#[test]
fn subscription_sample_ranks_product_quality_first() {
    use crate::data::Sample;
    for l in Locale::ALL {
        let loaded = Sample::Subscription.open(l).unwrap().loaded().unwrap();
        let ev = loaded.evidence.drivers.clone().unwrap();
        assert_eq!(ev.results.len(), 4);
        let mut s = Scenario::new(l);
        s.tables = vec![loaded];
        let DriversView::Ready(r) = compute(&s) else {
            panic!()
        };
        assert_eq!(r.analysis.attributes.len(), 4);
        // The sample's ratings load 0.8, 0.6, 0.5, 0.3 on satisfaction.
        let ranked = r.ranked();
        assert_eq!(ranked[0].0, 0);
        assert_eq!(ranked[3].0, 3);
        let json = serde_json::to_string(&ev).unwrap();
        assert!(json.len() < 8000, "{}", json.len());
    }
}

/// A result with no analysis is a typed refusal, its reason kept as the
/// evidence recorded it; no language is involved.
#[test]
fn refusals_are_typed_without_a_language() {
    let refused = |segment: Option<&str>, error: Option<&str>| DriversResult {
        segment: segment.map(String::from),
        analysis: None,
        error: error.map(String::from),
    };
    let ev = DriversEvidence {
        outcome: Outcome::Csat,
        results: vec![
            refused(None, Some("too few complete rows: 3")),
            refused(Some("B"), None),
        ],
    };
    let a = DriversAssumptions::default();
    assert_eq!(
        compute_slice(Some(&ev), None, &a),
        DriversView::Refused(Refusal::Core("too few complete rows: 3".into()))
    );
    assert_eq!(
        compute_slice(Some(&ev), Some("B"), &a),
        DriversView::Refused(Refusal::Unexplained)
    );
    // An unknown segment falls back to all rows.
    assert_eq!(
        compute_slice(Some(&ev), Some("Z"), &a),
        DriversView::Refused(Refusal::Core("too few complete rows: 3".into()))
    );
    let empty = DriversEvidence {
        outcome: Outcome::Nps,
        results: Vec::new(),
    };
    assert_eq!(
        compute_slice(Some(&empty), None, &a),
        DriversView::NeedsData
    );
    assert_eq!(compute_slice(None, None, &a), DriversView::NeedsData);
}

/// Hand-built refusals read as the exact sentences, in both languages.
#[test]
fn refusals_in_english_and_french() {
    let why = Refusal::Core("too few complete rows: 3".into());
    assert_eq!(
        why.sentence(Locale::En),
        "The loaded data cannot be analysed: too few complete rows: 3"
    );
    assert_eq!(
        why.sentence(Locale::Fr),
        "Les données chargées ne peuvent pas être analysées : too few complete rows: 3"
    );
    assert_eq!(
        Refusal::Unexplained.sentence(Locale::En),
        "The loaded data cannot be analysed: "
    );
    assert_eq!(
        Refusal::Unexplained.sentence(Locale::Fr),
        "Les données chargées ne peuvent pas être analysées : "
    );
}
