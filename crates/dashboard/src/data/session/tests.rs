//! Tests of the session module.

use super::ids::*;
use super::open::*;
use super::report::*;
use crate::data::loaded::Source;
use crate::data::Sample;
use crate::data::SourceKind;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_parse::Field;
use cxi_parse::Role;
use cxi_parse::Shape;
use cxi_types::Locale;

fn source() -> Source {
    Source {
        name: "test".into(),
        kind: SourceKind::Paste,
        bytes: 0,
    }
}

fn open(csv: &str) -> Session {
    Session::open(csv.as_bytes().to_vec(), source(), &mut |_, _, _| {}).unwrap()
}

const FRENCH: &str = "Client\tDate de commande\tMontant\tCanal\n\
    A12\t15/03/2024\t1 234,56 €\tWeb\n\
    B07\t16/03/2024\t12,3,4\tMagasin\n\
    A12\t02/04/2024\t(45,10)\tWeb\n";

#[test]
fn a_french_paste_is_typed_and_its_bad_cell_located() {
    let mut stages: Vec<Stage> = Vec::new();
    let s = Session::open(
        FRENCH.as_bytes().to_vec(),
        source(),
        &mut |st, done, total| {
            assert!(done <= total || total == 0, "{st:?} {done}/{total}");
            if stages.last() != Some(&st) {
                stages.push(st);
            }
        },
    )
    .unwrap();
    assert_eq!(stages, [Stage::Parse, Stage::Guess, Stage::Validate]);
    let r = s.report(Locale::Fr);
    assert_eq!(r.shape.selected, "transactions");
    assert_eq!(r.shape.options[0].0, "transactions");
    assert_eq!(
        r.shape.options[0].1,
        "Journal des achats (une ligne par achat)"
    );
    assert!(r.detected.contains("journal des achats"), "{}", r.detected);
    assert_eq!(r.delimiter, "tabulations");
    assert_eq!(r.columns[2].label, "Montant");
    assert_eq!(r.columns[2].roles.selected, "field:amount");
    assert!(r.columns[2]
        .roles
        .options
        .contains(&("field:amount".into(), "Montant".into())));
    let ready = r.ready().expect("validates");
    assert_eq!(ready.summary.rows_ok, 2);
    assert_eq!(ready.summary.rows_with_problems, 1);
    let p = &ready.problems[0];
    assert_eq!((p.row, p.row_number, p.col), (1, 3, 2));
    assert_eq!(
        p.message,
        "ligne 3, colonne « Montant » : « 12,3,4 » n'est pas un nombre"
    );
    assert_eq!(p.text, "12,3,4");
    // Typed preview: the two good rows, the amount as a number.
    assert_eq!(ready.preview.rows.len(), 2);
    assert_eq!(ready.preview.rows[0].row_number, 2);
    assert_eq!(ready.preview.rows[0].cells[2], Value::Number(1234.56));
    assert_eq!(ready.preview.rows[1].cells[2], Value::Number(-45.10));
    assert_eq!(
        ready.preview.rows[0].cells[1],
        Value::Date("2024-03-15".into())
    );
    assert_eq!(
        ready.preview.columns[2],
        ("Montant".into(), "Montant".into())
    );
    let loaded = r.loaded.as_ref().unwrap();
    assert_eq!(loaded.digest.customers, Some(1));
    assert_eq!(loaded.summary.rows_ok, 2);
    // "1 234,56 €": the amounts are in euros.
    assert_eq!(loaded.currency, Some(cxi_types::Currency::Eur));
}

#[test]
fn fixing_and_excluding_then_validating_again() {
    let mut s = open(FRENCH);
    s.apply(Edit::Cell {
        row: 1,
        col: 2,
        value: "12,34".into(),
    });
    let r = s.report(Locale::En);
    let ready = r.ready().unwrap();
    assert_eq!(ready.summary.rows_ok, 3);
    assert!(ready.problems.is_empty());
    assert_eq!(
        r.loaded.unwrap().digest.total_amount,
        Some(1234.56 + 12.34 - 45.10)
    );

    let mut s = open(FRENCH);
    s.apply(Edit::Exclude {
        row: 1,
        excluded: true,
    });
    let r = s.report(Locale::En);
    let sum = r.ready().unwrap().summary;
    assert_eq!(
        (sum.rows_ok, sum.rows_with_problems, sum.rows_excluded),
        (2, 0, 1)
    );
    assert_eq!(r.excluded, 1);
    s.apply(Edit::RestoreExcluded);
    let r = s.report(Locale::En);
    assert_eq!(r.ready().unwrap().summary.rows_with_problems, 1);
    s.apply(Edit::ExcludeProblemRows);
    assert_eq!(s.report(Locale::En).excluded, 1);
}

#[test]
fn stale_edits_do_not_panic() {
    let mut s = open(FRENCH);
    for e in [
        Edit::Cell {
            row: 99,
            col: 0,
            value: "x".into(),
        },
        Edit::Cell {
            row: 0,
            col: 99,
            value: "x".into(),
        },
        Edit::Exclude {
            row: 99,
            excluded: true,
        },
        Edit::Role {
            col: 99,
            role: Role::Ignore,
        },
        Edit::Role {
            col: 0,
            role: Role::Period(3),
        },
    ] {
        s.apply(e);
    }
    let r = s.report(Locale::En);
    assert_eq!(r.ready().unwrap().summary.rows_ok, 2);
}

#[test]
fn ambiguous_dates_ask_then_validate_with_the_answer() {
    let mut s = open("customer,date,amount\nA,03/04/2024,1\nB,05/06/2024,2\n");
    let r = s.report(Locale::En);
    let Status::DateOrder {
        question,
        day_first,
        month_first,
    } = &r.status
    else {
        panic!("{:?}", r.status)
    };
    assert!(question.contains("\"03/04/2024\""), "{question}");
    assert_eq!(day_first, "Day first: 3 April 2024");
    assert_eq!(month_first, "Month first: March 4, 2024");
    assert!(r.loaded.is_none());
    s.apply(Edit::DateOrder {
        order: Some(DateOrder::MonthFirst),
    });
    let r = s.report(Locale::En);
    assert_eq!(r.date_order, "month_first");
    let ready = r.ready().unwrap();
    assert_eq!(
        ready.preview.rows[0].cells[1],
        Value::Date("2024-03-04".into())
    );
}

#[test]
fn remapping_and_changing_shape() {
    let mut s = open(FRENCH);
    // Amount taken away: the log is incomplete, with a message.
    s.apply(Edit::Role {
        col: 2,
        role: Role::Ignore,
    });
    let r = s.report(Locale::En);
    assert_eq!(
        r.status,
        Status::Unusable {
            message: "A transaction log needs a column for amount".into(),
            problems: Vec::new(),
        }
    );
    assert!(s.loaded().is_none());
    s.apply(Edit::Role {
        col: 2,
        role: Role::Field(Field::Amount),
    });
    assert!(s.loaded().is_some());
    s.apply(Edit::Decimal {
        decimal: Some(DecimalSeparator::Point),
    });
    assert_eq!(s.report(Locale::En).decimal, "point");
    s.apply(Edit::Shape {
        shape: Shape::Cohort,
    });
    assert_eq!(s.mapping().shape, Shape::Cohort);
    // The user's reading choices survive a change of shape.
    assert_eq!(s.mapping().decimal, Some(DecimalSeparator::Point));
    let r = s.report(Locale::Fr);
    assert_eq!(r.shape.selected, "cohort");
    assert!(matches!(r.status, Status::Unusable { .. }));
}

#[test]
fn nothing_usable_still_says_where() {
    let s = open("Client;Date;Montant\nA;15/02/2024;douze\nB;16/02/2024;12,3,4\n");
    let Status::Unusable { message, problems } = s.report(Locale::Fr).status else {
        panic!("expected an unusable table");
    };
    assert!(!message.is_empty());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("Ligne 2, colonne « Montant »"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("douze"), "{}", problems[0]);
    assert!(problems[1].starts_with("Ligne 3"), "{}", problems[1]);
    assert!(problems[1].contains("12,3,4"), "{}", problems[1]);
}

#[test]
fn option_values_round_trip() {
    let t = cxi_parse::read_table(b"cohort,M0,M1\n2024-01,10,8\n").unwrap();
    for shape in Shape::ALL {
        assert_eq!(shape_from_id(shape_id(shape)), Some(shape));
        for c in 0..3 {
            for role in role_options(&t, shape, c, Role::Ignore) {
                assert_eq!(role_from_id(&role_id(role)), Some(role), "{role:?}");
            }
        }
    }
    // The same names as the serde form of the mapping.
    for f in all_fields() {
        assert_eq!(
            serde_json::to_value(f).unwrap(),
            serde_json::Value::String(field_id(f).into())
        );
    }
    assert_eq!(all_fields().count(), 21);
    assert!(role_options(&t, Shape::Cohort, 1, Role::Ignore).contains(&Role::Period(0)));
    assert_eq!(role_from_id("field:nope"), None);
    assert_eq!(role_from_id("period:x"), None);
    assert_eq!(shape_from_id("nope"), None);
}

#[test]
fn unusable_input_is_an_error_not_a_session() {
    for input in [&b""[..], b"\x89PNG\r\n", b"only a header\n", b"a,\"b\nc"] {
        assert!(Session::open(input.to_vec(), source(), &mut |_, _, _| {}).is_err());
    }
}

#[test]
fn samples_load_clean_in_both_languages() {
    for locale in Locale::ALL {
        for sample in Sample::ALL {
            let text = sample.text(locale);
            let source = sample.source(locale, text.len());
            let s = Session::open(text.into_bytes(), source, &mut |_, _, _| {}).unwrap();
            let r = s.report(locale);
            let ready = r.ready().unwrap_or_else(|| panic!("{:?}", r.status));
            assert_eq!(ready.summary.rows_with_problems, 0, "{sample:?} {locale:?}");
            assert_eq!(ready.preview.rows.len(), PREVIEW_ROWS);
            let expected = match sample {
                Sample::Subscription => Shape::Customers,
                Sample::Retail | Sample::LinkedOrders => Shape::Transactions,
                Sample::LinkedSurvey => Shape::Survey,
            };
            assert_eq!(s.mapping().shape, expected);
        }
    }
}

/// The linked sample read as the Data page reads it (French text, both
/// tables parsed and validated), then joined: the promoter − detractor
/// spend in the year after an answer covers the planted difference
/// (`cxi_link::sample::Planted::expected_spend`), and the repeat rates
/// are ordered as planted.
#[test]
fn the_linked_sample_joined_shows_its_planted_effect() {
    use cxi_link::sample::Planted;
    use cxi_link::Measure;
    let orders = Sample::LinkedOrders.open(Locale::Fr).unwrap();
    let survey = Sample::LinkedSurvey.open(Locale::Fr).unwrap();
    let inputs = survey.link_inputs().unwrap();
    assert!(inputs.answers.as_ref().unwrap().dates.is_some());
    let e = orders
        .link(&inputs, &crate::data::linked::JoinChoice::default())
        .unwrap()
        .unwrap()
        .evidence;
    // Strangers' answers match nothing; every other one does.
    let m = &e.orders_match;
    assert!(
        m.matched > 1000 && m.unmatched > 0 && m.unmatched < m.total / 10,
        "{m:?}"
    );
    let nps = e.nps.unwrap();
    let planted = Planted::default();
    let window = f64::from(cxi_link::DEFAULT_WINDOW_DAYS);
    let want = planted.expected_spend(2, window) - planted.expected_spend(0, window);
    let d = nps.contrast(Measure::Spend).unwrap().difference.unwrap();
    assert!(d.contains(want), "planted {want:.2}, measured {d:?}");
    assert!(d.low > 0.0, "{d:?}");
    let repeat: Vec<f64> = nps.groups.iter().map(|g| g.repeat.unwrap().value).collect();
    assert!(repeat[0] < repeat[1] && repeat[1] < repeat[2], "{repeat:?}");
}

#[test]
fn reports_round_trip_through_json() {
    let s = open(FRENCH);
    for locale in Locale::ALL {
        let r = s.report(locale);
        let json = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
    let e = Edit::Role {
        col: 1,
        role: Role::Field(Field::OrderDate),
    };
    let back: Edit = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
}

#[test]
fn customer_preview_places_attributes_and_flags_under_their_columns() {
    let text = Sample::Subscription.text(Locale::En);
    let s = Session::open(text.into_bytes(), source(), &mut |_, _, _| {}).unwrap();
    let r = s.report(Locale::En);
    let p = &r.ready().unwrap().preview;
    let names: Vec<&str> = p.columns.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(names[0], "Customer ID");
    assert!(names.contains(&"Ease of use"));
    let churned = names.iter().position(|n| *n == "Churned").unwrap();
    assert!(matches!(p.rows[0].cells[churned], Value::Bool(_)));
    // Columns keep the table's order.
    let headers = &s.table().headers;
    let order: Vec<usize> = p
        .columns
        .iter()
        .map(|c| headers.iter().position(|h| *h == c.0).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}
