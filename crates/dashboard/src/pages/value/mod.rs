//! Customer value: CLV model choice (closed form, cohort sBG, BG/NBD + Gamma-Gamma), retention curves, P(alive), CLV distribution, customers at risk.
//!
//! Computed, then worded: [`numbers`] (`compute`, `closed`, `sbg`, `bgnbd`,
//! `chart_data`, `at_risk`) gives the figures without a language;
//! [`words`] turns them into the [`ValueView`] the page shows.

mod at_risk;
mod bgnbd;
mod chart_data;
mod closed;
mod compute;
pub mod evidence;
mod fields;
mod fit_basis;
pub mod holdout;
pub mod holdout_page;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod holdout_tests;
pub mod parsed_rfm;
mod sbg;
pub mod series;
mod slice;
pub mod state;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod view;
mod words;

pub use at_risk::{at_risk, AtRisk, AT_RISK_ROWS};
pub use bgnbd::{bin_values, mean_clv_interval, BgNbdNumbers, MeanClv, SpendNumbers};
pub use chart_data::{histogram, p_alive_grid, top_share, Histogram, PAliveGrid};
pub use closed::{ClosedNumbers, Measured};
pub use compute::{best_model, numbers, Fit, ValueNumbers};
pub use evidence::{evidence, ValueEvidence};
pub use fields::{fields, margin_rate_error};
pub use holdout_page::{holdout_request, HoldoutNumbers, HoldoutProblem};
pub use sbg::{sbg_del_interval, survival_se};
pub use sbg::{SbgNumbers, SbgValue, Survival};
pub use slice::ValueSlice;
pub use state::{
    ValueAction, ValueAssumptions, ValueModel, DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS,
};
pub use view::{BinValue, HoldoutView, ParamRow, Suggestion, ValueView};
pub use words::{
    at_risk_table, distribution_chart, holdout_view, model_explanation, model_label, p_alive_chart,
    survival_chart, verdict, words,
};

use crate::scenario::Scenario;
use cxi_types::Headline;

/// The page: its numbers, then their words.
pub fn compute(s: &ValueSlice) -> ValueView {
    words(&numbers(s), s.locale, s.currency)
}

/// The page's headline cards, for the Overview.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let s = &ValueSlice::of(s);
    vec![compute(s).headline]
}
