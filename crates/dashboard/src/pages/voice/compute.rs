//! The page from the scenario: answers or assumed counts, group economics, the move's value.
//!
//! Numbers only: what cannot be computed is said with [`MoneyError`] and
//! [`FieldProblem`], and the words step (`words.rs`) writes the sentences.

use super::evidence::*;
use super::measured::{cost_by_contacts, joined, joined_bands, Band, Joined};
use super::slice::VoiceSlice;
use super::state::*;
use super::view::EconomicsSource;
use super::view::FieldProblem;
use super::view::Link;
use super::view::Money;
use super::view::MoneyError;
use super::view::VoiceView;
use cxi_models::nps::NpsCounts;
use cxi_models::score_value::default_ces_economics;
use cxi_models::score_value::default_csat_economics;
use cxi_models::score_value::default_nps_economics;
use cxi_models::score_value::project_revenue;
use cxi_models::score_value::value_of_move;
use cxi_models::score_value::value_of_nps_point;
use cxi_models::score_value::Assumption;
use cxi_models::score_value::AverageCustomer;
use cxi_models::score_value::GroupEconomics;
use cxi_models::score_value::GroupEstimate;
use cxi_models::score_value::GroupValue;
use cxi_models::score_value::ScoreValueError;
use cxi_models::score_value::ValueSettings;
use cxi_models::score_value::MAX_RETENTION;
use cxi_models::score_value::{RELATIVE_CHURN, RELATIVE_CONTACTS, RELATIVE_COST, RELATIVE_SPEND};
use cxi_models::stats::ConfidenceLevel;
use cxi_types::period::annual_to_period_rate;
use cxi_types::period::PeriodUnit;

/// Average customer per period of `unit`, from the assumptions and the CLV
/// page's retention (converted when the data's period differs).
fn average_customer(s: &VoiceSlice, unit: PeriodUnit) -> AverageCustomer {
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

pub(super) fn shares(c: &NpsCounts) -> [f64; 3] {
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

type Economics = (
    [GroupEconomics; 3],
    Option<([GroupEconomics; 3], [GroupEconomics; 3])>,
    EconomicsSource,
);

/// The defaults with the join's measured spend (and CRM retention and
/// support contacts) per category, at the centre and at either end of the
/// spend and retention 95 % intervals (the contacts' split of the cost to
/// serve is the same at all three); the factors they replace leave the
/// list of assumptions. `avg_cost` and `shares` are the average customer's
/// cost to serve and the groups' shares the contacts share it out with.
fn with_joined(
    defaults: &[GroupEconomics; 3],
    assumptions: Vec<Assumption>,
    j: &Joined,
    avg_cost: f64,
    shares: [f64; 3],
) -> Economics {
    let cost = j
        .contacts
        .as_ref()
        .and_then(|c| cost_by_contacts(avg_cost, c, shares));
    let at = |pick: fn(&Band) -> f64| -> [GroupEconomics; 3] {
        std::array::from_fn(|g| {
            let mut e = defaults[g].clone();
            e.spend = pick(&j.spend[g]);
            if let Some(r) = &j.retention {
                e.retention = pick(&r[g]).clamp(0.0, MAX_RETENTION);
            }
            if let Some(c) = &cost {
                e.cost_to_serve = c[g];
            }
            e
        })
    };
    let replaced = |name: &str| {
        name == RELATIVE_SPEND
            || (j.retention.is_some() && name == RELATIVE_CHURN)
            || (cost.is_some() && (name == RELATIVE_COST || name == RELATIVE_CONTACTS))
    };
    (
        at(|b| b.mid),
        Some((at(|b| b.low), at(|b| b.high))),
        EconomicsSource::Joined {
            measured: j.measured,
            window_days: j.window_days,
            retention: j.retention.is_some(),
            contacts: cost.is_some(),
            assumptions: assumptions
                .into_iter()
                .filter(|a| !replaced(a.name))
                .collect(),
        },
    )
}

fn central(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.estimate, x.spend.mean)
}
pub(super) fn low(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.ci_low, x.spend.ci_low)
}
pub(super) fn high(x: &GroupEstimate) -> (f64, f64) {
    (x.retention.ci_high, x.spend.ci_high)
}

fn values_of(
    g: &[GroupEconomics; 3],
    s: &ValueSettings,
) -> Result<[GroupValue; 3], ScoreValueError> {
    Ok([g[0].value(s)?, g[1].value(s)?, g[2].value(s)?])
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

/// What is wrong with one assumption (`None` when usable).
pub fn field_problem(s: &VoiceSlice, key: VoiceKey) -> Option<FieldProblem> {
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
    Some(match key {
        VoiceKey::DetractorsToPassives | VoiceKey::PassivesToPromoters | VoiceKey::MarginRate => {
            FieldProblem::Share
        }
        VoiceKey::Horizon => FieldProblem::Horizon,
        VoiceKey::Detractors | VoiceKey::Passives | VoiceKey::Promoters | VoiceKey::Customers => {
            FieldProblem::Count
        }
        VoiceKey::Spend | VoiceKey::CostToServe | VoiceKey::Referrals | VoiceKey::Lost => {
            FieldProblem::Negative
        }
    })
}

pub(super) fn evidence_of<'a>(s: &VoiceSlice<'a>) -> Option<&'a VoiceEvidence> {
    s.evidence
}

/// Everything the page shows, from the scenario (cheap: the fits are in
/// the evidence).
pub fn compute(s: &VoiceSlice) -> VoiceView {
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
    let money = if let Some(key) = VoiceKey::ALL
        .into_iter()
        .find(|k| field_problem(s, *k).is_some())
    {
        Err(MoneyError::Field(key))
    } else if counts.n() == 0 {
        Err(MoneyError::NoAnswers)
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

pub(super) fn money(
    s: &VoiceSlice,
    ev: Option<&VoiceEvidence>,
    counts: &NpsCounts,
    customers: f64,
) -> Result<Money, MoneyError> {
    let a = &s.voice;
    let data_groups = ev.and_then(|e| e.nps_groups.as_ref());
    let unit = match (data_groups, ev.and_then(|e| e.unit)) {
        (Some(_), Some(u)) => u,
        _ => s.clv.unit,
    };
    let avg = average_customer(s, unit);
    let annual_discount = s.clv.annual_discount_pct / 100.0;
    let discount = annual_to_period_rate(annual_discount, unit)
        .ok_or(MoneyError::Discount(annual_discount))?;
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
    let joined = s.linked.and_then(|l| joined(l, unit));
    let join_unused = s.linked.is_some() && joined.is_none();
    let (groups, range, source) = match (data_groups, joined) {
        (Some(est), _) if est.len() == 3 => (
            with_data(&defaults, est, central),
            Some((
                with_data(&defaults, est, low),
                with_data(&defaults, est, high),
            )),
            EconomicsSource::Data,
        ),
        (_, Some(j)) => with_joined(&defaults, assumptions, &j, avg.cost_to_serve, sh),
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
    let move_value = value_of_move(&values[0], &values[1], n[0], dp)?
        + value_of_move(&values[1], &values[2], n[1], pp)?;
    let moved = [
        n[0] * (1.0 - dp),
        n[1] + n[0] * dp - n[1] * pp,
        n[2] + n[1] * pp,
    ];
    let horizon_periods = (a.horizon_years * unit.per_year())
        .round()
        .clamp(1.0, 1200.0) as u32;
    let baseline = project_revenue(&groups, &n, &settings, horizon_periods)?;
    let scenario = project_revenue(&groups, &moved, &settings, horizon_periods)?;
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
        join_unused: join_unused && matches!(source, EconomicsSource::Defaults(_)),
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

pub(super) type Defaults = fn(&AverageCustomer, [f64; 3]) -> ([GroupEconomics; 3], Vec<Assumption>);

/// Value per customer in each CSAT and CES band: measured retention and
/// revenue per band when the customer table has them (or spend after the
/// answer when the survey is joined to the orders), else the core's
/// default band economics with the data's band shares (or the NPS shares).
pub(super) fn links(
    s: &VoiceSlice,
    ev: Option<&VoiceEvidence>,
    avg: &AverageCustomer,
    nps_shares: [f64; 3],
    settings: &ValueSettings,
) -> Result<(Vec<Link>, bool), MoneyError> {
    let mut out = Vec::with_capacity(6);
    let mut from_data = false;
    let parts: [(Option<&RatingEvidence>, Defaults); 2] = [
        (ev.and_then(|e| e.csat.as_ref()), default_csat_economics),
        (ev.and_then(|e| e.ces.as_ref()), default_ces_economics),
    ];
    let joined = s
        .linked
        .map(|l| joined_bands(l, settings.unit))
        .unwrap_or([None, None]);
    for ((r, defaults), j) in parts.into_iter().zip(joined) {
        let sh = match r {
            Some(r) => {
                let n = r.summary.band_counts.iter().sum::<u64>().max(1) as f64;
                r.summary.band_counts.map(|c| c as f64 / n)
            }
            None => nps_shares,
        };
        let (d, _) = defaults(avg, sh);
        let groups = match (r.and_then(|r| r.groups.as_ref()), j) {
            (Some(est), _) if est.len() == 3 => {
                from_data = true;
                with_data(&d, est, central)
            }
            (_, Some(j)) => {
                from_data = true;
                with_joined(&d, Vec::new(), &j, avg.cost_to_serve, sh).0
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
