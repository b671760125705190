//! `cxi pareto-nbd`: fit the Pareto/NBD model to an RFM summary (JSON).

use super::value_input::{read_input, rfm_table, row_weights};
use clap::Args;
use cxi_models::pareto_nbd::fit_weighted;
use serde_json::json;

#[derive(Debug, Args)]
pub struct ParetoNbdArgs {
    /// RFM summary (CSV, `-` for stdin): frequency/x, recency/t_x, T, and
    /// optionally a count of identical customers per row
    /// (customers/count/n/weight).
    pub input: String,
}

pub fn run(a: &ParetoNbdArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let (_, rows) = rfm_table(&table, false)?;
    let weights = row_weights(&table)?.unwrap_or_else(|| vec![1.0; rows.len()]);
    let f = fit_weighted(&rows, &weights).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    Ok(json!({
        "r": p.r(),
        "alpha": p.alpha(),
        "s": p.s(),
        "beta": p.beta(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"r": s[0], "alpha": s[1], "s": s[2], "beta": s[3]},
        "customers": f.customers,
        "weight_total": f.weight_total,
    })
    .to_string())
}
