//! A column's cells read as dates: the fast paths, the day/month order the
//! column tells, and the question to the user when it cannot tell.

use chrono::NaiveDate;

use super::ctx::Ctx;
use super::dataset::ColumnReading;
use super::error::ValidateError;

use crate::date::{
    self, detect_date_order, parse_date_with, DateErrorKind, DateOrder, DateOrderGuess,
};
use crate::error::CellProblem;

impl Ctx<'_> {
    /// Dates of a column, read in one pass like [`Ctx::numbers_dense`]:
    /// `yyyy-mm-dd` and `dd/mm/yyyy` cells by a fast path (the latter in
    /// the order most of the first cells tell, checked once the whole
    /// column has voted), the others by [`parse_date_with`] once the
    /// column's order is known. Same result as [`Ctx::dates_each`].
    pub(super) fn dates(
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
    pub(super) fn dates_each(
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
    pub(super) fn date_cell(
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

    pub(super) fn ask_order(&self, col: usize) -> ValidateError {
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
}
