//! `cxi sbg`: fit the shifted-beta-geometric model to a cohort survival
//! table (JSON).

use super::value_input::{column, numbers, read_input};
use clap::Args;
use cxi_models::sbg::compare_constant_churn;
use cxi_models::sbg::fit;
use serde_json::json;

#[derive(Debug, Args)]
pub struct SbgArgs {
    /// Survival table (CSV, `-` for stdin): columns `period` (0, 1, 2, …)
    /// and `alive` (customers of the cohort still active).
    pub input: String,
    /// Discount rate per period: adds DEL, DERL and the constant-churn comparison.
    #[arg(long, allow_hyphen_values = true)]
    pub discount: Option<f64>,
    /// Project survival and retention up to this period (default: twice the data).
    #[arg(long)]
    pub project: Option<u32>,
}

pub fn run(a: &SbgArgs) -> Result<String, String> {
    let table = read_input(&a.input)?;
    let pcol = column(&table, None, &["period", "periode", "période", "t"])?;
    let acol = column(
        &table,
        None,
        &["alive", "active", "actifs", "survivors", "customers"],
    )?;
    let periods = numbers(&table, pcol)?;
    let alive = numbers(&table, acol)?;
    let mut pairs: Vec<(f64, f64, u32)> = periods
        .iter()
        .zip(&alive)
        .enumerate()
        .map(|(i, (p, v))| (*p, *v, table.row_number(i)))
        .collect();
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
    for (k, (p, _, row)) in pairs.iter().enumerate() {
        if *p != k as f64 {
            return Err(format!(
                "row {row}, column \"{}\": period {p} where {k} was expected (periods must be 0, 1, 2, … without gaps)",
                table.column_name(pcol)
            ));
        }
    }
    let counts: Vec<f64> = pairs.iter().map(|x| x.1).collect();
    let f = fit(&counts).map_err(|e| e.to_string())?;
    let p = f.params;
    let horizon = a.project.unwrap_or(2 * f.periods as u32);
    let mut out = json!({
        "alpha": p.alpha(),
        "beta": p.beta(),
        "log_likelihood": f.log_likelihood,
        "std_errors": {"alpha": f.std_errors[0], "beta": f.std_errors[1]},
        "periods": f.periods,
        "survival": p.survival_curve(horizon),
        "retention": (1..=horizon).map(|t| p.retention(t)).collect::<Vec<_>>(),
    });
    if let Some(d) = a.discount {
        let c = compare_constant_churn(&counts, &p, d).map_err(|e| e.to_string())?;
        out["discount"] = d.into();
        out["del"] = c.sbg_del.into();
        // A customer active at the last observed period has renewed
        // `periods` times.
        out["derl_last_period"] = p
            .derl(d, f.periods as u32)
            .map_err(|e| e.to_string())?
            .into();
        out["constant_churn"] = json!({
            "retention": c.constant_retention,
            "del": c.constant_del,
            "understatement": c.understatement,
        });
    }
    Ok(out.to_string())
}
