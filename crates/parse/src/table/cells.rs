//! The [`Table`] of text cells: its layout, and reading its cells, rows
//! and columns as text.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::delimiter::Delimiter;
use super::seq::Seq;

use crate::date::DateOrderGuess;
use crate::error::{column_letter, Encoding, TableWarning};
use crate::number::DecimalSeparator;
use crate::text::fold;

/// A table of text cells with a header row. Rows are indexed from 0 (the
/// first data row); [`Table::row_number`] gives the spreadsheet row number
/// that messages use.
#[derive(Debug, Clone)]
pub struct Table {
    /// Header texts, trimmed, one per column.
    pub headers: Vec<String>,
    /// The cells, laid out as `Builder` says.
    pub(super) text: String,
    /// Where cell 0 (the header's first) starts.
    pub(super) origin: u32,
    pub(super) ends: Vec<u32>,
    /// Index in `ends` of each row's first cell, plus one past the end.
    pub(super) first: Seq,
    /// Spreadsheet row number of each data row.
    pub(super) rows: Seq,
    pub(super) delimiter: Option<Delimiter>,
    pub(super) encoding: Encoding,
    pub(super) edits: BTreeMap<(u32, u32), String>,
    pub(super) warnings: Vec<TableWarning>,
    pub(super) extra_cells: Vec<u32>,
    pub(super) excluded: BTreeSet<u32>,
    pub(super) table_decimal: OnceLock<Option<DecimalSeparator>>,
    pub(super) table_date_order: OnceLock<DateOrderGuess>,
}

/// Where a cell starts when the one before ends at `prev_end`: after one
/// separator byte, or two for `\r\n`.
#[inline]
pub(super) fn cell_start(text: &[u8], prev_end: u32) -> usize {
    let e = prev_end as usize;
    e + 1 + usize::from(text.get(e) == Some(&b'\r'))
}

/// The cells of one column, top to bottom: [`Table::column`].
pub struct Column<'a> {
    table: &'a Table,
    col: usize,
    row: usize,
    rows: usize,
    /// The next cell's index and the cells per row, when every row has the
    /// same number of cells and none is fixed.
    regular: Option<(usize, usize)>,
}

impl<'a> Iterator for Column<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.row >= self.rows {
            return None;
        }
        let r = self.row;
        self.row += 1;
        Some(match &mut self.regular {
            Some((f, step)) => {
                let cell = self.table.field(*f);
                *f += *step;
                cell
            }
            None => self.table.cell(r, self.col),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rows - self.row;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Column<'_> {}

impl Table {
    // Once per cell read: inlined, as a call costs more than its body.
    #[inline(always)]
    pub(super) fn field(&self, f: usize) -> &str {
        let start = match f.checked_sub(1) {
            None => self.origin as usize,
            Some(p) => cell_start(self.text.as_bytes(), self.ends[p]),
        };
        let end = self.ends[f] as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// Number of data rows (the header is not counted).
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Number of columns (headers).
    pub fn column_count(&self) -> usize {
        self.headers.len()
    }

    /// The delimiter found or forced; `None` for a single-column text.
    pub fn delimiter(&self) -> Option<Delimiter> {
        self.delimiter
    }

    /// The encoding the text was read in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Things the user should know about a usable table.
    pub fn warnings(&self) -> &[TableWarning] {
        &self.warnings
    }

    /// Spreadsheet row number of data row `row` (header = row 1).
    pub fn row_number(&self, row: usize) -> u32 {
        self.rows.get(row)
    }

    /// Data rows that have non-empty cells past the last header.
    pub fn rows_with_extra_cells(&self) -> &[u32] {
        &self.extra_cells
    }

    /// Number of cells in data row `row` as read, which may differ from
    /// [`Table::column_count`].
    pub fn cells_in_row(&self, row: usize) -> usize {
        (self.first.get(row + 1) - self.first.get(row)) as usize
    }

    /// Cell text as read (untrimmed), or as fixed by [`Table::set_cell`];
    /// `""` past the end of a short row. Panics if `row` is out of range.
    #[inline]
    pub fn cell(&self, row: usize, col: usize) -> &str {
        if !self.edits.is_empty() {
            if let Some(v) = self.edits.get(&(row as u32, col as u32)) {
                return v;
            }
        }
        let f = self.first.get(row) as usize + col;
        if f < self.first.get(row + 1) as usize {
            self.field(f)
        } else {
            ""
        }
    }

    /// Replaces one cell (a fix typed by the user); validate again after.
    pub fn set_cell(&mut self, row: usize, col: usize, value: impl Into<String>) {
        if row < self.row_count() {
            self.edits.insert((row as u32, col as u32), value.into());
            // Fixes can change the evidence the whole table gives.
            self.table_decimal = OnceLock::new();
            self.table_date_order = OnceLock::new();
        }
    }

    /// Leaves data row `row` out of validation (`true`) or puts it back.
    pub fn exclude_row(&mut self, row: usize, excluded: bool) {
        if row < self.row_count() {
            if excluded {
                self.excluded.insert(row as u32);
            } else {
                self.excluded.remove(&(row as u32));
            }
        }
    }

    /// True when the user left data row `row` out.
    #[inline]
    pub fn is_excluded(&self, row: usize) -> bool {
        !self.excluded.is_empty() && self.excluded.contains(&(row as u32))
    }

    /// Data rows the user left out, ascending.
    pub fn excluded_rows(&self) -> Vec<u32> {
        self.excluded.iter().copied().collect()
    }

    /// Cells of one column, top to bottom.
    pub fn column(&self, col: usize) -> Column<'_> {
        // Rows of equal width and no fixes (the usual large table): the
        // column's cells are every `step`-th cell, walked without looking
        // up each row.
        let regular = match (&self.first.explicit, self.edits.is_empty()) {
            (None, true) if col < self.first.step as usize => {
                Some((self.first.start as usize + col, self.first.step as usize))
            }
            _ => None,
        };
        Column {
            table: self,
            col,
            row: 0,
            rows: self.row_count(),
            regular,
        }
    }

    /// Cells of one row, one per header.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.column_count()).map(move |c| self.cell(row, c))
    }

    /// Header text for messages: the header, or `column C` when empty.
    pub fn column_name(&self, col: usize) -> String {
        match self.headers.get(col) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("column {}", column_letter(col)),
        }
    }

    /// First column whose header matches one of `names`, ignoring case,
    /// accents, punctuation and surrounding spaces.
    pub fn find_column(&self, names: &[&str]) -> Option<usize> {
        let folded: Vec<String> = self.headers.iter().map(|h| fold(h)).collect();
        names.iter().find_map(|n| {
            let n = fold(n);
            folded.iter().position(|h| !h.is_empty() && *h == n)
        })
    }
}
