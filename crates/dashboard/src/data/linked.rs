//! Tables joined by customer id: what a survey export or a customer table
//! gives the join ([`LinkInputs`], small enough to travel between workers)
//! and what the order log's session makes of it ([`Linked`]).
//!
//! Each table lives in its own session (a worker for large data), so the
//! join runs where the orders are: the survey's session hands over its
//! answers (ids, dates, scores: a few MB for 200,000 answers), the orders'
//! session joins them to its purchases with [`cxi_link::link`].

use serde::{Deserialize, Serialize};

use super::loaded::LoadedData;
pub use cxi_link::AnswerRule;
use cxi_link::{Answers, Crm, LinkError, LinkOptions, Orders};
pub use cxi_link::{Reconcile, Rule};
use cxi_models::csat::CsatScale;
use cxi_parse::Dataset;
use cxi_parse::Shape;

/// What a table gives the join: survey answers, CRM columns, or both (a
/// customer table with an NPS column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkInputs {
    pub answers: Option<Answers>,
    pub crm: Option<Crm>,
    /// The scale the CSAT answers are on (1–10 when any is above 5, as
    /// the NPS page reads them).
    pub csat_scale: CsatScale,
}

/// The user's choices for the join (the NPS page's): the window after each
/// answer and the rule for several answers of one customer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JoinChoice {
    /// Days after each answer, as typed (checked by [`JoinChoice::window`]).
    pub window_days: f64,
    pub rule: AnswerRule,
    /// Id reconciliations the user confirmed (leading zeros, prefixes).
    pub reconcile: Reconcile,
}

impl Default for JoinChoice {
    fn default() -> Self {
        JoinChoice {
            window_days: f64::from(cxi_link::DEFAULT_WINDOW_DAYS),
            rule: AnswerRule::default(),
            reconcile: Reconcile::NONE,
        }
    }
}

/// The longest window offered, days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3650;

impl JoinChoice {
    /// The window in whole days, if it is one from 1 to [`MAX_WINDOW_DAYS`].
    pub fn window(&self) -> Option<u32> {
        let d = self.window_days;
        (d.is_finite() && d.fract() == 0.0 && (1.0..=f64::from(MAX_WINDOW_DAYS)).contains(&d))
            .then_some(d as u32)
    }
}

impl LinkInputs {
    /// The join's options: the user's window and rule (`None` when the
    /// window is not valid), 95 % intervals, on this table's CSAT scale.
    pub fn options(&self, choice: &JoinChoice) -> Option<LinkOptions> {
        Some(LinkOptions {
            csat_scale: self.csat_scale,
            window_days: choice.window()?,
            rule: choice.rule,
            reconcile: choice.reconcile,
            listed: DOWNLOAD_LISTED,
            ..LinkOptions::default()
        })
    }
}

/// Unmatched ids the worker lists for the download; the scenario keeps the
/// first [`cxi_link::DEFAULT_LISTED`] of them ([`Linked::for_scenario`]).
pub const DOWNLOAD_LISTED: usize = 10_000;

/// The unmatched ids of a match report as a CSV file in the user's
/// conventions (`,` in English, `;` in French), with a header: the id as
/// first written, its first spreadsheet row, and how many rows have it.
/// Ids are quoted when they hold the separator, a quote or a line break.
pub fn unmatched_csv(m: &cxi_link::MatchReport, locale: cxi_types::Locale) -> String {
    use crate::i18n::LocaleStrings;
    let t = locale.strings().voice;
    let sep = match locale {
        cxi_types::Locale::En => ',',
        cxi_types::Locale::Fr => ';',
    };
    let cell = |s: &str| {
        if s.contains([sep, '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = [
        t.unmatched_col_id,
        t.unmatched_col_row,
        t.unmatched_col_rows,
    ]
    .map(cell)
    .join(&sep.to_string());
    out.push_str("\r\n");
    for u in &m.first_unmatched {
        out.push_str(&format!("{}{sep}{}{sep}{}\r\n", cell(&u.id), u.row, u.rows));
    }
    out
}

fn csat_scale(values: Option<&Vec<Option<f64>>>) -> CsatScale {
    match values {
        Some(v) if v.iter().flatten().any(|x| *x > 5.0) => CsatScale::TenPoint,
        _ => CsatScale::FivePoint,
    }
}

/// The joined evidence, with the tables it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    /// Key of the order log's table.
    pub orders: u32,
    /// Key of the table the answers came from.
    pub answers: u32,
    /// Key of the customer table whose churn flags and support contacts
    /// were joined, when that is a third table (a customer table with scores gives its own).
    #[serde(default)]
    pub crm: Option<u32>,
    pub evidence: cxi_link::Evidence,
    /// The NPS categories' customers in the order log, binned for the
    /// log's fitted purchase model (P(alive), CLV per category).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelBins>,
}

impl Linked {
    /// The join as the scenario keeps it (share links, files, autosave):
    /// the first [`cxi_link::DEFAULT_LISTED`] unmatched ids of each match
    /// report, not the download's list.
    pub fn for_scenario(&self) -> Linked {
        let mut l = self.clone();
        let e = &mut l.evidence;
        for m in std::iter::once(&mut e.orders_match).chain(e.crm_match.as_mut()) {
            m.first_unmatched.truncate(cxi_link::DEFAULT_LISTED);
        }
        l
    }
}

/// What the worker's join gives: the evidence, and the NPS categories'
/// customers binned for the order log's model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    pub evidence: cxi_link::Evidence,
    #[serde(default)]
    pub model: Option<ModelBins>,
}

/// Bins (at most) of [`ModelBins`]: a few kilobytes in a share link, and
/// P(alive) and CLV per category within a fraction of a percent of the
/// unbinned means on the linked sample (see the test below).
pub const MODEL_BINS: usize = 240;

/// The linked customers of each NPS category at the log's end, as the
/// Customer value page bins a log ([`bin_customers`]): each bin's segment
/// is the category (1 detractors, 2 passives, 3 promoters), its times are
/// in `unit`, the unit the log's BG/NBD is fitted in, by the same
/// convention (distinct purchase days, time in days ÷ unit length).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelBins {
    pub unit: cxi_types::period::PeriodUnit,
    pub bins: Vec<crate::pages::value::evidence::Bin>,
}

/// The NPS units' customers of a validated log, binned: `None` without
/// NPS answers or dates, or when none is in the log.
fn model_bins(t: &cxi_parse::Transactions, units: &cxi_link::Units) -> Option<ModelBins> {
    model_bins_at_most(t, units, MODEL_BINS)
}

fn model_bins_at_most(
    t: &cxi_parse::Transactions,
    units: &cxi_link::Units,
    max: usize,
) -> Option<ModelBins> {
    use crate::pages::value::evidence::{bin_customers, unit_for_span};
    use crate::pages::value::parsed_rfm::summarize_parsed;
    let nps = units.nps.as_ref()?;
    let (first, last) = (t.date.iter().min()?, t.date.iter().max()?);
    let unit = unit_for_span((*last - *first).num_days());
    let table = summarize_parsed(t, unit, cxi_models::rfm::TimeConvention::Days, None).ok()?;
    let mut row_of = vec![u32::MAX; t.customer_ids.len()];
    for (i, &c) in table.customer.iter().enumerate() {
        if let Some(r) = row_of.get_mut(c as usize) {
            *r = i as u32;
        }
    }
    let (mut rows, mut segs) = (Vec::new(), Vec::new());
    for (g, customers) in nps.iter().enumerate() {
        for &c in customers {
            if let Some(&r) = row_of.get(c as usize).filter(|&&r| r != u32::MAX) {
                rows.push(table.rfm[r as usize]);
                segs.push(g as u16 + 1);
            }
        }
    }
    if rows.is_empty() {
        return None;
    }
    let (bins, _) = bin_customers(&rows, &segs, max);
    Some(ModelBins { unit, bins })
}

/// The sessions whose tables a join was asked of (the orders' session is
/// the one asked): echoed with its answer so that the workspace knows
/// which tables a result joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinFrom {
    pub answers: u32,
    pub crm: Option<u32>,
}

impl LinkInputs {
    /// These answers with the churn flags and support contacts of a
    /// customer table (`crm`): the three-table join.
    pub fn with_crm_of(&self, crm: Option<&LinkInputs>) -> LinkInputs {
        LinkInputs {
            crm: crm.and_then(|c| c.crm.clone()).or_else(|| self.crm.clone()),
            ..self.clone()
        }
    }
}

/// Whether `t` gives churn flags (or dates) or support contacts by
/// customer id.
fn has_crm(t: &LoadedData) -> bool {
    let m = &t.mapping;
    m.column_of(cxi_parse::Field::CustomerId).is_some()
        && [
            cxi_parse::Field::Churned,
            cxi_parse::Field::ChurnDate,
            cxi_parse::Field::Contacts,
        ]
        .iter()
        .any(|&f| m.column_of(f).is_some())
}

/// The customer table joined to the pair `(orders, answers)` for its churn
/// flags and support contacts: the first customer table other than those
/// two that names its customers and has either, when the answers' own
/// table does not (a customer table with scores brings its own).
pub fn crm_of(tables: &[LoadedData], (orders, answers): (u32, u32)) -> Option<u32> {
    let own = tables.iter().find(|t| t.key == answers)?;
    if own.mapping.shape == Shape::Customers && has_crm(own) {
        return None;
    }
    tables
        .iter()
        .find(|t| {
            t.key != orders && t.key != answers && t.mapping.shape == Shape::Customers && has_crm(t)
        })
        .map(|t| t.key)
}

/// Which of a scenario's tables are joined: the first order log and the
/// first table with answers that names its customers.
pub fn pair(tables: &[LoadedData]) -> Option<(u32, u32)> {
    let orders = tables
        .iter()
        .find(|t| t.mapping.shape == Shape::Transactions)?;
    let answers = tables.iter().find(|t| {
        t.key != orders.key
            && matches!(t.mapping.shape, Shape::Survey | Shape::Customers)
            && t.evidence.voice.is_some()
            && t.mapping.column_of(cxi_parse::Field::CustomerId).is_some()
    })?;
    Some((orders.key, answers.key))
}

/// The answers (and CRM columns) of a validated dataset; `None` when it has
/// no customer id to join on or no score.
///
/// Answer dates are used when every answer has one; with any missing the
/// behaviour is that of the whole log ([`cxi_link::Basis::WholeLog`]),
/// which the page says.
pub fn inputs(d: &Dataset) -> Option<LinkInputs> {
    let rows = |r: &Vec<u32>| r.clone();
    match d {
        Dataset::Survey(s) => {
            let ids = s.customer_id.clone()?;
            if s.nps.is_none() && s.csat.is_none() && s.ces.is_none() {
                return None;
            }
            let dates = s
                .answer_date
                .as_ref()
                .and_then(|v| v.iter().copied().collect::<Option<Vec<_>>>());
            Some(LinkInputs {
                answers: Some(Answers {
                    ids,
                    dates,
                    nps: s.nps.clone(),
                    csat: s.csat.clone(),
                    ces: s.ces.clone(),
                    rows: rows(&s.rows),
                }),
                crm: None,
                csat_scale: csat_scale(s.csat.as_ref()),
            })
        }
        Dataset::Customers(c) => {
            let scored = c.nps.is_some() || c.csat.is_some() || c.ces.is_some();
            Some(LinkInputs {
                answers: scored.then(|| Answers {
                    ids: c.id.clone(),
                    dates: None,
                    nps: c.nps.clone(),
                    csat: c.csat.clone(),
                    ces: c.ces.clone(),
                    rows: rows(&c.rows),
                }),
                crm: Some(Crm {
                    ids: c.id.clone(),
                    churned: c.churned.clone(),
                    contacts: c.contacts.clone(),
                    rows: rows(&c.rows),
                }),
                csat_scale: csat_scale(c.csat.as_ref()),
            })
        }
        _ => None,
    }
}

/// The join of an order log with the `inputs` of another table.
pub fn link(
    orders: &Dataset,
    inputs: &LinkInputs,
    options: &LinkOptions,
) -> Result<Joined, LinkError> {
    let Dataset::Transactions(t) = orders else {
        return Err(LinkError::Empty(cxi_link::TableKind::Orders));
    };
    let answers = inputs.answers.as_ref().ok_or(LinkError::NoScores)?;
    let (evidence, units) = cxi_link::link_with_units(
        &Orders::from_transactions(t),
        answers,
        inputs.crm.as_ref(),
        options,
    )?;
    Ok(Joined {
        evidence,
        model: model_bins(t, &units),
    })
}

/// Support contacts per customer measured by the join, for the business
/// case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasuredContacts {
    /// Mean contacts per customer (the customer table's count).
    pub mean: f64,
    /// Answers whose customer has a count in the customer table.
    pub customers: usize,
}

/// Mean support contacts of the answers' customers in the customer table,
/// over the groups of the first score joined (NPS, else CSAT, else CES);
/// `None` without counts.
///
/// # Formula
/// `c̄ = Σ_g n_g c_g / Σ_g n_g`, `c_g` the group's mean count over its
/// `n_g` answers with one: the mean over all of them.
pub fn contacts_per_customer(ev: &cxi_link::Evidence) -> Option<MeasuredContacts> {
    fn of<G>(t: &cxi_link::GroupTable<G>) -> Option<MeasuredContacts> {
        let (sum, n) = t
            .groups
            .iter()
            .filter_map(|g| g.contacts)
            .filter(|e| e.n > 0 && e.value.is_finite())
            .fold((0.0, 0), |(s, n), e| (s + e.value * e.n as f64, n + e.n));
        (n > 0).then(|| MeasuredContacts {
            mean: sum / n as f64,
            customers: n,
        })
    }
    ev.nps
        .as_ref()
        .and_then(of)
        .or_else(|| ev.csat.as_ref().and_then(of))
        .or_else(|| ev.ces.as_ref().and_then(of))
}

/// Revenue per NPS point measured by the join, for the business case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerPoint {
    /// Percent of revenue per NPS point.
    pub pct: f64,
    /// Answers measured over the three categories.
    pub answers: usize,
    /// The window after each answer, days.
    pub window_days: u32,
}

/// What one more NPS point is worth as a share of revenue, from the spend
/// each category had in the window after answering: the point earned by
/// moving 1 % of customers from detractor to passive (as the NPS page's
/// "value of +1 NPS point"). `None` without after-the-answer spend for the
/// three categories (a whole-log join mixes in behaviour before the
/// answer) or when nobody spent.
///
/// # Formula
/// `pct = 100 · 0.01 · (S_passive − S_detractor) / S̄`, `S_g` the mean
/// spend of category `g` in the window, `S̄ = Σ n_g S_g / Σ n_g` over the
/// `n_g` answers measured.
pub fn revenue_per_nps_point(ev: &cxi_link::Evidence) -> Option<PerPoint> {
    let cxi_link::Basis::AfterAnswer { window_days, .. } = ev.basis else {
        return None;
    };
    let groups = &ev.nps.as_ref()?.groups;
    let spend: Vec<cxi_link::Estimate> = groups
        .iter()
        .map(|g| g.spend.filter(|e| e.n > 0 && e.value.is_finite()))
        .collect::<Option<_>>()?;
    if spend.len() != 3 {
        return None;
    }
    let n: usize = spend.iter().map(|e| e.n).sum();
    let mean = spend.iter().map(|e| e.n as f64 * e.value).sum::<f64>() / n as f64;
    if mean.is_nan() || mean <= 0.0 {
        return None;
    }
    let pct = (spend[1].value - spend[0].value) / mean;
    pct.is_finite().then_some(PerPoint {
        pct,
        answers: n,
        window_days,
    })
}

/// A join for tests: six customers answer on 2024-03-01 (detractors a, b; passives c, d;
/// promoters e, f) and spend, in the 365 days after: a 10, b 30, c 40,
/// d 60, e 100, f 140. With `crm`, a, c and e are flagged as churned.
#[cfg(test)]
pub(crate) fn six_answers(crm: bool) -> Linked {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let ids = ["a", "b", "c", "d", "e", "f"];
    let orders = Orders::from_rows(
        &ids,
        Some(vec![day(2024, 6, 1); 6]),
        vec![10.0, 30.0, 40.0, 60.0, 100.0, 140.0],
    );
    let mut answers = Answers::from_rows(&ids, Some(vec![day(2024, 3, 1); 6]));
    answers.nps = Some([3.0, 3.0, 7.0, 8.0, 9.0, 10.0].map(Some).to_vec());
    let crm = crm.then(|| {
        let mut c = Crm::from_rows(&ids);
        c.churned = Some([true, false, true, false, true, false].map(Some).to_vec());
        // Detractors 3 contacts each on average, passives 2, promoters 0.5.
        c.contacts = Some([4.0, 2.0, 1.0, 3.0, 0.0, 1.0].map(Some).to_vec());
        c
    });
    let options = LinkOptions {
        window_days: 365,
        log_start: Some(day(2024, 1, 1)),
        log_end: Some(day(2025, 12, 31)),
        ..LinkOptions::default()
    };
    let evidence = cxi_link::link(&orders, &answers, crm.as_ref(), &options).unwrap();
    Linked {
        orders: 1,
        answers: 2,
        crm: None,
        evidence,
        model: None,
    }
}

#[cfg(test)]
mod per_point_tests {
    use super::*;

    /// The linked sample (planted: promoters stay 3 years on average,
    /// detractors 1.5) read by the orders' own fitted model: promoters
    /// more likely alive and worth more, both differences above zero; and
    /// the [`MODEL_BINS`] bins give the means of the finest binning (one
    /// bin per frequency and whole period of recency and age) within 1 %.
    #[test]
    fn the_linked_samples_model_sees_the_planted_lifetimes() {
        use crate::data::Sample;
        use crate::pages::voice::linked_model::group_model;
        use cxi_types::Locale;
        let orders = Sample::LinkedOrders.open(Locale::En).unwrap();
        let inputs = Sample::LinkedSurvey
            .open(Locale::En)
            .unwrap()
            .link_inputs()
            .unwrap();
        let value = orders.evidence().unwrap().value;
        let joined = orders
            .link(&inputs, &JoinChoice::default())
            .unwrap()
            .unwrap();
        let model = joined.model.clone().unwrap();
        assert!(model.bins.len() <= MODEL_BINS, "{}", model.bins.len());
        let l = Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence: joined.evidence.clone(),
            model: Some(model),
        };
        let (va, clv) = (Default::default(), Default::default());
        let m = group_model(&l, value.as_deref(), &va, &clv).unwrap();
        let pa: Vec<f64> = m.p_alive.iter().map(|x| x.unwrap().value).collect();
        let cv: Vec<f64> = m.clv.iter().map(|x| x.unwrap().value).collect();
        assert!(
            pa[0] < pa[2] && cv[0] < cv[1] && cv[1] < cv[2],
            "{pa:?} {cv:?}"
        );
        assert!(
            m.clv_difference.unwrap().low > 0.0,
            "{:?}",
            m.clv_difference
        );
        assert!(m.p_alive_difference.unwrap().low > 0.0);
        // In words, with the columns.
        let v = crate::pages::voice::linked::view(
            Locale::En,
            cxi_types::Currency::Eur,
            &l,
            Some(&m),
            "s",
        )
        .unwrap();
        assert_eq!(v.columns[5..], ["P(alive) now (model)", "CLV (model)"]);
        assert_eq!(v.rows[2].clv_value, Some(cv[2]));
        let line = v.model.unwrap();
        assert!(line.contains("Promoters − detractors: CLV €"), "{line}");
        let fr = crate::pages::voice::linked::view(
            Locale::Fr,
            cxi_types::Currency::Eur,
            &l,
            Some(&m),
            "s",
        )
        .unwrap();
        assert!(fr.model.unwrap().contains("Promoteurs − détracteurs : CLV"));
        // Counts: every linked unit once.
        let t = joined.evidence.nps.as_ref().unwrap();
        for g in 0..3 {
            assert_eq!(m.clv[g].unwrap().n, t.groups[g].linked as f64);
        }
        // Against the finest binning.
        let Some(Dataset::Transactions(tx)) = orders.validation().map(|v| &v.dataset) else {
            panic!("a log")
        };
        let (_, units) = cxi_link::link_with_units(
            &Orders::from_transactions(tx),
            inputs.answers.as_ref().unwrap(),
            None,
            &inputs.options(&JoinChoice::default()).unwrap(),
        )
        .unwrap();
        let fine = Linked {
            model: model_bins_at_most(tx, &units, usize::MAX),
            ..l.clone()
        };
        let f = group_model(&fine, value.as_deref(), &va, &clv).unwrap();
        for g in 0..3 {
            let (a, b) = (m.clv[g].unwrap().value, f.clv[g].unwrap().value);
            assert!((a - b).abs() < 0.01 * b, "CLV {g}: {a} vs {b}");
            let (a, b) = (m.p_alive[g].unwrap().value, f.p_alive[g].unwrap().value);
            assert!((a - b).abs() < 0.01 * b, "P(alive) {g}: {a} vs {b}");
        }
    }

    /// Reference: hand computation on [`six_answers`] with its customer
    /// table: counts 4, 2, 1, 3, 0, 1 over six answers, 11/6 each.
    #[test]
    fn contacts_per_customer_by_hand() {
        let c = contacts_per_customer(&six_answers(true).evidence).unwrap();
        cxi_testkit::assert_close!(c.mean, 11.0 / 6.0, 1e-12);
        assert_eq!(c.customers, 6);
        assert_eq!(contacts_per_customer(&six_answers(false).evidence), None);
    }

    /// Reference: hand computation on [`six_answers`]: window spend
    /// detractors 20, passives 50, promoters 120, two answers each, so
    /// S̄ = 190/3 and pct = (50 − 20) / (190/3) = 90/190.
    #[test]
    fn revenue_per_point_by_hand() {
        let p = revenue_per_nps_point(&six_answers(false).evidence).unwrap();
        cxi_testkit::assert_close!(p.pct, 90.0 / 190.0, 1e-12);
        assert_eq!((p.answers, p.window_days), (6, 365));
        let mut whole = six_answers(false).evidence;
        whole.basis = cxi_link::Basis::WholeLog {
            missing: cxi_link::MissingDates::Answers,
        };
        assert_eq!(revenue_per_nps_point(&whole), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Session, Source, SourceKind};
    use cxi_models::nps::NpsCategory;

    fn session(csv: &str, name: &str) -> Session {
        let source = Source {
            name: name.into(),
            kind: SourceKind::Paste,
            bytes: csv.len() as u64,
        };
        Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {}).unwrap()
    }

    /// A hand-checked join: C1 (promoter, answered 1 Feb) buys 20 on 11
    /// Feb; C2 (promoter) buys nothing after its answer; C4 and C5
    /// (detractors) are not in the orders; C3 (passive) buys 12.25 on 2
    /// March.
    #[test]
    fn a_survey_joined_to_its_orders_by_hand() {
        let orders = session(
            "customer,order date,amount\nC1,2024-01-05,10.5\nC1,2024-02-11,20\nC2,2024-01-09,7\nC3,2024-03-02,12.25\n",
            "orders",
        );
        let survey = session(
            "customer,nps,answered\nC1,10,2024-02-01\nC2,9,2024-02-02\nC3,7,2024-02-03\nC4,3,2024-02-04\nC5,0,2024-02-05\n",
            "survey",
        );
        let o = orders.validation().unwrap();
        let s = survey.validation().unwrap();
        let inputs = inputs(&s.dataset).unwrap();
        assert_eq!(
            inputs
                .answers
                .as_ref()
                .unwrap()
                .dates
                .as_ref()
                .unwrap()
                .len(),
            5
        );
        // A 30-day window inside the log (5 Jan to 2 Mar) for the February answers
        // of C1 and C2 (to 2 and 3 Mar); C3's runs past it: censored.
        let options = LinkOptions {
            window_days: 29,
            ..LinkOptions::default()
        };
        let e = link(&o.dataset, &inputs, &options).unwrap().evidence;
        assert_eq!(e.orders_match.total, 5);
        assert_eq!(e.orders_match.matched, 3);
        let ids: Vec<&str> = e
            .orders_match
            .first_unmatched
            .iter()
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(ids, ["C4", "C5"]);
        let nps = e.nps.unwrap();
        let promoters = &nps.groups[2];
        assert_eq!(promoters.group, NpsCategory::Promoter);
        assert_eq!(promoters.answers, 2);
        assert_eq!(promoters.linked, 2);
        // C1 bought 20 in its window, C2 nothing: repeat 1/2, spend 10.
        assert_eq!(promoters.repeat.unwrap().value, 0.5);
        assert_eq!(promoters.spend.unwrap().value, 10.0);
        let detractors = &nps.groups[0];
        assert_eq!((detractors.answers, detractors.linked), (2, 0));
        assert!(detractors.spend.is_none());
    }

    #[test]
    fn a_window_is_a_whole_number_of_days_up_to_ten_years() {
        let w = |d: f64| {
            JoinChoice {
                window_days: d,
                ..JoinChoice::default()
            }
            .window()
        };
        assert_eq!(JoinChoice::default().window(), Some(365));
        assert_eq!(w(1.0), Some(1));
        assert_eq!(w(3650.0), Some(3650));
        for bad in [0.0, -7.0, 0.5, 90.5, 3651.0, f64::NAN, f64::INFINITY] {
            assert_eq!(w(bad), None, "{bad}");
        }
        let inputs = LinkInputs {
            answers: None,
            crm: None,
            csat_scale: CsatScale::TenPoint,
        };
        let o = inputs
            .options(&JoinChoice {
                window_days: 90.0,
                rule: AnswerRule::EachAnswer,
                reconcile: Reconcile::NONE,
            })
            .unwrap();
        assert_eq!(
            (o.window_days, o.rule, o.csat_scale),
            (90, AnswerRule::EachAnswer, CsatScale::TenPoint)
        );
        assert_eq!(
            inputs.options(&JoinChoice {
                window_days: 0.0,
                ..JoinChoice::default()
            }),
            None
        );
    }

    #[test]
    fn what_each_table_gives_the_join() {
        let orders = session(
            "customer,order date,amount\nA,2024-01-02,3\nA,2024-01-05,4\n",
            "o",
        );
        assert_eq!(inputs(&orders.validation().unwrap().dataset), None);
        // A survey without ids cannot be joined.
        let anonymous = session("nps\n9\n3\n", "s");
        assert_eq!(inputs(&anonymous.validation().unwrap().dataset), None);
        // A missing date: the answers go without dates.
        let gap = session("customer,nps,answered\nA,9,2024-02-01\nB,3,\n", "s");
        let v = gap.validation().unwrap();
        let i = inputs(&v.dataset).unwrap();
        assert_eq!(i.answers.unwrap().dates, None);
        // The orders' side refuses a table that is not a log.
        let err = link(
            &v.dataset,
            &inputs(&v.dataset).unwrap(),
            &LinkOptions::default(),
        );
        assert!(err.is_err());
    }

    #[test]
    fn the_pair_is_the_first_log_and_the_first_table_with_answers() {
        use crate::data::Sample;
        use cxi_types::Locale;
        let mut retail = Sample::Retail.open(Locale::En).unwrap().loaded().unwrap();
        retail.key = 1;
        let mut sub = Sample::Subscription
            .open(Locale::En)
            .unwrap()
            .loaded()
            .unwrap();
        sub.key = 2;
        assert_eq!(pair(&[retail.clone(), sub.clone()]), Some((1, 2)));
        assert_eq!(pair(&[sub.clone(), retail.clone()]), Some((1, 2)));
        assert_eq!(pair(&[retail]), None);
        assert_eq!(pair(&[sub]), None);
    }

    #[test]
    fn the_customer_table_joined_is_one_that_flags_churn_by_id() {
        let keyed = |csv: &str, key| {
            let mut d = session(csv, "t.csv").loaded().expect(csv);
            d.key = key;
            d
        };
        let orders = keyed(
            "customer,order date,amount\nA,2024-01-01,3\nA,2024-01-20,5\nB,2024-01-01,4\n",
            1,
        );
        let survey = keyed("customer,nps\nA,9\n", 2);
        let crm = keyed("customer,churned\nA,yes\nB,no\n", 3);
        let plans = keyed("customer,plan,revenue\nA,pro,10\nB,free,5\n", 4);
        assert_eq!(crm.mapping.shape, Shape::Customers);
        let all = [orders.clone(), survey.clone(), plans, crm.clone()];
        assert_eq!(pair(&all), Some((1, 2)));
        assert_eq!(crm_of(&all, (1, 2)), Some(3), "the one with churn flags");
        assert_eq!(
            crm_of(&all[..3], (1, 2)),
            None,
            "no churn flags, no third table"
        );
        // Support contacts alone make a customer table the third one.
        let support = keyed("customer,support contacts\nA,3\nB,0\n", 6);
        assert_eq!(support.mapping.shape, Shape::Customers);
        assert_eq!(
            crm_of(&[orders.clone(), survey.clone(), support], (1, 2)),
            Some(6)
        );
        // A customer table with scores and churn flags brings its own.
        let scored = keyed("customer,nps,churned\nA,9,no\n", 5);
        assert_eq!(crm_of(&[orders, scored, crm.clone()], (1, 5)), None);
        // Merged: the answers with the customer table's flags.
        let answers = session("customer,nps\nA,9\n", "s.csv")
            .link_inputs()
            .unwrap();
        let flags = session("customer,churned\nA,yes\nB,no\n", "c.csv")
            .link_inputs()
            .unwrap();
        let both = answers.with_crm_of(Some(&flags));
        assert_eq!(both.answers, answers.answers);
        assert_eq!(both.crm, flags.crm);
        assert_eq!(answers.with_crm_of(None), answers);
        // Contacts travel with the flags, an empty cell as no count.
        let crm = session("customer;churned;contacts\nA;yes;3\nB;no;\n", "c.csv")
            .link_inputs()
            .unwrap()
            .crm
            .unwrap();
        assert_eq!(crm.contacts, Some(vec![Some(3.0), None]));
    }
}
