//! Business case of a CX initiative: yearly cash flows, NPV, ROI, payback,
//! tornado sensitivity and a seeded Monte-Carlo band.
//!
//! Model (yearly, documented so a CFO can redo it in a spreadsheet):
//! * customers at the start of year `t` pay that year; churn happens at year
//!   end; new customers join at year end:
//!   `N_{t+1} = N_t (1 − churn) + new`, `N_1 = customers`;
//!   with the initiative churn is `churn − churn_reduction`;
//! * revenue of year `t` = `N_t × revenue per customer`, times
//!   `(1 + spend uplift)(1 + NPS points × revenue per NPS point)` with the
//!   initiative (the last factor links to the NPS module's elasticity; 0
//!   when unknown);
//! * support cost = `N_t × contacts per customer × cost per contact`, times
//!   `(1 − contact reduction)` with the initiative;
//! * benefit of year `t` = margin rate × extra revenue + support cost saved;
//!   cost = running cost (year 0: the one-off cost);
//! * cash flows are valued at year end, discounted by `(1 + d)^t`.
//!
//! Sources: Brealey, Myers & Allen, *Principles of Corporate Finance*,
//! ch. 2 and 5 (NPV, payback, discounted payback); ROI as NPV over the
//! present value of costs (discounted ROI).

use rand_core::Rng;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest appraisal accepted, in years.
pub const MAX_YEARS: u32 = 50;
/// Most Monte-Carlo draws accepted.
pub const MAX_DRAWS: u32 = 200_000;

/// One input of the business case, named for tornado bars and uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// [`BusinessCaseInputs::customers`]: customers at the start.
    Customers,
    /// [`BusinessCaseInputs::revenue_per_customer`]: revenue per customer per year.
    RevenuePerCustomer,
    /// [`BusinessCaseInputs::margin_rate`]: margin as a share of revenue.
    MarginRate,
    /// [`BusinessCaseInputs::annual_churn`]: share of customers lost per year.
    AnnualChurn,
    /// [`BusinessCaseInputs::new_customers_per_year`]: customers acquired per year.
    NewCustomersPerYear,
    /// [`BusinessCaseInputs::contacts_per_customer`]: support contacts per customer per year.
    ContactsPerCustomer,
    /// [`BusinessCaseInputs::cost_per_contact`]: cost of one support contact.
    CostPerContact,
    /// [`BusinessCaseInputs::one_off_cost`]: cost of the initiative at year 0.
    OneOffCost,
    /// [`BusinessCaseInputs::running_cost`]: cost of the initiative per year.
    RunningCost,
    /// [`BusinessCaseInputs::discount_rate`]: annual discount rate.
    DiscountRate,
    /// [`BusinessCaseInputs::churn_reduction`]: churn cut, in fraction points.
    ChurnReduction,
    /// [`BusinessCaseInputs::spend_uplift`]: relative rise of spend per customer.
    SpendUplift,
    /// [`BusinessCaseInputs::contact_reduction`]: relative cut of support contacts.
    ContactReduction,
    /// [`BusinessCaseInputs::nps_points`]: NPS change in points.
    NpsPoints,
    /// [`BusinessCaseInputs::revenue_per_nps_point`]: relative revenue change per NPS point.
    RevenuePerNpsPoint,
}

impl Input {
    /// Every input, in the order of the form.
    pub const ALL: [Input; 15] = [
        Input::Customers,
        Input::RevenuePerCustomer,
        Input::MarginRate,
        Input::AnnualChurn,
        Input::NewCustomersPerYear,
        Input::ContactsPerCustomer,
        Input::CostPerContact,
        Input::OneOffCost,
        Input::RunningCost,
        Input::DiscountRate,
        Input::ChurnReduction,
        Input::SpendUplift,
        Input::ContactReduction,
        Input::NpsPoints,
        Input::RevenuePerNpsPoint,
    ];

    /// Stable identifier (files, URLs, i18n keys).
    pub fn id(self) -> &'static str {
        match self {
            Input::Customers => "customers",
            Input::RevenuePerCustomer => "revenue_per_customer",
            Input::MarginRate => "margin_rate",
            Input::AnnualChurn => "annual_churn",
            Input::NewCustomersPerYear => "new_customers_per_year",
            Input::ContactsPerCustomer => "contacts_per_customer",
            Input::CostPerContact => "cost_per_contact",
            Input::OneOffCost => "one_off_cost",
            Input::RunningCost => "running_cost",
            Input::DiscountRate => "discount_rate",
            Input::ChurnReduction => "churn_reduction",
            Input::SpendUplift => "spend_uplift",
            Input::ContactReduction => "contact_reduction",
            Input::NpsPoints => "nps_points",
            Input::RevenuePerNpsPoint => "revenue_per_nps_point",
        }
    }
}

/// Why a business case was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum BusinessCaseError {
    /// An input outside its range; `expected` describes the range.
    OutOfRange {
        /// The input that was refused.
        input: Input,
        /// Its value.
        value: f64,
        /// The accepted range, in words (e.g. "in [0, 1]").
        expected: &'static str,
    },
    /// Appraisal of 0 years or more than [`MAX_YEARS`].
    YearsOutOfRange(u32),
    /// The churn reduction exceeds the churn.
    ReductionExceedsChurn {
        /// Annual churn, a fraction.
        churn: f64,
        /// Churn reduction asked for, in fraction points.
        reduction: f64,
    },
    /// Monte-Carlo draws 0 or above [`MAX_DRAWS`].
    DrawsOutOfRange(u32),
    /// An uncertainty is malformed (`low > high`, negative sd, mode outside).
    BadUncertainty {
        /// The input whose uncertainty is malformed.
        input: Input,
        /// What is wrong with it, in words.
        reason: &'static str,
    },
}

impl fmt::Display for BusinessCaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BusinessCaseError::OutOfRange {
                input,
                value,
                expected,
            } => write!(f, "{} must be {expected}: got {value}", input.id()),
            BusinessCaseError::YearsOutOfRange(y) => {
                write!(f, "years must be 1 to {MAX_YEARS}: got {y}")
            }
            BusinessCaseError::ReductionExceedsChurn { churn, reduction } => write!(
                f,
                "churn_reduction {reduction} is larger than annual_churn {churn}"
            ),
            BusinessCaseError::DrawsOutOfRange(n) => {
                write!(f, "draws must be 1 to {MAX_DRAWS}: got {n}")
            }
            BusinessCaseError::BadUncertainty { input, reason } => {
                write!(f, "uncertainty on {}: {reason}", input.id())
            }
        }
    }
}

impl std::error::Error for BusinessCaseError {}

/// Inputs of a business case. Rates are fractions, money is per year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BusinessCaseInputs {
    /// Customers at the start.
    pub customers: f64,
    /// Revenue per customer per year.
    pub revenue_per_customer: f64,
    /// Margin as a share of revenue, in `[0, 1]`.
    pub margin_rate: f64,
    /// Annual churn, in `[0, 1]`.
    pub annual_churn: f64,
    /// Customers acquired per year (0 for a closed cohort).
    pub new_customers_per_year: f64,
    /// Support contacts per customer per year.
    pub contacts_per_customer: f64,
    /// Cost of one support contact, in currency.
    pub cost_per_contact: f64,
    /// Cost of the initiative at year 0.
    pub one_off_cost: f64,
    /// Cost of the initiative per year, years 1..=years.
    pub running_cost: f64,
    /// Appraisal length in years.
    pub years: u32,
    /// Annual discount rate (greater than −1).
    pub discount_rate: f64,
    /// Churn reduction in fraction points (0.02 = −2 points), `<= annual_churn`.
    pub churn_reduction: f64,
    /// Spend uplift per customer (0.03 = +3 %), greater than −1.
    pub spend_uplift: f64,
    /// Support contacts reduction (0.1 = −10 %), in `[0, 1]`.
    pub contact_reduction: f64,
    /// NPS change in points.
    pub nps_points: f64,
    /// Revenue change per NPS point (0.002 = +0.2 % per point).
    pub revenue_per_nps_point: f64,
}

impl BusinessCaseInputs {
    /// Value of one input.
    pub fn get(&self, input: Input) -> f64 {
        match input {
            Input::Customers => self.customers,
            Input::RevenuePerCustomer => self.revenue_per_customer,
            Input::MarginRate => self.margin_rate,
            Input::AnnualChurn => self.annual_churn,
            Input::NewCustomersPerYear => self.new_customers_per_year,
            Input::ContactsPerCustomer => self.contacts_per_customer,
            Input::CostPerContact => self.cost_per_contact,
            Input::OneOffCost => self.one_off_cost,
            Input::RunningCost => self.running_cost,
            Input::DiscountRate => self.discount_rate,
            Input::ChurnReduction => self.churn_reduction,
            Input::SpendUplift => self.spend_uplift,
            Input::ContactReduction => self.contact_reduction,
            Input::NpsPoints => self.nps_points,
            Input::RevenuePerNpsPoint => self.revenue_per_nps_point,
        }
    }

    /// A copy with one input changed.
    pub fn with(&self, input: Input, value: f64) -> Self {
        let mut c = *self;
        let slot = match input {
            Input::Customers => &mut c.customers,
            Input::RevenuePerCustomer => &mut c.revenue_per_customer,
            Input::MarginRate => &mut c.margin_rate,
            Input::AnnualChurn => &mut c.annual_churn,
            Input::NewCustomersPerYear => &mut c.new_customers_per_year,
            Input::ContactsPerCustomer => &mut c.contacts_per_customer,
            Input::CostPerContact => &mut c.cost_per_contact,
            Input::OneOffCost => &mut c.one_off_cost,
            Input::RunningCost => &mut c.running_cost,
            Input::DiscountRate => &mut c.discount_rate,
            Input::ChurnReduction => &mut c.churn_reduction,
            Input::SpendUplift => &mut c.spend_uplift,
            Input::ContactReduction => &mut c.contact_reduction,
            Input::NpsPoints => &mut c.nps_points,
            Input::RevenuePerNpsPoint => &mut c.revenue_per_nps_point,
        };
        *slot = value;
        c
    }

    /// Checks every input against its range.
    pub fn validate(&self) -> Result<(), BusinessCaseError> {
        if self.years == 0 || self.years > MAX_YEARS {
            return Err(BusinessCaseError::YearsOutOfRange(self.years));
        }
        for input in Input::ALL {
            let v = self.get(input);
            let (ok, expected) = match input {
                Input::MarginRate | Input::AnnualChurn | Input::ContactReduction => {
                    ((0.0..=1.0).contains(&v), "in [0,1]")
                }
                Input::DiscountRate | Input::SpendUplift => {
                    (v.is_finite() && v > -1.0, "a number greater than -1")
                }
                Input::NpsPoints | Input::RevenuePerNpsPoint => (v.is_finite(), "a number"),
                _ => (v.is_finite() && v >= 0.0, "a number >= 0"),
            };
            if !ok {
                return Err(BusinessCaseError::OutOfRange {
                    input,
                    value: v,
                    expected,
                });
            }
        }
        if self.churn_reduction > self.annual_churn {
            return Err(BusinessCaseError::ReductionExceedsChurn {
                churn: self.annual_churn,
                reduction: self.churn_reduction,
            });
        }
        let nps_factor = 1.0 + self.nps_points * self.revenue_per_nps_point;
        if nps_factor <= 0.0 {
            return Err(BusinessCaseError::OutOfRange {
                input: Input::NpsPoints,
                value: self.nps_points,
                expected: "such that 1 + nps_points × revenue_per_nps_point > 0",
            });
        }
        Ok(())
    }
}

/// One row of the yearly cash-flow table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    /// Year `t`, 0 (the one-off cost) to `years`.
    pub year: u32,
    /// Customers paying in year `t` without the initiative, `N_t`.
    pub customers_baseline: f64,
    /// Customers paying in year `t` with the initiative (lower churn).
    pub customers_initiative: f64,
    /// Margin rate × (revenue with the initiative − revenue without), in currency.
    pub extra_margin: f64,
    /// Support cost without the initiative minus support cost with it, in currency.
    pub support_savings: f64,
    /// `extra_margin + support_savings`.
    pub benefits: f64,
    /// Cost of the initiative this year (year 0: the one-off cost).
    pub costs: f64,
    /// `benefits − costs`, valued at year end.
    pub net_cash_flow: f64,
    /// `net_cash_flow / (1 + d)^t`.
    pub discounted_cash_flow: f64,
    /// Sum of `net_cash_flow` over years 0..=t.
    pub cumulative: f64,
    /// Sum of `discounted_cash_flow` over years 0..=t.
    pub cumulative_discounted: f64,
}

/// The appraisal of a business case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessCase {
    /// Year 0 (one-off cost) to `years`.
    pub rows: Vec<YearRow>,
    /// Net present value: sum of the discounted cash flows, `PV(benefits) − PV(costs)`.
    pub npv: f64,
    /// Present value of the benefits, in currency.
    pub pv_benefits: f64,
    /// Present value of the costs (one-off and running), in currency.
    pub pv_costs: f64,
    /// `NPV / PV(costs)`; `None` when nothing is spent.
    pub roi: Option<f64>,
    /// Years until the cumulative cash flow turns non-negative, linear
    /// within the year; `None` if not within the appraisal.
    pub payback_years: Option<f64>,
    /// Same on discounted cash flows.
    pub discounted_payback_years: Option<f64>,
}

/// Appraises a business case (see the module documentation for the model).
///
/// # Formula
/// `NPV = Σ_{t=0}^{Y} CF_t / (1 + d)^t`, `ROI = NPV / Σ_t cost_t/(1 + d)^t`,
/// payback = `t − 1 + |cum_{t−1}| / CF_t` for the first `t` with `cum_t ≥ 0`.
pub fn appraise(inputs: &BusinessCaseInputs) -> Result<BusinessCase, BusinessCaseError> {
    inputs.validate()?;
    Ok(appraise_unchecked(inputs))
}

fn appraise_unchecked(i: &BusinessCaseInputs) -> BusinessCase {
    let spend_factor = (1.0 + i.spend_uplift) * (1.0 + i.nps_points * i.revenue_per_nps_point);
    let churn_after = (i.annual_churn - i.churn_reduction).max(0.0);
    let contact_cost = i.contacts_per_customer * i.cost_per_contact;
    let mut rows = Vec::with_capacity(i.years as usize + 1);
    let mut cum = -i.one_off_cost;
    rows.push(YearRow {
        year: 0,
        customers_baseline: i.customers,
        customers_initiative: i.customers,
        extra_margin: 0.0,
        support_savings: 0.0,
        benefits: 0.0,
        costs: i.one_off_cost,
        net_cash_flow: -i.one_off_cost,
        discounted_cash_flow: -i.one_off_cost,
        cumulative: cum,
        cumulative_discounted: cum,
    });
    let (mut base, mut init) = (i.customers, i.customers);
    let mut cum_disc = cum;
    let (mut pv_benefits, mut pv_costs) = (0.0, i.one_off_cost);
    let mut factor = 1.0;
    for year in 1..=i.years {
        factor /= 1.0 + i.discount_rate;
        let extra_revenue =
            init * i.revenue_per_customer * spend_factor - base * i.revenue_per_customer;
        let extra_margin = i.margin_rate * extra_revenue;
        let support_savings =
            base * contact_cost - init * contact_cost * (1.0 - i.contact_reduction);
        let benefits = extra_margin + support_savings;
        let net = benefits - i.running_cost;
        cum += net;
        cum_disc += net * factor;
        pv_benefits += benefits * factor;
        pv_costs += i.running_cost * factor;
        rows.push(YearRow {
            year,
            customers_baseline: base,
            customers_initiative: init,
            extra_margin,
            support_savings,
            benefits,
            costs: i.running_cost,
            net_cash_flow: net,
            discounted_cash_flow: net * factor,
            cumulative: cum,
            cumulative_discounted: cum_disc,
        });
        base = base * (1.0 - i.annual_churn) + i.new_customers_per_year;
        init = init * (1.0 - churn_after) + i.new_customers_per_year;
    }
    let npv = cum_disc;
    BusinessCase {
        payback_years: payback(&rows, |r| r.cumulative, |r| r.net_cash_flow),
        discounted_payback_years: payback(
            &rows,
            |r| r.cumulative_discounted,
            |r| r.discounted_cash_flow,
        ),
        rows,
        npv,
        pv_benefits,
        pv_costs,
        roi: if pv_costs > 0.0 {
            Some(npv / pv_costs)
        } else {
            None
        },
    }
}

fn payback(
    rows: &[YearRow],
    cum: impl Fn(&YearRow) -> f64,
    flow: impl Fn(&YearRow) -> f64,
) -> Option<f64> {
    if cum(&rows[0]) >= 0.0 {
        return Some(0.0);
    }
    rows.windows(2).find_map(|w| {
        let (before, now) = (cum(&w[0]), cum(&w[1]));
        if before < 0.0 && now >= 0.0 {
            Some(f64::from(w[1].year) - 1.0 + (-before) / flow(&w[1]))
        } else {
            None
        }
    })
}

/// One bar of a tornado chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// The input varied, all others held at their base values.
    pub input: Input,
    /// The input's low value.
    pub low: f64,
    /// The input's high value.
    pub high: f64,
    /// NPV with the input at `low`.
    pub npv_low: f64,
    /// NPV with the input at `high`.
    pub npv_high: f64,
    /// `|npv_high − npv_low|`, the bar's length.
    pub swing: f64,
}

/// NPV sensitivity to each input moved to `low` and `high`, bars sorted
/// longest first.
///
/// `ranges` overrides the default ±`relative` (e.g. 0.10 for ±10 %) of the
/// base value for the inputs it lists. Inputs whose base is 0 without an
/// override, and the appraisal length, are not varied. A variant that falls
/// outside an input's range (e.g. a margin rate above 1) is clamped into it
/// and the clamped value is reported.
pub fn tornado(
    inputs: &BusinessCaseInputs,
    relative: f64,
    ranges: &[(Input, f64, f64)],
) -> Result<(f64, Vec<TornadoBar>), BusinessCaseError> {
    inputs.validate()?;
    if !(relative.is_finite() && relative >= 0.0) {
        return Err(BusinessCaseError::BadUncertainty {
            input: Input::Customers,
            reason: "relative variation must be a number >= 0",
        });
    }
    let base_npv = appraise_unchecked(inputs).npv;
    let mut bars = Vec::new();
    for input in Input::ALL {
        let b = inputs.get(input);
        let (lo, hi) = match ranges.iter().find(|(k, _, _)| *k == input) {
            Some(&(_, lo, hi)) => {
                if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                    return Err(BusinessCaseError::BadUncertainty {
                        input,
                        reason: "low and high must be numbers with low <= high",
                    });
                }
                (lo, hi)
            }
            None if b == 0.0 => continue,
            None => {
                let (x, y) = (b * (1.0 - relative), b * (1.0 + relative));
                (x.min(y), x.max(y))
            }
        };
        let lo_in = clamp_valid(inputs, input, lo);
        let hi_in = clamp_valid(inputs, input, hi);
        let npv_low = appraise_unchecked(&inputs.with(input, lo_in)).npv;
        let npv_high = appraise_unchecked(&inputs.with(input, hi_in)).npv;
        bars.push(TornadoBar {
            input,
            low: lo_in,
            high: hi_in,
            npv_low,
            npv_high,
            swing: (npv_high - npv_low).abs(),
        });
    }
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok((base_npv, bars))
}

/// Moves `value` into the valid range of `input` given the other inputs.
fn clamp_valid(inputs: &BusinessCaseInputs, input: Input, value: f64) -> f64 {
    match input {
        Input::MarginRate | Input::ContactReduction => value.clamp(0.0, 1.0),
        Input::AnnualChurn => value.clamp(inputs.churn_reduction, 1.0),
        Input::ChurnReduction => value.clamp(0.0, inputs.annual_churn),
        Input::DiscountRate | Input::SpendUplift => value.max(-0.99),
        Input::NpsPoints | Input::RevenuePerNpsPoint => {
            let other = if input == Input::NpsPoints {
                inputs.revenue_per_nps_point
            } else {
                inputs.nps_points
            };
            // Keep 1 + points × elasticity above 1 %.
            if value * other < -0.99 {
                -0.99 / other
            } else {
                value
            }
        }
        _ => value.max(0.0),
    }
}

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
fn standard_normal(rng: &mut Pcg64) -> f64 {
    let u1 = 1.0 - uniform(rng); // (0, 1]: ln is finite
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn sample(dist: &Distribution, base: f64, rng: &mut Pcg64) -> f64 {
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
/// clamped into its valid range (as in [`tornado`]); the others stay at
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

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn simple() -> BusinessCaseInputs {
        BusinessCaseInputs {
            customers: 1_000.0,
            revenue_per_customer: 100.0,
            margin_rate: 0.5,
            annual_churn: 0.2,
            new_customers_per_year: 0.0,
            contacts_per_customer: 0.0,
            cost_per_contact: 0.0,
            one_off_cost: 1_000.0,
            running_cost: 500.0,
            years: 2,
            discount_rate: 0.1,
            churn_reduction: 0.05,
            spend_uplift: 0.0,
            contact_reduction: 0.0,
            nps_points: 0.0,
            revenue_per_nps_point: 0.0,
        }
    }

    /// Reference: hand computation. Year 1: 1,000 customers either way, net
    /// −500. Year 2: 800 vs 850 customers → 50 × 100 × 0.5 = 2,500 margin,
    /// net 2,000. CF = [−1000, −500, 2000]; NPV = −1000 − 454.545 + 1652.893
    /// = 198.347; PV costs = 1000 + 454.545 + 413.223 = 1867.769;
    /// ROI = 0.10620; payback 1 + 1500/2000 = 1.75 y; discounted payback
    /// 1 + 1454.545/1652.893 = 1.88 y.
    #[test]
    fn hand_computed_two_year_case() {
        let c = appraise(&simple()).unwrap();
        let cf: Vec<f64> = c.rows.iter().map(|r| r.net_cash_flow).collect();
        assert_eq!(cf, vec![-1_000.0, -500.0, 2_000.0]);
        assert_close!(c.rows[2].customers_initiative, 850.0, 1e-9);
        let npv = -1_000.0 - 500.0 / 1.1 + 2_000.0 / 1.21;
        assert!((c.npv - npv).abs() < 1e-9 && (c.npv - 198.347).abs() < 1e-3);
        let pvc = 1_000.0 + 500.0 / 1.1 + 500.0 / 1.21;
        assert_close!(c.pv_costs, pvc, 1e-9);
        assert_close!(c.roi.unwrap(), npv / pvc, 1e-12);
        assert_close!(c.payback_years.unwrap(), 1.75, 1e-12);
        let dp = 1.0 + (1_000.0 + 500.0 / 1.1) / (2_000.0 / 1.21);
        assert_close!(c.discounted_payback_years.unwrap(), dp, 1e-12);
    }

    /// Reference: hand computation of the other effects in one year:
    /// 1,000 customers, +10 % spend and +5 NPS points × 0.4 %/point
    /// → revenue factor 1.1 × 1.02 = 1.122 → extra 12,200 revenue × 0.3
    /// margin = 3,660; support 1,000 × 2 contacts × 5 € = 10,000, −25 % →
    /// 2,500 saved; acquisition adds 100/year to both arms.
    #[test]
    fn spend_nps_and_support_effects_by_hand() {
        let mut i = simple();
        i.years = 2;
        i.margin_rate = 0.3;
        i.churn_reduction = 0.0;
        i.spend_uplift = 0.1;
        i.nps_points = 5.0;
        i.revenue_per_nps_point = 0.004;
        i.contacts_per_customer = 2.0;
        i.cost_per_contact = 5.0;
        i.contact_reduction = 0.25;
        i.new_customers_per_year = 100.0;
        let c = appraise(&i).unwrap();
        let y1 = c.rows[1];
        assert!(
            (y1.extra_margin - 3_660.0).abs() < 1e-9,
            "{}",
            y1.extra_margin
        );
        assert_close!(y1.support_savings, 2_500.0, 1e-9);
        assert_close!(c.rows[2].customers_baseline, 900.0, 1e-9);
    }

    #[test]
    fn refusals_name_the_input() {
        let mut i = simple();
        i.margin_rate = 1.2;
        assert_eq!(
            appraise(&i).unwrap_err().to_string(),
            "margin_rate must be in [0,1]: got 1.2"
        );
        let mut i = simple();
        i.churn_reduction = 0.3;
        assert!(matches!(
            appraise(&i),
            Err(BusinessCaseError::ReductionExceedsChurn { .. })
        ));
        let mut i = simple();
        i.years = 0;
        assert_eq!(appraise(&i), Err(BusinessCaseError::YearsOutOfRange(0)));
        assert!(monte_carlo(&simple(), &[], 0, 1).is_err());
        let bad = [(
            Input::SpendUplift,
            Distribution::Triangular {
                low: 0.1,
                high: 0.2,
            },
        )];
        assert!(monte_carlo(&simple(), &bad, 10, 1).is_err());
    }

    /// Reference: NPV is linear in the running cost with slope −Σ 1/(1+d)^t
    /// (annuity factor 1/1.1 + 1/1.21 = 1.73554), so its ±10 % bar spans
    /// 2 × 50 × 1.73554 = 173.554; bars come sorted by swing.
    #[test]
    fn tornado_by_hand() {
        let (base, bars) = tornado(&simple(), 0.10, &[]).unwrap();
        assert_close!(base, appraise(&simple()).unwrap().npv, 1e-12);
        let run = bars.iter().find(|b| b.input == Input::RunningCost).unwrap();
        assert_close!(run.swing, 2.0 * 50.0 * (1.0 / 1.1 + 1.0 / 1.21), 1e-9);
        assert!(run.npv_low > run.npv_high);
        assert!(bars.windows(2).all(|w| w[0].swing >= w[1].swing));
        // Zero-valued inputs are skipped unless given a range.
        assert!(bars.iter().all(|b| b.input != Input::SpendUplift));
        let (_, bars) = tornado(&simple(), 0.10, &[(Input::SpendUplift, 0.0, 0.05)]).unwrap();
        assert!(bars
            .iter()
            .any(|b| b.input == Input::SpendUplift && b.swing > 0.0));
        // Clamped: margin 0.5 ± 150 % stays in [0, 1].
        let (_, bars) = tornado(&simple(), 1.5, &[]).unwrap();
        let m = bars.iter().find(|b| b.input == Input::MarginRate).unwrap();
        assert_eq!((m.low, m.high), (0.0, 1.0));
    }

    /// Reference: Box–Muller output has mean 0 and variance 1; over 200,000
    /// draws the sample mean is within 4 × 1/√n = 0.009 and the variance
    /// within 4 × √(2/n) = 0.0127 (CLT).
    #[test]
    fn normal_draws_have_unit_moments() {
        let mut rng = Pcg64::seed_from_u64(11);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(
            mean.abs() < 0.009 && (var - 1.0).abs() < 0.0127,
            "{mean} {var}"
        );
        assert!(xs.iter().all(|x| x.is_finite()));
    }

    /// Reference: with only the spend uplift uncertain, NPV is linear in it
    /// (slope s = margin × revenue × Σ_t N_t/(1+d)^t), so the NPV band is the
    /// normal band: p05/p95 = NPV ∓ 1.645 · s · sd, mean = NPV; tolerance 3 %
    /// of the half-width with 20,000 draws. Same seed, same band.
    #[test]
    fn monte_carlo_matches_normal_theory_and_is_reproducible() {
        let i = simple();
        let sd = 0.02;
        let unc = [(Input::SpendUplift, Distribution::Normal { sd })];
        let mc = monte_carlo(&i, &unc, 20_000, 42).unwrap();
        let npv = appraise(&i).unwrap().npv;
        let slope = 0.5 * 100.0 * (1_000.0 / 1.1 + 850.0 / 1.21);
        let half = 1.645 * slope * sd;
        assert!(
            (mc.npv.p05 - (npv - half)).abs() < 0.03 * half,
            "{:?}",
            mc.npv
        );
        assert!(
            (mc.npv.p95 - (npv + half)).abs() < 0.03 * half,
            "{:?}",
            mc.npv
        );
        assert_close!(mc.npv_mean, npv, 0.03 * half);
        assert_eq!(mc.cumulative_discounted.len(), 3);
        assert_eq!(monte_carlo(&i, &unc, 20_000, 42).unwrap(), mc);
        assert_ne!(monte_carlo(&i, &unc, 20_000, 43).unwrap(), mc);
        // No uncertainty: the band collapses onto the NPV.
        let flat = monte_carlo(&i, &[], 10, 1).unwrap();
        assert_eq!((flat.npv.p05, flat.npv.p95), (npv, npv));
    }

    /// Reference: a triangular(0, 0, 1) has CDF 1 − (1−x)²: its median is
    /// 1 − 1/√2 = 0.2929 (tolerance 0.01 over 50,000 draws).
    #[test]
    fn triangular_median() {
        let mut rng = Pcg64::seed_from_u64(5);
        let mut xs: Vec<f64> = (0..50_000)
            .map(|_| {
                sample(
                    &Distribution::Triangular {
                        low: 0.0,
                        high: 1.0,
                    },
                    0.0,
                    &mut rng,
                )
            })
            .collect();
        xs.sort_by(f64::total_cmp);
        assert_close!(percentile(&xs, 0.5), (1.0 - 0.5f64.sqrt()), 0.01);
        // Type-7 percentile by hand: [1,2,3,4] at 0.25 → 1.75.
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
    }
}
