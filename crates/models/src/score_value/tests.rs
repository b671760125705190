//! Scores → money against hand computations: group values, projections,
//! estimates and refusals.

use super::*;
use crate::stats::ConfidenceLevel;
use cxi_testkit::assert_close;
use cxi_types::period::PeriodUnit;

fn settings() -> ValueSettings {
    ValueSettings {
        margin_rate: 0.5,
        discount: 0.1,
        unit: PeriodUnit::Year,
        new_customer_value: 300.0,
    }
}

fn group(label: &str, r: f64, spend: f64, cost: f64, f: f64, w: f64) -> GroupEconomics {
    GroupEconomics {
        label: label.into(),
        retention: r,
        spend,
        cost_to_serve: cost,
        referrals: f,
        negative_wom: w,
    }
}

/// Reference: hand computation. Promoter: r = 0.9, spend 200, margin 50 %,
/// cost 20 → m = 80; A = 1.1/0.2 = 5.5; own = 440; referrals 0.1/yr ×
/// 5.5 × 300 = 165; total 605. Detractor: r = 0.6, spend 150, cost 30 →
/// m = 45, A = 1.1/0.5 = 2.2, own 99, negative WOM 0.2 × 2.2 × 300 = 132,
/// total −33.
#[test]
fn bain_structure_hand_computed() {
    let p = group("promoter", 0.9, 200.0, 20.0, 0.1, 0.0)
        .value(&settings())
        .unwrap();
    assert_close!(p.margin_per_period, 80.0, 1e-12);
    assert_close!(p.active_periods, 5.5, 1e-12);
    assert_close!(p.own_clv, 440.0, 1e-9);
    assert_close!(p.referral_value, 165.0, 1e-9);
    assert_close!(p.total, 605.0, 1e-9);
    let d = group("detractor", 0.6, 150.0, 30.0, 0.0, 0.2)
        .value(&settings())
        .unwrap();
    assert_close!(d.own_clv, 99.0, 1e-9);
    assert_close!(d.negative_wom_cost, 132.0, 1e-9);
    assert!((d.total + 33.0).abs() < 1e-9);
    // Moving 10 % of 1 000 detractors to promoters: 100 × (605 + 33).
    let gain = value_of_move(&d, &p, 1000.0, 0.1).unwrap();
    assert_close!(gain, 63_800.0, 1e-6);
    assert_eq!(
        value_of_move(&d, &p, 1000.0, 1.5),
        Err(ScoreValueError::ShareOutOfRange(1.5))
    );
}

/// Reference: hand computation. Values −33, 200, 605 and 10 000 customers:
/// +1 point from detractors = 100 × 233 = 23 300; from passives = 100 × 405.
#[test]
fn nps_point_value() {
    let mk = |t: f64| GroupValue {
        label: String::new(),
        margin_per_period: 0.0,
        active_periods: 0.0,
        own_clv: t,
        referral_value: 0.0,
        negative_wom_cost: 0.0,
        total: t,
    };
    let v = value_of_nps_point(&[mk(-33.0), mk(200.0), mk(605.0)], 10_000.0);
    assert_close!(v.from_detractors, 23_300.0, 1e-9);
    assert_close!(v.from_passives, 40_500.0, 1e-9);
}

/// Reference: hand computation of a 3-period projection. One group of 100
/// customers, r = 0.5, spend 10, referrals 0.2 → existing 1000, 500, 250;
/// pool W = 0, 20, 20·0.5 + 10 = 20 → word of mouth 0, 200, 200.
#[test]
fn projection_hand_computed() {
    let g = [group("all", 0.5, 10.0, 0.0, 0.2, 0.0)];
    let p = project_revenue(&g, &[100.0], &settings(), 3).unwrap();
    assert_eq!(p.existing, vec![1000.0, 500.0, 250.0]);
    assert_eq!(p.word_of_mouth, vec![0.0, 200.0, 200.0]);
    assert_close!(p.sum, 2150.0, 1e-9);
    let pv = 1000.0 + 700.0 / 1.1 + 450.0 / 1.21;
    assert_close!(p.present_value, pv, 1e-9);
}

#[test]
fn moving_detractors_up_raises_revenue() {
    let avg = AverageCustomer {
        retention: 0.8,
        spend: 100.0,
        cost_to_serve: 10.0,
        referrals: 0.05,
        negative_wom: 0.05,
    };
    let (groups, assumptions) = default_nps_economics(&avg, [0.3, 0.3, 0.4]);
    assert_eq!(assumptions.len(), 5);
    // Calibration: the customer-weighted averages equal the average customer.
    let shares = [0.3, 0.3, 0.4];
    let r: f64 = groups
        .iter()
        .zip(shares)
        .map(|(g, s)| g.retention * s)
        .sum();
    let s: f64 = groups.iter().zip(shares).map(|(g, s)| g.spend * s).sum();
    let f: f64 = groups
        .iter()
        .zip(shares)
        .map(|(g, s)| g.referrals * s)
        .sum();
    assert!((r - 0.8).abs() < 1e-12 && (s - 100.0).abs() < 1e-9 && (f - 0.05).abs() < 1e-12);
    let c = compare_move(&groups, &[300.0, 300.0, 400.0], &settings(), 0, 2, 0.2, 5).unwrap();
    assert!(c.revenue_gain > 0.0);
    assert_close!(c.scenario_customers[0], 240.0, 1e-9);
    assert_close!(c.scenario_customers[2], 460.0, 1e-9);
    assert_eq!(
        compare_move(&groups, &[1.0, 1.0, 1.0], &settings(), 0, 3, 0.1, 5),
        Err(ScoreValueError::NoSuchGroup {
            index: 3,
            groups: 3
        })
    );
}

/// Reference: hand computation. Promoters (scores 9, 10, 10, 9): one churner
/// of 4 → retention 0.75; revenue 100, 200, 300, 400 → mean 250.
#[test]
fn estimates_from_customer_data() {
    let rec = |score: f64, churned: bool, revenue: f64| CustomerOutcome {
        score,
        churned,
        revenue,
        cost_to_serve: Some(10.0),
        contacts: None,
    };
    let data = vec![
        rec(9.0, false, 100.0),
        rec(10.0, true, 200.0),
        rec(10.0, false, 300.0),
        rec(9.0, false, 400.0),
        rec(3.0, true, 50.0),
        rec(7.0, false, 80.0),
    ];
    let est = estimate_groups(
        &data,
        &["detractor", "passive", "promoter"],
        nps_group,
        ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    let p = &est[2];
    assert_eq!(p.n, 4);
    assert_close!(p.retention.estimate, 0.75, 1e-12);
    assert!(p.retention.ci_low < 0.75 && p.retention.ci_high > 0.75);
    assert_close!(p.spend.mean, 250.0, 1e-12);
    let e = p.economics(0.1, 0.0, None);
    assert_close!(e.central.retention, 0.75, 1e-12);
    assert_close!(e.central.cost_to_serve, 10.0, 1e-12);
    let v = |g: &GroupEconomics| g.value(&settings()).unwrap().total;
    assert!(v(&e.low) <= v(&e.central) && v(&e.central) <= v(&e.high));
    let bad = estimate_groups(
        &[rec(11.0, false, 1.0)],
        &["d", "p", "pr"],
        nps_group,
        ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap_err();
    assert_eq!(bad.to_string(), "row 1: score 11 is not on the scale");
}

#[test]
fn refusals() {
    let g = group("promoter", 1.0, 1.0, 0.0, 0.0, 0.0);
    assert!(matches!(
        g.value(&settings()),
        Err(ScoreValueError::Clv { .. })
    ));
    let g = group("promoter", 0.5, -1.0, 0.0, 0.0, 0.0);
    assert_eq!(
        g.value(&settings()).unwrap_err().to_string(),
        "promoter: spend must be a finite number at least 0: got -1"
    );
    let mut s = settings();
    s.margin_rate = 1.5;
    assert_eq!(
        group("x", 0.5, 1.0, 0.0, 0.0, 0.0).value(&s),
        Err(ScoreValueError::MarginRate(1.5))
    );
}
