//! A column's cells read as numbers: the dense fast path and the cell by
//! cell reference.

use super::ctx::Ctx;
use super::dataset::ColumnReading;

use crate::error::CellProblem;
use crate::number::{self, parse_number_with, DecimalSeparator, NumberErrorKind};

impl Ctx<'_> {
    /// Numbers of a column; `check` returns the expected range when a value
    /// is outside it.
    pub(super) fn numbers(
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
    pub(super) fn numbers_dense(
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
    pub(super) fn numbers_each(
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
    pub(super) fn number_cell(
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
}
