//! The value of one customer of a group (own CLV, referrals, negative word
//! of mouth) and of moving customers between groups.

use super::error::{check_amount, ScoreValueError};
use crate::clv::{ClvInputs, FirstPayment};
use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

/// Per-customer economics of one group, all per model period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupEconomics {
    /// Group label (`promoter`, `csat_high`…).
    pub label: String,
    /// Probability of staying from one period to the next, in `[0, 1)`.
    pub retention: f64,
    /// Revenue per customer per period (currency).
    pub spend: f64,
    /// Cost to serve per customer per period (currency).
    pub cost_to_serve: f64,
    /// New customers brought by referral, per customer per period.
    pub referrals: f64,
    /// Prospects lost through negative word of mouth, per customer per period.
    pub negative_wom: f64,
}

/// Settings shared by all groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValueSettings {
    /// Gross margin on spend, a fraction in `[0, 1]`.
    pub margin_rate: f64,
    /// Discount rate per period, a fraction greater than −1.
    pub discount: f64,
    /// Period the rates refer to.
    pub unit: PeriodUnit,
    /// Lifetime value of one newly acquired customer (currency): what a
    /// referral brings and a lost prospect costs.
    pub new_customer_value: f64,
}

/// Value of one customer of a group, split by source (currency).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupValue {
    /// Group label.
    pub label: String,
    /// Margin per period: `spend × margin_rate − cost_to_serve`.
    pub margin_per_period: f64,
    /// Discounted expected number of active periods `(1 + d)/(1 + d − r)`.
    pub active_periods: f64,
    /// Own lifetime value: margin × active periods.
    pub own_clv: f64,
    /// Referral value: referrals × active periods × new customer value.
    pub referral_value: f64,
    /// Cost of negative word of mouth (positive number, subtracted).
    pub negative_wom_cost: f64,
    /// `own_clv + referral_value − negative_wom_cost`.
    pub total: f64,
}

impl GroupEconomics {
    /// Lifetime value of one current customer of the group, counting the
    /// current period (the customer is active when surveyed).
    ///
    /// # Formula
    /// `m = spend·margin_rate − cost_to_serve`,
    /// `A = (1 + d)/(1 + d − r)` (discounted expected active periods, Fader &
    /// Hardie 2012 eq. 1 with m = 1),
    /// `V = m·A + referrals·A·CLV_new − negative_wom·A·CLV_new`.
    pub fn value(&self, s: &ValueSettings) -> Result<GroupValue, ScoreValueError> {
        if !(0.0..=1.0).contains(&s.margin_rate) {
            return Err(ScoreValueError::MarginRate(s.margin_rate));
        }
        check_amount(&self.label, "spend", self.spend)?;
        check_amount(&self.label, "cost to serve", self.cost_to_serve)?;
        check_amount(&self.label, "referrals", self.referrals)?;
        check_amount(&self.label, "negative word of mouth", self.negative_wom)?;
        if !s.new_customer_value.is_finite() {
            return Err(ScoreValueError::BadAmount {
                group: self.label.clone(),
                field: "new customer value",
                value: s.new_customer_value,
            });
        }
        let margin = self.spend * s.margin_rate - self.cost_to_serve;
        let clv = ClvInputs::new(
            margin,
            self.retention,
            s.discount,
            s.unit,
            FirstPayment::Included,
        )
        .map_err(|error| ScoreValueError::Clv {
            group: self.label.clone(),
            error,
        })?;
        let active = clv.multiple();
        let referral_value = self.referrals * active * s.new_customer_value;
        let negative_wom_cost = self.negative_wom * active * s.new_customer_value;
        let own = clv.clv();
        Ok(GroupValue {
            label: self.label.clone(),
            margin_per_period: margin,
            active_periods: active,
            own_clv: own,
            referral_value,
            negative_wom_cost,
            total: own + referral_value - negative_wom_cost,
        })
    }
}

/// Value of moving a share of one group's customers to another.
///
/// # Formula
/// `ΔV = share × customers_from × (V_to − V_from)`.
pub fn value_of_move(
    from: &GroupValue,
    to: &GroupValue,
    customers_from: f64,
    share: f64,
) -> Result<f64, ScoreValueError> {
    if !(0.0..=1.0).contains(&share) {
        return Err(ScoreValueError::ShareOutOfRange(share));
    }
    Ok(share * customers_from * (to.total - from.total))
}

/// Value of one more NPS point for a base of `customers`, by the two ways
/// of earning it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NpsPointValue {
    /// 1 % of the base moved from detractor to passive.
    pub from_detractors: f64,
    /// 1 % of the base moved from passive to promoter.
    pub from_passives: f64,
}

/// "Value of +1 NPS point": moving 1 % of all customers up one category
/// raises NPS by exactly one point.
///
/// # Formula
/// `customers/100 × (V_passive − V_detractor)` and
/// `customers/100 × (V_promoter − V_passive)`; `values` are in the order
/// detractor, passive, promoter.
pub fn value_of_nps_point(values: &[GroupValue; 3], customers: f64) -> NpsPointValue {
    NpsPointValue {
        from_detractors: customers / 100.0 * (values[1].total - values[0].total),
        from_passives: customers / 100.0 * (values[2].total - values[1].total),
    }
}
