//! Churn and acquisition: churn projection baseline vs scenario, CAC by channel, payback.
//!
//! Units: churn is entered per year (what a CFO reads) and converted to the
//! equivalent constant monthly rate `c = 1 − (1 − a)^(1/12)` for the monthly
//! computations (payback, LTV, the 12-month cost of churn, the projection);
//! revenue and margin are per customer per month; acquisition spend and new
//! customers are per year.
//!
//! Every assumption is `None` until the user types it: its value is then
//! the one measured in loaded data ([`ChurnEvidence`]) or, without data, a
//! default taken from the Customer value page where the two overlap
//! (retention, margin), so both pages tell the same story.

mod cards;
mod charts;
mod compute;
pub mod evidence;
mod fields;
mod inputs;
mod problems;
mod slice;
pub mod state;
#[cfg(test)]
mod tests;
mod words;

pub use cards::headlines;
pub use compute::{compute, cumulative_margin, project, shown, ChurnView};
pub use evidence::{evidence, ChurnEvidence, Estimate, MeasuredChurn};
pub use fields::{fields, NEW_IDS, SPEND_IDS};
pub use inputs::{
    annual_from_monthly, inputs, loaded, monthly_from_annual, ChurnInputs, DefaultSource, Measured,
    Resolved, Source,
};
pub use problems::{ChurnField, Problem};
pub use slice::ChurnSlice;
pub use state::{
    channels_now, ChurnAction, ChurnAssumptions, DAYS_PER_MONTH, MAX_CHANNELS, MAX_YEARS,
};
pub use words::{problem_text, source_text};
