//! `cxi bgnbd`: fit the BG/NBD model to an RFM summary (JSON).

use super::value_input::{read_input, rfm_table, row_weights};
use clap::Args;
use cxi_models::bgnbd::fit_weighted;
use serde_json::json;

#[derive(Debug, Args)]
pub struct BgNbdArgs {
    /// RFM summary (CSV, `-` for stdin): frequency/x, recency/t_x, T, and
    /// optionally a count of identical customers per row
    /// (customers/count/n/weight).
    pub input: String,
}

pub fn run(a: &BgNbdArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let (_, rows) = rfm_table(&table, false)?;
    let weights = row_weights(&table)?;
    let ones = || vec![1.0; rows.len()];
    let f =
        fit_weighted(&rows, &weights.clone().unwrap_or_else(ones)).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    let mut out = json!({
        "r": p.r(),
        "alpha": p.alpha(),
        "a": p.a(),
        "b": p.b(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"r": s[0], "alpha": s[1], "a": s[2], "b": s[3]},
        "customers": f.customers,
    });
    if weights.is_some() {
        // Grouped rows: `customers` counts rows, this the customers they stand for.
        out["weight_total"] = json!(f.weight_total);
    }
    Ok(out.to_string())
}
