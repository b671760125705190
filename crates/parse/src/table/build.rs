//! Building a [`Table`] from cells: the layout `Builder` writes, and tables
//! from rows already split (a spreadsheet sheet).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::cells::Table;
use super::delimiter::Delimiter;
use super::seq::Seq;

use crate::error::{Encoding, ParseError};

/// Builds a table from cells already split (a spreadsheet sheet): the first
/// row that is not blank is the header.
pub fn table_from_rows<I, R, S>(rows: I) -> Result<Table, ParseError>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    table_from_rows_at(rows, 1)
}

/// [`table_from_rows`] for rows that start at spreadsheet row `first_row`
/// (a sheet whose data starts lower down).
pub fn table_from_rows_at<I, R, S>(rows: I, first_row: u32) -> Result<Table, ParseError>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut b = Builder::default();
    let mut row = first_row.saturating_sub(1);
    for cells in rows {
        row += 1;
        let start = b.ends.len();
        let text_start = b.text.len();
        let mut blank = true;
        for c in cells {
            let c = c.as_ref();
            blank &= c.is_empty();
            b.text.push_str(c);
            b.ends.push(b.text.len() as u32);
            b.text.push('\n');
        }
        if blank {
            b.text.truncate(text_start);
            b.ends.truncate(start);
        } else if b.header.is_none() {
            let headers = (start..b.ends.len())
                .map(|f| b.cell(&b.text, 0, f, start, text_start).trim().to_string())
                .collect();
            b.header = Some((headers, row));
            b.origin = text_start as u32;
        } else {
            b.keep(start, row);
        }
    }
    let text = std::mem::take(&mut b.text);
    b.finish(text, None)
}

/// Cells as they are laid out in a [`Table`]'s text: each cell is
/// followed by one separator byte (the delimiter, or the line end after a
/// row's last cell; `\r\n` counts as one), so that a cell starts right
/// after the end of the one before and delimited text whose cells need no
/// unquoting is its own layout. The header's cells come first.
#[derive(Default)]
pub(super) struct Builder {
    /// The text built so far (empty while the input is used as it is).
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
    /// Where the header's first cell starts.
    pub(super) origin: u32,
    pub(super) first: Seq,
    pub(super) rows: Seq,
    pub(super) header: Option<(Vec<String>, u32)>,
}

impl Builder {
    /// Cell `f` of a record whose first cell is `first`, starting at
    /// `text_start`; layout position `p` is `text[p + shift]`.
    pub(super) fn cell<'t>(
        &self,
        text: &'t str,
        shift: usize,
        f: usize,
        first: usize,
        text_start: usize,
    ) -> &'t str {
        let start = if f == first {
            text_start + shift
        } else {
            let prev = self.ends[f - 1] as usize + shift;
            prev + 1 + usize::from(text.as_bytes().get(prev) == Some(&b'\r'))
        };
        text.get(start..self.ends[f] as usize + shift).unwrap_or("")
    }

    /// A data row whose first cell is `start`, spreadsheet row `row`.
    pub(super) fn keep(&mut self, start: usize, row: u32) {
        self.first.push(start as u32);
        self.rows.push(row);
    }

    pub(super) fn finish(
        mut self,
        text: String,
        delimiter: Option<Delimiter>,
    ) -> Result<Table, ParseError> {
        let Some((mut headers, _)) = self.header.take() else {
            return Err(ParseError::Empty);
        };
        if self.rows.is_empty() {
            return Err(ParseError::HeaderOnly);
        }
        self.first.push(self.ends.len() as u32);
        // Trailing empty header cells (a trailing delimiter) name nothing.
        while headers.len() > 1 && headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        let mut table = Table {
            headers,
            text,
            origin: self.origin,
            ends: self.ends,
            first: self.first,
            rows: self.rows,
            delimiter,
            encoding: Encoding::Utf8,
            edits: BTreeMap::new(),
            warnings: Vec::new(),
            extra_cells: Vec::new(),
            excluded: BTreeSet::new(),
            table_decimal: OnceLock::new(),
            table_date_order: OnceLock::new(),
        };
        table.check();
        Ok(table)
    }
}
