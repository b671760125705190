//! Reading delimited text into a [`Table`]: decoding, the delimiter, a
//! title row skipped.

use serde::{Deserialize, Serialize};

use super::cells::Table;
use super::delimiter::{detect_delimiter, Delimiter};
use super::tokenize::tokenize_with;

use crate::decode::decode;
use crate::error::{Encoding, ParseError, TableWarning};

/// Choices the user can force when the guesses are wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// `None`: detect from the first lines.
    pub delimiter: Option<Delimiter>,
}

/// Reads delimited text: detects the encoding and delimiter, takes the
/// first non-blank row as the header, skips blank rows (they still count in
/// row numbers).
///
/// ```
/// use cxi_parse::read_table;
/// let t = read_table("Client;Date;Montant\r\nA12;15/03/2024;1 234,56 €\r\n".as_bytes()).unwrap();
/// assert_eq!(t.headers, ["Client", "Date", "Montant"]);
/// assert_eq!(t.numbers(2).unwrap(), [1234.56]);
/// ```
pub fn read_table(input: &[u8]) -> Result<Table, ParseError> {
    read_table_with(input, ReadOptions::default())
}

/// [`read_table`] with choices forced by the user.
pub fn read_table_with(input: &[u8], options: ReadOptions) -> Result<Table, ParseError> {
    read_table_with_progress(input, options, &mut |_, _| true)
}

/// [`read_table_with`] that reports progress for a progress bar: `progress`
/// gets `(bytes read, total bytes)` about every [`PROGRESS_STEP`](super::PROGRESS_STEP) bytes and
/// returns `false` to cancel ([`ParseError::Cancelled`]).
pub fn read_table_with_progress(
    input: &[u8],
    options: ReadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Table, ParseError> {
    read_table_from(input.to_vec(), options, progress)
}

/// [`read_table_with_progress`] that takes the bytes: UTF-8 text whose
/// cells need no unquoting (most files, `\n` or `\r\n` line ends) becomes
/// the table's text as it is, without a copy.
pub fn read_table_from(
    input: Vec<u8>,
    options: ReadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Table, ParseError> {
    let decoded = decode(input)?;
    let body = &decoded.text[decoded.start..];
    let delimiter = options.delimiter.or_else(|| detect_delimiter(body));
    let mut table = tokenize_with(
        decoded.text,
        decoded.start,
        delimiter.map_or(0, Delimiter::byte),
        delimiter,
        progress,
    )?;
    table.encoding = decoded.encoding;
    if let Some(r) = table.title_rows() {
        let header_row = table.row_number(r);
        table.promote_header(r)?;
        table
            .warnings
            .insert(0, TableWarning::TitleSkipped { header_row });
    }
    if decoded.encoding == Encoding::Windows1252 {
        table.warnings.insert(0, TableWarning::Windows1252);
    }
    Ok(table)
}

/// True when `bytes` start like a spreadsheet workbook (`.xlsx`, `.ods`,
/// `.xls`) rather than text: [`read_table`] refuses them with
/// [`ParseError::Spreadsheet`].
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    crate::decode::sniff_binary(bytes) == Some(ParseError::Spreadsheet)
}
