//! The page's inputs as resolved: typed, measured in loaded data, or
//! defaulted, each with where its default comes from (as numbers: the
//! words are the page's `words` step).

use super::evidence::{ChurnEvidence, MeasuredChurn};
use super::slice::ChurnSlice;
use super::state::MAX_YEARS;
use super::state::{
    DEFAULT_CUSTOMERS, DEFAULT_MARGIN_PCT, DEFAULT_YEARS, FALLBACK_ANNUAL_CHURN_PCT,
};
use cxi_models::acquisition::Channel;
use cxi_models::clv::FirstPayment;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;

/// Where a default comes from: measured in loaded data, or the page's own.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Measured in the loaded data.
    Measured(Measured),
    /// Built in, or taken from another page.
    Default(DefaultSource),
}

/// What loaded data measured, with the numbers its sentence quotes.
#[derive(Debug, Clone, PartialEq)]
pub enum Measured {
    /// Customers of a customer table without a churn.
    Customers,
    /// A transaction log's customers and spend of its last 12 months.
    Transactions,
    /// Churns over customer-months, with the 95 % interval as annual
    /// churn (fractions).
    Churn {
        churned: u64,
        exposure_months: f64,
        annual_low: f64,
        annual_high: f64,
    },
    /// Mean revenue of `n` active customers, with its 95 % interval
    /// (money per month).
    Revenue { n: u64, low: f64, high: f64 },
    /// Total margin over total revenue.
    Margin,
    /// Acquisition per channel over `months` months, scaled to a year.
    Channels { months: f64 },
}

/// A default of the page's own, or one taken from the Customer value page.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultSource {
    /// An illustrative mid-market customer base.
    IllustrativeBase,
    /// The Customer value page's retention (a fraction per `unit`) as
    /// annual churn (in percent).
    Retention {
        retention: f64,
        unit: PeriodUnit,
        annual_pct: f64,
    },
    /// A fifth less churn than today.
    FifthLess,
    /// The Customer value page's margin per month at the default margin rate.
    ClvMargin { monthly_margin: f64 },
    /// An illustrative 50 % margin rate.
    IllustrativeMargin,
    /// Three years, the usual business-case horizon.
    ThreeYears,
    /// An illustrative channel mix at the built-in sample's acquisition costs.
    IllustrativeChannels,
}

/// An assumption as resolved: the value in effect, the default it falls
/// back to, and where that default comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: f64,
    pub default: f64,
    /// Where the default comes from (shown even when a value is typed).
    pub source: Source,
}

fn resolve(typed: Option<f64>, default: f64, source: Source) -> Resolved {
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
    /// Where the channels' defaults come from.
    pub channels_source: Source,
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

/// A count or amount the page accepts: finite and at least 0.
pub(super) fn non_negative(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

/// Resolves every assumption: typed, else measured, else the default.
pub fn inputs(s: &ChurnSlice) -> ChurnInputs {
    let ev = loaded(s);
    let a = &s.churn;
    // Customers and revenue of a transaction log share one source.
    let customers_measured = if ev.is_some_and(|e| e.from_transactions) {
        Measured::Transactions
    } else {
        Measured::Customers
    };

    let customers = match ev.and_then(|e| e.customers) {
        Some(n) => resolve(a.customers, n, Source::Measured(customers_measured)),
        None => resolve(
            a.customers,
            DEFAULT_CUSTOMERS,
            Source::Default(DefaultSource::IllustrativeBase),
        ),
    };

    let measured_churn = ev.and_then(|e| e.churn.clone());
    let annual_churn_pct = match &measured_churn {
        Some(m) => resolve(
            a.annual_churn_pct,
            (10_000.0 * annual_from_monthly(m.monthly)).round() / 100.0,
            Source::Measured(Measured::Churn {
                churned: m.churned,
                exposure_months: m.exposure_months,
                annual_low: annual_from_monthly(m.monthly_low),
                annual_high: annual_from_monthly(m.monthly_high),
            }),
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
                Source::Default(DefaultSource::Retention {
                    retention: r,
                    unit: s.clv.unit,
                    annual_pct,
                }),
            )
        }
    };
    let target_churn_pct = resolve(
        a.target_churn_pct,
        (80.0 * annual_churn_pct.value).round() / 100.0,
        Source::Default(DefaultSource::FifthLess),
    );

    let margin_pct = match ev.and_then(|e| e.margin_rate) {
        Some(m) => resolve(a.margin_pct, 100.0 * m, Source::Measured(Measured::Margin)),
        None => resolve(
            a.margin_pct,
            DEFAULT_MARGIN_PCT,
            Source::Default(DefaultSource::IllustrativeMargin),
        ),
    };
    let revenue_per_month = match ev.and_then(|e| e.revenue_per_month.as_ref()) {
        Some(r) if ev.is_some_and(|e| e.from_transactions) => resolve(
            a.revenue_per_month,
            r.mean,
            Source::Measured(Measured::Transactions),
        ),
        Some(r) => resolve(
            a.revenue_per_month,
            r.mean,
            Source::Measured(Measured::Revenue {
                n: r.n,
                low: r.low,
                high: r.high,
            }),
        ),
        None => {
            let monthly_margin = s.clv.margin * s.clv.unit.per_year() / 12.0;
            let default_revenue = if monthly_margin.is_finite() && monthly_margin > 0.0 {
                monthly_margin / (DEFAULT_MARGIN_PCT / 100.0)
            } else {
                100.0
            };
            resolve(
                a.revenue_per_month,
                default_revenue,
                Source::Default(DefaultSource::ClvMargin { monthly_margin }),
            )
        }
    };
    let years = resolve(
        a.years,
        DEFAULT_YEARS,
        Source::Default(DefaultSource::ThreeYears),
    );

    let channels_source = match ev {
        Some(e) if !e.channels.is_empty() => Source::Measured(Measured::Channels {
            months: e.channel_months,
        }),
        _ => Source::Default(DefaultSource::IllustrativeChannels),
    };
    let first_payment = if s.clv.include_first_payment {
        FirstPayment::Included
    } else {
        FirstPayment::Excluded
    };
    ChurnInputs {
        measured_churn: if a.annual_churn_pct.is_none() {
            measured_churn
        } else {
            None
        },
        customers,
        annual_churn_pct,
        target_churn_pct,
        revenue_per_month,
        margin_pct,
        years,
        channels: s.channels_now(),
        channels_source,
        monthly_discount: annual_to_period_rate(
            s.clv.annual_discount_pct / 100.0,
            PeriodUnit::Month,
        ),
        first_payment,
    }
}

impl ChurnInputs {
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

    /// New customers per year over the channels (negative counts left out).
    pub fn new_per_year(&self) -> f64 {
        self.channels
            .iter()
            .map(|c| c.new_customers)
            .filter(|v| non_negative(*v))
            .sum()
    }
}
