//! `cxi rfm`: transaction log → per-customer RFM summary (CSV).

use super::log::{read_log, LogArgs};
use super::value_input::{convention, unit};
use clap::Args;
use cxi_models::rfm::summarize;
use cxi_models::rfm::Day;
use cxi_parse::parse_date;
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct RfmArgs {
    #[command(flatten)]
    pub log: LogArgs,
    /// Time unit of the summary: day, week (Monday start) or month (calendar).
    #[arg(long, default_value = "week")]
    pub time_unit: String,
    /// `days`: repeat purchases on distinct days, recency and T in days ÷
    /// the unit's length (Fader, Hardie & Lee 2005); `periods`: purchases
    /// in one period merge, whole periods (lifetimes' `freq`).
    #[arg(long, default_value = "days")]
    pub time_convention: String,
    /// End of the calibration period (inclusive); default: the last date.
    #[arg(long)]
    pub calibration_end: Option<String>,
}

pub fn run(a: &RfmArgs) -> Result<String, String> {
    let unit = unit(&a.time_unit)?;
    let convention = convention(&a.time_convention)?;
    let end = match &a.calibration_end {
        Some(s) => Some(Day::from(
            parse_date(s).map_err(|e| format!("--calibration-end: {e}"))?,
        )),
        None => None,
    };
    let log = read_log(&a.log)?;
    let table = &log.table;
    let summary = summarize(&log.rows, unit, convention, end).map_err(|e| log.error(e))?;
    let r = &summary.report;
    let mut notes = Vec::new();
    if r.negative_amount_rows > 0 {
        let at: Vec<String> = r
            .first_negative_rows
            .iter()
            .map(|i| table.row_number(i - 1).to_string())
            .collect();
        notes.push(format!(
            "{} negative amount(s) (returns, total {}) left out, rows {}{}",
            r.negative_amount_rows,
            r.negative_amount_total,
            at.join(", "),
            if r.negative_amount_rows > at.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    if r.zero_amount_rows > 0 {
        notes.push(format!(
            "{} zero amount(s) kept as purchases",
            r.zero_amount_rows
        ));
    }
    if r.rows_after_end > 0 {
        notes.push(format!(
            "{} row(s) after the calibration end {} left out",
            r.rows_after_end, r.observation_end
        ));
    }
    if r.customers_without_purchase > 0 {
        notes.push(format!(
            "{} customer(s) with no purchase in the window left out",
            r.customers_without_purchase
        ));
    }
    if !notes.is_empty() {
        eprintln!("cxi: note: {}", notes.join("; "));
    }
    let mut out = String::from("id,frequency,recency,T,monetary_value");
    for (id, c) in &summary.customers {
        let _ = write!(
            out,
            "\n{},{},{},{},{}",
            csv_field(id),
            c.frequency,
            c.recency,
            c.age,
            c.monetary_value
        );
    }
    Ok(out)
}

/// Quotes a CSV field when it holds a delimiter, quote or line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
