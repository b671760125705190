//! The case's checks: each refused input, located on this page's field
//! (or on none when the Churn & acquisition page's base is refused), as a
//! kind with the numbers its message quotes.

use super::inputs::CaseInputs;
use super::state::BusinessField;
use crate::pages::churn;
use cxi_models::business_case::BusinessCaseError;
use cxi_models::business_case::Input;
use cxi_models::business_case::MAX_YEARS;

/// Why the case refuses its inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The Churn & acquisition page refuses its inputs: its first problem.
    ChurnPage(churn::Problem),
    /// A horizon outside `min..=max` years.
    Years { min: u32, max: u32 },
    /// Below 0, or not a finite number.
    Negative,
    /// A share outside 0–100 %.
    NotFraction,
    /// Not above −100 %.
    NotAboveMinus100,
    /// Not a finite number.
    NotNumber,
    /// NPS change × revenue per point not above −100 %.
    NpsRevenue,
    /// The churn reduction exceeds today's annual churn (a fraction).
    ReductionAboveChurn { churn: f64 },
    /// Any other refusal of the model (its own words are English only).
    Model(BusinessCaseError),
}

fn field_of(input: Input) -> Option<BusinessField> {
    Some(match input {
        Input::OneOffCost => BusinessField::OneOff,
        Input::RunningCost => BusinessField::Running,
        Input::DiscountRate => BusinessField::Discount,
        Input::ChurnReduction => BusinessField::ChurnReduction,
        Input::SpendUplift => BusinessField::SpendUplift,
        Input::ContactsPerCustomer => BusinessField::Contacts,
        Input::CostPerContact => BusinessField::CostPerContact,
        Input::ContactReduction => BusinessField::ContactReduction,
        Input::NpsPoints => BusinessField::NpsPoints,
        Input::RevenuePerNpsPoint => BusinessField::RevenuePerNpsPoint,
        _ => return None,
    })
}

const YEARS: Problem = Problem::Years {
    min: 1,
    max: MAX_YEARS,
};

impl CaseInputs {
    /// Every problem, located on this page's fields; problems of the base
    /// (from the churn page) are reported once, on no field.
    pub fn problems(&self) -> Vec<(Option<BusinessField>, Problem)> {
        let mut out: Vec<(Option<BusinessField>, Problem)> = Vec::new();
        if let Some((_, p)) = self.churn.problems().first() {
            out.push((None, Problem::ChurnPage(*p)));
        }
        let y = self.get(BusinessField::Years);
        if !(y.is_finite() && (1.0..=f64::from(MAX_YEARS)).contains(&y.round())) {
            out.push((Some(BusinessField::Years), YEARS));
        }
        for f in [BusinessField::LowEffects, BusinessField::HighEffects] {
            let v = self.get(f);
            if !(v.is_finite() && v >= 0.0) {
                out.push((Some(f), Problem::Negative));
            }
        }
        if out
            .iter()
            .any(|(f, _)| f.is_none() || *f == Some(BusinessField::Years))
        {
            return out;
        }
        if let Err(e) = self.target.validate() {
            let located = match &e {
                BusinessCaseError::OutOfRange {
                    input, expected, ..
                } => {
                    // The model names each range in words; these are its
                    // ranges (see `BusinessCaseInputs::validate`).
                    let p = match *expected {
                        "in [0,1]" => Problem::NotFraction,
                        "a number greater than -1" => Problem::NotAboveMinus100,
                        "a number >= 0" => Problem::Negative,
                        "a number" => Problem::NotNumber,
                        _ => Problem::NpsRevenue,
                    };
                    (field_of(*input), p)
                }
                BusinessCaseError::ReductionExceedsChurn { churn, .. } => (
                    Some(BusinessField::ChurnReduction),
                    Problem::ReductionAboveChurn { churn: *churn },
                ),
                BusinessCaseError::YearsOutOfRange(_) => (Some(BusinessField::Years), YEARS),
                _ => (None, Problem::Model(e.clone())),
            };
            out.push(located);
        }
        out
    }
}
