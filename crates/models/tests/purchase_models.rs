//! Pareto/NBD and MBG/NBD on data simulated with fixed seeds (reference:
//! the generating parameters), and properties of their predictions over
//! random inputs (proptest, fixed seed).
//!
//! Recovery tolerances are stated in standard errors of the fit (its own
//! observed information) and bounded in relative terms so a huge standard
//! error cannot make them vacuous.
#![cfg(not(target_arch = "wasm32"))]

use cxi_models::mbgnbd::{self, MbgNbdParams};
use cxi_models::pareto_nbd::{self, ParetoNbdParams};
use cxi_testkit::sim::{
    simulate_mbgnbd, simulate_pareto_nbd, ParetoNbdSpec, SimSpec, CDNOW_LIKE, PARETO_CDNOW_LIKE,
};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn close(name: &str, got: f64, want: f64, se: f64, k: f64, rel: f64) {
    assert!(
        (got - want).abs() <= k * se && (got - want).abs() <= rel * want,
        "{name}: got {got}, true {want}, se {se}"
    );
}

/// Pareto/NBD on 8,000 CDNOW-like customers: every parameter within 4
/// standard errors and 40 % of the truth (β is the least determined: its
/// standard error on CDNOW is half its value).
#[test]
fn pareto_nbd_recovers_simulated_parameters() {
    let rows = simulate_pareto_nbd(&PARETO_CDNOW_LIKE, 8_000, 20_260_614);
    let f = pareto_nbd::fit(&rows).unwrap();
    let (p, s, t) = (f.params, f.std_errors, PARETO_CDNOW_LIKE);
    close("r", p.r(), t.r, s[0], 4.0, 0.40);
    close("alpha", p.alpha(), t.alpha, s[1], 4.0, 0.40);
    close("s", p.s(), t.s, s[2], 4.0, 0.40);
    close("beta", p.beta(), t.beta, s[3], 4.0, 0.40);
}

/// Customers who never drop out (drop-out rates about 10⁻¹², 2,000 of
/// them, CDNOW-like purchase rates): the Pareto/NBD likelihood rises as
/// `s, β → ∞`; the fit stops at the edge of its search with the error that
/// says so, naming a large `s` and a mean lifetime `β/s` far beyond the
/// 39-week ages (measured: 0.28 s natively, where following the ridge
/// took 19–36 s before). BG/NBD and MBG/NBD, whose drop-out happens at
/// purchases, fit the same data (a small `a/(a+b)`).
#[test]
fn pareto_nbd_reports_that_nobody_drops_out() {
    let spec = ParetoNbdSpec {
        r: 0.55,
        alpha: 10.6,
        s: 1.0,
        beta: 1e12,
        t_min: 27.0,
        t_max: 39.0,
    };
    let rows = simulate_pareto_nbd(&spec, 2_000, 7);
    match pareto_nbd::fit(&rows) {
        Err(e @ pareto_nbd::ParetoNbdError::DropoutUnidentified { s, beta, .. }) => {
            assert!(s >= 5.0 && beta / s >= 5.0 * 39.0, "{e:?}");
            assert!(
                e.to_string().contains("no customer seems to drop out"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    let bg = cxi_models::bgnbd::fit(&rows).unwrap();
    assert!(bg.params.a() / (bg.params.a() + bg.params.b()) < 0.05);
    let mbg = mbgnbd::fit(&rows).unwrap();
    assert!(mbg.params.a() / (mbg.params.a() + mbg.params.b()) < 0.05);
}

/// MBG/NBD on 20,000 customers drawn with BG/NBD's CDNOW estimates: every
/// parameter within 4 standard errors and 15 % of the truth.
#[test]
fn mbgnbd_recovers_simulated_parameters() {
    let spec = SimSpec {
        a: 0.891,
        b: 1.614,
        r: 0.525,
        alpha: 6.183,
        ..CDNOW_LIKE
    };
    let rows = simulate_mbgnbd(&spec, 20_000, 77);
    let f = mbgnbd::fit(&rows).unwrap();
    let (p, s) = (f.params, f.std_errors);
    close("r", p.r(), spec.r, s[0], 4.0, 0.15);
    close("alpha", p.alpha(), spec.alpha, s[1], 4.0, 0.15);
    close("a", p.a(), spec.a, s[2], 4.0, 0.15);
    close("b", p.b(), spec.b, s[3], 4.0, 0.15);
}

/// A customer history: `x`, then `t_x <= T`.
fn history() -> impl Strategy<Value = (u32, f64, f64)> {
    (0u32..60, 0.0f64..1.0, 0.0f64..150.0).prop_map(|(x, share, t)| {
        let tx = if x == 0 { 0.0 } else { share * t };
        (x, tx, t)
    })
}

proptest! {
    // Fixed seed: the same cases on every run (deterministic tests).
    #![proptest_config(ProptestConfig {
        rng_seed: RngSeed::Fixed(0x0000_9B0D),
        cases: 200,
        ..ProptestConfig::default()
    })]

    /// Pareto/NBD over parameters spanning four orders of magnitude in α/β:
    /// finite likelihood, P(alive) in [0, 1] and not rising with more
    /// silence, expectations finite, non-negative and non-decreasing in t.
    #[test]
    fn pareto_nbd_predictions_are_sane(
        r in 0.05f64..5.0, al in 0.1f64..100.0, s in 0.05f64..5.0, be in 0.1f64..100.0,
        (x, tx, t) in history(), dt in 0.1f64..50.0, h in 0.0f64..200.0, dh in 0.1f64..100.0,
    ) {
        let p = ParetoNbdParams::new(r, al, s, be).unwrap();
        let c = cxi_models::rfm::Rfm { frequency: x, recency: tx, age: t, monetary_value: 0.0 };
        prop_assert!(p.log_likelihood_one(&c).is_finite());
        let pa = p.p_alive(x, tx, t).unwrap();
        prop_assert!((0.0..=1.0).contains(&pa), "{pa}");
        prop_assert!(p.p_alive(x, tx, t + dt).unwrap() <= pa + 1e-12);
        let (y0, y1) = (
            p.conditional_expected_purchases(h, x, tx, t).unwrap(),
            p.conditional_expected_purchases(h + dh, x, tx, t).unwrap(),
        );
        prop_assert!(y0.is_finite() && y0 >= 0.0 && y1 >= y0, "{y0} {y1}");
        let (e0, e1) = (p.expected_purchases(h).unwrap(), p.expected_purchases(h + dh).unwrap());
        prop_assert!(e0.is_finite() && e0 >= 0.0 && e1 > e0, "{e0} {e1}");
    }

    /// MBG/NBD: the same properties, with P(alive) of a zero-repeater
    /// below 1.
    #[test]
    fn mbgnbd_predictions_are_sane(
        r in 0.05f64..5.0, al in 0.1f64..100.0, a in 0.05f64..5.0, b in 0.05f64..20.0,
        (x, tx, t) in history(), dt in 0.1f64..50.0, h in 0.0f64..200.0, dh in 0.1f64..100.0,
    ) {
        let p = MbgNbdParams::new(r, al, a, b).unwrap();
        let c = cxi_models::rfm::Rfm { frequency: x, recency: tx, age: t, monetary_value: 0.0 };
        prop_assert!(p.log_likelihood_one(&c).is_finite());
        let pa = p.p_alive(x, tx, t).unwrap();
        prop_assert!((0.0..=1.0).contains(&pa), "{pa}");
        prop_assert!(p.p_alive(x, tx, t + dt).unwrap() <= pa + 1e-12);
        prop_assert!(p.p_alive(0, 0.0, t).unwrap() < 1.0);
        let (y0, y1) = (
            p.conditional_expected_purchases(h, x, tx, t).unwrap(),
            p.conditional_expected_purchases(h + dh, x, tx, t).unwrap(),
        );
        prop_assert!(y0.is_finite() && y0 >= 0.0 && y1 >= y0, "{y0} {y1}");
        let (e0, e1) = (p.expected_purchases(h).unwrap(), p.expected_purchases(h + dh).unwrap());
        prop_assert!(e0.is_finite() && e0 >= 0.0 && e1 > e0, "{e0} {e1}");
    }
}
