//! Hand-computed joins of tiny tables: the match reports, the windows after
//! each answer, censoring, the answer rule and the group measures.
//!
//! Every expected number below is worked out in the comments from the
//! tables in [`fixture`]; tolerances are a few ulp (`ABS_1E14`) because
//! each is a short sum of exact decimals.

use chrono::NaiveDate;
use cxi_link::{
    link, AnswerRule, Answers, Basis, Crm, LinkOptions, Measure, MissingDates, Orders, Reconcile,
    Rule, TableKind,
};
use cxi_models::nps::NpsCategory;
use cxi_testkit::assert_close;
use cxi_testkit::prec::ABS_1E14;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Orders (row: id, date, amount), log span 2024-01-01 … 2024-12-31:
/// 2 A1 01-01 100 · 3 A1 02-15 30 · 4 A1 03-01 20 · 5 b2 01-20 50 ·
/// 6 B2 06-30 5 · 7 C3 02-01 70 · 8 D4 12-31 1 · 9 F6 01-15 40 ·
/// 10 F6 02-20 15 · 11 G7 01-02 25.
///
/// Answers (row: id, date, NPS, CSAT): 2 "a1 " 02-01 10 5 · 3 B2 01-10 3 – ·
/// 4 B2 05-01 9 4 · 5 c3 01-05 5 1 · 6 E5 03-01 0 2 · 7 D4 11-15 8 3 ·
/// 8 "" 03-01 9 – · 9 F6 02-01 2 – · 10 G7 02-01 4 2.
///
/// CRM (row: id, churned, contacts): 2 A1 no 1 · 3 B2 yes 4 · 4 C3 yes 2 ·
/// 5 F6 no – · 6 H8 no 0 · 7 c3 no 9 (a repeated id: row 4 counts).
fn fixture() -> (Orders, Answers, Crm) {
    let orders = Orders::from_rows(
        &["A1", "A1", "A1", "b2", "B2", "C3", "D4", "F6", "F6", "G7"],
        Some(
            [
                "2024-01-01",
                "2024-02-15",
                "2024-03-01",
                "2024-01-20",
                "2024-06-30",
                "2024-02-01",
                "2024-12-31",
                "2024-01-15",
                "2024-02-20",
                "2024-01-02",
            ]
            .map(d)
            .to_vec(),
        ),
        vec![100.0, 30.0, 20.0, 50.0, 5.0, 70.0, 1.0, 40.0, 15.0, 25.0],
    );
    let mut answers = Answers::from_rows(
        &["a1 ", "B2", "B2", "c3", "E5", "D4", "", "F6", "G7"],
        Some(
            [
                "2024-02-01",
                "2024-01-10",
                "2024-05-01",
                "2024-01-05",
                "2024-03-01",
                "2024-11-15",
                "2024-03-01",
                "2024-02-01",
                "2024-02-01",
            ]
            .map(d)
            .to_vec(),
        ),
    );
    answers.nps = Some([10., 3., 9., 5., 0., 8., 9., 2., 4.].map(Some).to_vec());
    answers.csat = Some(vec![
        Some(5.),
        None,
        Some(4.),
        Some(1.),
        Some(2.),
        Some(3.),
        None,
        None,
        Some(2.),
    ]);
    let mut crm = Crm::from_rows(&["A1", "B2", "C3", "F6", "H8", "c3"]);
    crm.churned = Some([false, true, true, false, false, false].map(Some).to_vec());
    crm.contacts = Some(vec![Some(1.), Some(4.), Some(2.), None, Some(0.), Some(9.)]);
    (orders, answers, crm)
}

fn window(days: u32) -> LinkOptions {
    LinkOptions {
        window_days: days,
        ..LinkOptions::default()
    }
}

#[test]
fn match_reports_count_every_answer() {
    let (o, a, c) = fixture();
    let e = link(
        &o,
        &a,
        Some(&c),
        &LinkOptions {
            listed: 2,
            ..window(60)
        },
    )
    .unwrap();
    // In the orders: all but E5 and the blank id (rows 6 and 8).
    let m = &e.orders_match;
    assert_eq!((m.left, m.right), (TableKind::Answers, TableKind::Orders));
    assert_eq!((m.total, m.matched, m.unmatched, m.blank), (9, 7, 2, 1));
    assert_eq!(m.unmatched_ids, 1);
    assert_eq!(m.first_unmatched[0].id, "E5");
    assert_eq!(
        (m.first_unmatched[0].row, m.first_unmatched[0].rows),
        (6, 1)
    );
    cxi_testkit::assert_rel!(m.percent(), 700.0 / 9.0, cxi_testkit::prec::REL_1E12);
    // In the CRM: a1, B2 twice, c3, F6; E5, D4, G7 and the blank are not.
    let m = e.crm_match.as_ref().unwrap();
    assert_eq!((m.total, m.matched, m.unmatched, m.blank), (9, 5, 4, 1));
    assert_eq!(m.unmatched_ids, 3);
    // The first 2 of 3 listed, in the order of their first row.
    let first: Vec<(&str, u32)> = m
        .first_unmatched
        .iter()
        .map(|u| (u.id.as_str(), u.row))
        .collect();
    assert_eq!(first, [("E5", 6), ("D4", 7)]);
    assert!(e.proposals.is_empty(), "no reconciliation gains here");
}

/// Latest answer per customer, 60-day windows (2024 is a leap year):
/// a1 02-01 → (02-01, 04-01]: 30 + 20 = 50 · B2 05-01 (its later answer, a
/// promoter) → (05-01, 06-30]: 5, the window's last day included ·
/// c3 01-05 → (01-05, 03-05]: 70 · F6 02-01 → 15 · G7 02-01 → nothing ·
/// D4 11-15 → past 12-31: censored.
#[test]
fn latest_answer_windows_by_nps_category() {
    let (o, a, c) = fixture();
    let e = link(&o, &a, Some(&c), &window(60)).unwrap();
    assert_eq!(
        e.basis,
        Basis::AfterAnswer {
            window_days: 60,
            log_start: d("2024-01-01"),
            log_end: d("2024-12-31")
        }
    );
    let nps = e.nps.as_ref().unwrap();
    let [det, pas, pro] = [&nps.groups[0], &nps.groups[1], &nps.groups[2]];
    assert_eq!(det.group, NpsCategory::Detractor);
    // Detractors: rows 3, 5, 6, 9, 10 answered; row 3 (B2) gives way to
    // B2's later answer; E5 is in no order.
    assert_eq!(
        (det.answers, det.units, det.linked, det.censored),
        (5, 4, 3, 0)
    );
    assert_close!(det.repeat.unwrap().value, 2.0 / 3.0, ABS_1E14);
    assert_close!(det.spend.unwrap().value, 85.0 / 3.0, ABS_1E14);
    // Passive: D4's window runs past the log.
    assert_eq!(
        (pas.answers, pas.units, pas.linked, pas.censored),
        (1, 1, 1, 1)
    );
    assert!(pas.repeat.is_none() && pas.spend.is_none());
    // Promoters: a1, B2 and the blank id (kept, measured by nothing).
    assert_eq!(
        (pro.answers, pro.units, pro.linked, pro.censored),
        (3, 3, 2, 0)
    );
    assert_close!(pro.repeat.unwrap().value, 1.0, ABS_1E14);
    assert_close!(pro.spend.unwrap().value, 27.5, ABS_1E14);
    // CRM: detractors c3 (churned, 2 contacts) and F6 (not, no count);
    // promoters A1 (not, 1) and B2 (churned, 4). c3's second CRM row is
    // ignored.
    assert_close!(det.churn.unwrap().value, 0.5, ABS_1E14);
    assert_close!(det.contacts.unwrap().value, 2.0, ABS_1E14);
    assert_close!(pro.churn.unwrap().value, 0.5, ABS_1E14);
    assert_close!(pro.contacts.unwrap().value, 2.5, ABS_1E14);
    assert!(pas.churn.is_none());
}

/// Promoters − detractors, one answer per customer (Welch):
/// spend: 27.5 − 85/3; Var = Σ(y−ȳ)²/(n(n−1)) per side =
/// 1012.5/2 + (8150/3)/6. Repeat: 1 − 2/3, Var = 0 + (2/3)/6 = 1/9.
#[test]
fn contrasts_by_hand() {
    let (o, a, c) = fixture();
    let e = link(&o, &a, Some(&c), &window(60)).unwrap();
    let nps = e.nps.unwrap();
    // The intervals use the models' normal quantile (Acklam: relative
    // error below 1.15e-9); the bounds are checked with that z.
    let z = cxi_models::stats::ConfidenceLevel::NINETY_FIVE.z();
    cxi_testkit::assert_rel!(z, 1.959963984540054, 1.15e-9);
    let s = nps.contrast(Measure::Spend).unwrap();
    let diff = s.difference.unwrap();
    assert_close!(diff.estimate, 27.5 - 85.0 / 3.0, ABS_1E14);
    let var: f64 = 1012.5 / 2.0 + 8150.0 / 18.0;
    assert_close!(diff.se, var.sqrt(), 1e-12);
    assert_close!(diff.high, diff.estimate + z * var.sqrt(), 1e-11);
    assert!(s.small);
    let r = nps.contrast(Measure::Repeat).unwrap();
    let diff = r.difference.unwrap();
    assert_close!(diff.estimate, 1.0 / 3.0, ABS_1E14);
    assert_close!(diff.se, 1.0 / 3.0, ABS_1E14);
    let ratio = r.ratio.unwrap();
    assert_close!(ratio.estimate, 1.5, ABS_1E14);
    // ln-scale: 0/1² + (1/9)/(2/3)² = 1/4.
    assert_close!(ratio.se, 0.5, ABS_1E14);
    assert_close!(ratio.low, 1.5 * (-z * 0.5f64).exp(), 1e-14);
    // Churn (0.5 vs 0.5): difference 0, ratio 1.
    let ch = nps.contrast(Measure::Churn).unwrap();
    assert_close!(ch.difference.unwrap().estimate, 0.0, ABS_1E14);
    assert_close!(ch.ratio.unwrap().estimate, 1.0, ABS_1E14);
}

/// Every answer counts: B2's detractor answer of 01-10 comes back, window
/// (01-10, 03-10]: b2's 50 on 01-20. Detractor spend [50, 70, 15, 0],
/// mean 33.75, from 4 customers; B2 is now in both groups.
#[test]
fn each_answer_rule() {
    let (o, a, c) = fixture();
    let opts = LinkOptions {
        rule: AnswerRule::EachAnswer,
        ..window(60)
    };
    let e = link(&o, &a, Some(&c), &opts).unwrap();
    let nps = e.nps.unwrap();
    let det = &nps.groups[0];
    assert_eq!((det.units, det.linked), (5, 4));
    let spend = det.spend.unwrap();
    assert_eq!((spend.n, spend.customers), (4, 4));
    assert_close!(spend.value, 33.75, ABS_1E14);
    assert_close!(det.repeat.unwrap().value, 0.75, ABS_1E14);
    assert_eq!(e.rule, AnswerRule::EachAnswer);
}

/// CSAT 1–5 bands (low 1–2, middle 3, high 4–5), latest answer with a CSAT:
/// high a1 (50), B2 (5); low c3 (70), E5 (unmatched), G7 (0).
#[test]
fn csat_bands() {
    let (o, a, c) = fixture();
    let e = link(&o, &a, Some(&c), &window(60)).unwrap();
    let csat = e.csat.unwrap();
    assert_eq!((csat.groups[0].answers, csat.groups[0].units), (3, 3));
    assert_close!(csat.groups[0].spend.unwrap().value, 35.0, ABS_1E14);
    assert_close!(csat.groups[2].spend.unwrap().value, 27.5, ABS_1E14);
    let s = csat.contrast(Measure::Spend).unwrap().difference.unwrap();
    assert_close!(s.estimate, -7.5, ABS_1E14);
    assert!(e.ces.is_none());
}

#[test]
fn window_edges_and_log_span() {
    let (o, a, c) = fixture();
    // 59 days: B2's window (05-01, 06-29] misses the 5 of 06-30.
    let e = link(&o, &a, Some(&c), &window(59)).unwrap();
    assert_close!(
        e.nps.unwrap().groups[2].spend.unwrap().value,
        25.0,
        ABS_1E14
    );
    // The log said to end on 06-29: B2's 60-day window is censored.
    let opts = LinkOptions {
        log_end: Some(d("2024-06-29")),
        ..window(60)
    };
    let nps = link(&o, &a, Some(&c), &opts).unwrap().nps.unwrap();
    assert_eq!(nps.groups[2].censored, 1);
    assert_close!(nps.groups[2].spend.unwrap().value, 50.0, ABS_1E14);
    // A log that starts on 01-06 still covers c3's window (01-05, …]; one
    // that starts on 01-07 does not.
    for (start, censored) in [("2024-01-06", 0), ("2024-01-07", 1)] {
        let opts = LinkOptions {
            log_start: Some(d(start)),
            ..window(60)
        };
        let nps = link(&o, &a, Some(&c), &opts).unwrap().nps.unwrap();
        assert_eq!(nps.groups[0].censored, censored, "log from {start}");
    }
}

/// No answer dates: whole-log behaviour, repeat = 2 purchases or more.
/// Detractors c3 (70, 1 purchase), F6 (55, 2), G7 (25, 1); promoters a1
/// (150, 3), B2 (55, 2); D4 is measured now (1, 1).
#[test]
fn without_dates_the_whole_log_is_used_and_said() {
    let (o, mut a, c) = fixture();
    a.dates = None;
    let e = link(&o, &a, Some(&c), &window(60)).unwrap();
    assert_eq!(
        e.basis,
        Basis::WholeLog {
            missing: MissingDates::Answers
        }
    );
    let nps = e.nps.unwrap();
    assert_close!(nps.groups[0].spend.unwrap().value, 50.0, ABS_1E14);
    assert_close!(nps.groups[0].repeat.unwrap().value, 1.0 / 3.0, ABS_1E14);
    assert_close!(nps.groups[2].spend.unwrap().value, 102.5, ABS_1E14);
    assert_eq!(nps.groups[1].censored, 0);
    assert_close!(nps.groups[1].repeat.unwrap().value, 0.0, ABS_1E14);
    let (mut o, a, _) = fixture();
    o.dates = None;
    let e = link(&o, &a, None, &window(60)).unwrap();
    assert_eq!(
        e.basis,
        Basis::WholeLog {
            missing: MissingDates::Orders
        }
    );
    assert!(e.crm_match.is_none());
}

/// Orders `00042`, `C-7`, `9`, `A-1`, `B-1`; answers `42`, `7`, `0009`, `x`.
#[test]
fn reconciliations_are_proposed_then_applied() {
    let orders = Orders::from_rows(&["00042", "C-7", "9", "A-1", "B-1"], None, vec![1.0; 5]);
    let mut answers = Answers::from_rows(&["42", "7", "0009", "x"], None);
    answers.nps = Some(vec![Some(9.0); 4]);
    let e = link(&orders, &answers, None, &LinkOptions::default()).unwrap();
    assert_eq!(e.orders_match.matched, 0);
    let p = &e.proposals;
    assert_eq!(p.len(), 2);
    // Zeros: 42 and 0009 match (2 of 4 answers: 50 points).
    assert_eq!(
        (p[0].rule, p[0].matched_before, p[0].matched_after),
        (Rule::LeadingZeros, 0, 2)
    );
    assert_close!(p[0].points(), 50.0, ABS_1E14);
    assert_eq!(p[0].relative_gain(), None);
    assert_eq!(p[0].merged, 0);
    // Prefix: 7 matches C-7, and A-1 and B-1 would become one customer.
    assert_eq!(
        (p[1].rule, p[1].matched_after, p[1].merged),
        (Rule::AlphaPrefix, 1, 1)
    );
    let prefixes: Vec<(&str, usize)> = p[1]
        .prefixes
        .iter()
        .map(|(s, n)| (s.as_str(), *n))
        .collect();
    assert_eq!(prefixes, [("a-", 1), ("b-", 1), ("c-", 1)]);
    // With zeros on: the prefix adds 1 to 2, "50 % more answers match".
    let zeros = Rule::LeadingZeros.with(Reconcile::NONE);
    let opts = LinkOptions {
        reconcile: zeros,
        ..LinkOptions::default()
    };
    let e = link(&orders, &answers, None, &opts).unwrap();
    assert_eq!(e.orders_match.matched, 2);
    assert_eq!(e.proposals.len(), 1);
    assert_close!(e.proposals[0].relative_gain().unwrap(), 0.5, ABS_1E14);
    let opts = LinkOptions {
        reconcile: Rule::AlphaPrefix.with(zeros),
        ..LinkOptions::default()
    };
    let e = link(&orders, &answers, None, &opts).unwrap();
    assert_eq!((e.orders_match.matched, e.orders_match.unmatched), (3, 1));
    assert!(e.proposals.is_empty());
}

#[test]
fn bad_values_are_refused_with_their_row() {
    use cxi_link::{ColumnKind, LinkError, ValueProblem};
    let (mut o, a, c) = fixture();
    o.amounts[3] = -5.0;
    let err = link(&o, &a, Some(&c), &window(60)).unwrap_err();
    assert_eq!(
        err,
        LinkError::Value {
            table: TableKind::Orders,
            row: 5,
            column: ColumnKind::Amount,
            value: -5.0,
            problem: ValueProblem::Negative
        }
    );
    let (o, mut a, c) = fixture();
    a.nps.as_mut().unwrap()[6] = Some(11.0);
    let err = link(&o, &a, Some(&c), &window(60)).unwrap_err();
    assert!(
        matches!(
            err,
            LinkError::Value {
                row: 8,
                column: ColumnKind::Nps,
                ..
            }
        ),
        "{err}"
    );
    let (o, mut a, c) = fixture();
    a.csat.as_mut().unwrap()[0] = Some(6.0);
    let err = link(&o, &a, Some(&c), &window(60)).unwrap_err();
    assert!(matches!(
        err,
        LinkError::Value {
            row: 2,
            column: ColumnKind::Csat,
            problem: ValueProblem::OffScale { min: 1, max: 5 },
            ..
        }
    ));
    let (o, a, c) = fixture();
    assert_eq!(
        link(&o, &a, Some(&c), &window(0)).unwrap_err(),
        LinkError::ZeroWindow
    );
    let opts = LinkOptions {
        log_start: Some(d("2025-01-01")),
        ..window(60)
    };
    assert_eq!(
        link(&o, &a, Some(&c), &opts).unwrap_err(),
        LinkError::LogSpan
    );
    let mut short = a.clone();
    short.nps.as_mut().unwrap().pop();
    assert!(matches!(
        link(&o, &short, Some(&c), &window(60)),
        Err(LinkError::Length { .. })
    ));
}

/// The customers of each category's linked units, as indices into the
/// orders' distinct ids (A1 0, b2 1, B2 2, C3 3, D4 4, F6 5, G7 6): the
/// latest answer of each customer (see `latest_answer_windows_by_nps_category`)
/// and found in the log, censored or not. "b2" and "B2" fold to one
/// customer, named by its first id (1). E5 is not in the log, the blank id
/// is nobody's.
#[test]
fn units_name_each_categorys_customers_in_the_log() {
    let (o, a, c) = fixture();
    let (e, u) = cxi_link::link_with_units(&o, &a, Some(&c), &window(60)).unwrap();
    assert_eq!(e, link(&o, &a, Some(&c), &window(60)).unwrap());
    let mut nps = u.nps.unwrap();
    for g in &mut nps {
        g.sort_unstable();
    }
    assert_eq!(nps, [vec![3, 5, 6], vec![4], vec![0, 1]]);
    // As many as the linked units of each row.
    let t = e.nps.as_ref().unwrap();
    for (g, row) in t.groups.iter().enumerate() {
        assert_eq!(nps[g].len(), row.linked, "{:?}", row.group);
    }
    // Without NPS answers, no units.
    let mut csat_only = a.clone();
    csat_only.nps = None;
    let (_, u) = cxi_link::link_with_units(&o, &csat_only, None, &window(60)).unwrap();
    assert_eq!(u.nps, None);
}
