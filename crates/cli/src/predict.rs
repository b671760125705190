//! `cxi predict`: per-customer P(alive), expected purchases, expected spend
//! and CLV (CSV) from an RFM summary, fitting BG/NBD and Gamma-Gamma on it.

use super::rfm::csv_field;
use super::value_input::{read_input, rfm_table, unit};
use clap::Args;
use cxi_models::bgnbd;
use cxi_models::gamma_gamma;
use cxi_models::rfm_clv;
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct PredictArgs {
    /// RFM summary (CSV, `-` for stdin) with monetary_value/zbar.
    pub input: String,
    /// Horizon, in steps (see --step).
    #[arg(long)]
    pub horizon: u32,
    /// Annual discount rate (fraction), converted to the step by compounding.
    #[arg(long, allow_hyphen_values = true)]
    pub discount: f64,
    /// Time unit of the RFM data (recency, T).
    #[arg(long, default_value = "week")]
    pub time_unit: String,
    /// Cash-flow step of the horizon: day, week, month, quarter, year.
    #[arg(long, default_value = "month")]
    pub step: String,
    /// Share of spend that is margin, in (0,1].
    #[arg(long, default_value_t = 1.0)]
    pub margin_rate: f64,
}

pub fn run(a: &PredictArgs) -> Result<String, String> {
    let settings = rfm_clv::ClvSettings::new(
        unit(&a.time_unit)?,
        unit(&a.step)?,
        a.horizon,
        a.discount,
        a.margin_rate,
    )
    .map_err(|e| e.to_string())?;
    let table = read_input(&a.input)?;
    let (ids, rows) = rfm_table(&table, true)?;
    let bg = bgnbd::fit(&rows).map_err(|e| e.to_string())?;
    let gg = gamma_gamma::fit(&rows).map_err(|e| e.to_string())?;
    let p = rfm_clv::portfolio_value(&bg.params, &gg.params, &rows, &settings)
        .map_err(|e| e.to_string())?;
    eprintln!(
        "cxi: note: {}; total CLV {:.2} over {} customers (margin rate {})",
        p.conversion,
        p.total_clv,
        rows.len(),
        a.margin_rate
    );
    let mut out = String::from("id,p_alive,expected_purchases,expected_spend,clv");
    for (id, v) in ids.iter().zip(&p.customers) {
        let _ = write!(
            out,
            "\n{},{},{},{},{}",
            csv_field(id),
            v.p_alive,
            v.expected_purchases,
            v.expected_spend,
            v.clv
        );
    }
    Ok(out)
}
