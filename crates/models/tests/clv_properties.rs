//! Property tests of the closed-form CLV (proptest).
#![cfg(not(target_arch = "wasm32"))]

use cxi_models::clv::ClvInputs;
use cxi_models::clv::FirstPayment;
use cxi_types::period::PeriodUnit;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn fp() -> impl Strategy<Value = FirstPayment> {
    prop_oneof![Just(FirstPayment::Included), Just(FirstPayment::Excluded)]
}

proptest! {
    // Fixed seed: the same cases on every run (deterministic tests).
    #![proptest_config(ProptestConfig {
        rng_seed: RngSeed::Fixed(0x0000_0C17),
        ..ProptestConfig::default()
    })]

    /// More churn (less retention) never raises CLV when margin is positive.
    #[test]
    fn clv_falls_when_churn_rises(
        m in 0.01f64..1e6, r in 0.0f64..0.999, dr in 0.0001f64..0.5,
        d in 0.0f64..1.0, fp in fp(),
    ) {
        let r2 = (r - dr).max(0.0);
        let hi = ClvInputs::new(m, r, d, PeriodUnit::Month, fp).unwrap();
        let lo = ClvInputs::new(m, r2, d, PeriodUnit::Month, fp).unwrap();
        prop_assert!(lo.clv() <= hi.clv());
        prop_assert!(lo.clv_finite(36).unwrap() <= hi.clv_finite(36).unwrap() + 1e-9);
    }

    /// A higher discount rate never raises CLV when margin is positive.
    #[test]
    fn clv_falls_when_discount_rises(
        m in 0.01f64..1e6, r in 0.0f64..0.999, d in 0.0f64..1.0, dd in 0.0001f64..1.0, fp in fp(),
    ) {
        let a = ClvInputs::new(m, r, d, PeriodUnit::Year, fp).unwrap();
        let b = ClvInputs::new(m, r, d + dd, PeriodUnit::Year, fp).unwrap();
        prop_assert!(b.clv() <= a.clv());
    }

    /// Whatever is accepted produces finite numbers; whatever is refused is an error, not a panic.
    #[test]
    fn never_nan_or_infinite(
        m in proptest::num::f64::ANY, r in proptest::num::f64::ANY,
        d in proptest::num::f64::ANY, n in 0u32..400, fp in fp(),
    ) {
        if let Ok(c) = ClvInputs::new(m, r, d, PeriodUnit::Week, fp) {
            // Finite for every margin magnitude the UI accepts (|m| < 1e12).
            if m.abs() < 1e12 {
                prop_assert!(c.clv().is_finite());
                prop_assert!(c.clv_finite(n).unwrap().is_finite());
                prop_assert!(c.cumulative(n).unwrap().iter().all(|v| v.is_finite()));
            }
        }
    }

    /// The finite-horizon value never exceeds the infinite one and grows with the horizon.
    #[test]
    fn finite_is_bounded_and_increasing(
        m in 0.01f64..1e6, r in 0.0f64..0.999, d in 0.0f64..1.0, n in 0u32..300, fp in fp(),
    ) {
        let c = ClvInputs::new(m, r, d, PeriodUnit::Month, fp).unwrap();
        let a = c.clv_finite(n).unwrap();
        let b = c.clv_finite(n + 1).unwrap();
        prop_assert!(a <= b + 1e-9 * b.abs());
        prop_assert!(b <= c.clv() * (1.0 + 1e-12) + 1e-9);
    }
}
