use super::*;
use crate::data::linked::{JoinChoice, JoinFrom};
use crate::data::{Sample, Session, Source, SourceKind};
use crate::i18n::Words;
use crate::pages::evidence::Evidence;
use cxi_types::Locale;
use std::rc::Rc;

const ORDERS: &str = "customer,date,amount\nA,2024-01-02,3\nB,2024-01-03,4\n";
const SURVEY: &str = "customer,nps\nA,9\nB,3\nC,10\n";
const UNMAPPED: &str = "x,y\n1,2\n3,4\n";

fn session(csv: &str, name: &str) -> Session {
    let source = Source {
        name: name.into(),
        kind: SourceKind::File,
        bytes: csv.len() as u64,
    };
    Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {}).unwrap()
}

fn report(csv: &str, name: &str) -> Rc<crate::data::Report> {
    let s = session(csv, name);
    // Evidence computed: the report is complete, as after `Fit`.
    s.evidence();
    Rc::new(s.report(Locale::En))
}

/// Loads `csv` as session `id`, through to its opened report.
fn load(w: &Workspace, id: EngineId, csv: &str, name: &str) -> Workspace {
    w.reduce(WorkspaceEvent::Load {
        id,
        name: name.into(),
        total: 0,
        sample: None,
    })
    .reduce(WorkspaceEvent::Engine(DataEvent::Opened {
        id,
        report: report(csv, name),
    }))
}

fn names(w: &Workspace, saved: &[LoadedData]) -> Vec<String> {
    w.for_scenario(saved)
        .iter()
        .map(|d| format!("{}:{}", d.key, d.source.name))
        .collect()
}

#[test]
fn adding_a_table_never_drops_another() {
    let w = load(&Workspace::default(), 1, ORDERS, "orders.csv");
    let w = load(&w, 2, SURVEY, "survey.csv");
    assert_eq!(w.tables.len(), 2);
    assert_eq!(w.engines(), [1, 2]);
    assert_eq!(w.shown, Some(2));
    assert_eq!(names(&w, &[]), ["1:orders.csv", "2:survey.csv"]);
    // Each page reads the table that serves it.
    let tables = w.for_scenario(&[]);
    let m = crate::data::tables::merged(&tables);
    assert_eq!(m.churn, tables[0].evidence.churn);
    assert!(m.voice.is_some());
    assert_eq!(m.voice, tables[1].evidence.voice);
    // An edit of one table reaches that table only.
    let e = w.reduce(WorkspaceEvent::On {
        key: 1,
        event: DataEvent::Editing,
    });
    assert!(e.table(1).unwrap().state.busy);
    assert!(!e.table(2).unwrap().state.busy);
}

#[test]
fn a_load_that_fails_leaves_no_table_and_says_why() {
    let w = load(&Workspace::default(), 1, ORDERS, "orders.csv");
    let before = w.for_scenario(&[]);
    let f = w
        .reduce(WorkspaceEvent::Load {
            id: 2,
            name: "photo.png".into(),
            total: 10,
            sample: None,
        })
        .reduce(WorkspaceEvent::Engine(DataEvent::Failed {
            id: 2,
            reason: Words::same("binary"),
        }));
    assert_eq!(f.tables.len(), 1);
    assert_eq!(f.for_scenario(&[]), before);
    assert_eq!(f.shown, Some(1));
    assert!(matches!(f.notice, Some(Notice::Unusable { .. })));
    // Cancelling a new table's load: gone as well, the cancel said.
    let c = w
        .reduce(WorkspaceEvent::Load {
            id: 3,
            name: "big.csv".into(),
            total: 10,
            sample: None,
        })
        .reduce(WorkspaceEvent::On {
            key: 2,
            event: DataEvent::Cancel,
        });
    assert_eq!(c.tables.len(), 1);
    assert_eq!(c.engines(), [1]);
    assert_eq!(c.notice, Some(Notice::Cancelled));
    // A late message of a dropped session changes nothing.
    let late = c.reduce(WorkspaceEvent::Engine(DataEvent::Opened {
        id: 3,
        report: report(ORDERS, "big.csv"),
    }));
    assert_eq!(late, c);
}

#[test]
fn a_replaced_table_stays_in_use_until_its_replacement_validates() {
    let w = load(&Workspace::default(), 1, ORDERS, "orders.csv");
    let w = load(&w, 2, SURVEY, "survey.csv");
    let r = w.reduce(WorkspaceEvent::ReplaceNext(Some(1)));
    assert_eq!(r.target(None), Target::Replace(1));
    let r = load(&r, 3, UNMAPPED, "odd.csv");
    assert_eq!(r.tables.len(), 2);
    assert_eq!(r.replacing, None, "one load replaces");
    let t = r.table(1).unwrap();
    assert_eq!(t.state.current.as_ref().unwrap().id, 3);
    assert_eq!(t.state.kept.as_ref().unwrap().id, 1);
    // Still orders.csv in the scenario, the survey untouched.
    assert_eq!(names(&r, &[]), ["1:orders.csv", "2:survey.csv"]);
    // Back to the kept one.
    let b = r.reduce(WorkspaceEvent::On {
        key: 1,
        event: DataEvent::BackToKept,
    });
    assert_eq!(b.engines(), [1, 2]);
    // A replacement that validates takes the table's place in the list.
    let v = load(
        &w.reduce(WorkspaceEvent::ReplaceNext(Some(1))),
        4,
        ORDERS,
        "orders-2.csv",
    );
    assert_eq!(names(&v, &[]), ["1:orders-2.csv", "2:survey.csv"]);
    // Replacing a table that is gone: the load adds one.
    let gone = w
        .reduce(WorkspaceEvent::ReplaceNext(Some(1)))
        .reduce(WorkspaceEvent::Remove(1));
    assert_eq!(gone.target(None), Target::New);
    assert_eq!(
        w.reduce(WorkspaceEvent::ReplaceNext(Some(9))).replacing,
        None
    );
}

#[test]
fn a_sample_replaces_the_sample_loaded() {
    let sample = |w: &Workspace, id, s: Sample| {
        let r = Rc::new(s.open(Locale::En).unwrap().report(Locale::En));
        w.reduce(WorkspaceEvent::Load {
            id,
            name: r.source.clone(),
            total: 0,
            sample: Some(s),
        })
        .reduce(WorkspaceEvent::Engine(DataEvent::Opened { id, report: r }))
    };
    let w = load(&Workspace::default(), 1, SURVEY, "survey.csv");
    let w = sample(&w, 2, Sample::Retail);
    assert_eq!(w.tables.len(), 2);
    assert_eq!(w.target(Some(Sample::Subscription)), Target::Replace(2));
    assert_eq!(w.target(None), Target::New);
    // The linked sample: its orders replace the sample, its survey is added.
    let l = sample(&w, 7, Sample::LinkedOrders);
    let l = sample(&l, 8, Sample::LinkedSurvey);
    assert_eq!(l.tables.len(), 3);
    assert_eq!(l.engines(), [1, 7, 8]);
    // A single sample afterwards drops the linked survey too.
    let r = sample(&l, 9, Sample::Retail);
    assert_eq!(r.engines(), [1, 9]);
    let w = sample(&w, 3, Sample::Subscription);
    assert_eq!(w.tables.len(), 2);
    assert_eq!(w.engines(), [1, 3]);
    assert_eq!(w.table(2).unwrap().state.current.as_ref().unwrap().id, 3);
}

#[test]
fn removing_a_table_leaves_the_others() {
    let w = load(&Workspace::default(), 1, ORDERS, "orders.csv");
    let w = load(&w, 2, SURVEY, "survey.csv");
    let r = w.reduce(WorkspaceEvent::Remove(2));
    assert_eq!(r.engines(), [1]);
    assert_eq!(r.shown, Some(1));
    assert_eq!(names(&r, &[]), ["1:orders.csv"]);
    let none = r.reduce(WorkspaceEvent::Remove(1));
    assert_eq!(none.shown, None);
    assert!(none.for_scenario(&[]).is_empty());
    // Keys are not reused while their table is listed.
    let again = load(&r, 5, SURVEY, "survey.csv");
    assert_eq!(names(&again, &[]), ["1:orders.csv", "2:survey.csv"]);
}

#[test]
fn tables_of_an_opened_scenario_are_listed_until_removed() {
    let mut a = Sample::Retail.open(Locale::En).unwrap().loaded().unwrap();
    a.key = 4;
    let mut b = Sample::Subscription
        .open(Locale::En)
        .unwrap()
        .loaded()
        .unwrap();
    b.key = 7;
    let saved = [a.clone(), b.clone()];
    let w = Workspace::from_saved(&saved);
    assert_eq!(w.tables.len(), 2);
    assert!(w.engines().is_empty());
    assert!(w.tables.iter().all(|t| t.saved && t.sample == Some(0)));
    assert_eq!(w.for_scenario(&saved), saved);
    // A new table takes the next key; a failed load of it leaves both.
    let n = load(&w, 1, ORDERS, "orders.csv");
    assert_eq!(n.tables.last().unwrap().key, 8);
    assert_eq!(n.for_scenario(&saved).len(), 3);
    // Replacing a saved table: its summary stays until the new one validates.
    let r = load(
        &w.reduce(WorkspaceEvent::ReplaceNext(Some(4))),
        2,
        UNMAPPED,
        "odd.csv",
    );
    assert_eq!(r.for_scenario(&saved), saved);
    // A crashed session of a saved table: its summary is still listed.
    let crashed = r.reduce(WorkspaceEvent::Engine(DataEvent::Stopped {
        id: 2,
        reason: "out of memory".into(),
    }));
    assert_eq!(crashed.for_scenario(&saved), saved);
    let forgotten = w.reduce(WorkspaceEvent::Remove(4));
    assert_eq!(forgotten.for_scenario(&saved), [b]);
    // Evidence of a session reaches only its own table.
    let fitted = n.reduce(WorkspaceEvent::Engine(DataEvent::Fitted {
        id: 99,
        evidence: Rc::new(Evidence::default()),
    }));
    assert_eq!(fitted, n);
}

/// The join as the page runs it: answers asked of the survey's session,
/// joined by the orders' session, redone after an edit of either table.
#[test]
fn the_join_is_asked_for_made_and_redone_after_an_edit() {
    const LOG: &str = "customer,order date,amount\nA,2024-01-01,3\nA,2024-01-20,5\nB,2024-01-01,4\nB,2024-03-01,6\n";
    const SURVEY_DATED: &str =
        "customer,nps,answered\nA,10,2024-01-02\nB,3,2024-01-02\nZ,9,2024-01-02\n";
    let w = load(&Workspace::default(), 1, LOG, "orders.csv");
    assert_eq!(w.wants_inputs(&[]), None, "nothing to join yet");
    let w = load(&w, 2, SURVEY_DATED, "survey.csv");
    let parts = w.join_sessions(&[]).unwrap();
    assert_eq!(
        (parts.orders, parts.answers, parts.crm),
        (1, 2, None),
        "keys"
    );
    assert_eq!((parts.orders_session, parts.answers_session), (1, 2));
    assert_eq!(w.wants_inputs(&[]), Some(2));
    assert_eq!(w.wants_join(&[], &JoinChoice::default()), None);
    assert_eq!(w.joined(&[], &JoinChoice::default()), None);
    // The survey's session hands its answers over.
    let survey = session(SURVEY_DATED, "survey.csv");
    let inputs = Rc::new(survey.link_inputs().unwrap());
    let x = w.reduce(WorkspaceEvent::Engine(DataEvent::Extracted {
        id: 2,
        inputs: Some(inputs.clone()),
    }));
    assert_eq!(x.wants_inputs(&[]), None);
    let ask = x.wants_join(&[], &JoinChoice::default()).unwrap();
    let (to, given) = (ask.orders, ask.answers.with_crm_of(ask.crm.as_deref()));
    assert_eq!((to, &given), (1, &*inputs));
    let from = JoinFrom {
        answers: 2,
        crm: None,
    };
    assert_eq!(ask.from, from);
    // The orders' session joins them.
    let orders = session(LOG, "orders.csv");
    let result = orders
        .link(&given, &JoinChoice::default())
        .unwrap()
        .unwrap();
    let evidence = result.evidence.clone();
    assert_eq!(
        (evidence.orders_match.matched, evidence.orders_match.total),
        (2, 3)
    );
    let j = x.reduce(WorkspaceEvent::Engine(DataEvent::Linked {
        id: 1,
        choice: JoinChoice::default(),
        from,
        result: Ok(Rc::new(result.clone())),
    }));
    assert_eq!(j.wants_join(&[], &JoinChoice::default()), None);
    let joined = j.joined(&[], &JoinChoice::default()).unwrap().unwrap();
    assert_eq!((joined.orders, joined.answers), (1, 2));
    assert_eq!(joined.evidence, evidence);
    // Another window: joined again, and the old join is not shown as its.
    let ninety = JoinChoice {
        window_days: 90.0,
        ..JoinChoice::default()
    };
    assert!(j.wants_join(&[], &ninety).is_some());
    assert_eq!(j.joined(&[], &ninety), None);
    // A window that is no number of days asks nothing.
    let bad = JoinChoice {
        window_days: 0.5,
        ..JoinChoice::default()
    };
    assert_eq!(j.wants_join(&[], &bad), None);
    // An edit of the survey: its answers and the join are asked for again.
    let e = j.reduce(WorkspaceEvent::On {
        key: 2,
        event: DataEvent::Editing,
    });
    assert_eq!(e.joined(&[], &JoinChoice::default()), None);
    assert_eq!(e.wants_inputs(&[]), Some(2));
    // A new report of the orders: the join only.
    let r = j.reduce(WorkspaceEvent::Engine(DataEvent::Reported {
        id: 1,
        report: report(LOG, "orders.csv"),
    }));
    assert_eq!(r.wants_inputs(&[]), None);
    assert!(r.wants_join(&[], &JoinChoice::default()).is_some());
    // A refusal is kept as such, in every language.
    let refused = x.reduce(WorkspaceEvent::Engine(DataEvent::Linked {
        id: 1,
        choice: JoinChoice::default(),
        from,
        result: Err(Words::same("no")),
    }));
    assert_eq!(
        refused.joined(&[], &JoinChoice::default()),
        Some(Err(Words::same("no")))
    );
    // Removing the survey: nothing to join.
    assert_eq!(
        j.reduce(WorkspaceEvent::Remove(2))
            .joined(&[], &JoinChoice::default()),
        None
    );
}

/// Three tables, one customer: the customer table's churn flags join the
/// survey to the orders; they are asked of its session after the answers,
/// the join waits for them, and an edit or a removal of the customer table
/// redoes it.
#[test]
fn a_customer_table_brings_its_churn_flags_to_the_join() {
    const LOG: &str = "customer,order date,amount\nA,2024-01-01,3\nA,2024-01-20,5\nB,2024-01-01,4\nB,2024-03-01,6\n";
    const SURVEY_DATED: &str =
        "customer,nps,answered\nA,10,2024-01-02\nB,3,2024-01-02\nZ,9,2024-01-02\n";
    const CRM: &str = "customer,churned\nA,no\nB,yes\nQ,yes\n";
    let w = load(&Workspace::default(), 1, LOG, "orders.csv");
    let w = load(&w, 2, SURVEY_DATED, "survey.csv");
    let w = load(&w, 3, CRM, "crm.csv");
    let parts = w.join_sessions(&[]).unwrap();
    assert_eq!((parts.crm, parts.crm_session), (Some(3), Some(3)));
    assert_eq!(w.wants_inputs(&[]), Some(2), "the answers first");
    let extract = |w: &Workspace, id: EngineId, csv: &str| {
        let inputs = session(csv, "t.csv").link_inputs().map(Rc::new);
        w.reduce(WorkspaceEvent::Engine(DataEvent::Extracted { id, inputs }))
    };
    let x = extract(&w, 2, SURVEY_DATED);
    assert_eq!(x.wants_inputs(&[]), Some(3), "then the customer table");
    assert_eq!(
        x.wants_join(&[], &JoinChoice::default()),
        None,
        "the join waits for the churn flags"
    );
    let x = extract(&x, 3, CRM);
    assert_eq!(x.wants_inputs(&[]), None);
    let ask = x.wants_join(&[], &JoinChoice::default()).unwrap();
    assert_eq!(
        ask.from,
        JoinFrom {
            answers: 2,
            crm: Some(3)
        }
    );
    let inputs = ask.answers.with_crm_of(ask.crm.as_deref());
    let result = session(LOG, "orders.csv")
        .link(&inputs, &JoinChoice::default())
        .unwrap()
        .unwrap();
    let evidence = result.evidence.clone();
    // A and B of the survey's A, B, Z are in the customer table.
    let crm_match = evidence.crm_match.as_ref().unwrap();
    assert_eq!((crm_match.matched, crm_match.total), (2, 3));
    let churn = |i: usize| {
        evidence.nps.as_ref().unwrap().groups[i]
            .churn
            .unwrap()
            .value
    };
    assert_eq!((churn(0), churn(2)), (1.0, 0.0), "B churned, A did not");
    let j = x.reduce(WorkspaceEvent::Engine(DataEvent::Linked {
        id: 1,
        choice: JoinChoice::default(),
        from: ask.from,
        result: Ok(Rc::new(result.clone())),
    }));
    let joined = j.joined(&[], &JoinChoice::default()).unwrap().unwrap();
    assert_eq!((joined.orders, joined.answers, joined.crm), (1, 2, Some(3)));
    assert_eq!(j.wants_join(&[], &JoinChoice::default()), None);
    // An edit of the customer table: its flags and the join again.
    let e = j.reduce(WorkspaceEvent::On {
        key: 3,
        event: DataEvent::Editing,
    });
    assert_eq!(e.joined(&[], &JoinChoice::default()), None);
    assert_eq!(e.wants_inputs(&[]), Some(3));
    // Without the customer table: the survey and the orders alone.
    let r = j.reduce(WorkspaceEvent::Remove(3));
    assert_eq!(r.join_sessions(&[]).unwrap().crm, None);
    assert_eq!(r.joined(&[], &JoinChoice::default()), None);
    assert_eq!(
        r.wants_join(&[], &JoinChoice::default()).unwrap().from.crm,
        None
    );
}
