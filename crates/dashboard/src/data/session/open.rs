//! The session: a table read once, edited and validated again after each change.

use super::ids::best_mapping;
use super::ids::capitalise;
use super::ids::check;
use super::ids::data_row;
use super::ids::role_id;
use super::ids::role_name;
use super::ids::role_options;
use super::ids::shape_id;
use super::preview::preview;
use super::report::Choices;
use super::report::ColumnChoice;
use super::report::Edit;
use super::report::Problem;
use super::report::Ready;
use super::report::Report;
use super::report::Stage;
use super::report::Status;
use super::report::MAX_EDIT_TEXT;
use super::report::PREVIEW_ROWS;
use super::report::REPORT_PROBLEMS;
use crate::data::loaded::{currency, digest, LoadedData, Source};
use crate::i18n::fill;
use crate::i18n::messages;
use crate::i18n::LocaleStrings;
use crate::pages::evidence::Evidence;
use cxi_parse::guess_shapes;
use cxi_parse::read_table_from;
use cxi_parse::CellProblem;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_parse::Mapping;
use cxi_parse::ParseError;
use cxi_parse::ReadOptions;
use cxi_parse::Role;
use cxi_parse::Shape;
use cxi_parse::ShapeGuess;
use cxi_parse::Table;
use cxi_parse::ValidateError;
use cxi_parse::Validation;
#[cfg(feature = "spreadsheets")]
use cxi_parse::{looks_like_workbook, read_workbook, Workbook};
use cxi_types::Locale;
use std::cell::OnceCell;

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

    /// What this table gives a join by customer id (survey answers, CRM
    /// columns), when it validates and can be joined.
    pub fn link_inputs(&self) -> Option<super::super::linked::LinkInputs> {
        super::super::linked::inputs(&self.validation()?.dataset)
    }

    /// This table's order log joined with another table's `inputs` under
    /// the user's `choice`; `None` when this table does not validate or the
    /// choice's window is not valid.
    pub fn link(
        &self,
        inputs: &super::super::linked::LinkInputs,
        choice: &super::super::linked::JoinChoice,
    ) -> Option<Result<super::super::linked::Joined, cxi_link::LinkError>> {
        let v = self.validation()?;
        let options = inputs.options(choice)?;
        Some(super::super::linked::link(&v.dataset, inputs, &options))
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

    /// The value evidence's holdout check redone at calibration end `end`
    /// (`None`: the default split), kept in this session's evidence so
    /// later reports carry it; `None` when the table is no transaction log
    /// or its evidence was not computed yet.
    pub fn recheck_holdout(
        &mut self,
        end: Option<chrono::NaiveDate>,
    ) -> Option<crate::pages::value::holdout::HoldoutCheck> {
        let Ok(v) = &self.outcome else {
            return None;
        };
        let cxi_parse::Dataset::Transactions(t) = &v.dataset else {
            return None;
        };
        let value = self.evidence.get_mut()?.value.as_mut()?;
        let check = crate::pages::value::holdout::holdout_check(t, end, value.holdout.as_ref())?;
        std::sync::Arc::make_mut(value).holdout = Some(check.clone());
        Some(check)
    }

    /// Whether [`Session::report`] leaves the evidence out: the table
    /// validates and its evidence has not been computed yet.
    pub fn evidence_pending(&self) -> bool {
        self.validation().is_some() && self.evidence.get().is_none()
    }

    fn loaded_with(&self, evidence: Evidence) -> Option<LoadedData> {
        // The workspace names the table (`key`); a session alone does not know it.
        self.validation().map(|v| LoadedData {
            key: 0,
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
