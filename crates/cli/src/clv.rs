use clap::Args;
use cxi_models::clv::ClvInputs;
use cxi_models::clv::FirstPayment;
use cxi_types::period::PeriodUnit;

#[derive(Debug, Args)]
pub struct ClvArgs {
    /// Margin per customer per period (currency).
    #[arg(long, allow_hyphen_values = true)]
    pub margin: f64,
    /// Retention per period, a fraction in [0,1).
    #[arg(long, allow_hyphen_values = true)]
    pub retention: f64,
    /// Discount rate per period, a fraction greater than -1.
    #[arg(long, allow_hyphen_values = true)]
    pub discount: f64,
    /// Count the payment made at time 0.
    #[arg(long)]
    pub include_first_payment: bool,
    /// Also sum only the first N payments.
    #[arg(long)]
    pub horizon: Option<u32>,
    /// Period unit the three rates refer to (reported back, not converted).
    #[arg(long, default_value = "month")]
    pub period: String,
}

pub fn run(a: &ClvArgs) -> Result<String, String> {
    let unit = PeriodUnit::from_id(&a.period).ok_or_else(|| {
        format!(
            "unknown period `{}` (day, week, month, quarter, year)",
            a.period
        )
    })?;
    let first = if a.include_first_payment {
        FirstPayment::Included
    } else {
        FirstPayment::Excluded
    };
    let inputs = ClvInputs::new(a.margin, a.retention, a.discount, unit, first)
        .map_err(|e| e.to_string())?;
    let mut out = serde_json::json!({
        "clv": inputs.clv(),
        "multiple": inputs.multiple(),
        "period": unit.id(),
        "first_payment_included": a.include_first_payment,
    });
    if let Some(h) = a.horizon {
        out["horizon"] = h.into();
        out["clv_horizon"] = inputs.clv_finite(h).map_err(|e| e.to_string())?.into();
    }
    Ok(out.to_string())
}
