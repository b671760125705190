//! Customer value: CLV model choice (closed form, cohort sBG, BG/NBD + Gamma-Gamma), retention curves, P(alive), CLV distribution, customers at risk.

mod at_risk;
mod bgnbd;
mod charts;
mod closed;
mod compute;
pub mod evidence;
mod fields;
pub mod parsed_rfm;
mod sbg;
pub mod series;
mod slice;
pub mod state;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod view;

pub use at_risk::{at_risk, AtRisk, AT_RISK_ROWS};
pub use bgnbd::{bin_values, mean_clv_interval};
pub use charts::{distribution_chart, p_alive_chart, top_share};
pub use compute::{best_model, compute, headlines, model_explanation, model_label};
pub use evidence::{evidence, ValueEvidence};
pub use fields::{fields, margin_rate_error};
pub use sbg::{sbg_del_interval, survival_se};
pub use slice::ValueSlice;
pub use state::{
    ValueAction, ValueAssumptions, ValueModel, DEFAULT_HORIZON_MONTHS, MAX_HORIZON_MONTHS,
};
pub use view::{BinValue, ParamRow, Suggestion, ValueView};
