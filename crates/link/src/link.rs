//! The join and the evidence: answers tied to their customer's orders and
//! CRM row, the behaviour after each answer measured, per score group.

use chrono::NaiveDate;
use cxi_models::csat::CsatScale;
use cxi_models::nps::NpsCategory;
use cxi_models::rating::{Band, RatingScale};
use cxi_models::stats::ConfidenceLevel;
use serde::{Deserialize, Serialize};

use crate::contrast::Measure;
use crate::error::{LinkError, TableKind};
use crate::groups::{table, GroupTable, Tally};
use crate::history::{day, Bought, History};
use crate::ids::Reconcile;
use crate::input::{Answers, Crm, Orders};
use crate::report::{propose, report_keyed, Keys, MatchReport, Proposal};
use crate::select::{select, AnswerRule};

/// The window after an answer when the user has not chosen one, in days.
pub const DEFAULT_WINDOW_DAYS: u32 = 365;
/// Unmatched ids listed in a match report by default.
pub const DEFAULT_LISTED: usize = 20;

/// The user's choices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LinkOptions {
    /// Id reconciliations the user confirmed.
    pub reconcile: Reconcile,
    /// Which answers count when a customer answered several times.
    pub rule: AnswerRule,
    /// Length of the window after each answer, days (1 or more).
    pub window_days: u32,
    /// First day the order log covers; `None`: its first purchase.
    pub log_start: Option<NaiveDate>,
    /// Last day the order log covers; `None`: its last purchase.
    pub log_end: Option<NaiveDate>,
    /// Level of the intervals.
    pub confidence: ConfidenceLevel,
    /// The scale CSAT answers are on.
    pub csat_scale: CsatScale,
    /// Unmatched ids listed per match report.
    pub listed: usize,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            reconcile: Reconcile::NONE,
            rule: AnswerRule::LatestBeforeWindow,
            window_days: DEFAULT_WINDOW_DAYS,
            log_start: None,
            log_end: None,
            confidence: ConfidenceLevel::NINETY_FIVE,
            csat_scale: CsatScale::FivePoint,
            listed: DEFAULT_LISTED,
        }
    }
}

/// Which table lacked dates, when behaviour could not follow the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingDates {
    /// The answers have no dates.
    Answers,
    /// The orders have no dates.
    Orders,
    /// Neither has.
    Both,
}

/// What the behaviour measures cover: the user is told which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Basis {
    /// Behaviour after each answer: purchases on days in
    /// `(answer, answer + window_days]`; repeat means at least one.
    ///
    /// Censoring: an answer whose window is not wholly inside
    /// `[log_start, log_end]` (it runs past the log's end, or starts before
    /// the log does) is left out of the repeat and spend measures and
    /// counted in [`GroupRow::censored`](crate::GroupRow::censored); it
    /// still counts for the score, churn and contacts. Shortening its window
    /// instead would lower the figures of recent answers and bias groups
    /// that answered later.
    AfterAnswer {
        /// The window, days.
        window_days: u32,
        /// First day the log covers.
        log_start: NaiveDate,
        /// Last day the log covers.
        log_end: NaiveDate,
    },
    /// No dates to order answers and purchases: each answer gets its
    /// customer's whole log (spend: all of it; repeat: two purchases or
    /// more, since every customer of the log has one). Behaviour before the
    /// answer is then mixed in: association, not a consequence.
    WholeLog {
        /// Which dates are missing.
        missing: MissingDates,
    },
}

/// Everything the joined tables show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What the behaviour measures cover.
    pub basis: Basis,
    /// The rule for several answers per customer.
    pub rule: AnswerRule,
    /// The reconciliations applied.
    pub reconcile: Reconcile,
    /// Answers found in the order log.
    pub orders_match: MatchReport,
    /// Answers found in the CRM table.
    pub crm_match: Option<MatchReport>,
    /// Reconciliations not on that would match more answers.
    pub proposals: Vec<Proposal>,
    /// By NPS category (detractor, passive, promoter).
    pub nps: Option<GroupTable<NpsCategory>>,
    /// By CSAT band.
    pub csat: Option<GroupTable<Band>>,
    /// By CES band.
    pub ces: Option<GroupTable<Band>>,
}

/// Whose answers each NPS category's linked units are: the order log's
/// customer (an index into [`Orders::customer_ids`]) of every unit kept by
/// the rule and found in the log, censored or not. A model of the log
/// (P(alive), CLV at its end) is then read per category from them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Units {
    /// Detractors, passives, promoters; `None` without an NPS column.
    pub nps: Option<[Vec<u32>; 3]>,
}

/// [`link()`] with the [`Units`] of each NPS category.
pub fn link_with_units(
    orders: &Orders,
    answers: &Answers,
    crm: Option<&Crm>,
    options: &LinkOptions,
) -> Result<(Evidence, Units), LinkError> {
    let mut units = Units::default();
    let evidence = join(orders, answers, crm, options, Some(&mut units))?;
    Ok((evidence, units))
}

/// The join of the tables and the measured evidence.
///
/// Answers meet their customer's orders and CRM row by id (trimmed, case
/// folded, with the reconciliations of `options`); every answer counts in
/// its group's [`answers`](crate::GroupRow::answers), those kept by the
/// rule and found in the log are measured ([`Basis`] says over what).
///
/// # Formula
/// Per group `g` and measure `x` over its measured units `U_g`:
/// `x̄_g = Σ_{u∈U_g} x_u / |U_g|`; repeat `x_u = 1[purchases ≥ 1]`, spend
/// `x_u = Σ amounts in (d_u, d_u + w]`, churn `x_u = 1[churned]`, contacts
/// `x_u` = the CRM count. Contrasts: see [`crate::contrast`].
pub fn link(
    orders: &Orders,
    answers: &Answers,
    crm: Option<&Crm>,
    options: &LinkOptions,
) -> Result<Evidence, LinkError> {
    join(orders, answers, crm, options, None)
}

fn join(
    orders: &Orders,
    answers: &Answers,
    crm: Option<&Crm>,
    options: &LinkOptions,
    units: Option<&mut Units>,
) -> Result<Evidence, LinkError> {
    orders.validate()?;
    answers.validate(options.csat_scale)?;
    if let Some(c) = crm {
        c.validate()?;
    }
    if options.window_days == 0 {
        return Err(LinkError::ZeroWindow);
    }
    let r = options.reconcile;
    let mut keys = Keys::new(r);
    let history = History::build(orders, &mut keys);
    let basis = basis(orders, answers, options, &history)?;

    let mut crm_row: Vec<u32> = Vec::new();
    if let Some(c) = crm {
        for (i, id) in c.ids.iter().enumerate() {
            if let Some(k) = keys.insert(id) {
                let k = k as usize;
                if crm_row.len() <= k {
                    crm_row.resize(k + 1, u32::MAX);
                }
                // A repeated id keeps its first row.
                if crm_row[k] == u32::MAX {
                    crm_row[k] = i as u32;
                }
            }
        }
    }
    let akeys: Vec<Option<u32>> = answers.ids.iter().map(|id| keys.insert(id)).collect();
    let days: Option<Vec<i32>> = answers
        .dates
        .as_ref()
        .map(|d| d.iter().map(|&x| day(x)).collect());

    let ctx = Context {
        crm,
        crm_row: &crm_row,
        keys: &akeys,
        days: days.as_deref(),
        history: &history,
        basis,
        rule: options.rule,
        key_count: keys.len(),
        z: options.confidence.z(),
    };
    let mut nps_units: [Vec<u32>; 3] = Default::default();
    let want_units = units.is_some();
    let nps = answers.nps.as_ref().map(|v| {
        ctx.groups(
            v,
            NpsCategory::ALL,
            |x| {
                NpsCategory::of(x).map(|c| match c {
                    NpsCategory::Detractor => 0,
                    NpsCategory::Passive => 1,
                    NpsCategory::Promoter => 2,
                })
            },
            want_units.then_some(&mut nps_units),
        )
    });
    if let Some(u) = units {
        u.nps = nps.is_some().then_some(nps_units);
    }
    let band = |s: RatingScale| move |x: f64| s.band(x).map(Band::index);
    let csat = answers
        .csat
        .as_ref()
        .map(|v| ctx.groups(v, Band::ALL, band(options.csat_scale.scale()), None));
    let ces = answers
        .ces
        .as_ref()
        .map(|v| ctx.groups(v, Band::ALL, band(cxi_models::ces::CES_SCALE), None));

    // The answers' keys share one space with the orders' (keys below
    // `customers`) and the CRM's: the reports read them, no id is hashed
    // again.
    let left = (
        TableKind::Answers,
        answers.ids.as_slice(),
        answers.rows.as_slice(),
        akeys.as_slice(),
    );
    let customers = history.customers();
    let orders_match = report_keyed(
        left,
        TableKind::Orders,
        keys.len(),
        |k| (k as usize) < customers,
        options.listed,
    );
    let order_ids = || orders.customer_ids.iter().map(String::as_str);
    let mut proposals = propose(
        (TableKind::Answers, &answers.ids),
        (TableKind::Orders, order_ids()),
        r,
        orders_match.matched,
    );
    let crm_match = crm.map(|c| {
        let m = report_keyed(
            left,
            TableKind::Crm,
            keys.len(),
            |k| crm_row.get(k as usize).is_some_and(|&row| row != u32::MAX),
            options.listed,
        );
        let crm_ids = || c.ids.iter().map(String::as_str);
        proposals.extend(propose(
            (TableKind::Answers, &answers.ids),
            (TableKind::Crm, crm_ids()),
            r,
            m.matched,
        ));
        m
    });
    Ok(Evidence {
        basis,
        rule: options.rule,
        reconcile: r,
        orders_match,
        crm_match,
        proposals,
        nps,
        csat,
        ces,
    })
}

fn basis(
    orders: &Orders,
    answers: &Answers,
    options: &LinkOptions,
    history: &History,
) -> Result<Basis, LinkError> {
    let missing = match (answers.dates.is_some(), orders.dates.is_some()) {
        (true, true) => None,
        (false, true) => Some(MissingDates::Answers),
        (true, false) => Some(MissingDates::Orders),
        (false, false) => Some(MissingDates::Both),
    };
    if let Some(missing) = missing {
        return Ok(Basis::WholeLog { missing });
    }
    let from_day = |d: i32| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default();
    // Orders with dates and at least one purchase of a non-blank customer
    // give a span; a log of blank ids only covers its own dates.
    let (lo, hi) = history.span.unwrap_or_else(|| {
        let d = orders.dates.as_deref().unwrap_or_default();
        let lo = d.iter().map(|&x| day(x)).min().unwrap_or(0);
        let hi = d.iter().map(|&x| day(x)).max().unwrap_or(0);
        (lo, hi)
    });
    let log_start = options.log_start.unwrap_or(from_day(lo));
    let log_end = options.log_end.unwrap_or(from_day(hi));
    if log_end < log_start {
        return Err(LinkError::LogSpan);
    }
    Ok(Basis::AfterAnswer {
        window_days: options.window_days,
        log_start,
        log_end,
    })
}

/// What every score's groups are read from.
struct Context<'a> {
    crm: Option<&'a Crm>,
    crm_row: &'a [u32],
    keys: &'a [Option<u32>],
    days: Option<&'a [i32]>,
    history: &'a History,
    basis: Basis,
    rule: AnswerRule,
    key_count: usize,
    z: f64,
}

impl Context<'_> {
    /// The group table of one score column; `group` maps an answer to
    /// 0 (low), 1, 2 (high); `out` gets each group's linked units'
    /// customers (see [`Units`]).
    fn groups<G: Copy>(
        &self,
        scores: &[Option<f64>],
        labels: [G; 3],
        group: impl Fn(f64) -> Option<usize>,
        mut out: Option<&mut [Vec<u32>; 3]>,
    ) -> GroupTable<G> {
        let mut t: [Tally; 3] = Default::default();
        let of = |i: usize| scores[i].and_then(&group);
        for i in 0..scores.len() {
            if let Some(g) = of(i) {
                t[g].answers += 1;
            }
        }
        let units = select(
            self.rule,
            self.keys,
            self.days,
            |i| of(i).is_some(),
            self.key_count,
        );
        for i in units {
            let Some(g) = of(i) else { continue };
            let tally = &mut t[g];
            tally.units += 1;
            let Some(k) = self.keys[i] else { continue };
            if let Some(b) = self.bought(k, i) {
                tally.linked += 1;
                if let Some(u) = out.as_deref_mut() {
                    u[g].push(self.history.first_code[k as usize]);
                }
                match b {
                    None => tally.censored += 1,
                    Some((b, repeat_from)) => {
                        tally.push(
                            Measure::Repeat,
                            k,
                            f64::from(u8::from(b.purchases >= repeat_from)),
                        );
                        tally.push(Measure::Spend, k, b.spend);
                    }
                }
            }
            if let (Some(crm), Some(&row)) = (self.crm, self.crm_row.get(k as usize)) {
                if row == u32::MAX {
                    continue;
                }
                let row = row as usize;
                if let Some(Some(c)) = crm.churned.as_ref().map(|v| v[row]) {
                    tally.push(Measure::Churn, k, f64::from(u8::from(c)));
                }
                if let Some(Some(n)) = crm.contacts.as_ref().map(|v| v[row]) {
                    tally.push(Measure::Contacts, k, n);
                }
            }
        }
        table(labels, &t, self.z)
    }

    /// `None` when customer `k` is not in the log; `Some(None)` when answer
    /// `i`'s window is censored; else what was bought and the purchases
    /// that make a repeat.
    #[allow(clippy::option_option)]
    fn bought(&self, k: u32, i: usize) -> Option<Option<(Bought, u32)>> {
        if k as usize >= self.history.customers() {
            return None;
        }
        Some(match (self.basis, self.days) {
            (
                Basis::AfterAnswer {
                    window_days,
                    log_start,
                    log_end,
                },
                Some(days),
            ) => {
                let d = days[i];
                let until = d + window_days as i32;
                if d + 1 < day(log_start) || until > day(log_end) {
                    None
                } else {
                    Some((self.history.window(k, d, until), 1))
                }
            }
            _ => Some((self.history.whole(k), 2)),
        })
    }
}
