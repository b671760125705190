//! A mapped [`Table`] into typed columns, with every problem located.
//!
//! Rows with a problem are left out of the [`Dataset`] and listed (their
//! indices in [`Validation::bad_rows`], their problems in
//! [`Validation::problems`]), so the UI can say "9 998 rows are fine, 2 have
//! problems", let the user fix cells ([`Table::set_cell`]) or exclude rows
//! ([`Table::exclude_row`]), and validate again. Nothing is dropped
//! silently: every row is either in the dataset, in `bad_rows`, or
//! excluded by the user, and [`Summary`] counts each.
//!
//! Missing values: required fields (ids, dates and amounts of a transaction
//! log, RFM's frequency, recency and T, a cohort's label) must be present;
//! optional ones (an NPS not answered, no churn date yet) are `None`.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::date::{
    self, detect_date_order, parse_date_with, DateErrorKind, DateOrder, DateOrderGuess,
};
use super::error::{CellError, CellProblem};
use super::intern::{IdColumn, Interner};
use super::mapping::{Field, Mapping, MappingError, Role, Shape};
use super::number::{self, parse_number_with, shown, DecimalSeparator, NumberErrorKind};
use super::table::Table;
use super::text::{fold, trim};
use cxi_types::period::PeriodUnit;

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
    pub nps: Option<Vec<Option<f64>>>,
    pub csat: Option<Vec<Option<f64>>>,
    pub ces: Option<Vec<Option<f64>>>,
    pub segment: Option<Categories>,
    pub channel: Option<Categories>,
    pub attributes: Vec<Attribute>,
    pub rows: Vec<u32>,
}

/// One row per customer, lifetimes' conventions (see `docs/rfm.sql`).
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
    /// Left out by the user ([`Table::exclude_row`]).
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

/// Validation cannot start until the user answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidateError {
    Mapping(MappingError),
    /// A date column whose day/month order no cell tells: ask, then set
    /// [`Mapping::date_order`].
    DateOrderNeeded {
        col: usize,
        column: String,
        example: String,
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
    /// Every row was excluded or had problems: nothing to compute with.
    /// `first` holds the first located problems (at most
    /// [`MAX_UNUSABLE_LISTED`]) so the user sees why, not only how many.
    NoUsableRows {
        problems: usize,
        first: Vec<CellError>,
    },
    /// The user cancelled (the progress callback returned `false`).
    Cancelled,
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidateError::Mapping(e) => write!(f, "{e}"),
            ValidateError::DateOrderNeeded {
                column,
                example,
                day_first,
                month_first,
                ..
            } => write!(
                f,
                "column \"{}\": is \"{}\" {} (day first) or {} (month first)? No date in the column tells",
                shown(column),
                shown(example),
                day_first,
                month_first
            ),
            ValidateError::Cancelled => write!(f, "checking was cancelled"),
            ValidateError::NoUsableRows { problems, .. } => write!(
                f,
                "no row can be used: {problems} problem(s) were found; fix them or choose other columns"
            ),
        }
    }
}

impl std::error::Error for ValidateError {}

/// How many located problems [`ValidateError::NoUsableRows`] carries.
pub const MAX_UNUSABLE_LISTED: usize = 20;

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

/// Rows typed between two progress reports.
const TICK: usize = 1 << 16;

struct Ctx<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    bad: Vec<bool>,
    problems: Vec<CellError>,
    count: usize,
    readings: Vec<ColumnReading>,
    progress: &'a mut dyn FnMut(usize, usize) -> bool,
    /// Cells typed so far and in all, for the progress bar.
    done: usize,
    total: usize,
    cancelled: bool,
    /// Column fast paths on (off for [`validate_reference`]).
    fast: bool,
}

impl<'a> Ctx<'a> {
    fn new(
        table: &'a Table,
        mapping: &'a Mapping,
        progress: &'a mut dyn FnMut(usize, usize) -> bool,
    ) -> Self {
        let columns = mapping
            .columns
            .iter()
            .filter(|r| **r != Role::Ignore)
            .count();
        Ctx {
            table,
            mapping,
            bad: vec![false; table.row_count()],
            problems: Vec::new(),
            count: 0,
            readings: Vec::new(),
            progress,
            done: 0,
            total: table.row_count() * columns.max(1),
            cancelled: false,
            fast: true,
        }
    }

    /// Reports [`TICK`] more cells typed; `false` once the user has
    /// cancelled.
    fn tick(&mut self) -> bool {
        if !self.cancelled {
            self.done += TICK;
            self.cancelled = !(self.progress)(self.done.min(self.total), self.total);
        }
        !self.cancelled
    }

    /// Calls `f(cx, row, cell)` for each cell of column `col`, top to
    /// bottom, reporting progress every [`TICK`] rows; `false` when the
    /// user has cancelled (the rows after are not visited).
    fn each_cell<F>(&mut self, col: usize, mut f: F) -> bool
    where
        F: FnMut(&mut Ctx<'a>, usize, &'a str),
    {
        for (r, cell) in self.table.column(col).enumerate() {
            if self.cancelled {
                break;
            }
            f(self, r, cell);
            if r % TICK == TICK - 1 {
                self.tick();
            }
        }
        !self.cancelled
    }

    fn flag(&mut self, row: usize, col: usize, problem: CellProblem) {
        self.bad[row] = true;
        self.count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(CellError {
                row: self.table.row_number(row),
                col,
                column: self.table.column_name(col),
                problem,
            });
        }
    }

    fn bad_rows(&self) -> Vec<u32> {
        (0..self.bad.len())
            .filter(|&r| self.bad[r] && !self.table.is_excluded(r))
            .map(|r| r as u32)
            .collect()
    }

    /// Rows to validate: excluded rows are skipped entirely.
    fn live(&self, r: usize) -> bool {
        !self.table.is_excluded(r)
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.mapping.column_of(f)
    }

    /// Rows kept in the dataset, after all checks.
    fn keep(&self) -> Vec<usize> {
        (0..self.bad.len())
            .filter(|&r| !self.bad[r] && self.live(r))
            .collect()
    }

    fn text(&mut self, col: usize, required: bool) -> Vec<&'a str> {
        let mut out = Vec::with_capacity(self.table.row_count());
        self.each_cell(col, |cx, r, cell| {
            let v = trim(cell);
            if required && v.is_empty() && cx.live(r) {
                cx.flag(r, col, CellProblem::Missing);
            }
            out.push(v);
        });
        out
    }

    /// Flags empty cells of a required id column, and reads its ids.
    fn require_ids(&mut self, col: usize) -> IdColumn<'a> {
        let mut ids = IdColumn::new(self.table.row_count());
        self.each_cell(col, |cx, r, cell| {
            let id = trim(cell);
            if !cx.live(r) {
                ids.skip();
            } else if id.is_empty() {
                cx.flag(r, col, CellProblem::Missing);
                ids.skip();
            } else {
                ids.push(id);
            }
        });
        ids
    }

    /// Numbers of a column; `check` returns the expected range when a value
    /// is outside it.
    fn numbers(
        &mut self,
        col: usize,
        required: bool,
        check: impl Fn(f64) -> Option<&'static str>,
    ) -> Vec<Option<f64>> {
        self.numbers_dense(col, required, check)
            .into_iter()
            .map(|v| (!v.is_nan()).then_some(v))
            .collect()
    }

    /// [`Ctx::numbers`] with NaN for "no value" (parsed numbers are always
    /// finite): half the memory of `Option<f64>` for large columns.
    ///
    /// One pass reads the plain cells (`1234.5`, `-7,25`) with a fast path
    /// and counts every cell's vote on the decimal separator; the cells the
    /// fast path leaves, and those whose value depends on the separator
    /// (`1,234`), are then read by [`parse_number_with`] once the column's
    /// separator is known. Same result as reading each cell with it
    /// ([`Ctx::numbers_each`]), problems in the same order.
    fn numbers_dense(
        &mut self,
        col: usize,
        required: bool,
        check: impl Fn(f64) -> Option<&'static str>,
    ) -> Vec<f64> {
        let t = self.table;
        let forced = self.mapping.decimal;
        if !self.fast {
            let dec = forced.or_else(|| t.decimal_separator(col));
            self.readings.push(ColumnReading {
                col,
                decimal: dec,
                date_order: None,
            });
            return self.numbers_each(col, dec, required, &check);
        }
        let mut out = Vec::with_capacity(t.row_count());
        let (mut point_votes, mut comma_votes) = (0usize, 0usize);
        // Cells read by the fast path with `.` or `,` as the decimal point.
        let (mut fast_point, mut fast_comma) = (0usize, 0usize);
        let mut later: Vec<u32> = Vec::new();
        let finished = self.each_cell(col, |cx, r, cell| {
            let fast = number::column_cell(cell.as_bytes());
            if forced.is_none() {
                let vote = match fast {
                    Some(p) => p.vote(),
                    None => number::decimal_vote(cell),
                };
                match vote {
                    Some(DecimalSeparator::Point) => point_votes += 1,
                    Some(DecimalSeparator::Comma) => comma_votes += 1,
                    None => {}
                }
            }
            if !cx.live(r) {
                out.push(f64::NAN);
                return;
            }
            match fast {
                Some(p) if !p.could_group && check(p.value).is_none() => {
                    fast_point += usize::from(p.sep == b'.');
                    fast_comma += usize::from(p.sep == b',');
                    out.push(p.value);
                }
                _ => {
                    later.push(r as u32);
                    out.push(f64::NAN);
                }
            }
        });
        if !finished {
            return out;
        }
        let dec = forced.or_else(|| match point_votes.cmp(&comma_votes) {
            std::cmp::Ordering::Greater => Some(DecimalSeparator::Point),
            std::cmp::Ordering::Less => Some(DecimalSeparator::Comma),
            std::cmp::Ordering::Equal => t.decimal_fallback(),
        });
        self.readings.push(ColumnReading {
            col,
            decimal: dec,
            date_order: None,
        });
        let misread = match dec {
            Some(DecimalSeparator::Point) => fast_comma > 0,
            Some(DecimalSeparator::Comma) => fast_point > 0,
            None => false,
        };
        if misread {
            // Cells in the minority's convention: rare, and problems.
            return self.numbers_each(col, dec, required, &check);
        }
        for r in later {
            let r = r as usize;
            out[r] = self.number_cell(r, col, dec, required, &check);
        }
        out
    }

    /// [`Ctx::numbers_dense`] cell by cell with [`parse_number_with`]: the
    /// reference its fast path must agree with.
    fn numbers_each(
        &mut self,
        col: usize,
        dec: Option<DecimalSeparator>,
        required: bool,
        check: &impl Fn(f64) -> Option<&'static str>,
    ) -> Vec<f64> {
        (0..self.table.row_count())
            .map(|r| {
                if self.live(r) {
                    self.number_cell(r, col, dec, required, check)
                } else {
                    f64::NAN
                }
            })
            .collect()
    }

    /// One cell read with [`parse_number_with`], its problem flagged.
    fn number_cell(
        &mut self,
        r: usize,
        col: usize,
        dec: Option<DecimalSeparator>,
        required: bool,
        check: &impl Fn(f64) -> Option<&'static str>,
    ) -> f64 {
        let cell = self.table.cell(r, col);
        match parse_number_with(cell, dec) {
            Ok(v) => match check(v) {
                None => v,
                Some(expected) => {
                    self.flag(
                        r,
                        col,
                        CellProblem::OutOfRange {
                            text: cell.trim().to_string(),
                            expected: expected.to_string(),
                        },
                    );
                    f64::NAN
                }
            },
            Err(e) if e.kind == NumberErrorKind::Empty => {
                if required {
                    self.flag(r, col, CellProblem::Missing);
                }
                f64::NAN
            }
            Err(e) => {
                self.flag(r, col, CellProblem::Number(e));
                f64::NAN
            }
        }
    }

    /// Dates of a column, read in one pass like [`Ctx::numbers_dense`]:
    /// `yyyy-mm-dd` and `dd/mm/yyyy` cells by a fast path (the latter in
    /// the order most of the first cells tell, checked once the whole
    /// column has voted), the others by [`parse_date_with`] once the
    /// column's order is known. Same result as [`Ctx::dates_each`].
    fn dates(
        &mut self,
        col: usize,
        required: bool,
    ) -> Result<Vec<Option<NaiveDate>>, ValidateError> {
        let t = self.table;
        let forced = self.mapping.date_order;
        if !self.fast {
            let order = match forced {
                Some(o) => Some(o),
                None => t.resolve_date_order(col).map_err(|_| self.ask_order(col))?,
            };
            self.readings.push(ColumnReading {
                col,
                decimal: None,
                date_order: order,
            });
            return Ok(self.dates_each(col, order, required));
        }
        let tentative = forced.unwrap_or_else(|| {
            detect_date_order(t.column(col).take(1000))
                .order
                .unwrap_or(DateOrder::DayFirst)
        });
        let mut guess = DateOrderGuess::default();
        // Dates read in the tentative order that the other order reads
        // differently (`03/04/2024`, not `05/05/2024`).
        let mut dependent = 0usize;
        let mut later: Vec<u32> = Vec::new();
        let mut out = Vec::with_capacity(t.row_count());
        let finished = self.each_cell(col, |cx, r, cell| {
            let fast = date::plain(cell.as_bytes());
            if forced.is_none() {
                guess.count(match fast {
                    Some(p) => p.vote(),
                    None => date::order_vote(cell),
                });
            }
            if !cx.live(r) {
                out.push(None);
                return;
            }
            let d = match fast {
                Some(date::Plain::Iso(d)) => d,
                Some(date::Plain::Numeric { a, m, year }) => {
                    let d = tentative.date(a, m, year);
                    dependent += usize::from(d.is_some() && a != m);
                    d
                }
                None => None,
            };
            if d.is_none() {
                later.push(r as u32);
            }
            out.push(d);
        });
        if !finished {
            return Ok(out);
        }
        guess.decide();
        let order = match forced {
            Some(o) => Some(o),
            None => t
                .resolve_date_order_from(guess)
                .map_err(|_| self.ask_order(col))?,
        };
        self.readings.push(ColumnReading {
            col,
            decimal: None,
            date_order: order,
        });
        if dependent > 0 && order.is_some_and(|o| o != tentative) {
            return Ok(self.dates_each(col, order, required));
        }
        for r in later {
            let r = r as usize;
            out[r] = self.date_cell(r, col, order, required);
        }
        Ok(out)
    }

    /// [`Ctx::dates`] cell by cell with [`parse_date_with`]: the reference
    /// its fast path must agree with.
    fn dates_each(
        &mut self,
        col: usize,
        order: Option<DateOrder>,
        required: bool,
    ) -> Vec<Option<NaiveDate>> {
        (0..self.table.row_count())
            .map(|r| {
                if self.live(r) {
                    self.date_cell(r, col, order, required)
                } else {
                    None
                }
            })
            .collect()
    }

    /// One cell read with [`parse_date_with`], its problem flagged.
    fn date_cell(
        &mut self,
        r: usize,
        col: usize,
        order: Option<DateOrder>,
        required: bool,
    ) -> Option<NaiveDate> {
        let cell = self.table.cell(r, col);
        if cell.trim().is_empty() {
            if required {
                self.flag(r, col, CellProblem::Missing);
            }
            return None;
        }
        match parse_date_with(cell, order) {
            Ok(d) => Some(d),
            Err(e) => {
                self.flag(r, col, CellProblem::Date(e));
                None
            }
        }
    }

    fn ask_order(&self, col: usize) -> ValidateError {
        for cell in self.table.column(col) {
            if let Err(e) = parse_date_with(cell, None) {
                if let DateErrorKind::Ambiguous {
                    day_first,
                    month_first,
                } = e.kind
                {
                    return ValidateError::DateOrderNeeded {
                        col,
                        column: self.table.column_name(col),
                        example: cell.trim().to_string(),
                        day_first,
                        month_first,
                    };
                }
            }
        }
        // `needs_choice` saw an ambiguous cell, so this is not reached; an
        // error is still better than a panic.
        ValidateError::DateOrderNeeded {
            col,
            column: self.table.column_name(col),
            example: String::new(),
            day_first: NaiveDate::MIN,
            month_first: NaiveDate::MIN,
        }
    }

    fn booleans(&mut self, col: usize) -> Vec<Option<bool>> {
        let mut out = Vec::with_capacity(self.table.row_count());
        self.each_cell(col, |cx, r, cell| {
            let cell = trim(cell);
            if cell.is_empty() || !cx.live(r) {
                out.push(None);
                return;
            }
            match parse_flag(cell) {
                Some(b) => out.push(Some(b)),
                None => {
                    cx.flag(
                        r,
                        col,
                        CellProblem::NotABoolean {
                            text: cell.to_string(),
                        },
                    );
                    out.push(None);
                }
            }
        });
        out
    }

    fn attributes(&mut self) -> Vec<(String, Vec<Option<f64>>)> {
        let cols: Vec<usize> = (0..self.mapping.columns.len())
            .filter(|&c| self.mapping.columns[c] == Role::Attribute)
            .collect();
        cols.into_iter()
            .map(|c| {
                let v = self.numbers(c, false, score_range);
                (self.table.column_name(c), v)
            })
            .collect()
    }
}

/// Yes/no and churn statuses, EN and FR: true means churned.
pub fn parse_flag(text: &str) -> Option<bool> {
    let t = fold(text);
    match t.as_str() {
        "1" | "yes" | "y" | "true" | "oui" | "o" | "vrai" | "x" | "churned" | "churn"
        | "resilie" | "resiliee" | "parti" | "partie" | "perdu" | "perdue" | "lost"
        | "cancelled" | "canceled" | "inactive" | "inactif" | "inactive customer" | "desabonne"
        | "desabonnee" | "left" => Some(true),
        "0" | "no" | "n" | "false" | "non" | "faux" | "active" | "actif" | "active customer"
        | "abonne" | "abonnee" | "en cours" | "current" | "retained" | "fidele" => Some(false),
        _ => None,
    }
}

fn non_negative(v: f64) -> Option<&'static str> {
    (v < 0.0).then_some("zero or more")
}

fn nps_range(v: f64) -> Option<&'static str> {
    (!(v.fract() == 0.0 && (0.0..=10.0).contains(&v))).then_some("a whole number from 0 to 10")
}

fn score_range(v: f64) -> Option<&'static str> {
    (!(0.0..=100.0).contains(&v)).then_some("a score from 0 to 100")
}

fn any(_: f64) -> Option<&'static str> {
    None
}

fn pick<T: Clone>(v: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().map(|&r| v[r].clone()).collect()
}

/// Codes of a text column's kept rows (ascending), read straight from the
/// table.
fn table_categories(table: &Table, col: usize, keep: &[usize]) -> Categories {
    let mut next = keep.iter().peekable();
    categories(table, col, |r| {
        let kept = next.peek() == Some(&&r);
        if kept {
            next.next();
        }
        kept
    })
}

/// Codes of the cells of a text column in the rows where `kept` is true
/// (asked once per row, in order).
fn categories(table: &Table, col: usize, mut kept: impl FnMut(usize) -> bool) -> Categories {
    let mut interner = Interner::new();
    let mut codes = Vec::with_capacity(table.row_count());
    for (r, cell) in table.column(col).enumerate() {
        if kept(r) {
            codes.push(interner.code(trim(cell)));
        }
    }
    Categories {
        labels: interner.into_labels(),
        codes,
    }
}

fn rows(cx: &Ctx<'_>, keep: &[usize]) -> Vec<u32> {
    keep.iter().map(|&r| cx.table.row_number(r)).collect()
}

fn transactions(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let (id_c, date_c, amount_c) = (
        cx.col(Field::CustomerId),
        cx.col(Field::OrderDate),
        cx.col(Field::Amount),
    );
    let (Some(id_c), Some(date_c), Some(amount_c)) = (id_c, date_c, amount_c) else {
        return unreachable_mapping();
    };
    let ids = cx.require_ids(id_c);
    let dates = cx.dates(date_c, true)?;
    let amounts = cx.numbers_dense(amount_c, true, any);
    let n = cx.table.row_count();
    let kept: Vec<bool> = (0..n).map(|r| !cx.bad[r] && cx.live(r)).collect();
    let t = cx.table;
    let keep = || (0..n).filter(|&r| kept[r]);
    // Ids are numbered over kept rows only, so that a customer whose every
    // row has a problem does not appear with no purchase.
    let (customer_ids, customer) = ids.finish(|r| kept[r]);
    let cats = |c: usize| categories(t, c, |r| kept[r]);
    let d = Transactions {
        customer,
        customer_ids,
        // Same-size element types: these collect in place, reusing the
        // full-length vectors instead of allocating new ones.
        date: dates
            .into_iter()
            .enumerate()
            .filter(|(r, _)| kept[*r])
            .map(|(_, d)| d.unwrap_or(NaiveDate::MIN))
            .collect(),
        amount: amounts
            .into_iter()
            .enumerate()
            .filter(|(r, _)| kept[*r])
            .map(|(_, a)| a)
            .collect(),
        channel: cx.col(Field::Channel).map(cats),
        segment: cx.col(Field::Segment).map(cats),
        rows: keep().map(|r| t.row_number(r)).collect(),
    };
    Ok(Dataset::Transactions(d))
}

/// `check` guarantees required columns; kept as an error, not a panic.
fn unreachable_mapping<T>() -> Result<T, ValidateError> {
    Err(ValidateError::Mapping(MappingError::TooFewPeriods))
}

fn unique_ids(cx: &mut Ctx<'_>, col: usize, ids: &[&str]) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (r, &id) in ids.iter().enumerate() {
        if id.is_empty() || !cx.live(r) {
            continue;
        }
        if let Some(&f) = first.get(id) {
            let first_row = cx.table.row_number(f);
            cx.flag(
                r,
                col,
                CellProblem::OutOfRange {
                    text: id.to_string(),
                    expected: format!(
                        "a customer id not seen before (it is also in row {first_row})"
                    ),
                },
            );
        } else {
            first.insert(id, r);
        }
    }
}

fn customers(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let Some(id_c) = cx.col(Field::CustomerId) else {
        return unreachable_mapping();
    };
    let ids = cx.text(id_c, true);
    unique_ids(cx, id_c, &ids);
    let num = |cx: &mut Ctx<'_>, f: Field, check: fn(f64) -> Option<&'static str>| {
        cx.col(f).map(|c| cx.numbers(c, false, check))
    };
    let revenue = num(cx, Field::Revenue, any);
    let margin = num(cx, Field::Margin, any);
    let cost = num(cx, Field::AcquisitionCost, non_negative);
    let nps = num(cx, Field::Nps, nps_range);
    let csat = num(cx, Field::Csat, score_range);
    let ces = num(cx, Field::Ces, score_range);
    let acq = match cx.col(Field::AcquisitionDate) {
        Some(c) => Some(cx.dates(c, false)?),
        None => None,
    };
    let churn_date = match cx.col(Field::ChurnDate) {
        Some(c) => Some(cx.dates(c, false)?),
        None => None,
    };
    if let (Some(acq), Some(end), Some(c)) = (&acq, &churn_date, cx.col(Field::ChurnDate)) {
        for r in 0..acq.len() {
            if let (Some(a), Some(e)) = (acq[r], end[r]) {
                if e < a {
                    cx.flag(
                        r,
                        c,
                        CellProblem::OutOfRange {
                            text: cx.table.cell(r, c).trim().to_string(),
                            expected: format!("a date on or after the acquisition date ({a})"),
                        },
                    );
                }
            }
        }
    }
    let flag = cx.col(Field::Churned).map(|c| cx.booleans(c));
    let attributes = cx.attributes();
    let keep = cx.keep();
    let churned = match (&flag, &churn_date) {
        (Some(f), _) => Some(pick(f, &keep)),
        (None, Some(d)) => Some(keep.iter().map(|&r| Some(d[r].is_some())).collect()),
        (None, None) => None,
    };
    let opt = |v: &Option<Vec<Option<f64>>>| v.as_ref().map(|v| pick(v, &keep));
    let d = Customers {
        id: keep.iter().map(|&r| ids[r].to_string()).collect(),
        revenue: opt(&revenue),
        margin: opt(&margin),
        acquisition_date: acq.as_ref().map(|v| pick(v, &keep)),
        churned,
        churn_date: churn_date.as_ref().map(|v| pick(v, &keep)),
        channel: cx
            .col(Field::Channel)
            .map(|c| table_categories(cx.table, c, &keep)),
        acquisition_cost: opt(&cost),
        nps: opt(&nps),
        csat: opt(&csat),
        ces: opt(&ces),
        segment: cx
            .col(Field::Segment)
            .map(|c| table_categories(cx.table, c, &keep)),
        attributes: attributes
            .into_iter()
            .map(|(name, v)| Attribute {
                name,
                values: pick(&v, &keep),
            })
            .collect(),
        period: cx.mapping.period,
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Customers(d))
}

fn survey(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let num = |cx: &mut Ctx<'_>, f: Field, check: fn(f64) -> Option<&'static str>| {
        cx.col(f).map(|c| (c, cx.numbers(c, false, check)))
    };
    let nps = num(cx, Field::Nps, nps_range);
    let csat = num(cx, Field::Csat, score_range);
    let ces = num(cx, Field::Ces, score_range);
    // An answer with no score at all is a row with a problem, located at
    // the first score column.
    let scores: Vec<&(usize, Vec<Option<f64>>)> =
        [&nps, &csat, &ces].into_iter().flatten().collect();
    if let Some(&&(first_col, _)) = scores.first() {
        for r in 0..cx.table.row_count() {
            let answered = scores.iter().any(|(_, v)| v[r].is_some());
            let blank = scores
                .iter()
                .all(|(c, _)| cx.table.cell(r, *c).trim().is_empty());
            if !answered && blank && cx.live(r) {
                cx.flag(r, first_col, CellProblem::Missing);
            }
        }
    }
    let ids = cx.col(Field::CustomerId).map(|c| cx.text(c, false));
    let attributes = cx.attributes();
    let keep = cx.keep();
    let opt = |v: &Option<(usize, Vec<Option<f64>>)>| v.as_ref().map(|(_, v)| pick(v, &keep));
    let d = Survey {
        customer_id: ids.map(|v| keep.iter().map(|&r| v[r].to_string()).collect()),
        nps: opt(&nps),
        csat: opt(&csat),
        ces: opt(&ces),
        segment: cx
            .col(Field::Segment)
            .map(|c| table_categories(cx.table, c, &keep)),
        channel: cx
            .col(Field::Channel)
            .map(|c| table_categories(cx.table, c, &keep)),
        attributes: attributes
            .into_iter()
            .map(|(name, v)| Attribute {
                name,
                values: pick(&v, &keep),
            })
            .collect(),
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Survey(d))
}

fn rfm(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let (Some(f_c), Some(r_c), Some(t_c)) = (
        cx.col(Field::Frequency),
        cx.col(Field::Recency),
        cx.col(Field::T),
    ) else {
        return unreachable_mapping();
    };
    let ids = match cx.col(Field::CustomerId) {
        Some(c) => {
            let v = cx.text(c, true);
            unique_ids(cx, c, &v);
            Some(v)
        }
        None => None,
    };
    let freq = cx.numbers(f_c, true, |v| {
        (!(v >= 0.0 && v.fract() == 0.0)).then_some("a whole number, zero or more")
    });
    let rec = cx.numbers(r_c, true, non_negative);
    let t = cx.numbers(t_c, true, non_negative);
    let money = cx
        .col(Field::MonetaryValue)
        .map(|c| cx.numbers(c, false, non_negative));
    // lifetimes' conventions: recency <= T, and recency = 0 when there is
    // no repeat purchase.
    for r in 0..freq.len() {
        if let (Some(f), Some(rc), Some(tt)) = (freq[r], rec[r], t[r]) {
            let text = || cx.table.cell(r, r_c).trim().to_string();
            if rc > tt {
                let p = CellProblem::OutOfRange {
                    text: text(),
                    expected: format!("at most T ({tt})"),
                };
                cx.flag(r, r_c, p);
            } else if f == 0.0 && rc != 0.0 {
                let p = CellProblem::OutOfRange {
                    text: text(),
                    expected: "0 when frequency is 0 (no repeat purchase)".to_string(),
                };
                cx.flag(r, r_c, p);
            }
        }
    }
    let keep = cx.keep();
    let req = |v: &[Option<f64>]| keep.iter().map(|&r| v[r].unwrap_or(f64::NAN)).collect();
    let d = Rfm {
        id: ids.map(|v| keep.iter().map(|&r| v[r].to_string()).collect()),
        frequency: req(&freq),
        recency: req(&rec),
        t: req(&t),
        monetary_value: money.map(|v| pick(&v, &keep)),
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Rfm(d))
}

// Rows are walked across period columns, so `r` indexes the inner vectors.
#[allow(clippy::needless_range_loop)]
fn cohorts(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let Some(label_c) = cx.col(Field::Cohort) else {
        return unreachable_mapping();
    };
    let labels = cx.text(label_c, true);
    let mut periods: Vec<(u32, usize)> = cx
        .mapping
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match r {
            Role::Period(p) => Some((*p, c)),
            _ => None,
        })
        .collect();
    periods.sort();
    let columns: Vec<Vec<Option<f64>>> = periods
        .iter()
        .map(|&(_, c)| cx.numbers(c, false, non_negative))
        .collect();
    let n = cx.table.row_count();
    for r in 0..n {
        if !cx.live(r) {
            continue;
        }
        let mut prev: Option<f64> = None;
        let mut ended = false;
        for (k, &(_, c)) in periods.iter().enumerate() {
            let blank = cx.table.cell(r, c).trim().is_empty();
            match columns[k][r] {
                Some(v) if ended => {
                    let _ = v;
                    cx.flag(r, periods[k - 1].1, CellProblem::Missing);
                    break;
                }
                Some(v) => {
                    if let Some(p) = prev {
                        if v > p {
                            let p = CellProblem::OutOfRange {
                                text: cx.table.cell(r, c).trim().to_string(),
                                expected: format!(
                                    "at most {p}, the number active the period before"
                                ),
                            };
                            cx.flag(r, c, p);
                        }
                    }
                    prev = Some(v);
                }
                None if blank => {
                    if k == 0 {
                        cx.flag(r, c, CellProblem::Missing);
                        break;
                    }
                    ended = true;
                }
                None => {} // already flagged as not a number
            }
        }
    }
    let keep = cx.keep();
    let d = Cohorts {
        labels: keep.iter().map(|&r| labels[r].to_string()).collect(),
        periods: periods.iter().map(|&(p, _)| p).collect(),
        alive: keep
            .iter()
            .map(|&r| columns.iter().map(|col| col[r]).collect())
            .collect(),
        period: cx.mapping.period,
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Cohort(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::guess_mapping;
    use crate::mapping::guess_shapes;
    use crate::read_table;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn transaction_log_with_a_bad_row_and_a_fix() {
        let csv = "Client;Date de commande;Montant;Canal\r\n\
                   A12;15/03/2024;1 234,56 €;web\r\n\
                   B7;16/03/2024;12,3,4;magasin\r\n\
                   A12;;5,00 €;web\r\n\
                   C3;17/03/2024;(10,00) €;magasin\r\n";
        let mut t = read_table(csv.as_bytes()).unwrap();
        let m = guess_shapes(&t).remove(0).mapping;
        assert_eq!(m.shape, Shape::Transactions);
        let v = validate(&t, &m).unwrap();
        assert_eq!(
            v.summary,
            Summary {
                rows: 4,
                rows_ok: 2,
                rows_with_problems: 2,
                rows_excluded: 0,
                problems: 2
            }
        );
        let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "row 3, column \"Montant\": \"12,3,4\" is not a number",
                "row 4, column \"Date de commande\": empty cell, a value is required",
            ]
        );
        assert_eq!(v.bad_rows, [1, 2]);
        let Dataset::Transactions(tx) = &v.dataset else {
            panic!()
        };
        assert_eq!(tx.customer_ids, ["A12", "C3"]);
        assert_eq!(tx.amount, [1234.56, -10.0]);
        assert_eq!(tx.date, [d(2024, 3, 15), d(2024, 3, 17)]);
        assert_eq!(tx.rows, [2, 5]);
        assert_eq!(tx.channel.as_ref().unwrap().label(1), "magasin");

        // Fix one cell, exclude the other row: everything accounted for.
        t.set_cell(1, 2, "12,34");
        t.exclude_row(2, true);
        let v = validate(&t, &m).unwrap();
        assert!(v.is_clean());
        assert_eq!(
            (
                v.summary.rows_ok,
                v.summary.rows_excluded,
                v.summary.rows_with_problems
            ),
            (3, 1, 0)
        );
        let Dataset::Transactions(tx) = &v.dataset else {
            panic!()
        };
        assert_eq!(tx.amount, [1234.56, 12.34, -10.0]);
        assert_eq!(tx.customer, [0, 1, 2]);
    }

    #[test]
    fn ambiguous_dates_stop_validation_until_the_user_chooses() {
        let t = read_table(b"client,date,amount\na,01/02/2024,5\na,03/04/2024,6\n").unwrap();
        let mut m = guess_mapping(&t, Shape::Transactions);
        let e = validate(&t, &m).unwrap_err();
        assert_eq!(
            e.to_string(),
            "column \"date\": is \"01/02/2024\" 2024-02-01 (day first) or 2024-01-02 (month first)? No date in the column tells"
        );
        m.date_order = Some(DateOrder::MonthFirst);
        let v = validate(&t, &m).unwrap();
        let Dataset::Transactions(tx) = v.dataset else {
            panic!()
        };
        assert_eq!(tx.date, [d(2024, 1, 2), d(2024, 3, 4)]);
    }

    #[test]
    fn customer_table_checks() {
        let csv = "id;CA mensuel;Date d'inscription;Date de résiliation;NPS;Canal\n\
                   c1;30;01/01/2024;;9;web\n\
                   c2;45;15/01/2024;01/01/2024;7;salon\n\
                   c1;20;01/02/2024;;8;web\n\
                   c4;25;01/02/2024;;11;web\n\
                   c5;;01/03/2024;01/06/2024;;web\n";
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Customers);
        assert_eq!(m.period, Some(PeriodUnit::Month));
        let v = validate(&t, &m).unwrap();
        let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "row 3, column \"Date de résiliation\": \"01/01/2024\" is out of range: expected a date on or after the acquisition date (2024-01-15)",
                "row 4, column \"id\": \"c1\" is out of range: expected a customer id not seen before (it is also in row 2)",
                "row 5, column \"NPS\": \"11\" is out of range: expected a whole number from 0 to 10",
            ]
        );
        let Dataset::Customers(c) = v.dataset else {
            panic!()
        };
        assert_eq!(c.id, ["c1", "c5"]);
        assert_eq!(c.revenue, Some(vec![Some(30.0), None]));
        assert_eq!(c.churned, Some(vec![Some(false), Some(true)]));
        assert_eq!(c.nps, Some(vec![Some(9.0), None]));
    }

    #[test]
    fn churn_flags() {
        for (s, b) in [
            ("Oui", true),
            ("non", false),
            ("Résilié", true),
            ("actif", false),
            ("1", true),
            ("0", false),
            ("TRUE", true),
        ] {
            assert_eq!(parse_flag(s), Some(b), "{s}");
        }
        assert_eq!(parse_flag("peut-être"), None);
    }

    #[test]
    fn survey_without_any_score_is_a_problem() {
        let t = read_table("NPS;Satisfaction;Qualité\n9;4;5\n;;3\n10;5;4\n".as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Survey);
        let v = validate(&t, &m).unwrap();
        assert_eq!(
            v.problems[0].to_string(),
            "row 3, column \"NPS\": empty cell, a value is required"
        );
        let Dataset::Survey(s) = v.dataset else {
            panic!()
        };
        assert_eq!(s.nps, Some(vec![Some(9.0), Some(10.0)]));
        assert_eq!(s.attributes[0].name, "Qualité");
        assert_eq!(s.attributes[0].values, [Some(5.0), Some(4.0)]);
    }

    #[test]
    fn rfm_conventions() {
        let csv = "customer_id,frequency,recency,T,monetary_value\n\
                   1,2,30.43,38.86,22.35\n\
                   2,1,40,38,11.77\n\
                   3,0,5,38,0\n\
                   4,1.5,1,38,3\n\
                   5,0,0,38.86,0\n";
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Rfm);
        let v = validate(&t, &m).unwrap();
        let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "row 3, column \"recency\": \"40\" is out of range: expected at most T (38)",
                "row 4, column \"recency\": \"5\" is out of range: expected 0 when frequency is 0 (no repeat purchase)",
                "row 5, column \"frequency\": \"1.5\" is out of range: expected a whole number, zero or more",
            ]
        );
        let Dataset::Rfm(r) = v.dataset else { panic!() };
        assert_eq!(r.frequency, [2.0, 0.0]);
        assert_eq!(r.t, [38.86, 38.86]);
    }

    #[test]
    fn cohort_checks() {
        let csv = "Cohorte;M0;M1;M2;M3\n\
                   2024-01;100;80;70;64\n\
                   2024-02;120;90;81;\n\
                   2024-03;110;;50;\n\
                   2024-04;100;105;;\n\
                   2024-05;90;;;\n";
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Cohort);
        let v = validate(&t, &m).unwrap();
        let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "row 4, column \"M1\": empty cell, a value is required",
                "row 5, column \"M1\": \"105\" is out of range: expected at most 100, the number active the period before",
            ]
        );
        let Dataset::Cohort(c) = v.dataset else {
            panic!()
        };
        assert_eq!(c.labels, ["2024-01", "2024-02", "2024-05"]);
        assert_eq!(c.periods, [0, 1, 2, 3]);
        assert_eq!(c.alive[1], [Some(120.0), Some(90.0), Some(81.0), None]);
        assert_eq!(c.period, Some(PeriodUnit::Month));
    }

    #[test]
    fn extra_cells_are_a_row_problem_and_nothing_usable_is_an_error() {
        let t = read_table(b"client;date;montant\na;2024-01-01;5;oops\n").unwrap();
        let m = guess_mapping(&t, Shape::Transactions);
        let e = validate(&t, &m).unwrap_err();
        let ValidateError::NoUsableRows { problems, first } = e else {
            panic!("{e:?}")
        };
        assert_eq!(problems, 1);
        // The reason is located, not only counted.
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].row, 2);
        assert!(matches!(
            first[0].problem,
            CellProblem::ExtraCells { count: 1 }
        ));
        let t = read_table(b"client;date;montant\na;2024-01-01;5;oops\nb;2024-01-02;6\n").unwrap();
        let v = validate(&t, &m).unwrap();
        assert_eq!(
            v.problems[0].to_string(),
            "row 2, column \"montant\": 1 cell(s) past the last column: is a delimiter inside an unquoted value?"
        );
    }

    #[test]
    fn progress_is_reported_and_can_cancel() {
        let mut csv = String::from("client,date,amount\n");
        for i in 0..(3 * TICK) {
            csv.push_str(&format!(
                "c{},2024-01-{:02},{}\n",
                i % 97,
                i % 28 + 1,
                i % 50
            ));
        }
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Transactions);
        let mut seen = Vec::new();
        let v = validate_with_progress(&t, &m, &mut |d, n| {
            seen.push((d, n));
            true
        })
        .unwrap();
        assert!(v.is_clean());
        // Three columns of 3 ticks each, then the end.
        assert_eq!(seen.len(), 10, "{seen:?}");
        assert_eq!(*seen.last().unwrap(), (9 * TICK, 9 * TICK));
        let mut calls = 0;
        let e = validate_with_progress(&t, &m, &mut |_, _| {
            calls += 1;
            calls < 2
        });
        assert_eq!(e.unwrap_err(), ValidateError::Cancelled);
    }

    #[test]
    fn a_column_whose_first_cells_mislead_is_read_again() {
        // The fast path reads `aa/mm/yyyy` in the order its first 1000
        // cells suggest (none here: day first by default); the later cells
        // say month first, so the column is read again cell by cell.
        let mut csv = String::from("client,date,amount\n");
        for i in 0..1500 {
            let date = if i < 1000 {
                format!("{:02}/{:02}/2024", i % 12 + 1, (i + 1) % 12 + 1)
            } else {
                format!("{:02}/{:02}/2024", i % 12 + 1, i % 15 + 13)
            };
            csv.push_str(&format!("c{i},{date},{i}.5\n"));
        }
        // One English amount among French ones: read again, and refused.
        csv.push_str("z,01/13/2024,\"1,5\"\n");
        for i in 0..3 {
            csv.push_str(&format!("y{i},01/13/2024,{i}.25\n"));
        }
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Transactions);
        let v = validate(&t, &m).unwrap();
        assert_eq!(v, validate_reference(&t, &m).unwrap());
        assert_eq!(v.readings[0].date_order, Some(DateOrder::MonthFirst));
        let Dataset::Transactions(tx) = &v.dataset else {
            panic!()
        };
        assert_eq!(tx.date[0], d(2024, 1, 2));
        assert_eq!(v.problems.len(), 1);
        assert_eq!(
            v.problems[0].to_string(),
            "row 1502, column \"amount\": \"1,5\" is not a number in this column, which uses \".\" for decimals"
        );
    }

    #[test]
    fn problem_details_are_capped_but_all_counted() {
        let mut csv = String::from("client,date,amount\n");
        for i in 0..(MAX_PROBLEMS + 500) {
            csv.push_str(&format!("c{i},2024-01-01,bad\n"));
        }
        csv.push_str("ok,2024-01-01,1\n");
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, Shape::Transactions);
        let v = validate(&t, &m).unwrap();
        assert_eq!(v.problems.len(), MAX_PROBLEMS);
        assert_eq!(v.summary.problems, MAX_PROBLEMS + 500);
        assert_eq!(v.summary.rows_with_problems, MAX_PROBLEMS + 500);
        assert_eq!(v.summary.rows_ok, 1);
    }
}
