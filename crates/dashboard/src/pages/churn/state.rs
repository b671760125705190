//! The Churn & acquisition page's part of the scenario: each assumption as
//! typed (`None` until typed), the acquisition channels, and the actions
//! that change them.

use super::evidence::ChurnEvidence;
pub use super::evidence::{DAYS_PER_MONTH, MAX_CHANNELS};
use cxi_models::acquisition::Channel;
use cxi_types::Locale;
use serde::{Deserialize, Serialize};

/// Longest projection, in years.
pub const MAX_YEARS: f64 = 50.0;
/// Built-in customers when nothing else says.
pub(crate) const DEFAULT_CUSTOMERS: f64 = 10_000.0;
pub(crate) const DEFAULT_MARGIN_PCT: f64 = 50.0;
pub(crate) const DEFAULT_YEARS: f64 = 3.0;
/// Fallback annual churn when the Customer value page's retention is not
/// usable (about its default: 95 % a month).
pub(crate) const FALLBACK_ANNUAL_CHURN_PCT: f64 = 46.0;

/// The assumptions of this page, part of the scenario: `None` means "not
/// typed", so the data or the default applies.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChurnAssumptions {
    /// Active customers today.
    pub customers: Option<f64>,
    /// Churn per year today, in percent.
    pub annual_churn_pct: Option<f64>,
    /// Churn per year the programme aims for, in percent.
    pub target_churn_pct: Option<f64>,
    /// Revenue per customer per month.
    pub revenue_per_month: Option<f64>,
    /// Contribution margin over revenue, in percent.
    pub margin_pct: Option<f64>,
    /// Projection horizon in years (also the business case's default).
    pub years: Option<f64>,
    /// Acquisition spend and new customers per year, by channel.
    pub channels: Option<Vec<Channel>>,
}

/// Every change the page can make to its assumptions.
#[derive(Debug, Clone, PartialEq)]
pub enum ChurnAction {
    SetCustomers(f64),
    SetAnnualChurnPct(f64),
    SetTargetChurnPct(f64),
    SetRevenuePerMonth(f64),
    SetMarginPct(f64),
    SetYears(f64),
    SetChannelName(usize, String),
    SetChannelSpend(usize, f64),
    SetChannelNew(usize, f64),
    AddChannel(String),
    RemoveChannel(usize),
    /// Every assumption back to the data or the default.
    Reset,
}

impl ChurnAssumptions {
    /// Pure transition, called by the scenario's reducer. `channels_now` is
    /// the list in effect (typed, measured or default): the first channel
    /// edit starts from it.
    pub fn apply(&mut self, action: ChurnAction, channels_now: Vec<Channel>) {
        let list = || self.channels.get_or_insert(channels_now);
        match action {
            ChurnAction::SetCustomers(v) => self.customers = Some(v),
            ChurnAction::SetAnnualChurnPct(v) => self.annual_churn_pct = Some(v),
            ChurnAction::SetTargetChurnPct(v) => self.target_churn_pct = Some(v),
            ChurnAction::SetRevenuePerMonth(v) => self.revenue_per_month = Some(v),
            ChurnAction::SetMarginPct(v) => self.margin_pct = Some(v),
            ChurnAction::SetYears(v) => self.years = Some(v),
            ChurnAction::SetChannelName(i, name) => {
                if let Some(c) = list().get_mut(i) {
                    c.name = name;
                }
            }
            ChurnAction::SetChannelSpend(i, v) => {
                if let Some(c) = list().get_mut(i) {
                    c.spend = v;
                }
            }
            ChurnAction::SetChannelNew(i, v) => {
                if let Some(c) = list().get_mut(i) {
                    c.new_customers = v;
                }
            }
            ChurnAction::AddChannel(name) => {
                let l = list();
                if l.len() < MAX_CHANNELS {
                    l.push(Channel {
                        name,
                        spend: 0.0,
                        new_customers: 0.0,
                    });
                }
            }
            ChurnAction::RemoveChannel(i) => {
                let l = list();
                if i < l.len() {
                    l.remove(i);
                }
            }
            ChurnAction::Reset => *self = ChurnAssumptions::default(),
        }
    }
}

pub(crate) fn default_channels(locale: Locale) -> Vec<Channel> {
    // CACs of the built-in subscription sample's channels; volumes replace
    // the ~46 % of 10,000 customers lost each year at the default churn.
    const MIX: [(&str, &str, f64, f64); 5] = [
        ("Paid search", "Search payant", 252_000.0, 1_400.0),
        ("Social ads", "Réseaux sociaux", 108_000.0, 900.0),
        ("Referral", "Parrainage", 28_000.0, 700.0),
        ("Partners", "Partenaires", 54_000.0, 600.0),
        ("Organic", "Organique", 15_000.0, 1_000.0),
    ];
    MIX.iter()
        .map(|&(en, fr, spend, n)| Channel {
            name: locale.pick(en, fr).into(),
            spend,
            new_customers: n,
        })
        .collect()
}

/// The channels in effect: typed, measured, or the illustrative mix.
pub fn channels_now(
    a: &ChurnAssumptions,
    evidence: Option<&ChurnEvidence>,
    locale: Locale,
) -> Vec<Channel> {
    if let Some(c) = &a.channels {
        return c.clone();
    }
    match evidence {
        Some(e) if !e.channels.is_empty() => e.channels.clone(),
        _ => default_channels(locale),
    }
}
