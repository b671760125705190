//! Delimited text (a spreadsheet paste, `.csv`, `.tsv`, `.txt`) into a
//! [`Table`] of text cells.
//!
//! The scanner works on bytes: every delimiter, quote and line break is
//! ASCII, so UTF-8 text can be cut at them safely. All cells live in one
//! buffer with one `u32` end offset per cell, so a million rows cost two
//! allocations rather than millions (the input is copied once; quoted cells
//! are unescaped in the copy).
//!
//! Dialect: RFC 4180 quotes (`""` inside a quoted cell is one `"`) with
//! line breaks inside quotes, `\n` or `\r\n` line ends (lone `\r` for old Mac
//! files), and leniency where spreadsheets are lenient: a quote in the
//! middle of an unquoted cell is kept as text, and text after a closing
//! quote is appended to the cell.
//!
//! The files, one concept each: `delimiter` (which one a text
//! uses), `read` (bytes to table), `tokenize` (the scanner), `build` (the
//! cell layout, tables from split rows), `cells` (the [`Table`] and its
//! text cells), `header` (title rows, the header's warnings), `typed`
//! (columns as numbers and dates), `seq` (compact row sequences).

mod build;
mod cells;
mod delimiter;
mod header;
mod read;
mod seq;
mod tokenize;
mod typed;

pub use build::{table_from_rows, table_from_rows_at};
pub use cells::{Column, Table};
pub use delimiter::{detect_delimiter, Delimiter};
pub use read::{
    looks_like_workbook, read_table, read_table_from, read_table_with, read_table_with_progress,
    ReadOptions,
};
pub use tokenize::PROGRESS_STEP;

#[cfg(test)]
mod tests;
