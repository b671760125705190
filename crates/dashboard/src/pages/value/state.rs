//! The Customer value page's part of the scenario: the model chosen, the
//! data models' horizon and margin rate, and the actions that change them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The CLV model the page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueModel {
    /// The best model the loaded data supports: BG/NBD for transactions or
    /// RFM, sBG for cohorts, the closed form otherwise.
    #[default]
    Auto,
    ClosedForm,
    Sbg,
    BgNbd,
}

impl ValueModel {
    /// The models a user can pick, in order of data needed.
    pub const CHOICES: [ValueModel; 4] = [
        ValueModel::Auto,
        ValueModel::ClosedForm,
        ValueModel::Sbg,
        ValueModel::BgNbd,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ValueModel::Auto => "auto",
            ValueModel::ClosedForm => "closed_form",
            ValueModel::Sbg => "sbg",
            ValueModel::BgNbd => "bgnbd",
        }
    }

    pub fn from_id(id: &str) -> Option<ValueModel> {
        Self::CHOICES.into_iter().find(|m| m.id() == id)
    }
}

/// Default horizon of the data models, months.
pub const DEFAULT_HORIZON_MONTHS: u32 = 36;
/// Longest horizon of the data models, months.
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// The assumptions of this page, part of the scenario (the closed form's
/// own inputs and the discount rate are `Scenario::clv`, shared).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueAssumptions {
    pub model: ValueModel,
    /// Horizon of the BG/NBD value, in months.
    pub horizon_months: u32,
    /// Share of spend that is margin, in percent (BG/NBD spend is revenue).
    pub margin_rate_pct: f64,
    /// Last day of the holdout check's calibration period (`None`: the
    /// default, the last third of the log held out).
    pub calibration_end: Option<NaiveDate>,
}

impl Default for ValueAssumptions {
    fn default() -> Self {
        ValueAssumptions {
            model: ValueModel::Auto,
            horizon_months: DEFAULT_HORIZON_MONTHS,
            margin_rate_pct: 30.0,
            calibration_end: None,
        }
    }
}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueAction {
    SetModel(ValueModel),
    SetHorizonMonths(u32),
    SetMarginRatePct(f64),
    /// The holdout check's calibration end (`None`: back to the default).
    SetCalibrationEnd(Option<NaiveDate>),
}

impl ValueAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: ValueAction) {
        match action {
            ValueAction::SetModel(m) => self.model = m,
            ValueAction::SetHorizonMonths(h) => {
                self.horizon_months = h.clamp(1, MAX_HORIZON_MONTHS)
            }
            ValueAction::SetMarginRatePct(m) => self.margin_rate_pct = m,
            ValueAction::SetCalibrationEnd(d) => self.calibration_end = d,
        }
    }
}
