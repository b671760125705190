//! The business case: cash flows, NPV, ROI, payback, tornado, Monte-Carlo band, scenarios side by side.
//!
//! The base of the case (customers, revenue, margin, churn, acquisition)
//! is the Churn & acquisition page's, in effect (typed, measured or
//! default), turned into years; the programme's own inputs (costs, effects,
//! years, discount) are this page's assumptions, each `None` until typed so
//! its default can follow the other pages (the churn target, the Customer
//! value page's discount rate). The model itself is
//! [`core::business_case`](cxi_models::business_case).

mod cards;
mod charts;
mod compute;
mod fields;
mod inputs;
mod problems;
mod slice;
pub mod state;
#[cfg(test)]
mod tests;
mod words;

pub use cards::headlines;
pub use compute::{band, compute, uncertainty, BusinessView, ScenarioCase, ScenarioKey};
pub use fields::fields;
pub use inputs::{
    inputs, Assumed, CaseInputs, Source, DRAWS, SEED, TORNADO_BARS, TORNADO_RELATIVE,
};
pub use problems::Problem;
pub use slice::BusinessSlice;
pub use state::*;
pub use words::{input_name, problem_text, scenario_name, source_text};
