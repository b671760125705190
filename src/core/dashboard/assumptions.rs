//! Every editable assumption of the scenario, described once: the
//! Assumptions page lists them all (label, unit, value, default, source,
//! validation), and each page shows its own group next to its figures.
//! Page modules give their group with a `fields` function returning
//! [`Field`]s; [`all`] gathers them in page order.

use super::super::i18n::Locale;
use super::super::scenario::{Action, Scenario};
use super::Figure;

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

/// Every assumption of the scenario, grouped by page.
pub fn all(s: &Scenario, locale: Locale) -> Vec<Group> {
    [
        super::value::fields(s, locale),
        super::churn::fields(s, locale),
        super::voice::fields(s, locale),
        super::business::fields(s, locale),
    ]
    .into_iter()
    .filter(|g| !g.fields.is_empty())
    .collect()
}
