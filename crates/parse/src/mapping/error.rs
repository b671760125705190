//! Why a mapping cannot be validated.

use std::fmt;

use super::field::Field;
use super::shape::Shape;

/// A mapping that cannot be validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingError {
    /// The table has `columns` columns but the mapping covers `roles`.
    WrongWidth { columns: usize, roles: usize },
    /// None of these fields has a column.
    Missing { shape: Shape, fields: Vec<Field> },
    /// A field given to two columns (0-based).
    Twice { field: Field, columns: [usize; 2] },
    /// A field this shape does not use.
    NotInShape { shape: Shape, field: Field },
    /// A cohort table needs at least two period columns.
    TooFewPeriods,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingError::WrongWidth { columns, roles } => write!(
                f,
                "the mapping has {roles} column(s) but the table has {columns}"
            ),
            MappingError::Missing { shape, fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                write!(
                    f,
                    "a {} needs a column for {}",
                    shape.name(),
                    names.join(" or ")
                )
            }
            MappingError::Twice { field, columns } => write!(
                f,
                "{} is given to two columns ({} and {})",
                field.name(),
                crate::error::column_letter(columns[0]),
                crate::error::column_letter(columns[1])
            ),
            MappingError::NotInShape { shape, field } => {
                write!(f, "a {} has no {} column", shape.name(), field.name())
            }
            MappingError::TooFewPeriods => write!(
                f,
                "a cohort survival table needs at least two period columns (0, 1, ...)"
            ),
        }
    }
}

impl std::error::Error for MappingError {}
