//! The decimal separator a column uses.

use serde::{Deserialize, Serialize};

/// Which of `.` and `,` marks the decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalSeparator {
    /// `1,234.56` (English).
    Point,
    /// `1 234,56` or `1.234,56` (French, German...).
    Comma,
}

impl DecimalSeparator {
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Point => '.',
            DecimalSeparator::Comma => ',',
        }
    }
}
