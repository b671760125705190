//! The transaction log of `cxi rfm` and `cxi holdout`: the file, its
//! columns found by synonyms (or named by `--…-col`), and its rows as the
//! core's [`Transaction`]s. Fixed-width exports without a header (CDNOW's
//! `id  date  CDs  dollars`) are read with `--whitespace --columns …`.

use super::value_input::{column, dates, numbers, read_bytes, texts};
use clap::Args;
use cxi_models::rfm::{Transaction, TransactionError};
use cxi_parse::{detect_delimiter, read_table, Table};

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Transaction log (CSV/TSV, `-` for stdin): customer id, date, amount.
    pub input: String,
    /// Customer id column (default: id, customer_id, customer, client).
    #[arg(long)]
    pub id_col: Option<String>,
    /// Date column (default: date, order_date, datetime, transaction_date).
    #[arg(long)]
    pub date_col: Option<String>,
    /// Amount column (default: amount, monetary, revenue, sales, value, montant).
    #[arg(long)]
    pub amount_col: Option<String>,
    /// Cells are separated by runs of spaces or tabs (fixed-width exports);
    /// no quoting.
    #[arg(long)]
    pub whitespace: bool,
    /// The file has no header row: these comma-separated names are its
    /// columns, in order.
    #[arg(long)]
    pub columns: Option<String>,
}

/// A log read: the table (for row numbers and column names in messages),
/// its amount column, and one transaction per row.
pub struct Log {
    pub table: Table,
    pub amount_col: usize,
    pub rows: Vec<Transaction<String>>,
}

/// Reads and checks the log of `a`.
pub fn read_log(a: &LogArgs) -> Result<Log, String> {
    let bytes = read_bytes(&a.input)?;
    let bytes = if a.whitespace || a.columns.is_some() {
        reshape(bytes, a.whitespace, a.columns.as_deref())?
    } else {
        bytes
    };
    let table = read_table(&bytes).map_err(|e| format!("{}: {e}", a.input))?;
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
    let amount_col = column(
        &table,
        a.amount_col.as_deref(),
        &[
            "amount", "monetary", "revenue", "sales", "value", "montant", "price",
        ],
    )?;
    let ids = texts(&table, id);
    let days = dates(&table, date)?;
    let amounts = numbers(&table, amount_col)?;
    if let Some(i) = ids.iter().position(|s| s.is_empty()) {
        return Err(format!(
            "row {}, column \"{}\": empty customer id",
            table.row_number(i),
            table.column_name(id)
        ));
    }
    let rows = ids
        .into_iter()
        .zip(days)
        .zip(amounts)
        .map(|((customer, day), amount)| Transaction {
            customer,
            day,
            amount,
        })
        .collect();
    Ok(Log {
        table,
        amount_col,
        rows,
    })
}

impl Log {
    /// A summary error with the spreadsheet's row number and column name.
    pub fn error(&self, e: TransactionError) -> String {
        match e {
            TransactionError::AmountNotFinite { row, value } => format!(
                "row {}, column \"{}\": amount {value} is out of range",
                self.table.row_number(row - 1),
                self.table.column_name(self.amount_col)
            ),
            other => other.to_string(),
        }
    }
}

/// The text with blank runs turned into tabs and/or a header line added,
/// so the table reader sees an ordinary delimited file.
fn reshape(bytes: Vec<u8>, whitespace: bool, columns: Option<&str>) -> Result<Vec<u8>, String> {
    let text = String::from_utf8(bytes)
        .map_err(|_| "--whitespace/--columns need a UTF-8 (or ASCII) file".to_string())?;
    let body = if whitespace {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            out.push_str(&line.split_whitespace().collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
        out
    } else {
        text
    };
    let Some(names) = columns else {
        return Ok(body.into_bytes());
    };
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    if names.iter().any(|n| n.is_empty()) {
        return Err(format!(
            "--columns: an empty column name in `{}`",
            names.join(",")
        ));
    }
    let sep = if whitespace {
        '\t'
    } else {
        detect_delimiter(&body).map_or(',', |d| char::from(d.byte()))
    };
    let mut out = names.join(&sep.to_string());
    out.push('\n');
    out.push_str(&body);
    Ok(out.into_bytes())
}
