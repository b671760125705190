//! Tests of the churn module.

use super::compute::*;
use super::fields::*;
use super::inputs::*;
use super::slice::ChurnSlice;
use super::state::default_channels;
use super::*;
use crate::scenario::reduce;
use crate::scenario::Action;
use crate::scenario::Scenario;
use cxi_models::acquisition::cac_by_channel;
use cxi_parse::{Customers, Dataset};
use cxi_types::chart::Mark;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;
use cxi_types::Locale;

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
    let v = compute(&ChurnSlice::of(&hand()));
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    assert_eq!(v.cac.as_ref().unwrap().blended, 240.0);
    assert_eq!(v.payback, Some(6.0));
    let c = 1.0 - 0.88f64.powf(1.0 / 12.0);
    cxi_testkit::assert_close!(c, 0.010_596, 1e-6);
    let want = (1.0 - 240.0 * c / 40.0).ln() / (1.0 - c).ln();
    let got = v.payback_with_churn.unwrap().unwrap();
    assert!(
        (got - want).abs() < 1e-12 && (got - 6.1663).abs() < 1e-4,
        "{got}"
    );
    let cards = v.headlines(&ChurnSlice::of(&hand()));
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
    let v = compute(&ChurnSlice::of(&hand()));
    let r = 0.88f64.powf(1.0 / 12.0);
    let d = 1.1f64.powf(1.0 / 12.0) - 1.0;
    let ltv = 40.0 * (1.0 + d) / (1.0 + d - r);
    assert!((v.ltv.unwrap() - ltv).abs() < 1e-9 * ltv);
    cxi_testkit::assert_close!(v.ltv_to_cac.unwrap(), ltv / 240.0, 1e-12);
    // 40 × 1.00797 / 0.01857 ≈ 2,171 → about 9×.
    cxi_testkit::assert_close!(ltv, 2_171.0, 1.0, "{ltv}");
}

/// Reference: hand computation of the 12-month cost with the formula of
/// `core::churn::churn_impact`, summed month by month here: paying
/// customers N r^(t−1), t = 1..12; lost revenue = Σ N·80·(1 − r^(t−1)).
#[test]
fn cost_of_churn_by_direct_sum() {
    let v = compute(&ChurnSlice::of(&hand()));
    let r = 0.88f64.powf(1.0 / 12.0);
    let lost: f64 = (1..=12)
        .map(|t| 1_000.0 * 80.0 * (1.0 - r.powi(t - 1)))
        .sum();
    let b = v.impact.unwrap();
    cxi_testkit::assert_close!(b.revenue_lost, lost, 1e-6);
    cxi_testkit::assert_close!(b.margin_lost, 0.5 * lost, 1e-6);
    // 12 % of 1,000 customers leave within the year.
    cxi_testkit::assert_close!(b.customers_lost, 120.0, 1e-9);
    assert!(v.impact_target.unwrap().margin_lost < b.margin_lost);
}

/// Reference: the recurrence by hand for two months: 1,000 → 1,000 ×
/// (1 − c) + 100/12.
#[test]
fn projection_by_hand() {
    let v = compute(&ChurnSlice::of(&hand()));
    assert_eq!(v.projection.len(), 25);
    let c = 1.0 - 0.88f64.powf(1.0 / 12.0);
    let n1 = 1_000.0 * (1.0 - c) + 100.0 / 12.0;
    cxi_testkit::assert_close!(v.projection[1].0, n1, 1e-9);
    assert!(v.projection[24].1 > v.projection[24].0);
    let chart = v.projection_chart(&ChurnSlice::of(&hand())).unwrap();
    assert_eq!(chart.table.rows.len(), 3);
    let payback = v.payback_chart(&ChurnSlice::of(&hand())).unwrap();
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
    cxi_testkit::assert_close!(m.monthly, (1.0 - (-0.025f64).exp()), 1e-12);
    let k = (1.959_964f64 / 5.0).exp();
    cxi_testkit::assert_close!(m.monthly_high, (1.0 - (-0.025 * k).exp()), 1e-6);
    cxi_testkit::assert_close!(m.monthly_low, (1.0 - (-0.025 / k).exp()), 1e-6);
    let none = MeasuredChurn::from_counts(0, 300.0).unwrap();
    assert_eq!(none.monthly, 0.0);
    cxi_testkit::assert_close!(none.monthly_high, (1.0 - (-0.01f64).exp()), 1e-12);
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
    cxi_testkit::assert_close!(m.exposure_months, 636.0 / DAYS_PER_MONTH, 1e-9);
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
    let i = inputs(&ChurnSlice::of(&s));
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
    let v = compute(&ChurnSlice::of(&s));
    let kinds: Vec<ChurnField> = v.problems.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, vec![ChurnField::TargetChurn, ChurnField::Channels]);
    assert!(v.cac.is_none() && v.projection.is_empty());
    let cards = v.headlines(&ChurnSlice::of(&s));
    assert_eq!(cards[0].figure, Figure::Missing);
    assert_eq!(
        cards[0].reading,
        "The target must not be above today's churn."
    );
    let g = fields(&ChurnSlice::of(&s), Locale::En);
    let target = g.fields.iter().find(|f| f.id == "as-churn-target").unwrap();
    assert!(target.error.is_some());
}

/// The computation names where each default comes from as numbers, the
/// same whatever the language: the built-in defaults and the Customer value
/// page's 95 % monthly retention and €50 monthly margin.
#[test]
fn default_sources_are_numbers_in_any_language() {
    let i = inputs(&ChurnSlice::of(&en()));
    let d = Source::Default;
    assert_eq!(i.customers.source, d(DefaultSource::IllustrativeBase));
    assert_eq!(
        i.annual_churn_pct.source,
        d(DefaultSource::Retention {
            retention: 0.95,
            unit: PeriodUnit::Month,
            annual_pct: 45.96,
        })
    );
    assert_eq!(i.target_churn_pct.source, d(DefaultSource::FifthLess));
    assert_eq!(
        i.revenue_per_month.source,
        d(DefaultSource::ClvMargin {
            monthly_margin: 50.0
        })
    );
    assert_eq!(i.margin_pct.source, d(DefaultSource::IllustrativeMargin));
    assert_eq!(i.years.source, d(DefaultSource::ThreeYears));
    assert_eq!(i.channels_source, d(DefaultSource::IllustrativeChannels));
    // French changes the default channels' names, nothing else.
    let fr = inputs(&ChurnSlice::of(&Scenario::new(Locale::Fr)));
    assert_eq!(
        ChurnInputs {
            channels: i.channels.clone(),
            ..fr
        },
        i
    );
}

/// Loaded data names what it measured with the numbers its note quotes.
#[test]
fn measured_sources_carry_their_numbers() {
    use cxi_models::acquisition::Channel;
    let m = MeasuredChurn::from_counts(25, 1_000.0).unwrap();
    let ev = ChurnEvidence {
        customers: Some(400.0),
        churn: Some(m.clone()),
        revenue_per_month: Some(Estimate {
            mean: 40.0,
            low: 35.0,
            high: 45.0,
            n: 400,
        }),
        margin_rate: Some(0.4),
        channels: vec![Channel {
            name: "Ads".into(),
            spend: 1_000.0,
            new_customers: 10.0,
        }],
        channel_months: 6.0,
        ..ChurnEvidence::default()
    };
    let s = en();
    let at = |ev: &ChurnEvidence| {
        inputs(&ChurnSlice {
            evidence: Some(ev),
            ..ChurnSlice::of(&s)
        })
    };
    let i = at(&ev);
    let data = Source::Measured;
    assert_eq!(i.customers.source, data(Measured::Customers));
    assert_eq!(
        i.annual_churn_pct.source,
        data(Measured::Churn {
            churned: 25,
            exposure_months: 1_000.0,
            annual_low: annual_from_monthly(m.monthly_low),
            annual_high: annual_from_monthly(m.monthly_high),
        })
    );
    assert_eq!(
        i.revenue_per_month.source,
        data(Measured::Revenue {
            n: 400,
            low: 35.0,
            high: 45.0
        })
    );
    assert_eq!(i.margin_pct.source, data(Measured::Margin));
    assert_eq!(i.channels_source, data(Measured::Channels { months: 6.0 }));
    // A transaction log: customers and revenue from its last 12 months.
    let log = at(&ChurnEvidence {
        from_transactions: true,
        channels: Vec::new(),
        churn: None,
        ..ev
    });
    assert_eq!(log.customers.source, data(Measured::Transactions));
    assert_eq!(log.revenue_per_month.source, data(Measured::Transactions));
    assert_eq!(
        log.channels_source,
        Source::Default(DefaultSource::IllustrativeChannels)
    );
}

/// Refusals are kinds with their numbers, without any language: a typed
/// non-number or negative count, a horizon out of range, a negative spend.
#[test]
fn problems_are_kinds_with_their_numbers() {
    for locale in [Locale::En, Locale::Fr] {
        let s = with(
            &Scenario::new(locale),
            vec![
                ChurnAction::SetCustomers(f64::NAN),
                ChurnAction::SetYears(60.0),
                ChurnAction::SetChannelSpend(2, -1.0),
            ],
        );
        assert_eq!(
            compute(&ChurnSlice::of(&s)).problems,
            vec![
                (ChurnField::Customers, Problem::Negative),
                (ChurnField::Years, Problem::Years { min: 1, max: 50 }),
                (ChurnField::ChannelSpend(2), Problem::Negative),
            ]
        );
    }
    let s = with(&en(), vec![ChurnAction::SetCustomers(-1.0)]);
    assert_eq!(
        inputs(&ChurnSlice::of(&s)).problems(),
        vec![(ChurnField::Customers, Problem::Negative)]
    );
}

/// Reference: the page's sentences, written out by hand in both languages
/// (French: narrow no-break space between thousands, no-break space before
/// % and €, decimal comma), from numbers built by hand.
#[test]
fn sources_and_problems_in_words() {
    use cxi_types::Currency;
    let churn = Source::Measured(Measured::Churn {
        churned: 1_234,
        exposure_months: 45_678.4,
        annual_low: 0.25,
        annual_high: 0.3137,
    });
    assert_eq!(
        source_text(Locale::En, Currency::Eur, &churn),
        "Measured in your data: 1,234 churns over 45,678 customer-months (95 % interval 25% to 31.4% a year)."
    );
    assert_eq!(
        source_text(Locale::Fr, Currency::Eur, &churn),
        "Mesuré dans vos données : 1\u{202f}234 résiliations sur 45\u{202f}678 mois-clients (intervalle à 95 % de 25\u{a0}% à 31,4\u{a0}% par an)."
    );
    let retention = Source::Default(DefaultSource::Retention {
        retention: 0.9,
        unit: PeriodUnit::Quarter,
        annual_pct: 34.39,
    });
    assert_eq!(
        source_text(Locale::En, Currency::Eur, &retention),
        "From the Customer value page: 90% retention per quarter is 34.4% churn a year."
    );
    assert_eq!(
        source_text(Locale::Fr, Currency::Eur, &retention),
        "De la page Valeur client : une rétention de 90\u{a0}% par trimestre fait 34,4\u{a0}% d'attrition par an."
    );
    let margin = Source::Default(DefaultSource::ClvMargin {
        monthly_margin: 1_234.4,
    });
    assert_eq!(
        source_text(Locale::En, Currency::Usd, &margin),
        "From the Customer value page's margin (US$1,234 a month) at the default 50 % margin rate."
    );
    assert_eq!(
        source_text(Locale::Fr, Currency::Eur, &margin),
        "De la marge de la page Valeur client (1\u{202f}234\u{a0}€ par mois) au taux de marge par défaut de 50 %."
    );
    // The horizon's bounds are the problem's numbers, not the template's.
    let years = Problem::Years { min: 2, max: 10 };
    assert_eq!(problem_text(Locale::En, &years), "Between 2 and 10 years.");
    assert_eq!(problem_text(Locale::Fr, &years), "Entre 2 et 10 ans.");
    assert_eq!(
        problem_text(Locale::Fr, &Problem::TargetAbove),
        "L'objectif ne doit pas dépasser l'attrition actuelle."
    );
}
