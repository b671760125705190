//! Tests of the BG/BB model against Fader, Hardie & Shang (2010) and
//! Hardie's BG/BB spreadsheet (note 010), and of its formulas against
//! independent routes (term-by-term sums).

use super::*;
use cxi_testkit::assert_close;

/// FHS 2010 Table 1: the donations data, 11,104 first-time donors of 1995
/// and their repeat donations in the six years 1996–2001, as
/// `(x, t_x, customers)` with `n = 6`.
const DONATIONS: [(u32, u32, f64); 22] = [
    (0, 0, 3464.0),
    (1, 1, 1091.0),
    (1, 2, 277.0),
    (1, 3, 129.0),
    (1, 4, 78.0),
    (1, 5, 119.0),
    (1, 6, 129.0),
    (2, 2, 613.0),
    (2, 3, 255.0),
    (2, 4, 155.0),
    (2, 5, 173.0),
    (2, 6, 234.0),
    (3, 3, 322.0),
    (3, 4, 181.0),
    (3, 5, 225.0),
    (3, 6, 357.0),
    (4, 4, 240.0),
    (4, 5, 284.0),
    (4, 6, 512.0),
    (5, 5, 335.0),
    (5, 6, 728.0),
    (6, 6, 1203.0),
];

fn donations() -> Vec<BgBbRow> {
    DONATIONS
        .iter()
        .map(|&(x, t_x, count)| BgBbRow {
            frequency: x,
            recency: t_x,
            periods: 6,
            count,
        })
        .collect()
}

fn published() -> BgBbParams {
    BgBbParams::new(1.204, 0.750, 0.657, 2.783).unwrap()
}

fn fitted() -> BgBbFit {
    fit(&donations()).unwrap()
}

/// Reference: FHS 2010 §3 (Table 2): α = 1.204, β = 0.750, γ = 0.657,
/// δ = 2.783, LL = −33,225.6 on the donations data. Tolerances: half a
/// unit of the printed digit (5e-4 on the parameters, 0.05 on the LL),
/// the maximum being found to well within them (gradient ~1e-9).
#[test]
fn donations_fit_matches_the_paper() {
    let f = fitted();
    let p = f.params;
    assert_eq!(f.customers, 11_104.0);
    assert_close!(p.alpha(), 1.204, 5e-4);
    assert_close!(p.beta(), 0.750, 5e-4);
    assert_close!(p.gamma(), 0.657, 5e-4);
    assert_close!(p.delta(), 2.783, 5e-4);
    assert_close!(f.log_likelihood, -33_225.6, 0.05);
    // The likelihood at the published estimates is a hair below the maximum.
    let at_pub = log_likelihood(&published(), &donations()).unwrap();
    assert!(at_pub <= f.log_likelihood && f.log_likelihood - at_pub < 0.05);
    // Standard errors: positive, and small against the estimates on 11k donors.
    for (se, est) in f
        .std_errors
        .iter()
        .zip([p.alpha(), p.beta(), p.gamma(), p.delta()])
    {
        assert!(*se > 0.0 && *se < 0.5 * est, "{se} vs {est}");
    }
}

/// Reference: FHS 2010 Table 6, P(alive in 2002) to two decimals: 0.11 for
/// a donor silent since 1995 (x = 0), 0.59 for x = 2, t_x = 4, 0.93 for
/// x = 6, t_x = 6; tolerance half a unit of the second decimal.
#[test]
fn p_alive_matches_table_6() {
    let p = fitted().params;
    assert_close!(p.p_alive(0, 0, 6).unwrap(), 0.11, 5e-3);
    assert_close!(p.p_alive(2, 4, 6).unwrap(), 0.59, 5e-3);
    assert_close!(p.p_alive(6, 6, 6).unwrap(), 0.93, 5e-3);
}

/// Reference: Hardie's BG/BB spreadsheet (note 010, "In-sample fit" and
/// "Conditional expectations (II)"), at the MLE: 3,454.9 donors expected
/// with no repeat donation in six years and 1,253.1 with six; 12,884.2
/// donations expected in 2002–2006 from the 11,104 donors. Tolerance: the
/// printed 0.05 (our MLE and the spreadsheet's Solver agree that far: the
/// differences are 0.02, 0.01 and 0.04).
#[test]
fn expectations_match_hardie_sheet() {
    let p = fitted().params;
    let n = 11_104.0;
    assert_close!(n * p.prob_purchases(6, 0), 3_454.9, 0.05);
    assert_close!(n * p.prob_purchases(6, 6), 1_253.1, 0.05);
    let total: f64 = donations()
        .iter()
        .map(|r| {
            r.count
                * p.conditional_expected_purchases(5, r.frequency, r.recency, r.periods)
                    .unwrap()
        })
        .sum();
    assert_close!(total, 12_884.2, 0.05);
}

/// Reference: the definitions summed term by term. E[X(n)] is the sum of
/// the pmf × x (eq. 7 against eq. 8); the pmf sums to one; E[X(n, n+n*)]
/// is `(1/L) B(α+x+1, β+n−x)/B(α,β) Σ_{t=n+1}^{n+n*} B(γ, δ+t)/B(γ,δ)`;
/// DERT the same sum to infinity discounted by (1+d)^{t−n} (truncated at
/// 2,000 terms, remainder below 1e-80). Tolerance relative 1e-10.
#[test]
fn closed_forms_equal_term_by_term_sums() {
    for p in [
        published(),
        BgBbParams::new(0.4, 3.0, 2.5, 0.7).unwrap(),
        BgBbParams::new(2.0, 1.0, 1.0 + 5e-4, 3.0).unwrap(),
    ] {
        let (al, be, ga, de) = (p.alpha(), p.beta(), p.gamma(), p.delta());
        for n in [1u32, 6, 20] {
            let pmf: Vec<f64> = (0..=n).map(|x| p.prob_purchases(n, x)).collect();
            assert_close!(pmf.iter().sum::<f64>(), 1.0, 1e-12);
            let mean: f64 = pmf.iter().enumerate().map(|(x, q)| x as f64 * q).sum();
            let e = p.expected_purchases(n);
            assert_close!(e, mean, 1e-10 * mean);
        }
        let alive_at = |t: u32| (ln_beta(ga, de + f64::from(t)) - ln_beta(ga, de)).exp();
        for (x, t_x, n) in [(0u32, 0u32, 6u32), (2, 4, 6), (6, 6, 6), (3, 10, 15)] {
            let (xf, nf) = (f64::from(x), f64::from(n));
            let l = p.log_likelihood_one(x, t_x, n).unwrap().exp();
            let rate = (ln_beta(al + xf + 1.0, be + nf - xf) - ln_beta(al, be)).exp() / l;
            let want: f64 = (n + 1..=n + 5).map(alive_at).sum::<f64>() * rate;
            let got = p.conditional_expected_purchases(5, x, t_x, n).unwrap();
            assert_close!(got, want, 1e-10 * want);
            let d: f64 = 0.1;
            let want: f64 = rate
                * (n + 1..=n + 2000)
                    .map(|t| alive_at(t) / (1.0 + d).powi((t - n) as i32))
                    .sum::<f64>();
            let got = p.dert(d, x, t_x, n).unwrap();
            assert_close!(got, want, 1e-10 * want);
        }
    }
}

/// Reference: the likelihood of eq. 5 evaluated literally (products of Beta
/// functions, no logs) on a short history, and the analytic gradient
/// against central differences of the total log-likelihood.
#[test]
fn likelihood_and_gradient_agree_with_direct_evaluation() {
    let p = BgBbParams::new(1.3, 0.8, 0.6, 2.5).unwrap();
    let b = |a: f64, c: f64| ln_beta(a, c).exp();
    let (al, be, ga, de) = (1.3, 0.8, 0.6, 2.5);
    // x = 2, t_x = 3, n = 5: alive through 5, or dead at 4 or 5.
    let direct = b(al + 2.0, be + 3.0) / b(al, be) * b(ga, de + 5.0) / b(ga, de)
        + b(al + 2.0, be + 1.0) / b(al, be) * b(ga + 1.0, de + 3.0) / b(ga, de)
        + b(al + 2.0, be + 2.0) / b(al, be) * b(ga + 1.0, de + 4.0) / b(ga, de);
    assert_close!(p.log_likelihood_one(2, 3, 5).unwrap(), direct.ln(), 1e-12);
    let rows = donations();
    let total = |q: [f64; 4]| {
        log_likelihood(&BgBbParams::new(q[0], q[1], q[2], q[3]).unwrap(), &rows).unwrap()
    };
    let base = [al, be, ga, de];
    let mut g = [0.0; 4];
    for r in &rows {
        let mut gi = [0.0; 4];
        p.ln_l_grad(r.frequency, r.recency, r.periods, &mut gi);
        for j in 0..4 {
            g[j] += r.count * gi[j];
        }
    }
    for j in 0..4 {
        let h = 1e-6 * base[j];
        let (mut up, mut dn) = (base, base);
        up[j] += h;
        dn[j] -= h;
        let num = (total(up) - total(dn)) / (2.0 * h);
        assert_close!(g[j], num, 1e-5 * num.abs().max(1.0), "parameter {j}");
    }
}

/// Properties over a grid of parameters and histories: probabilities in
/// [0, 1], expectations finite and growing with the horizon, P(alive)
/// falling with the opportunities missed since the last transaction and
/// DERT falling with the discount rate.
#[test]
fn properties_hold_on_a_grid() {
    let shapes = [0.05, 0.5, 1.0, 3.0, 40.0];
    for &al in &shapes {
        for &be in &shapes {
            for &ga in &shapes {
                for &de in &shapes {
                    let p = BgBbParams::new(al, be, ga, de).unwrap();
                    let mut last = 0.0;
                    for h in [0u32, 1, 5, 50, 500] {
                        let e = p.conditional_expected_purchases(h, 3, 5, 10).unwrap();
                        assert!(e.is_finite() && e >= last - 1e-12 * e, "{p:?} {h}: {e}");
                        last = e;
                    }
                    let mut prev = 1.0;
                    for n in 5..=30 {
                        let a = p.p_alive(3, 5, n).unwrap();
                        assert!((0.0..=1.0).contains(&a) && a <= prev + 1e-12, "{p:?} {n}");
                        prev = a;
                    }
                    let (lo, hi) = (
                        p.dert(0.05, 3, 5, 10).unwrap(),
                        p.dert(0.2, 3, 5, 10).unwrap(),
                    );
                    assert!(hi.is_finite() && hi <= lo, "{p:?}: {lo} {hi}");
                    assert!(p.expected_purchases(10) <= 10.0);
                }
            }
        }
    }
}

/// γ = 1 is where the closed form's δ/(γ−1) is 0/0: the summed branch and
/// the closed form just outside it agree (continuity sandwich).
#[test]
fn gamma_one_is_continuous() {
    let at = |g: f64| {
        BgBbParams::new(1.2, 0.8, g, 2.0)
            .unwrap()
            .conditional_expected_purchases(30, 2, 5, 6)
            .unwrap()
    };
    let (lo, mid, hi) = (at(1.0 - 1.1e-3), at(1.0), at(1.0 + 1.1e-3));
    assert!(
        (mid - 0.5 * (lo + hi)).abs() < 1e-6 * mid,
        "{lo} {mid} {hi}"
    );
}

#[test]
fn bad_input_is_refused() {
    assert!(BgBbParams::new(0.0, 1.0, 1.0, 1.0).is_err());
    assert!(BgBbParams::new(1.0, f64::NAN, 1.0, 1.0).is_err());
    let p = published();
    assert_eq!(
        p.p_alive(2, 7, 6).unwrap_err().to_string(),
        "frequency 2, recency 7, periods 6 do not fit (need frequency ≤ recency ≤ periods, and recency 0 exactly when frequency is 0)"
    );
    assert!(p.p_alive(0, 3, 6).is_err());
    assert!(p.p_alive(3, 2, 6).is_err());
    assert_eq!(
        p.dert(0.0, 1, 1, 6),
        Err(BgBbError::DiscountOutOfRange(0.0))
    );
    assert_eq!(fit(&[]), Err(BgBbError::Empty));
    let silent = [BgBbRow {
        frequency: 0,
        recency: 0,
        periods: 6,
        count: 10.0,
    }];
    assert_eq!(fit(&silent), Err(BgBbError::NoRepeatTransactions));
    let mut rows = donations();
    rows[3].count = -1.0;
    assert_eq!(
        fit(&rows).unwrap_err().to_string(),
        "row 4: count must be a number >= 0: got -1"
    );
}
