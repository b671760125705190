//! A column's cells as numbers or dates, with the column's (or the table's)
//! decimal separator and day/month order, every bad cell located.

use chrono::NaiveDate;

use super::cells::Table;
use super::delimiter::Delimiter;

use crate::date::{detect_date_order, parse_date_with, DateOrder, DateOrderGuess};
use crate::error::{CellError, CellProblem};
use crate::number::{detect_decimal_separator, parse_number_with, DecimalGuess, DecimalSeparator};

impl Table {
    /// The votes of one column's cells on its decimal separator.
    pub fn decimal_guess(&self, col: usize) -> DecimalGuess {
        detect_decimal_separator(self.column(col))
    }

    /// The decimal separator to read column `col` with: the column's own
    /// majority; else the majority of all the table's cells (a column of
    /// `1,234` beside a column of `12,5` is French); else the delimiter's
    /// convention (`;` files come from decimal-comma locales, in `,` files a
    /// decimal comma would have needed quotes); else `None`, where a lone
    /// separator is read as the decimal one.
    pub fn decimal_separator(&self, col: usize) -> Option<DecimalSeparator> {
        self.decimal_guess(col)
            .separator
            .or_else(|| self.decimal_fallback())
    }

    /// The decimal separator of a column whose own cells do not decide:
    /// the table's majority, else the delimiter's convention (see
    /// [`Table::decimal_separator`]).
    pub fn decimal_fallback(&self) -> Option<DecimalSeparator> {
        let table = *self.table_decimal.get_or_init(|| {
            detect_decimal_separator((0..self.column_count()).flat_map(|c| self.column(c)))
                .separator
        });
        table.or(match self.delimiter {
            Some(Delimiter::Semicolon) => Some(DecimalSeparator::Comma),
            Some(Delimiter::Comma) => Some(DecimalSeparator::Point),
            _ => None,
        })
    }

    /// The currency most cells of a column name (`€`, `$`, `CHF`...), to
    /// preset the scenario's currency; `None` when no cell names one.
    pub fn currency(&self, col: usize) -> Option<cxi_types::Currency> {
        let mut votes: Vec<(cxi_types::Currency, usize)> = Vec::new();
        for cell in self.column(col) {
            if let Some(c) = crate::number::currency_of(cell) {
                match votes.iter_mut().find(|(v, _)| *v == c) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((c, 1)),
                }
            }
        }
        votes.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c)
    }

    fn cell_error(&self, row: usize, col: usize, problem: CellProblem) -> CellError {
        CellError {
            row: self.rows.get(row),
            col,
            column: self.column_name(col),
            problem,
        }
    }

    /// Every cell of a column as a number (see
    /// [`parse_number`](crate::parse_number)), read with the column's
    /// decimal separator; empty cells are errors. On failure, every bad
    /// cell is listed.
    pub fn numbers(&self, col: usize) -> Result<Vec<f64>, Vec<CellError>> {
        let v = self.optional_numbers(col)?;
        let mut errors = Vec::new();
        let mut out = Vec::with_capacity(v.len());
        for (r, x) in v.into_iter().enumerate() {
            match x {
                Some(x) => out.push(x),
                None => errors.push(self.cell_error(r, col, CellProblem::Missing)),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Like [`Table::numbers`], with empty cells as `None`.
    pub fn optional_numbers(&self, col: usize) -> Result<Vec<Option<f64>>, Vec<CellError>> {
        let dec = self.decimal_separator(col);
        let mut out = Vec::with_capacity(self.row_count());
        let mut errors = Vec::new();
        for r in 0..self.row_count() {
            let cell = self.cell(r, col);
            if cell.trim().is_empty() {
                out.push(None);
                continue;
            }
            match parse_number_with(cell, dec) {
                Ok(v) => out.push(Some(v)),
                Err(e) => errors.push(self.cell_error(r, col, CellProblem::Number(e))),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The votes of one column's cells on its day/month order.
    pub fn date_order(&self, col: usize) -> DateOrderGuess {
        detect_date_order(self.column(col))
    }

    /// The day/month order to read column `col` with: the column's own
    /// majority; else, when some of its cells are ambiguous, the majority of
    /// all the table's cells (an acquisition date column of `01/06/2024`
    /// beside an order date column of `25/06/2024` is day-first). `Ok(None)`
    /// when no cell needs an order; `Err(())` when the whole table cannot
    /// tell and the user must choose.
    #[allow(clippy::result_unit_err)]
    pub fn resolve_date_order(&self, col: usize) -> Result<Option<DateOrder>, ()> {
        self.resolve_date_order_from(self.date_order(col))
    }

    /// [`Table::resolve_date_order`] from a column's votes already counted.
    #[allow(clippy::result_unit_err)]
    pub fn resolve_date_order_from(&self, guess: DateOrderGuess) -> Result<Option<DateOrder>, ()> {
        if !guess.needs_choice() {
            return Ok(guess.order);
        }
        let table = *self.table_date_order.get_or_init(|| {
            detect_date_order((0..self.column_count()).flat_map(|c| self.column(c)))
        });
        table.order.map(Some).ok_or(())
    }

    /// Every cell of a column as a date, in the order found by
    /// [`Table::resolve_date_order`] (see [`parse_date`](crate::parse_date));
    /// empty cells are errors. When the order is truly ambiguous, the error
    /// is the first ambiguous cell: ask the user and call
    /// [`Table::dates_with`].
    pub fn dates(&self, col: usize) -> Result<Vec<NaiveDate>, Vec<CellError>> {
        let order = self.resolve_date_order(col).unwrap_or(None);
        self.dates_with(col, order)
    }

    /// Every cell of a column as a date with the given order (`None`: each
    /// cell must be unambiguous on its own).
    pub fn dates_with(
        &self,
        col: usize,
        order: Option<DateOrder>,
    ) -> Result<Vec<NaiveDate>, Vec<CellError>> {
        let mut out = Vec::with_capacity(self.row_count());
        let mut errors = Vec::new();
        for r in 0..self.row_count() {
            match parse_date_with(self.cell(r, col), order) {
                Ok(d) => out.push(d),
                Err(e) => {
                    let ambiguous = matches!(e.kind, crate::date::DateErrorKind::Ambiguous { .. });
                    errors.push(self.cell_error(r, col, CellProblem::Date(e)));
                    if ambiguous {
                        return Err(errors);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}
