//! Numbers as spreadsheets print them, in French and English conventions.
//!
//! Accepted, in any combination that makes sense:
//! * a decimal comma or point: `1234,56`, `1234.56`, `,5`;
//! * thousands separators: space, no-break space U+00A0, narrow no-break
//!   space U+202F, thin space U+2009, apostrophe (`1'234`, Swiss), and the
//!   `.` or `,` that is not the decimal separator (`1.234,56`, `1,234.56`);
//!   groups after the first must have exactly three digits, so `12,3,4` is
//!   refused rather than guessed;
//! * a currency symbol or ISO code before or after: `€`, `$`, `£`, `¥`, `₹`,
//!   `EUR`, `USD`, `GBP`, `CHF`, `CAD`, `JPY`, `US$`, `Fr.` (`1 234,56 €`);
//! * a trailing percent sign: `5 %` and `5%` read as the fraction `0.05`
//!   (rates in the core are fractions, see the brief);
//! * a leading `-`, `+` or `−` (U+2212), or accounting parentheses `(12,50)`;
//! * a scientific exponent as Excel writes large numbers: `1,5E+06`.
//!
//! A lone `,` or `.` followed by exactly three digits (`1,234`) is ambiguous:
//! 1234 in an English column, 1.234 in a French one. [`parse_number`] reads
//! the lone separator as the decimal one; [`parse_number_with`] takes the
//! column's convention, found by [`detect_decimal_separator`] from all its
//! cells.
//!
//! The files: `separator` (the decimal separator), `error` (why a text is
//! not a number), `parse` (the entry points), `fast` (the one-scan fast
//! paths), `general` (the full reader), `currency` (symbols and codes),
//! `decimal` (a column's decimal separator from its cells).

mod currency;
mod decimal;
mod error;
mod fast;
mod general;
mod parse;
mod separator;

pub use currency::currency_of;
pub(crate) use decimal::decimal_vote;
pub use decimal::{cell_decimal_vote, detect_decimal_separator, DecimalGuess};
pub use error::{shown, NumberError, NumberErrorKind, MAX_SHOWN};
pub(crate) use fast::column_cell;
pub use parse::{parse_number, parse_number_reference, parse_number_with};
pub use separator::DecimalSeparator;

#[cfg(test)]
mod tests;
// proptest needs OS randomness, which wasm32-unknown-unknown lacks.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod plain_properties;
