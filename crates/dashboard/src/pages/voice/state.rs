//! The NPS → revenue page's part of the scenario: the move scenario, the
//! assumed counts and economics, and the actions that change them.

use serde::{Deserialize, Serialize};

/// Longest projection offered, in years. Projections are also capped at the
/// core's 1 200 periods (about 3.3 years of days).
pub const MAX_HORIZON_YEARS: f64 = 50.0;

/// The assumptions of this page, part of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoiceAssumptions {
    /// Share of today's detractors moved to passives, in percent.
    pub detractors_to_passives_pct: f64,
    /// Share of today's passives moved to promoters, in percent.
    pub passives_to_promoters_pct: f64,
    /// Answer counts used when no data has NPS answers.
    pub detractors: f64,
    pub passives: f64,
    pub promoters: f64,
    /// Active customers the survey's shares apply to; `None` takes the
    /// loaded customer table's count, or [`DEFAULT_CUSTOMERS`].
    pub customers: Option<f64>,
    /// Average revenue per customer per period (the CLV page's period).
    pub spend: f64,
    /// Gross margin on revenue, percent.
    pub margin_rate_pct: f64,
    /// Average cost to serve per customer per period.
    pub cost_to_serve: f64,
    /// New customers brought by referral per 100 customers per year.
    pub referrals_per_100: f64,
    /// Prospects lost to negative word of mouth per 100 customers per year.
    pub lost_per_100: f64,
    /// Projection horizon in years.
    pub horizon_years: f64,
    /// How the survey is joined to the orders: the window after each
    /// answer and the rule for several answers.
    pub join: crate::data::linked::JoinChoice,
}

/// Customers assumed when neither data nor the user gives a number.
pub const DEFAULT_CUSTOMERS: f64 = 10_000.0;

impl Default for VoiceAssumptions {
    fn default() -> Self {
        // 400 answers: 100 detractors, 140 passives, 160 promoters, NPS +15.
        VoiceAssumptions {
            detractors_to_passives_pct: 10.0,
            passives_to_promoters_pct: 0.0,
            detractors: 100.0,
            passives: 140.0,
            promoters: 160.0,
            customers: None,
            spend: 100.0,
            margin_rate_pct: 55.0,
            cost_to_serve: 5.0,
            referrals_per_100: 12.0,
            lost_per_100: 6.0,
            horizon_years: 3.0,
            join: crate::data::linked::JoinChoice::default(),
        }
    }
}

/// Which assumption an action sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceKey {
    DetractorsToPassives,
    PassivesToPromoters,
    Detractors,
    Passives,
    Promoters,
    Customers,
    Spend,
    MarginRate,
    CostToServe,
    Referrals,
    Lost,
    Horizon,
}

impl VoiceKey {
    /// Every key, in the order the page checks them.
    pub const ALL: [VoiceKey; 12] = [
        VoiceKey::DetractorsToPassives,
        VoiceKey::PassivesToPromoters,
        VoiceKey::Detractors,
        VoiceKey::Passives,
        VoiceKey::Promoters,
        VoiceKey::Customers,
        VoiceKey::Spend,
        VoiceKey::MarginRate,
        VoiceKey::CostToServe,
        VoiceKey::Referrals,
        VoiceKey::Lost,
        VoiceKey::Horizon,
    ];
}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum VoiceAction {
    /// A new value, kept as typed (validated where it is used).
    Set(VoiceKey, f64),
    /// The join's window after each answer, in days, as typed.
    SetJoinWindow(f64),
    /// The join's rule for several answers of one customer.
    SetJoinRule(cxi_link::AnswerRule),
    /// The id reconciliations the user confirmed for the join.
    SetReconcile(cxi_link::Reconcile),
    /// Back to the defaults of this page.
    Reset,
}

impl VoiceAssumptions {
    /// Pure transition, called by the scenario's reducer.
    pub fn apply(&mut self, action: VoiceAction) {
        let (key, v) = match action {
            VoiceAction::Reset => {
                *self = VoiceAssumptions::default();
                return;
            }
            VoiceAction::SetJoinWindow(days) => {
                self.join.window_days = days;
                return;
            }
            VoiceAction::SetJoinRule(rule) => {
                self.join.rule = rule;
                return;
            }
            VoiceAction::SetReconcile(r) => {
                self.join.reconcile = r;
                return;
            }
            VoiceAction::Set(k, v) => (k, v),
        };
        match key {
            VoiceKey::DetractorsToPassives => self.detractors_to_passives_pct = v,
            VoiceKey::PassivesToPromoters => self.passives_to_promoters_pct = v,
            VoiceKey::Detractors => self.detractors = v,
            VoiceKey::Passives => self.passives = v,
            VoiceKey::Promoters => self.promoters = v,
            VoiceKey::Customers => self.customers = Some(v),
            VoiceKey::Spend => self.spend = v,
            VoiceKey::MarginRate => self.margin_rate_pct = v,
            VoiceKey::CostToServe => self.cost_to_serve = v,
            VoiceKey::Referrals => self.referrals_per_100 = v,
            VoiceKey::Lost => self.lost_per_100 = v,
            VoiceKey::Horizon => self.horizon_years = v,
        }
    }
}
