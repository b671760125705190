//! NPS, CSAT and CES linked to revenue, retention and cost to serve.
//!
//! The page reads the NPS answers (0–10, per segment when the data has one)
//! from the loaded data or, without data, from assumed counts; values each
//! category with Bain's economics of loyalty ([`score_value`]): from the
//! customer table where it measures retention and revenue per category,
//! or from the survey joined to the orders (spend after each answer),
//! otherwise from the average customer and the published/illustrative
//! factors of [`default_nps_economics`]; and prices a move scenario
//! (detractors → passives, passives → promoters) as lifetime value and as
//! a revenue projection.

mod compute;
pub mod evidence;
mod fields;
mod headlines;
pub mod linked;
pub mod linked_model;
mod measured;
mod money_charts;
mod readings;
mod slice;
pub mod state;
#[cfg(test)]
mod tests;
mod view;
mod words;

pub use compute::{compute, field_problem, MAX_COUNT};
pub use evidence::*;
pub use fields::fields;
pub use headlines::{headlines, headlines_of};
pub use slice::VoiceSlice;
pub use state::*;
pub use view::{EconomicsSource, FieldProblem, Link, Money, MoneyError, VoiceView};
pub use words::{field_error, waterfall_spans};
