//! The inputs of a business case, their limits and valid ranges, and why a
//! case is refused.

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

/// Moves `value` into the valid range of `input` given the other inputs.
pub(super) fn clamp_valid(inputs: &BusinessCaseInputs, input: Input, value: f64) -> f64 {
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
