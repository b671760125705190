//! Reading CSV files for the voice-of-customer commands, through the core's
//! table reader ([`cxi_parse::read_table`]: encoding, delimiter and
//! decimal-comma detection). Every error is one line that names the row and
//! column, as a spreadsheet shows them.

use cxi_parse::read_table;
use cxi_parse::CellError;
use cxi_parse::Table;
use std::path::Path;

/// Reads a delimited text file into a table.
pub fn read_file(path: &Path) -> Result<Table, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    read_table(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Index of the column called `name` (case, accents and punctuation
/// ignored), or an error listing the columns there are.
pub fn column(table: &Table, name: &str) -> Result<usize, String> {
    table.find_column(&[name]).ok_or_else(|| {
        format!(
            "no column `{name}`; the columns are: {}",
            table.headers.join(", ")
        )
    })
}

/// First column matching one of `names`, if any.
pub fn guess_column(table: &Table, names: &[&str]) -> Option<usize> {
    table.find_column(names)
}

fn first_error(mut errors: Vec<CellError>) -> String {
    let more = errors.len().saturating_sub(1);
    let first = errors.swap_remove(0).to_string();
    if more > 0 {
        format!("{first} (and {more} more)")
    } else {
        first
    }
}

/// Every cell of a column as a number; empty cells are errors.
pub fn numbers(table: &Table, col: usize) -> Result<Vec<f64>, String> {
    table.numbers(col).map_err(first_error)
}

/// Every cell of a column as a number, empty cells as `None`.
pub fn optional_numbers(table: &Table, col: usize) -> Result<Vec<Option<f64>>, String> {
    table.optional_numbers(col).map_err(first_error)
}

/// Every cell of a column as trimmed text.
pub fn texts(table: &Table, col: usize) -> Vec<String> {
    table.column(col).map(|c| c.trim().to_string()).collect()
}

/// `row N, column "C"` for messages about data row `row` (0-based).
pub fn at(table: &Table, row: usize, col: usize) -> String {
    format!(
        "row {}, column \"{}\"",
        table.row_number(row),
        table.column_name(col)
    )
}
