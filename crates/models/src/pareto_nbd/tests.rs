use super::*;
use crate::rfm::Rfm;
use crate::rfm::RfmError;
use crate::rfm_clv::ClvSettings;
use crate::special::hyp2f1;
use crate::special::ln_gamma;
use crate::weights::WeightError;
use cxi_testkit::{assert_close, assert_rel};
use cxi_types::period::PeriodUnit;

/// FH-MATLAB's CDNOW estimates.
fn cdnow() -> ParetoNbdParams {
    ParetoNbdParams::new(0.5533, 10.5776, 0.6061, 11.6650).unwrap()
}

fn rfm(x: u32, tx: f64, t: f64) -> Rfm {
    Rfm {
        frequency: x,
        recency: tx,
        age: t,
        monetary_value: 0.0,
    }
}

/// `ln ∫_lo^hi e^{g(τ)} dτ` by composite Simpson (2·10⁵ intervals) with
/// `g` shifted by its value at `lo`, so integrands of 10⁻³⁰⁰ stay
/// representable.
fn ln_integral(lo: f64, hi: f64, g: impl Fn(f64) -> f64) -> f64 {
    let n = 200_000;
    let h = (hi - lo) / n as f64;
    let m = g(lo);
    let f = |t: f64| (g(t) - m).exp();
    let mut s = f(lo) + f(hi);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(lo + i as f64 * h);
    }
    m + (s * h / 3.0).ln()
}

/// Reference: the likelihood from its definition (SMC 1987; FHL 2005 note
/// eq. 5): alive at T, or dead at some τ in (t_x, T], the τ integral
/// `s ∫ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ` done by quadrature instead of
/// A₀'s ₂F₁. Cases: FH-MATLAB's CDNOW estimates (α < β), α > β, α = β,
/// ₂F₁ arguments 0.99995 (α/β = 2·10⁴) and 0.9995 the other way, and
/// lifetimes' overflow case x = 400. Tolerance 1e-9 on ln L (quadrature).
#[test]
fn likelihood_matches_quadrature_of_its_definition() {
    let cases = [
        ((0.5533, 10.5776, 0.6061, 11.6650), (2u32, 30.43, 38.86)),
        ((0.5533, 10.5776, 0.6061, 11.6650), (0, 0.0, 38.86)),
        ((0.8, 20.0, 1.3, 4.0), (5, 12.0, 39.0)),
        ((0.8, 5.0, 1.3, 5.0), (1, 3.0, 30.0)),
        ((0.4, 1e4, 0.7, 0.5), (0, 0.0, 35.0)),
        ((0.4, 0.02, 0.7, 40.0), (3, 0.5, 35.0)),
        ((10.465, 7.98565181e-03, 3.0516, 2.820), (400, 5.0, 6.0)),
    ];
    for ((r, al, s, be), (x, tx, big_t)) in cases {
        let p = ParetoNbdParams::new(r, al, s, be).unwrap();
        let xf = f64::from(x);
        let front = ln_gamma(r + xf) - ln_gamma(r) + r * al.ln() + s * be.ln();
        let alive = -(r + xf) * (al + big_t).ln() - s * (be + big_t).ln();
        let died = s.ln()
            + ln_integral(tx, big_t, |t| {
                -(r + xf) * (al + t).ln() - (s + 1.0) * (be + t).ln()
            });
        let m = alive.max(died);
        let want = front + m + ((alive - m).exp() + (died - m).exp()).ln();
        let got = p.log_likelihood_one(&rfm(x, tx, big_t));
        assert_close!(got, want, 1e-9, "x={x} alpha={al} beta={be}");
    }
}

/// Reference: A₀ as published (FH-MATLAB eq. 2, untransformed ₂F₁, plain
/// power series) where its arguments are small, both branches; 1e-12
/// relative on the likelihood.
#[test]
fn transformed_a0_equals_published_form() {
    for (r, al, s, be) in [(0.5533, 10.5776, 0.6061, 11.6650), (0.9, 14.0, 1.4, 9.0)] {
        let p = ParetoNbdParams::new(r, al, s, be).unwrap();
        for (x, tx, big_t) in [(3u32, 20.0, 38.0), (0, 0.0, 30.0)] {
            let xf = f64::from(x);
            let rsx = r + s + xf;
            let term = |t: f64| {
                if al >= be {
                    hyp2f1(rsx, s + 1.0, rsx + 1.0, (al - be) / (al + t)).unwrap()
                        / (al + t).powf(rsx)
                } else {
                    hyp2f1(rsx, r + xf, rsx + 1.0, (be - al) / (be + t)).unwrap()
                        / (be + t).powf(rsx)
                }
            };
            let a0 = term(tx) - term(big_t);
            let l = (ln_gamma(r + xf) - ln_gamma(r)).exp()
                * al.powf(r)
                * be.powf(s)
                * (1.0 / ((al + big_t).powf(r + xf) * (be + big_t).powf(s)) + s / rsx * a0);
            assert_rel!(p.log_likelihood_one(&rfm(x, tx, big_t)).exp(), l, 1e-12);
        }
    }
}

/// Reference: R package BTYD's walkthrough (Dziurzynski, Wadsworth &
/// McCarthy), CDNOW at its estimates r = 0.5534, α = 10.5802, s = 0.6061,
/// β = 11.6562: the customer x = 26, t_x = 30.86, T = 31 has P(alive) =
/// 0.9979 and is expected to make 25.46 purchases in the next 52 weeks.
/// Tolerance: the printed precision (5e-5, 5e-3) plus the effect of the
/// printed inputs' rounding (t_x and T to ±0.005, the parameters to
/// ±0.00005), measured here by central differences and bounded below
/// 0.05 % of the value so the tolerance cannot swallow an error.
#[test]
fn matches_btyd_walkthrough() {
    let base = [0.5534, 10.5802, 0.6061, 11.6562, 30.86, 31.0];
    let half = [5e-5, 5e-5, 5e-5, 5e-5, 5e-3, 5e-3];
    let at = |q: [f64; 6]| {
        let p = ParetoNbdParams::new(q[0], q[1], q[2], q[3]).unwrap();
        (
            p.p_alive(26, q[4], q[5]).unwrap(),
            p.conditional_expected_purchases(52.0, 26, q[4], q[5])
                .unwrap(),
        )
    };
    let (pa, y) = at(base);
    let (mut tol_pa, mut tol_y) = (5e-5, 5e-3);
    for i in 0..6 {
        let (mut up, mut dn) = (base, base);
        up[i] += half[i];
        dn[i] -= half[i];
        let (u, d) = (at(up), at(dn));
        tol_pa += (u.0 - d.0).abs() / 2.0;
        tol_y += (u.1 - d.1).abs() / 2.0;
    }
    assert!(tol_pa < 5e-4 * pa && tol_y < 5e-4 * y, "{tol_pa} {tol_y}");
    assert_close!(pa, 0.9979, tol_pa, "{pa}");
    assert_close!(y, 25.46, tol_y, "{y}");
}

/// Reference: `E[X(t)] = E[λ] ∫₀ᵗ E[e^{−μτ}] dτ = (r/α) ∫₀ᵗ (β/(β+τ))^s dτ`
/// (λ, μ independent) by quadrature, and the s → 1 limit continuous;
/// tolerance 1e-9 relative.
#[test]
fn expected_purchases_match_quadrature() {
    for (r, al, s, be) in [
        (0.5533, 10.5776, 0.6061, 11.6650),
        (0.7, 3.0, 1.0, 8.0),
        (0.7, 3.0, 2.5, 8.0),
    ] {
        let p = ParetoNbdParams::new(r, al, s, be).unwrap();
        for t in [1.0, 39.0, 520.0] {
            let want = r / al * ln_integral(0.0, t, |u| -s * (u / be).ln_1p()).exp();
            assert_rel!(p.expected_purchases(t).unwrap(), want, 1e-9, "s={s} t={t}");
        }
    }
    let at = |s: f64| {
        ParetoNbdParams::new(0.7, 3.0, s, 8.0)
            .unwrap()
            .expected_purchases(52.0)
            .unwrap()
    };
    assert_close!(at(1.0), 0.5 * (at(1.0 - 1e-7) + at(1.0 + 1e-7)), 1e-9);
}

/// Reference: a purchase at the end of observation (t_x = T) leaves no
/// time to have died: P(alive) = 1 exactly, and the conditional
/// expectation is `(r+x)/(α+T) ∫₀ᵗ ((β+T)/(β+T+τ))^s dτ` (quadrature,
/// 1e-9 relative); P(alive) falls as the silence T − t_x grows.
#[test]
fn alive_at_last_purchase() {
    let p = cdnow();
    assert_eq!(p.p_alive(4, 30.0, 30.0).unwrap(), 1.0);
    assert_eq!(p.p_alive(0, 0.0, 0.0).unwrap(), 1.0);
    let (r, al, s, be) = (p.r(), p.alpha(), p.s(), p.beta());
    let want =
        (r + 4.0) / (al + 30.0) * ln_integral(0.0, 39.0, |u| -s * (u / (be + 30.0)).ln_1p()).exp();
    assert_rel!(
        p.conditional_expected_purchases(39.0, 4, 30.0, 30.0)
            .unwrap(),
        want,
        1e-9
    );
    let mut last = 1.0;
    for t in [31.0, 35.0, 40.0, 60.0, 200.0] {
        let pa = p.p_alive(4, 30.0, t).unwrap();
        assert!(pa < last && pa > 0.0, "T={t}: {pa}");
        last = pa;
    }
    assert!(p.p_alive(1, 10.0, 9.0).is_err());
}

/// Reference: with a 0 % discount the discounted sum telescopes to the
/// expectation at the horizon; a positive rate gives less.
#[test]
fn discounted_purchases_telescope() {
    let p = cdnow();
    let flat = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 24, 0.0, 1.0).unwrap();
    let horizon = flat.conversion().horizon_model_units;
    let total = p
        .conditional_expected_purchases(horizon, 2, 30.43, 38.86)
        .unwrap();
    assert_rel!(
        p.discounted_expected_purchases(&flat, 2, 30.43, 38.86)
            .unwrap(),
        total,
        1e-12
    );
    let ten = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 24, 0.10, 1.0).unwrap();
    assert!(
        p.discounted_expected_purchases(&ten, 2, 30.43, 38.86)
            .unwrap()
            < total
    );
}

/// Reference: the same fit on the expanded table (each row repeated
/// `weight` times): estimates within 1e-6 relative, log-likelihood within
/// 1e-9; zero weights ignored, bad weights refused.
#[test]
fn grouped_rows_fit_like_the_expanded_table() {
    let groups = [
        (rfm(0, 0.0, 38.0), 40.0),
        (rfm(0, 0.0, 30.0), 25.0),
        (rfm(1, 5.0, 36.0), 12.0),
        (rfm(1, 30.0, 35.0), 9.0),
        (rfm(2, 20.0, 38.0), 8.0),
        (rfm(3, 33.0, 37.0), 6.0),
        (rfm(4, 10.0, 39.0), 4.0),
        (rfm(6, 36.0, 38.0), 5.0),
        (rfm(9, 37.5, 39.0), 2.0),
        (rfm(7, 3.0, 39.0), 0.0),
    ];
    let rows: Vec<Rfm> = groups.iter().map(|g| g.0).collect();
    let w: Vec<f64> = groups.iter().map(|g| g.1).collect();
    let expanded: Vec<Rfm> = groups
        .iter()
        .flat_map(|(c, n)| std::iter::repeat_n(*c, *n as usize))
        .collect();
    let g = fit_weighted(&rows, &w).unwrap();
    let e = fit(&expanded).unwrap();
    let (pg, pe) = (g.params, e.params);
    for (a, b) in [
        (pg.r(), pe.r()),
        (pg.alpha(), pe.alpha()),
        (pg.s(), pe.s()),
        (pg.beta(), pe.beta()),
    ] {
        assert_rel!(a, b, 1e-6);
    }
    assert_rel!(g.log_likelihood, e.log_likelihood, 1e-9);
    assert_eq!((g.customers, g.weight_total), (9, 111.0));
    assert_eq!(
        fit_weighted(&rows, &[-1.0; 10]),
        Err(ParetoNbdError::Weights(WeightError::Invalid {
            row: 1,
            value: -1.0
        }))
    );
    assert!(matches!(
        fit_weighted(&rows[..2], &[1.0, f64::NAN]),
        Err(ParetoNbdError::Weights(WeightError::Invalid { row: 2, .. }))
    ));
}

#[test]
fn bad_input_is_refused() {
    assert_eq!(fit(&[]), Err(ParetoNbdError::Data(RfmError::Empty)));
    assert_eq!(
        fit(&[rfm(0, 0.0, 10.0), rfm(0, 0.0, 12.0)]),
        Err(ParetoNbdError::NoRepeatPurchases)
    );
    assert!(ParetoNbdParams::new(0.2, 1.0, 0.0, 1.0).is_err());
    assert!(cdnow().expected_purchases(f64::NAN).is_err());
    assert!(cdnow()
        .conditional_expected_purchases(-2.0, 1, 1.0, 2.0)
        .is_err());
}

/// Reference: central differences (step 10⁻⁶ in `ln p`) of the value-only
/// likelihood `log_likelihood_one` (its own code path, through
/// `special::hyp2f1_a1` and its connection formula near 1), against the
/// fit's analytic gradient (`grad.rs`, through `grouped.rs`): CDNOW's
/// estimates (α < β), α > β, α = β, a ₂F₁ argument above 0.9 with `σ ≥ 6`
/// (x = 12: still the series) and with `σ < 6` (x = 2: the row's own
/// central difference), a customer seen at the end (t_x = T) and one
/// without repeat purchases. Tolerances: the value to 1e-12 relative, the
/// gradient to 1e-6 relative (difference error about 1e-10).
#[test]
fn analytic_gradient_matches_differences() {
    let points = [
        (0.5533, 10.5776, 0.6061, 11.6650),
        (0.9, 14.0, 1.4, 9.0),
        (1.3, 6.0, 0.8, 6.0),
        (0.7, 2.0, 3.0, 400.0),
        (2.0, 300.0, 0.5, 3.0),
    ];
    let rows = [
        rfm(2, 30.43, 38.86),
        rfm(12, 20.0, 38.0),
        rfm(2, 5.0, 38.0),
        rfm(4, 33.0, 33.0),
        rfm(0, 0.0, 31.0),
    ];
    let h = 1e-6;
    for (r, al, s, be) in points {
        let p = ParetoNbdParams::new(r, al, s, be).unwrap();
        for c in &rows {
            let (ll, g) = grouped::Grouped::new(&[*c], &[1.0])
                .log_likelihood_grad(&p, crate::special::MAX_SERIES_TERMS);
            let want = p.log_likelihood_one(c);
            assert_rel!(ll, want, 1e-12);
            let base = [r, al, s, be];
            for i in 0..4 {
                let at = |k: f64| {
                    let mut q = base;
                    q[i] *= (k * h).exp();
                    ParetoNbdParams::new(q[0], q[1], q[2], q[3])
                        .unwrap()
                        .log_likelihood_one(c)
                };
                let num = (at(1.0) - at(-1.0)) / (2.0 * h) / base[i];
                assert!(
                    (g[i] - num).abs() <= 1e-6 * num.abs().max(1e-3),
                    "{:?} {c:?} d{i}: {} vs {num}",
                    (r, al, s, be),
                    g[i]
                );
            }
        }
    }
}

/// Reference: the weights of merged rows add up and the merged
/// likelihood equals the sum over the originals (1e-12 relative).
#[test]
fn merged_rows_keep_the_likelihood() {
    let p = cdnow();
    let rows = [
        rfm(0, 0.0, 30.0),
        rfm(2, 10.0, 30.0),
        rfm(0, 0.0, 30.0),
        rfm(2, 10.0, 30.0),
        rfm(2, 10.0, 31.0),
    ];
    let w = [1.0, 2.0, 0.5, 1.0, 0.0];
    let (ll, _) =
        grouped::Grouped::new(&rows, &w).log_likelihood_grad(&p, crate::special::MAX_SERIES_TERMS);
    let want: f64 = rows
        .iter()
        .zip(w)
        .map(|(c, w)| w * p.log_likelihood_one(c))
        .sum();
    assert_rel!(ll, want, 1e-12);
}
