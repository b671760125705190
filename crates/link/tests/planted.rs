//! The link recovers what the seeded sample planted (`cxi_link::sample`):
//! promoters buy 1.6× as often as detractors and stay 3 years against 1.5,
//! so over a 365-day window after the answer the expected ratios are, in
//! closed form ([`Planted::expected_spend`], [`Planted::expected_repeat`]):
//! spend `1.6 · 3(1 − e^{−1/3}) / (1.5(1 − e^{−2/3}))` ≈ 1.8642 and repeat
//! rate ≈ 1.1181. The 95 % intervals must contain them, and over many
//! seeds contain them about 95 % of the time.

use cxi_link::sample::{generate, Planted};
use cxi_link::{link, Evidence, LinkOptions, Measure};
use cxi_testkit::assert_close;

const WINDOW: f64 = 365.0;

fn evidence(customers: usize, seed: u64) -> Evidence {
    let s = generate(customers, seed, &Planted::default());
    let opts = LinkOptions {
        log_start: Some(s.log_start),
        log_end: Some(s.log_end),
        ..LinkOptions::default()
    };
    link(&s.orders, &s.answers, Some(&s.crm), &opts).unwrap()
}

#[test]
fn closed_form_truths() {
    let p = Planted::default();
    // λ/μ (1 − e^{−μw}) with λ = 4/365, μ = 1/(1.5·365), w = 365.
    assert_close!(
        p.expected_purchases(0, WINDOW),
        6.0 * (1.0 - (-1.0f64 / 1.5).exp()),
        1e-12
    );
    let ratio = p.expected_spend(2, WINDOW) / p.expected_spend(0, WINDOW);
    let by_hand = 1.6 * 3.0 * (1.0 - (-1.0f64 / 3.0).exp()) / (1.5 * (1.0 - (-2.0f64 / 3.0).exp()));
    assert_close!(ratio, by_hand, 1e-12);
    assert_close!(ratio, 1.8642, 5e-5);
    let rep = p.expected_repeat(2, WINDOW) / p.expected_repeat(0, WINDOW);
    // λ/(λ+μ)(1 − e^{−(λ+μ)w}): 6.4/(6.4 + 1/3)·(1 − e^{−(6.4+1/3)}) over
    // 4/(4 + 2/3)·(1 − e^{−(4+2/3)}).
    let by_hand = (6.4 / (6.4 + 1.0 / 3.0) * (1.0 - (-(6.4f64 + 1.0 / 3.0)).exp()))
        / (4.0 / (4.0 + 2.0 / 3.0) * (1.0 - (-(4.0f64 + 2.0 / 3.0)).exp()));
    assert_close!(rep, by_hand, 1e-12);
    assert_close!(rep, 1.1181, 5e-5);
}

#[test]
fn planted_ratios_are_recovered_from_1500_customers() {
    let p = Planted::default();
    let e = evidence(1500, 13);
    let nps = e.nps.as_ref().unwrap();
    let spend = nps.contrast(Measure::Spend).unwrap();
    let repeat = nps.contrast(Measure::Repeat).unwrap();
    let contacts = nps.contrast(Measure::Contacts).unwrap();
    let truth_spend = p.expected_spend(2, WINDOW) / p.expected_spend(0, WINDOW);
    let truth_repeat = p.expected_repeat(2, WINDOW) / p.expected_repeat(0, WINDOW);
    let (s, r) = (spend.ratio.unwrap(), repeat.ratio.unwrap());
    eprintln!(
        "spend ratio {:.4} [{:.4}, {:.4}] truth {truth_spend:.4}; repeat ratio {:.4} [{:.4}, {:.4}] truth {truth_repeat:.4}; contacts diff {:.4} [{:.4}, {:.4}] truth -2",
        s.estimate, s.low, s.high, r.estimate, r.low, r.high,
        contacts.difference.unwrap().estimate, contacts.difference.unwrap().low, contacts.difference.unwrap().high,
    );
    assert!(s.contains(truth_spend), "{s:?} vs {truth_spend}");
    assert!(r.contains(truth_repeat), "{r:?} vs {truth_repeat}");
    // Every answer, clustered by customer: the same truth (and no
    // survivorship in which answer is kept, see `AnswerRule`).
    let s2 = generate(1500, 13, &p);
    let each = LinkOptions {
        rule: cxi_link::AnswerRule::EachAnswer,
        log_start: Some(s2.log_start),
        log_end: Some(s2.log_end),
        ..LinkOptions::default()
    };
    let e2 = link(&s2.orders, &s2.answers, Some(&s2.crm), &each).unwrap();
    let each_spend = e2
        .nps
        .unwrap()
        .contrast(Measure::Spend)
        .unwrap()
        .ratio
        .unwrap();
    eprintln!(
        "each answer: spend ratio {:.4} [{:.4}, {:.4}]",
        each_spend.estimate, each_spend.low, each_spend.high
    );
    assert!(each_spend.contains(truth_spend), "{each_spend:?}");
    // The spend effect is large enough to be told from none.
    assert!(s.low > 1.0, "{s:?}");
    assert!(contacts.difference.unwrap().contains(-2.0));
    // Each group's own spend, against its expected value.
    for g in [0, 2] {
        let row = &nps.groups[g];
        let est = row.spend.unwrap();
        let truth = p.expected_spend(g, WINDOW);
        // 4 standard errors of a mean of Poisson-compound spend (sd of
        // spend per answer below 2.5× its mean here).
        let tol = 4.0 * 2.5 * truth / (est.n as f64).sqrt();
        assert_close!(est.value, truth, tol, "group {g}");
    }
    // Strangers' answers match nothing and are kept.
    let m = &e.orders_match;
    assert_eq!(m.matched + m.unmatched, m.total);
    assert!(m.unmatched > 0 && m.unmatched_ids == m.unmatched);
    assert!(m.first_unmatched.iter().all(|u| u.id.starts_with("X-")));
    let answered: usize = nps.groups.iter().map(|g| g.answers).sum();
    assert_eq!(answered, m.total);
}

/// 200 seeds of 800 customers: the share of 95 % intervals holding the
/// planted truth. With 200 draws the share's standard error is 1.5 points:
/// [0.91, 0.99] is about ±2.7 of them around 0.95.
#[test]
fn intervals_cover_the_truth_about_95_percent_of_the_time() {
    let p = Planted::default();
    let truth_spend_diff = p.expected_spend(2, WINDOW) - p.expected_spend(0, WINDOW);
    let truth_repeat_diff = p.expected_repeat(2, WINDOW) - p.expected_repeat(0, WINDOW);
    let truth_ratio = p.expected_spend(2, WINDOW) / p.expected_spend(0, WINDOW);
    let reps = 200;
    let mut hits = [0usize; 3];
    for seed in 0..reps {
        let nps = evidence(800, 1000 + seed).nps.unwrap();
        let s = nps.contrast(Measure::Spend).unwrap();
        let r = nps.contrast(Measure::Repeat).unwrap();
        hits[0] += usize::from(s.difference.unwrap().contains(truth_spend_diff));
        hits[1] += usize::from(r.difference.unwrap().contains(truth_repeat_diff));
        hits[2] += usize::from(s.ratio.unwrap().contains(truth_ratio));
    }
    let cover = hits.map(|h| h as f64 / reps as f64);
    eprintln!(
        "coverage: spend diff {:.3}, repeat diff {:.3}, spend ratio {:.3}",
        cover[0], cover[1], cover[2]
    );
    for c in cover {
        assert!((0.91..=0.99).contains(&c), "coverage {cover:?}");
    }
}

#[test]
fn the_sample_is_the_same_for_a_seed() {
    let a = generate(300, 7, &Planted::default());
    let b = generate(300, 7, &Planted::default());
    assert_eq!(a.orders, b.orders);
    assert_eq!(a.answers, b.answers);
    assert_ne!(generate(300, 8, &Planted::default()).orders, a.orders);
    assert_eq!(evidence(300, 7), evidence(300, 7));
}
