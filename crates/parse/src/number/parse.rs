//! Parsing one number: the fast paths first, the general reader for the rest.

use super::error::NumberError;
use super::fast::{fast_plain, scan_grouped};
use super::general::general;
use super::separator::DecimalSeparator;

/// Parses a number; a lone `,` or `.` is the decimal separator, so `1,234`
/// is 1.234 (use [`parse_number_with`] and the column's convention to read it
/// as 1234). Percentages are fractions: `5 %` is `0.05`.
///
/// ```
/// use cxi_parse::parse_number;
/// assert_eq!(parse_number("1 234,56 €"), Ok(1234.56));
/// assert_eq!(parse_number("(1,234.50)"), Ok(-1234.5));
/// assert_eq!(parse_number("5 %"), Ok(0.05));
/// assert!(parse_number("12,3,4").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    parse_number_with(text, None)
}

/// Parses a number in a column whose decimal separator is known (`Some`) or
/// not (`None`: a lone separator is the decimal one).
pub fn parse_number_with(
    text: &str,
    decimal: Option<DecimalSeparator>,
) -> Result<f64, NumberError> {
    // Fast path for the common plain cell (`123`, `45.6`, `-7,25`): no
    // stripping, no separator analysis beyond one scan.
    if let Some(v) = fast_plain(text.as_bytes(), decimal) {
        return Ok(v);
    }
    // Second fast path for spreadsheet money: `1 234,56 €`, `12,5 %`.
    if let Some(g) = scan_grouped(text.as_bytes()) {
        if let Some(v) = g.value(decimal) {
            return Ok(v);
        }
    }
    general(text, decimal)
}

/// [`parse_number_with`] without its fast paths: the reference the fast
/// paths are checked against by fuzzing and property tests.
#[doc(hidden)]
pub fn parse_number_reference(
    text: &str,
    decimal: Option<DecimalSeparator>,
) -> Result<f64, NumberError> {
    general(text, decimal)
}
