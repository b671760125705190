//! Stable ids and names of shapes, fields and roles, the best mapping and the checks behind a report.

use super::report::Stage;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_parse::mapping::period_header;
use cxi_parse::validate_with_progress;
use cxi_parse::Field;
use cxi_parse::Mapping;
use cxi_parse::Role;
use cxi_parse::Shape;
use cxi_parse::ShapeGuess;
use cxi_parse::Table;
use cxi_parse::ValidateError;
use cxi_parse::Validation;
use cxi_types::Locale;

/// The best guess's mapping, or every column ignored.
pub(super) fn best_mapping(guesses: &[ShapeGuess], table: &Table) -> Mapping {
    guesses.first().map_or_else(
        || Mapping::empty(Shape::Transactions, table.column_count()),
        |g| g.mapping.clone(),
    )
}

/// Validates with progress (cells typed of cells to type).
pub(super) fn check(
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
pub(super) fn data_row(table: &Table, number: u32) -> Option<usize> {
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
pub(super) fn all_fields() -> impl Iterator<Item = Field> {
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

pub(super) fn field_id(f: Field) -> &'static str {
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
        Field::Contacts => "contacts",
        Field::AnswerDate => "answer_date",
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
