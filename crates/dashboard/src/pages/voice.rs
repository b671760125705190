//! NPS, CSAT and CES linked to revenue, retention and cost to serve.
//!
//! The page reads the NPS answers (0–10, per segment when the data has one)
//! from the loaded data or, without data, from assumed counts; values each
//! category with Bain's economics of loyalty ([`score_value`]): from the
//! customer table where it measures retention and revenue per category,
//! otherwise from the average customer and the published/illustrative
//! factors of [`default_nps_economics`]; and prices a move scenario
//! (detractors → passives, passives → promoters) as lifetime value and as
//! a revenue projection.

use super::super::i18n::fill;
use super::super::i18n::voice::VoiceStrings;
use super::super::scenario::Action;
use super::super::scenario::Scenario;
use super::field::{Field, Group, Unit};

pub mod evidence;
pub mod state;

pub use evidence::*;
pub use state::*;

/// Most points a projection line carries to the chart.
const MAX_LINE_POINTS: usize = 240;

use crate::i18n::LocaleStrings;
use cxi_models::nps::NpsCounts;
use cxi_models::nps::NpsEstimate;
use cxi_models::rating::RatingSummary;
use cxi_models::score_value::default_ces_economics;
use cxi_models::score_value::default_csat_economics;
use cxi_models::score_value::default_nps_economics;
use cxi_models::score_value::project_revenue;
use cxi_models::score_value::value_of_move;
use cxi_models::score_value::value_of_nps_point;
use cxi_models::score_value::Assumption;
use cxi_models::score_value::AssumptionKind;
use cxi_models::score_value::AverageCustomer;
use cxi_models::score_value::GroupEconomics;
use cxi_models::score_value::GroupEstimate;
use cxi_models::score_value::GroupValue;
use cxi_models::score_value::NpsPointValue;
use cxi_models::score_value::RevenueProjection;
use cxi_models::score_value::ValueSettings;
use cxi_models::score_value::MAX_RETENTION;
use cxi_models::stats::ConfidenceLevel;
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
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;

/// Where the group economics come from.
#[derive(Debug, Clone, PartialEq)]
pub enum EconomicsSource {
    /// Retention and revenue measured per group in the customer table.
    Data,
    /// The average customer with the core's default factors.
    Defaults(Vec<Assumption>),
}

/// Everything money on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub unit: PeriodUnit,
    pub settings: ValueSettings,
    /// Detractor, passive, promoter.
    pub groups: [GroupEconomics; 3],
    pub values: [GroupValue; 3],
    /// Values at the low and high ends of the data's intervals.
    pub values_range: Option<([GroupValue; 3], [GroupValue; 3])>,
    pub source: EconomicsSource,
    /// Customers in each category (base × survey share).
    pub customers: [f64; 3],
    pub point: NpsPointValue,
    pub point_range: Option<(NpsPointValue, NpsPointValue)>,
    /// Lifetime value of the move scenario.
    pub move_value: f64,
    pub baseline: RevenueProjection,
    pub scenario: RevenueProjection,
    /// Customers per category after the move.
    pub moved: [f64; 3],
    pub horizon_periods: u32,
    /// CSAT low, middle, high then CES difficult, neutral, easy: value per
    /// customer and the answers behind it.
    pub links: Vec<Link>,
    pub links_from_data: bool,
    /// False when a higher category is worth less per customer than a
    /// lower one (data, or a skewed mix under the default split of word of
    /// mouth): moving customers up may then lower value.
    pub ordered: bool,
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceView {
    /// Segment names the data offers (empty: no segment filter).
    pub segments: Vec<String>,
    /// The segment shown, when the scenario's exists here.
    pub segment: Option<String>,
    /// Answers per score when the data has them.
    pub scores: Option<[u64; 11]>,
    pub counts: NpsCounts,
    pub estimate: Option<NpsEstimate>,
    /// Active customers the shares apply to, and whether data gave it.
    pub customers: f64,
    pub customers_from_data: bool,
    pub money: Result<Money, String>,
    pub csat: Option<RatingSummary>,
    pub ces: Option<RatingSummary>,
    pub from_data: bool,
}

/// Average customer per period of `unit`, from the assumptions and the CLV
/// page's retention (converted when the data's period differs).
fn average_customer(s: &Scenario, unit: PeriodUnit) -> AverageCustomer {
    let a = &s.voice;
    let k = s.clv.unit.per_year() / unit.per_year();
    let r = s.clv.retention_pct / 100.0;
    let retention = if k == 1.0 {
        r
    } else if r > 0.0 {
        r.powf(k)
    } else {
        0.0
    };
    AverageCustomer {
        retention,
        spend: a.spend * k,
        cost_to_serve: a.cost_to_serve * k,
        referrals: a.referrals_per_100 / 100.0 / unit.per_year(),
        negative_wom: a.lost_per_100 / 100.0 / unit.per_year(),
    }
}

fn shares(c: &NpsCounts) -> [f64; 3] {
    let n = c.n() as f64;
    if n == 0.0 {
        return [0.0; 3];
    }
    [
        c.detractors as f64 / n,
        c.passives as f64 / n,
        c.promoters as f64 / n,
    ]
}

/// The data's measured retention and revenue in place of the defaults';
/// `pick` chooses the central estimate or an interval end.
fn with_data(
    defaults: &[GroupEconomics; 3],
    est: &[GroupEstimate],
    pick: fn(&GroupEstimate) -> (f64, f64),
) -> [GroupEconomics; 3] {
    std::array::from_fn(|g| {
        let mut e = defaults[g].clone();
        if let Some(x) = est.get(g).filter(|x| x.n > 0) {
            let (r, s) = pick(x);
            e.retention = r.clamp(0.0, MAX_RETENTION);
            e.spend = s.max(0.0);
        }
        e
    })
}

fn central(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.estimate, x.spend.mean)
}
fn low(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.ci_low, x.spend.ci_low)
}
fn high(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.ci_high, x.spend.ci_high)
}

fn values_of(g: &[GroupEconomics; 3], s: &ValueSettings) -> Result<[GroupValue; 3], String> {
    let v0 = g[0].value(s).map_err(|e| e.to_string())?;
    let v1 = g[1].value(s).map_err(|e| e.to_string())?;
    let v2 = g[2].value(s).map_err(|e| e.to_string())?;
    Ok([v0, v1, v2])
}

fn check_pct(v: f64) -> bool {
    v.is_finite() && (0.0..=100.0).contains(&v)
}

fn check_amount(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

/// Most answers or customers accepted: beyond it counts overflow and the
/// sums stop meaning anything.
pub const MAX_COUNT: f64 = 1e12;

fn check_count(v: f64) -> bool {
    check_amount(v) && v <= MAX_COUNT
}

/// Validation message of each assumption (`None` when usable).
pub fn field_error(s: &Scenario, key: VoiceKey, t: &VoiceStrings) -> Option<String> {
    let a = &s.voice;
    let ok = match key {
        VoiceKey::DetractorsToPassives => check_pct(a.detractors_to_passives_pct),
        VoiceKey::PassivesToPromoters => check_pct(a.passives_to_promoters_pct),
        VoiceKey::MarginRate => check_pct(a.margin_rate_pct),
        VoiceKey::Detractors => check_count(a.detractors),
        VoiceKey::Passives => check_count(a.passives),
        VoiceKey::Promoters => check_count(a.promoters),
        VoiceKey::Customers => a.customers.is_none_or(check_count),
        VoiceKey::Spend => check_amount(a.spend),
        VoiceKey::CostToServe => check_amount(a.cost_to_serve),
        VoiceKey::Referrals => check_amount(a.referrals_per_100),
        VoiceKey::Lost => check_amount(a.lost_per_100),
        VoiceKey::Horizon => {
            a.horizon_years.is_finite() && (1.0..=MAX_HORIZON_YEARS).contains(&a.horizon_years)
        }
    };
    if ok {
        return None;
    }
    Some(
        match key {
            VoiceKey::DetractorsToPassives
            | VoiceKey::PassivesToPromoters
            | VoiceKey::MarginRate => t.err_share,
            VoiceKey::Horizon => t.err_horizon,
            VoiceKey::Detractors
            | VoiceKey::Passives
            | VoiceKey::Promoters
            | VoiceKey::Customers => t.err_count,
            _ => t.err_negative,
        }
        .to_string(),
    )
}

const KEYS: [VoiceKey; 12] = [
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

fn evidence_of(s: &Scenario) -> Option<&VoiceEvidence> {
    s.data.as_ref().and_then(|d| d.evidence.voice.as_deref())
}

/// Everything the page shows, from the scenario (cheap: the fits are in
/// the evidence).
pub fn compute(s: &Scenario) -> VoiceView {
    let locale = s.locale;
    let t = locale.strings().voice;
    let a = &s.voice;
    let ev = evidence_of(s);
    let segments: Vec<String> = ev
        .map(|e| e.segments.iter().map(|x| x.name.clone()).collect())
        .unwrap_or_default();
    let seg = s
        .segment
        .as_ref()
        .and_then(|name| ev?.segments.iter().find(|x| &x.name == name));
    let scores = match (seg, ev.and_then(|e| e.scores)) {
        (Some(x), _) => Some(x.scores),
        (None, sc) => sc,
    };
    let counts = match scores {
        Some(sc) => categories(&sc),
        None => {
            let c = |v: f64| {
                if check_count(v) {
                    v.round() as u64
                } else {
                    0
                }
            };
            NpsCounts::new(c(a.promoters), c(a.passives), c(a.detractors))
        }
    };
    let estimate = counts.estimate(ConfidenceLevel::NINETY_FIVE).ok();
    let data_customers = match seg {
        Some(x) if ev.and_then(|e| e.customers).is_some() => Some(x.rows as f64),
        _ => ev.and_then(|e| e.customers).map(|n| n as f64),
    };
    let customers = a.customers.or(data_customers).unwrap_or(DEFAULT_CUSTOMERS);
    let money = if let Some(key) = KEYS.iter().find(|k| field_error(s, **k, t).is_some()) {
        Err(fill(
            t.err_economics,
            &[("reason", &field_label(*key, t).to_lowercase())],
        ))
    } else if counts.n() == 0 {
        Err(fill(t.err_economics, &[("reason", t.err_no_answers)]))
    } else {
        money(s, ev, &counts, customers)
    };
    VoiceView {
        segments,
        segment: seg.map(|x| x.name.clone()),
        scores,
        counts,
        estimate,
        customers,
        customers_from_data: a.customers.is_none() && data_customers.is_some(),
        money,
        csat: ev.and_then(|e| e.csat.as_ref()).map(|r| r.summary.clone()),
        ces: ev.and_then(|e| e.ces.as_ref()).map(|r| r.summary.clone()),
        from_data: ev.and_then(|e| e.scores).is_some(),
    }
}

fn money(
    s: &Scenario,
    ev: Option<&VoiceEvidence>,
    counts: &NpsCounts,
    customers: f64,
) -> Result<Money, String> {
    let a = &s.voice;
    let data_groups = ev.and_then(|e| e.nps_groups.as_ref());
    let unit = match (data_groups, ev.and_then(|e| e.unit)) {
        (Some(_), Some(u)) => u,
        _ => s.clv.unit,
    };
    let avg = average_customer(s, unit);
    let discount =
        annual_to_period_rate(s.clv.annual_discount_pct / 100.0, unit).ok_or_else(|| {
            s.locale
                .strings()
                .clv_error(&cxi_models::clv::ClvError::DiscountOutOfRange(
                    s.clv.annual_discount_pct / 100.0,
                ))
        })?;
    let margin_rate = a.margin_rate_pct / 100.0;
    // A referral brings, and a lost prospect costs, one average customer's
    // own lifetime margin.
    let avg_margin = avg.spend * margin_rate - avg.cost_to_serve;
    let new_customer_value = avg_margin * (1.0 + discount) / (1.0 + discount - avg.retention);
    let settings = ValueSettings {
        margin_rate,
        discount,
        unit,
        new_customer_value: if new_customer_value.is_finite() {
            new_customer_value
        } else {
            0.0
        },
    };
    let sh = shares(counts);
    let (defaults, assumptions) = default_nps_economics(&avg, sh);
    let (groups, range, source) = match data_groups {
        Some(est) if est.len() == 3 => (
            with_data(&defaults, est, central),
            Some((
                with_data(&defaults, est, low),
                with_data(&defaults, est, high),
            )),
            EconomicsSource::Data,
        ),
        _ => (defaults, None, EconomicsSource::Defaults(assumptions)),
    };
    let values = values_of(&groups, &settings)?;
    let values_range = match &range {
        Some((lo, hi)) => Some((values_of(lo, &settings)?, values_of(hi, &settings)?)),
        None => None,
    };
    let n = [customers * sh[0], customers * sh[1], customers * sh[2]];
    let dp = a.detractors_to_passives_pct / 100.0;
    let pp = a.passives_to_promoters_pct / 100.0;
    let move_value = value_of_move(&values[0], &values[1], n[0], dp).map_err(|e| e.to_string())?
        + value_of_move(&values[1], &values[2], n[1], pp).map_err(|e| e.to_string())?;
    let moved = [
        n[0] * (1.0 - dp),
        n[1] + n[0] * dp - n[1] * pp,
        n[2] + n[1] * pp,
    ];
    let horizon_periods = (a.horizon_years * unit.per_year())
        .round()
        .clamp(1.0, 1200.0) as u32;
    let baseline =
        project_revenue(&groups, &n, &settings, horizon_periods).map_err(|e| e.to_string())?;
    let scenario =
        project_revenue(&groups, &moved, &settings, horizon_periods).map_err(|e| e.to_string())?;
    let point = value_of_nps_point(&values, customers);
    let point_range = values_range.as_ref().map(|(lo, hi)| {
        (
            value_of_nps_point(lo, customers),
            value_of_nps_point(hi, customers),
        )
    });
    let (links, links_from_data) = links(s, ev, &avg, sh, &settings)?;
    let ordered = values[0].total <= values[1].total && values[1].total <= values[2].total;
    Ok(Money {
        unit,
        settings,
        groups,
        values,
        values_range,
        source,
        customers: n,
        point,
        point_range,
        move_value,
        baseline,
        scenario,
        moved,
        horizon_periods,
        links,
        links_from_data,
        ordered,
    })
}

/// Value per customer of a band and the answers behind it.
pub type Link = (f64, Option<u64>);

type Defaults = fn(&AverageCustomer, [f64; 3]) -> ([GroupEconomics; 3], Vec<Assumption>);

/// Value per customer in each CSAT and CES band: measured retention and
/// revenue per band when the customer table has them, else the core's
/// default band economics with the data's band shares (or the NPS shares).
fn links(
    _s: &Scenario,
    ev: Option<&VoiceEvidence>,
    avg: &AverageCustomer,
    nps_shares: [f64; 3],
    settings: &ValueSettings,
) -> Result<(Vec<Link>, bool), String> {
    let mut out = Vec::with_capacity(6);
    let mut from_data = false;
    let parts: [(Option<&RatingEvidence>, Defaults); 2] = [
        (ev.and_then(|e| e.csat.as_ref()), default_csat_economics),
        (ev.and_then(|e| e.ces.as_ref()), default_ces_economics),
    ];
    for (r, defaults) in parts {
        let sh = match r {
            Some(r) => {
                let n = r.summary.band_counts.iter().sum::<u64>().max(1) as f64;
                r.summary.band_counts.map(|c| c as f64 / n)
            }
            None => nps_shares,
        };
        let (d, _) = defaults(avg, sh);
        let groups = match r.and_then(|r| r.groups.as_ref()) {
            Some(est) if est.len() == 3 => {
                from_data = true;
                with_data(&d, est, central)
            }
            _ => d,
        };
        let v = values_of(&groups, settings)?;
        for (g, value) in v.iter().enumerate() {
            out.push((value.total, r.map(|r| r.summary.band_counts[g])));
        }
    }
    Ok((out, from_data))
}

fn field_label(key: VoiceKey, t: &VoiceStrings) -> &'static str {
    match key {
        VoiceKey::DetractorsToPassives => t.move_dp,
        VoiceKey::PassivesToPromoters => t.move_pp,
        VoiceKey::Detractors => t.count_detractors,
        VoiceKey::Passives => t.count_passives,
        VoiceKey::Promoters => t.count_promoters,
        VoiceKey::Customers => t.customers,
        VoiceKey::Spend => t.spend,
        VoiceKey::MarginRate => t.margin_rate,
        VoiceKey::CostToServe => t.cost,
        VoiceKey::Referrals => t.referrals,
        VoiceKey::Lost => t.wom,
        VoiceKey::Horizon => t.horizon,
    }
}

fn per_unit(locale: Locale, what: &str, unit: PeriodUnit) -> String {
    locale.strings().per_unit(what, unit)
}

/// The page's assumptions for the Assumptions page: the scenario first,
/// then the answer counts (used without data), then the economics.
pub fn fields(s: &Scenario, locale: Locale) -> Group {
    let t = locale.strings().voice;
    let a = &s.voice;
    let d = VoiceAssumptions::default();
    let ev = evidence_of(s);
    let has_scores = ev.and_then(|e| e.scores).is_some();
    let cur = s.currency.code();
    let field = |id: &'static str,
                 key: VoiceKey,
                 unit: Unit,
                 unit_text: String,
                 value: f64,
                 default: f64,
                 source: &str,
                 set: fn(f64) -> Action| Field {
        id,
        label: field_label(key, t).to_string(),
        unit_text,
        unit,
        value,
        default,
        source: source.to_string(),
        error: field_error(s, key, t),
        set,
    };
    let data_customers = ev.and_then(|e| e.customers).map(|n| n as f64);
    let mut fields = vec![
        field(
            "as-voice-dp",
            VoiceKey::DetractorsToPassives,
            Unit::Percent,
            t.percent_of_group.into(),
            a.detractors_to_passives_pct,
            d.detractors_to_passives_pct,
            t.move_dp_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::DetractorsToPassives, v)),
        ),
        field(
            "as-voice-pp",
            VoiceKey::PassivesToPromoters,
            Unit::Percent,
            t.percent_of_group.into(),
            a.passives_to_promoters_pct,
            d.passives_to_promoters_pct,
            t.move_pp_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::PassivesToPromoters, v)),
        ),
    ];
    if !has_scores {
        fields.extend([
            field(
                "as-voice-detractors",
                VoiceKey::Detractors,
                Unit::Count,
                t.answers.into(),
                a.detractors,
                d.detractors,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Detractors, v)),
            ),
            field(
                "as-voice-passives",
                VoiceKey::Passives,
                Unit::Count,
                t.answers.into(),
                a.passives,
                d.passives,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Passives, v)),
            ),
            field(
                "as-voice-promoters",
                VoiceKey::Promoters,
                Unit::Count,
                t.answers.into(),
                a.promoters,
                d.promoters,
                t.counts_source,
                |v| Action::Voice(VoiceAction::Set(VoiceKey::Promoters, v)),
            ),
        ]);
    }
    let customers_default = data_customers.unwrap_or(DEFAULT_CUSTOMERS);
    fields.extend([
        field(
            "as-voice-customers",
            VoiceKey::Customers,
            Unit::Count,
            t.customers_unit.into(),
            a.customers.unwrap_or(customers_default),
            customers_default,
            if data_customers.is_some() {
                t.customers_source_data
            } else {
                t.customers_source
            },
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Customers, v)),
        ),
        field(
            "as-voice-spend",
            VoiceKey::Spend,
            Unit::Money,
            per_unit(locale, cur, s.clv.unit),
            a.spend,
            d.spend,
            t.spend_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Spend, v)),
        ),
        field(
            "as-voice-margin",
            VoiceKey::MarginRate,
            Unit::Percent,
            t.percent.into(),
            a.margin_rate_pct,
            d.margin_rate_pct,
            t.margin_rate_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::MarginRate, v)),
        ),
        field(
            "as-voice-cost",
            VoiceKey::CostToServe,
            Unit::Money,
            per_unit(locale, cur, s.clv.unit),
            a.cost_to_serve,
            d.cost_to_serve,
            t.cost_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::CostToServe, v)),
        ),
        field(
            "as-voice-referrals",
            VoiceKey::Referrals,
            Unit::Number,
            t.per_100_year.into(),
            a.referrals_per_100,
            d.referrals_per_100,
            t.referrals_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Referrals, v)),
        ),
        field(
            "as-voice-lost",
            VoiceKey::Lost,
            Unit::Number,
            t.per_100_year.into(),
            a.lost_per_100,
            d.lost_per_100,
            t.wom_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Lost, v)),
        ),
        field(
            "as-voice-horizon",
            VoiceKey::Horizon,
            Unit::Number,
            t.years.into(),
            a.horizon_years,
            d.horizon_years,
            t.horizon_source,
            |v| Action::Voice(VoiceAction::Set(VoiceKey::Horizon, v)),
        ),
    ]);
    Group {
        id: "voice",
        title: t.group.into(),
        fields,
    }
}

// ---- Text for readings (the UI formats Figures with Intl; sentences that
// carry numbers are written here, so they follow the locale's conventions
// by hand: decimal comma and narrow no-break space grouping in French).

fn points_text(locale: Locale, v: f64) -> String {
    let n = format::number(locale, v, 1);
    if v > 0.0 && n != "0" {
        format!("+{n}")
    } else {
        n
    }
}

/// A finite number as a figure, else `Missing`.
fn fin(v: f64, make: fn(f64) -> Figure) -> Figure {
    if v.is_finite() {
        make(v)
    } else {
        Figure::Missing
    }
}

fn count(v: f64) -> Figure {
    Figure::number(v, 0)
}

impl VoiceView {
    /// The brief's sentence: what the move is worth, with its basis.
    pub fn move_sentence(&self, s: &Scenario) -> String {
        let locale = s.locale;
        let t = locale.strings().voice;
        let a = &s.voice;
        let Ok(m) = &self.money else {
            return String::new();
        };
        if a.detractors_to_passives_pct == 0.0 && a.passives_to_promoters_pct == 0.0 {
            return t.move_none.into();
        }
        let pv = m.scenario.present_value - m.baseline.present_value;
        let mut out = fill(
            t.move_sentence,
            &[
                (
                    "share",
                    &format::percent(locale, a.detractors_to_passives_pct / 100.0, 1),
                ),
                ("pv", &format::money(locale, s.currency, pv)),
                ("years", &format::number(locale, a.horizon_years, 1)),
                (
                    "rate",
                    &format::percent(locale, s.clv.annual_discount_pct / 100.0, 1),
                ),
                ("lifetime", &format::money(locale, s.currency, m.move_value)),
            ],
        );
        if a.passives_to_promoters_pct > 0.0 {
            out.push(' ');
            out.push_str(&fill(
                t.move_and,
                &[(
                    "share",
                    &format::percent(locale, a.passives_to_promoters_pct / 100.0, 1),
                )],
            ));
        }
        out
    }

    /// NPS answers: 0–10 bars coloured by category (data), or the three
    /// category counts (assumptions).
    pub fn distribution_chart(&self, locale: Locale) -> ChartSpec {
        let t = locale.strings().voice;
        let colour = |score: usize| match score {
            0..=6 => Colour::Vermillion,
            7 | 8 => Colour::Grey,
            _ => Colour::BluishGreen,
        };
        let n = self.counts.n() as f64;
        let share = |c: u64| {
            if n > 0.0 {
                Figure::percent(c as f64 / n)
            } else {
                Figure::Missing
            }
        };
        let (cats, spans, colours, rows, x_label): (Vec<String>, _, _, Vec<Vec<Figure>>, &str) =
            match self.scores {
                Some(sc) => (
                    (0..11).map(|i| i.to_string()).collect(),
                    sc.iter().map(|&c| (0.0, c as f64)).collect(),
                    (0..11).map(colour).collect(),
                    sc.iter()
                        .enumerate()
                        .map(|(i, &c)| {
                            vec![
                                count(i as f64),
                                Figure::Text(category_name(i, t).into()),
                                count(c as f64),
                                share(c),
                            ]
                        })
                        .collect(),
                    t.score,
                ),
                None => {
                    let c = [
                        self.counts.detractors,
                        self.counts.passives,
                        self.counts.promoters,
                    ];
                    let names = [t.detractors, t.passives, t.promoters];
                    (
                        names.iter().map(|x| x.to_string()).collect(),
                        c.iter().map(|&x| (0.0, x as f64)).collect(),
                        vec![Colour::Vermillion, Colour::Grey, Colour::BluishGreen],
                        names
                            .iter()
                            .zip(c)
                            .map(|(name, x)| {
                                vec![
                                    Figure::Text(name.to_string()),
                                    Figure::Text(name.to_string()),
                                    count(x as f64),
                                    share(x),
                                ]
                            })
                            .collect(),
                        t.category,
                    )
                }
            };
        let nps = self.estimate.as_ref().map(|e| e.nps).unwrap_or(f64::NAN);
        ChartSpec {
            id: "nps-distribution".into(),
            title: t.distribution.into(),
            alt: fill(
                t.distribution_alt,
                &[
                    ("n", &format::number(locale, n, 0)),
                    (
                        "promoters",
                        &format::number(locale, self.counts.promoters as f64, 0),
                    ),
                    (
                        "passives",
                        &format::number(locale, self.counts.passives as f64, 0),
                    ),
                    (
                        "detractors",
                        &format::number(locale, self.counts.detractors as f64, 0),
                    ),
                    ("nps", &points_text(locale, nps)),
                ],
            ),
            x: Axis::new(x_label, AxisFormat::Categories(cats)),
            y: Axis::new(t.answers_axis, AxisFormat::Number),
            // One colour per bar (category): the axis and the counts table
            // name them, a one-colour legend entry would mislead.
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans,
                    colours,
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    x_label.into(),
                    t.category.into(),
                    t.answers_axis.into(),
                    t.share.into(),
                ],
                rows,
            },
        }
    }
}

fn category_name(score: usize, t: &VoiceStrings) -> &'static str {
    match score {
        0..=6 => t.detractor,
        7 | 8 => t.passive,
        _ => t.promoter,
    }
}

/// Floating spans of a waterfall: each part from the running total before
/// it, then the total from zero.
pub fn waterfall_spans(parts: &[f64]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut run = 0.0;
    for p in parts {
        out.push((run, run + p));
        run += p;
    }
    out.push((0.0, run));
    out
}

impl Money {
    /// Lifetime value of each category's customers, stacked to the total.
    pub fn waterfall_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let parts: Vec<f64> = (0..3)
            .map(|g| self.customers[g] * self.values[g].total)
            .collect();
        let spans = waterfall_spans(&parts);
        let total = spans.last().map(|s| s.1).unwrap_or(0.0);
        let names = [t.detractors, t.passives, t.promoters, t.total];
        let mut rows: Vec<Vec<Figure>> = (0..3)
            .map(|g| {
                vec![
                    Figure::Text(names[g].into()),
                    fin(self.customers[g], count),
                    fin(self.values[g].total, Figure::Money),
                    fin(parts[g], Figure::Money),
                ]
            })
            .collect();
        rows.push(vec![
            Figure::Text(t.total.into()),
            fin(self.customers.iter().sum(), count),
            Figure::Missing,
            fin(total, Figure::Money),
        ]);
        ChartSpec {
            id: "nps-waterfall".into(),
            title: t.waterfall.into(),
            alt: fill(
                t.waterfall_alt,
                &[
                    ("detractors", &format::money(locale, currency, parts[0])),
                    ("passives", &format::money(locale, currency, parts[1])),
                    ("promoters", &format::money(locale, currency, parts[2])),
                    ("total", &format::money(locale, currency, total)),
                ],
            ),
            x: Axis::new(
                t.category,
                AxisFormat::Categories(names.iter().map(|x| x.to_string()).collect()),
            ),
            y: Axis::new(
                format!("{} ({})", t.value_axis, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: finite_spans(spans),
                    colours: vec![
                        Colour::Vermillion,
                        Colour::Grey,
                        Colour::BluishGreen,
                        Colour::Blue,
                    ],
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.category.into(),
                    t.customers_col.into(),
                    format!("{} ({})", t.value_per_customer, currency.code()),
                    format!("{} ({})", t.value_of_group, currency.code()),
                ],
                rows,
            },
        }
    }

    /// Revenue per period of today's mix and of the scenario.
    pub fn projection_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let strings = locale.strings();
        let line = |v: &[f64]| -> Vec<(f64, f64)> {
            let step = v.len().div_ceil(MAX_LINE_POINTS).max(1);
            v.iter()
                .enumerate()
                .filter(|(i, _)| i % step == 0 || *i + 1 == v.len())
                .filter(|(_, y)| y.is_finite())
                .map(|(i, y)| (i as f64, *y))
                .collect()
        };
        let units = strings.unit_plural(self.unit);
        let rows = self
            .baseline
            .total
            .iter()
            .zip(&self.scenario.total)
            .enumerate()
            .map(|(i, (b, s))| {
                vec![
                    count(i as f64),
                    fin(*b, Figure::Money),
                    fin(*s, Figure::Money),
                    fin(s - b, Figure::Money),
                ]
            })
            .collect();
        ChartSpec {
            id: "nps-projection".into(),
            title: t.projection.into(),
            alt: fill(
                t.projection_alt,
                &[
                    ("periods", &self.horizon_periods.to_string()),
                    ("units", units),
                    (
                        "baseline",
                        &format::money(locale, currency, self.baseline.sum),
                    ),
                    (
                        "scenario",
                        &format::money(locale, currency, self.scenario.sum),
                    ),
                ],
            ),
            x: Axis::new(
                format!("{} ({})", t.period_axis, strings.unit_plural(self.unit)),
                AxisFormat::Number,
            ),
            y: Axis::new(
                format!("{} ({})", t.revenue_axis, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![
                Series {
                    name: t.baseline.into(),
                    colour: Colour::Grey,
                    mark: Mark::Line {
                        points: line(&self.baseline.total),
                        dashed: true,
                    },
                },
                Series {
                    name: t.scenario.into(),
                    colour: Colour::Blue,
                    mark: Mark::Line {
                        points: line(&self.scenario.total),
                        dashed: false,
                    },
                },
            ],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    format!("{} ({})", t.period_axis, units),
                    format!("{} ({})", t.baseline, currency.code()),
                    format!("{} ({})", t.scenario, currency.code()),
                    format!("Δ ({})", currency.code()),
                ],
                rows,
            },
        }
    }

    /// Value per customer by CSAT and CES band.
    pub fn links_chart(&self, locale: Locale, currency: Currency) -> ChartSpec {
        let t = locale.strings().voice;
        let names = [
            t.csat_low,
            t.csat_mid,
            t.csat_high,
            t.ces_difficult,
            t.ces_neutral,
            t.ces_easy,
        ];
        let colours = vec![
            Colour::Vermillion,
            Colour::Grey,
            Colour::BluishGreen,
            Colour::Vermillion,
            Colour::Grey,
            Colour::BluishGreen,
        ];
        let value = |i: usize| self.links.get(i).map(|l| l.0).unwrap_or(f64::NAN);
        ChartSpec {
            id: "nps-links".into(),
            title: t.links.into(),
            alt: fill(
                t.links_alt,
                &[
                    ("csat_low", &format::money(locale, currency, value(0))),
                    ("csat_high", &format::money(locale, currency, value(2))),
                    ("ces_difficult", &format::money(locale, currency, value(3))),
                    ("ces_easy", &format::money(locale, currency, value(5))),
                ],
            ),
            x: Axis::new(
                t.band,
                AxisFormat::Categories(names.iter().map(|x| x.to_string()).collect()),
            ),
            y: Axis::new(
                format!("{} ({})", t.value_per_customer, currency.code()),
                AxisFormat::Money,
            ),
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans: finite_spans((0..6).map(|i| (0.0, value(i))).collect()),
                    colours,
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    t.band.into(),
                    t.answers_axis.into(),
                    format!("{} ({})", t.value_per_customer, currency.code()),
                ],
                rows: (0..6)
                    .map(|i| {
                        vec![
                            Figure::Text(names[i].into()),
                            match self.links.get(i).and_then(|l| l.1) {
                                Some(n) => count(n as f64),
                                None => Figure::Missing,
                            },
                            fin(value(i), Figure::Money),
                        ]
                    })
                    .collect(),
            },
        }
    }

    /// Group economics table: per category, the inputs of its value.
    pub fn economics_table(&self, locale: Locale, currency: Currency) -> DataTable {
        let t = locale.strings().voice;
        let names = [t.detractors, t.passives, t.promoters];
        let unit = locale.strings().unit_name(self.unit).to_lowercase();
        let cur = currency.code();
        let mut headers = vec![
            t.category.to_string(),
            t.retention_col.to_string(),
            format!("{} ({cur}, {unit})", t.spend_col),
            format!("{} ({cur}, {unit})", t.cost_col),
            t.referrals_col.to_string(),
            t.wom_col.to_string(),
            format!("{} ({cur})", t.value_per_customer),
        ];
        if self.values_range.is_some() {
            headers.push(format!("{} ({cur})", t.low_high));
        }
        let rows = (0..3)
            .map(|g| {
                let e = &self.groups[g];
                let mut row = vec![
                    Figure::Text(names[g].into()),
                    fin(e.retention, |v| Figure::Percent {
                        value: v,
                        decimals: 2,
                    }),
                    fin(e.spend, Figure::Money),
                    fin(e.cost_to_serve, Figure::Money),
                    fin(e.referrals, |v| Figure::number(v, 4)),
                    fin(e.negative_wom, |v| Figure::number(v, 4)),
                    fin(self.values[g].total, Figure::Money),
                ];
                if let Some((lo, hi)) = &self.values_range {
                    row.push(Figure::Text(format!(
                        "{} – {}",
                        format::money(locale, currency, lo[g].total),
                        format::money(locale, currency, hi[g].total)
                    )));
                }
                row
            })
            .collect();
        DataTable { headers, rows }
    }

    /// The default factors behind the group economics, with their sources
    /// and kind, in the user's language.
    pub fn assumption_lines(&self, locale: Locale) -> Vec<String> {
        let t = locale.strings().voice;
        let EconomicsSource::Defaults(list) = &self.source else {
            return Vec::new();
        };
        list.iter()
            .map(|a| {
                let kind = match a.kind {
                    AssumptionKind::Published => t.published,
                    AssumptionKind::Illustrative => t.illustrative,
                };
                let v = a
                    .values
                    .iter()
                    .map(|x| format::number(locale, *x, 2))
                    .collect::<Vec<_>>()
                    .join(" / ");
                format!(
                    "{} ({}): {v} ({kind}). {}",
                    assumption_name(a.name, locale),
                    t.factors,
                    a.source
                )
            })
            .collect()
    }
}

fn assumption_name(name: &str, locale: Locale) -> String {
    let s = locale
        .strings()
        .voice
        .assumption_names
        .iter()
        .find(|(en, _)| *en == name)
        .map_or(name, |(_, translated)| translated);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Spans with a non-finite end collapse to zero height: no NaN reaches the
/// renderer.
fn finite_spans(spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans
        .into_iter()
        .map(|(a, b)| {
            if a.is_finite() && b.is_finite() {
                (a, b)
            } else {
                (0.0, 0.0)
            }
        })
        .collect()
}

/// The page's headline cards, for the Overview: NPS with its margin, and
/// the value of one more NPS point.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let v = compute(s);
    headlines_of(s, &v)
}

/// The headline cards from an already computed view.
pub fn headlines_of(s: &Scenario, v: &VoiceView) -> Vec<Headline> {
    let locale = s.locale;
    let t = locale.strings().voice;
    let mut out = Vec::new();
    let n = v.counts.n() as f64;
    let (figure, interval, reading) = match &v.estimate {
        Some(e) => {
            let mut reading = fill(
                t.nps_reading,
                &[
                    ("margin", &format::number(locale, e.margin_of_error, 1)),
                    ("n", &format::number(locale, n, 0)),
                    ("low", &points_text(locale, e.ci_low)),
                    ("high", &points_text(locale, e.ci_high)),
                ],
            );
            if !e.warnings.is_empty() {
                reading.push(' ');
                reading.push_str(t.small_sample);
            }
            (
                fin(e.nps, Figure::Points),
                Some((
                    fin(e.ci_low, Figure::Points),
                    fin(e.ci_high, Figure::Points),
                    t.interval_95.to_string(),
                )),
                reading,
            )
        }
        None => (Figure::Missing, None, t.err_no_answers.to_string()),
    };
    let ans = |x: u64| Figure::number(x as f64, 0);
    out.push(Headline {
        id: "card-nps",
        title: t.card_nps.into(),
        figure,
        interval,
        reading,
        how: How {
            formula: t.nps_formula.into(),
            inputs: vec![
                (t.promoters.into(), ans(v.counts.promoters)),
                (t.passives.into(), ans(v.counts.passives)),
                (t.detractors.into(), ans(v.counts.detractors)),
            ],
            source: t.nps_source.into(),
            caveats: t.nps_caveats.into(),
        },
        page: View::Voice,
    });
    let (figure, interval, reading, inputs) = match &v.money {
        Ok(m) => {
            let [d, _, p] = &m.values;
            let reading = if d.total > 0.0 && p.total.is_finite() {
                fill(
                    t.point_reading_ratio,
                    &[(
                        "ratio",
                        &format!("{}×", format::number(locale, p.total / d.total, 1)),
                    )],
                )
            } else {
                fill(
                    t.point_reading_values,
                    &[
                        ("detractor", &format::money(locale, s.currency, d.total)),
                        ("promoter", &format::money(locale, s.currency, p.total)),
                    ],
                )
            };
            let interval = m.point_range.as_ref().map(|(lo, hi)| {
                (
                    fin(lo.from_detractors, Figure::Money),
                    fin(hi.from_detractors, Figure::Money),
                    t.point_interval.to_string(),
                )
            });
            let names = [t.detractor, t.passive, t.promoter];
            let mut inputs = vec![(t.customers.to_string(), fin(v.customers, count))];
            for (name, value) in names.iter().zip(&m.values) {
                inputs.push((
                    format!("V ({})", name.to_lowercase()),
                    fin(value.total, Figure::Money),
                ));
            }
            (
                fin(m.point.from_detractors, Figure::Money),
                interval,
                reading,
                inputs,
            )
        }
        Err(e) => (Figure::Missing, None, e.clone(), Vec::new()),
    };
    out.push(Headline {
        id: "card-nps-point",
        title: t.card_point.into(),
        figure,
        interval,
        reading,
        how: How {
            formula: t.point_formula.into(),
            inputs,
            source: t.point_source.into(),
            caveats: t.point_caveats.into(),
        },
        page: View::Voice,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use cxi_parse::Categories;
    use cxi_parse::Customers;
    use cxi_parse::Dataset;

    fn scenario() -> Scenario {
        Scenario::new(Locale::En)
    }

    fn with_counts(d: f64, pa: f64, p: f64) -> Scenario {
        let mut s = scenario();
        s.voice.detractors = d;
        s.voice.passives = pa;
        s.voice.promoters = p;
        s
    }

    /// Reference: hand computation. 0–10 answers 3, 1, 0, 0, 0, 0, 2 | 4, 5 |
    /// 6, 9: detractors 3 + 1 + 2 = 6, passives 9, promoters 15, NPS =
    /// 100 × (15 − 6)/30 = 30.
    #[test]
    fn nps_from_score_counts_hand_computed() {
        let c = categories(&[3, 1, 0, 0, 0, 0, 2, 4, 5, 6, 9]);
        assert_eq!(c, NpsCounts::new(15, 9, 6));
        let e = c.estimate(ConfidenceLevel::NINETY_FIVE).unwrap();
        assert!((e.nps - 30.0).abs() < 1e-12);
    }

    /// Reference: Sauro & Lewis (MeasuringU 2021) adjusted-Wald steps, as
    /// hand-computed in `core::nps` for 50 promoters, 30 passives, 20
    /// detractors: NPS 30, margin 15.0751, interval 14.051 .. 44.201.
    #[test]
    fn nps_card_shows_the_adjusted_wald_margin() {
        let s = with_counts(20.0, 30.0, 50.0);
        let cards = headlines(&s);
        let nps = &cards[0];
        assert_eq!(nps.id, "card-nps");
        assert_eq!(nps.figure, Figure::Points(30.0));
        let (lo, hi, _) = nps.interval.as_ref().unwrap();
        assert!((lo.value().unwrap() - 14.051).abs() < 1e-3);
        assert!((hi.value().unwrap() - 44.201).abs() < 1e-3);
        assert!(
            nps.reading.starts_with("± 15.1 points from 100 answers"),
            "{}",
            nps.reading
        );
        assert!(
            nps.reading.contains("between +14.1 and +44.2"),
            "{}",
            nps.reading
        );
    }

    /// Reference: hand computation of the default economics (calibration of
    /// `default_nps_economics` written out, then Bain's value formula), for
    /// the default scenario: shares 0.25 / 0.35 / 0.40, monthly retention
    /// 0.95, spend 100, margin 55 %, cost 5, 12 referrals and 6 lost
    /// prospects per 100 customers a year, discount d = 1.1^(1/12) − 1.
    #[test]
    fn move_value_hand_computed() {
        let s = scenario();
        let v = compute(&s);
        let m = v.money.as_ref().unwrap();
        let d = 1.1f64.powf(1.0 / 12.0) - 1.0;
        let sh = [0.25, 0.35, 0.40];
        let norm = |k: [f64; 3]| sh[0] * k[0] + sh[1] * k[1] + sh[2] * k[2];
        let (ck, sk, kk) = ([2.0, 1.0, 0.5], [0.8, 1.0, 1.2], [1.3, 1.0, 0.8]);
        let (rs, ws) = ([0.05, 0.10, 0.85], [0.85, 0.15, 0.0]);
        let new_value = 50.0 * (1.0 + d) / (1.0 + d - 0.95);
        let value = |g: usize| {
            let r = 1.0 - 0.05 * ck[g] / norm(ck);
            let spend = 100.0 * sk[g] / norm(sk);
            let cost = 5.0 * kk[g] / norm(kk);
            let refs = 0.01 * rs[g] / sh[g];
            let wom = 0.005 * ws[g] / sh[g];
            let a = (1.0 + d) / (1.0 + d - r);
            (spend * 0.55 - cost) * a + (refs - wom) * a * new_value
        };
        for g in 0..3 {
            assert!((m.values[g].total - value(g)).abs() < 1e-9, "{g}");
        }
        // 10 % of 2 500 detractors (25 % of 10 000) become passives.
        let expected = 0.1 * 2500.0 * (value(1) - value(0));
        assert!((m.move_value - expected).abs() < 1e-6);
        // +1 point = 1 % of the base from detractor to passive.
        assert!((m.point.from_detractors - 100.0 * (value(1) - value(0))).abs() < 1e-6);
        assert_eq!(m.horizon_periods, 36);
        // The sentence is built from these numbers.
        let sentence = v.move_sentence(&s);
        let pv = m.scenario.present_value - m.baseline.present_value;
        assert!(pv > 0.0);
        assert!(
            sentence.starts_with(&format!(
                "Moving 10% of detractors to passives is worth {} of revenue over 3 years",
                format::money(Locale::En, Currency::Eur, pv)
            )),
            "{sentence}"
        );
        assert!(sentence.contains(&format::money(Locale::En, Currency::Eur, m.move_value)));
    }

    /// The waterfall's parts end where the total bar ends.
    #[test]
    fn waterfall_spans_sum_to_the_total() {
        let spans = waterfall_spans(&[-33.0, 200.0, 605.0]);
        assert_eq!(
            spans,
            vec![(0.0, -33.0), (-33.0, 167.0), (167.0, 772.0), (0.0, 772.0)]
        );
        let v = compute(&scenario());
        let m = v.money.unwrap();
        let chart = m.waterfall_chart(Locale::Fr, Currency::Eur);
        let Mark::Bars { spans, colours, .. } = &chart.series[0].mark else {
            panic!()
        };
        let parts: f64 = (0..3).map(|g| m.customers[g] * m.values[g].total).sum();
        assert!((spans[3].1 - parts).abs() < 1e-6 * parts.abs());
        assert!((spans[2].1 - spans[3].1).abs() < 1e-6 * parts.abs());
        assert_eq!(colours[0], Colour::Vermillion);
        assert_eq!(colours[2], Colour::BluishGreen);
    }

    #[test]
    fn invalid_assumptions_are_explained_not_computed() {
        let mut s = scenario();
        s.voice.detractors_to_passives_pct = 120.0;
        let v = compute(&s);
        let e = v.money.unwrap_err();
        assert!(e.contains("detractors moved to passives"), "{e}");
        let g = fields(&s, Locale::En);
        let f = g.fields.iter().find(|f| f.id == "as-voice-dp").unwrap();
        assert_eq!(f.error.as_deref(), Some("must be from 0 to 100 %"));
        let s = with_counts(0.0, 0.0, 0.0);
        let v = compute(&s);
        assert!(v.estimate.is_none());
        assert!(v.money.is_err());
        let cards = headlines(&s);
        assert_eq!(cards[0].figure, Figure::Missing);
    }

    #[test]
    fn reducer_sets_and_resets() {
        let mut a = VoiceAssumptions::default();
        a.apply(VoiceAction::Set(VoiceKey::Customers, 500.0));
        a.apply(VoiceAction::Set(VoiceKey::Horizon, 5.0));
        assert_eq!(a.customers, Some(500.0));
        assert_eq!(a.horizon_years, 5.0);
        a.apply(VoiceAction::Reset);
        assert_eq!(a, VoiceAssumptions::default());
    }

    #[test]
    fn text_follows_the_locale() {
        assert_eq!(points_text(Locale::En, 15.0), "+15");
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// Reference: hand computation of the per-period retention. Monthly
    /// periods (30.4375 days); last date 2024-12-31. Promoters: A from
    /// 2024-01-01 (365 days → 12 periods, active), B from 2024-07-01, churned
    /// 2024-10-01 (92 days → 3 periods): 1 churn in 15 customer-months,
    /// retention 1 − 1/15. Detractors: C from 2024-10-01 churned 2024-12-31
    /// (91 days → 3 periods): retention 1 − 1/3. Revenue means 30 and 10.
    #[test]
    fn evidence_retention_per_period_hand_computed() {
        let c = Customers {
            id: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            revenue: Some(vec![Some(20.0), Some(40.0), Some(10.0), Some(5.0)]),
            acquisition_date: Some(vec![
                day(2024, 1, 1),
                day(2024, 7, 1),
                day(2024, 10, 1),
                day(2024, 2, 1),
            ]),
            churned: Some(vec![Some(false), Some(true), Some(true), Some(false)]),
            churn_date: Some(vec![None, day(2024, 10, 1), day(2024, 12, 31), None]),
            nps: Some(vec![Some(10.0), Some(9.0), Some(3.0), None]),
            segment: Some(Categories {
                labels: vec!["SMB".into(), "Large".into()],
                codes: vec![0, 0, 1, 1],
            }),
            rows: vec![2, 3, 4, 5],
            ..Customers::default()
        };
        let e = evidence(&Dataset::Customers(c)).unwrap();
        let sc = e.scores.unwrap();
        assert_eq!((sc[10], sc[9], sc[3], sc.iter().sum::<u64>()), (1, 1, 1, 3));
        assert_eq!(e.customers, Some(4));
        assert_eq!(e.segments.len(), 2);
        assert_eq!(e.segments[1].rows, 2);
        assert_eq!(e.segments[1].scores[3], 1);
        let g = e.nps_groups.unwrap();
        assert!((g[2].retention.estimate - (1.0 - 1.0 / 15.0)).abs() < 1e-12);
        assert_eq!(g[2].retention.n, 15);
        assert!((g[0].retention.estimate - (1.0 - 1.0 / 3.0)).abs() < 1e-12);
        assert!((g[2].spend.mean - 30.0).abs() < 1e-12);
        assert!((g[0].spend.mean - 10.0).abs() < 1e-12);
        assert_eq!(g[1].n, 0);
        assert!(g[2].retention.ci_low < g[2].retention.estimate);
    }

    #[test]
    fn subscription_sample_gives_measured_economics_and_segments() {
        use crate::data::Sample;
        use crate::data::Session;
        for l in Locale::ALL {
            let text = Sample::Subscription.text(l);
            let session = Session::open(
                text.clone().into_bytes(),
                Sample::Subscription.source(l, text.len()),
                &mut |_, _, _| {},
            )
            .unwrap();
            let loaded = session.loaded().unwrap();
            let e = loaded.evidence.voice.clone().unwrap();
            let answered: u64 = e.scores.unwrap().iter().sum();
            assert!((1500..1700).contains(&answered), "{answered}");
            assert_eq!(e.segments.len(), 3);
            let g = e.nps_groups.as_ref().unwrap();
            // The sample's churn falls with satisfaction.
            assert!(g[2].retention.estimate > g[0].retention.estimate);
            assert!(e.csat.as_ref().unwrap().groups.is_some());
            let mut s = Scenario::new(l);
            s.data = Some(loaded);
            let v = compute(&s);
            assert!(v.from_data && v.customers_from_data);
            assert_eq!(v.customers, 2000.0);
            let m = v.money.as_ref().unwrap();
            assert_eq!(m.source, EconomicsSource::Data);
            assert!(m.values[2].total > m.values[0].total);
            assert!(m.values_range.is_some() && m.links_from_data);
            // A segment narrows the counts and the base.
            s.segment = Some(e.segments[0].name.clone());
            let w = compute(&s);
            assert_eq!(w.segment.as_deref(), Some(e.segments[0].name.as_str()));
            assert_eq!(w.customers, e.segments[0].rows as f64);
            assert!(w.counts.n() < v.counts.n());
            // Small enough for a link.
            let json = serde_json::to_string(&e).unwrap();
            assert!(json.len() < 8000, "{}", json.len());
        }
    }
}
