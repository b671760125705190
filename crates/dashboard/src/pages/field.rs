//! One editable assumption as the Assumptions page (and its own page) shows
//! it: label, unit, value as typed, default and its source, the error that
//! makes it unusable, and the action that sets it.

use crate::scenario::Action;
use cxi_types::Figure;

/// How the value is typed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// An amount in the scenario currency.
    Money,
    /// Entered in percent (`95` means 95 %).
    Percent,
    /// A count (customers, months…): whole numbers; the text names it.
    Count,
    /// A plain number.
    Number,
}

/// One assumption as the Assumptions page shows it.
#[derive(Debug, Clone)]
pub struct Field {
    /// DOM id of the input (`as-clv-margin`), unique across the scenario.
    pub id: &'static str,
    pub label: String,
    /// Unit text shown beside the input ("€ per month", "% per year").
    pub unit_text: String,
    pub unit: Unit,
    /// Current value, as the user typed it (kept even when invalid).
    pub value: f64,
    pub default: f64,
    /// Where the default comes from (a benchmark, a paper, the data).
    pub source: String,
    /// Why the value is not usable, when it is not.
    pub error: Option<String>,
    /// The action that sets this assumption to a new value.
    pub set: fn(f64) -> Action,
}

impl Field {
    /// The default as a figure, for "default: 95 %".
    pub fn default_figure(&self) -> Figure {
        match self.unit {
            Unit::Money => Figure::Money(self.default),
            Unit::Percent => Figure::Percent {
                value: self.default / 100.0,
                decimals: 2,
            },
            Unit::Count => Figure::number(self.default, 0),
            Unit::Number => Figure::number(self.default, 4),
        }
    }
}

/// A titled group of fields (one per page).
#[derive(Debug, Clone)]
pub struct Group {
    pub id: &'static str,
    pub title: String,
    pub fields: Vec<Field>,
}
