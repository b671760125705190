//! The transaction numbers: BG/NBD + Gamma-Gamma values per bin, the mean
//! CLV interval, P(alive), the distribution and the customers at risk.

use super::at_risk::{at_risk, AtRisk};
use super::chart_data::{histogram, p_alive_grid, Histogram, PAliveGrid};
use super::evidence::BgNbdEvidence;
use super::slice::ValueSlice;
use super::state::MAX_HORIZON_MONTHS;
use super::view::BinValue;
use super::view::Z90;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm_clv::ClvSettings;
use cxi_types::period::PeriodUnit;

// ---------------------------------------------------------------- BG/NBD

/// The BG/NBD + Gamma-Gamma value of every bin of `segment` (0: all).
/// `CLV = m · (E[Z] · D)` with `D` the discounted expected purchases of
/// [`super::series::discounted`]: exactly proportional to the margin `m`.
pub fn bin_values(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
) -> Vec<BinValue> {
    bin_values_with(b, gg, settings, segment, true)
}

pub(super) fn bin_values_with(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
    memo: bool,
) -> Vec<BinValue> {
    let bins: Vec<&super::evidence::Bin> = b
        .bins
        .iter()
        .filter(|x| segment == 0 || x.segment() == segment)
        .collect();
    let points: Vec<Rfm> = bins.iter().map(|x| x.rfm()).collect();
    // All parameter sets: the interval then finds them in the memo.
    let d = super::series::discounted(&b.params, super::series::SETS, &points, settings, memo);
    let mr = settings.margin_rate();
    bins.iter()
        .zip(points)
        .zip(d)
        .filter_map(|((x, r), d)| {
            let base = d.first().copied().flatten()?;
            let spend = gg
                .expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                .ok()?;
            let clv = mr * (spend * base.purchases);
            (clv.is_finite() && base.p_alive.is_finite()).then_some(BinValue {
                rfm: r,
                count: f64::from(x.count()),
                p_alive: base.p_alive,
                clv,
            })
        })
        .collect()
}

/// Mean CLV per customer over weighted customers and its delta-method
/// standard error from the two fits' covariances.
///
/// # Formula
/// `CLV̄ = Σ nᵢ CLVᵢ / Σ nᵢ`, `Var ≈ gᵀ Σ g` with `g` the gradient in
/// `(r, α, a, b, p, q, v)` (forward differences, step 10⁻⁴ relative) and
/// `Σ` block-diagonal (the models are fitted separately; FHL 2005 assume
/// spend independent of transactions) — [`cxi_models::rfm_clv::total_clv_interval`]
/// with a weight per customer. Both are computed for a margin of 1 and
/// multiplied by the margin last, so they are exactly proportional to it;
/// the BG/NBD passes come from the memo of [`super::series::discounted`].
pub fn mean_clv_interval(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
) -> Option<(f64, f64)> {
    mean_clv_interval_with(customers, b, gg, gg_cov, settings, true)
}

pub(super) fn mean_clv_interval_with(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
    memo: bool,
) -> Option<(f64, f64)> {
    let n: f64 = customers.iter().map(|c| c.1).sum();
    if n <= 0.0 {
        return None;
    }
    let mr = settings.margin_rate();
    let points: Vec<Rfm> = customers.iter().map(|c| c.0).collect();
    let d = super::series::discounted(&b.params, super::series::SETS, &points, settings, memo);
    // Discounted purchases per customer under each BG/NBD parameter set.
    let disc = |s: usize| -> Option<Vec<f64>> {
        d.iter()
            .map(|x| x.get(s).copied().flatten().map(|v| v.purchases))
            .collect()
    };
    let spend = |g: &GammaGammaParams| -> Option<Vec<f64>> {
        customers
            .iter()
            .map(|(r, _)| {
                g.expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                    .ok()
            })
            .collect()
    };
    // Margin-free total.
    let total = |d: &[f64], z: &[f64]| -> f64 {
        customers
            .iter()
            .zip(d.iter().zip(z))
            .map(|((_, w), (d, z))| w * d * z)
            .sum()
    };
    let d0 = disc(0)?;
    let z0 = spend(gg)?;
    let base = total(&d0, &z0);
    let p = &b.params;
    let bgv = [p.r(), p.alpha(), p.a(), p.b()];
    let mut g_bg = [0.0; 4];
    for i in 0..4 {
        let h = super::series::REL_STEP * bgv[i];
        g_bg[i] = (total(&disc(i + 1)?, &z0) - base) / h;
    }
    let ggv = [gg.p(), gg.q(), gg.v()];
    let mut g_gg = [0.0; 3];
    for i in 0..3 {
        let mut q = ggv;
        let h = super::series::REL_STEP * q[i];
        q[i] += h;
        let gp = GammaGammaParams::new(q[0], q[1], q[2]).ok()?;
        g_gg[i] = (total(&d0, &spend(&gp)?) - base) / h;
    }
    let mut var = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            var += g_bg[i] * b.covariance[i][j] * g_bg[j];
        }
    }
    for i in 0..3 {
        for j in 0..3 {
            var += g_gg[i] * gg_cov[i][j] * g_gg[j];
        }
    }
    let mean = mr * (base / n);
    let se = mr * (var.max(0.0).sqrt() / n);
    (mean.is_finite() && se.is_finite()).then_some((mean, se))
}

/// The BG/NBD figures of the segment shown.
#[derive(Debug, Clone, PartialEq)]
pub struct BgNbdNumbers<'a> {
    /// The fits (BG/NBD, Gamma-Gamma), their covariances and the bins.
    pub fit: &'a BgNbdEvidence,
    /// Segment index of the bins shown (0: all).
    pub segment: u16,
    /// Months valued.
    pub horizon: u32,
    /// Annual discount rate (fraction).
    pub annual_discount: f64,
    /// Margin rate on spend (fraction).
    pub margin_rate: f64,
    /// P(alive) over frequency × recency.
    pub p_alive: PAliveGrid,
    /// Values in money: with a Gamma-Gamma fit and usable settings.
    pub spend: Option<SpendNumbers<'a>>,
}

/// What the Gamma-Gamma fit turns into money.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendNumbers<'a> {
    /// The spend fit.
    pub gamma_gamma: &'a GammaGammaParams,
    /// Each bin's value.
    pub values: Vec<BinValue>,
    /// Mean CLV per customer and its interval, when computable.
    pub mean: Option<MeanClv>,
    /// The customers' CLV distribution.
    pub histogram: Histogram,
    /// Customers at risk, most value at risk first.
    pub at_risk: Vec<AtRisk>,
}

/// Mean CLV per customer of the bins shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanClv {
    /// Mean CLV per customer.
    pub mean: f64,
    /// Its delta-method standard error.
    pub se: f64,
    /// Mean P(alive) over the customers.
    pub alive: f64,
    /// Customers (sum of the bins' counts).
    pub customers: f64,
}

impl MeanClv {
    /// The 90 % interval (`None` when the fits give no spread).
    pub fn interval90(&self) -> Option<(f64, f64)> {
        (self.se > 0.0).then_some((self.mean - Z90 * self.se, self.mean + Z90 * self.se))
    }
}

pub(super) fn bgnbd<'a>(
    s: &ValueSlice,
    b: &'a BgNbdEvidence,
    segment: Option<&str>,
) -> BgNbdNumbers<'a> {
    let seg = segment
        .and_then(|g| b.segments.iter().position(|x| x == g))
        .map_or(0, |i| i as u16 + 1);
    let horizon = s.value.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let annual_discount = s.clv.annual_discount_pct / 100.0;
    let margin_rate = s.value.margin_rate_pct / 100.0;
    let settings = ClvSettings::new(
        b.unit,
        PeriodUnit::Month,
        horizon,
        annual_discount,
        margin_rate,
    );
    let spend = match (&b.gamma_gamma, settings) {
        (Some(gg), Ok(settings)) => {
            let values = bin_values(b, gg, &settings, seg);
            let n: f64 = values.iter().map(|x| x.count).sum();
            let weighted: Vec<(Rfm, f64)> = values.iter().map(|x| (x.rfm, x.count)).collect();
            let mean = mean_clv_interval(&weighted, b, gg, &b.gg_covariance, &settings).map(
                |(mean, se)| MeanClv {
                    mean,
                    se,
                    alive: values.iter().map(|x| x.p_alive * x.count).sum::<f64>() / n,
                    customers: n,
                },
            );
            Some(SpendNumbers {
                gamma_gamma: gg,
                histogram: histogram(&values),
                mean,
                at_risk: at_risk(b, gg, &settings, seg),
                values,
            })
        }
        _ => None,
    };
    BgNbdNumbers {
        fit: b,
        segment: seg,
        horizon,
        annual_discount,
        margin_rate,
        p_alive: p_alive_grid(b, seg),
        spend,
    }
}
