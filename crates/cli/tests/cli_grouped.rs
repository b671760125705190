//! Grouped RFM summaries on the command line: a count column
//! (customers/count/n/weight) makes each row stand for that many identical
//! customers, so a grouped table must fit exactly like the expanded one;
//! bad counts are refused with their row and column.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cli::cxi;
use cxi_models::rfm::Rfm;
use cxi_testkit::sim::{simulate, simulate_pareto_nbd, CDNOW_LIKE, PARETO_CDNOW_LIKE};
use std::collections::BTreeMap;

/// Simulated customers with whole-week times (spend in cents), so many
/// share a row: (x, t_x, T, cents) → count. (Coarser spend would make the
/// Gamma-Gamma fit itself degenerate.)
fn groups(customers: &[Rfm]) -> BTreeMap<(u32, u32, u32, u32), u32> {
    let mut g = BTreeMap::new();
    for r in customers {
        let t = r.age.round() as u32;
        let tx = (r.recency.floor() as u32).min(t);
        let cents = if r.frequency == 0 {
            0
        } else {
            (r.monetary_value * 100.0).round() as u32
        };
        *g.entry((r.frequency, tx, t, cents)).or_insert(0) += 1;
    }
    g
}

fn expanded_csv(g: &BTreeMap<(u32, u32, u32, u32), u32>) -> String {
    let mut s = String::from("frequency,recency,T,monetary_value\n");
    for ((x, tx, t, m), n) in g {
        for _ in 0..*n {
            s += &format!("{x},{tx},{t},{}\n", f64::from(*m) / 100.0);
        }
    }
    s
}

fn grouped_csv(g: &BTreeMap<(u32, u32, u32, u32), u32>, count: &str) -> String {
    let mut s = format!("frequency,recency,T,monetary_value,{count}\n");
    for ((x, tx, t, m), n) in g {
        s += &format!("{x},{tx},{t},{},{n}\n", f64::from(*m) / 100.0);
    }
    // A row of weight 0 is left out whatever it holds.
    s += "40,1,2,1000,0\n";
    s
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Reference: the same command on the expanded table; estimates within
/// 1e-6 relative (the optimiser's tolerance), log-likelihood within 1e-9.
#[test]
fn grouped_tables_fit_like_expanded_ones() {
    // BG/NBD data for the BG/NBD family and spend; Pareto/NBD data for
    // Pareto/NBD (on BG/NBD data its likelihood can run off to s, β → ∞).
    let bg: Vec<Rfm> = simulate(&CDNOW_LIKE, 900, 41)
        .iter()
        .map(|c| c.rfm)
        .collect();
    let pareto = simulate_pareto_nbd(&PARETO_CDNOW_LIKE, 900, 41);
    for (cmd, keys, count) in [
        ("bgnbd", &["r", "alpha", "a", "b"][..], "customers"),
        ("mbgnbd", &["r", "alpha", "a", "b"], "count"),
        ("pareto-nbd", &["r", "alpha", "s", "beta"], "n"),
        ("gamma-gamma", &["p", "q", "v"][..], "weight"),
    ] {
        let g = groups(if cmd == "pareto-nbd" { &pareto } else { &bg });
        let rows = g.len();
        let customers: u32 = g.values().sum();
        assert!(
            rows < customers as usize * 3 / 4,
            "{rows} rows for {customers}"
        );
        let expanded = expanded_csv(&g);
        let (c1, o1, e1) = cxi(&[cmd, "-"], &expanded);
        let (c2, o2, e2) = cxi(&[cmd, "-"], &grouped_csv(&g, count));
        assert_eq!((c1, c2), (0, 0), "{cmd}: {e1} {e2}");
        let (full, grouped) = (json(&o1), json(&o2));
        for k in keys.iter().chain(&["log_likelihood"]) {
            let (a, b) = (grouped[k].as_f64().unwrap(), full[k].as_f64().unwrap());
            let tol = if *k == "log_likelihood" { 1e-9 } else { 1e-6 };
            assert!((a - b).abs() <= tol * b.abs(), "{cmd} {k}: {a} vs {b}");
        }
        if cmd == "gamma-gamma" {
            assert_eq!(full.get("weight_used"), None, "ungrouped output unchanged");
            let used = full["customers_used"].as_f64().unwrap();
            assert_eq!(grouped["weight_used"].as_f64().unwrap(), used);
        } else {
            assert_eq!(
                grouped["weight_total"].as_f64().unwrap(),
                f64::from(customers)
            );
            assert_eq!(grouped["customers"].as_u64().unwrap(), rows as u64, "{cmd}");
        }
    }
    let (_, o, _) = cxi(&["bgnbd", "-"], &expanded_csv(&groups(&bg)));
    assert_eq!(
        json(&o).get("weight_total"),
        None,
        "ungrouped bgnbd output unchanged"
    );
}

fn assert_one_line_error(code: i32, out: &str, err: &str, contains: &str) {
    assert_ne!(code, 0, "stderr: {err}");
    assert!(out.is_empty(), "stdout: {out}");
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.contains(contains), "{err:?} lacks {contains:?}");
}

#[test]
fn bad_counts_are_refused_with_their_row() {
    let table = |bad: &str| {
        format!("frequency,recency,T,monetary_value,count\n1,2,10,5,3\n2,8,10,7,{bad}\n0,0,9,0,4\n")
    };
    for cmd in ["bgnbd", "mbgnbd", "pareto-nbd", "gamma-gamma"] {
        let (c, o, e) = cxi(&[cmd, "-"], &table("-2"));
        assert_one_line_error(
            c,
            &o,
            &e,
            "row 3, column \"count\": -2 is not a count of customers",
        );
        let (c, o, e) = cxi(&[cmd, "-"], &table("many"));
        assert_one_line_error(c, &o, &e, "row 3");
    }
    let zero = "frequency,recency,T,n\n1,2,10,0\n0,0,9,0\n";
    let (c, o, e) = cxi(&["pareto-nbd", "-"], zero);
    assert_one_line_error(c, &o, &e, "every count is 0");
}
