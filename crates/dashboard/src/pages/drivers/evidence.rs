//! What loaded data tells the Drivers page: the key-driver analyses (all
//! rows and each segment) of the outcome on the attribute ratings, never
//! the answers.

use cxi_models::drivers::key_drivers;
use cxi_models::drivers::Column;
use cxi_models::drivers::DriverAnalysis;
use cxi_models::drivers::MissingData;
use cxi_parse::Attribute;
use cxi_parse::Categories;
use cxi_parse::Dataset;
use serde::{Deserialize, Serialize};
/// The score the attributes explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Nps,
    Csat,
    Ces,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Nps => "NPS",
            Outcome::Csat => "CSAT",
            Outcome::Ces => "CES",
        }
    }
}

/// The analysis of one set of rows, or why it could not run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriversResult {
    /// `None` for all rows.
    pub segment: Option<String>,
    pub analysis: Option<DriverAnalysis>,
    /// The core's refusal, when there is no analysis.
    pub error: Option<String>,
}

/// What this page keeps from loaded data: the analyses' results, not the
/// answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriversEvidence {
    pub outcome: Outcome,
    /// All rows first, then one per segment (when there are at least two).
    pub results: Vec<DriversResult>,
}

fn run(
    outcome: Outcome,
    y: &[Option<f64>],
    attrs: &[Attribute],
) -> (Option<DriverAnalysis>, Option<String>) {
    let cols: Vec<Column<'_>> = attrs
        .iter()
        .map(|a| Column {
            name: &a.name,
            values: &a.values,
        })
        .collect();
    let out = Column {
        name: outcome.name(),
        values: y,
    };
    match key_drivers(out, &cols, MissingData::Listwise) {
        Ok(a) => (Some(a), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

fn answered(c: Option<&Vec<Option<f64>>>) -> Option<&Vec<Option<f64>>> {
    c.filter(|v| v.iter().any(|x| x.is_some()))
}

fn subset(values: &[Option<f64>], rows: &[usize]) -> Vec<Option<f64>> {
    rows.iter()
        .map(|&i| values.get(i).copied().flatten())
        .collect()
}

fn analyse(
    nps: Option<&Vec<Option<f64>>>,
    csat: Option<&Vec<Option<f64>>>,
    ces: Option<&Vec<Option<f64>>>,
    attributes: &[Attribute],
    segment: Option<&Categories>,
) -> Option<DriversEvidence> {
    if attributes.is_empty() {
        return None;
    }
    let (outcome, y) = if let Some(y) = answered(nps) {
        (Outcome::Nps, y)
    } else if let Some(y) = answered(csat) {
        (Outcome::Csat, y)
    } else {
        (Outcome::Ces, answered(ces)?)
    };
    let (analysis, error) = run(outcome, y, attributes);
    let mut results = vec![DriversResult {
        segment: None,
        analysis,
        error,
    }];
    if let Some(seg) = segment.filter(|s| s.labels.len() >= 2) {
        for (code, name) in seg.labels.iter().enumerate() {
            if name.trim().is_empty() {
                continue;
            }
            let rows: Vec<usize> = (0..seg.codes.len())
                .filter(|&i| seg.codes[i] as usize == code)
                .collect();
            let ys = subset(y, &rows);
            let attrs: Vec<Attribute> = attributes
                .iter()
                .map(|a| Attribute {
                    name: a.name.clone(),
                    values: subset(&a.values, &rows),
                })
                .collect();
            let (analysis, error) = run(outcome, &ys, &attrs);
            results.push(DriversResult {
                segment: Some(name.clone()),
                analysis,
                error,
            });
        }
    }
    Some(DriversEvidence { outcome, results })
}

/// This page's evidence from a validated dataset: a customer table or
/// survey with an outcome and at least one attribute rating.
pub fn evidence(d: &Dataset) -> Option<DriversEvidence> {
    match d {
        Dataset::Customers(c) => analyse(
            c.nps.as_ref(),
            c.csat.as_ref(),
            c.ces.as_ref(),
            &c.attributes,
            c.segment.as_ref(),
        ),
        Dataset::Survey(s) => analyse(
            s.nps.as_ref(),
            s.csat.as_ref(),
            s.ces.as_ref(),
            &s.attributes,
            s.segment.as_ref(),
        ),
        _ => None,
    }
}
