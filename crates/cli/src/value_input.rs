//! Inputs of the customer-value commands (`rfm`, `bgnbd`, `mbgnbd`,
//! `pareto-nbd`, `gamma-gamma`, `sbg`, `predict`): a path or `-` for stdin,
//! columns found by synonyms, dates, the RFM summary table and its optional
//! count column. Cells are read by the core's table
//! reader (`core::parse`), as in the app; numbers through [`super::input`].

pub use super::input::{at, numbers, texts};
use cxi_models::rfm::Day;
use cxi_models::rfm::Rfm;
use cxi_parse::read_table;
use cxi_parse::Table;
use std::io::Read;

/// Reads a file path, or standard input for `-`, into a table.
pub fn read_input(path: &str) -> Result<Table, String> {
    let bytes = read_bytes(path)?;
    read_table(&bytes).map_err(|e| format!("{path}: {e}"))
}

/// The bytes of a file path, or of standard input for `-`.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {e}"))
    }
}

/// Index of the column named by `forced` (a `--…-col` option) or by the
/// first matching synonym.
pub fn column(table: &Table, forced: Option<&str>, names: &[&str]) -> Result<usize, String> {
    match forced {
        Some(name) => table
            .find_column(&[name])
            .ok_or_else(|| format!("no column `{name}` (columns: {})", table.headers.join(", "))),
        None => table.find_column(names).ok_or_else(|| {
            format!(
                "no column `{}` (also recognised: {}; columns: {})",
                names[0],
                names[1..].join(", "),
                table.headers.join(", ")
            )
        }),
    }
}

/// Dates of a column (day/month order detected from the whole column).
pub fn dates(table: &Table, col: usize) -> Result<Vec<Day>, String> {
    table
        .dates(col)
        .map(|v| v.into_iter().map(Day::from).collect())
        .map_err(|errs| errs.first().map(|e| e.to_string()).unwrap_or_default())
}

/// An RFM summary table: columns recognised by name (`frequency`/`x`,
/// `recency`/`t_x`, `T`, `monetary_value`/`zbar`, optional `id`), checked
/// row by row with spreadsheet row numbers. `need_monetary` makes the
/// monetary column mandatory.
pub fn rfm_table(table: &Table, need_monetary: bool) -> Result<(Vec<String>, Vec<Rfm>), String> {
    let fcol = column(table, None, &["frequency", "x"])?;
    let rcol = column(table, None, &["recency", "t_x", "tx"])?;
    let tcol = column(table, None, &["T", "age"])?;
    let mcol = if need_monetary {
        Some(column(
            table,
            None,
            &["monetary_value", "zbar", "monetary", "m_x"],
        )?)
    } else {
        table.find_column(&["monetary_value", "zbar", "monetary", "m_x"])
    };
    let freq = numbers(table, fcol)?;
    let rec = numbers(table, rcol)?;
    let age = numbers(table, tcol)?;
    let mon = match mcol {
        Some(c) => numbers(table, c)?,
        None => vec![0.0; freq.len()],
    };
    let ids = match table.find_column(&["id", "customer_id", "customer", "client"]) {
        Some(c) => texts(table, c),
        None => (1..=freq.len()).map(|i| i.to_string()).collect(),
    };
    let mut rows = Vec::with_capacity(freq.len());
    for i in 0..freq.len() {
        let row = table.row_number(i) as usize;
        let f = freq[i];
        if !(f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX)) {
            return Err(format!(
                "row {row}, column \"{}\": {f} is not a whole number of repeat purchases",
                table.column_name(fcol)
            ));
        }
        let r = Rfm {
            frequency: f as u32,
            recency: rec[i],
            age: age[i],
            monetary_value: mon[i],
        };
        r.validate(row).map_err(|e| e.to_string())?;
        rows.push(r);
    }
    if rows.is_empty() {
        return Err("no customer row in the input".to_string());
    }
    Ok((ids, rows))
}

/// Names of the optional count column of a grouped RFM summary (one row
/// per distinct `(frequency, recency, T)` with the number of customers
/// sharing it, as Fader & Hardie tabulate CDNOW).
pub const COUNT_COLUMN: [&str; 4] = ["customers", "count", "n", "weight"];

/// The count column's values when the table has one: each a finite number
/// `>= 0` (a count of identical customers; 0 leaves the row out), checked
/// with spreadsheet row numbers. `None` without such a column: one
/// customer per row.
pub fn row_weights(table: &Table) -> Result<Option<Vec<f64>>, String> {
    let Some(col) = table.find_column(&COUNT_COLUMN) else {
        return Ok(None);
    };
    let w = numbers(table, col)?;
    if let Some(i) = w.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
        return Err(format!(
            "{}: {} is not a count of customers (a number >= 0)",
            at(table, i, col),
            w[i]
        ));
    }
    if w.iter().all(|v| *v == 0.0) {
        return Err(format!(
            "column \"{}\": every count is 0, no customer to fit",
            table.column_name(col)
        ));
    }
    Ok(Some(w))
}

/// Period unit from its CLI name.
pub fn unit(name: &str) -> Result<cxi_types::period::PeriodUnit, String> {
    cxi_types::period::PeriodUnit::from_id(name)
        .ok_or_else(|| format!("unknown time unit `{name}` (day, week, month, quarter, year)"))
}

/// Time convention from its CLI name.
pub fn convention(name: &str) -> Result<cxi_models::rfm::TimeConvention, String> {
    cxi_models::rfm::TimeConvention::from_id(name)
        .ok_or_else(|| format!("unknown time convention `{name}` (days, periods)"))
}
