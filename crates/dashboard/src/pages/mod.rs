//! The dashboard's pages as pure computations over the [`Scenario`]: each
//! page module owns its assumptions (part of the scenario, edited through
//! its own action enum), the evidence it keeps from loaded data (small and
//! serialisable, so links and autosave carry it), and a `compute` that
//! turns both into what the page shows. The UI only lays these out and
//! formats their [`Figure`]s.
//!
//! Modules: [`value`] (customer value), [`churn`] (churn and acquisition),
//! [`voice`] (NPS, CSAT and CES linked to money), [`drivers`],
//! [`business`] (the business case), [`maturity`], [`overview`] (headline
//! cards taken from the others), [`assumptions`] (every editable assumption
//! described once for the Assumptions page), [`evidence`] (what loaded data
//! leaves for the pages).

pub mod assumptions;
pub mod business;
pub mod churn;
pub mod clv;
pub mod clv_chart;
pub mod context;
pub mod drivers;
pub mod evidence;
pub mod field;
pub mod maturity;
pub mod overview;
pub mod value;
pub mod voice;

pub use cxi_types::{Figure, Headline, How};
