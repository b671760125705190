//! Properties of the link on random small tables: every answer is
//! counted once, units only shrink down the funnel (answers ≥ units ≥
//! linked ≥ censored), every number is finite, and the same tables give
//! the same evidence.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use cxi_link::{link, AnswerRule, Answers, Crm, GroupRow, LinkOptions, Measure, Orders, Reconcile};
use proptest::prelude::*;

/// Ids from a small pool written in the ways exports write them.
fn id() -> impl Strategy<Value = String> {
    (0u32..8, 0usize..6).prop_map(|(n, style)| match style {
        0 => format!("{n}"),
        1 => format!("00{n}"),
        2 => format!("C-{n}"),
        3 => format!(" c-{n} "),
        4 => format!("c{n}"),
        _ => String::new(),
    })
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n as u64)
}

#[derive(Debug, Clone)]
struct Case {
    orders: Orders,
    answers: Answers,
    crm: Crm,
    options: LinkOptions,
}

fn case() -> impl Strategy<Value = Case> {
    let order = (id(), 0i64..400, 0.0f64..500.0);
    let answer = (
        id(),
        0i64..400,
        proptest::option::of(0u8..=10),
        proptest::option::of(1u8..=5),
    );
    let crm = (
        id(),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u8..20),
    );
    (
        proptest::collection::vec(order, 1..40),
        proptest::collection::vec(answer, 1..30),
        proptest::collection::vec(crm, 1..15),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            1u32..400,
            any::<bool>(),
        ),
    )
        .prop_map(|(o, a, c, (zeros, prefix, each, window, dated))| {
            let ids: Vec<&str> = o.iter().map(|x| x.0.as_str()).collect();
            let orders = Orders::from_rows(
                &ids,
                Some(o.iter().map(|x| day(x.1)).collect()),
                o.iter().map(|x| x.2).collect(),
            );
            let ids: Vec<&str> = a.iter().map(|x| x.0.as_str()).collect();
            let mut answers =
                Answers::from_rows(&ids, dated.then(|| a.iter().map(|x| day(x.1)).collect()));
            answers.nps = Some(a.iter().map(|x| x.2.map(f64::from)).collect());
            answers.csat = Some(a.iter().map(|x| x.3.map(f64::from)).collect());
            let ids: Vec<&str> = c.iter().map(|x| x.0.as_str()).collect();
            let mut crm = Crm::from_rows(&ids);
            crm.churned = Some(c.iter().map(|x| x.1).collect());
            crm.contacts = Some(c.iter().map(|x| x.2.map(f64::from)).collect());
            let options = LinkOptions {
                reconcile: Reconcile {
                    leading_zeros: zeros,
                    alpha_prefix: prefix,
                },
                rule: if each {
                    AnswerRule::EachAnswer
                } else {
                    AnswerRule::LatestBeforeWindow
                },
                window_days: window,
                listed: 3,
                ..LinkOptions::default()
            };
            Case {
                orders,
                answers,
                crm,
                options,
            }
        })
}

/// The funnel and the ranges of one score's group rows.
fn rows<G>(groups: &[GroupRow<G>]) -> Result<(), TestCaseError> {
    for g in groups {
        prop_assert!(g.answers >= g.units && g.units >= g.linked && g.linked >= g.censored);
        let measured = g.repeat.map_or(0, |x| x.n);
        // Each linked unit is either censored or measured.
        prop_assert_eq!(measured + g.censored, g.linked);
        prop_assert_eq!(g.spend.map_or(0, |x| x.n), measured);
        for m in Measure::ALL {
            if let Some(x) = g.get(m) {
                prop_assert!(x.value.is_finite() && x.customers <= x.n && x.n <= g.units);
            }
        }
        for r in [g.repeat, g.churn].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&r.value));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn counts_are_conserved_and_numbers_finite(c in case()) {
        let e = link(&c.orders, &c.answers, Some(&c.crm), &c.options).unwrap();
        for m in [&e.orders_match, e.crm_match.as_ref().unwrap()] {
            prop_assert_eq!(m.matched + m.unmatched, m.total);
            prop_assert_eq!(m.total, c.answers.len());
            prop_assert!(m.blank <= m.unmatched);
            prop_assert!(m.unmatched_ids + m.blank <= m.unmatched);
            prop_assert!(m.first_unmatched.len() <= m.unmatched_ids.min(3));
            let listed: usize = m.first_unmatched.iter().map(|u| u.rows).sum();
            prop_assert!(listed <= m.unmatched - m.blank);
            prop_assert!((0.0..=100.0).contains(&m.percent()));
        }
        for p in &e.proposals {
            prop_assert!(p.matched_after > p.matched_before && p.matched_after <= p.total);
        }
        let nps = e.nps.as_ref().unwrap();
        let scored = c.answers.nps.as_ref().unwrap().iter().flatten().count();
        prop_assert_eq!(nps.groups.iter().map(|g| g.answers).sum::<usize>(), scored);
        rows(&nps.groups)?;
        rows(&e.csat.as_ref().unwrap().groups)?;
        let contrasts = nps.contrasts.iter().chain(&e.csat.as_ref().unwrap().contrasts);
        for k in contrasts {
            for i in [k.difference, k.ratio].into_iter().flatten() {
                prop_assert!(i.estimate.is_finite() && i.se.is_finite() && i.se >= 0.0);
                prop_assert!(i.low <= i.estimate && i.estimate <= i.high, "{:?}", i);
            }
        }
        let again = link(&c.orders, &c.answers, Some(&c.crm), &c.options).unwrap();
        prop_assert_eq!(e, again);
    }

    /// Under the latest-answer rule a customer is one unit: no measure has
    /// more answers than customers.
    #[test]
    fn latest_answer_gives_one_unit_per_customer(c in case()) {
        let o = LinkOptions { rule: AnswerRule::LatestBeforeWindow, ..c.options };
        let e = link(&c.orders, &c.answers, Some(&c.crm), &o).unwrap();
        for g in &e.nps.unwrap().groups {
            for m in Measure::ALL {
                if let Some(x) = g.get(m) {
                    prop_assert_eq!(x.customers, x.n);
                }
            }
        }
    }
}
