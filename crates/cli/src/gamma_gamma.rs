//! `cxi gamma-gamma`: fit the Gamma-Gamma spend model to an RFM summary (JSON).

use super::value_input::{read_input, rfm_table};
use clap::Args;
use cxi_models::gamma_gamma::fit;
use serde_json::json;

#[derive(Debug, Args)]
pub struct GammaGammaArgs {
    /// RFM summary (CSV, `-` for stdin): frequency/x, recency/t_x, T,
    /// monetary_value/zbar.
    pub input: String,
}

pub fn run(a: &GammaGammaArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let (_, rows) = rfm_table(&table, true)?;
    let f = fit(&rows).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    Ok(json!({
        "p": p.p(),
        "q": p.q(),
        "v": p.v(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"p": s[0], "q": s[1], "v": s[2]},
        "customers_used": f.customers_used,
        "excluded_no_repeat": f.excluded_no_repeat,
        "excluded_non_positive_spend": f.excluded_non_positive_spend,
        "frequency_spend_correlation": f.frequency_spend_correlation,
    })
    .to_string())
}
