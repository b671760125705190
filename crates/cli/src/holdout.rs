//! `cxi holdout`: fit a repeat-purchase model on a log up to a calibration
//! end and compare its forecast of the holdout period with what the
//! customers did (JSON; Fader, Hardie & Lee 2005, section 4).

use super::log::{read_log, LogArgs};
use super::value_input::{convention, unit};
use clap::Args;
use cxi_models::holdout::{evaluate, split, HoldoutData};
use cxi_models::model_choice::{bic, choose, Candidate};
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
    /// Model to fit on the calibration period: bgnbd, pareto-nbd or mbgnbd;
    /// `best` fits all three, prints each one's check and the one with the
    /// lowest per-customer holdout error (MAE), the runner-up and the margin.
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
    if a.model == "best" {
        return best(&data);
    }
    Ok(fit_and_report(&a.model, &data)?.to_string())
}

/// The models `--model best` compares, in the order ties are broken.
const MODELS: [&str; 3] = ["bgnbd", "pareto-nbd", "mbgnbd"];

/// Parameters of each of [`MODELS`] (BIC's `k`).
const PARAMETERS: u32 = 4;

/// Every model's holdout report (or why it could not be fitted) and the
/// choice among those fitted (`model_choice::choose`: the lowest per-customer
/// holdout MAE).
fn best(data: &HoldoutData<String>) -> Result<String, String> {
    let mut models = serde_json::Map::new();
    let mut candidates = Vec::new();
    for name in MODELS {
        match fit_and_report(name, data) {
            Ok(mut report) => {
                let ll = report["params"]["log_likelihood"]
                    .as_f64()
                    .unwrap_or(f64::NAN);
                let mae = report["mae"].as_f64();
                report["bic"] = bic(ll, PARAMETERS, data.calibration.len() as f64).into();
                candidates.push(Candidate {
                    key: name,
                    log_likelihood: ll,
                    parameters: PARAMETERS,
                    holdout_mae: mae,
                });
                models.insert(name.into(), report);
            }
            Err(e) => {
                models.insert(name.into(), json!({ "error": e }));
            }
        }
    }
    let choice = choose(&candidates, data.calibration.len() as f64).map_err(|e| e.to_string())?;
    Ok(json!({ "models": models, "choice": choice }).to_string())
}

/// Fits `model` on the calibration period and reports its holdout check.
/// A new model joins here: fit it, then `report` its params.
fn fit_and_report(model: &str, data: &HoldoutData<String>) -> Result<Value, String> {
    match model {
        "bgnbd" => {
            let f = bgnbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "a": p.a(), "b": p.b(),
                "log_likelihood": f.log_likelihood,
            });
            report(&p, data, params)
        }
        "pareto-nbd" => {
            let f = pareto_nbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "s": p.s(), "beta": p.beta(),
                "log_likelihood": f.log_likelihood,
            });
            report(&p, data, params)
        }
        "mbgnbd" => {
            let f = mbgnbd::fit(&data.calibration).map_err(|e| e.to_string())?;
            let p = f.params;
            let params = json!({
                "r": p.r(), "alpha": p.alpha(), "a": p.a(), "b": p.b(),
                "log_likelihood": f.log_likelihood,
            });
            report(&p, data, params)
        }
        other => Err(format!(
            "unknown model `{other}` (bgnbd, pareto-nbd, mbgnbd, best)"
        )),
    }
}

/// The JSON of one model's holdout check.
fn report<M: RepeatPurchaseModel>(
    model: &M,
    data: &HoldoutData<String>,
    params: Value,
) -> Result<Value, String> {
    let r = evaluate(model, data).map_err(|e| e.to_string())?;
    let mut out = serde_json::to_value(&r).map_err(|e| e.to_string())?;
    out["params"] = params;
    out["customers"] = data.calibration.len().into();
    out["new_in_holdout"] = data.new_in_holdout.into();
    out["calibration_length"] = data.calibration_length.into();
    out["holdout_length"] = data.holdout_length.into();
    Ok(out)
}
