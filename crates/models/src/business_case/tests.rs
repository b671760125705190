//! Business case against hand computations: appraisal, refusals, tornado
//! and the Monte-Carlo draws.

use super::monte_carlo::{sample, standard_normal};
use super::*;
use cxi_testkit::assert_close;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;

fn simple() -> BusinessCaseInputs {
    BusinessCaseInputs {
        customers: 1_000.0,
        revenue_per_customer: 100.0,
        margin_rate: 0.5,
        annual_churn: 0.2,
        new_customers_per_year: 0.0,
        contacts_per_customer: 0.0,
        cost_per_contact: 0.0,
        one_off_cost: 1_000.0,
        running_cost: 500.0,
        years: 2,
        discount_rate: 0.1,
        churn_reduction: 0.05,
        spend_uplift: 0.0,
        contact_reduction: 0.0,
        nps_points: 0.0,
        revenue_per_nps_point: 0.0,
    }
}

/// Reference: hand computation. Year 1: 1,000 customers either way, net
/// −500. Year 2: 800 vs 850 customers → 50 × 100 × 0.5 = 2,500 margin,
/// net 2,000. CF = [−1000, −500, 2000]; NPV = −1000 − 454.545 + 1652.893
/// = 198.347; PV costs = 1000 + 454.545 + 413.223 = 1867.769;
/// ROI = 0.10620; payback 1 + 1500/2000 = 1.75 y; discounted payback
/// 1 + 1454.545/1652.893 = 1.88 y.
#[test]
fn hand_computed_two_year_case() {
    let c = appraise(&simple()).unwrap();
    let cf: Vec<f64> = c.rows.iter().map(|r| r.net_cash_flow).collect();
    assert_eq!(cf, vec![-1_000.0, -500.0, 2_000.0]);
    assert_close!(c.rows[2].customers_initiative, 850.0, 1e-9);
    let npv = -1_000.0 - 500.0 / 1.1 + 2_000.0 / 1.21;
    assert!((c.npv - npv).abs() < 1e-9 && (c.npv - 198.347).abs() < 1e-3);
    let pvc = 1_000.0 + 500.0 / 1.1 + 500.0 / 1.21;
    assert_close!(c.pv_costs, pvc, 1e-9);
    assert_close!(c.roi.unwrap(), npv / pvc, 1e-12);
    assert_close!(c.payback_years.unwrap(), 1.75, 1e-12);
    let dp = 1.0 + (1_000.0 + 500.0 / 1.1) / (2_000.0 / 1.21);
    assert_close!(c.discounted_payback_years.unwrap(), dp, 1e-12);
}

/// Reference: hand computation of the other effects in one year:
/// 1,000 customers, +10 % spend and +5 NPS points × 0.4 %/point
/// → revenue factor 1.1 × 1.02 = 1.122 → extra 12,200 revenue × 0.3
/// margin = 3,660; support 1,000 × 2 contacts × 5 € = 10,000, −25 % →
/// 2,500 saved; acquisition adds 100/year to both arms.
#[test]
fn spend_nps_and_support_effects_by_hand() {
    let mut i = simple();
    i.years = 2;
    i.margin_rate = 0.3;
    i.churn_reduction = 0.0;
    i.spend_uplift = 0.1;
    i.nps_points = 5.0;
    i.revenue_per_nps_point = 0.004;
    i.contacts_per_customer = 2.0;
    i.cost_per_contact = 5.0;
    i.contact_reduction = 0.25;
    i.new_customers_per_year = 100.0;
    let c = appraise(&i).unwrap();
    let y1 = c.rows[1];
    assert!(
        (y1.extra_margin - 3_660.0).abs() < 1e-9,
        "{}",
        y1.extra_margin
    );
    assert_close!(y1.support_savings, 2_500.0, 1e-9);
    assert_close!(c.rows[2].customers_baseline, 900.0, 1e-9);
}

#[test]
fn refusals_name_the_input() {
    let mut i = simple();
    i.margin_rate = 1.2;
    assert_eq!(
        appraise(&i).unwrap_err().to_string(),
        "margin_rate must be in [0,1]: got 1.2"
    );
    let mut i = simple();
    i.churn_reduction = 0.3;
    assert!(matches!(
        appraise(&i),
        Err(BusinessCaseError::ReductionExceedsChurn { .. })
    ));
    let mut i = simple();
    i.years = 0;
    assert_eq!(appraise(&i), Err(BusinessCaseError::YearsOutOfRange(0)));
    assert!(monte_carlo(&simple(), &[], 0, 1).is_err());
    let bad = [(
        Input::SpendUplift,
        Distribution::Triangular {
            low: 0.1,
            high: 0.2,
        },
    )];
    assert!(monte_carlo(&simple(), &bad, 10, 1).is_err());
}

/// Reference: NPV is linear in the running cost with slope −Σ 1/(1+d)^t
/// (annuity factor 1/1.1 + 1/1.21 = 1.73554), so its ±10 % bar spans
/// 2 × 50 × 1.73554 = 173.554; bars come sorted by swing.
#[test]
fn tornado_by_hand() {
    let (base, bars) = tornado(&simple(), 0.10, &[]).unwrap();
    assert_close!(base, appraise(&simple()).unwrap().npv, 1e-12);
    let run = bars.iter().find(|b| b.input == Input::RunningCost).unwrap();
    assert_close!(run.swing, 2.0 * 50.0 * (1.0 / 1.1 + 1.0 / 1.21), 1e-9);
    assert!(run.npv_low > run.npv_high);
    assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
    // Zero-valued inputs are skipped unless given a range.
    assert!(bars.iter().all(|b| b.input != Input::SpendUplift));
    let (_, bars) = tornado(&simple(), 0.10, &[(Input::SpendUplift, 0.0, 0.05)]).unwrap();
    assert!(bars
        .iter()
        .any(|b| b.input == Input::SpendUplift && b.swing > 0.0));
    // Clamped: margin 0.5 ± 150 % stays in [0, 1].
    let (_, bars) = tornado(&simple(), 1.5, &[]).unwrap();
    let m = bars.iter().find(|b| b.input == Input::MarginRate).unwrap();
    assert_eq!((m.low, m.high), (0.0, 1.0));
}

/// Reference: Box–Muller output has mean 0 and variance 1; over 200,000
/// draws the sample mean is within 4 × 1/√n = 0.009 and the variance
/// within 4 × √(2/n) = 0.0127 (CLT).
#[test]
fn normal_draws_have_unit_moments() {
    let mut rng = Pcg64::seed_from_u64(11);
    let n = 200_000;
    let xs: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
    assert!(
        mean.abs() < 0.009 && (var - 1.0).abs() < 0.0127,
        "{mean} {var}"
    );
    assert!(xs.iter().all(|x| x.is_finite()));
}

/// Reference: with only the spend uplift uncertain, NPV is linear in it
/// (slope s = margin × revenue × Σ_t N_t/(1+d)^t), so the NPV band is the
/// normal band: p05/p95 = NPV ∓ 1.645 · s · sd, mean = NPV; tolerance 3 %
/// of the half-width with 20,000 draws. Same seed, same band.
#[test]
fn monte_carlo_matches_normal_theory_and_is_reproducible() {
    let i = simple();
    let sd = 0.02;
    let unc = [(Input::SpendUplift, Distribution::Normal { sd })];
    let mc = monte_carlo(&i, &unc, 20_000, 42).unwrap();
    let npv = appraise(&i).unwrap().npv;
    let slope = 0.5 * 100.0 * (1_000.0 / 1.1 + 850.0 / 1.21);
    let half = 1.645 * slope * sd;
    assert!(
        (mc.npv.p05 - (npv - half)).abs() < 0.03 * half,
        "{:?}",
        mc.npv
    );
    assert!(
        (mc.npv.p95 - (npv + half)).abs() < 0.03 * half,
        "{:?}",
        mc.npv
    );
    assert_close!(mc.npv_mean, npv, 0.03 * half);
    assert_eq!(mc.cumulative_discounted.len(), 3);
    assert_eq!(monte_carlo(&i, &unc, 20_000, 42).unwrap(), mc);
    assert_ne!(monte_carlo(&i, &unc, 20_000, 43).unwrap(), mc);
    // No uncertainty: the band collapses onto the NPV.
    let flat = monte_carlo(&i, &[], 10, 1).unwrap();
    assert_eq!((flat.npv.p05, flat.npv.p95), (npv, npv));
}

/// Reference: a triangular(0, 0, 1) has CDF 1 − (1−x)²: its median is
/// 1 − 1/√2 = 0.2929 (tolerance 0.01 over 50,000 draws).
#[test]
fn triangular_median() {
    let mut rng = Pcg64::seed_from_u64(5);
    let mut xs: Vec<f64> = (0..50_000)
        .map(|_| {
            sample(
                &Distribution::Triangular {
                    low: 0.0,
                    high: 1.0,
                },
                0.0,
                &mut rng,
            )
        })
        .collect();
    xs.sort_by(f64::total_cmp);
    assert_close!(percentile(&xs, 0.5), (1.0 - 0.5f64.sqrt()), 0.01);
    // Type-7 percentile by hand: [1,2,3,4] at 0.25 → 1.75.
    assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
}
