//! Yearly cash flows, NPV, ROI and (discounted) payback of one business case.

use super::inputs::{BusinessCaseError, BusinessCaseInputs};
use serde::{Deserialize, Serialize};

/// One row of the yearly cash-flow table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    /// Year `t`, 0 (the one-off cost) to `years`.
    pub year: u32,
    /// Customers paying in year `t` without the initiative, `N_t`.
    pub customers_baseline: f64,
    /// Customers paying in year `t` with the initiative (lower churn).
    pub customers_initiative: f64,
    /// Margin rate × (revenue with the initiative − revenue without), in currency.
    pub extra_margin: f64,
    /// Support cost without the initiative minus support cost with it, in currency.
    pub support_savings: f64,
    /// `extra_margin + support_savings`.
    pub benefits: f64,
    /// Cost of the initiative this year (year 0: the one-off cost).
    pub costs: f64,
    /// `benefits − costs`, valued at year end.
    pub net_cash_flow: f64,
    /// `net_cash_flow / (1 + d)^t`.
    pub discounted_cash_flow: f64,
    /// Sum of `net_cash_flow` over years 0..=t.
    pub cumulative: f64,
    /// Sum of `discounted_cash_flow` over years 0..=t.
    pub cumulative_discounted: f64,
}

/// The appraisal of a business case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessCase {
    /// Year 0 (one-off cost) to `years`.
    pub rows: Vec<YearRow>,
    /// Net present value: sum of the discounted cash flows, `PV(benefits) − PV(costs)`.
    pub npv: f64,
    /// Present value of the benefits, in currency.
    pub pv_benefits: f64,
    /// Present value of the costs (one-off and running), in currency.
    pub pv_costs: f64,
    /// `NPV / PV(costs)`; `None` when nothing is spent.
    pub roi: Option<f64>,
    /// Years until the cumulative cash flow turns non-negative, linear
    /// within the year; `None` if not within the appraisal.
    pub payback_years: Option<f64>,
    /// Same on discounted cash flows.
    pub discounted_payback_years: Option<f64>,
}

/// Appraises a business case (see the module documentation for the model).
///
/// # Formula
/// `NPV = Σ_{t=0}^{Y} CF_t / (1 + d)^t`, `ROI = NPV / Σ_t cost_t/(1 + d)^t`,
/// payback = `t − 1 + |cum_{t−1}| / CF_t` for the first `t` with `cum_t ≥ 0`.
pub fn appraise(inputs: &BusinessCaseInputs) -> Result<BusinessCase, BusinessCaseError> {
    inputs.validate()?;
    Ok(appraise_unchecked(inputs))
}

/// [`appraise`] on inputs already validated (tornado and Monte-Carlo variants).
pub(super) fn appraise_unchecked(i: &BusinessCaseInputs) -> BusinessCase {
    let spend_factor = (1.0 + i.spend_uplift) * (1.0 + i.nps_points * i.revenue_per_nps_point);
    let churn_after = (i.annual_churn - i.churn_reduction).max(0.0);
    let contact_cost = i.contacts_per_customer * i.cost_per_contact;
    let mut rows = Vec::with_capacity(i.years as usize + 1);
    let mut cum = -i.one_off_cost;
    rows.push(YearRow {
        year: 0,
        customers_baseline: i.customers,
        customers_initiative: i.customers,
        extra_margin: 0.0,
        support_savings: 0.0,
        benefits: 0.0,
        costs: i.one_off_cost,
        net_cash_flow: -i.one_off_cost,
        discounted_cash_flow: -i.one_off_cost,
        cumulative: cum,
        cumulative_discounted: cum,
    });
    let (mut base, mut init) = (i.customers, i.customers);
    let mut cum_disc = cum;
    let (mut pv_benefits, mut pv_costs) = (0.0, i.one_off_cost);
    let mut factor = 1.0;
    for year in 1..=i.years {
        factor /= 1.0 + i.discount_rate;
        let extra_revenue =
            init * i.revenue_per_customer * spend_factor - base * i.revenue_per_customer;
        let extra_margin = i.margin_rate * extra_revenue;
        let support_savings =
            base * contact_cost - init * contact_cost * (1.0 - i.contact_reduction);
        let benefits = extra_margin + support_savings;
        let net = benefits - i.running_cost;
        cum += net;
        cum_disc += net * factor;
        pv_benefits += benefits * factor;
        pv_costs += i.running_cost * factor;
        rows.push(YearRow {
            year,
            customers_baseline: base,
            customers_initiative: init,
            extra_margin,
            support_savings,
            benefits,
            costs: i.running_cost,
            net_cash_flow: net,
            discounted_cash_flow: net * factor,
            cumulative: cum,
            cumulative_discounted: cum_disc,
        });
        base = base * (1.0 - i.annual_churn) + i.new_customers_per_year;
        init = init * (1.0 - churn_after) + i.new_customers_per_year;
    }
    let npv = cum_disc;
    BusinessCase {
        payback_years: payback(&rows, |r| r.cumulative, |r| r.net_cash_flow),
        discounted_payback_years: payback(
            &rows,
            |r| r.cumulative_discounted,
            |r| r.discounted_cash_flow,
        ),
        rows,
        npv,
        pv_benefits,
        pv_costs,
        roi: if pv_costs > 0.0 {
            Some(npv / pv_costs)
        } else {
            None
        },
    }
}

fn payback(
    rows: &[YearRow],
    cum: impl Fn(&YearRow) -> f64,
    flow: impl Fn(&YearRow) -> f64,
) -> Option<f64> {
    if cum(&rows[0]) >= 0.0 {
        return Some(0.0);
    }
    rows.windows(2).find_map(|w| {
        let (before, now) = (cum(&w[0]), cum(&w[1]));
        if before < 0.0 && now >= 0.0 {
            Some(f64::from(w[1].year) - 1.0 + (-before) / flow(&w[1]))
        } else {
            None
        }
    })
}
