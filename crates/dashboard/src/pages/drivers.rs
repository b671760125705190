//! Drivers of satisfaction: importance bars and the importance–performance
//! quadrant, from attribute ratings in a customer table or survey.
//!
//! The analysis ([`key_drivers`]: Johnson's relative weights and
//! Shapley/LMG) runs once when the data validates; the evidence keeps its
//! results (a few numbers per attribute, per segment), so the page only
//! lays them out.
//!
//! This module computes, as numbers and names from the data; `words`
//! turns the result into sentences, charts and panels.

mod compute;
pub mod evidence;
pub mod state;
#[cfg(test)]
mod tests;
mod words;

pub use compute::*;
pub use evidence::*;
pub use state::*;
pub use words::{fields, headlines, quadrant_name};
