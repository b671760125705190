use chrono::NaiveDate;
use cxi_types::period::PeriodUnit;

use super::ctx::TICK;
use super::*;

use crate::date::DateOrder;
use crate::error::CellProblem;
use crate::mapping::{guess_mapping, guess_shapes, Field, Shape};
use crate::read_table;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn transaction_log_with_a_bad_row_and_a_fix() {
    let csv = "Client;Date de commande;Montant;Canal\r\n\
               A12;15/03/2024;1 234,56 €;web\r\n\
               B7;16/03/2024;12,3,4;magasin\r\n\
               A12;;5,00 €;web\r\n\
               C3;17/03/2024;(10,00) €;magasin\r\n";
    let mut t = read_table(csv.as_bytes()).unwrap();
    let m = guess_shapes(&t).remove(0).mapping;
    assert_eq!(m.shape, Shape::Transactions);
    let v = validate(&t, &m).unwrap();
    assert_eq!(
        v.summary,
        Summary {
            rows: 4,
            rows_ok: 2,
            rows_with_problems: 2,
            rows_excluded: 0,
            problems: 2
        }
    );
    let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "row 3, column \"Montant\": \"12,3,4\" is not a number",
            "row 4, column \"Date de commande\": empty cell, a value is required",
        ]
    );
    assert_eq!(v.bad_rows, [1, 2]);
    let Dataset::Transactions(tx) = &v.dataset else {
        panic!()
    };
    assert_eq!(tx.customer_ids, ["A12", "C3"]);
    assert_eq!(tx.amount, [1234.56, -10.0]);
    assert_eq!(tx.date, [d(2024, 3, 15), d(2024, 3, 17)]);
    assert_eq!(tx.rows, [2, 5]);
    assert_eq!(tx.channel.as_ref().unwrap().label(1), "magasin");

    // Fix one cell, exclude the other row: everything accounted for.
    t.set_cell(1, 2, "12,34");
    t.exclude_row(2, true);
    let v = validate(&t, &m).unwrap();
    assert!(v.is_clean());
    assert_eq!(
        (
            v.summary.rows_ok,
            v.summary.rows_excluded,
            v.summary.rows_with_problems
        ),
        (3, 1, 0)
    );
    let Dataset::Transactions(tx) = &v.dataset else {
        panic!()
    };
    assert_eq!(tx.amount, [1234.56, 12.34, -10.0]);
    assert_eq!(tx.customer, [0, 1, 2]);
}

#[test]
fn ambiguous_dates_stop_validation_until_the_user_chooses() {
    let t = read_table(b"client,date,amount\na,01/02/2024,5\na,03/04/2024,6\n").unwrap();
    let mut m = guess_mapping(&t, Shape::Transactions);
    let e = validate(&t, &m).unwrap_err();
    assert_eq!(
        e.to_string(),
        "column \"date\": is \"01/02/2024\" 2024-02-01 (day first) or 2024-01-02 (month first)? No date in the column tells"
    );
    m.date_order = Some(DateOrder::MonthFirst);
    let v = validate(&t, &m).unwrap();
    let Dataset::Transactions(tx) = v.dataset else {
        panic!()
    };
    assert_eq!(tx.date, [d(2024, 1, 2), d(2024, 3, 4)]);
}

#[test]
fn customer_table_checks() {
    let csv = "id;CA mensuel;Date d'inscription;Date de résiliation;NPS;Canal\n\
               c1;30;01/01/2024;;9;web\n\
               c2;45;15/01/2024;01/01/2024;7;salon\n\
               c1;20;01/02/2024;;8;web\n\
               c4;25;01/02/2024;;11;web\n\
               c5;;01/03/2024;01/06/2024;;web\n";
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Customers);
    assert_eq!(m.period, Some(PeriodUnit::Month));
    let v = validate(&t, &m).unwrap();
    let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "row 3, column \"Date de résiliation\": \"01/01/2024\" is out of range: expected a date on or after the acquisition date (2024-01-15)",
            "row 4, column \"id\": \"c1\" is out of range: expected a customer id not seen before (it is also in row 2)",
            "row 5, column \"NPS\": \"11\" is out of range: expected a whole number from 0 to 10",
        ]
    );
    let Dataset::Customers(c) = v.dataset else {
        panic!()
    };
    assert_eq!(c.id, ["c1", "c5"]);
    assert_eq!(c.revenue, Some(vec![Some(30.0), None]));
    assert_eq!(c.churned, Some(vec![Some(false), Some(true)]));
    assert_eq!(c.nps, Some(vec![Some(9.0), None]));
}

#[test]
fn support_contacts_are_a_located_count_of_a_customer_table() {
    // The French export's header; a negative count and a word are refused
    // at their cell, an empty one is no count.
    let csv = "Code client;Nombre de contacts;Résilié\n\
               c1;3;non\n\
               c2;-1;oui\n\
               c3;beaucoup;non\n\
               c4;;oui\n";
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_shapes(&t).remove(0).mapping;
    assert_eq!(m.shape, Shape::Customers);
    assert_eq!(m.column_of(Field::Contacts), Some(1));
    let v = validate(&t, &m).unwrap();
    let at: Vec<(u32, usize)> = v.problems.iter().map(|p| (p.row, p.col)).collect();
    assert_eq!(at, [(3, 1), (4, 1)]);
    let Dataset::Customers(c) = v.dataset else {
        panic!()
    };
    assert_eq!(c.id, ["c1", "c4"]);
    assert_eq!(c.contacts, Some(vec![Some(3.0), None]));
    // Alone beside the id, contacts make a customer table.
    let t = read_table(b"customer,support tickets\nA,2\n").unwrap();
    let m = guess_shapes(&t).remove(0).mapping;
    assert_eq!(
        (m.shape, m.column_of(Field::Contacts)),
        (Shape::Customers, Some(1))
    );
}

#[test]
fn churn_flags() {
    for (s, b) in [
        ("Oui", true),
        ("non", false),
        ("Résilié", true),
        ("actif", false),
        ("1", true),
        ("0", false),
        ("TRUE", true),
    ] {
        assert_eq!(parse_flag(s), Some(b), "{s}");
    }
    assert_eq!(parse_flag("peut-être"), None);
}

#[test]
fn survey_without_any_score_is_a_problem() {
    let t = read_table("NPS;Satisfaction;Qualité\n9;4;5\n;;3\n10;5;4\n".as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Survey);
    let v = validate(&t, &m).unwrap();
    assert_eq!(
        v.problems[0].to_string(),
        "row 3, column \"NPS\": empty cell, a value is required"
    );
    let Dataset::Survey(s) = v.dataset else {
        panic!()
    };
    assert_eq!(s.nps, Some(vec![Some(9.0), Some(10.0)]));
    assert_eq!(s.attributes[0].name, "Qualité");
    assert_eq!(s.attributes[0].values, [Some(5.0), Some(4.0)]);
}

/// A survey export with an answer date: guessed as such (a survey shape,
/// not a purchase log), its dates typed, a bad one located.
#[test]
fn survey_answer_dates_are_read_and_located() {
    let csv =
        "Client;Date de réponse;Recommandation\nA;15/03/2024;9\nB;pas de date;3\nC;2024-03-07;10\n";
    let t = read_table(csv.as_bytes()).unwrap();
    let g = guess_shapes(&t).remove(0);
    assert_eq!(g.mapping.shape, Shape::Survey);
    assert_eq!(g.mapping.column_of(Field::AnswerDate), Some(1));
    let v = validate(&t, &g.mapping).unwrap();
    assert_eq!(v.problems.len(), 1);
    assert!(
        v.problems[0]
            .to_string()
            .starts_with("row 3, column \"Date de réponse\""),
        "{}",
        v.problems[0]
    );
    let Dataset::Survey(s) = v.dataset else {
        panic!()
    };
    assert_eq!(
        s.answer_date,
        Some(vec![Some(d(2024, 3, 15)), Some(d(2024, 3, 7))])
    );
    assert_eq!(s.customer_id, Some(vec!["A".to_string(), "C".to_string()]));
    // Without a date column: none.
    let t = read_table("customer,nps\nA,9\n".as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Survey);
    let Dataset::Survey(s) = validate(&t, &m).unwrap().dataset else {
        panic!()
    };
    assert_eq!(s.answer_date, None);
}

#[test]
fn rfm_conventions() {
    let csv = "customer_id,frequency,recency,T,monetary_value\n\
               1,2,30.43,38.86,22.35\n\
               2,1,40,38,11.77\n\
               3,0,5,38,0\n\
               4,1.5,1,38,3\n\
               5,0,0,38.86,0\n";
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Rfm);
    let v = validate(&t, &m).unwrap();
    let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "row 3, column \"recency\": \"40\" is out of range: expected at most T (38)",
            "row 4, column \"recency\": \"5\" is out of range: expected 0 when frequency is 0 (no repeat purchase)",
            "row 5, column \"frequency\": \"1.5\" is out of range: expected a whole number, zero or more",
        ]
    );
    let Dataset::Rfm(r) = v.dataset else { panic!() };
    assert_eq!(r.frequency, [2.0, 0.0]);
    assert_eq!(r.t, [38.86, 38.86]);
}

#[test]
fn cohort_checks() {
    let csv = "Cohorte;M0;M1;M2;M3\n\
               2024-01;100;80;70;64\n\
               2024-02;120;90;81;\n\
               2024-03;110;;50;\n\
               2024-04;100;105;;\n\
               2024-05;90;;;\n";
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Cohort);
    let v = validate(&t, &m).unwrap();
    let msgs: Vec<String> = v.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        msgs,
        [
            "row 4, column \"M1\": empty cell, a value is required",
            "row 5, column \"M1\": \"105\" is out of range: expected at most 100, the number active the period before",
        ]
    );
    let Dataset::Cohort(c) = v.dataset else {
        panic!()
    };
    assert_eq!(c.labels, ["2024-01", "2024-02", "2024-05"]);
    assert_eq!(c.periods, [0, 1, 2, 3]);
    assert_eq!(c.alive[1], [Some(120.0), Some(90.0), Some(81.0), None]);
    assert_eq!(c.period, Some(PeriodUnit::Month));
}

#[test]
fn extra_cells_are_a_row_problem_and_nothing_usable_is_an_error() {
    let t = read_table(b"client;date;montant\na;2024-01-01;5;oops\n").unwrap();
    let m = guess_mapping(&t, Shape::Transactions);
    let e = validate(&t, &m).unwrap_err();
    let ValidateError::NoUsableRows { problems, first } = e else {
        panic!("{e:?}")
    };
    assert_eq!(problems, 1);
    // The reason is located, not only counted.
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].row, 2);
    assert!(matches!(
        first[0].problem,
        CellProblem::ExtraCells { count: 1 }
    ));
    let t = read_table(b"client;date;montant\na;2024-01-01;5;oops\nb;2024-01-02;6\n").unwrap();
    let v = validate(&t, &m).unwrap();
    assert_eq!(
        v.problems[0].to_string(),
        "row 2, column \"montant\": 1 cell(s) past the last column: is a delimiter inside an unquoted value?"
    );
}

#[test]
fn progress_is_reported_and_can_cancel() {
    let mut csv = String::from("client,date,amount\n");
    for i in 0..(3 * TICK) {
        csv.push_str(&format!(
            "c{},2024-01-{:02},{}\n",
            i % 97,
            i % 28 + 1,
            i % 50
        ));
    }
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Transactions);
    let mut seen = Vec::new();
    let v = validate_with_progress(&t, &m, &mut |d, n| {
        seen.push((d, n));
        true
    })
    .unwrap();
    assert!(v.is_clean());
    // Three columns of 3 ticks each, then the end.
    assert_eq!(seen.len(), 10, "{seen:?}");
    assert_eq!(*seen.last().unwrap(), (9 * TICK, 9 * TICK));
    let mut calls = 0;
    let e = validate_with_progress(&t, &m, &mut |_, _| {
        calls += 1;
        calls < 2
    });
    assert_eq!(e.unwrap_err(), ValidateError::Cancelled);
}

#[test]
fn a_column_whose_first_cells_mislead_is_read_again() {
    // The fast path reads `aa/mm/yyyy` in the order its first 1000
    // cells suggest (none here: day first by default); the later cells
    // say month first, so the column is read again cell by cell.
    let mut csv = String::from("client,date,amount\n");
    for i in 0..1500 {
        let date = if i < 1000 {
            format!("{:02}/{:02}/2024", i % 12 + 1, (i + 1) % 12 + 1)
        } else {
            format!("{:02}/{:02}/2024", i % 12 + 1, i % 15 + 13)
        };
        csv.push_str(&format!("c{i},{date},{i}.5\n"));
    }
    // One English amount among French ones: read again, and refused.
    csv.push_str("z,01/13/2024,\"1,5\"\n");
    for i in 0..3 {
        csv.push_str(&format!("y{i},01/13/2024,{i}.25\n"));
    }
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Transactions);
    let v = validate(&t, &m).unwrap();
    assert_eq!(v, validate_reference(&t, &m).unwrap());
    assert_eq!(v.readings[0].date_order, Some(DateOrder::MonthFirst));
    let Dataset::Transactions(tx) = &v.dataset else {
        panic!()
    };
    assert_eq!(tx.date[0], d(2024, 1, 2));
    assert_eq!(v.problems.len(), 1);
    assert_eq!(
        v.problems[0].to_string(),
        "row 1502, column \"amount\": \"1,5\" is not a number in this column, which uses \".\" for decimals"
    );
}

#[test]
fn problem_details_are_capped_but_all_counted() {
    let mut csv = String::from("client,date,amount\n");
    for i in 0..(MAX_PROBLEMS + 500) {
        csv.push_str(&format!("c{i},2024-01-01,bad\n"));
    }
    csv.push_str("ok,2024-01-01,1\n");
    let t = read_table(csv.as_bytes()).unwrap();
    let m = guess_mapping(&t, Shape::Transactions);
    let v = validate(&t, &m).unwrap();
    assert_eq!(v.problems.len(), MAX_PROBLEMS);
    assert_eq!(v.summary.problems, MAX_PROBLEMS + 500);
    assert_eq!(v.summary.rows_with_problems, MAX_PROBLEMS + 500);
    assert_eq!(v.summary.rows_ok, 1);
}
