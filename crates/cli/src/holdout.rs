//! `cxi holdout`: fit a repeat-purchase model on a log up to a calibration
//! end and compare its forecast of the holdout period with what the
//! customers did (JSON; Fader, Hardie & Lee 2005, section 4).

use super::log::{read_log, LogArgs};
use super::value_input::{convention, unit};
use clap::Args;
use cxi_models::holdout::{evaluate, split, HoldoutData};
use cxi_models::purchase::RepeatPurchaseModel;
use cxi_models::rfm::Day;
use cxi_models::{bgnbd, mbgnbd, pareto_nbd};
use cxi_parse::parse_date;
use serde_json::{json, Value};

#[derive(Debug, Args)]
pub struct HoldoutArgs {
    #[command(flatten)]
    pub log: LogArgs,
    /// Last day of the calibration period (inclusive).
    #[arg(long)]
    pub calibration_end: String,
    /// Last day of the holdout period; default: the last date of the log.
    #[arg(long)]
    pub holdout_end: Option<String>,
    /// Model time unit: day, week or month.
    #[arg(long, default_value = "week")]
    pub time_unit: String,
    /// `days` (distinct purchase days, the default) or `periods`, as `cxi rfm`.
    #[arg(long, default_value = "days")]
    pub time_convention: String,
    /// Model to fit on the calibration period: bgnbd, pareto-nbd or mbgnbd.
    #[arg(long, default_value = "bgnbd")]
    pub model: String,
}

fn day(option: &str, s: &str) -> Result<Day, String> {
    Ok(Day::from(
        parse_date(s).map_err(|e| format!("--{option}: {e}"))?,
    ))
}

pub fn run(a: &HoldoutArgs) -> Result<String, String> {
    let unit = unit(&a.time_unit)?;
    let convention = convention(&a.time_convention)?;
    let end = day("calibration-end", &a.calibration_end)?;
    let holdout_end = match &a.holdout_end {
        Some(s) => Some(day("holdout-end", s)?),
        None => None,
    };
    let log = read_log(&a.log)?;
    let data = split(&log.rows, unit, convention, end, holdout_end).map_err(|e| match e {
        cxi_models::holdout::HoldoutError::Log(e) => log.error(e),
        other => other.to_string(),
    })?;
    // A new model joins here: fit it, then `report` its params.
    let (model, params) = match a.model.as_str() {
        "bgnbd" => {
            let f = bgnbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "a": p.a(), "b": p.b(),
                "log_likelihood": f.log_likelihood,
            });
            (p, params)
        }
        "pareto-nbd" => {
            let f = pareto_nbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "s": p.s(), "beta": p.beta(),
                "log_likelihood": f.log_likelihood,
            });
            return report(&p, &data, params);
        }
        "mbgnbd" => {
            let f = mbgnbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "a": p.a(), "b": p.b(),
                "log_likelihood": f.log_likelihood,
            });
            return report(&p, &data, params);
        }
        other => {
            return Err(format!(
                "unknown model `{other}` (bgnbd, pareto-nbd, mbgnbd)"
            ))
        }
    };
    report(&model, &data, params)
}

/// The JSON of one model's holdout check.
fn report<M: RepeatPurchaseModel>(
    model: &M,
    data: &HoldoutData<String>,
    params: Value,
) -> Result<String, String> {
    let r = evaluate(model, data).map_err(|e| e.to_string())?;
    let mut out = serde_json::to_value(&r).map_err(|e| e.to_string())?;
    out["params"] = params;
    out["customers"] = data.calibration.len().into();
    out["new_in_holdout"] = data.new_in_holdout.into();
    out["calibration_length"] = data.calibration_length.into();
    out["holdout_length"] = data.holdout_length.into();
    Ok(out.to_string())
}
