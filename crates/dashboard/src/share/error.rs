//! Why a link, file or saved scenario could not be opened (worded for
//! people by `i18n::share`).

use std::fmt;

/// Why a link, file or saved scenario could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// Nothing to read.
    Empty,
    /// Longer than [`MAX_LINK_BYTES`] (links) or [`MAX_JSON_BYTES`] (files).
    TooLong { len: usize, max: usize },
    /// The fragment does not start with `v<number>.`.
    NotAScenarioLink,
    /// Made by a newer version of the app than this one.
    NewerFormat { found: u32, supported: u32 },
    /// Not valid base64url (a truncated or edited link).
    BadEncoding,
    /// The compressed data is damaged or inflates beyond [`MAX_JSON_BYTES`].
    BadCompression,
    /// The JSON is not a scenario; the message says where.
    BadScenario(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the scenario is empty"),
            ShareError::TooLong { len, max } => {
                write!(f, "the scenario is too long: {len} bytes, at most {max}")
            }
            ShareError::NotAScenarioLink => write!(f, "this is not a CX Impact scenario link"),
            ShareError::NewerFormat { found, supported } => write!(
                f,
                "made by a newer version of CX Impact (format {found}; this one reads up to {supported})"
            ),
            ShareError::BadEncoding => write!(f, "the link is damaged or truncated (bad encoding)"),
            ShareError::BadCompression => {
                write!(f, "the link is damaged or truncated (bad compressed data)")
            }
            ShareError::BadScenario(m) => write!(f, "not a valid scenario: {m}"),
        }
    }
}

impl std::error::Error for ShareError {}
