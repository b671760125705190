//! Property tests of the voice-of-customer core (proptest, fixed seeds from
//! proptest's deterministic default runner).
#![cfg(not(target_arch = "wasm32"))]

use cxi_models::drivers::key_drivers;
use cxi_models::drivers::Column;
use cxi_models::drivers::MissingData;
use cxi_models::nps::nps_difference;
use cxi_models::nps::NpsCounts;
use cxi_models::score_value::GroupEconomics;
use cxi_models::score_value::ValueSettings;
use cxi_models::seasonality::seasonal_indices;
use cxi_models::seasonality::MonthlyValue;
use cxi_models::segments::rfm_scores;
use cxi_models::segments::RfmCustomer;
use cxi_models::stats::adjusted_wald_proportion;
use cxi_models::stats::mean_interval;
use cxi_models::stats::ConfidenceLevel;
use cxi_models::wallet::wallet_allocation_from_scores;
use cxi_types::period::PeriodUnit;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn level() -> impl Strategy<Value = ConfidenceLevel> {
    (0.5f64..0.999).prop_map(|c| ConfidenceLevel::new(c).unwrap())
}

proptest! {
    // Fixed seed: the same cases on every run (deterministic tests).
    #![proptest_config(ProptestConfig {
        rng_seed: RngSeed::Fixed(0x0000_5C0E),
        ..ProptestConfig::default()
    })]

    /// NPS stays in [−100, 100], shares sum to 1, the interval is ordered,
    /// inside ±100 and contains the adjusted estimate; it also contains the
    /// observed NPS from n = 2 on (at n = 1 the ¾ pseudo-answers dominate).
    #[test]
    fn nps_bounds_and_interval(p in 0u64..2000, pa in 0u64..2000, d in 0u64..2000, c in level()) {
        prop_assume!(p + pa + d > 0);
        let e = NpsCounts::new(p, pa, d).estimate(c).unwrap();
        prop_assert!((-100.0..=100.0).contains(&e.nps));
        prop_assert!((e.promoters + e.passives + e.detractors - 1.0).abs() < 1e-12);
        prop_assert!(e.ci_low <= e.ci_high);
        prop_assert!(e.ci_low >= -100.0 && e.ci_high <= 100.0);
        prop_assert!(e.ci_low <= e.nps_adjusted + 1e-9 && e.nps_adjusted <= e.ci_high + 1e-9);
        if e.n >= 2 {
            prop_assert!(e.ci_low <= e.nps + 1e-9 && e.nps <= e.ci_high + 1e-9,
                "n={} nps={} ci=[{}, {}]", e.n, e.nps, e.ci_low, e.ci_high);
        }
        for v in [e.nps, e.nps_adjusted, e.margin_of_error, e.ci_low, e.ci_high] {
            prop_assert!(v.is_finite());
        }
    }

    /// The difference interval is ordered, finite, within ±200 and contains
    /// the adjusted difference; swapping the samples mirrors it.
    #[test]
    fn nps_difference_is_consistent(
        a in (0u64..500, 0u64..500, 0u64..500), b in (0u64..500, 0u64..500, 0u64..500),
    ) {
        let (a, b) = (NpsCounts::new(a.0, a.1, a.2), NpsCounts::new(b.0, b.1, b.2));
        prop_assume!(a.n() > 0 && b.n() > 0);
        let c = ConfidenceLevel::NINETY_FIVE;
        let d = nps_difference(&a, &b, c).unwrap();
        let r = nps_difference(&b, &a, c).unwrap();
        prop_assert!(d.ci_low <= d.difference_adjusted && d.difference_adjusted <= d.ci_high);
        prop_assert!(d.ci_low >= -200.0 && d.ci_high <= 200.0);
        prop_assert!((d.difference + r.difference).abs() < 1e-9);
        prop_assert_eq!(d.significant, r.significant);
        prop_assert!(d.p_value.is_finite() && (0.0..=1.0).contains(&d.p_value));
    }

    /// The adjusted-Wald interval is inside [0, 1] and contains the observed
    /// proportion (it contains the Wilson interval, which always does).
    #[test]
    fn proportion_interval_contains_estimate(x in 0u64..5000, extra in 0u64..5000, c in level()) {
        let n = x + extra;
        let ci = adjusted_wald_proportion(x, n, c);
        prop_assert!(0.0 <= ci.ci_low && ci.ci_low <= ci.ci_high && ci.ci_high <= 1.0);
        prop_assert!(ci.ci_low <= ci.estimate + 1e-12 && ci.estimate <= ci.ci_high + 1e-12);
    }

    /// The t interval of a mean contains the mean and is finite.
    #[test]
    fn mean_interval_contains_mean(v in proptest::collection::vec(-1e6f64..1e6, 1..200), c in level()) {
        let m = mean_interval(&v, c);
        prop_assert!(m.mean.is_finite() && m.ci_low.is_finite() && m.ci_high.is_finite());
        prop_assert!(m.ci_low <= m.mean && m.mean <= m.ci_high);
    }

    /// Relative weights are non-negative and sum to R²; Shapley values sum to
    /// R²; rescaled weights sum to 100; nothing is NaN — on random data with
    /// random correlation structure (mixing a few latent factors).
    #[test]
    fn relative_weights_sum_to_r2(
        p in 1usize..7, n in 15usize..80,
        seed in proptest::collection::vec(-3.0f64..3.0, 80 * 10),
        mix in proptest::collection::vec(-1.0f64..1.0, 7 * 3),
        listwise in any::<bool>(),
    ) {
        prop_assume!(n > p + 2);
        // Three latent factors plus own noise per column; y loads on all.
        let factor = |i: usize, k: usize| seed[(i * 10 + k) % seed.len()];
        // Pairwise runs also get scattered missing answers.
        let cols: Vec<Vec<Option<f64>>> = (0..p)
            .map(|j| (0..n).map(|i| {
                let hole = !listwise && (i * 7 + j) % 11 == 0;
                (!hole).then(|| mix[j * 3] * factor(i, 0) + mix[j * 3 + 1] * factor(i, 1)
                    + mix[j * 3 + 2] * factor(i, 2) + factor(i, 3 + j % 7))
            }).collect())
            .collect();
        let y: Vec<Option<f64>> = (0..n)
            .map(|i| Some(factor(i, 0) - 0.5 * factor(i, 1) + 0.3 * factor(i, 9)))
            .collect();
        let names: Vec<String> = (0..p).map(|j| format!("a{j}")).collect();
        let attrs: Vec<Column> = cols.iter().zip(&names)
            .map(|(c, nm)| Column { name: nm, values: c }).collect();
        let mode = if listwise { MissingData::Listwise } else { MissingData::Pairwise };
        let Ok(a) = key_drivers(Column { name: "y", values: &y }, &attrs, mode) else {
            return Ok(());
        };
        prop_assert!((0.0..=1.0).contains(&a.r2));
        let raw: f64 = a.attributes.iter().map(|d| d.raw_weight).sum();
        let shap: f64 = a.attributes.iter().map(|d| d.shapley.unwrap()).sum();
        let resc: f64 = a.attributes.iter().map(|d| d.rescaled).sum();
        prop_assert!((raw - a.r2).abs() < 1e-9, "raw {raw} r2 {}", a.r2);
        prop_assert!((shap - a.r2).abs() < 1e-9, "shapley {shap} r2 {}", a.r2);
        if a.r2 > 1e-12 {
            prop_assert!((resc - 100.0).abs() < 1e-6);
        }
        for d in &a.attributes {
            prop_assert!(d.raw_weight >= -1e-12 && d.raw_weight.is_finite());
            prop_assert!(d.shapley.unwrap().is_finite());
            prop_assert!(d.mean.is_finite());
        }
    }

    /// Wallet Allocation Rule shares are positive and sum to 1 for any scores.
    #[test]
    fn wallet_shares_sum_to_one(scores in proptest::collection::vec(0.0f64..10.0, 1..12)) {
        let w = wallet_allocation_from_scores(&scores).unwrap();
        prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        prop_assert!(w.iter().all(|&s| s > 0.0 && s <= 1.0));
    }

    /// RFM scores stay on 1..=levels.
    #[test]
    fn rfm_scores_in_range(
        rows in proptest::collection::vec((0.0f64..400.0, 0.0f64..50.0, 0.0f64..1e4), 1..100),
        levels in 2u8..=10,
    ) {
        let customers: Vec<RfmCustomer> = rows.iter().enumerate()
            .map(|(i, &(r, f, m))| RfmCustomer { id: i.to_string(), recency_days: r, frequency: f, monetary: m })
            .collect();
        for s in rfm_scores(&customers, levels).unwrap() {
            for v in [s.r, s.f, s.m] {
                prop_assert!((1..=levels).contains(&v));
            }
        }
    }

    /// Seasonal indices of any positive series average 1 and are positive.
    #[test]
    fn seasonal_indices_average_one(values in proptest::collection::vec(1.0f64..1e5, 24..72)) {
        let series: Vec<MonthlyValue> = values.iter().enumerate()
            .map(|(t, &v)| MonthlyValue { year: 2000 + (t / 12) as i32, month: (t % 12 + 1) as u8, value: v })
            .collect();
        let idx = seasonal_indices(&series).unwrap();
        prop_assert!((idx.indices.iter().sum::<f64>() - 12.0).abs() < 1e-9);
        prop_assert!(idx.indices.iter().all(|&i| i > 0.0 && i.is_finite()));
    }

    /// With a positive margin, higher retention never lowers a group's value,
    /// and values are finite.
    #[test]
    fn group_value_rises_with_retention(
        r in 0.0f64..0.99, dr in 0.0f64..0.5, spend in 1.0f64..1e4, f in 0.0f64..1.0, w in 0.0f64..1.0,
    ) {
        let s = ValueSettings { margin_rate: 0.4, discount: 0.01, unit: PeriodUnit::Month, new_customer_value: 500.0 };
        let g = |ret: f64| GroupEconomics {
            label: "g".into(), retention: ret, spend, cost_to_serve: 0.0, referrals: f, negative_wom: w,
        };
        let hi = (r + dr).min(0.99);
        let (a, b) = (g(r).value(&s).unwrap(), g(hi).value(&s).unwrap());
        prop_assert!(a.own_clv <= b.own_clv + 1e-9);
        prop_assert!(a.total.is_finite() && b.total.is_finite());
    }
}
