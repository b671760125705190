//! The page from the scenario: the churn projection, the cost of churn, CAC and payback.

use super::inputs::inputs;
use super::inputs::ChurnInputs;
use super::problems::{ChurnField, Problem};
use super::slice::ChurnSlice;
use cxi_models::acquisition::cac_by_channel;
use cxi_models::acquisition::payback_months;
use cxi_models::acquisition::payback_months_with_churn;
use cxi_models::acquisition::CacReport;
use cxi_models::churn::churn_impact;
use cxi_models::churn::ChurnImpact;
use cxi_models::clv::ClvInputs;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;

/// Everything the page shows, computed from the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnView {
    pub inputs: ChurnInputs,
    /// Every refused input, located, in the page's order.
    pub problems: Vec<(ChurnField, Problem)>,
    pub cac: Option<CacReport>,
    /// Months to recover CAC ignoring churn.
    pub payback: Option<f64>,
    /// Months with churn; `Some(None)`: never recovered.
    pub payback_with_churn: Option<Option<f64>>,
    pub ltv: Option<f64>,
    pub ltv_to_cac: Option<f64>,
    /// Over the next 12 months, at today's churn and at the target.
    pub impact: Option<ChurnImpact>,
    pub impact_target: Option<ChurnImpact>,
    /// Customers month by month, 0 ..= 12 × years: (baseline, target).
    pub projection: Vec<(f64, f64)>,
}

/// Customers month by month with constant churn and constant acquisition.
///
/// # Formula
/// `N_0 = customers`, `N_{t+1} = N_t (1 − c) + new per year / 12`.
pub fn project(customers: f64, monthly_churn: f64, new_per_year: f64, months: u32) -> Vec<f64> {
    let mut n = customers;
    let mut out = Vec::with_capacity(months as usize + 1);
    out.push(n);
    for _ in 0..months {
        n = n * (1.0 - monthly_churn) + new_per_year / 12.0;
        out.push(n);
    }
    out
}

/// Expected cumulative margin of a new customer after `n` months, margin
/// paid at the start of each month alive (the convention of
/// [`payback_months_with_churn`]).
///
/// # Formula
/// `m (1 − r^n) / (1 − r)`, `r = 1 − c`; `m n` when `c = 0`.
pub fn cumulative_margin(monthly_margin: f64, monthly_churn: f64, n: f64) -> f64 {
    if monthly_churn <= 0.0 {
        monthly_margin * n
    } else {
        let r = 1.0 - monthly_churn;
        monthly_margin * (1.0 - r.powf(n)) / monthly_churn
    }
}

/// A figure as it may be shown: a non-finite number becomes [`Figure::Missing`]
/// (a typed 1e300 times a margin overflows).
pub fn shown(f: Figure) -> Figure {
    match f {
        Figure::Text(_) | Figure::Missing => f,
        _ if f.value().is_none() => Figure::Missing,
        _ => f,
    }
}

/// Computes the page.
pub fn compute(s: &ChurnSlice) -> ChurnView {
    let inputs = inputs(s);
    let problems = inputs.problems();
    let bad = |f: fn(&ChurnField) -> bool| problems.iter().any(|(k, _)| f(k));
    let churn_ok = !bad(|k| matches!(k, ChurnField::AnnualChurn));
    let margin_ok = !bad(|k| matches!(k, ChurnField::Revenue | ChurnField::Margin));
    let cac = if bad(|k| {
        matches!(
            k,
            ChurnField::ChannelSpend(_) | ChurnField::ChannelNew(_) | ChurnField::Channels
        )
    }) {
        None
    } else {
        cac_by_channel(&inputs.channels)
            .ok()
            .filter(|r| r.blended.is_finite() && r.total_spend.is_finite())
            .map(|mut r| {
                for (_, c) in &mut r.per_channel {
                    *c = c.filter(|v| v.is_finite());
                }
                r
            })
    };
    let m = inputs.monthly_margin();
    let c = inputs.monthly_churn();
    let payback = match (&cac, margin_ok) {
        (Some(r), true) => payback_months(r.blended, m).ok().filter(|p| p.is_finite()),
        _ => None,
    };
    let payback_with_churn = match (&cac, margin_ok && churn_ok) {
        (Some(_), true) if c >= 1.0 => payback.map(|_| None),
        (Some(r), true) => payback_months_with_churn(r.blended, m, c)
            .ok()
            .filter(|p| p.is_none_or(f64::is_finite)),
        _ => None,
    };
    let ltv = match (margin_ok && churn_ok, inputs.monthly_discount) {
        (true, Some(d)) => ClvInputs::from_churn(m, c, d, PeriodUnit::Month, inputs.first_payment)
            .ok()
            .map(|i| i.clv()),
        _ => None,
    };
    let ltv_to_cac = match (ltv, &cac) {
        (Some(l), Some(r)) if r.blended > 0.0 => Some(l / r.blended).filter(|v| v.is_finite()),
        _ => None,
    };
    let customers_ok = !bad(|k| matches!(k, ChurnField::Customers));
    let impact_at = |churn: f64| {
        churn_impact(
            inputs.customers.value,
            churn,
            inputs.revenue_per_month.value,
            inputs.margin_rate(),
            12,
        )
        .ok()
        .filter(|x| x.margin_lost.is_finite() && x.revenue_lost.is_finite())
    };
    let (impact, impact_target) = if customers_ok && margin_ok && churn_ok {
        let target_ok = !bad(|k| matches!(k, ChurnField::TargetChurn));
        (
            impact_at(c),
            target_ok
                .then(|| impact_at(inputs.monthly_target_churn()))
                .flatten(),
        )
    } else {
        (None, None)
    };
    let projection = if customers_ok
        && churn_ok
        && !bad(|k| matches!(k, ChurnField::TargetChurn | ChurnField::Years))
    {
        let months = 12 * inputs.whole_years();
        let new = inputs.new_per_year();
        let b = project(inputs.customers.value, c, new, months);
        let t = project(
            inputs.customers.value,
            inputs.monthly_target_churn(),
            new,
            months,
        );
        let all: Vec<(f64, f64)> = b.into_iter().zip(t).collect();
        if all.iter().all(|(x, y)| x.is_finite() && y.is_finite()) {
            all
        } else {
            Vec::new()
        }
    } else {
        Vec::new()
    };
    ChurnView {
        inputs,
        problems,
        cac,
        payback,
        payback_with_churn,
        ltv,
        ltv_to_cac,
        impact,
        impact_target,
        projection,
    }
}
