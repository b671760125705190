//! Parameter recovery and prediction checks on data simulated with fixed
//! seeds (reference: the generating parameters and the simulated outcomes).
//!
//! Tolerances are stated in standard errors of the fit (from its own
//! observed information) or of the simulated totals (CLT), and each test
//! also bounds the relative error so a huge standard error cannot make it
//! vacuous.
#![cfg(not(target_arch = "wasm32"))]

use cxi_models::bgnbd;
use cxi_models::gamma_gamma;
use cxi_models::rfm::Rfm;
use cxi_models::sbg;
use cxi_testkit::sim::{simulate, simulate_sbg, SimSpec, CDNOW_LIKE};

fn close(name: &str, got: f64, want: f64, se: f64, k: f64, rel: f64) {
    assert!(
        (got - want).abs() <= k * se && (got - want).abs() <= rel * want,
        "{name}: got {got}, true {want}, se {se}"
    );
}

/// BG/NBD on 60,000 CDNOW-like customers: every parameter within 4 standard
/// errors and 10 % of the truth.
#[test]
fn bgnbd_recovers_simulated_parameters() {
    let sim = simulate(&CDNOW_LIKE, 60_000, 20_260_101);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let f = bgnbd::fit(&rows).unwrap();
    let p = f.params;
    let s = f.std_errors;
    close("r", p.r(), CDNOW_LIKE.r, s[0], 4.0, 0.10);
    close("alpha", p.alpha(), CDNOW_LIKE.alpha, s[1], 4.0, 0.10);
    close("a", p.a(), CDNOW_LIKE.a, s[2], 4.0, 0.10);
    close("b", p.b(), CDNOW_LIKE.b, s[3], 4.0, 0.10);
}

/// Above 40,000 customers `fit` starts from a subsample's optimum; it must
/// land on the maximum the three full-data starts find (reference:
/// `fit_all_starts` on the same data): parameters within 1e-4 relative,
/// log-likelihood within 1e-6 relative, standard errors within 1 %.
#[test]
fn bgnbd_subsample_start_finds_the_full_data_maximum() {
    let sim = simulate(&CDNOW_LIKE, 90_000, 11);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let quick = bgnbd::fit(&rows).unwrap();
    let full = bgnbd::fit_all_starts(&rows).unwrap();
    let (q, f) = (quick.params, full.params);
    for (name, a, b) in [
        ("r", q.r(), f.r()),
        ("alpha", q.alpha(), f.alpha()),
        ("a", q.a(), f.a()),
        ("b", q.b(), f.b()),
    ] {
        assert!((a - b).abs() <= 1e-4 * b, "{name}: {a} vs {b}");
    }
    assert!(
        (quick.log_likelihood - full.log_likelihood).abs() <= 1e-6 * full.log_likelihood.abs(),
        "{} vs {}",
        quick.log_likelihood,
        full.log_likelihood
    );
    for i in 0..4 {
        let (a, b) = (quick.std_errors[i], full.std_errors[i]);
        assert!((a - b).abs() <= 0.01 * b, "se {i}: {a} vs {b}");
    }
}

/// With (almost) nobody dropping out, the full-data fit cannot identify
/// the dropout distribution; `fit` says so from its subsample, with the
/// same kind of error as the three full-data starts (reference:
/// `fit_all_starts`).
#[test]
fn bgnbd_subsample_reports_an_unidentified_model_like_the_full_fit() {
    let no_dropout = SimSpec {
        a: 0.01,
        b: 1000.0,
        ..CDNOW_LIKE
    };
    let sim = simulate(&no_dropout, 45_000, 5);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let inner = |e: bgnbd::BgNbdError| match e {
        bgnbd::BgNbdError::Fit(f) => f,
        other => panic!("not a fit error: {other}"),
    };
    let full = inner(bgnbd::fit_all_starts(&rows).unwrap_err());
    let quick = inner(bgnbd::fit(&rows).unwrap_err());
    assert_eq!(
        std::mem::discriminant(&quick),
        std::mem::discriminant(&full),
        "{quick} vs {full}"
    );
}

/// Predictions against simulated outcomes, at the true parameters:
/// Σ P(alive) ≈ customers alive at T, Σ E[Y(39)|x,t_x,T] ≈ holdout purchases,
/// within 4 standard deviations of the simulated total (Bernoulli and
/// Poisson-mixture variances bounded by the counts themselves).
#[test]
fn bgnbd_predictions_match_simulated_outcomes() {
    let sim = simulate(&CDNOW_LIKE, 40_000, 7);
    let p = bgnbd::BgNbdParams::new(CDNOW_LIKE.r, CDNOW_LIKE.alpha, CDNOW_LIKE.a, CDNOW_LIKE.b)
        .unwrap();
    let mut sum_alive = 0.0;
    let mut var_alive = 0.0;
    let mut sum_y = 0.0;
    for c in &sim {
        let pa = p
            .p_alive(c.rfm.frequency, c.rfm.recency, c.rfm.age)
            .unwrap();
        assert!((0.0..=1.0).contains(&pa));
        sum_alive += pa;
        var_alive += pa * (1.0 - pa);
        sum_y += p
            .conditional_expected_purchases(
                CDNOW_LIKE.holdout,
                c.rfm.frequency,
                c.rfm.recency,
                c.rfm.age,
            )
            .unwrap();
    }
    let alive = sim.iter().filter(|c| c.alive_at_t).count() as f64;
    assert!(
        (sum_alive - alive).abs() <= 4.0 * var_alive.sqrt(),
        "Σ P(alive) {sum_alive} vs {alive} alive (sd {})",
        var_alive.sqrt()
    );
    let holdout: f64 = sim.iter().map(|c| f64::from(c.holdout_purchases)).sum();
    let sq: f64 = sim
        .iter()
        .map(|c| f64::from(c.holdout_purchases).powi(2))
        .sum();
    // Var of the total ≤ Σ y² (sum of second moments), a conservative bound.
    assert!(
        (sum_y - holdout).abs() <= 4.0 * sq.sqrt() && (sum_y - holdout).abs() <= 0.05 * holdout,
        "Σ E[Y] {sum_y} vs {holdout}"
    );
    // Unconditional: mean E[X(t)] over the ages equals the mean repeat count.
    let mean_x: f64 =
        sim.iter().map(|c| f64::from(c.rfm.frequency)).sum::<f64>() / sim.len() as f64;
    let mean_ex: f64 = sim
        .iter()
        .map(|c| p.expected_purchases(c.rfm.age).unwrap())
        .sum::<f64>()
        / sim.len() as f64;
    assert!(
        (mean_x - mean_ex).abs() < 0.03 * mean_x,
        "{mean_x} vs {mean_ex}"
    );
}

/// Gamma-Gamma on the repeat customers of 60,000 simulated: within 4
/// standard errors and 15 % (q and v are strongly correlated, so each is
/// less precise than p v/(q−1)), and the population mean spend within 3 %.
#[test]
fn gamma_gamma_recovers_simulated_parameters() {
    let sim = simulate(&CDNOW_LIKE, 60_000, 99);
    let mut rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    // Returns: customers whose repeat purchases net to 0 or less are
    // reported and left out, not crashed on.
    rows.push(Rfm {
        frequency: 2,
        recency: 10.0,
        age: 30.0,
        monetary_value: -5.0,
    });
    rows.push(Rfm {
        frequency: 1,
        recency: 3.0,
        age: 30.0,
        monetary_value: 0.0,
    });
    let f = gamma_gamma::fit(&rows).unwrap();
    assert_eq!(f.excluded_non_positive_spend, 2);
    assert_eq!(
        f.excluded_no_repeat,
        sim.iter().filter(|c| c.rfm.frequency == 0).count()
    );
    let p = f.params;
    let s = f.std_errors;
    close("p", p.p(), CDNOW_LIKE.p, s[0], 4.0, 0.15);
    close("q", p.q(), CDNOW_LIKE.q, s[1], 4.0, 0.15);
    close("v", p.v(), CDNOW_LIKE.v, s[2], 4.0, 0.15);
    let true_mean = CDNOW_LIKE.p * CDNOW_LIKE.v / (CDNOW_LIKE.q - 1.0);
    let got = p.population_mean_spend().unwrap();
    assert!(
        (got - true_mean).abs() < 0.03 * true_mean,
        "{got} vs {true_mean}"
    );
    // Independence of spend and frequency holds in the simulation.
    assert!(f.frequency_spend_correlation.abs() < 0.05);
}

/// sBG on a 100,000-customer cohort over 8 periods: within 4 standard errors
/// and 5 %.
#[test]
fn sbg_recovers_simulated_parameters() {
    for (alpha, beta, seed) in [(0.704, 1.182, 1u64), (0.668, 3.806, 2), (3.0, 12.0, 3)] {
        let alive = simulate_sbg(alpha, beta, 100_000, 8, seed);
        let f = sbg::fit(&alive).unwrap();
        close("alpha", f.params.alpha(), alpha, f.std_errors[0], 4.0, 0.05);
        close("beta", f.params.beta(), beta, f.std_errors[1], 4.0, 0.05);
    }
}

/// A different spec (daily units, long ages, a > 1) to exercise the fit away
/// from CDNOW's scale.
#[test]
fn bgnbd_recovers_daily_scale_parameters() {
    let spec = SimSpec {
        r: 1.3,
        alpha: 40.0,
        a: 1.6,
        b: 4.0,
        p: 3.0,
        q: 6.0,
        v: 80.0,
        t_min: 200.0,
        t_max: 365.0,
        holdout: 180.0,
    };
    let sim = simulate(&spec, 30_000, 4242);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let f = bgnbd::fit(&rows).unwrap();
    let s = f.std_errors;
    close("r", f.params.r(), spec.r, s[0], 4.0, 0.10);
    close("alpha", f.params.alpha(), spec.alpha, s[1], 4.0, 0.10);
    close("a", f.params.a(), spec.a, s[2], 4.0, 0.15);
    close("b", f.params.b(), spec.b, s[3], 4.0, 0.15);
}

/// Lower-triangular Cholesky factor of a small covariance matrix.
fn cholesky(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = a[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            l[i][j] = if i == j { s.sqrt() } else { s / l[j][j] };
        }
    }
    l
}

/// Reference: the delta-method standard error of the total CLV against the
/// spread of the total CLV over 300 parameter vectors drawn from the fits'
/// normal approximations (rand_distr normals, Cholesky of the covariances);
/// agreement within 25 % (sampling error of an SD from 300 draws is ~4 %,
/// the rest is the delta method's linearisation).
#[test]
fn total_clv_interval_matches_parameter_sampling() {
    use cxi_models::bgnbd::BgNbdParams;
    use cxi_models::gamma_gamma::GammaGammaParams;
    use cxi_models::rfm_clv::portfolio_value;
    use cxi_models::rfm_clv::total_clv_interval;
    use cxi_models::rfm_clv::ClvSettings;
    use cxi_types::period::PeriodUnit;
    use rand_distr::{Distribution, StandardNormal};
    use rand_pcg::rand_core::SeedableRng;

    let sim = simulate(&CDNOW_LIKE, 1_500, 31);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let bg = bgnbd::fit(&rows).unwrap();
    let gg = gamma_gamma::fit(&rows).unwrap();
    let settings = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 6, 0.1, 1.0).unwrap();
    let iv = total_clv_interval(&bg, &gg, &rows, &settings).unwrap();
    assert!(iv.std_error > 0.0 && iv.low_95 < iv.total_clv && iv.total_clv < iv.high_95);

    let lb = cholesky(&bg.covariance.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
    let lg = cholesky(&gg.covariance.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
    let mb = [
        bg.params.r(),
        bg.params.alpha(),
        bg.params.a(),
        bg.params.b(),
    ];
    let mg = [gg.params.p(), gg.params.q(), gg.params.v()];
    let mut rng = rand_pcg::Pcg64::seed_from_u64(2024);
    let mut totals = Vec::new();
    while totals.len() < 300 {
        let zb: Vec<f64> = (0..4).map(|_| StandardNormal.sample(&mut rng)).collect();
        let zg: Vec<f64> = (0..3).map(|_| StandardNormal.sample(&mut rng)).collect();
        let pb: Vec<f64> = (0..4)
            .map(|i| mb[i] + (0..=i).map(|k| lb[i][k] * zb[k]).sum::<f64>())
            .collect();
        let pg: Vec<f64> = (0..3)
            .map(|i| mg[i] + (0..=i).map(|k| lg[i][k] * zg[k]).sum::<f64>())
            .collect();
        let (Ok(b), Ok(g)) = (
            BgNbdParams::new(pb[0], pb[1], pb[2], pb[3]),
            GammaGammaParams::new(pg[0], pg[1], pg[2]),
        ) else {
            continue;
        };
        if g.q() <= 1.0 {
            continue;
        }
        totals.push(portfolio_value(&b, &g, &rows, &settings).unwrap().total_clv);
    }
    let n = totals.len() as f64;
    let mean = totals.iter().sum::<f64>() / n;
    let sd = (totals.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    assert!(
        (iv.std_error - sd).abs() < 0.25 * sd,
        "delta {} vs sampled {sd}",
        iv.std_error
    );
}
