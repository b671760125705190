//! The Business case page's part of the scenario: the programme's costs,
//! effects and band as typed (`None`: not typed), and the actions that
//! change them.

use serde::{Deserialize, Serialize};
pub(crate) const DEFAULT_ONE_OFF: f64 = 250_000.0;
pub(crate) const DEFAULT_RUNNING: f64 = 100_000.0;
pub(crate) const DEFAULT_CONTACTS: f64 = 2.0;
pub(crate) const DEFAULT_COST_PER_CONTACT: f64 = 6.0;
pub(crate) const DEFAULT_CONTACT_REDUCTION_PCT: f64 = 10.0;
pub(crate) const DEFAULT_LOW_PCT: f64 = 50.0;
pub(crate) const DEFAULT_HIGH_PCT: f64 = 150.0;

/// The assumptions of this page, part of the scenario (`None`: not typed).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessAssumptions {
    pub one_off_cost: Option<f64>,
    /// Per year.
    pub running_cost: Option<f64>,
    /// Percent per year.
    pub discount_pct: Option<f64>,
    pub years: Option<f64>,
    /// Points of annual churn.
    pub churn_reduction_pts: Option<f64>,
    /// Percent of revenue per customer.
    pub spend_uplift_pct: Option<f64>,
    /// Per customer per year.
    pub contacts_per_customer: Option<f64>,
    pub cost_per_contact: Option<f64>,
    /// Percent fewer contacts.
    pub contact_reduction_pct: Option<f64>,
    pub nps_points: Option<f64>,
    /// Percent of revenue per NPS point.
    pub revenue_per_nps_point_pct: Option<f64>,
    /// Effects of the baseline and stretch scenarios, in percent of the target's.
    pub low_effects_pct: Option<f64>,
    pub high_effects_pct: Option<f64>,
}

/// One assumption of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BusinessField {
    OneOff,
    Running,
    Discount,
    Years,
    ChurnReduction,
    SpendUplift,
    Contacts,
    CostPerContact,
    ContactReduction,
    NpsPoints,
    RevenuePerNpsPoint,
    LowEffects,
    HighEffects,
}

impl BusinessField {
    pub const ALL: [BusinessField; 13] = [
        BusinessField::OneOff,
        BusinessField::Running,
        BusinessField::Discount,
        BusinessField::Years,
        BusinessField::ChurnReduction,
        BusinessField::SpendUplift,
        BusinessField::Contacts,
        BusinessField::CostPerContact,
        BusinessField::ContactReduction,
        BusinessField::NpsPoints,
        BusinessField::RevenuePerNpsPoint,
        BusinessField::LowEffects,
        BusinessField::HighEffects,
    ];

    fn slot(self, a: &mut BusinessAssumptions) -> &mut Option<f64> {
        match self {
            BusinessField::OneOff => &mut a.one_off_cost,
            BusinessField::Running => &mut a.running_cost,
            BusinessField::Discount => &mut a.discount_pct,
            BusinessField::Years => &mut a.years,
            BusinessField::ChurnReduction => &mut a.churn_reduction_pts,
            BusinessField::SpendUplift => &mut a.spend_uplift_pct,
            BusinessField::Contacts => &mut a.contacts_per_customer,
            BusinessField::CostPerContact => &mut a.cost_per_contact,
            BusinessField::ContactReduction => &mut a.contact_reduction_pct,
            BusinessField::NpsPoints => &mut a.nps_points,
            BusinessField::RevenuePerNpsPoint => &mut a.revenue_per_nps_point_pct,
            BusinessField::LowEffects => &mut a.low_effects_pct,
            BusinessField::HighEffects => &mut a.high_effects_pct,
        }
    }

    pub(crate) fn typed(self, a: &BusinessAssumptions) -> Option<f64> {
        let mut copy = a.clone();
        *self.slot(&mut copy)
    }
}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum BusinessAction {
    Set(BusinessField, f64),
    /// Every assumption back to its default.
    Reset,
}

impl BusinessAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: BusinessAction) {
        match action {
            BusinessAction::Set(f, v) => *f.slot(self) = Some(v),
            BusinessAction::Reset => *self = BusinessAssumptions::default(),
        }
    }
}
