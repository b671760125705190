//! A mapped [`Table`](crate::Table) into typed columns, with every problem located.
//!
//! Rows with a problem are left out of the [`Dataset`] and listed (their
//! indices in [`Validation::bad_rows`], their problems in
//! [`Validation::problems`]), so the UI can say "9 998 rows are fine, 2 have
//! problems", let the user fix cells ([`Table::set_cell`](crate::Table::set_cell)) or exclude rows
//! ([`Table::exclude_row`](crate::Table::exclude_row)), and validate again. Nothing is dropped
//! silently: every row is either in the dataset, in `bad_rows`, or
//! excluded by the user, and [`Summary`] counts each.
//!
//! Missing values: required fields (ids, dates and amounts of a transaction
//! log, RFM's frequency, recency and T, a cohort's label) must be present;
//! optional ones (an NPS not answered, no churn date yet) are `None`.
//!
//! The files: `dataset` (what validation gives), `error` (why it could
//! not), `run` (the entry points), `ctx` (one validation's state),
//! `numbers` and `dates` (columns read with their fast paths), `checks`
//! (single-cell rules), `shapes` (one validator per shape).

mod checks;
mod ctx;
mod dataset;
mod dates;
mod error;
mod numbers;
mod run;
mod shapes;

pub use checks::parse_flag;
pub use dataset::{
    Attribute, Categories, Cohorts, ColumnReading, Customers, Dataset, Rfm, Summary, Survey,
    Transactions, Validation, MAX_PROBLEMS,
};
pub use error::{ValidateError, MAX_UNUSABLE_LISTED};
pub use run::{validate, validate_reference, validate_with_progress};

#[cfg(test)]
mod tests;
