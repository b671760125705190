//! Tests of the voice module.

use super::compute::*;
use super::fields::*;
use super::headlines::*;
use super::slice::VoiceSlice;
use super::view::*;
use super::words::*;
use super::*;
use crate::i18n::LocaleStrings;
use crate::scenario::Scenario;
use chrono::NaiveDate;
use cxi_models::nps::NpsCounts;
use cxi_models::score_value::ScoreValueError;
use cxi_models::stats::ConfidenceLevel;
use cxi_parse::Categories;
use cxi_parse::Customers;
use cxi_parse::Dataset;
use cxi_types::chart::Colour;
use cxi_types::chart::Mark;
use cxi_types::format;
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Locale;

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
    cxi_testkit::assert_close!(e.nps, 30.0, 1e-12);
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
    cxi_testkit::assert_close!(lo.value().unwrap(), 14.051, 1e-3);
    cxi_testkit::assert_close!(hi.value().unwrap(), 44.201, 1e-3);
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
    let v = compute(&VoiceSlice::of(&s));
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
        cxi_testkit::assert_close!(m.values[g].total, value(g), 1e-9, "{g}");
    }
    // 10 % of 2 500 detractors (25 % of 10 000) become passives.
    let expected = 0.1 * 2500.0 * (value(1) - value(0));
    cxi_testkit::assert_close!(m.move_value, expected, 1e-6);
    // +1 point = 1 % of the base from detractor to passive.
    cxi_testkit::assert_close!(m.point.from_detractors, 100.0 * (value(1) - value(0)), 1e-6);
    assert_eq!(m.horizon_periods, 36);
    // The sentence is built from these numbers.
    let sentence = v.move_sentence(&VoiceSlice::of(&s));
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
    let v = compute(&VoiceSlice::of(&scenario()));
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
    let v = compute(&VoiceSlice::of(&s));
    let e = v.money.unwrap_err().sentence(Locale::En);
    assert!(e.contains("detractors moved to passives"), "{e}");
    let g = fields(&VoiceSlice::of(&s), Locale::En);
    let f = g.fields.iter().find(|f| f.id == "as-voice-dp").unwrap();
    assert_eq!(f.error.as_deref(), Some("must be from 0 to 100 %"));
    let s = with_counts(0.0, 0.0, 0.0);
    let v = compute(&VoiceSlice::of(&s));
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
    cxi_testkit::assert_close!(g[2].retention.estimate, (1.0 - 1.0 / 15.0), 1e-12);
    assert_eq!(g[2].retention.n, 15);
    cxi_testkit::assert_close!(g[0].retention.estimate, (1.0 - 1.0 / 3.0), 1e-12);
    cxi_testkit::assert_close!(g[2].spend.mean, 30.0, 1e-12);
    cxi_testkit::assert_close!(g[0].spend.mean, 10.0, 1e-12);
    assert_eq!(g[1].n, 0);
    assert!(g[2].retention.ci_low < g[2].retention.estimate);
}

#[test]
fn subscription_sample_gives_measured_economics_and_segments() {
    use crate::data::Sample;
    for l in Locale::ALL {
        let loaded = Sample::Subscription.open(l).unwrap().loaded().unwrap();
        let e = loaded.evidence.voice.clone().unwrap();
        let answered: u64 = e.scores.unwrap().iter().sum();
        assert!((1500..1700).contains(&answered), "{answered}");
        assert_eq!(e.segments.len(), 3);
        let g = e.nps_groups.as_ref().unwrap();
        // The sample's churn falls with satisfaction.
        assert!(g[2].retention.estimate > g[0].retention.estimate);
        assert!(e.csat.as_ref().unwrap().groups.is_some());
        let mut s = Scenario::new(l);
        s.tables = vec![loaded];
        let v = compute(&VoiceSlice::of(&s));
        assert!(v.from_data && v.customers_from_data);
        assert_eq!(v.customers, 2000.0);
        let m = v.money.as_ref().unwrap();
        assert_eq!(m.source, EconomicsSource::Data);
        assert!(m.values[2].total > m.values[0].total);
        assert!(m.values_range.is_some() && m.links_from_data);
        // A segment narrows the counts and the base.
        s.segment = Some(e.segments[0].name.clone());
        let w = compute(&VoiceSlice::of(&s));
        assert_eq!(w.segment.as_deref(), Some(e.segments[0].name.as_str()));
        assert_eq!(w.customers, e.segments[0].rows as f64);
        assert!(w.counts.n() < v.counts.n());
        // Small enough for a link.
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.len() < 8000, "{}", json.len());
    }
}

/// The computation says what is missing as numbers, with no language: the
/// first unusable assumption in `VoiceKey::ALL` order, then no answers,
/// then a discount rate with no per-period equivalent.
#[test]
fn money_errors_are_typed_without_a_language() {
    let v = compute(&VoiceSlice::of(&with_counts(0.0, 0.0, 0.0)));
    assert_eq!(v.money, Err(MoneyError::NoAnswers));
    // An unusable field wins over the missing answers.
    let mut s = with_counts(0.0, 0.0, 0.0);
    s.voice.horizon_years = 0.0;
    s.voice.spend = -1.0;
    let v = compute(&VoiceSlice::of(&s));
    assert_eq!(v.money, Err(MoneyError::Field(VoiceKey::Spend)));
    let mut s = scenario();
    s.clv.annual_discount_pct = -150.0;
    let v = compute(&VoiceSlice::of(&s));
    assert_eq!(v.money, Err(MoneyError::Discount(-1.5)));
    // The default scenario computes.
    assert!(compute(&VoiceSlice::of(&scenario())).money.is_ok());
}

/// Each kind of unusable input, and none in the default scenario.
#[test]
fn field_problems_by_kind() {
    let d = scenario();
    for k in VoiceKey::ALL {
        assert_eq!(field_problem(&VoiceSlice::of(&d), k), None, "{k:?}");
    }
    let cases = [
        (VoiceKey::MarginRate, 100.5, FieldProblem::Share),
        (
            VoiceKey::Horizon,
            MAX_HORIZON_YEARS + 1.0,
            FieldProblem::Horizon,
        ),
        (VoiceKey::Promoters, -1.0, FieldProblem::Count),
        (VoiceKey::Customers, 2.0 * MAX_COUNT, FieldProblem::Count),
        (VoiceKey::Spend, f64::NAN, FieldProblem::Negative),
        (VoiceKey::Lost, -0.5, FieldProblem::Negative),
    ];
    for (key, value, problem) in cases {
        let mut s = scenario();
        s.voice.apply(VoiceAction::Set(key, value));
        assert_eq!(field_problem(&VoiceSlice::of(&s), key), Some(problem));
    }
}

/// Hand-built refusals read as the exact sentences, in both languages.
#[test]
fn money_errors_in_english_and_french() {
    let cases = [
        (
            MoneyError::Field(VoiceKey::Horizon),
            "The money figures cannot be computed: projection horizon",
            "Les montants ne peuvent pas être calculés : horizon de projection",
        ),
        (
            MoneyError::Field(VoiceKey::DetractorsToPassives),
            "The money figures cannot be computed: detractors moved to passives",
            "Les montants ne peuvent pas être calculés : détracteurs devenus passifs",
        ),
        (
            MoneyError::NoAnswers,
            "The money figures cannot be computed: at least one answer is needed",
            "Les montants ne peuvent pas être calculés : il faut au moins une réponse",
        ),
        (
            MoneyError::Discount(-1.5),
            "The discount rate must be above -100 % and higher than retention minus 100 %.",
            "Le taux d'actualisation doit être supérieur à -100 % et à la rétention moins 100 %.",
        ),
        (
            MoneyError::Model(ScoreValueError::MarginRate(2.0)),
            "margin rate must be in [0,1]: got 2",
            "margin rate must be in [0,1]: got 2",
        ),
    ];
    for (e, en, fr) in cases {
        assert_eq!(e.sentence(Locale::En), en);
        assert_eq!(e.sentence(Locale::Fr), fr);
    }
    let fr = Locale::Fr.strings().voice;
    assert_eq!(
        FieldProblem::Share.message(fr),
        "doit être compris entre 0 et 100 %"
    );
    assert_eq!(
        FieldProblem::Horizon.message(Locale::En.strings().voice),
        "must be from 1 to 50 years"
    );
    // The card shows the same sentence the computation's refusal words.
    let mut s = with_counts(0.0, 0.0, 0.0);
    s.locale = Locale::Fr;
    let cards = headlines(&s);
    assert_eq!(
        cards[1].reading,
        "Les montants ne peuvent pas être calculés : il faut au moins une réponse"
    );
}

fn joined(crm: bool) -> Scenario {
    let mut s = scenario();
    s.linked = Some(std::sync::Arc::new(crate::data::linked::six_answers(crm)));
    s
}

/// Reference: hand computation. Spend per period = window spend ×
/// (365.25 / periods a year) / 365: detractors 20, passives 50, promoters
/// 120 in the year after answering. Detractors' standard error with
/// customers as units: e = (10 − 20)/2, (30 − 20)/2; Var = 2/1 · 50 =
/// 100, se = 10, so 20 ± 1.96 · 10 before scaling.
#[test]
fn joined_spend_replaces_the_spend_factors() {
    let s = joined(false);
    let m = compute(&VoiceSlice::of(&s)).money.unwrap();
    let k = 365.25 / m.unit.per_year() / 365.0;
    for (g, window_spend) in [20.0, 50.0, 120.0].into_iter().enumerate() {
        cxi_testkit::assert_close!(m.groups[g].spend, window_spend * k, 1e-12);
    }
    let (lo, hi) = m.values_range.as_ref().unwrap();
    assert!(lo[0].total < m.values[0].total && m.values[0].total < hi[0].total);
    // The interval ends are the spend's: value is linear in spend here.
    let d_spend = 1.959_963_984_540_054 * 10.0 * k;
    let (d_lo, d_hi) = (
        m.values[0].total - lo[0].total,
        hi[0].total - m.values[0].total,
    );
    cxi_testkit::assert_close!(d_lo, d_hi, 1e-9);
    assert!(d_spend > 0.0 && d_lo > 0.0);
    let EconomicsSource::Joined {
        measured,
        window_days,
        retention,
        contacts,
        assumptions,
    } = &m.source
    else {
        panic!("{:?}", m.source)
    };
    assert_eq!(
        (*measured, *window_days, *retention, *contacts),
        (6, 365, false, false)
    );
    let names: Vec<&str> = assumptions.iter().map(|a| a.name).collect();
    assert!(!names.contains(&"relative spend"), "{names:?}");
    assert!(names.contains(&"relative churn"), "{names:?}");
    // Retention stays the default factors' (same as with no join).
    let plain = compute(&VoiceSlice::of(&scenario())).money.unwrap();
    for g in 0..3 {
        assert_eq!(m.groups[g].retention, plain.groups[g].retention);
    }
    // Promoters are worth more than detractors, and the page says measured.
    assert!(m.values[2].total > m.values[0].total);
    let sentence = m.source_sentence(Locale::En);
    assert!(sentence.contains("6 joined answers"), "{sentence}");
    assert!(sentence.contains("365 days"), "{sentence}");
    assert!(sentence.contains("not measured"), "{sentence}");
    let card = headlines(&s)
        .into_iter()
        .find(|c| c.id == "card-nps-point")
        .unwrap();
    assert!(
        card.how.source.contains("measured in the orders"),
        "{}",
        card.how.source
    );
    let fr = m.source_sentence(Locale::Fr);
    assert!(
        fr.contains("6 réponses") && fr.contains("365 jours"),
        "{fr}"
    );
}

/// Reference: hand computation. One of the two customers of each category
/// churned: c = 1/2, retention per period (1 − 1/2)^(1 / periods a year).
#[test]
fn joined_crm_churn_replaces_the_churn_factors() {
    let s = joined(true);
    let m = compute(&VoiceSlice::of(&s)).money.unwrap();
    let r = 0.5f64.powf(1.0 / m.unit.per_year());
    for g in 0..3 {
        cxi_testkit::assert_close!(m.groups[g].retention, r, 1e-12);
    }
    let EconomicsSource::Joined {
        retention,
        assumptions,
        ..
    } = &m.source
    else {
        panic!("{:?}", m.source)
    };
    assert!(*retention);
    assert!(assumptions.iter().all(|a| a.name != "relative churn"
        && a.name != "relative spend"
        && a.name != "relative cost to serve"));
    assert!(m.source_sentence(Locale::En).contains("churn flag"));
}

/// Reference: hand computation. The customer table's contacts are 3, 2
/// and 0.5 per customer in the three categories, so cost to serve is
/// shared out 3 : 2 : 0.5 and its share-weighted mean stays the average
/// customer's (that of the default factors, normalised alike).
#[test]
fn joined_crm_contacts_share_out_the_cost_to_serve() {
    let m = compute(&VoiceSlice::of(&joined(true))).money.unwrap();
    let c: Vec<f64> = m.groups.iter().map(|g| g.cost_to_serve).collect();
    cxi_testkit::assert_close!(c[0] / c[2], 6.0, 1e-12);
    cxi_testkit::assert_close!(c[1] / c[2], 4.0, 1e-12);
    let plain = compute(&VoiceSlice::of(&scenario())).money.unwrap();
    let counts = scenario().voice;
    let sh = [counts.detractors, counts.passives, counts.promoters];
    let n: f64 = sh.iter().sum();
    let mean = |g: &[cxi_models::score_value::GroupEconomics]| {
        (0..3).map(|i| sh[i] / n * g[i].cost_to_serve).sum::<f64>()
    };
    cxi_testkit::assert_close!(mean(&m.groups), mean(&plain.groups), 1e-9);
    let EconomicsSource::Joined { contacts, .. } = &m.source else {
        panic!("{:?}", m.source)
    };
    assert!(*contacts);
    let sentence = m.source_sentence(Locale::En);
    assert!(sentence.contains("support contacts"), "{sentence}");
    assert!(m
        .source_sentence(Locale::Fr)
        .contains("contacts au support"));
    // Without counts the cost to serve is the default factors'.
    let spend_only = compute(&VoiceSlice::of(&joined(false))).money.unwrap();
    for g in 0..3 {
        assert_eq!(
            spend_only.groups[g].cost_to_serve,
            plain.groups[g].cost_to_serve
        );
    }
}

/// A join without dates (whole log) is an association: money stays on the
/// defaults.
#[test]
fn whole_log_join_is_not_valued() {
    let mut s = joined(false);
    let mut l = (**s.linked.as_ref().unwrap()).clone();
    l.evidence.basis = cxi_link::Basis::WholeLog {
        missing: cxi_link::MissingDates::Answers,
    };
    s.linked = Some(std::sync::Arc::new(l));
    let m = compute(&VoiceSlice::of(&s)).money.unwrap();
    assert!(matches!(m.source, EconomicsSource::Defaults(_)));
}
