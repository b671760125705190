//! The conditional expectations behind `cxi holdout` for Pareto/NBD and
//! MBG/NBD, checked by simulation (reference: the law of total
//! expectation). Customers are drawn from the model with their purchases
//! up to `T + t`; averaged over them, `E[Y(t) | x, t_x, T]` computed from
//! each calibration history must equal the mean count of purchases in
//! `(T, T + t]`, and `E[X(T)]` the mean calibration count. Tolerance:
//! 4 standard errors of the simulated mean (20,000 customers, fixed seeds).
#![cfg(not(target_arch = "wasm32"))]

use cxi_models::mbgnbd::MbgNbdParams;
use cxi_models::pareto_nbd::ParetoNbdParams;
use cxi_models::purchase::RepeatPurchaseModel;
use rand::RngExt;
use rand_distr::{Beta, Distribution, Exp, Gamma};
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;

const CUSTOMERS: usize = 20_000;
const AGE: f64 = 39.0;
const HOLDOUT: f64 = 39.0;

/// One simulated customer: `(x, t_x)` in `(0, AGE]` and the purchases in
/// `(AGE, AGE + HOLDOUT]`.
struct Drawn {
    x: u32,
    tx: f64,
    holdout: f64,
}

fn split(times: &[f64]) -> Drawn {
    let cal: Vec<f64> = times.iter().copied().filter(|&t| t <= AGE).collect();
    Drawn {
        x: cal.len() as u32,
        tx: cal.last().copied().unwrap_or(0.0),
        holdout: (times.len() - cal.len()) as f64,
    }
}

/// Pareto/NBD: λ ~ Gamma(r, α), lifetime ~ Exp(μ), μ ~ Gamma(s, β).
fn draw_pareto(p: (f64, f64, f64, f64), seed: u64) -> Vec<Drawn> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let lam_d = Gamma::new(p.0, 1.0 / p.1).unwrap();
    let mu_d = Gamma::new(p.2, 1.0 / p.3).unwrap();
    (0..CUSTOMERS)
        .map(|_| {
            let lam: f64 = lam_d.sample(&mut rng);
            let mu: f64 = mu_d.sample(&mut rng);
            let end = Exp::new(mu).unwrap().sample(&mut rng).min(AGE + HOLDOUT);
            let gap = Exp::new(lam).unwrap();
            let mut times = Vec::new();
            let mut t = gap.sample(&mut rng);
            while t <= end {
                times.push(t);
                t += gap.sample(&mut rng);
            }
            split(&times)
        })
        .collect()
}

/// MBG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); the customer may leave with
/// probability p at time 0 and after each repeat purchase.
fn draw_mbgnbd(p: (f64, f64, f64, f64), seed: u64) -> Vec<Drawn> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let lam_d = Gamma::new(p.0, 1.0 / p.1).unwrap();
    let p_d = Beta::new(p.2, p.3).unwrap();
    (0..CUSTOMERS)
        .map(|_| {
            let lam: f64 = lam_d.sample(&mut rng);
            let drop: f64 = p_d.sample(&mut rng);
            let gap = Exp::new(lam).unwrap();
            let mut times = Vec::new();
            let mut t = 0.0;
            while rng.random::<f64>() >= drop {
                t += gap.sample(&mut rng);
                if t > AGE + HOLDOUT {
                    break;
                }
                times.push(t);
            }
            split(&times)
        })
        .collect()
}

fn check<M: RepeatPurchaseModel>(name: &str, m: &M, drawn: &[Drawn]) {
    let n = drawn.len() as f64;
    let mean = |f: &dyn Fn(&Drawn) -> f64| drawn.iter().map(f).sum::<f64>() / n;
    let sd = |f: &dyn Fn(&Drawn) -> f64, mu: f64| {
        (drawn.iter().map(|d| (f(d) - mu).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
    };
    let actual = mean(&|d| d.holdout);
    let se = sd(&|d| d.holdout, actual) / n.sqrt();
    let predicted = mean(&|d| {
        m.conditional_expected_purchases(HOLDOUT, d.x, d.tx, AGE)
            .unwrap()
    });
    assert!(
        (predicted - actual).abs() <= 4.0 * se,
        "{name} holdout: predicted {predicted}, simulated {actual} ± {se}"
    );
    let x_mean = mean(&|d| f64::from(d.x));
    let x_se = sd(&|d| f64::from(d.x), x_mean) / n.sqrt();
    let e_x = m.expected_purchases(AGE).unwrap();
    assert!(
        (e_x - x_mean).abs() <= 4.0 * x_se,
        "{name} E[X(T)]: {e_x}, simulated {x_mean} ± {x_se}"
    );
}

/// Pareto/NBD at FH-MATLAB's CDNOW estimates and at a faster-leaving set
/// (s > 1, where the expectation's bracket is not the s → 1 limit).
#[test]
fn pareto_nbd_conditional_expectation_matches_simulation() {
    for (i, p) in [(0.5533, 10.5776, 0.6061, 11.6650), (1.2, 8.0, 2.5, 40.0)]
        .into_iter()
        .enumerate()
    {
        let m = ParetoNbdParams::new(p.0, p.1, p.2, p.3).unwrap();
        check("Pareto/NBD", &m, &draw_pareto(p, 11 + i as u64));
    }
}

/// MBG/NBD at Batislam et al.'s kind of estimates (BG/NBD's CDNOW ones)
/// and at a set with fewer drop-outs per purchase.
#[test]
fn mbgnbd_conditional_expectation_matches_simulation() {
    for (i, p) in [(0.243, 4.414, 0.793, 2.426), (0.8, 6.0, 1.5, 8.0)]
        .into_iter()
        .enumerate()
    {
        let m = MbgNbdParams::new(p.0, p.1, p.2, p.3).unwrap();
        check("MBG/NBD", &m, &draw_mbgnbd(p, 21 + i as u64));
    }
}
