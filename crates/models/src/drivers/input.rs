//! The input of a driver analysis: columns, the missing-data treatment, the
//! errors and the checks run before anything is computed.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest number of attributes accepted at all.
pub const MAX_ATTRIBUTES: usize = 30;

/// How rows with a missing answer are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingData {
    /// Only rows with the outcome and every attribute answered are used.
    Listwise,
    /// Each correlation uses the rows where both of its variables are
    /// answered; the matrix may then not be positive semi-definite, in which
    /// case negative eigenvalues are set to zero and a warning is given.
    Pairwise,
}

/// A named column of answers; `None` is a missing answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'a> {
    /// Column name, used in results and messages.
    pub name: &'a str,
    /// One value per row; `None` is a missing answer.
    pub values: &'a [Option<f64>],
}

/// Why a driver analysis could not be run.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum DriversError {
    /// No attribute given.
    NoAttributes,
    /// More attributes than [`MAX_ATTRIBUTES`].
    TooManyAttributes { got: usize, max: usize },
    /// A column's length differs from the outcome's.
    LengthMismatch {
        column: String,
        len: usize,
        expected: usize,
    },
    /// Two columns share a name.
    DuplicateName(String),
    /// A value is NaN or infinite (row is 1-based).
    NotFinite { column: String, row: usize },
    /// A column has no variation on the rows used.
    ConstantColumn(String),
    /// Too few usable rows.
    TooFewRows { used: usize, needed: usize },
}

impl fmt::Display for DriversError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriversError::NoAttributes => write!(f, "at least one attribute is needed"),
            DriversError::TooManyAttributes { got, max } => {
                write!(f, "at most {max} attributes can be analysed: got {got}")
            }
            DriversError::LengthMismatch {
                column,
                len,
                expected,
            } => write!(
                f,
                "column `{column}` has {len} rows but the outcome has {expected}"
            ),
            DriversError::DuplicateName(n) => write!(f, "column `{n}` is given twice"),
            DriversError::NotFinite { column, row } => {
                write!(f, "row {row}, column `{column}`: value is not a finite number")
            }
            DriversError::ConstantColumn(n) => write!(
                f,
                "column `{n}` has the same value on every row used: it cannot explain anything; remove it"
            ),
            DriversError::TooFewRows { used, needed } => write!(
                f,
                "only {used} usable rows: at least {needed} are needed for this many attributes"
            ),
        }
    }
}

impl std::error::Error for DriversError {}

/// Names and columns, `[outcome, attributes…]`, as checked by [`validate`].
pub(super) type NamedColumns<'a> = (Vec<&'a str>, Vec<&'a [Option<f64>]>);

/// Checks the columns of a driver analysis before anything is computed:
/// attribute count, lengths, names, finite values and enough usable rows.
/// Returns the names and columns as `[outcome, attributes…]`.
pub(super) fn validate<'a>(
    outcome: &Column<'a>,
    attributes: &[Column<'a>],
    missing: MissingData,
) -> Result<NamedColumns<'a>, DriversError> {
    let p = attributes.len();
    if p == 0 {
        return Err(DriversError::NoAttributes);
    }
    if p > MAX_ATTRIBUTES {
        return Err(DriversError::TooManyAttributes {
            got: p,
            max: MAX_ATTRIBUTES,
        });
    }
    let rows = outcome.values.len();
    let mut names: Vec<&'a str> = vec![outcome.name];
    let mut cols: Vec<&'a [Option<f64>]> = vec![outcome.values];
    for a in attributes {
        if a.values.len() != rows {
            return Err(DriversError::LengthMismatch {
                column: a.name.to_string(),
                len: a.values.len(),
                expected: rows,
            });
        }
        if names.contains(&a.name) {
            return Err(DriversError::DuplicateName(a.name.to_string()));
        }
        names.push(a.name);
        cols.push(a.values);
    }
    for (name, col) in names.iter().zip(&cols) {
        if let Some(i) = col
            .iter()
            .position(|v| matches!(v, Some(x) if !x.is_finite()))
        {
            return Err(DriversError::NotFinite {
                column: name.to_string(),
                row: i + 1,
            });
        }
    }
    let needed = p + 2;
    if missing == MissingData::Listwise {
        let used = (0..rows)
            .filter(|&i| cols.iter().all(|c| c[i].is_some()))
            .count();
        if used < needed {
            return Err(DriversError::TooFewRows { used, needed });
        }
    } else {
        let used = outcome.values.iter().filter(|v| v.is_some()).count();
        if used < needed {
            return Err(DriversError::TooFewRows { used, needed });
        }
    }
    Ok((names, cols))
}
