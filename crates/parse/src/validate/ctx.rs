//! The state of one validation: the rows flagged, the problems kept, the
//! progress reported, and the columns read as text, ids and flags.

use super::checks::{parse_flag, score_range};
use super::dataset::{ColumnReading, MAX_PROBLEMS};

use crate::error::{CellError, CellProblem};
use crate::intern::IdColumn;
use crate::mapping::{Field, Mapping, Role};
use crate::table::Table;
use crate::text::trim;

/// Rows typed between two progress reports.
pub(super) const TICK: usize = 1 << 16;

pub(super) struct Ctx<'a> {
    pub(super) table: &'a Table,
    pub(super) mapping: &'a Mapping,
    pub(super) bad: Vec<bool>,
    pub(super) problems: Vec<CellError>,
    pub(super) count: usize,
    pub(super) readings: Vec<ColumnReading>,
    pub(super) progress: &'a mut dyn FnMut(usize, usize) -> bool,
    /// Cells typed so far and in all, for the progress bar.
    pub(super) done: usize,
    pub(super) total: usize,
    pub(super) cancelled: bool,
    /// Column fast paths on (off for [`validate_reference`](super::validate_reference)).
    pub(super) fast: bool,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
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
    pub(super) fn tick(&mut self) -> bool {
        if !self.cancelled {
            self.done += TICK;
            self.cancelled = !(self.progress)(self.done.min(self.total), self.total);
        }
        !self.cancelled
    }

    /// Calls `f(cx, row, cell)` for each cell of column `col`, top to
    /// bottom, reporting progress every [`TICK`] rows; `false` when the
    /// user has cancelled (the rows after are not visited).
    pub(super) fn each_cell<F>(&mut self, col: usize, mut f: F) -> bool
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

    pub(super) fn flag(&mut self, row: usize, col: usize, problem: CellProblem) {
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

    pub(super) fn bad_rows(&self) -> Vec<u32> {
        (0..self.bad.len())
            .filter(|&r| self.bad[r] && !self.table.is_excluded(r))
            .map(|r| r as u32)
            .collect()
    }

    /// Rows to validate: excluded rows are skipped entirely.
    pub(super) fn live(&self, r: usize) -> bool {
        !self.table.is_excluded(r)
    }

    pub(super) fn col(&self, f: Field) -> Option<usize> {
        self.mapping.column_of(f)
    }

    /// Rows kept in the dataset, after all checks.
    pub(super) fn keep(&self) -> Vec<usize> {
        (0..self.bad.len())
            .filter(|&r| !self.bad[r] && self.live(r))
            .collect()
    }

    pub(super) fn text(&mut self, col: usize, required: bool) -> Vec<&'a str> {
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
    pub(super) fn require_ids(&mut self, col: usize) -> IdColumn<'a> {
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

    pub(super) fn booleans(&mut self, col: usize) -> Vec<Option<bool>> {
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

    pub(super) fn attributes(&mut self) -> Vec<(String, Vec<Option<f64>>)> {
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
