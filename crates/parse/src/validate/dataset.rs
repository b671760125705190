//! What validation gives: the typed [`Dataset`] of each shape, its
//! [`Summary`] and the [`Validation`] with the problems found.

use chrono::NaiveDate;
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

use crate::date::DateOrder;
use crate::error::CellError;
use crate::number::DecimalSeparator;

/// How many problems are kept in detail; all are counted.
pub const MAX_PROBLEMS: usize = 1000;

/// Values of a text column as codes into a list of labels (channels,
/// segments): one small integer per row instead of one string.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Categories {
    /// Distinct labels in order of first appearance; `""` for empty cells.
    pub labels: Vec<String>,
    /// Index into `labels` for each row.
    pub codes: Vec<u32>,
}

impl Categories {
    pub fn label(&self, row: usize) -> &str {
        &self.labels[self.codes[row] as usize]
    }
}

/// One row per purchase.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Transactions {
    /// Distinct customer ids in order of first appearance.
    pub customer_ids: Vec<String>,
    /// Index into `customer_ids` for each purchase.
    pub customer: Vec<u32>,
    pub date: Vec<NaiveDate>,
    pub amount: Vec<f64>,
    pub channel: Option<Categories>,
    pub segment: Option<Categories>,
    /// Spreadsheet row number of each purchase.
    pub rows: Vec<u32>,
}

/// A rating column of a customer table or survey, named by its header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// One row per customer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Customers {
    pub id: Vec<String>,
    /// Revenue per period (the mapping's `period`).
    pub revenue: Option<Vec<Option<f64>>>,
    pub margin: Option<Vec<Option<f64>>>,
    pub acquisition_date: Option<Vec<Option<NaiveDate>>>,
    /// From the churn flag, or from the churn date when there is no flag
    /// (a date means churned).
    pub churned: Option<Vec<Option<bool>>>,
    pub churn_date: Option<Vec<Option<NaiveDate>>>,
    pub channel: Option<Categories>,
    pub acquisition_cost: Option<Vec<Option<f64>>>,
    /// Support contacts per customer (a count, zero or more), as the table
    /// gives them (the page reads them as a year's).
    #[serde(default)]
    pub contacts: Option<Vec<Option<f64>>>,
    pub nps: Option<Vec<Option<f64>>>,
    pub csat: Option<Vec<Option<f64>>>,
    pub ces: Option<Vec<Option<f64>>>,
    pub segment: Option<Categories>,
    pub attributes: Vec<Attribute>,
    pub period: Option<PeriodUnit>,
    pub rows: Vec<u32>,
}

/// One row per survey answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Survey {
    pub customer_id: Option<Vec<String>>,
    /// Date of each answer, when a column has them.
    #[serde(default)]
    pub answer_date: Option<Vec<Option<NaiveDate>>>,
    pub nps: Option<Vec<Option<f64>>>,
    pub csat: Option<Vec<Option<f64>>>,
    pub ces: Option<Vec<Option<f64>>>,
    pub segment: Option<Categories>,
    pub channel: Option<Categories>,
    pub attributes: Vec<Attribute>,
    pub rows: Vec<u32>,
}

/// One row per customer: the RFM summary (see `docs/rfm.sql`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Rfm {
    pub id: Option<Vec<String>>,
    pub frequency: Vec<f64>,
    pub recency: Vec<f64>,
    pub t: Vec<f64>,
    pub monetary_value: Option<Vec<Option<f64>>>,
    pub rows: Vec<u32>,
}

/// One row per cohort: customers (or shares) still active per period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cohorts {
    pub labels: Vec<String>,
    /// Period indices of the columns, ascending.
    pub periods: Vec<u32>,
    /// `alive[cohort][k]` at `periods[k]`; `None` once not yet observed.
    pub alive: Vec<Vec<Option<f64>>>,
    pub period: Option<PeriodUnit>,
    pub rows: Vec<u32>,
}

/// Typed data of one shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Dataset {
    Transactions(Transactions),
    Customers(Customers),
    Survey(Survey),
    Rfm(Rfm),
    Cohort(Cohorts),
}

impl Dataset {
    /// Number of rows kept.
    pub fn len(&self) -> usize {
        match self {
            Dataset::Transactions(d) => d.rows.len(),
            Dataset::Customers(d) => d.rows.len(),
            Dataset::Survey(d) => d.rows.len(),
            Dataset::Rfm(d) => d.rows.len(),
            Dataset::Cohort(d) => d.rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Row counts: `rows = rows_ok + rows_with_problems + rows_excluded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub rows: usize,
    pub rows_ok: usize,
    pub rows_with_problems: usize,
    /// Left out by the user ([`Table::exclude_row`](crate::Table::exclude_row)).
    pub rows_excluded: usize,
    /// All problems, including those past [`MAX_PROBLEMS`].
    pub problems: usize,
}

/// How a mapped column was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnReading {
    pub col: usize,
    pub decimal: Option<DecimalSeparator>,
    pub date_order: Option<DateOrder>,
}

/// The typed data and everything that was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Rows without problems only.
    pub dataset: Dataset,
    pub summary: Summary,
    /// The first [`MAX_PROBLEMS`] problems, in row order per column.
    pub problems: Vec<CellError>,
    /// 0-based data rows with at least one problem, ascending.
    pub bad_rows: Vec<u32>,
    pub readings: Vec<ColumnReading>,
}

impl Validation {
    pub fn is_clean(&self) -> bool {
        self.summary.rows_with_problems == 0
    }
}
