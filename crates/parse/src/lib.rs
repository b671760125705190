//! Data in: pasted cells and files into typed, validated columns.
//!
//! * [`read_table`]: bytes (a paste, a `.csv`/`.tsv`/`.txt` file) into a
//!   [`Table`] of text cells: encoding, delimiter, quotes, header row.
//! * [`parse_number`], [`parse_date`]: one cell, French or English
//!   conventions; [`detect_decimal_separator`] and [`detect_date_order`]
//!   decide the ambiguous cases from a whole column.
//!
//! * `read_workbook` (feature `spreadsheets`, on by default): `.xlsx`,
//!   `.xls`, `.ods` sheets into the same [`Table`].
//! * [`guess_shapes`]: which [`Shape`] a table is and a [`Mapping`] of its
//!   columns, from EN/FR header synonyms; the user edits the mapping.
//! * [`validate()`]: a mapped table into a typed [`Dataset`], every problem
//!   located, bad rows left out and listed.
//!
//! Row numbers in every message are those a spreadsheet shows: the header
//! is row 1 (see [`error`]).

pub mod date;
mod decode;
pub mod error;
mod intern;
pub mod mapping;
pub mod number;
pub mod table;
pub mod text;
pub mod validate;
#[cfg(feature = "spreadsheets")]
pub mod workbook;

pub use date::{
    detect_date_order, from_excel_serial, parse_date, parse_date_with, DateError, DateErrorKind,
    DateOrder, DateOrderGuess,
};
pub use error::{column_letter, CellError, CellProblem, Encoding, ParseError, TableWarning};
pub use mapping::{
    guess_mapping, guess_shapes, Field, Mapping, MappingError, Role, Shape, ShapeGuess,
};
pub use number::{
    currency_of, detect_decimal_separator, parse_number, parse_number_with, DecimalGuess,
    DecimalSeparator, NumberError, NumberErrorKind,
};
pub use table::{
    detect_delimiter, looks_like_workbook, read_table, read_table_from, read_table_with,
    read_table_with_progress, table_from_rows, table_from_rows_at, Column, Delimiter, ReadOptions,
    Table, PROGRESS_STEP,
};
pub use validate::{
    validate, validate_reference, validate_with_progress, Attribute, Categories, Cohorts,
    Customers, Dataset, Rfm, Summary, Survey, Transactions, ValidateError, Validation,
};
#[cfg(feature = "spreadsheets")]
pub use workbook::{read_workbook, Workbook};

/// What a dropped or picked file turned out to be.
#[cfg(feature = "spreadsheets")]
#[derive(Debug)]
pub enum Loaded {
    /// Delimited text (paste, `.csv`, `.tsv`, `.txt`).
    Table(Table),
    /// A workbook: list its sheets, let the user pick one
    /// ([`Workbook::first_table`] to start with).
    Workbook(Workbook),
}

/// Reads any accepted input: text as a [`Table`], a spreadsheet workbook
/// (recognised by its first bytes) as a [`Workbook`].
///
/// ```
/// use cxi_parse::{read_input, Loaded};
/// let Ok(Loaded::Table(t)) = read_input(b"a;b\n1;2\n") else { panic!() };
/// assert_eq!(t.row_count(), 1);
/// ```
#[cfg(feature = "spreadsheets")]
pub fn read_input(bytes: &[u8]) -> Result<Loaded, ParseError> {
    match read_table(bytes) {
        Err(ParseError::Spreadsheet) => read_workbook(bytes).map(Loaded::Workbook),
        other => other.map(Loaded::Table),
    }
}
