//! Seeded simulators of the value models, shared by the integration tests
//! and the benches. The random variates come from `rand_distr`, independent
//! of the model code under test.

use cxi_models::rfm::Rfm;
use rand::RngExt;
use rand_distr::{Beta, Distribution, Exp, Gamma};
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;

/// One simulated BG/NBD + Gamma-Gamma customer.
#[derive(Debug, Clone)]
pub struct SimCustomer {
    pub rfm: Rfm,
    /// Still alive at the end of the calibration period `T`.
    pub alive_at_t: bool,
    /// Purchases made in `(T, T + holdout]`.
    pub holdout_purchases: u32,
    /// Times of all purchases in `[0, T]`, first one at 0 (model time unit).
    pub purchase_times: Vec<f64>,
    /// Amount of each purchase in `purchase_times`.
    pub amounts: Vec<f64>,
}

/// Parameters of a simulation.
#[derive(Debug, Clone, Copy)]
pub struct SimSpec {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub p: f64,
    pub q: f64,
    pub v: f64,
    /// Calibration ages `T` are uniform in `[t_min, t_max]`.
    pub t_min: f64,
    pub t_max: f64,
    pub holdout: f64,
}

/// CDNOW-like: the published BG/NBD and Gamma-Gamma estimates, ages 27–39 weeks.
pub const CDNOW_LIKE: SimSpec = SimSpec {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
    p: 6.25,
    q: 3.74,
    v: 15.44,
    t_min: 27.0,
    t_max: 39.0,
    holdout: 39.0,
};

/// Simulates `n` customers with a fixed seed.
///
/// BG/NBD (Fader, Hardie & Lee 2005, section 3): λ ~ Gamma(r, 1/α), p ~
/// Beta(a, b); purchases at Exp(λ) gaps from a first purchase at 0; after
/// each repeat purchase the customer drops out with probability p.
/// Gamma-Gamma (note 025): ν ~ Gamma(q, 1/v); each amount ~ Gamma(p, 1/ν).
pub fn simulate(spec: &SimSpec, n: usize, seed: u64) -> Vec<SimCustomer> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let lam_d = Gamma::new(spec.r, 1.0 / spec.alpha).unwrap();
    let p_d = Beta::new(spec.a, spec.b).unwrap();
    let nu_d = Gamma::new(spec.q, 1.0 / spec.v).unwrap();
    (0..n)
        .map(|_| {
            let lam: f64 = lam_d.sample(&mut rng);
            let drop: f64 = p_d.sample(&mut rng);
            let nu: f64 = nu_d.sample(&mut rng);
            let spend = Gamma::new(spec.p, 1.0 / nu).unwrap();
            let gap = Exp::new(lam).unwrap();
            let big_t = spec.t_min + (spec.t_max - spec.t_min) * rng.random::<f64>();
            let mut times = vec![0.0];
            let mut amounts = vec![spend.sample(&mut rng)];
            let mut t = 0.0;
            let mut alive = true;
            let mut holdout = 0;
            loop {
                t += gap.sample(&mut rng);
                if t > big_t + spec.holdout {
                    break;
                }
                if t > big_t {
                    holdout += 1;
                } else {
                    times.push(t);
                    amounts.push(spend.sample(&mut rng));
                }
                if rng.random::<f64>() < drop {
                    alive = t > big_t;
                    break;
                }
            }
            let x = times.len() as u32 - 1;
            let monetary = if x == 0 {
                0.0
            } else {
                amounts[1..].iter().sum::<f64>() / f64::from(x)
            };
            SimCustomer {
                rfm: Rfm {
                    frequency: x,
                    recency: *times.last().unwrap(),
                    age: big_t,
                    monetary_value: monetary,
                },
                alive_at_t: alive,
                holdout_purchases: holdout,
                purchase_times: times,
                amounts,
            }
        })
        .collect()
}

/// Simulates an sBG cohort of `n` customers over `periods` periods:
/// θ ~ Beta(α, β), lifetime ~ shifted geometric(θ). Returns alive counts at
/// periods 0..=periods.
pub fn simulate_sbg(alpha: f64, beta: f64, n: usize, periods: usize, seed: u64) -> Vec<f64> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let theta_d = Beta::new(alpha, beta).unwrap();
    let mut alive = vec![0.0; periods + 1];
    for _ in 0..n {
        let theta: f64 = theta_d.sample(&mut rng);
        alive[0] += 1.0;
        for slot in alive.iter_mut().skip(1) {
            if rng.random::<f64>() < theta {
                break;
            }
            *slot += 1.0;
        }
    }
    alive
}

/// Parameters of a Pareto/NBD simulation: λ ~ Gamma(r, 1/α) purchase
/// rates, μ ~ Gamma(s, 1/β) drop-out rates, ages `T` uniform in
/// `[t_min, t_max]`.
#[derive(Debug, Clone, Copy)]
pub struct ParetoNbdSpec {
    pub r: f64,
    pub alpha: f64,
    pub s: f64,
    pub beta: f64,
    pub t_min: f64,
    pub t_max: f64,
}

/// CDNOW-like: Fader & Hardie's MATLAB-note estimates, ages 27–39 weeks.
pub const PARETO_CDNOW_LIKE: ParetoNbdSpec = ParetoNbdSpec {
    r: 0.5533,
    alpha: 10.5776,
    s: 0.6061,
    beta: 11.6650,
    t_min: 27.0,
    t_max: 39.0,
};

/// Simulates `n` Pareto/NBD customers with a fixed seed (Schmittlein,
/// Morrison & Colombo 1987): a lifetime τ ~ Exp(μ) from the first purchase
/// at 0, purchases at Exp(λ) gaps while `t < min(τ, T)`.
pub fn simulate_pareto_nbd(spec: &ParetoNbdSpec, n: usize, seed: u64) -> Vec<Rfm> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let lam_d = Gamma::new(spec.r, 1.0 / spec.alpha).unwrap();
    let mu_d = Gamma::new(spec.s, 1.0 / spec.beta).unwrap();
    (0..n)
        .map(|_| {
            let lam: f64 = lam_d.sample(&mut rng);
            let mu: f64 = mu_d.sample(&mut rng);
            let big_t = spec.t_min + (spec.t_max - spec.t_min) * rng.random::<f64>();
            let life: f64 = Exp::new(mu).unwrap().sample(&mut rng);
            let end = life.min(big_t);
            let gap = Exp::new(lam).unwrap();
            let (mut t, mut x, mut last) = (0.0, 0u32, 0.0);
            loop {
                t += gap.sample(&mut rng);
                if t > end {
                    break;
                }
                x += 1;
                last = t;
            }
            Rfm {
                frequency: x,
                recency: last,
                age: big_t,
                monetary_value: 0.0,
            }
        })
        .collect()
}

/// Simulates `n` MBG/NBD customers with a fixed seed (Batislam, Denizel &
/// Filiztekin 2007), from the `r, alpha, a, b, t_min, t_max` of `spec`:
/// as BG/NBD, except that the customer may also drop out (probability p)
/// right after the first purchase at 0.
pub fn simulate_mbgnbd(spec: &SimSpec, n: usize, seed: u64) -> Vec<Rfm> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let lam_d = Gamma::new(spec.r, 1.0 / spec.alpha).unwrap();
    let p_d = Beta::new(spec.a, spec.b).unwrap();
    (0..n)
        .map(|_| {
            let lam: f64 = lam_d.sample(&mut rng);
            let drop: f64 = p_d.sample(&mut rng);
            let big_t = spec.t_min + (spec.t_max - spec.t_min) * rng.random::<f64>();
            let gap = Exp::new(lam).unwrap();
            let (mut t, mut x, mut last) = (0.0, 0u32, 0.0);
            // Each purchase, the first included, may be the last.
            while rng.random::<f64>() >= drop {
                t += gap.sample(&mut rng);
                if t > big_t {
                    break;
                }
                x += 1;
                last = t;
            }
            Rfm {
                frequency: x,
                recency: last,
                age: big_t,
                monetary_value: 0.0,
            }
        })
        .collect()
}
