//! Guessing a table's shape and mapping from its headers and, where they
//! cannot tell, its data.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::field::Field;
use super::headers::{best_score, period_header, unit_in_header};
use super::roles::{Mapping, Role};
use super::shape::Shape;

use crate::number::parse_number_with;
use crate::table::Table;
use crate::text::fold;

/// One shape's guess for a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShapeGuess {
    pub shape: Shape,
    /// From 0 (nothing fits) to 1 (every required field found by an exact
    /// header and every column explained).
    pub confidence: f64,
    pub mapping: Mapping,
}

/// Guesses for every shape, most confident first. Uses the headers, and the
/// data for two things headers cannot tell: duplicate ids (a transaction
/// log, not a customer table) and unnamed rating columns (attributes).
pub fn guess_shapes(table: &Table) -> Vec<ShapeGuess> {
    let mut out: Vec<ShapeGuess> = Shape::ALL
        .iter()
        .map(|&s| guess_for_shape(table, s))
        .collect();
    out.sort_by(|a, b| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.shape.cmp(&b.shape))
    });
    out
}

/// The best mapping of `table` for a shape the user chose.
pub fn guess_mapping(table: &Table, shape: Shape) -> Mapping {
    guess_for_shape(table, shape).mapping
}

fn guess_for_shape(table: &Table, shape: Shape) -> ShapeGuess {
    let headers: Vec<String> = table.headers.iter().map(|h| fold(h)).collect();
    let n = headers.len();
    let mut mapping = Mapping::empty(shape, n);
    let mut scores = vec![0.0; n];

    if shape == Shape::Cohort {
        let mut unit = None;
        for (c, h) in table.headers.iter().enumerate() {
            if let Some((p, u)) = period_header(h) {
                mapping.columns[c] = Role::Period(p);
                scores[c] = 1.0;
                unit = unit.or(u);
            }
        }
        mapping.period = unit;
    }

    // Every (score, field, column) pair, best first; each field and column
    // taken once.
    let mut pairs: Vec<(f64, Field, usize)> = Vec::new();
    for &f in shape.fields() {
        for (c, h) in headers.iter().enumerate().take(MAX_MATCHED_COLUMNS) {
            let s = best_score(f, h);
            if s >= 0.5 && mapping.columns[c] == Role::Ignore {
                pairs.push((s, f, c));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.2.cmp(&b.2))
            .then(a.1.cmp(&b.1))
    });
    let mut taken: Vec<Field> = Vec::new();
    for (s, f, c) in pairs {
        if mapping.columns[c] == Role::Ignore && !taken.contains(&f) {
            mapping.columns[c] = Role::Field(f);
            scores[c] = s;
            taken.push(f);
        }
    }
    // The cohort label is the first column when no header names it.
    if shape == Shape::Cohort
        && mapping.column_of(Field::Cohort).is_none()
        && n > 0
        && mapping.columns[0] == Role::Ignore
    {
        mapping.columns[0] = Role::Field(Field::Cohort);
        scores[0] = 0.5;
    }
    if shape.has_attributes() {
        for c in 0..n.min(MAX_MATCHED_COLUMNS) {
            if mapping.columns[c] == Role::Ignore
                && !headers[c].is_empty()
                && looks_like_ratings(table, c)
            {
                mapping.columns[c] = Role::Attribute;
                scores[c] = 0.8;
            }
        }
    }
    if matches!(shape, Shape::Customers) {
        mapping.period = [Field::Revenue, Field::Margin]
            .iter()
            .filter_map(|&f| mapping.column_of(f))
            .find_map(|c| unit_in_header(&headers[c]));
    }

    // Confidence: the mean over required groups of the best score found
    // (0 when missing), discounted by the share of columns left unexplained.
    let groups = shape.required();
    let mut req = 0.0;
    for g in groups {
        let best = g
            .iter()
            .filter_map(|&f| mapping.column_of(f))
            .map(|c| scores[c])
            .fold(0.0, f64::max);
        req += best;
    }
    let mut req = req / groups.len() as f64;
    if shape == Shape::Cohort {
        let periods = mapping
            .columns
            .iter()
            .filter(|r| matches!(r, Role::Period(_)))
            .count();
        if periods < 2 {
            req = 0.0;
        }
    }
    let named = headers.iter().filter(|h| !h.is_empty()).count().max(1);
    let explained = mapping
        .columns
        .iter()
        .zip(&headers)
        .filter(|(r, h)| **r != Role::Ignore && !h.is_empty())
        .count();
    let mut confidence = req * (0.7 + 0.3 * explained as f64 / named as f64);
    if mapping.check(n).is_err() {
        confidence *= 0.5;
    }
    // Data: repeated ids mean several rows per customer.
    if let Some(c) = mapping.column_of(Field::CustomerId) {
        let repeated = has_repeats(table, c);
        match (shape, repeated) {
            (Shape::Transactions, false) | (Shape::Customers | Shape::Rfm, true) => {
                confidence *= 0.6
            }
            _ => {}
        }
    }
    ShapeGuess {
        shape,
        confidence: confidence.clamp(0.0, 1.0),
        mapping,
    }
}

/// Columns past this one are left for the user to map: no shape has that
/// many, and matching every header of a 100 000-column garbage line against
/// every synonym would freeze the tab.
pub const MAX_MATCHED_COLUMNS: usize = 512;

/// Rows inspected by the data checks of shape guessing.
const SAMPLE_ROWS: usize = 2000;

fn has_repeats(table: &Table, col: usize) -> bool {
    let mut seen = HashSet::new();
    table
        .column(col)
        .take(SAMPLE_ROWS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .any(|s| !seen.insert(s))
}

/// Whole numbers from 0 to 10 (ratings on a 1–5, 1–7 or 0–10 scale).
fn looks_like_ratings(table: &Table, col: usize) -> bool {
    let mut n = 0;
    for cell in table.column(col).take(SAMPLE_ROWS) {
        if cell.trim().is_empty() {
            continue;
        }
        match parse_number_with(cell, None) {
            Ok(v) if v.fract() == 0.0 && (0.0..=10.0).contains(&v) => n += 1,
            _ => return false,
        }
    }
    n > 0
}
