//! One loaded table while the user works on it: read once, then edited
//! ([`Edit`]) and validated again after each change, and described to the UI
//! by a [`Report`] in the user's language.
//!
//! A [`Report`] is what the page shows and nothing more: the shape guesses,
//! the mapping, the located problems (the first [`REPORT_PROBLEMS`]), a typed
//! preview of the first rows and the [`LoadedData`] for the scenario. It is
//! serde so that a Web Worker can hold the session and send reports as JSON.

use crate::i18n::LocaleStrings;
use std::cell::OnceCell;

use crate::pages::evidence::Evidence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::loaded::{currency, digest, LoadedData, Source};
use crate::i18n::fill;
use crate::i18n::messages;
use cxi_parse::guess_shapes;
use cxi_parse::mapping::period_header;
use cxi_parse::read_table_from;
use cxi_parse::validate_with_progress;
use cxi_parse::CellProblem;
use cxi_parse::Dataset;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_parse::Field;
use cxi_parse::Mapping;
use cxi_parse::ParseError;
use cxi_parse::ReadOptions;
use cxi_parse::Role;
use cxi_parse::Shape;
use cxi_parse::ShapeGuess;
use cxi_parse::Summary;
use cxi_parse::Table;
use cxi_parse::ValidateError;
use cxi_parse::Validation;
use cxi_types::Locale;

#[cfg(feature = "spreadsheets")]
use cxi_parse::{looks_like_workbook, read_workbook, Workbook};

/// Problems listed in a report; all are counted in the summary.
pub const REPORT_PROBLEMS: usize = 100;
/// Rows of the typed preview.
pub const PREVIEW_ROWS: usize = 8;
/// Characters of a bad cell offered for editing.
const MAX_EDIT_TEXT: usize = 1000;

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

/// A loaded table and the user's choices about it.
pub struct Session {
    source: Source,
    /// The workbook the table is a sheet of, and that sheet's index.
    #[cfg(feature = "spreadsheets")]
    workbook: Option<(Workbook, usize)>,
    sheet_problem: Option<ParseError>,
    table: Table,
    guesses: Vec<ShapeGuess>,
    mapping: Mapping,
    outcome: Result<Validation, ValidateError>,
    /// The dashboard's evidence of the current outcome, computed on first
    /// use: model fits can take a good part of a second on big data, and a
    /// report is rebuilt for every language switch.
    evidence: OnceCell<Evidence>,
}

impl Session {
    /// Reads, guesses and validates `bytes`: delimited text, or (feature
    /// `spreadsheets`) a workbook, showing its first sheet with a table.
    /// `progress` gets each step with its work done and to do (bytes read,
    /// cells typed; zeros when a step does not count). A [`ParseError`]
    /// means the input cannot be used at all.
    ///
    /// The bytes become the table's text when they can (UTF-8 text without
    /// quoted cells to unquote), so that a large input is not held twice.
    pub fn open(
        bytes: Vec<u8>,
        source: Source,
        progress: &mut dyn FnMut(Stage, u64, u64),
    ) -> Result<Session, ParseError> {
        progress(Stage::Parse, 0, bytes.len() as u64);
        let mut read = |bytes: Vec<u8>| {
            read_table_from(bytes, ReadOptions::default(), &mut |done, total| {
                progress(Stage::Parse, done as u64, total as u64);
                true
            })
        };
        #[cfg(feature = "spreadsheets")]
        let (table, workbook) = if looks_like_workbook(&bytes) {
            let mut wb = read_workbook(&bytes)?;
            drop(bytes);
            let (index, table) = wb.first_table()?;
            (table, Some((wb, index)))
        } else {
            (read(bytes)?, None)
        };
        #[cfg(not(feature = "spreadsheets"))]
        let table = read(bytes)?;
        progress(Stage::Guess, 0, 0);
        let guesses = guess_shapes(&table);
        let mapping = best_mapping(&guesses, &table);
        let outcome = check(&table, &mapping, progress);
        Ok(Session {
            source,
            #[cfg(feature = "spreadsheets")]
            workbook,
            sheet_problem: None,
            table,
            guesses,
            mapping,
            outcome,
            evidence: OnceCell::new(),
        })
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// The validation, when it succeeded.
    pub fn validation(&self) -> Option<&Validation> {
        self.outcome.as_ref().ok()
    }

    /// What the scenario keeps, when validation succeeded, with its
    /// evidence (computed now if it was not yet).
    pub fn loaded(&self) -> Option<LoadedData> {
        let evidence = self.evidence()?;
        self.loaded_with(evidence)
    }

    /// The dashboard's evidence of the current outcome, computed on first
    /// call (model fits: the slow part of a large load), `None` when the
    /// table does not validate.
    pub fn evidence(&self) -> Option<Evidence> {
        let v = self.validation()?;
        Some(
            self.evidence
                .get_or_init(|| Evidence::from_dataset(&v.dataset))
                .clone(),
        )
    }

    /// Whether [`Session::report`] leaves the evidence out: the table
    /// validates and its evidence has not been computed yet.
    pub fn evidence_pending(&self) -> bool {
        self.validation().is_some() && self.evidence.get().is_none()
    }

    fn loaded_with(&self, evidence: Evidence) -> Option<LoadedData> {
        self.validation().map(|v| LoadedData {
            source: self.source.clone(),
            mapping: self.mapping.clone(),
            summary: v.summary,
            digest: digest(&v.dataset),
            currency: currency(&self.table, &self.mapping),
            evidence,
        })
    }

    /// Applies an edit and validates again. Out-of-range rows or columns
    /// are ignored: a stale report must not panic the session.
    pub fn apply(&mut self, edit: Edit) {
        self.apply_with_progress(edit, &mut |_, _, _| {});
    }

    /// [`Session::apply`], telling `progress` how checking advances.
    pub fn apply_with_progress(&mut self, edit: Edit, progress: &mut dyn FnMut(Stage, u64, u64)) {
        self.sheet_problem = None;
        let width = self.table.column_count();
        let rows = self.table.row_count();
        match edit {
            Edit::Shape { shape } => {
                let keep = (self.mapping.date_order, self.mapping.decimal);
                self.mapping = self
                    .guesses
                    .iter()
                    .find(|g| g.shape == shape)
                    .map_or_else(|| Mapping::empty(shape, width), |g| g.mapping.clone());
                (self.mapping.date_order, self.mapping.decimal) = keep;
            }
            Edit::Role { col, role } => {
                let current = self.mapping.columns.get(col).copied();
                if current.is_some_and(|cur| {
                    role_options(&self.table, self.mapping.shape, col, cur).contains(&role)
                }) {
                    self.mapping.set(col, role);
                }
            }
            Edit::DateOrder { order } => self.mapping.date_order = order,
            Edit::Decimal { decimal } => self.mapping.decimal = decimal,
            Edit::Cell { row, col, value } => {
                if row < rows && col < width {
                    self.table.set_cell(row, col, value);
                }
            }
            Edit::Exclude { row, excluded } => self.table.exclude_row(row, excluded),
            Edit::ExcludeProblemRows => {
                if let Ok(v) = &self.outcome {
                    for &r in &v.bad_rows {
                        self.table.exclude_row(r as usize, true);
                    }
                }
            }
            Edit::RestoreExcluded => {
                for r in self.table.excluded_rows() {
                    self.table.exclude_row(r as usize, false);
                }
            }
            Edit::Sheet { index } => self.switch_sheet(index),
        }
        self.outcome = check(&self.table, &self.mapping, progress);
        self.evidence = OnceCell::new();
    }

    #[cfg(feature = "spreadsheets")]
    fn switch_sheet(&mut self, index: usize) {
        let Some((wb, current)) = self.workbook.as_mut() else {
            return;
        };
        if index == *current {
            return;
        }
        match wb.sheet(index) {
            Ok(table) => {
                *current = index;
                self.guesses = guess_shapes(&table);
                self.mapping = best_mapping(&self.guesses, &table);
                self.table = table;
            }
            Err(e) => self.sheet_problem = Some(e),
        }
    }

    #[cfg(not(feature = "spreadsheets"))]
    fn switch_sheet(&mut self, _index: usize) {}

    #[cfg(feature = "spreadsheets")]
    fn sheets(&self) -> Option<Choices> {
        self.workbook.as_ref().map(|(wb, current)| Choices {
            options: wb
                .sheet_names()
                .iter()
                .enumerate()
                .map(|(i, n)| (i.to_string(), n.clone()))
                .collect(),
            selected: current.to_string(),
        })
    }

    #[cfg(not(feature = "spreadsheets"))]
    fn sheets(&self) -> Option<Choices> {
        None
    }

    /// Describes the session in `locale`, with the evidence only if it was
    /// computed already ([`Report::evidence_pending`] says so).
    pub fn report(&self, locale: Locale) -> Report {
        let t = locale.strings().data;
        let table = &self.table;
        let m = &self.mapping;
        let status = match &self.outcome {
            Ok(v) => Status::Ready(Box::new(self.ready(v, locale))),
            Err(ValidateError::DateOrderNeeded {
                column,
                example,
                day_first,
                month_first,
                col,
            }) => Status::DateOrder {
                question: t.date_question_text(&t.column_label(column, *col), example),
                day_first: fill(
                    t.day_first_answer,
                    &[("date", &t.date_long(*day_first, true))],
                ),
                month_first: fill(
                    t.month_first_answer,
                    &[("date", &t.date_long(*month_first, false))],
                ),
            },
            Err(e) => Status::Unusable {
                message: capitalise(&messages::validate_error(e, locale)),
                problems: match e {
                    ValidateError::NoUsableRows { first, .. } => first
                        .iter()
                        .map(|p| capitalise(&messages::cell_error(p, locale)))
                        .collect(),
                    _ => Vec::new(),
                },
            },
        };
        let mut shapes: Vec<Shape> = self.guesses.iter().map(|g| g.shape).collect();
        if !shapes.contains(&m.shape) {
            shapes.push(m.shape);
        }
        let detected = self.guesses.first().map_or_else(String::new, |g| {
            fill(
                t.shape_detected,
                &[
                    ("shape", &t.shape_name(g.shape).to_lowercase()),
                    ("confidence", &t.percent(g.confidence)),
                ],
            )
        });
        Report {
            source: self.source.name.clone(),
            rows: table.row_count(),
            delimiter: t.delimiter_name(table.delimiter()).to_string(),
            sheets: self.sheets(),
            sheet_problem: self
                .sheet_problem
                .as_ref()
                .map(|e| capitalise(&messages::parse_error(e, locale))),
            warnings: table
                .warnings()
                .iter()
                .map(|w| capitalise(&messages::table_warning(w, locale)))
                .collect(),
            shape: Choices {
                options: shapes
                    .iter()
                    .map(|&s| (shape_id(s).to_string(), t.shape_name(s).to_string()))
                    .collect(),
                selected: shape_id(m.shape).to_string(),
            },
            detected,
            columns: (0..table.column_count())
                .map(|c| {
                    let current = m.columns.get(c).copied().unwrap_or(Role::Ignore);
                    ColumnChoice {
                        label: t.column_label(&table.headers[c], c),
                        roles: Choices {
                            options: role_options(table, m.shape, c, current)
                                .into_iter()
                                .map(|r| (role_id(r), role_name(locale, r)))
                                .collect(),
                            selected: role_id(current),
                        },
                    }
                })
                .collect(),
            date_order: match m.date_order {
                None => "auto",
                Some(DateOrder::DayFirst) => "day_first",
                Some(DateOrder::MonthFirst) => "month_first",
            }
            .to_string(),
            decimal: match m.decimal {
                None => "auto",
                Some(DecimalSeparator::Comma) => "comma",
                Some(DecimalSeparator::Point) => "point",
            }
            .to_string(),
            status,
            excluded: table.excluded_rows().len(),
            loaded: self.loaded_with(self.evidence.get().cloned().unwrap_or_default()),
            evidence_pending: self.evidence_pending(),
        }
    }

    fn ready(&self, v: &Validation, locale: Locale) -> Ready {
        let table = &self.table;
        let problems: Vec<Problem> = v
            .problems
            .iter()
            .take(REPORT_PROBLEMS)
            .filter_map(|p| {
                let row = data_row(table, p.row)?;
                let text = table.cell(row, p.col);
                let text = match text.char_indices().nth(MAX_EDIT_TEXT) {
                    Some((i, _)) => &text[..i],
                    None => text,
                };
                Some(Problem {
                    row,
                    row_number: p.row,
                    col: p.col,
                    message: messages::cell_error(p, locale),
                    text: text.to_string(),
                    fixable: !matches!(p.problem, CellProblem::ExtraCells { .. }),
                })
            })
            .collect();
        Ready {
            summary: v.summary,
            unlisted: v.summary.problems.saturating_sub(problems.len()),
            problems,
            preview: preview(&v.dataset, &self.mapping, table, locale, PREVIEW_ROWS),
        }
    }
}

/// The best guess's mapping, or every column ignored.
fn best_mapping(guesses: &[ShapeGuess], table: &Table) -> Mapping {
    guesses.first().map_or_else(
        || Mapping::empty(Shape::Transactions, table.column_count()),
        |g| g.mapping.clone(),
    )
}

/// Validates with progress (cells typed of cells to type).
fn check(
    table: &Table,
    mapping: &Mapping,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<Validation, ValidateError> {
    progress(Stage::Validate, 0, 0);
    validate_with_progress(table, mapping, &mut |done, total| {
        progress(Stage::Validate, done as u64, total as u64);
        true
    })
}

/// A message as a sentence on its own: first letter upper case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The 0-based data row whose spreadsheet number is `number` (row numbers
/// grow with the index, so a binary search finds it).
fn data_row(table: &Table, number: u32) -> Option<usize> {
    let (mut lo, mut hi) = (0, table.row_count());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match table.row_number(mid).cmp(&number) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// The roles column `col` may take under `shape`: not used, each field of
/// the shape, an attribute rating (customer tables and surveys), a period
/// (cohort tables: the one its header names), and `current` in any case.
pub fn role_options(table: &Table, shape: Shape, col: usize, current: Role) -> Vec<Role> {
    let mut out = vec![Role::Ignore];
    out.extend(shape.fields().iter().map(|&f| Role::Field(f)));
    if matches!(shape, Shape::Customers | Shape::Survey) {
        out.push(Role::Attribute);
    }
    if shape == Shape::Cohort {
        if let Some((p, _)) = table.headers.get(col).and_then(|h| period_header(h)) {
            out.push(Role::Period(p));
        }
    }
    if !out.contains(&current) {
        out.push(current);
    }
    out
}

/// A shape as the value of an `<option>`.
pub fn shape_id(s: Shape) -> &'static str {
    match s {
        Shape::Transactions => "transactions",
        Shape::Customers => "customers",
        Shape::Survey => "survey",
        Shape::Rfm => "rfm",
        Shape::Cohort => "cohort",
    }
}

pub fn shape_from_id(id: &str) -> Option<Shape> {
    Shape::ALL.into_iter().find(|&s| shape_id(s) == id)
}

/// Every field, in the order shapes list them.
fn all_fields() -> impl Iterator<Item = Field> {
    let mut seen = Vec::new();
    for s in Shape::ALL {
        for &f in s.fields() {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
    }
    seen.into_iter()
}

fn field_id(f: Field) -> &'static str {
    match f {
        Field::CustomerId => "customer_id",
        Field::OrderDate => "order_date",
        Field::Amount => "amount",
        Field::Channel => "channel",
        Field::Segment => "segment",
        Field::Revenue => "revenue",
        Field::Margin => "margin",
        Field::AcquisitionDate => "acquisition_date",
        Field::Churned => "churned",
        Field::ChurnDate => "churn_date",
        Field::AcquisitionCost => "acquisition_cost",
        Field::Nps => "nps",
        Field::Csat => "csat",
        Field::Ces => "ces",
        Field::Frequency => "frequency",
        Field::Recency => "recency",
        Field::T => "t",
        Field::MonetaryValue => "monetary_value",
        Field::Cohort => "cohort",
    }
}

/// A role as the value of an `<option>`: `ignore`, `attribute`,
/// `period:3`, `field:customer_id`.
pub fn role_id(role: Role) -> String {
    match role {
        Role::Ignore => "ignore".into(),
        Role::Attribute => "attribute".into(),
        Role::Period(p) => format!("period:{p}"),
        Role::Field(f) => format!("field:{}", field_id(f)),
    }
}

/// The role an `<option>` value names.
pub fn role_from_id(id: &str) -> Option<Role> {
    match id {
        "ignore" => Some(Role::Ignore),
        "attribute" => Some(Role::Attribute),
        _ => {
            if let Some(p) = id.strip_prefix("period:") {
                p.parse().ok().map(Role::Period)
            } else {
                let f = id.strip_prefix("field:")?;
                all_fields().find(|&x| field_id(x) == f).map(Role::Field)
            }
        }
    }
}

/// Name of a role in `locale`.
pub fn role_name(locale: Locale, role: Role) -> String {
    let t = locale.strings().data;
    match role {
        Role::Ignore => t.role_ignore.to_string(),
        Role::Field(f) => t.field_name(f),
        Role::Attribute => t.role_attribute.to_string(),
        Role::Period(n) => fill(t.role_period, &[("n", &n.to_string())]),
    }
}

fn preview(d: &Dataset, m: &Mapping, table: &Table, locale: Locale, n: usize) -> Preview {
    let t = locale.strings().data;
    let n = n.min(d.len());
    let mut cols: Vec<(usize, String, Vec<Value>)> = Vec::new();
    let mut push = |field: Field, values: Vec<Value>| {
        if let Some(c) = m.column_of(field) {
            cols.push((c, t.field_name(field), values));
        }
    };
    let nums = |v: &[Option<f64>]| -> Vec<Value> {
        v[..n]
            .iter()
            .map(|x| x.map_or(Value::Empty, Value::Number))
            .collect()
    };
    let req_nums = |v: &[f64]| -> Vec<Value> { v[..n].iter().map(|&x| Value::Number(x)).collect() };
    let dates = |v: &[Option<NaiveDate>]| -> Vec<Value> {
        v[..n]
            .iter()
            .map(|x| x.map_or(Value::Empty, |d| Value::Date(d.to_string())))
            .collect()
    };
    let texts = |v: &[String]| -> Vec<Value> { v[..n].iter().map(|s| text(s)).collect() };
    let cats =
        |c: &cxi_parse::Categories| -> Vec<Value> { (0..n).map(|i| text(c.label(i))).collect() };
    let mut attributes: Vec<(String, Vec<Value>)> = Vec::new();
    let mut periods: Vec<Vec<Value>> = Vec::new();
    match d {
        Dataset::Transactions(x) => {
            push(
                Field::CustomerId,
                (0..n)
                    .map(|i| text(&x.customer_ids[x.customer[i] as usize]))
                    .collect(),
            );
            push(
                Field::OrderDate,
                x.date[..n]
                    .iter()
                    .map(|d| Value::Date(d.to_string()))
                    .collect(),
            );
            push(Field::Amount, req_nums(&x.amount));
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
        }
        Dataset::Customers(x) => {
            push(Field::CustomerId, texts(&x.id));
            for (f, v) in [
                (Field::Revenue, &x.revenue),
                (Field::Margin, &x.margin),
                (Field::AcquisitionCost, &x.acquisition_cost),
                (Field::Nps, &x.nps),
                (Field::Csat, &x.csat),
                (Field::Ces, &x.ces),
            ] {
                if let Some(v) = v {
                    push(f, nums(v));
                }
            }
            for (f, v) in [
                (Field::AcquisitionDate, &x.acquisition_date),
                (Field::ChurnDate, &x.churn_date),
            ] {
                if let Some(v) = v {
                    push(f, dates(v));
                }
            }
            if let Some(v) = &x.churned {
                // Without a flag column the churn date column gave it; it
                // is then not a column of its own.
                push(
                    Field::Churned,
                    v[..n]
                        .iter()
                        .map(|b| b.map_or(Value::Empty, Value::Bool))
                        .collect(),
                );
            }
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
            attributes = x
                .attributes
                .iter()
                .map(|a| (a.name.clone(), nums(&a.values)))
                .collect();
        }
        Dataset::Survey(x) => {
            if let Some(ids) = &x.customer_id {
                push(Field::CustomerId, texts(ids));
            }
            for (f, v) in [
                (Field::Nps, &x.nps),
                (Field::Csat, &x.csat),
                (Field::Ces, &x.ces),
            ] {
                if let Some(v) = v {
                    push(f, nums(v));
                }
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            attributes = x
                .attributes
                .iter()
                .map(|a| (a.name.clone(), nums(&a.values)))
                .collect();
        }
        Dataset::Rfm(x) => {
            if let Some(ids) = &x.id {
                push(Field::CustomerId, texts(ids));
            }
            push(Field::Frequency, req_nums(&x.frequency));
            push(Field::Recency, req_nums(&x.recency));
            push(Field::T, req_nums(&x.t));
            if let Some(v) = &x.monetary_value {
                push(Field::MonetaryValue, nums(v));
            }
        }
        Dataset::Cohort(x) => {
            push(Field::Cohort, texts(&x.labels));
            periods = (0..x.periods.len())
                .map(|k| {
                    x.alive[..n]
                        .iter()
                        .map(|row| {
                            row.get(k)
                                .copied()
                                .flatten()
                                .map_or(Value::Empty, Value::Number)
                        })
                        .collect()
                })
                .collect();
        }
    }
    // Attribute columns in table order match the dataset's attributes;
    // period columns sorted by (period, column) match its periods.
    let attr_cols = m
        .columns
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Role::Attribute)
        .map(|(c, _)| c);
    for (c, (_, values)) in attr_cols.zip(attributes) {
        cols.push((c, t.role_attribute.to_string(), values));
    }
    let mut period_cols: Vec<(u32, usize)> = m
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, r)| match r {
            Role::Period(p) => Some((*p, c)),
            _ => None,
        })
        .collect();
    period_cols.sort();
    for ((p, c), values) in period_cols.into_iter().zip(periods) {
        cols.push((c, fill(t.role_period, &[("n", &p.to_string())]), values));
    }
    cols.sort_by_key(|c| c.0);
    let row_numbers: &[u32] = match d {
        Dataset::Transactions(x) => &x.rows,
        Dataset::Customers(x) => &x.rows,
        Dataset::Survey(x) => &x.rows,
        Dataset::Rfm(x) => &x.rows,
        Dataset::Cohort(x) => &x.rows,
    };
    Preview {
        columns: cols
            .iter()
            .map(|(c, role, _)| (table.column_name(*c), role.clone()))
            .collect(),
        rows: (0..n)
            .map(|i| PreviewRow {
                row_number: row_numbers[i],
                cells: cols.iter().map(|(_, _, v)| v[i].clone()).collect(),
            })
            .collect(),
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Sample;
    use crate::data::SourceKind;

    fn source() -> Source {
        Source {
            name: "test".into(),
            kind: SourceKind::Paste,
            bytes: 0,
        }
    }

    fn open(csv: &str) -> Session {
        Session::open(csv.as_bytes().to_vec(), source(), &mut |_, _, _| {}).unwrap()
    }

    const FRENCH: &str = "Client\tDate de commande\tMontant\tCanal\n\
        A12\t15/03/2024\t1 234,56 €\tWeb\n\
        B07\t16/03/2024\t12,3,4\tMagasin\n\
        A12\t02/04/2024\t(45,10)\tWeb\n";

    #[test]
    fn a_french_paste_is_typed_and_its_bad_cell_located() {
        let mut stages: Vec<Stage> = Vec::new();
        let s = Session::open(
            FRENCH.as_bytes().to_vec(),
            source(),
            &mut |st, done, total| {
                assert!(done <= total || total == 0, "{st:?} {done}/{total}");
                if stages.last() != Some(&st) {
                    stages.push(st);
                }
            },
        )
        .unwrap();
        assert_eq!(stages, [Stage::Parse, Stage::Guess, Stage::Validate]);
        let r = s.report(Locale::Fr);
        assert_eq!(r.shape.selected, "transactions");
        assert_eq!(r.shape.options[0].0, "transactions");
        assert_eq!(
            r.shape.options[0].1,
            "Journal des achats (une ligne par achat)"
        );
        assert!(r.detected.contains("journal des achats"), "{}", r.detected);
        assert_eq!(r.delimiter, "tabulations");
        assert_eq!(r.columns[2].label, "Montant");
        assert_eq!(r.columns[2].roles.selected, "field:amount");
        assert!(r.columns[2]
            .roles
            .options
            .contains(&("field:amount".into(), "Montant".into())));
        let ready = r.ready().expect("validates");
        assert_eq!(ready.summary.rows_ok, 2);
        assert_eq!(ready.summary.rows_with_problems, 1);
        let p = &ready.problems[0];
        assert_eq!((p.row, p.row_number, p.col), (1, 3, 2));
        assert_eq!(
            p.message,
            "ligne 3, colonne « Montant » : « 12,3,4 » n'est pas un nombre"
        );
        assert_eq!(p.text, "12,3,4");
        // Typed preview: the two good rows, the amount as a number.
        assert_eq!(ready.preview.rows.len(), 2);
        assert_eq!(ready.preview.rows[0].row_number, 2);
        assert_eq!(ready.preview.rows[0].cells[2], Value::Number(1234.56));
        assert_eq!(ready.preview.rows[1].cells[2], Value::Number(-45.10));
        assert_eq!(
            ready.preview.rows[0].cells[1],
            Value::Date("2024-03-15".into())
        );
        assert_eq!(
            ready.preview.columns[2],
            ("Montant".into(), "Montant".into())
        );
        let loaded = r.loaded.as_ref().unwrap();
        assert_eq!(loaded.digest.customers, Some(1));
        assert_eq!(loaded.summary.rows_ok, 2);
        // "1 234,56 €": the amounts are in euros.
        assert_eq!(loaded.currency, Some(cxi_types::Currency::Eur));
    }

    #[test]
    fn fixing_and_excluding_then_validating_again() {
        let mut s = open(FRENCH);
        s.apply(Edit::Cell {
            row: 1,
            col: 2,
            value: "12,34".into(),
        });
        let r = s.report(Locale::En);
        let ready = r.ready().unwrap();
        assert_eq!(ready.summary.rows_ok, 3);
        assert!(ready.problems.is_empty());
        assert_eq!(
            r.loaded.unwrap().digest.total_amount,
            Some(1234.56 + 12.34 - 45.10)
        );

        let mut s = open(FRENCH);
        s.apply(Edit::Exclude {
            row: 1,
            excluded: true,
        });
        let r = s.report(Locale::En);
        let sum = r.ready().unwrap().summary;
        assert_eq!(
            (sum.rows_ok, sum.rows_with_problems, sum.rows_excluded),
            (2, 0, 1)
        );
        assert_eq!(r.excluded, 1);
        s.apply(Edit::RestoreExcluded);
        let r = s.report(Locale::En);
        assert_eq!(r.ready().unwrap().summary.rows_with_problems, 1);
        s.apply(Edit::ExcludeProblemRows);
        assert_eq!(s.report(Locale::En).excluded, 1);
    }

    #[test]
    fn stale_edits_do_not_panic() {
        let mut s = open(FRENCH);
        for e in [
            Edit::Cell {
                row: 99,
                col: 0,
                value: "x".into(),
            },
            Edit::Cell {
                row: 0,
                col: 99,
                value: "x".into(),
            },
            Edit::Exclude {
                row: 99,
                excluded: true,
            },
            Edit::Role {
                col: 99,
                role: Role::Ignore,
            },
            Edit::Role {
                col: 0,
                role: Role::Period(3),
            },
        ] {
            s.apply(e);
        }
        let r = s.report(Locale::En);
        assert_eq!(r.ready().unwrap().summary.rows_ok, 2);
    }

    #[test]
    fn ambiguous_dates_ask_then_validate_with_the_answer() {
        let mut s = open("customer,date,amount\nA,03/04/2024,1\nB,05/06/2024,2\n");
        let r = s.report(Locale::En);
        let Status::DateOrder {
            question,
            day_first,
            month_first,
        } = &r.status
        else {
            panic!("{:?}", r.status)
        };
        assert!(question.contains("\"03/04/2024\""), "{question}");
        assert_eq!(day_first, "Day first: 3 April 2024");
        assert_eq!(month_first, "Month first: March 4, 2024");
        assert!(r.loaded.is_none());
        s.apply(Edit::DateOrder {
            order: Some(DateOrder::MonthFirst),
        });
        let r = s.report(Locale::En);
        assert_eq!(r.date_order, "month_first");
        let ready = r.ready().unwrap();
        assert_eq!(
            ready.preview.rows[0].cells[1],
            Value::Date("2024-03-04".into())
        );
    }

    #[test]
    fn remapping_and_changing_shape() {
        let mut s = open(FRENCH);
        // Amount taken away: the log is incomplete, with a message.
        s.apply(Edit::Role {
            col: 2,
            role: Role::Ignore,
        });
        let r = s.report(Locale::En);
        assert_eq!(
            r.status,
            Status::Unusable {
                message: "A transaction log needs a column for amount".into(),
                problems: Vec::new(),
            }
        );
        assert!(s.loaded().is_none());
        s.apply(Edit::Role {
            col: 2,
            role: Role::Field(Field::Amount),
        });
        assert!(s.loaded().is_some());
        s.apply(Edit::Decimal {
            decimal: Some(DecimalSeparator::Point),
        });
        assert_eq!(s.report(Locale::En).decimal, "point");
        s.apply(Edit::Shape {
            shape: Shape::Cohort,
        });
        assert_eq!(s.mapping().shape, Shape::Cohort);
        // The user's reading choices survive a change of shape.
        assert_eq!(s.mapping().decimal, Some(DecimalSeparator::Point));
        let r = s.report(Locale::Fr);
        assert_eq!(r.shape.selected, "cohort");
        assert!(matches!(r.status, Status::Unusable { .. }));
    }

    #[test]
    fn nothing_usable_still_says_where() {
        let s = open("Client;Date;Montant\nA;15/02/2024;douze\nB;16/02/2024;12,3,4\n");
        let Status::Unusable { message, problems } = s.report(Locale::Fr).status else {
            panic!("expected an unusable table");
        };
        assert!(!message.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("Ligne 2, colonne « Montant »"),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("douze"), "{}", problems[0]);
        assert!(problems[1].starts_with("Ligne 3"), "{}", problems[1]);
        assert!(problems[1].contains("12,3,4"), "{}", problems[1]);
    }

    #[test]
    fn option_values_round_trip() {
        let t = cxi_parse::read_table(b"cohort,M0,M1\n2024-01,10,8\n").unwrap();
        for shape in Shape::ALL {
            assert_eq!(shape_from_id(shape_id(shape)), Some(shape));
            for c in 0..3 {
                for role in role_options(&t, shape, c, Role::Ignore) {
                    assert_eq!(role_from_id(&role_id(role)), Some(role), "{role:?}");
                }
            }
        }
        // The same names as the serde form of the mapping.
        for f in all_fields() {
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::String(field_id(f).into())
            );
        }
        assert_eq!(all_fields().count(), 19);
        assert!(role_options(&t, Shape::Cohort, 1, Role::Ignore).contains(&Role::Period(0)));
        assert_eq!(role_from_id("field:nope"), None);
        assert_eq!(role_from_id("period:x"), None);
        assert_eq!(shape_from_id("nope"), None);
    }

    #[test]
    fn unusable_input_is_an_error_not_a_session() {
        for input in [&b""[..], b"\x89PNG\r\n", b"only a header\n", b"a,\"b\nc"] {
            assert!(Session::open(input.to_vec(), source(), &mut |_, _, _| {}).is_err());
        }
    }

    #[test]
    fn samples_load_clean_in_both_languages() {
        for locale in Locale::ALL {
            for sample in Sample::ALL {
                let text = sample.text(locale);
                let source = sample.source(locale, text.len());
                let s = Session::open(text.into_bytes(), source, &mut |_, _, _| {}).unwrap();
                let r = s.report(locale);
                let ready = r.ready().unwrap_or_else(|| panic!("{:?}", r.status));
                assert_eq!(ready.summary.rows_with_problems, 0, "{sample:?} {locale:?}");
                assert_eq!(ready.preview.rows.len(), PREVIEW_ROWS);
                let expected = match sample {
                    Sample::Subscription => Shape::Customers,
                    Sample::Retail => Shape::Transactions,
                };
                assert_eq!(s.mapping().shape, expected);
            }
        }
    }

    #[test]
    fn reports_round_trip_through_json() {
        let s = open(FRENCH);
        for locale in Locale::ALL {
            let r = s.report(locale);
            let json = serde_json::to_string(&r).unwrap();
            let back: Report = serde_json::from_str(&json).unwrap();
            assert_eq!(back, r);
        }
        let e = Edit::Role {
            col: 1,
            role: Role::Field(Field::OrderDate),
        };
        let back: Edit = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn customer_preview_places_attributes_and_flags_under_their_columns() {
        let text = Sample::Subscription.text(Locale::En);
        let s = Session::open(text.into_bytes(), source(), &mut |_, _, _| {}).unwrap();
        let r = s.report(Locale::En);
        let p = &r.ready().unwrap().preview;
        let names: Vec<&str> = p.columns.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names[0], "Customer ID");
        assert!(names.contains(&"Ease of use"));
        let churned = names.iter().position(|n| *n == "Churned").unwrap();
        assert!(matches!(p.rows[0].cells[churned], Value::Bool(_)));
        // Columns keep the table's order.
        let headers = &s.table().headers;
        let order: Vec<usize> = p
            .columns
            .iter()
            .map(|c| headers.iter().position(|h| *h == c.0).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }
}
