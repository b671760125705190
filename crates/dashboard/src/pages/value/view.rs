//! What the page shows, as data: the view `compute` returns.

use super::state::ValueModel;
use cxi_models::rfm::Rfm;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::DataTable;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;
use cxi_types::Headline;

/// z of a two-sided 90 % normal interval.
pub(super) const Z90: f64 = 1.644_853_626_951_472_2;

/// A fitted parameter as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    pub name: String,
    pub estimate: Figure,
    pub std_error: Figure,
}

/// Closed-form inputs measured on a customer table, offered to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub unit: PeriodUnit,
    pub margin: Option<f64>,
    pub retention_pct: Option<f64>,
    /// What was measured, in a sentence.
    pub text: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueView {
    /// The model in use (never `Auto`).
    pub model: ValueModel,
    /// The model `Auto` picks for the loaded data.
    pub best: ValueModel,
    /// Each choosable model with whether the data supports it.
    pub choices: Vec<(ValueModel, bool)>,
    pub headline: Headline,
    pub params: Vec<ParamRow>,
    pub charts: Vec<ChartSpec>,
    /// The customers at risk (BG/NBD), most value at risk first.
    pub at_risk: Option<DataTable>,
    /// Segments of the data, for the filter.
    pub segments: Vec<String>,
    /// The segment shown, when the data has it.
    pub segment: Option<String>,
    pub notes: Vec<String>,
    pub suggestion: Option<Suggestion>,
    /// The calibration/holdout check of a transaction log.
    pub holdout: Option<HoldoutView>,
}

/// The holdout check as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldoutView {
    /// The calibration end the control shows, and its bounds (ISO dates:
    /// the date input's).
    pub end: String,
    pub min: String,
    pub max: String,
    /// What the check is and how the log was split.
    pub intro: String,
    /// The forecast against the holdout, in one sentence (empty without a
    /// check to show).
    pub verdict: String,
    /// Mean absolute error and bias per customer.
    pub errors: String,
    /// Why the check shown is not the one asked for, next to the control.
    pub problem: Option<String>,
    /// Calibration frequencies, holdout by frequency, cumulative tracking.
    pub charts: Vec<ChartSpec>,
}

/// One bin's value under the current settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinValue {
    pub rfm: Rfm,
    pub count: f64,
    pub p_alive: f64,
    pub clv: f64,
}

impl ValueView {
    /// Sets the headline's money figure and its 90 % interval, when there
    /// is one (`label` names the interval).
    pub(super) fn set_money(&mut self, value: f64, interval: Option<(f64, f64)>, label: &str) {
        self.headline.figure = finite_or_missing(Figure::Money(value));
        self.headline.interval =
            interval.map(|(lo, hi)| (Figure::Money(lo), Figure::Money(hi), label.to_string()));
    }
}

pub(super) fn finite_or_missing(f: Figure) -> Figure {
    match f.value() {
        Some(_) => f,
        None => Figure::Missing,
    }
}
