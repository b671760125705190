use super::*;
use crate::bgnbd::BgNbdParams;
use crate::special::{hyp2f1, ln_beta};
use cxi_testkit::{assert_close, assert_rel};
use cxi_types::period::PeriodUnit;

/// CDNOW estimates of BTYDplus (3 decimals), as lifetimes tests them.
fn cdnow() -> MbgNbdParams {
    MbgNbdParams::new(0.525, 6.183, 0.891, 1.614).unwrap()
}

fn rfm(x: u32, tx: f64, t: f64) -> Rfm {
    Rfm {
        frequency: x,
        recency: tx,
        age: t,
        monetary_value: 0.0,
    }
}

/// `∫₀¹ Beta(p; a, b) g(p) dp` by composite Simpson after `p = u^{1/a}`,
/// which removes the `p^{a−1}` singularity at 0 (an independent route to
/// the Beta averages the closed forms take analytically). With `b > 1` the
/// remaining `(1−p)^{b−1}` is continuous and the rule's error with 2·10⁵
/// intervals is below 10⁻⁸ of the value.
fn beta_average(a: f64, b: f64, g: impl Fn(f64) -> f64) -> f64 {
    let n = 200_000;
    let h = 1.0 / n as f64;
    let f = |u: f64| {
        let p = u.powf(1.0 / a);
        (1.0 - p).powf(b - 1.0) * g(p) / a
    };
    let mut s = f(0.0) + f(1.0);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(i as f64 * h);
    }
    s * h / 3.0 / ln_beta(a, b).exp()
}

/// Reference: the individual likelihood `λ^x (1−p)^x [(1−p) e^{−λT} +
/// p e^{−λ t_x}]` integrated over λ in closed form (Gamma moments) and over
/// p by quadrature; tolerance 1e-7 relative (quadrature error).
#[test]
fn likelihood_matches_quadrature_over_p() {
    let p = cdnow();
    let (r, al, a, b) = (p.r, p.alpha, p.a, p.b);
    for (x, tx, big_t) in [(0u32, 0.0, 38.0), (1, 5.0, 30.0), (4, 20.0, 39.0)] {
        let xf = f64::from(x);
        let lam = |t: f64| {
            (ln_gamma(r + xf) - ln_gamma(r) + r * al.ln() - (r + xf) * (al + t).ln()).exp()
        };
        let want = beta_average(a, b, |q| {
            (1.0 - q).powf(xf) * ((1.0 - q) * lam(big_t) + q * lam(tx))
        });
        let got = p.log_likelihood_one(&rfm(x, tx, big_t)).exp();
        assert_rel!(got, want, 1e-7, "x={x}");
    }
}

/// Reference: `E[X(t)] = E[(1−p)/p (1 − (α/(α+pt))^r)]` over Beta(a, b) by
/// quadrature (the λ average is the Gamma Laplace transform); tolerance
/// 1e-7 relative.
#[test]
fn expected_purchases_match_quadrature() {
    let p = cdnow();
    let (r, al, a, b) = (p.r, p.alpha, p.a, p.b);
    for t in [0.5, 10.0, 39.0, 78.0, 520.0] {
        let want = beta_average(a, b, |q| {
            if q == 0.0 {
                r * t / al
            } else {
                (1.0 - q) * -(-r * (q * t / al).ln_1p()).exp_m1() / q
            }
        });
        assert_rel!(p.expected_purchases(t).unwrap(), want, 1e-7, "t={t}");
    }
    assert_eq!(p.expected_purchases(0.0).unwrap(), 0.0);
}

/// Reference: for `x > 0` the MBG/NBD likelihood is BG/NBD's with `b + 1`
/// times `b/(a+b)` (`B(a, b+x+1)/B(a, b) = B(a, (b+1)+x)/B(a, b+1) ·
/// B(a, b+1)/B(a, b)` and `a/(b+x) = a/((b+1)+x−1)`), so P(alive) and the
/// conditional expectation are BG/NBD's at `b + 1`: checked against the
/// crate's BG/NBD (itself tested on Hardie's sheets) to 1e-12 relative.
#[test]
fn repeat_buyers_are_bgnbd_with_b_plus_one() {
    let m = cdnow();
    let bg = BgNbdParams::new(m.r, m.alpha, m.a, m.b + 1.0).unwrap();
    for (x, tx, big_t) in [(1u32, 2.0, 38.0), (2, 30.43, 38.86), (26, 30.86, 31.0)] {
        let c = rfm(x, tx, big_t);
        let shift = (m.b / (m.a + m.b)).ln();
        assert_rel!(
            m.log_likelihood_one(&c),
            bg.log_likelihood_one(&c) + shift,
            1e-12
        );
        assert_rel!(
            m.p_alive(x, tx, big_t).unwrap(),
            bg.p_alive(x, tx, big_t).unwrap(),
            1e-12
        );
        let got = m
            .conditional_expected_purchases(39.0, x, tx, big_t)
            .unwrap();
        let want = bg
            .conditional_expected_purchases(39.0, x, tx, big_t)
            .unwrap();
        assert_rel!(got, want, 1e-12);
    }
}

/// Reference: Wagner & Hoppe's conditional expectation evaluated literally
/// with the plain ₂F₁ power series (not the Euler-transformed form) where
/// it converges well (z ≤ 0.6), zero-repeaters included; 1e-10 relative.
#[test]
fn stable_form_equals_published_form() {
    let p = MbgNbdParams::new(0.6, 7.0, 1.7, 3.2).unwrap();
    let (r, al, a, b) = (p.r, p.alpha, p.a, p.b);
    for (t, x, tx, big_t) in [
        (5.0, 0u32, 0.0, 20.0),
        (10.0, 3, 12.0, 20.0),
        (25.0, 8, 30.0, 31.0),
    ] {
        let xf = f64::from(x);
        let z = t / (al + big_t + t);
        let f = hyp2f1(r + xf, b + xf + 1.0, a + b + xf, z).unwrap();
        let num =
            (a + b + xf) / (a - 1.0) * (1.0 - ((al + big_t) / (al + big_t + t)).powf(r + xf) * f);
        let den = 1.0 + a / (b + xf) * ((al + big_t) / (al + tx)).powf(r + xf);
        let got = p.conditional_expected_purchases(t, x, tx, big_t).unwrap();
        assert_rel!(got, num / den, 1e-10);
    }
}

/// Reference: the P(alive) formula by hand at the CDNOW estimates:
/// x = 2, t_x = 30.43, T = 38.86 → 1/(1 + 0.891/3.614 · (45.043/36.613)^2.525);
/// a zero-repeater observed at once has survived the first purchase with
/// probability b/(a+b) = 1.614/2.505; and the zero-repeater's P(alive)
/// falls with T (in BG/NBD it is 1).
#[test]
fn p_alive_hand_computed() {
    let p = cdnow();
    let want = 1.0 / (1.0 + 0.891 / 3.614 * (45.043f64 / 36.613).powf(2.525));
    assert_close!(p.p_alive(2, 30.43, 38.86).unwrap(), want, 1e-12);
    assert_close!(p.p_alive(0, 0.0, 0.0).unwrap(), 1.614 / 2.505, 1e-15);
    let (young, old) = (
        p.p_alive(0, 0.0, 5.0).unwrap(),
        p.p_alive(0, 0.0, 39.0).unwrap(),
    );
    assert!(old < young && young < 1.614 / 2.505, "{old} {young}");
    assert!(p.p_alive(1, 10.0, 9.0).is_err());
}

/// Reference: with a 0 % discount the discounted sum is the undiscounted
/// expectation at the horizon (the increments telescope); with 10 % a year
/// it is smaller but above the horizon total discounted at the last step.
#[test]
fn discounted_purchases_telescope() {
    let p = cdnow();
    let flat = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.0, 1.0).unwrap();
    let horizon = flat.conversion().horizon_model_units;
    let total = p
        .conditional_expected_purchases(horizon, 2, 30.43, 38.86)
        .unwrap();
    let d0 = p
        .discounted_expected_purchases(&flat, 2, 30.43, 38.86)
        .unwrap();
    assert_rel!(d0, total, 1e-12);
    let ten = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.10, 1.0).unwrap();
    let d10 = p
        .discounted_expected_purchases(&ten, 2, 30.43, 38.86)
        .unwrap();
    let last = total / (1.0 + ten.conversion().discount_per_step).powi(12);
    assert!(d10 < total && d10 > last, "{last} < {d10} < {total}");
}

/// Reference: the per-x accumulation of the fitter against the public
/// per-customer likelihood (ln Γ term by term), weights included, and the
/// analytic gradient against central differences.
#[test]
fn likelihood_paths_and_gradient_agree() {
    let data = [
        rfm(0, 0.0, 30.0),
        rfm(1, 2.0, 35.5),
        rfm(5, 20.0, 38.0),
        rfm(12, 37.0, 39.0),
    ];
    let w = [3.0, 1.0, 2.5, 1.0];
    let prep = Prepared::new(&data, &w);
    let base = [0.4, 3.0, 0.9, 2.2];
    let f = |q: [f64; 4]| {
        let p = MbgNbdParams::new(q[0], q[1], q[2], q[3]).unwrap();
        data.iter()
            .zip(&w)
            .map(|(c, w)| w * p.log_likelihood_one(c))
            .sum::<f64>()
    };
    let mut g = [0.0; 4];
    assert_rel!(prep.ll_grad(base, &mut g), f(base), 1e-12);
    for i in 0..4 {
        let h = 1e-6 * base[i];
        let (mut up, mut dn) = (base, base);
        up[i] += h;
        dn[i] -= h;
        let num = (f(up) - f(dn)) / (2.0 * h);
        assert_close!(g[i], num, 1e-6 * (1.0 + num.abs()), "param {i}");
    }
}

/// Reference: the same fit on the expanded table (each row repeated
/// `weight` times): estimates within 1e-6 relative (optimiser tolerance),
/// log-likelihood within 1e-9; zero weights ignored, bad weights refused.
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
        (pg.r, pe.r),
        (pg.alpha, pe.alpha),
        (pg.a, pe.a),
        (pg.b, pe.b),
    ] {
        assert_rel!(a, b, 1e-6);
    }
    assert_rel!(g.log_likelihood, e.log_likelihood, 1e-9);
    assert_eq!((g.customers, g.weight_total), (9, 111.0));
    assert_eq!(
        fit_weighted(&rows, &[-1.0; 10]),
        Err(MbgNbdError::Weights(WeightError::Invalid {
            row: 1,
            value: -1.0
        }))
    );
    assert!(matches!(
        fit_weighted(&rows[..2], &[1.0, f64::NAN]),
        Err(MbgNbdError::Weights(WeightError::Invalid { row: 2, .. }))
    ));
}

#[test]
fn bad_input_is_refused() {
    assert_eq!(fit(&[]), Err(MbgNbdError::Data(RfmError::Empty)));
    assert_eq!(
        fit(&[rfm(0, 0.0, 10.0), rfm(0, 0.0, 12.0)]),
        Err(MbgNbdError::NoRepeatPurchases)
    );
    assert!(MbgNbdParams::new(0.2, 1.0, f64::NAN, 1.0).is_err());
    assert!(cdnow().expected_purchases(-1.0).is_err());
    assert!(cdnow()
        .conditional_expected_purchases(f64::INFINITY, 1, 1.0, 2.0)
        .is_err());
}
