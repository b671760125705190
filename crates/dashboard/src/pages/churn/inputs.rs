//! The page's inputs as resolved: typed, measured in loaded data, or defaulted, with their checks.

use super::evidence::{ChurnEvidence, MeasuredChurn};
use super::slice::ChurnSlice;
use super::state::{channels_now, MAX_YEARS};
use super::state::{
    DEFAULT_CUSTOMERS, DEFAULT_MARGIN_PCT, DEFAULT_YEARS, FALLBACK_ANNUAL_CHURN_PCT,
};
use crate::i18n::churn::ChurnStrings;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_models::acquisition::Channel;
use cxi_models::clv::FirstPayment;
use cxi_types::format;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;

/// An assumption as resolved: the value in effect, the default it falls
/// back to, and where that default comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: f64,
    pub default: f64,
    pub source: String,
}

fn resolve(typed: Option<f64>, default: f64, source: String) -> Resolved {
    Resolved {
        value: typed.unwrap_or(default),
        default,
        source,
    }
}

/// Every assumption of the page in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnInputs {
    pub customers: Resolved,
    /// Percent per year.
    pub annual_churn_pct: Resolved,
    pub target_churn_pct: Resolved,
    pub revenue_per_month: Resolved,
    pub margin_pct: Resolved,
    pub years: Resolved,
    pub channels: Vec<Channel>,
    pub channels_source: String,
    /// Per month, from the Customer value page's annual rate.
    pub monthly_discount: Option<f64>,
    pub first_payment: FirstPayment,
    /// Measured churn in use (the annual churn was not typed).
    pub measured_churn: Option<MeasuredChurn>,
}

/// The churn evidence of the loaded data, if any.
pub fn loaded<'a>(s: &ChurnSlice<'a>) -> Option<&'a ChurnEvidence> {
    s.evidence
}

/// Annual churn from a constant monthly one: `1 − (1 − c)^12`.
pub fn annual_from_monthly(c: f64) -> f64 {
    1.0 - (1.0 - c).powi(12)
}

/// Monthly churn from an annual one: `1 − (1 − a)^(1/12)`.
pub fn monthly_from_annual(a: f64) -> f64 {
    if a >= 1.0 {
        1.0
    } else {
        1.0 - (1.0 - a).powf(1.0 / 12.0)
    }
}

/// Resolves every assumption: typed, else measured, else the default.
pub fn inputs(s: &ChurnSlice) -> ChurnInputs {
    let t = s.locale.strings().churn;
    let loc = s.locale;
    let ev = loaded(s);
    let a = &s.churn;

    let customers = match ev.and_then(|e| e.customers) {
        Some(n) => resolve(a.customers, n, data_source(t, ev)),
        None => resolve(
            a.customers,
            DEFAULT_CUSTOMERS,
            t.customers_source.to_string(),
        ),
    };

    let measured = ev.and_then(|e| e.churn.clone());
    let annual_churn_pct = match &measured {
        Some(m) => resolve(
            a.annual_churn_pct,
            (10_000.0 * annual_from_monthly(m.monthly)).round() / 100.0,
            fill(
                t.data_churn,
                &[
                    ("churned", &format::number(loc, m.churned as f64, 0)),
                    ("exposure", &format::number(loc, m.exposure_months, 0)),
                    (
                        "lo",
                        &format::percent(loc, annual_from_monthly(m.monthly_low), 1),
                    ),
                    (
                        "hi",
                        &format::percent(loc, annual_from_monthly(m.monthly_high), 1),
                    ),
                ],
            ),
        ),
        None => {
            let r = s.clv.retention_pct / 100.0;
            let annual = 1.0 - r.powf(s.clv.unit.per_year());
            // Two decimals: a derived default reads as typed (45.96, not 45.963991).
            let annual_pct = if (0.0..=1.0).contains(&annual) && r < 1.0 {
                (10_000.0 * annual).round() / 100.0
            } else {
                FALLBACK_ANNUAL_CHURN_PCT
            };
            resolve(
                a.annual_churn_pct,
                annual_pct,
                fill(
                    t.baseline_source,
                    &[
                        ("retention", &format::percent(loc, r, 1)),
                        ("unit", &loc.strings().unit_name(s.clv.unit).to_lowercase()),
                        ("annual", &format::percent(loc, annual_pct / 100.0, 1)),
                    ],
                ),
            )
        }
    };
    let target_churn_pct = resolve(
        a.target_churn_pct,
        (80.0 * annual_churn_pct.value).round() / 100.0,
        t.target_source.to_string(),
    );

    let margin_pct = match ev.and_then(|e| e.margin_rate) {
        Some(m) => resolve(a.margin_pct, 100.0 * m, t.data_margin.to_string()),
        None => resolve(
            a.margin_pct,
            DEFAULT_MARGIN_PCT,
            t.margin_rate_source.to_string(),
        ),
    };
    let revenue_per_month = match ev.and_then(|e| e.revenue_per_month.as_ref()) {
        Some(r) if ev.is_some_and(|e| e.from_transactions) => {
            resolve(a.revenue_per_month, r.mean, t.data_transactions.to_string())
        }
        Some(r) => resolve(
            a.revenue_per_month,
            r.mean,
            fill(
                t.data_revenue,
                &[
                    ("n", &format::number(loc, r.n as f64, 0)),
                    ("lo", &format::money(loc, s.currency, r.low)),
                    ("hi", &format::money(loc, s.currency, r.high)),
                ],
            ),
        ),
        None => {
            let monthly_margin = s.clv.margin * s.clv.unit.per_year() / 12.0;
            let default = if monthly_margin.is_finite() && monthly_margin > 0.0 {
                monthly_margin / (DEFAULT_MARGIN_PCT / 100.0)
            } else {
                100.0
            };
            resolve(
                a.revenue_per_month,
                default,
                fill(
                    t.revenue_source,
                    &[("margin", &format::money(loc, s.currency, monthly_margin))],
                ),
            )
        }
    };
    let years = resolve(a.years, DEFAULT_YEARS, t.years_source.to_string());

    let channels_source = match ev {
        Some(e) if !e.channels.is_empty() => fill(
            t.data_channels,
            &[("months", &format::number(loc, e.channel_months, 1))],
        ),
        _ => t.channels_source.to_string(),
    };
    let first_payment = if s.clv.include_first_payment {
        FirstPayment::Included
    } else {
        FirstPayment::Excluded
    };
    ChurnInputs {
        measured_churn: if a.annual_churn_pct.is_none() {
            measured
        } else {
            None
        },
        customers,
        annual_churn_pct,
        target_churn_pct,
        revenue_per_month,
        margin_pct,
        years,
        channels: channels_now(s.churn, loaded(s), s.locale),
        channels_source,
        monthly_discount: annual_to_period_rate(
            s.clv.annual_discount_pct / 100.0,
            PeriodUnit::Month,
        ),
        first_payment,
    }
}

fn data_source(t: &ChurnStrings, ev: Option<&ChurnEvidence>) -> String {
    if ev.is_some_and(|e| e.from_transactions) {
        t.data_transactions.into()
    } else {
        t.data_customers.into()
    }
}

/// Which assumption a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChurnField {
    Customers,
    AnnualChurn,
    TargetChurn,
    Revenue,
    Margin,
    Years,
    /// A channel's spend (0-based).
    ChannelSpend(usize),
    ChannelNew(usize),
    /// The channels as a whole (no customer won).
    Channels,
}

fn non_negative(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

fn percent_ok(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

impl ChurnInputs {
    /// Every problem, located, in the page's language.
    pub fn problems(&self, t: &ChurnStrings) -> Vec<(ChurnField, String)> {
        let mut out = Vec::new();
        let mut check = |ok: bool, f: ChurnField, msg: &str| {
            if !ok {
                out.push((f, msg.to_string()));
            }
        };
        check(
            non_negative(self.customers.value),
            ChurnField::Customers,
            t.err_non_negative,
        );
        check(
            percent_ok(self.annual_churn_pct.value),
            ChurnField::AnnualChurn,
            t.err_percent,
        );
        let target = self.target_churn_pct.value;
        check(percent_ok(target), ChurnField::TargetChurn, t.err_percent);
        check(
            !(percent_ok(target) && target > self.annual_churn_pct.value),
            ChurnField::TargetChurn,
            t.err_target_above,
        );
        check(
            non_negative(self.revenue_per_month.value),
            ChurnField::Revenue,
            t.err_non_negative,
        );
        check(
            percent_ok(self.margin_pct.value),
            ChurnField::Margin,
            t.err_percent,
        );
        check(
            (1.0..=MAX_YEARS).contains(&self.years.value),
            ChurnField::Years,
            t.err_years,
        );
        for (i, c) in self.channels.iter().enumerate() {
            check(
                non_negative(c.spend),
                ChurnField::ChannelSpend(i),
                t.err_non_negative,
            );
            check(
                non_negative(c.new_customers),
                ChurnField::ChannelNew(i),
                t.err_non_negative,
            );
        }
        let won: f64 = self
            .channels
            .iter()
            .filter(|c| non_negative(c.new_customers))
            .map(|c| c.new_customers)
            .sum();
        check(won > 0.0, ChurnField::Channels, t.err_no_new);
        out
    }

    pub fn monthly_churn(&self) -> f64 {
        monthly_from_annual(self.annual_churn_pct.value / 100.0)
    }

    pub fn monthly_target_churn(&self) -> f64 {
        monthly_from_annual(self.target_churn_pct.value / 100.0)
    }

    pub fn margin_rate(&self) -> f64 {
        self.margin_pct.value / 100.0
    }

    /// Margin per customer per month.
    pub fn monthly_margin(&self) -> f64 {
        self.revenue_per_month.value * self.margin_rate()
    }

    /// Whole years of the projection, within range.
    pub fn whole_years(&self) -> u32 {
        let y = self.years.value;
        if y.is_finite() {
            y.round().clamp(1.0, MAX_YEARS) as u32
        } else {
            DEFAULT_YEARS as u32
        }
    }

    pub fn new_per_year(&self) -> f64 {
        self.channels
            .iter()
            .map(|c| c.new_customers)
            .filter(|v| non_negative(*v))
            .sum()
    }
}
