#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the NPS → revenue, Drivers and Maturity pages
//! (proptest, fixed seed): NPS stays in [−100, 100], moving detractors up
//! never lowers value, and no NaN or infinity reaches a figure or a chart,
//! whatever the user types.

// proptest needs OS randomness, which wasm32 lacks: native only.
#![cfg(not(target_arch = "wasm32"))]

use cxi_dashboard::pages::maturity;
use cxi_dashboard::pages::maturity::MaturityAction;
use cxi_dashboard::pages::voice;
use cxi_dashboard::pages::voice::VoiceAction;
use cxi_dashboard::pages::voice::VoiceKey;
use cxi_dashboard::scenario::reduce;
use cxi_dashboard::scenario::Action;
use cxi_dashboard::scenario::Scenario;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Mark;
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Locale;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn finite_figure(f: &Figure) -> bool {
    match f {
        Figure::Money(v) | Figure::Ratio(v) | Figure::Points(v) => v.is_finite(),
        Figure::Percent { value, .. }
        | Figure::Number { value, .. }
        | Figure::Periods { value, .. } => value.is_finite(),
        Figure::Text(_) | Figure::Missing => true,
    }
}

fn chart_is_finite(c: &ChartSpec) -> bool {
    let marks = c.series.iter().all(|s| match &s.mark {
        Mark::Line { points, .. } | Mark::Area { points } => {
            points.iter().all(|(x, y)| x.is_finite() && y.is_finite())
        }
        Mark::Band { points } => points
            .iter()
            .all(|(x, a, b)| x.is_finite() && a.is_finite() && b.is_finite()),
        Mark::Bars { spans, .. } => spans.iter().all(|(a, b)| a.is_finite() && b.is_finite()),
        Mark::Points { points } => points
            .iter()
            .all(|(x, y, _)| x.is_finite() && y.is_finite()),
        Mark::Rule { x, y } => x.is_none_or(f64::is_finite) && y.is_none_or(f64::is_finite),
        Mark::Radar { values } => values.iter().all(|v| v.is_finite()),
        Mark::Grid { values } => values.iter().flatten().all(|v| v.is_finite()),
    });
    let range = |r: Option<(f64, f64)>| r.is_none_or(|(a, b)| a.is_finite() && b.is_finite());
    marks
        && range(c.x.range)
        && range(c.y.range)
        && c.table.rows.iter().flatten().all(finite_figure)
}

fn set(s: &Scenario, key: VoiceKey, v: f64) -> Scenario {
    reduce(s, Action::Voice(VoiceAction::Set(key, v)))
}

/// Any number a user could type or a link could carry.
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -50.0f64..500.0,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-1e300),
        1 => Just(1e300),
        1 => Just(0.0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        rng_seed: RngSeed::Fixed(0x0000_7015),
        cases: 128,
        ..ProptestConfig::default()
    })]

    /// NPS of any assumed counts is in [−100, 100], and so is its interval.
    #[test]
    fn nps_stays_in_range(d in 0.0f64..1e6, pa in 0.0f64..1e6, p in 0.0f64..1e6) {
        let s = set(&set(&set(&Scenario::new(Locale::En), VoiceKey::Detractors, d), VoiceKey::Passives, pa), VoiceKey::Promoters, p);
        let v = voice::compute(&voice::VoiceSlice::of(&s));
        if let Some(e) = v.estimate {
            prop_assert!((-100.0..=100.0).contains(&e.nps));
            prop_assert!(e.ci_low >= -100.0 && e.ci_high <= 100.0);
        } else {
            prop_assert_eq!(v.counts.n(), 0);
        }
    }

    /// With margins that stay positive in every category, moving a larger
    /// share of detractors up is worth at least as much, in lifetime value
    /// and in revenue. The mix keeps passives between 0.2 and 2 times the
    /// detractors: outside it the core's default economics split referrals
    /// and word of mouth so that one passive refers less, or spreads more
    /// negative word of mouth, than one detractor (the page then says so).
    #[test]
    fn moving_detractors_up_never_lowers_value(
        a in 0.0f64..100.0, b in 0.0f64..100.0,
        spend in 10.0f64..1000.0, margin in 20.0f64..90.0, cost_share in 0.0f64..0.3,
        referrals in 0.0f64..50.0, lost in 0.0f64..50.0, retention in 50.0f64..99.0,
        d in 1.0f64..5000.0, k in 0.2f64..2.0, p in 0.0f64..5000.0,
    ) {
        let pa = d * k;
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let mut s = Scenario::new(Locale::En);
        s.clv.retention_pct = retention;
        for (k, v) in [
            (VoiceKey::Spend, spend), (VoiceKey::MarginRate, margin),
            (VoiceKey::CostToServe, spend * margin / 100.0 * cost_share),
            (VoiceKey::Referrals, referrals), (VoiceKey::Lost, lost),
            (VoiceKey::Detractors, d), (VoiceKey::Passives, pa), (VoiceKey::Promoters, p),
        ] {
            s = set(&s, k, v);
        }
        let at = |share: f64| {
            let v = voice::compute(&voice::VoiceSlice::of(&set(&s, VoiceKey::DetractorsToPassives, share)));
            let m = v.money.unwrap();
            (m.move_value, m.scenario.present_value - m.baseline.present_value)
        };
        let (v_lo, pv_lo) = at(lo);
        let (v_hi, pv_hi) = at(hi);
        prop_assert!(v_lo >= -1e-6 && pv_lo >= -1e-6, "{} {}", v_lo, pv_lo);
        prop_assert!(v_hi >= v_lo - 1e-6 * v_hi.abs().max(1.0));
        prop_assert!(pv_hi >= pv_lo - 1e-6 * pv_hi.abs().max(1.0));
    }

    /// Whatever is typed, every figure and chart of the page is finite or
    /// explicitly missing, and nothing panics.
    #[test]
    fn no_nan_or_infinity_reaches_a_figure(values in proptest::collection::vec(any_number(), 12), retention in any_number(), discount in any_number()) {
        let mut s = Scenario::new(Locale::Fr);
        s.clv.retention_pct = retention;
        s.clv.annual_discount_pct = discount;
        for (k, v) in VoiceKey::ALL.iter().zip(values) {
            s = set(&s, *k, v);
        }
        let v = voice::compute(&voice::VoiceSlice::of(&s));
        for h in voice::headlines_of(&voice::VoiceSlice::of(&s), &v) {
            prop_assert!(finite_figure(&h.figure), "{:?}", h.figure);
            if let Some((a, b, _)) = &h.interval {
                prop_assert!(finite_figure(a) && finite_figure(b));
            }
            prop_assert!(h.how.inputs.iter().all(|(_, f)| finite_figure(f)));
            prop_assert!(!h.reading.contains("NaN") && !h.reading.contains("inf"));
        }
        prop_assert!(chart_is_finite(&v.distribution_chart(Locale::Fr)));
        if let Ok(m) = &v.money {
            for c in [
                m.waterfall_chart(Locale::Fr, Currency::Eur),
                m.projection_chart(Locale::Fr, Currency::Eur),
                m.links_chart(Locale::Fr, Currency::Eur),
            ] {
                prop_assert!(chart_is_finite(&c), "{}", c.id);
            }
            prop_assert!(m.economics_table(Locale::Fr, Currency::Eur).rows.iter().flatten().all(finite_figure));
            prop_assert!(!v.move_sentence(&voice::VoiceSlice::of(&s)).contains("NaN"));
        }
    }

    /// Any complete set of answers gives radar values in [0, 100], one per
    /// pillar, equal to the core's scores.
    #[test]
    fn radar_values_are_scores_in_range(answers in proptest::collection::vec(1u8..=5, 15)) {
        let mut s = Scenario::new(Locale::En);
        for (i, v) in answers.iter().enumerate() {
            let id = format!("{}{}", ["VS", "LA", "OC"][i / 5], i % 5 + 1);
            s = reduce(&s, Action::Maturity(MaturityAction::Answer(id, Some(*v))));
        }
        let r = maturity::compute(&s).result.unwrap();
        let c = maturity::radar_chart(&r, Locale::En);
        let Mark::Radar { values } = &c.series[0].mark else { panic!() };
        prop_assert_eq!(values.len(), 3);
        for (v, p) in values.iter().zip(&r.pillars) {
            prop_assert!((0.0..=100.0).contains(v));
            prop_assert_eq!(*v, p.score);
        }
        prop_assert!(chart_is_finite(&c));
    }
}
