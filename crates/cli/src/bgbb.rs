//! `cxi bgbb`: fit the discrete-time BG/BB model (Fader, Hardie & Shang
//! 2010) to a grouped summary of histories (JSON).

use super::value_input::{column, numbers, read_input};
use clap::Args;
use cxi_models::bgbb::{fit, BgBbRow};
use serde_json::json;

#[derive(Debug, Args)]
pub struct BgBbArgs {
    /// Summary (CSV, `-` for stdin): `frequency`, `recency` (opportunity of
    /// the last transaction), `periods` (opportunities observed) and
    /// optionally a count of customers per row (`weights`, `count`,
    /// `customers` or `n`; default 1).
    pub input: String,
}

pub fn run(a: &BgBbArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let fcol = column(&table, None, &["frequency", "x"])?;
    let rcol = column(&table, None, &["recency", "t_x", "tx"])?;
    let pcol = column(&table, None, &["periods", "opportunities"])?;
    let ccol = table.find_column(&["weights", "weight", "count", "customers", "n"]);
    let whole = |col: usize| -> Result<Vec<u32>, String> {
        numbers(&table, col)?
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) {
                    Ok(v as u32)
                } else {
                    Err(format!(
                        "row {}, column \"{}\": {v} is not a whole number >= 0",
                        table.row_number(i),
                        table.column_name(col)
                    ))
                }
            })
            .collect()
    };
    let (x, t_x, n) = (whole(fcol)?, whole(rcol)?, whole(pcol)?);
    let counts = match ccol {
        Some(c) => numbers(&table, c)?,
        None => vec![1.0; x.len()],
    };
    let rows: Vec<BgBbRow> = (0..x.len())
        .map(|i| BgBbRow {
            frequency: x[i],
            recency: t_x[i],
            periods: n[i],
            count: counts[i],
        })
        .collect();
    // Row errors name the spreadsheet row, not the position in the data.
    for (i, r) in rows.iter().enumerate() {
        r.validate(table.row_number(i) as usize)
            .map_err(|e| e.to_string())?;
    }
    let f = fit(&rows).map_err(|e| e.to_string())?;
    let p = f.params;
    let s = f.std_errors;
    Ok(json!({
        "alpha": p.alpha(),
        "beta": p.beta(),
        "gamma": p.gamma(),
        "delta": p.delta(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"alpha": s[0], "beta": s[1], "gamma": s[2], "delta": s[3]},
        "customers": f.customers,
    })
    .to_string())
}
