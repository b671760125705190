//! The value subcommands of `cxi` run as processes: output formats, the
//! numbers they print (against the in-process core or published values), and
//! bad input (non-zero exit, one line on stderr).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cli::cxi;
use cxi_models::bgnbd;
use cxi_models::gamma_gamma;
use cxi_models::rfm::Rfm;
use cxi_testkit::sim::{simulate, CDNOW_LIKE};

fn assert_one_line_error(code: i32, out: &str, err: &str, contains: &str) {
    assert_ne!(code, 0, "stderr: {err}");
    assert!(out.is_empty(), "stdout: {out}");
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.starts_with("cxi: "), "{err}");
    assert!(err.contains(contains), "{err:?} lacks {contains:?}");
}

fn rfm_csv(rows: &[Rfm]) -> String {
    let mut s = String::from("id,frequency,recency,T,monetary_value\n");
    for (i, r) in rows.iter().enumerate() {
        s += &format!(
            "c{i},{},{},{},{}\n",
            r.frequency, r.recency, r.age, r.monetary_value
        );
    }
    s
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Reference: the log worked by hand, written the French way (`;`, decimal
/// commas, day-first dates), unsorted. Client A: 02/01 (10 + 20,50 the
/// same day), 05/01 (15), 12/01 (a return, −15, left out), 20/01 (25):
/// frequency 2, recency 18 days, T 19 days (end 21/01), monetary 20.
#[test]
fn rfm_summarises_a_french_log() {
    let log = "client;date;montant\n\
               A;20/01/2024;25,00\n\
               B;21/01/2024;7,5\n\
               A;02/01/2024;10\n\
               A;05/01/2024;15\n\
               A;02/01/2024;20,50\n\
               A;12/01/2024;-15\n";
    let (code, out, err) = cxi(&["rfm", "-", "--time-unit", "day"], log);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim_end(),
        "id,frequency,recency,T,monetary_value\nA,2,18,19,20\nB,0,0,0,0"
    );
    assert!(
        err.contains("1 negative amount(s)") && err.contains("rows 7"),
        "{err}"
    );
    // Weekly, distinct days (the default): 02/01, 05/01 and 20/01 are three
    // purchase days, the last 18 days = 18/7 weeks after the first, at the
    // end; B buys only after the end.
    let weekly = |convention: &str| {
        let (code, out, err) = cxi(
            &[
                "rfm",
                "-",
                "--time-unit",
                "week",
                "--calibration-end",
                "2024-01-20",
                "--time-convention",
                convention,
            ],
            log,
        );
        assert_eq!(code, 0, "{err}");
        out.trim_end().to_string()
    };
    let w = (18.0f64 / 7.0).to_string();
    assert_eq!(
        weekly("days"),
        format!("id,frequency,recency,T,monetary_value\nA,2,{w},{w},20")
    );
    // Whole weeks (Monday start): 02/01 (Tue) and 05/01 (Fri) are one
    // purchase week, 20/01 (Sat) two weeks later.
    assert_eq!(
        weekly("periods"),
        "id,frequency,recency,T,monetary_value\nA,1,2,2,25"
    );
}

#[test]
fn rfm_bad_input() {
    let (c, o, e) = cxi(
        &["rfm", "-", "--time-unit", "day"],
        "id,date,amount\nA,2024-01-02,12\nA,2024-01-03,abc\n",
    );
    assert_one_line_error(c, &o, &e, "row 3");
    let (c, o, e) = cxi(
        &["rfm", "-", "--time-unit", "day"],
        "id,when,amount\nA,2024-01-02,1\n",
    );
    assert_one_line_error(c, &o, &e, "no column `date`");
    let (c, o, e) = cxi(
        &["rfm", "-", "--time-unit", "fortnight"],
        "id,date,amount\n",
    );
    assert_one_line_error(c, &o, &e, "unknown time unit");
    let (c, o, e) = cxi(&["rfm", "/nonexistent/log.csv"], "");
    assert_one_line_error(c, &o, &e, "cannot read");
    let (c, o, e) = cxi(
        &["rfm", "-", "--time-convention", "weeks"],
        "id,date,amount\nA,2024-01-02,1\n",
    );
    assert_one_line_error(c, &o, &e, "unknown time convention `weeks`");
}

/// Reference: a headerless fixed-width log in CDNOW's layout (master id,
/// customer, yyyymmdd, CDs, dollars), worked by hand in days: customer 0001
/// buys on 01-01 and 01-18 (x = 1, t_x = T = 17 days, z̄ = 29.73), 0002
/// once on 01-01 (T = 17 to the last date of the log).
#[test]
fn rfm_reads_a_fixed_width_log_without_header() {
    let log = " 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00021 0002 19970101  3   63.34\n";
    let (code, out, err) = cxi(
        &[
            "rfm",
            "-",
            "--whitespace",
            "--columns",
            "master,customer,date,cds,amount",
            "--id-col",
            "customer",
            "--time-unit",
            "day",
        ],
        log,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim_end(),
        "id,frequency,recency,T,monetary_value\n0001,1,17,17,29.73\n0002,0,0,17,0"
    );
}

/// Reference: the in-process core fit on the same rows (the CLI must print
/// the same estimates), and the published-parameter scale of the simulation.
#[test]
fn bgnbd_and_gamma_gamma_print_the_core_fit() {
    let sim = simulate(&CDNOW_LIKE, 3_000, 77);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let csv = rfm_csv(&rows);
    let (code, out, err) = cxi(&["bgnbd", "-"], &csv);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let core = bgnbd::fit(&rows).unwrap();
    for (k, want) in [
        ("r", core.params.r()),
        ("alpha", core.params.alpha()),
        ("a", core.params.a()),
        ("b", core.params.b()),
        ("log_likelihood", core.log_likelihood),
    ] {
        let got = v[k].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{k}: {got} vs {want}"
        );
    }
    assert!(v["std_errors"]["alpha"].as_f64().unwrap() > 0.0);
    let (code, out, err) = cxi(&["gamma-gamma", "-"], &csv);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let core = gamma_gamma::fit(&rows).unwrap();
    for (k, want) in [
        ("p", core.params.p()),
        ("q", core.params.q()),
        ("v", core.params.v()),
        ("log_likelihood", core.log_likelihood),
    ] {
        let got = v[k].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{k}: {got} vs {want}"
        );
    }
    assert!(v["std_errors"]["q"].as_f64().unwrap() > 0.0);
}

/// Columns are also recognised by the papers' names (x, t_x, T, zbar).
#[test]
fn rfm_columns_by_paper_names_and_bad_rows() {
    let sim = simulate(&CDNOW_LIKE, 500, 3);
    let mut csv = String::from("ID,x,t_x,T,zbar\n");
    for (i, c) in sim.iter().enumerate() {
        let r = c.rfm;
        csv += &format!(
            "{i},{},{},{},{}\n",
            r.frequency, r.recency, r.age, r.monetary_value
        );
    }
    let (code, _, err) = cxi(&["bgnbd", "-"], &csv);
    assert_eq!(code, 0, "{err}");
    // Row 3 of the file (second customer) has its last purchase after T.
    let bad = "frequency,recency,T\n1,2,10\n2,12,10\n";
    let (c, o, e) = cxi(&["bgnbd", "-"], bad);
    assert_one_line_error(c, &o, &e, "row 3: recency 12 is after T 10");
    let bad = "frequency,recency,T\n1.5,2,10\n";
    let (c, o, e) = cxi(&["bgnbd", "-"], bad);
    assert_one_line_error(c, &o, &e, "not a whole number");
    let (c, o, e) = cxi(&["gamma-gamma", "-"], "frequency,recency,T\n1,2,10\n");
    assert_one_line_error(c, &o, &e, "no column `monetary_value`");
    let (c, o, e) = cxi(&["bgnbd", "-"], "frequency,recency,T\n0,0,10\n0,0,12\n");
    assert_one_line_error(c, &o, &e, "no customer made a repeat purchase");
}

/// Reference: Fader & Hardie (2007), "regular" cohort → α = 0.704,
/// β = 1.182 (3 decimals); rows may come in any order.
#[test]
fn sbg_reproduces_the_published_fit() {
    let table = "period;alive\n3;382\n0;1000\n1;631\n2;468\n4;326\n5;289\n6;262\n7;241\n";
    let (code, out, err) = cxi(&["sbg", "-", "--discount", "0.1"], table);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    cxi_testkit::assert_close!(v["alpha"].as_f64().unwrap(), 0.704, 5e-4);
    cxi_testkit::assert_close!(v["beta"].as_f64().unwrap(), 1.182, 5e-4);
    assert!(v["log_likelihood"].as_f64().unwrap() < 0.0);
    assert!(v["del"].as_f64().unwrap() > v["constant_churn"]["del"].as_f64().unwrap());
    assert_eq!(v["survival"].as_array().unwrap().len(), 15);
}

#[test]
fn sbg_bad_input() {
    let (c, o, e) = cxi(&["sbg", "-"], "period,alive\n0,100\n1,80\n2,90\n");
    assert_one_line_error(c, &o, &e, "period 2: customers alive rise from 80 to 90");
    let (c, o, e) = cxi(&["sbg", "-"], "period,alive\n0,100\n2,80\n");
    assert_one_line_error(c, &o, &e, "without gaps");
    let (c, o, e) = cxi(&["sbg", "-"], "period,alive\n0,100\n1,x\n");
    assert_one_line_error(c, &o, &e, "row 3");
    let (c, o, e) = cxi(&["sbg", "-"], "");
    assert_one_line_error(c, &o, &e, "empty");
}

/// One CSV row per customer; the conversion of horizon and discount is
/// stated on stderr.
#[test]
fn predict_prints_one_row_per_customer() {
    let sim = simulate(&CDNOW_LIKE, 1_000, 5);
    let rows: Vec<Rfm> = sim.iter().map(|c| c.rfm).collect();
    let csv = rfm_csv(&rows);
    let (code, out, err) = cxi(
        &[
            "predict",
            "-",
            "--horizon",
            "12",
            "--discount",
            "0.1",
            "--time-unit",
            "week",
        ],
        &csv,
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.trim_end().lines().collect();
    assert_eq!(lines[0], "id,p_alive,expected_purchases,expected_spend,clv");
    assert_eq!(lines.len(), 1 + rows.len());
    for l in &lines[1..] {
        let f: Vec<f64> = l.split(',').skip(1).map(|x| x.parse().unwrap()).collect();
        assert!((0.0..=1.0).contains(&f[0]) && f.iter().all(|x| x.is_finite() && *x >= 0.0));
    }
    assert!(err.contains("12 month(s) = 52.1786 week(s)"), "{err}");
    assert!(err.contains("0.797414% per month"), "{err}");
    let (c, o, e) = cxi(
        &["predict", "-", "--horizon", "0", "--discount", "0.1"],
        &csv,
    );
    assert_one_line_error(c, &o, &e, "horizon must be 1 to 1200 steps: got 0");
    let (c, o, e) = cxi(
        &["predict", "-", "--horizon", "12", "--discount", "-2"],
        &csv,
    );
    assert_one_line_error(c, &o, &e, "annual discount rate must be greater than -1");
}
