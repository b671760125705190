//! Churn and acquisition: churn projection baseline vs scenario, CAC by channel, payback.
//!
//! Units: churn is entered per year (what a CFO reads) and converted to the
//! equivalent constant monthly rate `c = 1 − (1 − a)^(1/12)` for the monthly
//! computations (payback, LTV, the 12-month cost of churn, the projection);
//! revenue and margin are per customer per month; acquisition spend and new
//! customers are per year.
//!
//! Every assumption is `None` until the user types it: its value is then
//! the one measured in loaded data ([`ChurnEvidence`]) or, without data, a
//! default taken from the Customer value page where the two overlap
//! (retention, margin), so both pages tell the same story.

use super::super::i18n::churn::ChurnStrings;
use super::super::i18n::fill;
use super::super::scenario::Action;
use super::super::scenario::Scenario;
use super::field::{Field, Group, Unit};

pub mod evidence;
pub mod state;

use crate::i18n::LocaleStrings;
use cxi_models::acquisition::cac_by_channel;
use cxi_models::acquisition::payback_months;
use cxi_models::acquisition::payback_months_with_churn;
use cxi_models::acquisition::CacReport;
use cxi_models::acquisition::Channel;
use cxi_models::churn::churn_impact;
use cxi_models::churn::ChurnImpact;
use cxi_models::clv::ClvInputs;
use cxi_models::clv::FirstPayment;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;
pub use evidence::{evidence, ChurnEvidence, Estimate, MeasuredChurn};
pub use state::{
    channels_now, ChurnAction, ChurnAssumptions, DAYS_PER_MONTH, MAX_CHANNELS, MAX_YEARS,
};
use state::{
    default_channels, DEFAULT_CUSTOMERS, DEFAULT_MARGIN_PCT, DEFAULT_YEARS,
    FALLBACK_ANNUAL_CHURN_PCT,
};

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
pub fn loaded(s: &Scenario) -> Option<&ChurnEvidence> {
    s.data.as_ref().and_then(|d| d.evidence.churn.as_deref())
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
pub fn inputs(s: &Scenario) -> ChurnInputs {
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
        channels: channels_now(&s.churn, loaded(s), s.locale),
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

/// Everything the page shows, computed from the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnView {
    pub inputs: ChurnInputs,
    pub problems: Vec<(ChurnField, String)>,
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
pub fn compute(s: &Scenario) -> ChurnView {
    let inputs = inputs(s);
    let problems = inputs.problems(s.locale.strings().churn);
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

impl ChurnView {
    fn first_problem(&self) -> Option<&str> {
        self.problems.first().map(|(_, m)| m.as_str())
    }

    /// The page's three headline cards.
    pub fn headlines(&self, s: &Scenario) -> Vec<Headline> {
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let money = |v: f64| format::money(loc, cur, v);
        let i = &self.inputs;
        let m = i.monthly_margin();
        let c = i.monthly_churn();
        let blended = self.cac.as_ref().map(|r| r.blended);
        let cac_inputs = vec![
            (
                t.in_total_spend.to_string(),
                self.cac
                    .as_ref()
                    .map_or(Figure::Missing, |r| Figure::Money(r.total_spend)),
            ),
            (
                t.in_total_new.to_string(),
                self.cac.as_ref().map_or(Figure::Missing, |r| {
                    Figure::number(r.total_new_customers, 0)
                }),
            ),
            (t.in_monthly_margin.to_string(), Figure::Money(m)),
            (
                t.in_monthly_churn.to_string(),
                Figure::Percent {
                    value: c,
                    decimals: 2,
                },
            ),
        ];
        let fallback = || self.first_problem().unwrap_or(t.err_overflow).to_string();

        let cac_reading = match (blended, self.payback, self.payback_with_churn) {
            (Some(cac), Some(p), Some(Some(pc))) => fill(
                t.card_cac_reading,
                &[
                    ("cac", &money(cac)),
                    ("months", &loc.strings().months(p)),
                    ("months_churn", &loc.strings().months(pc)),
                ],
            ),
            (Some(cac), Some(p), Some(None)) => fill(
                t.card_cac_never,
                &[("cac", &money(cac)), ("months", &loc.strings().months(p))],
            ),
            _ => fallback(),
        };
        let card_cac = Headline {
            id: "card-cac",
            title: t.card_cac.into(),
            figure: blended.map_or(Figure::Missing, Figure::Money),
            interval: None,
            reading: cac_reading,
            how: How {
                formula: t.cac_formula.into(),
                inputs: cac_inputs,
                source: t.cac_source.into(),
                caveats: t.cac_caveats.into(),
            },
            page: View::Churn,
        };

        let ltv_reading = match (self.ltv_to_cac, self.ltv, blended) {
            (Some(r), Some(l), Some(cac)) => fill(
                t.card_ltv_reading,
                &[
                    ("ratio", &format!("{}×", format::number(loc, r, 1))),
                    ("ltv", &money(l)),
                    ("cac", &money(cac)),
                ],
            ),
            _ => fallback(),
        };
        let card_ltv = Headline {
            id: "card-ltv-cac",
            title: t.card_ltv.into(),
            figure: self.ltv_to_cac.map_or(Figure::Missing, Figure::Ratio),
            interval: None,
            reading: ltv_reading,
            how: How {
                formula: t.ltv_formula.into(),
                inputs: vec![
                    (t.in_monthly_margin.to_string(), Figure::Money(m)),
                    (
                        t.in_monthly_churn.to_string(),
                        Figure::Percent {
                            value: c,
                            decimals: 2,
                        },
                    ),
                    (
                        t.in_monthly_discount.to_string(),
                        i.monthly_discount
                            .map_or(Figure::Missing, |d| Figure::Percent {
                                value: d,
                                decimals: 3,
                            }),
                    ),
                    (
                        t.in_ltv.to_string(),
                        self.ltv.map_or(Figure::Missing, Figure::Money),
                    ),
                    (
                        t.in_blended_cac.to_string(),
                        blended.map_or(Figure::Missing, Figure::Money),
                    ),
                ],
                source: t.ltv_source.into(),
                caveats: t.ltv_caveats.into(),
            },
            page: View::Churn,
        };

        let cost_reading = match (&self.impact, &self.impact_target) {
            (Some(b), target) => fill(
                t.card_cost_reading,
                &[
                    ("lost", &format::number(loc, b.customers_lost, 0)),
                    ("revenue", &money(b.revenue_lost)),
                    ("margin", &money(b.margin_lost)),
                    (
                        "saved",
                        &target.map_or("—".into(), |x| money(b.margin_lost - x.margin_lost)),
                    ),
                ],
            ),
            _ => fallback(),
        };
        let interval = match (&i.measured_churn, self.impact.is_some()) {
            (Some(mc), true) => {
                let at = |monthly: f64| {
                    churn_impact(
                        i.customers.value,
                        monthly,
                        i.revenue_per_month.value,
                        i.margin_rate(),
                        12,
                    )
                    .map_or(Figure::Missing, |x| Figure::Money(x.margin_lost))
                };
                Some((
                    at(mc.monthly_low),
                    at(mc.monthly_high),
                    t.interval_churn.to_string(),
                ))
            }
            _ => None,
        };
        let card_cost = Headline {
            id: "card-churn-cost",
            title: t.card_cost.into(),
            figure: self
                .impact
                .map_or(Figure::Missing, |x| Figure::Money(x.margin_lost)),
            interval,
            reading: cost_reading,
            how: How {
                formula: t.cost_formula.into(),
                inputs: vec![
                    (
                        t.customers.to_string(),
                        Figure::number(i.customers.value, 0),
                    ),
                    (
                        t.in_monthly_churn.to_string(),
                        Figure::Percent {
                            value: c,
                            decimals: 2,
                        },
                    ),
                    (
                        t.revenue.to_string(),
                        Figure::Money(i.revenue_per_month.value),
                    ),
                    (t.margin_rate.to_string(), Figure::percent(i.margin_rate())),
                ],
                source: t.cost_source.into(),
                caveats: t.cost_caveats.into(),
            },
            page: View::Churn,
        };
        let mut cards = vec![card_cac, card_ltv, card_cost];
        for card in &mut cards {
            for (_, f) in &mut card.how.inputs {
                *f = shown(f.clone());
            }
        }
        cards
    }

    /// Customers over time at today's churn and at the target.
    pub fn projection_chart(&self, s: &Scenario) -> Option<ChartSpec> {
        let (first, last) = (self.projection.first()?, self.projection.last()?);
        let _ = first;
        let loc = s.locale;
        let t = loc.strings().churn;
        let line = |pick: fn(&(f64, f64)) -> f64| -> Vec<(f64, f64)> {
            self.projection
                .iter()
                .enumerate()
                .map(|(k, p)| (k as f64, pick(p)))
                .collect()
        };
        let years = self.inputs.whole_years();
        let rows = self
            .projection
            .iter()
            .enumerate()
            .filter(|(k, _)| k % 12 == 0)
            .map(|(k, (b, g))| {
                vec![
                    Figure::number(k as f64, 0),
                    Figure::number(*b, 0),
                    Figure::number(*g, 0),
                    Figure::number(g - b, 0),
                ]
            })
            .collect();
        Some(ChartSpec {
            id: "churn-projection".into(),
            title: t.projection_title.into(),
            alt: fill(
                t.projection_alt,
                &[
                    ("years", &years.to_string()),
                    ("base", &format::number(loc, last.0, 0)),
                    ("target", &format::number(loc, last.1, 0)),
                    ("gap", &format::number(loc, last.1 - last.0, 0)),
                ],
            ),
            x: Axis::new(t.months_from_now, AxisFormat::Number),
            y: Axis::new(t.customers_axis, AxisFormat::Number),
            series: vec![
                Series {
                    name: t.series_baseline.into(),
                    colour: Colour::Vermillion,
                    mark: Mark::Line {
                        points: line(|p| p.0),
                        dashed: false,
                    },
                },
                Series {
                    name: t.series_target.into(),
                    colour: Colour::BluishGreen,
                    mark: Mark::Line {
                        points: line(|p| p.1),
                        dashed: false,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.months_from_now.into(),
                    t.series_baseline.into(),
                    t.series_target.into(),
                    "Δ".into(),
                ],
                rows,
            },
        })
    }

    /// CAC of each channel with the blended CAC as a rule.
    pub fn cac_chart(&self, s: &Scenario) -> Option<ChartSpec> {
        let r = self.cac.as_ref()?;
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let names: Vec<String> = r.per_channel.iter().map(|(n, _)| n.clone()).collect();
        let priced: Vec<(&String, f64)> = r
            .per_channel
            .iter()
            .filter_map(|(n, c)| c.map(|c| (n, c)))
            .collect();
        let cheap = priced.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        let dear = priced.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let name_cost = |x: Option<&(&String, f64)>| {
            x.map_or("—".into(), |(n, c)| {
                format!("{n} ({})", format::money(loc, cur, *c))
            })
        };
        Some(ChartSpec {
            id: "churn-cac".into(),
            title: t.cac_title.into(),
            alt: fill(
                t.cac_alt,
                &[
                    ("cheap", &name_cost(cheap)),
                    ("dear", &name_cost(dear)),
                    ("blended", &format::money(loc, cur, r.blended)),
                ],
            ),
            x: Axis::new(t.channel_axis, AxisFormat::Categories(names)),
            y: Axis::new(fill(t.cac_axis, &[("cur", cur.code())]), AxisFormat::Money),
            series: vec![
                Series {
                    name: t.col_cac.into(),
                    colour: Colour::Blue,
                    mark: Mark::Bars {
                        spans: r
                            .per_channel
                            .iter()
                            .map(|(_, c)| (0.0, c.unwrap_or(0.0)))
                            .collect(),
                        colours: Vec::new(),
                        horizontal: false,
                    },
                },
                Series {
                    name: t.blended.into(),
                    colour: Colour::Ink,
                    mark: Mark::Rule {
                        x: None,
                        y: Some(r.blended),
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.col_channel.into(),
                    fill(t.per_year_unit, &[("cur", cur.code())]),
                    t.col_new.into(),
                    t.col_cac.into(),
                ],
                rows: self
                    .inputs
                    .channels
                    .iter()
                    .zip(&r.per_channel)
                    .map(|(ch, (_, cac))| {
                        vec![
                            Figure::Text(ch.name.clone()),
                            Figure::Money(ch.spend),
                            Figure::number(ch.new_customers, 0),
                            cac.map_or(Figure::Missing, Figure::Money),
                        ]
                    })
                    .collect(),
            },
        })
    }

    /// Cumulative margin of a new customer against the CAC.
    pub fn payback_chart(&self, s: &Scenario) -> Option<ChartSpec> {
        let cac = self.cac.as_ref()?.blended;
        let plain = self.payback?;
        let with = self.payback_with_churn?;
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let m = self.inputs.monthly_margin();
        let c = self.inputs.monthly_churn();
        // Show twice the payback, between one and ten years.
        let span = with.unwrap_or(plain).max(plain);
        let months = (2.0 * span).ceil().clamp(12.0, 120.0) as u32;
        let expected: Vec<(f64, f64)> = (0..=months)
            .map(|n| (f64::from(n), cumulative_margin(m, c, f64::from(n))))
            .collect();
        let stays: Vec<(f64, f64)> = (0..=months)
            .map(|n| (f64::from(n), m * f64::from(n)))
            .collect();
        let alt = match with {
            Some(p) => fill(
                t.payback_alt,
                &[
                    ("months", &loc.strings().months(p)),
                    ("cac", &format::money(loc, cur, cac)),
                ],
            ),
            None => fill(
                t.payback_alt_never,
                &[("cac", &format::money(loc, cur, cac))],
            ),
        };
        if !(expected.iter().chain(&stays)).all(|(_, y)| y.is_finite()) {
            return None;
        }
        let step = if months > 36 { 6 } else { 3 };
        Some(ChartSpec {
            id: "churn-payback".into(),
            title: t.payback_title.into(),
            alt,
            x: Axis::new(t.months_since, AxisFormat::Number),
            y: Axis::new(
                fill(t.cumulative_axis, &[("cur", cur.code())]),
                AxisFormat::Money,
            ),
            table: DataTable {
                headers: vec![
                    t.months_since.into(),
                    t.with_churn.into(),
                    t.without_churn.into(),
                ],
                rows: expected
                    .iter()
                    .zip(&stays)
                    .filter(|((n, _), _)| (*n as u32) % step == 0)
                    .map(|((n, e), (_, p))| {
                        vec![Figure::number(*n, 0), Figure::Money(*e), Figure::Money(*p)]
                    })
                    .collect(),
            },
            series: vec![
                Series {
                    name: t.with_churn.into(),
                    colour: Colour::Blue,
                    mark: Mark::Line {
                        points: expected,
                        dashed: false,
                    },
                },
                Series {
                    name: t.without_churn.into(),
                    colour: Colour::Grey,
                    mark: Mark::Line {
                        points: stays,
                        dashed: true,
                    },
                },
                Series {
                    name: t.cac_rule.into(),
                    colour: Colour::Vermillion,
                    mark: Mark::Rule {
                        x: None,
                        y: Some(cac),
                    },
                },
            ],
            spokes: Vec::new(),
        })
    }
}

// Channel fields for the Assumptions page: a function pointer per slot.
fn set_spend<const I: usize>(v: f64) -> Action {
    Action::Churn(ChurnAction::SetChannelSpend(I, v))
}
fn set_new<const I: usize>(v: f64) -> Action {
    Action::Churn(ChurnAction::SetChannelNew(I, v))
}
type Setter = fn(f64) -> Action;
const SPEND_SETTERS: [Setter; MAX_CHANNELS] = [
    set_spend::<0>,
    set_spend::<1>,
    set_spend::<2>,
    set_spend::<3>,
    set_spend::<4>,
    set_spend::<5>,
    set_spend::<6>,
    set_spend::<7>,
];
const NEW_SETTERS: [Setter; MAX_CHANNELS] = [
    set_new::<0>,
    set_new::<1>,
    set_new::<2>,
    set_new::<3>,
    set_new::<4>,
    set_new::<5>,
    set_new::<6>,
    set_new::<7>,
];
/// DOM ids of the channel inputs, slot by slot.
pub const SPEND_IDS: [&str; MAX_CHANNELS] = [
    "as-churn-ch0-spend",
    "as-churn-ch1-spend",
    "as-churn-ch2-spend",
    "as-churn-ch3-spend",
    "as-churn-ch4-spend",
    "as-churn-ch5-spend",
    "as-churn-ch6-spend",
    "as-churn-ch7-spend",
];
pub const NEW_IDS: [&str; MAX_CHANNELS] = [
    "as-churn-ch0-new",
    "as-churn-ch1-new",
    "as-churn-ch2-new",
    "as-churn-ch3-new",
    "as-churn-ch4-new",
    "as-churn-ch5-new",
    "as-churn-ch6-new",
    "as-churn-ch7-new",
];

/// The page's assumptions for the Assumptions page (and its own form).
pub fn fields(s: &Scenario, locale: Locale) -> Group {
    let t = locale.strings().churn;
    let i = inputs(s);
    let problems = i.problems(t);
    let err = |f: ChurnField| {
        problems
            .iter()
            .find(|(k, _)| *k == f)
            .map(|(_, m)| m.clone())
    };
    let cur = s.currency.code();
    let field = |id: &'static str,
                 label: &str,
                 unit_text: String,
                 unit: Unit,
                 r: &Resolved,
                 f: ChurnField,
                 set: Setter| Field {
        id,
        label: label.into(),
        unit_text,
        unit,
        value: r.value,
        default: r.default,
        source: r.source.clone(),
        error: err(f),
        set,
    };
    let mut fields = vec![
        field(
            "as-churn-customers",
            t.customers,
            t.customers_unit.into(),
            Unit::Count,
            &i.customers,
            ChurnField::Customers,
            |v| Action::Churn(ChurnAction::SetCustomers(v)),
        ),
        field(
            "as-churn-baseline",
            t.baseline,
            t.per_year_pct.into(),
            Unit::Percent,
            &i.annual_churn_pct,
            ChurnField::AnnualChurn,
            |v| Action::Churn(ChurnAction::SetAnnualChurnPct(v)),
        ),
        field(
            "as-churn-target",
            t.target,
            t.per_year_pct.into(),
            Unit::Percent,
            &i.target_churn_pct,
            ChurnField::TargetChurn,
            |v| Action::Churn(ChurnAction::SetTargetChurnPct(v)),
        ),
        field(
            "as-churn-revenue",
            t.revenue,
            fill(t.per_month_unit, &[("cur", cur)]),
            Unit::Money,
            &i.revenue_per_month,
            ChurnField::Revenue,
            |v| Action::Churn(ChurnAction::SetRevenuePerMonth(v)),
        ),
        field(
            "as-churn-margin",
            t.margin_rate,
            t.margin_rate_unit.into(),
            Unit::Percent,
            &i.margin_pct,
            ChurnField::Margin,
            |v| Action::Churn(ChurnAction::SetMarginPct(v)),
        ),
        field(
            "as-churn-years",
            t.years,
            t.years_unit.into(),
            Unit::Count,
            &i.years,
            ChurnField::Years,
            |v| Action::Churn(ChurnAction::SetYears(v)),
        ),
    ];
    let defaults = match loaded(s) {
        Some(e) if !e.channels.is_empty() => e.channels.clone(),
        _ => default_channels(locale),
    };
    for (k, ch) in i.channels.iter().enumerate().take(MAX_CHANNELS) {
        let d = defaults.get(k);
        fields.push(Field {
            id: SPEND_IDS[k],
            label: fill(t.channel_spend, &[("name", &ch.name)]),
            unit_text: fill(t.per_year_unit, &[("cur", cur)]),
            unit: Unit::Money,
            value: ch.spend,
            default: d.map_or(0.0, |c| c.spend),
            source: i.channels_source.clone(),
            error: err(ChurnField::ChannelSpend(k)),
            set: SPEND_SETTERS[k],
        });
        fields.push(Field {
            id: NEW_IDS[k],
            label: fill(t.channel_new, &[("name", &ch.name)]),
            unit_text: t.new_unit.into(),
            unit: Unit::Count,
            value: ch.new_customers,
            default: d.map_or(0.0, |c| c.new_customers),
            source: i.channels_source.clone(),
            error: err(ChurnField::ChannelNew(k))
                .or_else(|| (k == 0).then(|| err(ChurnField::Channels)).flatten()),
            set: NEW_SETTERS[k],
        });
    }
    Group {
        id: "churn",
        title: t.group.into(),
        fields,
    }
}

/// The page's headline cards, for the Overview.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    compute(s).headlines(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::reduce;
    use cxi_parse::{Customers, Dataset};

    fn en() -> Scenario {
        Scenario::new(Locale::En)
    }

    fn with(s: &Scenario, actions: Vec<ChurnAction>) -> Scenario {
        actions
            .into_iter()
            .fold(s.clone(), |s, a| reduce(&s, Action::Churn(a)))
    }

    /// A hand case: 1,000 customers, 12 % annual churn, €80 revenue a month
    /// at 50 % margin (€40 margin), one channel spending €24,000 for 100
    /// customers a year.
    fn hand() -> Scenario {
        let s = with(
            &en(),
            vec![
                ChurnAction::SetCustomers(1_000.0),
                ChurnAction::SetAnnualChurnPct(12.0),
                ChurnAction::SetTargetChurnPct(6.0),
                ChurnAction::SetRevenuePerMonth(80.0),
                ChurnAction::SetMarginPct(50.0),
                ChurnAction::SetYears(2.0),
                ChurnAction::RemoveChannel(4),
                ChurnAction::RemoveChannel(3),
                ChurnAction::RemoveChannel(2),
                ChurnAction::RemoveChannel(1),
                ChurnAction::SetChannelName(0, "Search".into()),
                ChurnAction::SetChannelSpend(0, 24_000.0),
                ChurnAction::SetChannelNew(0, 100.0),
            ],
        );
        assert_eq!(s.churn.channels.as_ref().unwrap().len(), 1);
        s
    }

    /// Reference: hand computation. CAC = 24,000 / 100 = €240; payback
    /// = 240 / 40 = 6 months (Skok's months to recover CAC); monthly churn
    /// c = 1 − 0.88^(1/12) = 0.010596; with churn
    /// ln(1 − 240·c/40)/ln(1 − c) = ln(0.936423)/ln(0.989404) = 6.1663.
    #[test]
    fn cac_and_payback_by_hand() {
        let v = compute(&hand());
        assert!(v.problems.is_empty(), "{:?}", v.problems);
        assert_eq!(v.cac.as_ref().unwrap().blended, 240.0);
        assert_eq!(v.payback, Some(6.0));
        let c = 1.0 - 0.88f64.powf(1.0 / 12.0);
        assert!((c - 0.010_596).abs() < 1e-6);
        let want = (1.0 - 240.0 * c / 40.0).ln() / (1.0 - c).ln();
        let got = v.payback_with_churn.unwrap().unwrap();
        assert!(
            (got - want).abs() < 1e-12 && (got - 6.1663).abs() < 1e-4,
            "{got}"
        );
        let cards = v.headlines(&hand());
        assert_eq!(cards[0].figure, Figure::Money(240.0));
        assert_eq!(
            cards[0].reading,
            "Each new customer costs €240 to win and pays it back in 6 months of margin (6.2 months once churn is counted)."
        );
    }

    /// Reference: the closed form of Fader & Hardie (2012) with the first
    /// payment counted: LTV = m (1 + d)/(1 + d − r), m = 40, r = 0.88^(1/12),
    /// d = 1.1^(1/12) − 1 (the Customer value page's 10 % a year);
    /// LTV:CAC = LTV / 240.
    #[test]
    fn ltv_to_cac_against_the_closed_form() {
        let v = compute(&hand());
        let r = 0.88f64.powf(1.0 / 12.0);
        let d = 1.1f64.powf(1.0 / 12.0) - 1.0;
        let ltv = 40.0 * (1.0 + d) / (1.0 + d - r);
        assert!((v.ltv.unwrap() - ltv).abs() < 1e-9 * ltv);
        assert!((v.ltv_to_cac.unwrap() - ltv / 240.0).abs() < 1e-12);
        // 40 × 1.00797 / 0.01857 ≈ 2,171 → about 9×.
        assert!((ltv - 2_171.0).abs() < 1.0, "{ltv}");
    }

    /// Reference: hand computation of the 12-month cost with the formula of
    /// `core::churn::churn_impact`, summed month by month here: paying
    /// customers N r^(t−1), t = 1..12; lost revenue = Σ N·80·(1 − r^(t−1)).
    #[test]
    fn cost_of_churn_by_direct_sum() {
        let v = compute(&hand());
        let r = 0.88f64.powf(1.0 / 12.0);
        let lost: f64 = (1..=12)
            .map(|t| 1_000.0 * 80.0 * (1.0 - r.powi(t - 1)))
            .sum();
        let b = v.impact.unwrap();
        assert!((b.revenue_lost - lost).abs() < 1e-6);
        assert!((b.margin_lost - 0.5 * lost).abs() < 1e-6);
        // 12 % of 1,000 customers leave within the year.
        assert!((b.customers_lost - 120.0).abs() < 1e-9);
        assert!(v.impact_target.unwrap().margin_lost < b.margin_lost);
    }

    /// Reference: the recurrence by hand for two months: 1,000 → 1,000 ×
    /// (1 − c) + 100/12.
    #[test]
    fn projection_by_hand() {
        let v = compute(&hand());
        assert_eq!(v.projection.len(), 25);
        let c = 1.0 - 0.88f64.powf(1.0 / 12.0);
        let n1 = 1_000.0 * (1.0 - c) + 100.0 / 12.0;
        assert!((v.projection[1].0 - n1).abs() < 1e-9);
        assert!(v.projection[24].1 > v.projection[24].0);
        let chart = v.projection_chart(&hand()).unwrap();
        assert_eq!(chart.table.rows.len(), 3);
        let payback = v.payback_chart(&hand()).unwrap();
        // The rule sits at the CAC; the expected curve crosses it between
        // months 6 and 7 (payback 6.15).
        let Mark::Line { points, .. } = &payback.series[0].mark else {
            panic!()
        };
        assert!(points[6].1 < 240.0 && points[7].1 > 240.0);
    }

    /// Reference: hand computation of a log-scale Wald interval: 25 churns
    /// over 1,000 customer-months: λ = 0.025, factor e^(1.96/5) = 1.48,
    /// monthly churn 1 − e^(−0.025) = 0.024690.
    #[test]
    fn measured_churn_by_hand() {
        let m = MeasuredChurn::from_counts(25, 1_000.0).unwrap();
        assert!((m.monthly - (1.0 - (-0.025f64).exp())).abs() < 1e-12);
        let k = (1.959_964f64 / 5.0).exp();
        assert!((m.monthly_high - (1.0 - (-0.025 * k).exp())).abs() < 1e-6);
        assert!((m.monthly_low - (1.0 - (-0.025 / k).exp())).abs() < 1e-6);
        let none = MeasuredChurn::from_counts(0, 300.0).unwrap();
        assert_eq!(none.monthly, 0.0);
        assert!((none.monthly_high - (1.0 - (-0.01f64).exp())).abs() < 1e-12);
        assert!(MeasuredChurn::from_counts(3, 0.0).is_none());
    }

    /// Reference: a four-customer table by hand. Signups 1 Jan 2024 (a leap
    /// year); A churns 31 Mar (90 days), B churns 1 Jul (182 days), C and D
    /// stay to the last date, 1 Jul (182 days each): 2 churns over 636 days
    /// = 20.895 customer-months. Channel "Ads" €100 + €300 for 2 customers, "Mail"
    /// €50 + €50: CAC 200 and 50.
    #[test]
    fn evidence_from_a_customer_table_by_hand() {
        use chrono::NaiveDate;
        use cxi_parse::Categories;
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day);
        let c = Customers {
            id: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            revenue: Some(vec![Some(10.0), Some(20.0), Some(30.0), Some(50.0)]),
            acquisition_date: Some(vec![d(1, 1); 4]),
            churned: Some(vec![Some(true), Some(true), Some(false), Some(false)]),
            churn_date: Some(vec![d(3, 31), d(7, 1), None, None]),
            channel: Some(Categories {
                labels: vec!["Ads".into(), "Mail".into()],
                codes: vec![0, 0, 1, 1],
            }),
            acquisition_cost: Some(vec![Some(100.0), Some(300.0), Some(50.0), Some(50.0)]),
            period: Some(PeriodUnit::Month),
            rows: vec![2, 3, 4, 5],
            ..Customers::default()
        };
        let e = evidence(&Dataset::Customers(c)).unwrap();
        let m = e.churn.unwrap();
        assert_eq!(m.churned, 2);
        assert!((m.exposure_months - 636.0 / DAYS_PER_MONTH).abs() < 1e-9);
        assert_eq!(e.customers, Some(2.0));
        // Active customers C and D: mean 40.
        assert_eq!(e.revenue_per_month.unwrap().mean, 40.0);
        let r = cac_by_channel(&e.channels).unwrap();
        assert_eq!(r.per_channel[0].1, Some(200.0));
        assert_eq!(r.per_channel[1].1, Some(50.0));
        // All signed up on one day: counts are not scaled to a year.
        assert_eq!(e.channel_months, 0.0);
        assert_eq!(e.channels[0].new_customers, 2.0);
    }

    /// Loaded evidence replaces the defaults, a typed value replaces both,
    /// and the first channel edit starts from the channels in effect.
    #[test]
    fn typed_then_measured_then_default() {
        let s = en();
        let i = inputs(&s);
        // Customer value page default: 95 % a month → 1 − 0.95^12 = 45.96 %
        // (rounded to two decimals); target 0.8 × 45.96 = 36.768 → 36.77.
        assert_eq!(i.annual_churn_pct.value, 45.96);
        assert_eq!(i.target_churn_pct.value, 36.77);
        assert_eq!(i.revenue_per_month.value, 100.0);
        let s2 = with(&s, vec![ChurnAction::SetChannelSpend(1, 1.0)]);
        let list = s2.churn.channels.as_ref().unwrap();
        assert_eq!(list.len(), 5);
        assert_eq!(list[1].spend, 1.0);
        assert_eq!(list[0], default_channels(Locale::En)[0]);
        let s3 = with(&s2, vec![ChurnAction::Reset]);
        assert_eq!(s3.churn, ChurnAssumptions::default());
        // Eight channels at most.
        let many = with(&s, vec![ChurnAction::AddChannel("x".into()); 5]);
        assert_eq!(many.churn.channels.unwrap().len(), MAX_CHANNELS);
    }

    /// Refusals are located and nothing is computed from a bad input.
    #[test]
    fn problems_are_located() {
        let s = with(
            &hand(),
            vec![
                ChurnAction::SetTargetChurnPct(20.0),
                ChurnAction::SetChannelNew(0, 0.0),
            ],
        );
        let v = compute(&s);
        let kinds: Vec<ChurnField> = v.problems.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, vec![ChurnField::TargetChurn, ChurnField::Channels]);
        assert!(v.cac.is_none() && v.projection.is_empty());
        let cards = v.headlines(&s);
        assert_eq!(cards[0].figure, Figure::Missing);
        assert_eq!(
            cards[0].reading,
            "The target must not be above today's churn."
        );
        let g = fields(&s, Locale::En);
        let target = g.fields.iter().find(|f| f.id == "as-churn-target").unwrap();
        assert!(target.error.is_some());
    }
}
