//! Seeded Monte-Carlo band of the NPV from the inputs' uncertainty.

use super::appraisal::appraise_unchecked;
use super::inputs::{clamp_valid, BusinessCaseError, BusinessCaseInputs, Input, MAX_DRAWS};
use rand_core::Rng;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

/// Distribution of an uncertain input in the Monte-Carlo.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Distribution {
    /// Normal around the base value (e.g. a fitted estimate and its standard error).
    Normal {
        /// Standard deviation, in the input's unit.
        sd: f64,
    },
    /// Triangular with the base value as mode.
    Triangular {
        /// Lowest value, in the input's unit.
        low: f64,
        /// Highest value, in the input's unit.
        high: f64,
    },
    /// Uniform between `low` and `high` (the base value is not used).
    Uniform {
        /// Lowest value, in the input's unit.
        low: f64,
        /// Highest value, in the input's unit.
        high: f64,
    },
}

/// Percentiles of a simulated quantity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

/// Result of a Monte-Carlo run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonteCarloBand {
    /// Number of simulated business cases.
    pub draws: u32,
    /// Seed of the PCG64 generator: the same seed gives the same band.
    pub seed: u64,
    /// Mean NPV over the draws, in currency.
    pub npv_mean: f64,
    /// Percentiles of the NPV over the draws.
    pub npv: Band,
    /// Share of draws with NPV > 0.
    pub probability_positive: f64,
    /// Band of the cumulative discounted cash flow at each year 0..=years.
    pub cumulative_discounted: Vec<Band>,
}

/// Uniform in `[0, 1)` with 53 random bits.
fn uniform(rng: &mut Pcg64) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Standard normal by Box–Muller (Box & Muller 1958), one value per call.
pub(super) fn standard_normal(rng: &mut Pcg64) -> f64 {
    let u1 = 1.0 - uniform(rng); // (0, 1]: ln is finite
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// One draw of `dist` around `base`.
pub(super) fn sample(dist: &Distribution, base: f64, rng: &mut Pcg64) -> f64 {
    match *dist {
        Distribution::Normal { sd } => base + sd * standard_normal(rng),
        Distribution::Uniform { low, high } => low + (high - low) * uniform(rng),
        Distribution::Triangular { low, high } => {
            // Inverse CDF with mode c = base.
            let (a, b, c) = (low, high, base);
            if b == a {
                return a;
            }
            let u = uniform(rng);
            if u < (c - a) / (b - a) {
                a + (u * (b - a) * (c - a)).sqrt()
            } else {
                b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
            }
        }
    }
}

/// Percentile by linear interpolation between order statistics (Hyndman &
/// Fan type 7, the spreadsheet PERCENTILE). `sorted` must be ascending.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn band(values: &mut [f64]) -> Band {
    values.sort_by(f64::total_cmp);
    Band {
        p05: percentile(values, 0.05),
        p50: percentile(values, 0.50),
        p95: percentile(values, 0.95),
    }
}

/// Monte-Carlo band of the NPV from the inputs' uncertainty, reproducible
/// from `seed` (PCG-64, identical on every platform including wasm32).
///
/// Each listed input is drawn independently from its distribution and
/// clamped into its valid range (as in [`tornado`](fn@super::tornado)); the others stay at
/// their base value.
pub fn monte_carlo(
    inputs: &BusinessCaseInputs,
    uncertainty: &[(Input, Distribution)],
    draws: u32,
    seed: u64,
) -> Result<MonteCarloBand, BusinessCaseError> {
    inputs.validate()?;
    if draws == 0 || draws > MAX_DRAWS {
        return Err(BusinessCaseError::DrawsOutOfRange(draws));
    }
    for (input, d) in uncertainty {
        let bad = |reason| {
            Err(BusinessCaseError::BadUncertainty {
                input: *input,
                reason,
            })
        };
        match *d {
            Distribution::Normal { sd } if !(sd.is_finite() && sd >= 0.0) => {
                return bad("sd must be a number >= 0")
            }
            Distribution::Uniform { low, high }
                if !(low.is_finite() && high.is_finite() && low <= high) =>
            {
                return bad("low and high must be numbers with low <= high")
            }
            Distribution::Triangular { low, high } => {
                let m = inputs.get(*input);
                if !(low.is_finite() && high.is_finite() && low <= m && m <= high) {
                    return bad("need low <= base value <= high");
                }
            }
            _ => {}
        }
    }
    let mut rng = Pcg64::seed_from_u64(seed);
    let years = inputs.years as usize;
    let mut npvs = Vec::with_capacity(draws as usize);
    let mut cumulative: Vec<Vec<f64>> = vec![Vec::with_capacity(draws as usize); years + 1];
    for _ in 0..draws {
        let mut x = *inputs;
        for (input, dist) in uncertainty {
            let v = sample(dist, inputs.get(*input), &mut rng);
            x = x.with(*input, v);
        }
        // Clamp after all draws so dependent ranges (churn vs reduction) see
        // the drawn values.
        for (input, _) in uncertainty {
            let v = clamp_valid(&x, *input, x.get(*input));
            x = x.with(*input, v);
        }
        let case = appraise_unchecked(&x);
        npvs.push(case.npv);
        for (slot, row) in cumulative.iter_mut().zip(&case.rows) {
            slot.push(row.cumulative_discounted);
        }
    }
    let npv_mean = npvs.iter().sum::<f64>() / f64::from(draws);
    let probability_positive = npvs.iter().filter(|v| **v > 0.0).count() as f64 / f64::from(draws);
    Ok(MonteCarloBand {
        draws,
        seed,
        npv_mean,
        npv: band(&mut npvs),
        probability_positive,
        cumulative_discounted: cumulative.iter_mut().map(|v| band(v)).collect(),
    })
}
