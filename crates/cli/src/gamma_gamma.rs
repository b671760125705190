//! `cxi gamma-gamma`: fit the Gamma-Gamma spend model to an RFM summary (JSON).

use super::value_input::{read_input, rfm_table, row_weights};
use clap::Args;
use cxi_models::gamma_gamma::fit_weighted;
use serde_json::json;

#[derive(Debug, Args)]
pub struct GammaGammaArgs {
    /// RFM summary (CSV, `-` for stdin): frequency/x, recency/t_x, T,
    /// monetary_value/zbar, and optionally a count of identical customers
    /// per row (customers/count/n/weight).
    pub input: String,
}

pub fn run(a: &GammaGammaArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let (_, rows) = rfm_table(&table, true)?;
    let weights = row_weights(&table)?;
    let ones = || vec![1.0; rows.len()];
    let f =
        fit_weighted(&rows, &weights.clone().unwrap_or_else(ones)).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    let mut out = json!({
        "p": p.p(),
        "q": p.q(),
        "v": p.v(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"p": s[0], "q": s[1], "v": s[2]},
        "customers_used": f.customers_used,
        "excluded_no_repeat": f.excluded_no_repeat,
        "excluded_non_positive_spend": f.excluded_non_positive_spend,
        "frequency_spend_correlation": f.frequency_spend_correlation,
    });
    if weights.is_some() {
        // Grouped rows: the counts above are rows, this the customers used.
        out["weight_used"] = json!(f.weight_used);
    }
    Ok(out.to_string())
}
