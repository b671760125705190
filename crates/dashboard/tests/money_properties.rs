#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the Churn & acquisition and Business case pages
//! (proptest, fixed seed): monotonicity, and no NaN or infinity reaching a
//! Figure for any value the assumption fields can send.
#![cfg(not(target_arch = "wasm32"))]

use cxi_dashboard::pages::assumptions::all;
use cxi_dashboard::pages::business;
use cxi_dashboard::pages::churn;
use cxi_dashboard::scenario::reduce;
use cxi_dashboard::scenario::Scenario;
use cxi_models::business_case::appraise;
use cxi_models::business_case::BusinessCaseInputs;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Mark;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::Locale;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// Anything a number field can send: typed numbers of any size and sign,
/// including the extremes the parser accepts.
fn typed() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e3f64..1e3,
        0.0f64..100.0,
        -1e12f64..1e12,
        Just(0.0),
        Just(100.0),
        Just(1e300),
        Just(-1e300),
        Just(f64::MIN_POSITIVE),
    ]
}

fn finite_or_missing(f: &Figure) -> bool {
    match f {
        Figure::Missing | Figure::Text(_) => true,
        other => other.value().is_some(),
    }
}

fn card_ok(h: &Headline) -> bool {
    finite_or_missing(&h.figure)
        && h.interval
            .as_ref()
            .is_none_or(|(a, b, _)| finite_or_missing(a) && finite_or_missing(b))
        && h.how.inputs.iter().all(|(_, f)| finite_or_missing(f))
        && !h.reading.contains("NaN")
        && !h.reading.contains("inf")
}

fn chart_ok(c: &ChartSpec) -> bool {
    let finite = |v: f64| v.is_finite();
    c.series.iter().all(|s| match &s.mark {
        Mark::Line { points, .. } | Mark::Area { points } => {
            points.iter().all(|(x, y)| finite(*x) && finite(*y))
        }
        Mark::Band { points } => points
            .iter()
            .all(|(x, a, b)| finite(*x) && finite(*a) && finite(*b)),
        Mark::Bars { spans, .. } => spans.iter().all(|(a, b)| finite(*a) && finite(*b)),
        Mark::Rule { x, y } => x.is_none_or(finite) && y.is_none_or(finite),
        _ => true,
    }) && c.table.rows.iter().flatten().all(finite_or_missing)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        rng_seed: RngSeed::Fixed(0x6D6F_6E65),
        ..ProptestConfig::default()
    })]

    /// Every field of both pages set to any typed value: the cards and the
    /// charts hold finite numbers or say "missing", and nothing panics.
    #[test]
    fn no_nan_or_infinity_reaches_a_figure(values in proptest::collection::vec(typed(), 40)) {
        let mut s = Scenario::new(Locale::En);
        let groups = all(&s, Locale::En);
        let setters: Vec<_> = groups
            .iter()
            .filter(|g| g.id == "churn" || g.id == "business")
            .flat_map(|g| g.fields.iter().map(|f| f.set))
            .collect();
        for (set, v) in setters.iter().zip(values.iter().cycle()) {
            s = reduce(&s, set(*v));
        }
        let cv = churn::compute(&churn::ChurnSlice::of(&s));
        let sl = churn::ChurnSlice::of(&s);
        for h in cv.headlines(&sl) {
            prop_assert!(card_ok(&h), "{h:?}");
        }
        for c in [cv.projection_chart(&sl), cv.cac_chart(&sl), cv.payback_chart(&sl)].iter().flatten() {
            prop_assert!(chart_ok(c), "{c:?}");
        }
        let bv = business::compute(&business::BusinessSlice::of(&s));
        let band = bv.target().and_then(|c| business::band(&c.inputs));
        let h = bv.headline(&business::BusinessSlice::of(&s), band.as_ref());
        prop_assert!(card_ok(&h), "{h:?}");
        let mut charts = vec![bv.cash_chart(&business::BusinessSlice::of(&s)), bv.tornado_chart(&business::BusinessSlice::of(&s)), bv.scenarios_chart(&business::BusinessSlice::of(&s))];
        if let Some(b) = &band {
            charts.push(bv.band_chart(&business::BusinessSlice::of(&s), b));
        }
        for c in charts.iter().flatten() {
            prop_assert!(chart_ok(c), "{c:?}");
        }
    }

    /// The annual cost of churn rises with churn (everything else fixed).
    #[test]
    fn cost_of_churn_rises_with_churn(a in 0.0f64..99.0, step in 0.01f64..1.0) {
        let at = |pct: f64| {
            let s = reduce(
                &Scenario::new(Locale::En),
                cxi_dashboard::scenario::Action::Churn(churn::ChurnAction::SetAnnualChurnPct(pct)),
            );
            let s = reduce(
                &s,
                cxi_dashboard::scenario::Action::Churn(churn::ChurnAction::SetTargetChurnPct(0.0)),
            );
            churn::compute(&churn::ChurnSlice::of(&s)).impact.unwrap().margin_lost
        };
        prop_assert!(at(a + step) > at(a));
    }

    /// NPV falls when the discount rate rises, for cash flows that are
    /// positive after year 0 (benefits above running costs every year).
    #[test]
    fn npv_falls_when_discount_rises(
        d in 0.0f64..0.5,
        step in 0.001f64..0.5,
        reduction in 0.05f64..0.2,
        years in 1u32..10,
    ) {
        let base = BusinessCaseInputs {
            customers: 10_000.0,
            revenue_per_customer: 1_200.0,
            margin_rate: 0.5,
            annual_churn: 0.3,
            new_customers_per_year: 1_000.0,
            contacts_per_customer: 2.0,
            cost_per_contact: 6.0,
            one_off_cost: 100_000.0,
            running_cost: 0.0,
            years,
            discount_rate: d,
            churn_reduction: reduction,
            spend_uplift: 0.0,
            contact_reduction: 0.1,
            nps_points: 0.0,
            revenue_per_nps_point: 0.0,
        };
        let a = appraise(&base).unwrap();
        prop_assert!(a.rows.iter().skip(1).all(|r| r.net_cash_flow > 0.0));
        let b = appraise(&BusinessCaseInputs { discount_rate: d + step, ..base }).unwrap();
        prop_assert!(b.npv < a.npv);
    }
}
