//! The holdout check: built in the evidence, equal to the models crate's
//! own evaluation, refused with a typed reason, worded, and read from old
//! evidence.

use super::evidence::{FitFailure, ValueEvidence};
use super::holdout::{
    default_end, holdout_check, log_span, thin, FrequencyCount, HoldoutFigures, HoldoutRefusal,
};
use super::holdout_page::{holdout_numbers, holdout_request, HoldoutProblem};
use super::state::ValueAssumptions;
use super::words::verdict;
use crate::data::{Sample, Session};
use chrono::NaiveDate;
use cxi_models::bgnbd;
use cxi_models::holdout::{evaluate, split};
use cxi_models::rfm::{Day, TimeConvention, Transaction};
use cxi_parse::{Dataset, Transactions};
use cxi_types::period::PeriodUnit;
use cxi_types::Locale;

fn retail() -> Session {
    Sample::Retail
        .open(Locale::En)
        .expect("the retail sample opens")
}

fn transactions(s: &Session) -> &Transactions {
    match &s.validation().expect("the sample validates").dataset {
        Dataset::Transactions(t) => t,
        other => panic!("the retail sample is a transaction log, not {other:?}"),
    }
}

fn value_evidence(s: &Session) -> ValueEvidence {
    let e = s.evidence().expect("evidence");
    (*e.value.expect("value evidence")).clone()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The retail sample's evidence holds the default check, and its totals
/// are `cxi_models::holdout::evaluate` on the same split and fit.
#[test]
fn retail_holdout_matches_the_models_evaluation() {
    let s = retail();
    let t = transactions(&s);
    let check = value_evidence(&s).holdout.expect("a holdout check");
    let f = check.figures.as_ref().expect("the default check is done");
    assert!(check.refused.is_none(), "{:?}", check.refused);
    assert!(f.default_end);
    let span = log_span(t).unwrap();
    assert_eq!(f.calibration_end, default_end(span));
    assert_eq!(f.holdout_end, span.last);
    let rows: Vec<Transaction<u32>> = (0..t.customer.len())
        .map(|i| Transaction {
            customer: t.customer[i],
            day: Day::from(t.date[i]),
            amount: t.amount[i],
        })
        .collect();
    let data = split(
        &rows,
        f.unit,
        TimeConvention::Days,
        Day::from(f.calibration_end),
        None,
    )
    .unwrap();
    let fit = bgnbd::fit(&data.calibration).unwrap();
    let report = evaluate(&fit.params, &data).unwrap();
    assert_eq!(f.actual_total, report.actual_total);
    assert_eq!(f.predicted_total, report.predicted_total);
    assert_eq!(f.mae, report.mae);
    assert_eq!(f.bias, report.bias);
    assert_eq!(f.customers, data.calibration.len());
    assert_eq!(f.holdout_length, data.holdout_length);
    assert_eq!(f.by_frequency.len(), report.by_frequency.len());
    assert!(f.tracking.len() <= super::holdout::MAX_TRACKING_POINTS);
    // The calibration histogram counts every cohort customer once, and the
    // model's probabilities (kept to 0.01) sum to the same number.
    let counted: f64 = f.calibration.iter().map(|g| g.actual).sum();
    let expected: f64 = f.calibration.iter().map(|g| g.model).sum();
    assert_eq!(counted, f.customers as f64);
    let groups = f.calibration.len() as f64;
    assert!(
        (expected - counted).abs() <= 0.005 * groups + 1e-9,
        "{expected}"
    );
    eprintln!(
        "retail holdout: end {} ({} {:?} held out), {} customers, actual {}, predicted {:.2}, mae {:.4}, bias {:.4}",
        f.calibration_end,
        f.holdout_length,
        f.unit,
        f.customers,
        f.actual_total,
        f.predicted_total,
        f.mae,
        f.bias
    );
}

/// A calibration end outside the log is refused with its reason, the last
/// good check kept; the page refuses it too, without asking the worker.
#[test]
fn a_bad_calibration_end_is_refused_and_the_last_check_kept() {
    let mut s = retail();
    let t = transactions(&s);
    let before = value_evidence(&s).holdout.unwrap();
    let span = before.span;
    let early = span.first.pred_opt().unwrap();
    let bad = holdout_check(t, Some(early), Some(&before)).unwrap();
    assert_eq!(
        bad.refused,
        Some((
            early,
            HoldoutRefusal::OutOfRange {
                end: early,
                first: span.first,
                last: span.last,
            }
        ))
    );
    assert_eq!(bad.figures, before.figures);
    // On the page: refused at once, the default check still shown.
    let n = holdout_numbers(&before, Some(span.last));
    assert!(matches!(
        n.problem,
        Some(HoldoutProblem::Refused(
            _,
            HoldoutRefusal::OutOfRange { .. }
        ))
    ));
    assert_eq!(n.figures, before.figures.as_ref());
    assert_eq!(holdout_request(Some(&before), Some(span.last)), None);
    // In range but a year in: BG/NBD sees no drop-out yet (a → ∞), the
    // worker refuses with the reason and keeps the last check.
    let year = span.first + (span.last - span.first) / 2;
    let degenerate = s.recheck_holdout(Some(year)).unwrap();
    assert_eq!(
        degenerate.refused,
        Some((year, HoldoutRefusal::NotFitted(FitFailure::DidNotConverge)))
    );
    assert_eq!(degenerate.figures, before.figures);
    assert!(matches!(
        holdout_numbers(&degenerate, Some(year)).problem,
        Some(HoldoutProblem::Refused(..))
    ));
    // An end in range is asked for, then computed in the session.
    let mid = default_end(span) + chrono::Duration::days(28);
    assert_eq!(holdout_request(Some(&before), Some(mid)), Some(Some(mid)));
    assert_eq!(holdout_request(Some(&before), None), None);
    let redone = s.recheck_holdout(Some(mid)).unwrap();
    assert_eq!(redone.refused, None);
    let f = redone.figures.as_ref().unwrap();
    assert_eq!(f.calibration_end, mid);
    assert!(!f.default_end);
    assert_ne!(
        f.actual_total,
        before.figures.as_ref().unwrap().actual_total
    );
    // Later reports carry the new check, and the page shows it.
    assert_eq!(value_evidence(&s).holdout.as_ref(), Some(&redone));
    assert_eq!(holdout_numbers(&redone, Some(mid)).problem, None);
    assert_eq!(holdout_request(Some(&redone), Some(mid)), None);
}

/// A log of three weeks is too short to split.
#[test]
fn a_short_log_is_too_short() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    let t = Transactions {
        customer_ids: vec!["A".into(), "B".into()],
        customer: vec![0, 1, 0, 1],
        date: vec![day(1), day(2), day(10), day(21)],
        amount: vec![10.0, 5.0, 20.0, 7.0],
        channel: None,
        segment: None,
        rows: vec![2, 3, 4, 5],
    };
    let c = holdout_check(&t, None, None).unwrap();
    assert_eq!(c.figures, None);
    assert_eq!(
        c.refused.map(|r| r.1),
        Some(HoldoutRefusal::TooShort { days: 20 })
    );
    let n = holdout_numbers(&c, None);
    assert_eq!(
        n.problem,
        Some(HoldoutProblem::Refused(
            default_end(c.span),
            HoldoutRefusal::TooShort { days: 20 }
        ))
    );
}

fn figures(predicted: f64, actual: f64) -> HoldoutFigures {
    HoldoutFigures {
        calibration_end: date("2024-06-30"),
        default_end: true,
        holdout_end: date("2024-12-29"),
        unit: PeriodUnit::Week,
        convention: TimeConvention::Days,
        calibration_length: 52.0,
        holdout_length: 26.0,
        customers: 300,
        new_in_holdout: 0,
        params: bgnbd::BgNbdParams::new(0.25, 4.4, 0.8, 2.4).unwrap(),
        calibration: vec![FrequencyCount {
            frequency: 0,
            or_more: false,
            actual: 300.0,
            model: 300.0,
        }],
        by_frequency: Vec::new(),
        tracking: Vec::new(),
        actual_total: actual,
        predicted_total: predicted,
        mae: 0.5,
        bias: -0.1,
    }
}

#[test]
fn the_verdict_in_both_languages() {
    let f = figures(412.0, 455.0);
    assert_eq!(
        verdict(&f, Locale::En),
        "The model expected 412 repeat purchases in the 26 held-out weeks; 455 happened: -9%."
    );
    assert_eq!(
        verdict(&f, Locale::Fr),
        "Le modèle attendait 412 achats répétés sur la période réservée de 26 semaines ; il y en a eu 455 : -9\u{a0}%."
    );
    // Over-forecast: signed.
    let over = figures(1210.4, 1100.0);
    assert_eq!(
        verdict(&over, Locale::En),
        "The model expected 1,210 repeat purchases in the 26 held-out weeks; 1,100 happened: +10%."
    );
}

/// Evidence and assumptions saved before the holdout check still load.
#[test]
fn old_evidence_and_assumptions_without_the_check_load() {
    let e = value_evidence(&retail());
    let mut json = serde_json::to_value(&e).unwrap();
    assert!(json.as_object_mut().unwrap().remove("holdout").is_some());
    let old: ValueEvidence = serde_json::from_value(json).unwrap();
    assert_eq!(old.holdout, None);
    assert_eq!(old.bgnbd, e.bgnbd);
    // And the check round-trips.
    let back: ValueEvidence = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    let a: ValueAssumptions =
        serde_json::from_str(r#"{"model":"bg_nbd","horizon_months":24,"margin_rate_pct":25.0}"#)
            .unwrap();
    assert_eq!(a.calibration_end, None);
    assert_eq!(a.horizon_months, 24);
}

#[test]
fn thinning_keeps_the_ends_and_the_calibration_end() {
    let points: Vec<(f64, f64, f64)> = (1..=300).map(|i| (f64::from(i), 0.0, 0.0)).collect();
    let kept = thin(&points, 200.5, 120);
    assert!(kept.len() <= 120, "{}", kept.len());
    assert_eq!(kept.first().unwrap().0, 1.0);
    assert_eq!(kept.last().unwrap().0, 300.0);
    assert!(kept.iter().any(|p| p.0 == 200.0 || p.0 == 201.0));
    assert_eq!(thin(&points[..50], 10.0, 120).len(), 50);
}

/// The page's view of the retail check: three charts, the verdict's totals
/// those of the table's "All" row, and a refused end worded next to the
/// control with the check kept.
#[test]
fn the_retail_view_has_three_charts_and_a_located_refusal() {
    use super::words::holdout_view;
    use cxi_types::Figure;
    let check = value_evidence(&retail()).holdout.unwrap();
    let f = check.figures.clone().unwrap();
    let v = holdout_view(&holdout_numbers(&check, None), Locale::En);
    let ids: Vec<&str> = v.charts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "value-holdout-calibration",
            "value-holdout-conditional",
            "value-holdout-tracking"
        ]
    );
    assert_eq!(v.problem, None);
    assert!(v.intro.contains("last third"), "{}", v.intro);
    assert!(v.intro.contains("÷ 7, in weeks"), "{}", v.intro);
    assert_eq!(v.verdict, verdict(&f, Locale::En));
    let all = v.charts[1].table.rows.last().unwrap();
    assert_eq!(all[0], Figure::Text("All".into()));
    assert_eq!(all[2].value(), Some(f.actual_total));
    assert_eq!(all[3].value(), Some(f.predicted_total));
    let early = check.span.first.pred_opt().unwrap();
    let bad = holdout_view(&holdout_numbers(&check, Some(early)), Locale::Fr);
    let p = bad.problem.unwrap();
    assert!(
        p.starts_with(&format!(
            "La fin de calibration {early} est hors du journal"
        )),
        "{p}"
    );
    assert!(p.contains(&format!("le {}", f.calibration_end)), "{p}");
    assert_eq!(bad.verdict, verdict(&f, Locale::Fr));
    assert_eq!(bad.end, early.to_string());
}
/// The check adds a few KB to the evidence a link carries.
#[test]
fn the_check_stays_small() {
    let e = value_evidence(&retail());
    let bytes = serde_json::to_string(&e.holdout).unwrap().len();
    assert!(bytes < 6_000, "{bytes} bytes");
}
