//! The words alone, from hand-built numbers: the sentences do not need a fit,
//! and the numbers do not need a language.

use super::words;
use crate::pages::clv::ClvAssumptions;
use crate::pages::value::closed::closed;
use crate::pages::value::compute::{Fit, ValueNumbers};
use crate::pages::value::evidence::SbgEvidence;
use crate::pages::value::sbg::{SbgNumbers, SbgValue};
use crate::pages::value::state::{ValueAssumptions, ValueModel};
use crate::pages::value::{numbers, ValueSlice};
use cxi_types::period::PeriodUnit;
use cxi_types::{Currency, Figure, Locale};

fn page<'a>(model: ValueModel, fit: Fit<'a>) -> ValueNumbers<'a> {
    ValueNumbers {
        model,
        best: model,
        choices: Vec::new(),
        unsupported: None,
        unfitted: &[],
        segments: Vec::new(),
        segment: None,
        segment_missing: false,
        measured: None,
        fit,
        holdout: None,
    }
}

/// 100 a year kept at 80 %, 10 % a year, first payment included:
/// CLV = 100 · 1.1 / (1.1 − 0.8) = 366.67 (hand computation), 3.7 times
/// the margin, 1 / (1 − 0.8) = 5 years of expected lifetime (the formatter drops a zero decimal).
fn yearly() -> ClvAssumptions {
    ClvAssumptions {
        unit: PeriodUnit::Year,
        margin: 100.0,
        retention_pct: 80.0,
        annual_discount_pct: 10.0,
        include_first_payment: true,
        ..ClvAssumptions::default()
    }
}

fn slice<'a>(
    locale: Locale,
    value: &'a ValueAssumptions,
    clv: &'a ClvAssumptions,
    none: &'a Option<String>,
) -> ValueSlice<'a> {
    ValueSlice {
        locale,
        currency: Currency::Eur,
        value,
        clv,
        segment: none,
        evidence: None,
    }
}

#[test]
fn closed_form_numbers_are_the_hand_computation_in_any_language() {
    let (value, clv, none) = (ValueAssumptions::default(), yearly(), None);
    let en = numbers(&slice(Locale::En, &value, &clv, &none));
    let fr = numbers(&slice(Locale::Fr, &value, &clv, &none));
    assert_eq!(en, fr);
    let Fit::Closed(c) = &en.fit else {
        panic!("closed form without data: {:?}", en.fit)
    };
    let o = c.outcome.as_ref().unwrap();
    cxi_testkit::assert_close!(o.clv, 110.0 / 0.3, 1e-9);
    cxi_testkit::assert_close!(o.expected_lifetime_periods, 5.0, 1e-12);
    let s = c.survival.as_ref().unwrap();
    cxi_testkit::assert_close!(s.model[2].1, 0.64, 1e-12);
    assert_eq!((en.unsupported, en.segment_missing), (None, false));
}

#[test]
fn closed_form_reads_the_same_sentence_from_the_same_numbers() {
    let (value, clv, none) = (ValueAssumptions::default(), yearly(), None);
    let s = slice(Locale::En, &value, &clv, &none);
    let n = page(ValueModel::ClosedForm, Fit::Closed(closed(&s, None, None)));
    let en = words(&n, Locale::En, Currency::Eur);
    assert_eq!(
        en.headline.reading,
        "A new customer is worth €367: 3.7 times the margin of one period, over 5 years on average."
    );
    assert_eq!(en.headline.how.formula, "CLV = m (1 + d) / (1 + d − r)");
    let fr = words(&n, Locale::Fr, Currency::Eur);
    assert_eq!(
        fr.headline.reading,
        "Un nouveau client vaut 367\u{a0}€ : 3,7 fois la marge d'une période, sur 5 années en moyenne."
    );
    assert_eq!(en.headline.figure, fr.headline.figure);
    assert_eq!(en.charts[0].id, "value-survival");
}

#[test]
fn typed_notes_are_worded_in_order() {
    let (value, clv, none) = (ValueAssumptions::default(), yearly(), None);
    let s = slice(Locale::En, &value, &clv, &none);
    let mut n = page(ValueModel::ClosedForm, Fit::Closed(closed(&s, None, None)));
    n.unsupported = Some(ValueModel::Sbg);
    n.segment_missing = true;
    let v = words(&n, Locale::En, Currency::Eur);
    assert_eq!(
        v.notes,
        [
            "Cohort retention (sBG) needs data the loaded table does not have: showing the best model it supports.",
            "The loaded data has no such segment: showing all customers.",
        ]
    );
    let f = words(&n, Locale::Fr, Currency::Eur);
    assert!(
        f.notes[0].starts_with("Rétention par cohorte (sBG) demande"),
        "{}",
        f.notes[0]
    );
}

/// Reference: hand computation. m = 50, DEL = 10 periods, se(DEL) = 1:
/// CLV = 500, 90 % interval 50 · (10 ∓ 1.644854) = 417.76 … 582.24.
#[test]
fn sbg_words_from_hand_built_numbers() {
    let fit = SbgEvidence {
        segment: None,
        unit: PeriodUnit::Month,
        alpha: 0.704,
        beta: 1.182,
        covariance: [[0.0004, 0.0], [0.0, 0.0009]],
        log_likelihood: -1611.2,
        cohorts: 3,
        customers: 1000.0,
        observed: vec![(0, 1.0), (1, 0.631)],
    };
    let value = SbgValue {
        clv: 500.0,
        del: 10.0,
        se: 1.0,
    };
    let n = page(
        ValueModel::Sbg,
        Fit::Sbg(SbgNumbers {
            fit: &fit,
            margin: 50.0,
            discount: Some(0.008),
            value: Some(value),
            error: None,
            survival: None,
        }),
    );
    let v = words(&n, Locale::En, Currency::Eur);
    assert_eq!(
        v.headline.reading,
        "A new customer is worth €500 over their lifetime (10 discounted months), fitted to 3 cohorts of 1,000 customers."
    );
    let (lo, hi, label) = v.headline.interval.unwrap();
    cxi_testkit::assert_close!(lo.value().unwrap(), 417.757_318_6, 1e-6);
    cxi_testkit::assert_close!(hi.value().unwrap(), 582.242_681_4, 1e-6);
    assert_eq!(label, "90 % interval");
    assert_eq!(v.params[0].std_error, Figure::number(0.02, 3));
    assert!(v.charts.is_empty());
    // No spread, no interval.
    let flat = SbgValue { se: 0.0, ..value };
    assert_eq!(flat.interval90(50.0), None);
}
