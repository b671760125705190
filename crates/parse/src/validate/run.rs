//! The entry points: a mapped table validated shape by shape.

use super::ctx::Ctx;
use super::dataset::{Summary, Validation};
use super::error::{ValidateError, MAX_UNUSABLE_LISTED};
use super::shapes::{cohorts, customers, rfm, survey, transactions};

use crate::error::CellProblem;
use crate::mapping::{Mapping, Shape};
use crate::table::Table;

/// Types and checks `table` as `mapping` says.
pub fn validate(table: &Table, mapping: &Mapping) -> Result<Validation, ValidateError> {
    validate_with_progress(table, mapping, &mut |_, _| true)
}

/// [`validate`] that reports progress for a progress bar: `progress` gets
/// `(cells typed, cells to type)` every 65 536 rows of each column and
/// returns `false` to cancel ([`ValidateError::Cancelled`]).
pub fn validate_with_progress(
    table: &Table,
    mapping: &Mapping,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Validation, ValidateError> {
    run(table, mapping, progress, true)
}

/// [`validate`] reading every number and date cell with
/// [`parse_number_with`] and [`parse_date_with`], without the column fast
/// paths: the reference those are checked against by property tests.
#[doc(hidden)]
pub fn validate_reference(table: &Table, mapping: &Mapping) -> Result<Validation, ValidateError> {
    run(table, mapping, &mut |_, _| true, false)
}

fn run(
    table: &Table,
    mapping: &Mapping,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    fast: bool,
) -> Result<Validation, ValidateError> {
    mapping
        .check(table.column_count())
        .map_err(ValidateError::Mapping)?;
    let mut cx = Ctx::new(table, mapping, progress);
    cx.fast = fast;
    for r in table.rows_with_extra_cells() {
        let r = *r as usize;
        let count = table.cells_in_row(r) - table.column_count();
        cx.flag(
            r,
            table.column_count().saturating_sub(1),
            CellProblem::ExtraCells { count },
        );
    }
    let dataset = match mapping.shape {
        Shape::Transactions => transactions(&mut cx)?,
        Shape::Customers => customers(&mut cx)?,
        Shape::Survey => survey(&mut cx)?,
        Shape::Rfm => rfm(&mut cx)?,
        Shape::Cohort => cohorts(&mut cx)?,
    };
    if cx.cancelled {
        return Err(ValidateError::Cancelled);
    }
    let total = cx.total;
    if !(cx.progress)(total, total) {
        return Err(ValidateError::Cancelled);
    }
    let summary = Summary {
        rows: table.row_count(),
        rows_ok: dataset.len(),
        rows_with_problems: cx.bad_rows().len(),
        rows_excluded: table.excluded_rows().len(),
        problems: cx.count,
    };
    cx.problems.sort_by_key(|p| (p.row, p.col));
    if dataset.is_empty() {
        cx.problems.truncate(MAX_UNUSABLE_LISTED);
        return Err(ValidateError::NoUsableRows {
            problems: cx.count,
            first: cx.problems,
        });
    }
    Ok(Validation {
        dataset,
        summary,
        bad_rows: cx.bad_rows(),
        problems: cx.problems,
        readings: cx.readings,
    })
}
