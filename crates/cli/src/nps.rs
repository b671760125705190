use super::input;
use clap::Args;
use cxi_models::nps::NpsCategory;
use cxi_models::nps::NpsCounts;
use cxi_models::nps::NpsEstimate;
use cxi_models::segments::nps_by_segment;
use cxi_models::stats::ConfidenceLevel;
use serde_json::{json, Value};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct NpsArgs {
    /// CSV file with one 0–10 answer per row (omit with --counts).
    pub file: Option<PathBuf>,
    /// Column holding the 0–10 answers (default: the only column, or one
    /// named nps, score, ltr or recommend).
    #[arg(long)]
    pub column: Option<String>,
    /// Column to split the results by (region, plan…).
    #[arg(long)]
    pub segment: Option<String>,
    /// Counts instead of a file: promoters,passives,detractors.
    #[arg(long, value_name = "P,PA,D")]
    pub counts: Option<String>,
    /// Confidence level of the intervals, a fraction in (0,1).
    #[arg(long, default_value_t = 0.95)]
    pub confidence: f64,
}

fn estimate_json(e: &NpsEstimate, counts: Option<&NpsCounts>) -> Value {
    let mut v = json!({
        "nps": e.nps,
        "promoters": e.promoters,
        "passives": e.passives,
        "detractors": e.detractors,
        "n": e.n,
        "ci_low": e.ci_low,
        "ci_high": e.ci_high,
        "margin_of_error": e.margin_of_error,
        "nps_adjusted": e.nps_adjusted,
        "confidence": e.confidence,
        "warnings": e.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
    });
    if let Some(c) = counts {
        v["counts"] = json!({
            "promoters": c.promoters, "passives": c.passives, "detractors": c.detractors,
        });
    }
    v
}

fn parse_counts(text: &str) -> Result<NpsCounts, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() != 3 {
        return Err(format!(
            "--counts needs three whole numbers promoters,passives,detractors: got `{text}`"
        ));
    }
    let mut n = [0u64; 3];
    for (slot, p) in n.iter_mut().zip(&parts) {
        *slot = p
            .parse()
            .map_err(|_| format!("--counts: `{p}` is not a whole number of answers (0 or more)"))?;
    }
    Ok(NpsCounts::new(n[0], n[1], n[2]))
}

pub fn run(a: &NpsArgs) -> Result<String, String> {
    let confidence = ConfidenceLevel::new(a.confidence).map_err(|e| e.to_string())?;
    if let Some(text) = &a.counts {
        if a.file.is_some() {
            return Err("give either a file or --counts, not both".into());
        }
        let c = parse_counts(text)?;
        let e = c.estimate(confidence).map_err(|e| e.to_string())?;
        return Ok(estimate_json(&e, Some(&c)).to_string());
    }
    let path = a
        .file
        .as_ref()
        .ok_or("give a CSV file of 0-10 answers, or --counts P,PA,D")?;
    let table = input::read_file(path)?;
    let col = match &a.column {
        Some(name) => input::column(&table, name)?,
        None if table.column_count() == 1 => 0,
        None => input::guess_column(&table, &["nps", "score", "ltr", "recommend", "note"])
            .ok_or_else(|| {
                format!(
                    "several columns and none named nps/score/ltr: choose one with --column ({})",
                    table.headers.join(", ")
                )
            })?,
    };
    let scores = input::numbers(&table, col)?;
    let mut counts = NpsCounts::default();
    for (r, &s) in scores.iter().enumerate() {
        match NpsCategory::of(s) {
            Some(c) => counts.add(c),
            None => {
                return Err(format!(
                    "{}: `{s}` is not an answer from 0 to 10",
                    input::at(&table, r, col)
                ))
            }
        }
    }
    let overall = counts.estimate(confidence).map_err(|e| e.to_string())?;
    let mut out = estimate_json(&overall, Some(&counts));
    if let Some(seg) = &a.segment {
        let sc = input::column(&table, seg)?;
        let labels = input::texts(&table, sc);
        let by = nps_by_segment(&scores, &labels, confidence).map_err(|e| e.to_string())?;
        out["segments"] = Value::Array(
            by.iter()
                .map(|s| {
                    let mut v = estimate_json(&s.value, None);
                    v["segment"] = json!(s.segment);
                    v
                })
                .collect(),
        );
    }
    Ok(out.to_string())
}
