//! Why a text is not a number, and how a cell is shown in messages.

use std::fmt;

use super::separator::DecimalSeparator;

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberErrorKind {
    /// Nothing but spaces.
    Empty,
    /// Not a number in any convention.
    NotANumber,
    /// A number, but not in the column's decimal convention (`1,5` in a
    /// column that uses `.` for decimals).
    WrongDecimalSeparator(DecimalSeparator),
    /// Too large for a 64-bit float (`1e400`).
    OutOfRange,
}

/// A text that could not be read as a number, with the text (cut to
/// [`MAX_SHOWN`] characters so that a huge garbage cell stays printable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    pub text: String,
    pub kind: NumberErrorKind,
}

/// How many characters of a bad value an error message repeats.
pub const MAX_SHOWN: usize = 60;

/// `text` cut to [`MAX_SHOWN`] characters, with `…` when cut.
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(MAX_SHOWN) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", &text[..i]),
    }
}

impl NumberError {
    pub(super) fn new(text: &str, kind: NumberErrorKind) -> Self {
        NumberError {
            text: shown(text),
            kind,
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            NumberErrorKind::Empty => write!(f, "empty cell, expected a number"),
            NumberErrorKind::NotANumber => write!(f, "\"{}\" is not a number", self.text),
            NumberErrorKind::WrongDecimalSeparator(sep) => write!(
                f,
                "\"{}\" is not a number in this column, which uses \"{}\" for decimals",
                self.text,
                sep.as_char()
            ),
            NumberErrorKind::OutOfRange => write!(f, "\"{}\" is too large a number", self.text),
        }
    }
}

impl std::error::Error for NumberError {}
