//! Which row is the header: a title row above the table skipped, the header
//! the user points at, and the warnings the header gives.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::cells::Table;

use crate::date::{parse_date_with, DateOrder};
use crate::error::{ParseError, TableWarning};
use crate::number::parse_number_with;
use crate::text::fold;

impl Table {
    /// The data row that is the real header when the first row is a title
    /// (`Export des ventes au 31/12/2024` above the table): the header row
    /// has one cell while most rows have several, and a row of as many
    /// text cells (no numbers, no dates) comes within the first ten.
    pub(super) fn title_rows(&self) -> Option<usize> {
        let non_empty = |r: usize| {
            (0..self.cells_in_row(r))
                .filter(|&c| !self.cell(r, c).trim().is_empty())
                .count()
        };
        if self.headers.iter().filter(|h| !h.is_empty()).count() > 1 {
            return None;
        }
        let sample = self.row_count().min(50);
        let mut counts = [0usize; 64];
        for r in 0..sample {
            counts[non_empty(r).min(63)] += 1;
        }
        let mode = (2..64).max_by_key(|&w| (counts[w], std::cmp::Reverse(w)))?;
        if counts[mode] * 2 < sample {
            return None;
        }
        (0..sample.min(10)).find(|&r| {
            non_empty(r) == mode
                && (0..self.cells_in_row(r)).all(|c| {
                    let v = self.cell(r, c).trim();
                    v.is_empty()
                        || (parse_number_with(v, None).is_err()
                            && parse_date_with(v, Some(DateOrder::DayFirst)).is_err())
                })
        })
    }

    /// Makes data row `row` the header and drops the rows above it (title
    /// rows, notes): for when the user points at the real header. Fixes and
    /// exclusions of the remaining rows are kept.
    pub fn promote_header(&mut self, row: usize) -> Result<(), ParseError> {
        if row >= self.row_count() {
            return Ok(());
        }
        let mut headers: Vec<String> = (0..self.cells_in_row(row))
            .map(|c| self.cell(row, c).trim().to_string())
            .collect();
        while headers.len() > 1 && headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        if row + 1 >= self.row_count() {
            return Err(ParseError::HeaderOnly);
        }
        let k = row + 1;
        self.first.drop_front(k);
        self.rows.drop_front(k);
        let shift = k as u32;
        self.edits = std::mem::take(&mut self.edits)
            .into_iter()
            .filter(|((r, _), _)| *r >= shift)
            .map(|((r, c), v)| ((r - shift, c), v))
            .collect();
        self.excluded = std::mem::take(&mut self.excluded)
            .into_iter()
            .filter(|r| *r >= shift)
            .map(|r| r - shift)
            .collect();
        self.headers = headers;
        self.table_decimal = OnceLock::new();
        self.table_date_order = OnceLock::new();
        self.extra_cells.clear();
        self.warnings.retain(|w| {
            matches!(
                w,
                TableWarning::Windows1252 | TableWarning::TitleSkipped { .. }
            )
        });
        self.check();
        Ok(())
    }

    pub(super) fn check(&mut self) {
        if self.delimiter.is_none() && self.headers.len() <= 1 {
            self.warnings.push(TableWarning::SingleColumn);
        }
        let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, h) in self.headers.iter().enumerate() {
            if h.is_empty() {
                self.warnings.push(TableWarning::EmptyHeader { column: i });
            } else {
                seen.entry(fold(h)).or_default().push(i);
            }
        }
        let mut dups: Vec<_> = seen.into_values().filter(|v| v.len() > 1).collect();
        dups.sort();
        for columns in dups {
            self.warnings.push(TableWarning::DuplicateHeader {
                name: self.headers[columns[0]].clone(),
                columns,
            });
        }
        let width = self.headers.len();
        for r in 0..self.row_count() {
            let (a, z) = (self.first.get(r) as usize, self.first.get(r + 1) as usize);
            if z - a > width && (a + width..z).any(|f| !self.field(f).trim().is_empty()) {
                self.extra_cells.push(r as u32);
            }
        }
        if !self.extra_cells.is_empty() {
            self.warnings.push(TableWarning::ExtraCells {
                count: self.extra_cells.len(),
                rows: self
                    .extra_cells
                    .iter()
                    .take(5)
                    .map(|&r| self.rows.get(r as usize))
                    .collect(),
            });
        }
    }
}
