//! `cxi rfm`: transaction log → per-customer RFM summary (CSV).

use super::value_input::{column, dates, numbers, read_input, texts, unit};
use clap::Args;
use cxi_models::rfm::summarize;
use cxi_models::rfm::Day;
use cxi_models::rfm::Transaction;
use cxi_parse::parse_date;
use std::fmt::Write;

#[derive(Debug, Args)]
pub struct RfmArgs {
    /// Transaction log (CSV/TSV, `-` for stdin): customer id, date, amount.
    pub input: String,
    /// Time unit of the summary: day, week (Monday start) or month (calendar).
    #[arg(long, default_value = "week")]
    pub time_unit: String,
    /// End of the calibration period (inclusive); default: the last date.
    #[arg(long)]
    pub calibration_end: Option<String>,
    /// Customer id column (default: id, customer_id, customer, client).
    #[arg(long)]
    pub id_col: Option<String>,
    /// Date column (default: date, order_date, datetime, transaction_date).
    #[arg(long)]
    pub date_col: Option<String>,
    /// Amount column (default: amount, monetary, revenue, sales, value, montant).
    #[arg(long)]
    pub amount_col: Option<String>,
}

pub fn run(a: &RfmArgs) -> Result<String, String> {
    let unit = unit(&a.time_unit)?;
    let end = match &a.calibration_end {
        Some(s) => Some(Day::from(
            parse_date(s).map_err(|e| format!("--calibration-end: {e}"))?,
        )),
        None => None,
    };
    let table = read_input(&a.input)?;
    let id = column(
        &table,
        a.id_col.as_deref(),
        &[
            "id",
            "customer_id",
            "customer",
            "client",
            "customer id",
            "id client",
        ],
    )?;
    let date = column(
        &table,
        a.date_col.as_deref(),
        &[
            "date",
            "order_date",
            "datetime",
            "transaction_date",
            "date commande",
        ],
    )?;
    let amount = column(
        &table,
        a.amount_col.as_deref(),
        &[
            "amount", "monetary", "revenue", "sales", "value", "montant", "price",
        ],
    )?;
    let ids = texts(&table, id);
    let days = dates(&table, date)?;
    let amounts = numbers(&table, amount)?;
    if let Some(i) = ids.iter().position(|s| s.is_empty()) {
        return Err(format!(
            "row {}, column \"{}\": empty customer id",
            table.row_number(i),
            table.column_name(id)
        ));
    }
    let rows: Vec<Transaction<String>> = ids
        .into_iter()
        .zip(days)
        .zip(amounts)
        .map(|((customer, day), amount)| Transaction {
            customer,
            day,
            amount,
        })
        .collect();
    let summary = summarize(&rows, unit, end).map_err(|e| match e {
        cxi_models::rfm::TransactionError::AmountNotFinite { row, value } => format!(
            "row {}, column \"{}\": amount {value} is out of range",
            table.row_number(row - 1),
            table.column_name(amount)
        ),
        other => other.to_string(),
    })?;
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
