//! Discounted customer lifetime value from BG/NBD purchase forecasts and
//! Gamma-Gamma spend, per customer and in total, over a finite horizon.
//!
//! Conventions (stated in every result through [`Conversion`]):
//! * the horizon is a whole number of cash-flow steps (months by default),
//! * the discount rate is entered as an annual compound rate and converted
//!   to the step: `d_step = (1 + d_year)^(1/steps_per_year) − 1`,
//! * a step lasts `model units per step = units_per_year(model) /
//!   steps_per_year` units of the time unit the models were fitted in
//!   (365.25-day years, so a month is 4.348 weeks or 30.44 days),
//! * the purchases expected during step `k` are valued at the end of step
//!   `k`, discounted by `(1 + d_step)^k` (the convention of lifetimes'
//!   `customer_lifetime_value`, which uses 30-day / 4.345-week months).
//!
//! Source: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves
//! for Customer Base Analysis", *JMR* 42(4), section "Computing CLV":
//! CLV = margin × E[spend per transaction] × discounted expected transactions.

use super::bgnbd::{BgNbdError, BgNbdFit, BgNbdParams};
use super::gamma_gamma::{GammaGammaError, GammaGammaFit, GammaGammaParams};
use super::rfm::Rfm;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest horizon accepted, in steps (100 years of months).
pub const MAX_STEPS: u32 = 1_200;

/// Why a CLV computation was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum RfmClvError {
    /// Horizon of 0 steps or above [`MAX_STEPS`].
    HorizonOutOfRange(u32),
    /// Annual discount rate not greater than −1 or not finite.
    DiscountOutOfRange(f64),
    /// Margin rate outside `(0, 1]`.
    MarginOutOfRange(f64),
    /// The BG/NBD part (P(alive), expected purchases) failed.
    BgNbd(BgNbdError),
    /// The Gamma-Gamma part (expected spend) failed.
    GammaGamma(GammaGammaError),
}

impl fmt::Display for RfmClvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RfmClvError::HorizonOutOfRange(n) => {
                write!(f, "horizon must be 1 to {MAX_STEPS} steps: got {n}")
            }
            RfmClvError::DiscountOutOfRange(d) => {
                write!(f, "annual discount rate must be greater than -1: got {d}")
            }
            RfmClvError::MarginOutOfRange(m) => {
                write!(f, "margin rate must be in (0,1]: got {m}")
            }
            RfmClvError::BgNbd(e) => write!(f, "{e}"),
            RfmClvError::GammaGamma(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RfmClvError {}

impl From<BgNbdError> for RfmClvError {
    fn from(e: BgNbdError) -> Self {
        RfmClvError::BgNbd(e)
    }
}

impl From<GammaGammaError> for RfmClvError {
    fn from(e: GammaGammaError) -> Self {
        RfmClvError::GammaGamma(e)
    }
}

/// How the horizon and discount rate were translated into model time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Conversion {
    /// Unit the BG/NBD parameters (and the RFM times) are in.
    pub model_unit: PeriodUnit,
    /// Cash-flow step.
    pub step: PeriodUnit,
    /// Number of cash-flow steps in the horizon.
    pub steps: u32,
    /// Length of one step in model units.
    pub model_units_per_step: f64,
    /// Horizon in model units (`steps × model_units_per_step`).
    pub horizon_model_units: f64,
    /// Annual compound discount rate, a fraction.
    pub annual_discount: f64,
    /// The same rate per step: `(1 + annual)^(step in years) − 1`.
    pub discount_per_step: f64,
}

impl fmt::Display for Conversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "horizon {} {}(s) = {:.4} {}(s) of model time; annual discount {:.4}% = {:.6}% per {}, cash flows discounted at the end of each {}",
            self.steps,
            self.step.id(),
            self.horizon_model_units,
            self.model_unit.id(),
            self.annual_discount * 100.0,
            self.discount_per_step * 100.0,
            self.step.id(),
            self.step.id()
        )
    }
}

/// Validated CLV settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvSettings {
    conversion: Conversion,
    margin_rate: f64,
}

impl ClvSettings {
    /// * `model_unit`: time unit of the RFM data the models were fitted on.
    /// * `step`, `steps`: cash-flow step and horizon length in steps.
    /// * `annual_discount`: annual compound discount rate (fraction).
    /// * `margin_rate`: share of spend that is margin, in `(0, 1]` (1 for a
    ///   revenue-based value).
    pub fn new(
        model_unit: PeriodUnit,
        step: PeriodUnit,
        steps: u32,
        annual_discount: f64,
        margin_rate: f64,
    ) -> Result<Self, RfmClvError> {
        if steps == 0 || steps > MAX_STEPS {
            return Err(RfmClvError::HorizonOutOfRange(steps));
        }
        let discount_per_step = annual_to_period_rate(annual_discount, step)
            .ok_or(RfmClvError::DiscountOutOfRange(annual_discount))?;
        if !(margin_rate > 0.0 && margin_rate <= 1.0) {
            return Err(RfmClvError::MarginOutOfRange(margin_rate));
        }
        let model_units_per_step = model_unit.per_year() / step.per_year();
        Ok(ClvSettings {
            conversion: Conversion {
                model_unit,
                step,
                steps,
                model_units_per_step,
                horizon_model_units: model_units_per_step * f64::from(steps),
                annual_discount,
                discount_per_step,
            },
            margin_rate,
        })
    }

    /// How horizon and discount rate map onto model time.
    pub fn conversion(&self) -> Conversion {
        self.conversion
    }
    /// Share of spend counted as margin.
    pub fn margin_rate(&self) -> f64 {
        self.margin_rate
    }
}

/// Forecast and value of one customer over the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    /// P(alive) now (BG/NBD).
    pub p_alive: f64,
    /// Expected purchases over the horizon, undiscounted.
    pub expected_purchases: f64,
    /// Expected spend per purchase (Gamma-Gamma), currency.
    pub expected_spend: f64,
    /// Expected revenue over the horizon, undiscounted.
    pub expected_revenue: f64,
    /// Discounted margin over the horizon: the CLV.
    pub clv: f64,
}

/// Value of one customer.
///
/// # Formula
/// With `Δ` = model units per step, `d` = discount per step, `E[Y(t)]` the
/// BG/NBD conditional expectation and `E[Z]` the Gamma-Gamma expected spend:
/// `CLV = margin · E[Z] · Σ_{k=1}^{K} (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1 + d)^k`.
pub fn customer_value(
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    c: &Rfm,
    settings: &ClvSettings,
) -> Result<CustomerValue, RfmClvError> {
    let p_alive = bg.p_alive(c.frequency, c.recency, c.age)?;
    let spend = gg.expected_average_spend(c.frequency, c.monetary_value.max(0.0))?;
    let (prev, discounted) = discounted_purchases(settings, |t| {
        bg.conditional_expected_purchases(t, c.frequency, c.recency, c.age)
    })?;
    Ok(CustomerValue {
        p_alive,
        expected_purchases: prev,
        expected_spend: spend,
        expected_revenue: prev * spend,
        clv: settings.margin_rate * spend * discounted,
    })
}

/// Expected purchases over the horizon of `settings`, undiscounted and
/// discounted, from a model's cumulative conditional expectation
/// `cumulative(t) = E[Y(t) | x, t_x, T]` (any purchase model: BG/NBD,
/// MBG/NBD, Pareto/NBD).
///
/// # Formula
/// With `Δ` = model units per step and `d` = discount per step, the
/// increments of the expectation are valued at the end of each step:
/// `(E[Y(KΔ)], Σ_{k=1}^{K} (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1 + d)^k)`.
/// A sum over steps rather than the closed-form discounted expected
/// transactions (DET) of Fader, Hardie & Shang (2010), so every model and
/// the cash-flow convention of [`customer_value`] share one definition.
pub fn discounted_purchases<E>(
    settings: &ClvSettings,
    mut cumulative: impl FnMut(f64) -> Result<f64, E>,
) -> Result<(f64, f64), E> {
    let conv = &settings.conversion;
    let mut prev = 0.0;
    let mut discounted = 0.0;
    let mut factor = 1.0;
    for k in 1..=conv.steps {
        let t = conv.model_units_per_step * f64::from(k);
        let cum = cumulative(t)?;
        factor /= 1.0 + conv.discount_per_step;
        discounted += (cum - prev) * factor;
        prev = cum;
    }
    Ok((prev, discounted))
}

/// Values of every customer and their totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioValue {
    /// One value per customer, in input order.
    pub customers: Vec<CustomerValue>,
    /// Sum of the customers' CLV, in currency.
    pub total_clv: f64,
    /// Sum of the expected purchases over the horizon.
    pub total_expected_purchases: f64,
    /// Sum of the expected revenue over the horizon (undiscounted), in currency.
    pub total_expected_revenue: f64,
    /// How the horizon and discount were translated into model time.
    pub conversion: Conversion,
}

/// Values every customer (see [`customer_value`]) and sums them.
pub fn portfolio_value(
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    customers: &[Rfm],
    settings: &ClvSettings,
) -> Result<PortfolioValue, RfmClvError> {
    let values = customers
        .iter()
        .map(|c| customer_value(bg, gg, c, settings))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PortfolioValue {
        total_clv: values.iter().map(|v| v.clv).sum(),
        total_expected_purchases: values.iter().map(|v| v.expected_purchases).sum(),
        total_expected_revenue: values.iter().map(|v| v.expected_revenue).sum(),
        customers: values,
        conversion: settings.conversion,
    })
}

/// Total CLV with a standard error from the fits' parameter uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TotalClvInterval {
    /// Total CLV at the fitted parameters, in currency.
    pub total_clv: f64,
    /// Delta-method standard error of the total, in currency.
    pub std_error: f64,
    /// `total ± 1.96 · std_error` (normal approximation).
    pub low_95: f64,
    /// Upper end of the 95 % interval, `total + 1.96 · std_error`.
    pub high_95: f64,
}

/// Total CLV and its delta-method standard error.
///
/// # Formula
/// `Var(CLV) ≈ gᵀ Σ g` with `g` the gradient of the total CLV in the seven
/// parameters `(r, α, a, b, p, q, v)` (central differences, step 10⁻⁴
/// relative) and `Σ` block-diagonal from the two fits' covariances (the
/// models are fitted separately; Fader, Hardie & Lee 2005 assume
/// independence of spend and transactions).
pub fn total_clv_interval(
    bg: &BgNbdFit,
    gg: &GammaGammaFit,
    customers: &[Rfm],
    settings: &ClvSettings,
) -> Result<TotalClvInterval, RfmClvError> {
    let base = [
        bg.params.r(),
        bg.params.alpha(),
        bg.params.a(),
        bg.params.b(),
        gg.params.p(),
        gg.params.q(),
        gg.params.v(),
    ];
    let total = |q: &[f64; 7]| -> Result<f64, RfmClvError> {
        let b = BgNbdParams::new(q[0], q[1], q[2], q[3])?;
        let g = GammaGammaParams::new(q[4], q[5], q[6])?;
        Ok(portfolio_value(&b, &g, customers, settings)?.total_clv)
    };
    let center = total(&base)?;
    let mut grad = [0.0; 7];
    for i in 0..7 {
        let h = 1e-4 * base[i];
        let (mut up, mut dn) = (base, base);
        up[i] += h;
        dn[i] -= h;
        grad[i] = (total(&up)? - total(&dn)?) / (2.0 * h);
    }
    let mut var = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            var += grad[i] * bg.covariance[i][j] * grad[j];
        }
    }
    for i in 0..3 {
        for j in 0..3 {
            var += grad[4 + i] * gg.covariance[i][j] * grad[4 + j];
        }
    }
    let se = var.max(0.0).sqrt();
    Ok(TotalClvInterval {
        total_clv: center,
        std_error: se,
        low_95: center - 1.96 * se,
        high_95: center + 1.96 * se,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn bg() -> BgNbdParams {
        BgNbdParams::new(0.243, 4.414, 0.793, 2.426).unwrap()
    }
    fn gg() -> GammaGammaParams {
        GammaGammaParams::new(6.25, 3.74, 15.44).unwrap()
    }
    fn c(x: u32, tx: f64, t: f64, m: f64) -> Rfm {
        Rfm {
            frequency: x,
            recency: tx,
            age: t,
            monetary_value: m,
        }
    }

    /// Reference: hand computation of the conversion: 12 months in weeks is
    /// 12 × (365.25/7)/12 = 52.1786 weeks; 10 %/year is 0.797414 %/month.
    #[test]
    fn conversion_is_stated() {
        let s = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.10, 1.0).unwrap();
        let c = s.conversion();
        assert_close!(c.horizon_model_units, 365.25 / 7.0, 1e-12);
        assert_close!(c.discount_per_step, 0.007_974_140_4, 1e-9);
        assert_eq!(
            c.to_string(),
            "horizon 12 month(s) = 52.1786 week(s) of model time; annual discount 10.0000% = 0.797414% per month, cash flows discounted at the end of each month"
        );
    }

    /// Reference: with a zero discount rate the CLV is margin × E[Z] ×
    /// E[Y(horizon)] (the undiscounted product of FHL 2005), and the
    /// step-by-step sum must telescope to it whatever the step.
    #[test]
    fn undiscounted_value_telescopes() {
        let cust = c(2, 30.43, 38.86, 22.35);
        for step in [PeriodUnit::Week, PeriodUnit::Month, PeriodUnit::Year] {
            let s = ClvSettings::new(PeriodUnit::Week, step, 3, 0.0, 0.3).unwrap();
            let v = customer_value(&bg(), &gg(), &cust, &s).unwrap();
            let t = s.conversion().horizon_model_units;
            let ey = bg()
                .conditional_expected_purchases(t, 2, 30.43, 38.86)
                .unwrap();
            let ez = gg().expected_average_spend(2, 22.35).unwrap();
            assert_close!(v.clv, 0.3 * ez * ey, 1e-10, "{step:?}");
            assert_close!(v.expected_revenue, ez * ey, 1e-10);
        }
    }

    /// Reference: the discounted sum written out by hand for 2 yearly steps
    /// at 10 %: E[Z]·(E[Y(52.18)]/1.1 + (E[Y(104.36)] − E[Y(52.18)])/1.21).
    #[test]
    fn two_step_discounting_by_hand() {
        let cust = c(1, 10.0, 30.0, 40.0);
        let s = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Year, 2, 0.10, 1.0).unwrap();
        let v = customer_value(&bg(), &gg(), &cust, &s).unwrap();
        let w = 365.25 / 7.0;
        let y1 = bg()
            .conditional_expected_purchases(w, 1, 10.0, 30.0)
            .unwrap();
        let y2 = bg()
            .conditional_expected_purchases(2.0 * w, 1, 10.0, 30.0)
            .unwrap();
        let ez = gg().expected_average_spend(1, 40.0).unwrap();
        let want = ez * (y1 / 1.1 + (y2 - y1) / 1.21);
        assert_close!(v.clv, want, 1e-10, "{} vs {want}", v.clv);
    }

    #[test]
    fn portfolio_totals_and_refusals() {
        let custs = [
            c(0, 0.0, 38.86, 0.0),
            c(2, 30.43, 38.86, 22.35),
            c(7, 29.43, 38.86, 73.74),
        ];
        let s = ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.1, 1.0).unwrap();
        let p = portfolio_value(&bg(), &gg(), &custs, &s).unwrap();
        let sum: f64 = p.customers.iter().map(|v| v.clv).sum();
        assert_close!(p.total_clv, sum, 1e-12);
        // More history with a recent purchase is worth more.
        assert!(p.customers[2].clv > p.customers[1].clv);
        assert_eq!(
            ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 0, 0.1, 1.0),
            Err(RfmClvError::HorizonOutOfRange(0))
        );
        assert!(ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, -1.5, 1.0).is_err());
        assert_eq!(
            ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.1, 1.5)
                .unwrap_err()
                .to_string(),
            "margin rate must be in (0,1]: got 1.5"
        );
    }
}
