//! The cohort numbers: sBG retention, discounted expected lifetime and its
//! interval, survival with its band.

use super::evidence::SbgEvidence;
use super::slice::ValueSlice;
use super::state::MAX_HORIZON_MONTHS;
use super::view::Z90;
use cxi_models::clv::ClvError;
use cxi_models::sbg::SbgParams;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;

// ---------------------------------------------------------------- sBG

/// Discounted expected lifetime and its delta-method standard error from
/// the covariance of `(α, β)` (central differences, step 10⁻⁵ relative).
pub fn sbg_del_interval(e: &SbgEvidence, d: f64) -> Option<(f64, f64)> {
    let del = |a: f64, b: f64| SbgParams::new(a, b).ok()?.del(d).ok();
    let base = del(e.alpha, e.beta)?;
    let ha = 1e-5 * e.alpha;
    let hb = 1e-5 * e.beta;
    let ga = (del(e.alpha + ha, e.beta)? - del(e.alpha - ha, e.beta)?) / (2.0 * ha);
    let gb = (del(e.alpha, e.beta + hb)? - del(e.alpha, e.beta - hb)?) / (2.0 * hb);
    let c = &e.covariance;
    let var = ga * ga * c[0][0] + 2.0 * ga * gb * c[0][1] + gb * gb * c[1][1];
    (base.is_finite() && var.is_finite()).then(|| (base, var.max(0.0).sqrt()))
}

/// Survival curves for the chart: the model's, its 90 % band, the cohorts'.
#[derive(Debug, Clone, PartialEq)]
pub struct Survival {
    /// Period of the curves.
    pub unit: PeriodUnit,
    /// `(period, S)` of the model.
    pub model: Vec<(f64, f64)>,
    /// `(period, low, high)` of the 90 % band, when the model has one.
    pub band: Option<Vec<(f64, f64, f64)>>,
    /// `(period, S)` observed in cohorts.
    pub observed: Option<Vec<(u32, f64)>>,
}

/// The sBG figures of the cohorts shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SbgNumbers<'a> {
    /// The fit (α, β, covariance, cohorts, customers, observed survival).
    pub fit: &'a SbgEvidence,
    /// The calculator's margin brought to the cohorts' period.
    pub margin: f64,
    /// Discount rate per cohort period (`None`: the annual rate is unusable).
    pub discount: Option<f64>,
    /// CLV, discounted expected lifetime and its standard error.
    pub value: Option<SbgValue>,
    /// Why the calculator's inputs are unusable, when there is no value.
    pub error: Option<ClvError>,
    /// Survival: model, band and observed.
    pub survival: Option<Survival>,
}

/// CLV from the sBG: `m · DEL(d)` and the 90 % interval's ingredients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SbgValue {
    /// `m · DEL(d)`.
    pub clv: f64,
    /// Discounted expected lifetime, in periods.
    pub del: f64,
    /// Its delta-method standard error.
    pub se: f64,
}

impl SbgValue {
    /// The 90 % interval of the CLV (`None` when the fit gives no spread).
    pub fn interval90(&self, margin: f64) -> Option<(f64, f64)> {
        (self.se > 0.0).then_some((
            margin * (self.del - Z90 * self.se),
            margin * (self.del + Z90 * self.se),
        ))
    }
}

pub(super) fn sbg<'a>(s: &ValueSlice, e: &'a SbgEvidence) -> SbgNumbers<'a> {
    // The closed form's margin is per its own period: bring it to the
    // cohorts' period.
    let margin = s.clv.margin * s.clv.unit.per_year() / e.unit.per_year();
    let d = annual_to_period_rate(s.clv.annual_discount_pct / 100.0, e.unit);
    let value = match (d.and_then(|d| sbg_del_interval(e, d)), margin.is_finite()) {
        (Some((del, se)), true) => Some(SbgValue {
            clv: margin * del,
            del,
            se,
        }),
        _ => None,
    };
    let error = value.is_none().then(|| s.clv.compute().err()).flatten();
    // Survival: observed vs model, with the 90 % band from (α, β).
    let last_obs = e.observed.last().map_or(0, |p| p.0);
    let n = last_obs
        .max(s.value.horizon_months.min(MAX_HORIZON_MONTHS))
        .max(1);
    let survival = SbgParams::new(e.alpha, e.beta).ok().map(|p| Survival {
        unit: e.unit,
        model: p
            .survival_curve(n)
            .into_iter()
            .enumerate()
            .map(|(k, s)| (k as f64, s))
            .collect(),
        band: Some(
            (0..=n)
                .map(|k| {
                    let (s0, se) = survival_se(e, k);
                    (
                        f64::from(k),
                        (s0 - Z90 * se).clamp(0.0, 1.0),
                        (s0 + Z90 * se).clamp(0.0, 1.0),
                    )
                })
                .collect(),
        ),
        observed: Some(e.observed.clone()),
    });
    SbgNumbers {
        fit: e,
        margin,
        discount: d,
        value,
        error,
        survival,
    }
}

/// `S(k)` and its delta-method standard error.
pub fn survival_se(e: &SbgEvidence, k: u32) -> (f64, f64) {
    let surv = |a: f64, b: f64| SbgParams::new(a, b).map_or(f64::NAN, |p| p.survival(k));
    let s0 = surv(e.alpha, e.beta);
    let (ha, hb) = (1e-5 * e.alpha, 1e-5 * e.beta);
    let ga = (surv(e.alpha + ha, e.beta) - surv(e.alpha - ha, e.beta)) / (2.0 * ha);
    let gb = (surv(e.alpha, e.beta + hb) - surv(e.alpha, e.beta - hb)) / (2.0 * hb);
    let c = &e.covariance;
    let var = ga * ga * c[0][0] + 2.0 * ga * gb * c[0][1] + gb * gb * c[1][1];
    let se = var.max(0.0).sqrt();
    (s0, if se.is_finite() { se } else { 0.0 })
}
