//! What can go wrong with input, located for a spreadsheet user.
//!
//! Row numbers are those a spreadsheet shows: the header is row 1 and the
//! first data row is row 2 (when the header is on the first line). Blank
//! lines count, as they are blank rows in the sheet, and a quoted cell with
//! line breaks inside is still one row.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::date::DateError;
use super::number::{shown, NumberError};

/// Text encoding the input was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// Excel's "Unicode text" export.
    Utf16,
    /// Not valid UTF-8: read as Windows-1252, what French Excel writes.
    Windows1252,
}

/// Input that cannot be used at all. Whatever was loaded before stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// No bytes, or only spaces and line breaks.
    Empty,
    /// Not text: a PDF, an image, an archive, random bytes.
    Binary { what: &'static str },
    /// An `.xlsx`, `.xls` or `.ods` workbook given to the text reader.
    Spreadsheet,
    /// A workbook the spreadsheet reader could not open.
    Workbook { message: String },
    /// More than 4 GiB.
    TooLarge { bytes: u64 },
    /// A quote opened at this row is never closed: the rest of the file
    /// would be one cell.
    UnclosedQuote { row: u32 },
    /// A header row and nothing under it.
    HeaderOnly,
    /// The user cancelled (the progress callback returned `false`).
    Cancelled,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "the input is empty"),
            ParseError::Binary { what } => write!(
                f,
                "this is {what}, not a table: paste cells from a spreadsheet or choose a .csv, .tsv, .txt, .xlsx, .xls or .ods file"
            ),
            ParseError::Spreadsheet => write!(
                f,
                "this is a spreadsheet workbook (.xlsx, .xls or .ods), not text: open it as a workbook"
            ),
            ParseError::Workbook { message } => {
                write!(f, "the workbook could not be read: {message}")
            }
            ParseError::TooLarge { bytes } => write!(
                f,
                "the input is {bytes} bytes; at most 4 GiB can be read"
            ),
            ParseError::UnclosedQuote { row } => write!(
                f,
                "row {row}: a quote (\") opens a cell that is never closed"
            ),
            ParseError::HeaderOnly => write!(
                f,
                "there is a header row but no data under it"
            ),
            ParseError::Cancelled => write!(f, "reading was cancelled"),
        }
    }
}

impl std::error::Error for ParseError {}

/// A usable table with something the user should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableWarning {
    /// No delimiter found: each line is one cell.
    SingleColumn,
    /// Read as Windows-1252 since it is not UTF-8.
    Windows1252,
    /// Several columns have the same header; `columns` are 0-based.
    DuplicateHeader { name: String, columns: Vec<usize> },
    /// A column with an empty header (0-based).
    EmptyHeader { column: usize },
    /// The first rows looked like a title (one cell over a wider table):
    /// the header was taken from spreadsheet row `header_row`.
    TitleSkipped { header_row: u32 },
    /// Rows with more non-empty cells than there are headers: the extra
    /// cells belong to no column (often a delimiter inside an unquoted
    /// value). `rows` are the first such rows (spreadsheet numbers).
    ExtraCells { count: usize, rows: Vec<u32> },
}

impl fmt::Display for TableWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableWarning::SingleColumn => write!(
                f,
                "only one column was found: if there should be several, separate them with tabs, \";\", \",\" or \"|\""
            ),
            TableWarning::Windows1252 => write!(
                f,
                "the file is not UTF-8; it was read as Windows-1252 (what Excel writes in France)"
            ),
            TableWarning::DuplicateHeader { name, columns } => {
                let list: Vec<String> = columns.iter().map(|c| column_letter(*c)).collect();
                write!(
                    f,
                    "the header \"{}\" appears in several columns ({})",
                    shown(name),
                    list.join(", ")
                )
            }
            TableWarning::EmptyHeader { column } => {
                write!(f, "column {} has no header", column_letter(*column))
            }
            TableWarning::TitleSkipped { header_row } => write!(
                f,
                "the first rows look like a title: the header was taken from row {header_row}"
            ),
            TableWarning::ExtraCells { count, rows } => {
                let list: Vec<String> = rows.iter().map(u32::to_string).collect();
                write!(
                    f,
                    "{count} row(s) have more cells than the header (rows {}{})",
                    list.join(", "),
                    if *count > rows.len() { ", ..." } else { "" }
                )
            }
        }
    }
}

/// Spreadsheet column letters: 0 is `A`, 25 is `Z`, 26 is `AA`.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellProblem {
    Number(NumberError),
    Date(DateError),
    /// A required value is missing.
    Missing,
    /// A value outside what the field allows (`NPS 11`).
    OutOfRange {
        text: String,
        expected: String,
    },
    /// A yes/no field with something else in it.
    NotABoolean {
        text: String,
    },
    /// The row has more cells than the header.
    ExtraCells {
        count: usize,
    },
}

/// One located problem: `row 17, column "montant": "12,3,4" is not a number`.
///
/// `row` is the spreadsheet row number (header = row 1, see the module
/// documentation); `column` is the header text (or `column C` when the
/// header is empty) and `col` its 0-based index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub row: u32,
    pub col: usize,
    pub column: String,
    pub problem: CellProblem,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column \"{}\": ", self.row, shown(&self.column))?;
        match &self.problem {
            CellProblem::Number(e) => write!(f, "{e}"),
            CellProblem::Date(e) => write!(f, "{e}"),
            CellProblem::Missing => write!(f, "empty cell, a value is required"),
            CellProblem::OutOfRange { text, expected } => {
                write!(
                    f,
                    "\"{}\" is out of range: expected {expected}",
                    shown(text)
                )
            }
            CellProblem::NotABoolean { text } => write!(
                f,
                "\"{}\" is not yes/no (expected 1/0, yes/no, oui/non, true/false)",
                shown(text)
            ),
            CellProblem::ExtraCells { count } => write!(
                f,
                "{count} cell(s) past the last column: is a delimiter inside an unquoted value?"
            ),
        }
    }
}

impl std::error::Error for CellError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
