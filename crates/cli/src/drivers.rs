use super::input;
use clap::Args;
use cxi_models::drivers::importance_performance;
use cxi_models::drivers::key_drivers;
use cxi_models::drivers::Column;
use cxi_models::drivers::ImportanceMeasure;
use cxi_models::drivers::MissingData;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DriversArgs {
    /// CSV file, one respondent per row.
    pub file: PathBuf,
    /// Outcome column (likelihood to recommend, satisfaction, churned 0/1).
    #[arg(long)]
    pub outcome: String,
    /// Attribute columns, comma-separated (default: every other column).
    #[arg(long, value_delimiter = ',')]
    pub attributes: Option<Vec<String>>,
    /// Missing answers: listwise (drop incomplete rows) or pairwise.
    #[arg(long, default_value = "listwise")]
    pub missing: String,
}

pub fn run(a: &DriversArgs) -> Result<String, String> {
    let missing = match a.missing.as_str() {
        "listwise" => MissingData::Listwise,
        "pairwise" => MissingData::Pairwise,
        other => {
            return Err(format!(
                "--missing must be listwise or pairwise: got `{other}`"
            ))
        }
    };
    let table = input::read_file(&a.file)?;
    let oc = input::column(&table, &a.outcome)?;
    let outcome = input::optional_numbers(&table, oc)?;
    let mut values = Vec::new();
    let mut names = Vec::new();
    let mut skipped = Vec::new();
    match &a.attributes {
        Some(list) => {
            for n in list {
                let c = input::column(&table, n.trim())?;
                values.push(input::optional_numbers(&table, c)?);
                names.push(table.column_name(c));
            }
        }
        // Without a list, text columns (ids, names, segments) are left out.
        None => {
            for c in (0..table.column_count()).filter(|&c| c != oc) {
                match input::optional_numbers(&table, c) {
                    Ok(v) if v.iter().any(Option::is_some) => {
                        values.push(v);
                        names.push(table.column_name(c));
                    }
                    _ => skipped.push(table.column_name(c)),
                }
            }
        }
    }
    let attrs: Vec<Column> = names
        .iter()
        .zip(&values)
        .map(|(n, v)| Column { name: n, values: v })
        .collect();
    let outcome_name = table.column_name(oc);
    let analysis = key_drivers(
        Column {
            name: &outcome_name,
            values: &outcome,
        },
        &attrs,
        missing,
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Map::new();
    let mut rescaled = Map::new();
    let mut shapley = Map::new();
    let mut signs = Map::new();
    let mut means = Map::new();
    for d in &analysis.attributes {
        raw.insert(d.name.clone(), json!(d.raw_weight));
        rescaled.insert(d.name.clone(), json!(d.rescaled));
        if let Some(s) = d.shapley {
            shapley.insert(d.name.clone(), json!(s));
        }
        signs.insert(d.name.clone(), json!(d.sign));
        means.insert(d.name.clone(), json!(d.mean));
    }
    let chart = importance_performance(&analysis, ImportanceMeasure::RelativeWeight);
    let out = json!({
        "outcome": analysis.outcome,
        "r2": analysis.r2,
        "n_used": analysis.n_used,
        "missing": analysis.missing,
        "relative_weights": raw,
        "rescaled": rescaled,
        "shapley": if shapley.is_empty() { Value::Null } else { Value::Object(shapley) },
        "signs": signs,
        "performance": means,
        "condition_number": if analysis.condition_number.is_finite() { json!(analysis.condition_number) } else { Value::Null },
        "quadrants": chart,
        "warnings": analysis.warnings,
        "skipped_columns": skipped,
    });
    Ok(out.to_string())
}
