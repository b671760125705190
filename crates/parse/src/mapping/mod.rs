//! Which shape of data a table is, and which column holds what.
//!
//! Guesses come from the headers, matched against English and French
//! synonyms after folding (case, accents, punctuation: see
//! [`fold`](super::text::fold())), and from the data where headers cannot
//! tell (duplicate customer ids mean a transaction log; small whole numbers
//! in an unnamed column are attribute ratings). Every guess is a [`Mapping`]
//! the user can edit; it is serde-serialisable for the UI state.
//!
//! The files: `shape` (the shapes and the fields each needs), `field` (the
//! fields and their header synonyms), `headers` (a header matched against
//! them), `roles` (the [`Mapping`] itself), `error` (why a mapping cannot be
//! validated), `guess` (shapes and mappings guessed from a table).

mod error;
mod field;
mod guess;
mod headers;
mod roles;
mod shape;

pub use error::MappingError;
pub use field::Field;
pub use guess::{guess_mapping, guess_shapes, ShapeGuess, MAX_MATCHED_COLUMNS};
pub use headers::{field_score, period_header};
pub use roles::{Mapping, Role};
pub use shape::Shape;

#[cfg(test)]
mod tests;
