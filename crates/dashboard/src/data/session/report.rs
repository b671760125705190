//! What a session tells the page: the report's types (stages, edits, choices, problems, preview, status), serde for the worker.

use crate::data::loaded::LoadedData;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_parse::Role;
use cxi_parse::Shape;
use cxi_parse::Summary;
use serde::{Deserialize, Serialize};

/// Problems listed in a report; all are counted in the summary.
pub const REPORT_PROBLEMS: usize = 100;
/// Rows of the typed preview.
pub const PREVIEW_ROWS: usize = 8;
/// Characters of a bad cell offered for editing.
pub(super) const MAX_EDIT_TEXT: usize = 1000;

/// Steps of opening a table, for progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Bytes on their way into memory (a file read in chunks).
    Read,
    /// Cutting the text into cells.
    Parse,
    /// Guessing the shape and the columns.
    Guess,
    /// Typing and checking every cell.
    Validate,
    /// Building the report.
    Report,
}

/// A change the user makes to a loaded table; the session validates again
/// after each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Another shape: its best mapping replaces the current one.
    Shape { shape: Shape },
    /// What column `col` holds.
    Role { col: usize, role: Role },
    /// Day/month order of every date column (`None`: from the data).
    DateOrder { order: Option<DateOrder> },
    /// Decimal separator of every number column (`None`: per column).
    Decimal { decimal: Option<DecimalSeparator> },
    /// A fix typed by the user; `row` is the 0-based data row.
    Cell {
        row: usize,
        col: usize,
        value: String,
    },
    /// Leave data row `row` out, or put it back.
    Exclude { row: usize, excluded: bool },
    /// Leave out every row that has a problem.
    ExcludeProblemRows,
    /// Put back every excluded row.
    RestoreExcluded,
    /// Another sheet of the workbook (0-based); its best guess replaces
    /// the mapping.
    Sheet { index: usize },
}

/// A `<select>`: its options (value, label) and the value selected.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Choices {
    pub options: Vec<(String, String)>,
    pub selected: String,
}

/// One column of the mapping editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnChoice {
    /// The header (or `column C` when empty).
    pub label: String,
    /// The roles it may take, values from [`role_id`].
    pub roles: Choices,
}

/// One located problem, ready to show and to fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// 0-based data row, for [`Edit::Cell`] and [`Edit::Exclude`].
    pub row: usize,
    /// Row number as the spreadsheet shows it (header = 1).
    pub row_number: u32,
    pub col: usize,
    /// The located message in the report's language.
    pub message: String,
    /// The cell as it is now (cut to 1000 characters), to edit in place.
    pub text: String,
    /// False when no cell value can fix it (cells past the last column).
    pub fixable: bool,
}

/// A typed value of the preview; the page formats it for its language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// ISO `2024-03-15`.
    Date(String),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row_number: u32,
    pub cells: Vec<Value>,
}

/// The first rows of the typed dataset, in the table's column order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Preview {
    /// Header of each shown column and what it was read as.
    pub columns: Vec<(String, String)>,
    pub rows: Vec<PreviewRow>,
}

/// The table validated: counts, problems and preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ready {
    pub summary: Summary,
    pub problems: Vec<Problem>,
    /// Problems counted but not listed.
    pub unlisted: usize,
    pub preview: Preview,
}

/// Where validation stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ready(Box<Ready>),
    /// Dates whose day/month order nothing tells: ask.
    DateOrder {
        question: String,
        day_first: String,
        month_first: String,
    },
    /// The mapping is incomplete, or no row can be used.
    Unusable {
        message: String,
        /// The first located problems when no row can be used, already in
        /// the user's language.
        #[serde(default)]
        problems: Vec<String>,
    },
}

/// Everything the Data page shows about a session, already in the user's
/// language: the page only lays it out (and formats preview numbers and
/// dates), so it needs neither the parser nor the text tables of its
/// messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Name of the source.
    pub source: String,
    pub rows: usize,
    /// Localised name of the delimiter found.
    pub delimiter: String,
    /// The sheets of a workbook (values are indices), `None` for text.
    pub sheets: Option<Choices>,
    /// Why the sheet asked for could not be shown (the previous one stays).
    pub sheet_problem: Option<String>,
    /// Things to know about the table (duplicate headers...).
    pub warnings: Vec<String>,
    /// The shapes, best fit first; values from [`shape_id`].
    pub shape: Choices,
    /// "Recognised as ... (92 % sure)".
    pub detected: String,
    pub columns: Vec<ColumnChoice>,
    /// `auto`, `day_first` or `month_first`.
    pub date_order: String,
    /// `auto`, `comma` or `point`.
    pub decimal: String,
    pub status: Status,
    /// Rows the user left out.
    pub excluded: usize,
    /// What the scenario keeps, when the table validated.
    pub loaded: Option<LoadedData>,
    /// `loaded` lacks its evidence (model fits), which the worker computes
    /// after sending this report and sends on its own, so the table shows
    /// while the models fit; the scenario takes `loaded` once it has come.
    #[serde(default)]
    pub evidence_pending: bool,
}

impl Report {
    pub fn ready(&self) -> Option<&Ready> {
        match &self.status {
            Status::Ready(r) => Some(r),
            _ => None,
        }
    }
}
