//! One loaded table while the user works on it: read once, then edited
//! ([`Edit`]) and validated again after each change, and described to the UI
//! by a [`Report`] in the user's language.
//!
//! A [`Report`] is what the page shows and nothing more: the shape guesses,
//! the mapping, the located problems (the first [`REPORT_PROBLEMS`]), a typed
//! preview of the first rows and the [`LoadedData`] for the scenario. It is
//! serde so that a Web Worker can hold the session and send reports as JSON.

mod ids;
mod open;
mod preview;
mod report;
#[cfg(test)]
mod tests;

pub use ids::{
    capitalise, role_from_id, role_id, role_name, role_options, shape_from_id, shape_id,
};
pub use open::Session;
pub use report::{
    Choices, ColumnChoice, Edit, Preview, PreviewRow, Problem, Ready, Report, Stage, Status, Value,
    PREVIEW_ROWS, REPORT_PROBLEMS,
};
