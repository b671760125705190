//! Why tables cannot be linked: each refusal names the table, and a bad
//! value its spreadsheet row and column, so the page can point at the cell.

use cxi_parse::CellError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the three tables a customer is linked across.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// The order log: customer id, date, amount.
    Orders,
    /// The survey export: customer id, answer date, NPS/CSAT/CES.
    Answers,
    /// The CRM table: churn flag, support contacts.
    Crm,
}

impl TableKind {
    /// Stable identifier (`orders`, `answers`, `crm`).
    pub fn id(self) -> &'static str {
        match self {
            TableKind::Orders => "orders",
            TableKind::Answers => "answers",
            TableKind::Crm => "crm",
        }
    }
}

/// A column of one of the tables, as the link reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Customer id (every table).
    Id,
    /// Order date or answer date.
    Date,
    /// Order amount.
    Amount,
    /// NPS answer, a whole number 0–10.
    Nps,
    /// CSAT answer on its scale.
    Csat,
    /// CES answer, 1–7.
    Ces,
    /// Churn flag.
    Churned,
    /// Support contacts, a count.
    Contacts,
}

/// What is wrong with one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueProblem {
    /// NaN or infinite.
    NotFinite,
    /// Below zero where only zero or more makes sense (amounts, contacts).
    Negative,
    /// Not a whole number on the score's scale (`min`–`max`).
    OffScale {
        /// Lowest allowed answer.
        min: u8,
        /// Highest allowed answer.
        max: u8,
    },
}

/// Why the tables were refused.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// A column does not have one value per row of its table.
    Length {
        /// The table.
        table: TableKind,
        /// The column.
        column: ColumnKind,
        /// Rows of the table (its id column).
        expected: usize,
        /// Values given.
        got: usize,
    },
    /// One bad value.
    Value {
        /// The table.
        table: TableKind,
        /// Spreadsheet row number (header = row 1).
        row: u32,
        /// The column.
        column: ColumnKind,
        /// The value as read.
        value: f64,
        /// What is wrong with it.
        problem: ValueProblem,
    },
    /// Cells of a loaded table that could not be read (every one listed,
    /// with its row and column, as the parser reports them).
    Cells {
        /// The table.
        table: TableKind,
        /// The unreadable cells.
        cells: Vec<CellError>,
    },
    /// A column index past the table's last column.
    NoSuchColumn {
        /// The table.
        table: TableKind,
        /// The 0-based column index asked for.
        col: usize,
        /// Columns the table has.
        columns: usize,
    },
    /// A table without a single row.
    Empty(TableKind),
    /// The survey has none of NPS, CSAT and CES.
    NoScores,
    /// The window after an answer must be at least one day.
    ZeroWindow,
    /// The order log's end is before its start.
    LogSpan,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Length {
                table,
                column,
                expected,
                got,
            } => write!(
                f,
                "{} table: column {column:?} has {got} values for {expected} rows",
                table.id()
            ),
            LinkError::Value {
                table,
                row,
                column,
                value,
                problem,
            } => {
                let why = match problem {
                    ValueProblem::NotFinite => "must be a finite number".to_string(),
                    ValueProblem::Negative => "must be zero or more".to_string(),
                    ValueProblem::OffScale { min, max } => {
                        format!("must be a whole number from {min} to {max}")
                    }
                };
                write!(
                    f,
                    "{} table, row {row}: {column:?} {why}, got {value}",
                    table.id()
                )
            }
            LinkError::Cells { table, cells } => write!(
                f,
                "{} table: {} cells cannot be read (first at row {})",
                table.id(),
                cells.len(),
                cells.first().map_or(0, |c| c.row)
            ),
            LinkError::NoSuchColumn {
                table,
                col,
                columns,
            } => write!(
                f,
                "{} table: column {} asked for, it has {columns}",
                table.id(),
                col + 1
            ),
            LinkError::Empty(t) => write!(f, "{} table: no rows", t.id()),
            LinkError::NoScores => write!(f, "answers table: no NPS, CSAT or CES column"),
            LinkError::ZeroWindow => write!(f, "the window after an answer must be 1 day or more"),
            LinkError::LogSpan => write!(f, "the order log ends before it starts"),
        }
    }
}

impl std::error::Error for LinkError {}
