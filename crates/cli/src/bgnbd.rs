//! `cxi bgnbd`: fit the BG/NBD model to an RFM summary (JSON).

use super::value_input::{read_input, rfm_table};
use clap::Args;
use cxi_models::bgnbd::fit;
use serde_json::json;

#[derive(Debug, Args)]
pub struct BgNbdArgs {
    /// RFM summary (CSV, `-` for stdin): frequency/x, recency/t_x, T.
    pub input: String,
}

pub fn run(a: &BgNbdArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let (_, rows) = rfm_table(&table, false)?;
    let f = fit(&rows).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    Ok(json!({
        "r": p.r(),
        "alpha": p.alpha(),
        "a": p.a(),
        "b": p.b(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"r": s[0], "alpha": s[1], "a": s[2], "b": s[3]},
        "customers": f.customers,
    })
    .to_string())
}
