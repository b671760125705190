//! Why validation could not give a dataset.

use std::fmt;

use chrono::NaiveDate;

use crate::error::CellError;
use crate::mapping::MappingError;
use crate::number::shown;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidateError {
    Mapping(MappingError),
    /// A date column whose day/month order no cell tells: ask, then set
    /// [`Mapping::date_order`](crate::Mapping::date_order).
    DateOrderNeeded {
        col: usize,
        column: String,
        example: String,
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
    /// Every row was excluded or had problems: nothing to compute with.
    /// `first` holds the first located problems (at most
    /// [`MAX_UNUSABLE_LISTED`]) so the user sees why, not only how many.
    NoUsableRows {
        problems: usize,
        first: Vec<CellError>,
    },
    /// The user cancelled (the progress callback returned `false`).
    Cancelled,
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidateError::Mapping(e) => write!(f, "{e}"),
            ValidateError::DateOrderNeeded {
                column,
                example,
                day_first,
                month_first,
                ..
            } => write!(
                f,
                "column \"{}\": is \"{}\" {} (day first) or {} (month first)? No date in the column tells",
                shown(column),
                shown(example),
                day_first,
                month_first
            ),
            ValidateError::Cancelled => write!(f, "checking was cancelled"),
            ValidateError::NoUsableRows { problems, .. } => write!(
                f,
                "no row can be used: {problems} problem(s) were found; fix them or choose other columns"
            ),
        }
    }
}

impl std::error::Error for ValidateError {}

/// How many located problems [`ValidateError::NoUsableRows`] carries.
pub const MAX_UNUSABLE_LISTED: usize = 20;
