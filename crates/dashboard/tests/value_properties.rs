//! Property tests of the value models (proptest): ranges, monotonicity and
//! finiteness over wide parameter ranges; refusals instead of panics.
#![cfg(not(target_arch = "wasm32"))]

use cxi_dashboard::pages::value::parsed_rfm::summarize_parsed;
use cxi_models::bgnbd::BgNbdParams;
use cxi_models::business_case::appraise;
use cxi_models::business_case::BusinessCaseInputs;
use cxi_models::churn::churn_reduction_value;
use cxi_models::churn::cohort_value;
use cxi_models::churn::simple_ltv;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::summarize;
use cxi_models::rfm::unit_days;
use cxi_models::rfm::Day;
use cxi_models::rfm::Rfm;
use cxi_models::rfm::TimeConvention;
use cxi_models::rfm::Transaction;
use cxi_models::rfm_clv::customer_value;
use cxi_models::rfm_clv::ClvSettings;
use cxi_models::sbg::SbgParams;
use cxi_types::period::PeriodUnit;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use std::collections::BTreeMap;

fn bg_params() -> impl Strategy<Value = BgNbdParams> {
    (0.05f64..5.0, 0.5f64..100.0, 0.05f64..5.0, 0.05f64..10.0)
        .prop_map(|(r, al, a, b)| BgNbdParams::new(r, al, a, b).unwrap())
}

/// A valid history: T in (0, 400], t_x ≤ T, t_x = 0 iff x = 0.
fn history() -> impl Strategy<Value = (u32, f64, f64)> {
    (0u32..200, 0.0f64..=1.0, 0.01f64..400.0).prop_map(|(x, frac, t)| {
        if x == 0 {
            (0, 0.0, t)
        } else {
            (x, frac * t, t)
        }
    })
}

proptest! {
    // Fixed seed: the same 200 cases on every run (deterministic tests).
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: RngSeed::Fixed(0x00C0_FFEE),
        ..ProptestConfig::default()
    })]

    #[test]
    fn p_alive_is_a_probability(p in bg_params(), (x, tx, t) in history()) {
        let pa = p.p_alive(x, tx, t).unwrap();
        prop_assert!((0.0..=1.0).contains(&pa));
    }

    #[test]
    fn expected_purchases_grow_with_time(p in bg_params(), t in 0.0f64..500.0, dt in 0.01f64..200.0) {
        let a = p.expected_purchases(t).unwrap();
        let b = p.expected_purchases(t + dt).unwrap();
        prop_assert!(a.is_finite() && b.is_finite() && a >= 0.0);
        prop_assert!(b >= a - 1e-9 * b.abs().max(1.0), "{} then {}", a, b);
    }

    #[test]
    fn conditional_expectation_grows_and_is_finite(
        p in bg_params(), (x, tx, t) in history(), h in 0.0f64..300.0, dh in 0.01f64..100.0,
    ) {
        let a = p.conditional_expected_purchases(h, x, tx, t).unwrap();
        let b = p.conditional_expected_purchases(h + dh, x, tx, t).unwrap();
        prop_assert!(a.is_finite() && b.is_finite() && a >= 0.0);
        prop_assert!(b >= a - 1e-9 * b.abs().max(1.0), "{} then {}", a, b);
    }

    #[test]
    fn pmf_is_a_probability(p in bg_params(), t in 0.0f64..200.0, n in 0u32..60) {
        let v = p.prob_purchases(t, n).unwrap();
        prop_assert!((0.0..=1.0 + 1e-12).contains(&v));
    }

    #[test]
    fn expected_spend_is_between_population_and_own_mean(
        pp in 0.1f64..20.0, q in 1.01f64..20.0, v in 0.1f64..500.0, x in 1u32..100, m in 0.0f64..1e4,
    ) {
        let g = GammaGammaParams::new(pp, q, v).unwrap();
        let pop = g.population_mean_spend().unwrap();
        let e = g.expected_average_spend(x, m).unwrap();
        prop_assert!(e >= pop.min(m) * (1.0 - 1e-12) && e <= pop.max(m) * (1.0 + 1e-12));
    }

    #[test]
    fn sbg_curves_are_monotone(alpha in 0.05f64..20.0, beta in 0.05f64..50.0, d in 0.001f64..1.0, t in 1u32..100) {
        let p = SbgParams::new(alpha, beta).unwrap();
        prop_assert!(p.survival(t + 1) <= p.survival(t));
        prop_assert!(p.retention(t + 1) >= p.retention(t));
        let a = p.del(d).unwrap();
        let b = p.del(d * 1.5).unwrap();
        prop_assert!(a.is_finite() && a >= 1.0 && b <= a);
        let r = p.derl(d, t).unwrap();
        prop_assert!(r.is_finite() && r >= 0.0);
    }

    /// More churn (a larger α at the same β raises the mean churn α/(α+β))
    /// never raises the discounted lifetime or the CLV.
    #[test]
    fn sbg_value_falls_with_churn(
        alpha in 0.05f64..20.0, da in 0.01f64..5.0, beta in 0.05f64..50.0, d in 0.001f64..1.0,
        m in 0.01f64..1e4,
    ) {
        let lo = SbgParams::new(alpha, beta).unwrap();
        let hi = SbgParams::new(alpha + da, beta).unwrap();
        prop_assert!(hi.del(d).unwrap() <= lo.del(d).unwrap() * (1.0 + 1e-12));
        prop_assert!(hi.clv(m, d).unwrap() <= lo.clv(m, d).unwrap() * (1.0 + 1e-12));
    }

    #[test]
    fn rfm_clv_falls_with_discount_and_rises_with_margin(
        p in bg_params(), (x, tx, t) in history(), m in 1.0f64..500.0, d in 0.0f64..0.5, dd in 0.01f64..0.5,
    ) {
        let g = GammaGammaParams::new(6.25, 3.74, 15.44).unwrap();
        let c = Rfm { frequency: x, recency: tx, age: t, monetary_value: m };
        let lo = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, d, 0.5).unwrap();
        let hi = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, d + dd, 0.5).unwrap();
        let full = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, d, 1.0).unwrap();
        let a = customer_value(&p, &g, &c, &lo).unwrap();
        let b = customer_value(&p, &g, &c, &hi).unwrap();
        let f = customer_value(&p, &g, &c, &full).unwrap();
        prop_assert!(a.clv.is_finite() && a.clv >= 0.0);
        prop_assert!(b.clv <= a.clv * (1.0 + 1e-12));
        prop_assert!((f.clv - 2.0 * a.clv).abs() <= 1e-9 * f.clv.max(1.0));
    }

    #[test]
    fn cohort_value_falls_with_churn_and_discount(
        n in 1.0f64..1e6, m in 0.01f64..1e4, c in 0.0f64..1.0, dc in 0.001f64..0.5,
        d in 0.0f64..0.5, h in proptest::option::of(1u32..600),
    ) {
        let a = cohort_value(n, m, c, d, h, PeriodUnit::Month).unwrap();
        let b = cohort_value(n, m, (c + dc).min(1.0), d, a.horizon, PeriodUnit::Month).unwrap();
        let e = cohort_value(n, m, c, d + 0.01, a.horizon, PeriodUnit::Month).unwrap();
        prop_assert!(a.value.is_finite() && a.value >= 0.0);
        prop_assert!(b.value <= a.value * (1.0 + 1e-12));
        prop_assert!(e.value <= a.value * (1.0 + 1e-12));
        let r = churn_reduction_value(n, m, (c + dc).min(1.0), dc.min(c + dc), d, h, PeriodUnit::Month).unwrap();
        prop_assert!(r.npv.is_finite() && r.npv >= -1e-9 * a.value.max(1.0));
        let l = simple_ltv(m, c, PeriodUnit::Month).unwrap();
        prop_assert!(l.value.is_finite());
    }

    #[test]
    fn business_case_monotone_and_finite(
        customers in 0.0f64..1e6, arpu in 0.0f64..1e4, margin in 0.0f64..=1.0,
        churn in 0.0f64..=1.0, red_frac in 0.0f64..=1.0, run in 0.0f64..1e6, extra in 1.0f64..1e5,
        years in 1u32..30, d in 0.0f64..0.3,
    ) {
        let base = BusinessCaseInputs {
            customers, revenue_per_customer: arpu, margin_rate: margin, annual_churn: churn,
            new_customers_per_year: 10.0, contacts_per_customer: 1.0, cost_per_contact: 5.0,
            one_off_cost: 1e4, running_cost: run, years, discount_rate: d,
            churn_reduction: churn * red_frac, spend_uplift: 0.02, contact_reduction: 0.1,
            nps_points: 3.0, revenue_per_nps_point: 0.001,
        };
        let a = appraise(&base).unwrap();
        prop_assert!(a.npv.is_finite() && a.rows.iter().all(|r| r.net_cash_flow.is_finite()));
        let mut costly = base;
        costly.running_cost = run + extra;
        prop_assert!(appraise(&costly).unwrap().npv < a.npv);
        // Keeping more customers pays only when their margin covers what
        // serving them costs (1 contact × 5 € a year here).
        if margin * arpu >= 5.0 {
            let mut less = base;
            less.churn_reduction = churn * red_frac * 0.5;
            prop_assert!(appraise(&less).unwrap().npv <= a.npv + 1e-6 * a.npv.abs().max(1.0));
        }
        if let Some(p) = a.payback_years {
            prop_assert!(p >= 0.0 && p <= f64::from(years));
        }
    }

    /// Any log summarises or is refused; outputs respect T ≥ recency ≥ 0.
    #[test]
    fn rfm_summary_never_panics(
        rows in proptest::collection::vec((0u8..20, -2000i32..2000, proptest::num::f64::ANY), 0..200),
        unit in prop_oneof![Just(PeriodUnit::Day), Just(PeriodUnit::Week), Just(PeriodUnit::Month)],
        end in proptest::option::of(-2000i32..2000),
    ) {
        let log: Vec<Transaction<u8>> = rows.iter()
            .map(|&(c, d, a)| Transaction { customer: c, day: Day(d), amount: a })
            .collect();
        if let Ok(t) = summarize(&log, unit, TimeConvention::Days, end.map(Day)) {
            for (_, r) in &t.customers {
                prop_assert!(r.recency >= 0.0 && r.recency <= r.age);
                prop_assert!(r.monetary_value.is_finite() && r.monetary_value >= 0.0);
                prop_assert!(r.frequency as usize <= log.len());
            }
        }
    }

    /// The summary against a naive reference written from the definition
    /// (`rfm::summarize`'s `# Formula`): per customer, the distinct days (or
    /// periods) of the rows up to the end with a non-negative amount;
    /// frequency = their count − 1, recency and T from the first one (days
    /// ÷ the unit's length, or whole periods), spend = mean total of the
    /// repeat ones. Both entry points: string ids, and the parser's numbered
    /// customers with dates.
    #[test]
    fn rfm_summary_matches_the_definition(
        rows in proptest::collection::vec((0u8..12, 0i32..900, -50i32..5000), 1..150),
        unit in prop_oneof![Just(PeriodUnit::Day), Just(PeriodUnit::Week), Just(PeriodUnit::Month)],
        end in proptest::option::of(0i32..900),
        convention in prop_oneof![Just(TimeConvention::Days), Just(TimeConvention::WholePeriods)],
    ) {
        let base = 19_000; // 2022-01-08, so every day is a real date.
        let log: Vec<Transaction<String>> = rows.iter()
            .map(|&(c, d, cents)| Transaction {
                customer: format!("C{c}"),
                day: Day(base + d),
                amount: f64::from(cents) / 100.0,
            })
            .collect();
        let end_day = end.map_or_else(|| log.iter().map(|t| t.day).max().unwrap(), |e| Day(base + e));
        // The reference.
        let (tick, length) = match convention {
            TimeConvention::Days => (Box::new(|d: Day| d.0) as Box<dyn Fn(Day) -> i32>, unit_days(unit)),
            TimeConvention::WholePeriods => (Box::new(|d: Day| d.period(unit)) as Box<dyn Fn(Day) -> i32>, 1.0),
        };
        let mut by_customer: BTreeMap<&str, BTreeMap<i32, f64>> = BTreeMap::new();
        for t in &log {
            if t.day <= end_day && t.amount >= 0.0 {
                *by_customer.entry(&t.customer).or_default().entry(tick(t.day)).or_default() += t.amount;
            }
        }
        let end_period = tick(end_day);
        let want: BTreeMap<String, Rfm> = by_customer.iter().map(|(&c, periods)| {
            let first = *periods.keys().next().unwrap();
            let last = *periods.keys().last().unwrap();
            let frequency = periods.len() as u32 - 1;
            let repeat: f64 = periods.iter().filter(|(&p, _)| p != first).map(|(_, a)| a).sum();
            (c.to_string(), Rfm {
                frequency,
                recency: f64::from(last - first) / length,
                age: f64::from(end_period - first) / length,
                monetary_value: if frequency == 0 { 0.0 } else { repeat / f64::from(frequency) },
            })
        }).collect();
        let close = |got: &BTreeMap<String, Rfm>| -> Result<(), TestCaseError> {
            prop_assert_eq!(got.len(), want.len());
            for (c, w) in &want {
                let g = &got[c];
                prop_assert_eq!((g.frequency, g.recency, g.age), (w.frequency, w.recency, w.age), "{}", c);
                prop_assert!((g.monetary_value - w.monetary_value).abs() <= 1e-9 * w.monetary_value.abs().max(1.0), "{}", c);
            }
            Ok(())
        };
        let plain = summarize(&log, unit, convention, end.map(|e| Day(base + e)));
        let customer_ids: Vec<String> = {
            let mut seen = Vec::new();
            for t in &log {
                if !seen.contains(&t.customer) {
                    seen.push(t.customer.clone());
                }
            }
            seen
        };
        let parsed = cxi_parse::Transactions {
            customer: log.iter().map(|t| customer_ids.iter().position(|c| *c == t.customer).unwrap() as u32).collect(),
            date: log.iter().map(|t| {
                let (y, m, d) = t.day.ymd();
                chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
            }).collect(),
            amount: log.iter().map(|t| t.amount).collect(),
            channel: None,
            segment: None,
            rows: (2..log.len() as u32 + 2).collect(),
            customer_ids: customer_ids.clone(),
        };
        let dense = summarize_parsed(&parsed, unit, convention, end.map(|e| Day(base + e)));
        if want.is_empty() {
            prop_assert!(plain.is_err() && dense.is_err());
            return Ok(());
        }
        let plain = plain.unwrap();
        close(&plain.customers.into_iter().collect())?;
        let dense = dense.unwrap();
        close(&dense.customer.iter().zip(&dense.rfm).map(|(&c, &r)| (customer_ids[c as usize].clone(), r)).collect())?;
    }
}
