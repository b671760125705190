//! `cxi bgbb` and `cxi holdout` run as processes: the published BG/BB fit,
//! the holdout report against the in-process core, and bad input
//! (non-zero exit, one line on stderr).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cli::cxi;
use cxi_models::bgnbd;
use cxi_models::holdout;
use cxi_models::rfm::{Day, TimeConvention, Transaction};
use cxi_testkit::assert_close;
use cxi_types::period::PeriodUnit;

fn assert_one_line_error(code: i32, out: &str, err: &str, contains: &str) {
    assert_ne!(code, 0, "stderr: {err}");
    assert!(out.is_empty(), "stdout: {out}");
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.contains(contains), "{err:?} lacks {contains:?}");
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Reference: Fader, Hardie & Shang (2010), Table 1 (the donations data,
/// `x, t_x` and donors, n = 6) and their estimates α = 1.204, β = 0.750,
/// γ = 0.657, δ = 2.783, LL = −33,225.6; tolerance half the printed digit.
/// The count column is called `n` here, one of its accepted names.
#[test]
fn bgbb_reproduces_the_donations_fit() {
    let table = [
        (0, 0, 3464),
        (1, 1, 1091),
        (1, 2, 277),
        (1, 3, 129),
        (1, 4, 78),
        (1, 5, 119),
        (1, 6, 129),
        (2, 2, 613),
        (2, 3, 255),
        (2, 4, 155),
        (2, 5, 173),
        (2, 6, 234),
        (3, 3, 322),
        (3, 4, 181),
        (3, 5, 225),
        (3, 6, 357),
        (4, 4, 240),
        (4, 5, 284),
        (4, 6, 512),
        (5, 5, 335),
        (5, 6, 728),
        (6, 6, 1203),
    ];
    let mut csv = String::from("frequency,recency,periods,n\n");
    for (x, tx, c) in table {
        csv += &format!("{x},{tx},6,{c}\n");
    }
    let (code, out, err) = cxi(&["bgbb", "-"], &csv);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    for (k, want) in [
        ("alpha", 1.204),
        ("beta", 0.750),
        ("gamma", 0.657),
        ("delta", 2.783),
    ] {
        assert_close!(v[k].as_f64().unwrap(), want, 5e-4, "{k}");
        assert!(v["std_errors"][k].as_f64().unwrap() > 0.0, "{k}");
    }
    assert_close!(v["log_likelihood"].as_f64().unwrap(), -33_225.6, 0.05);
    assert_eq!(v["customers"].as_f64(), Some(11_104.0));
}

#[test]
fn bgbb_bad_input() {
    let (c, o, e) = cxi(&["bgbb", "-"], "frequency,recency,periods\n1,1,6\n2,7,6\n");
    assert_one_line_error(
        c,
        &o,
        &e,
        "row 3: frequency 2, recency 7, periods 6 do not fit",
    );
    let (c, o, e) = cxi(&["bgbb", "-"], "frequency,recency,periods\n0,0,6\n");
    assert_one_line_error(c, &o, &e, "no customer made a repeat transaction");
    let (c, o, e) = cxi(&["bgbb", "-"], "frequency,recency\n1,1\n");
    assert_one_line_error(c, &o, &e, "no column `periods`");
}

/// A log of 400 customers drawn by a fixed LCG the BG/NBD way: born on
/// days 0–29 of 2020, buying on each later day with their own probability,
/// and leaving after each repeat purchase with their own probability.
fn log_csv() -> (String, Vec<Transaction<String>>) {
    drawn_log(false)
}

/// As [`log_csv`], or the Pareto/NBD way when `any_day`: leaving on any
/// day with a twentieth of their own probability, not only after a
/// purchase (Pareto/NBD's fit on the BG/NBD log runs off to `s, β → ∞`).
fn drawn_log(any_day: bool) -> (String, Vec<Transaction<String>>) {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut u = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let start = Day::from_ymd(2020, 1, 1).unwrap().0;
    let (mut csv, mut rows) = (String::from("id,date,amount\n"), Vec::new());
    for c in 0..400 {
        let birth = start + c % 30;
        let (rate, leave) = (0.005 + 0.08 * u(), 0.05 + 0.4 * u());
        let mut alive = true;
        for d in birth..start + 364 {
            if any_day && d > birth && alive && u() < leave / 20.0 {
                alive = false;
            }
            let buys = d == birth || (alive && u() < rate);
            if buys {
                if !any_day && d > birth && u() < leave {
                    alive = false;
                }
                let day = Day(d);
                csv += &format!("C{c},{day},10\n");
                rows.push(Transaction {
                    customer: format!("C{c}"),
                    day,
                    amount: 10.0,
                });
            }
        }
    }
    (csv, rows)
}

/// Reference: the in-process core on the same rows (split, BG/NBD fit,
/// evaluate): the CLI must print the same report; and the tracking curve's
/// last point counts every repeat purchase, calibration and holdout.
#[test]
fn holdout_prints_the_core_report() {
    let (csv, rows) = log_csv();
    let args = [
        "holdout",
        "-",
        "--calibration-end",
        "2020-06-30",
        "--time-unit",
        "week",
    ];
    let (code, out, err) = cxi(&args, &csv);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let end = Day::from_ymd(2020, 6, 30).unwrap();
    let data = holdout::split(&rows, PeriodUnit::Week, TimeConvention::Days, end, None).unwrap();
    let fit = bgnbd::fit(&data.calibration).unwrap();
    let core = holdout::evaluate(&fit.params, &data).unwrap();
    assert_eq!(v["actual_total"].as_f64(), Some(core.actual_total));
    assert_close!(
        v["predicted_total"].as_f64().unwrap(),
        core.predicted_total,
        1e-9 * core.predicted_total
    );
    assert_close!(v["mae"].as_f64().unwrap(), core.mae, 1e-12);
    assert_close!(v["bias"].as_f64().unwrap(), core.bias, 1e-12);
    assert_close!(v["params"]["r"].as_f64().unwrap(), fit.params.r(), 1e-12);
    let groups = v["by_frequency"].as_array().unwrap();
    assert_eq!(groups.len(), core.by_frequency.len());
    let customers: u64 = groups
        .iter()
        .map(|g| g["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(customers, 400);
    let tracking = v["tracking"].as_array().unwrap();
    let last = tracking.last().unwrap();
    let calibration_repeats: u32 = data.calibration.iter().map(|r| r.frequency).sum();
    assert_eq!(
        last["actual"].as_f64(),
        Some(f64::from(calibration_repeats) + core.actual_total)
    );
    assert_close!(
        last["t"].as_f64().unwrap(),
        data.calibration_length + data.holdout_length,
        1e-12
    );
}

/// Reference: the in-process core (split, the model's own fit, evaluate)
/// on the same generated log, for `--model pareto-nbd` and `--model
/// mbgnbd`: the same totals, errors and parameters, and the parameters
/// under each model's names.
#[test]
fn holdout_fits_pareto_nbd_and_mbgnbd() {
    let (csv, rows) = drawn_log(true);
    let end = Day::from_ymd(2020, 6, 30).unwrap();
    let data = holdout::split(&rows, PeriodUnit::Week, TimeConvention::Days, end, None).unwrap();
    let run = |model: &str| {
        let args = [
            "holdout",
            "-",
            "--calibration-end",
            "2020-06-30",
            "--model",
            model,
        ];
        let (code, out, err) = cxi(&args, &csv);
        assert_eq!(code, 0, "{model}: {err}");
        json(&out)
    };
    let same = |v: &serde_json::Value, core: &holdout::HoldoutReport, params: [(&str, f64); 4]| {
        assert_eq!(v["actual_total"].as_f64(), Some(core.actual_total));
        assert_close!(
            v["predicted_total"].as_f64().unwrap(),
            core.predicted_total,
            1e-9 * core.predicted_total
        );
        assert_close!(v["mae"].as_f64().unwrap(), core.mae, 1e-12);
        assert_close!(v["bias"].as_f64().unwrap(), core.bias, 1e-12);
        for (k, want) in params {
            assert_close!(v["params"][k].as_f64().unwrap(), want, 1e-12 * want, "{k}");
        }
        assert!(v["params"]["log_likelihood"].as_f64().unwrap() < 0.0);
    };
    let p = cxi_models::pareto_nbd::fit(&data.calibration)
        .unwrap()
        .params;
    let core = holdout::evaluate(&p, &data).unwrap();
    let params = [
        ("r", p.r()),
        ("alpha", p.alpha()),
        ("s", p.s()),
        ("beta", p.beta()),
    ];
    same(&run("pareto-nbd"), &core, params);
    let m = cxi_models::mbgnbd::fit(&data.calibration).unwrap().params;
    let core = holdout::evaluate(&m, &data).unwrap();
    let params = [
        ("r", m.r()),
        ("alpha", m.alpha()),
        ("a", m.a()),
        ("b", m.b()),
    ];
    same(&run("mbgnbd"), &core, params);
}

/// Reference: the in-process fits and holdout reports on the two
/// generated logs: `--model best` prints each model's check with its BIC
/// (4 ln n − 2 LL), or its fit's error where the in-process fit fails
/// (on BG/NBD's log, Pareto/NBD's s and β run off, and MBG/NBD's a), and
/// picks the lowest holdout MAE, the next as runner-up, the margin their
/// difference.
#[test]
fn holdout_best_picks_the_lowest_holdout_error() {
    for any_day in [true, false] {
        let (csv, rows) = drawn_log(any_day);
        let end = Day::from_ymd(2020, 6, 30).unwrap();
        let data =
            holdout::split(&rows, PeriodUnit::Week, TimeConvention::Days, end, None).unwrap();
        let args = [
            "holdout",
            "-",
            "--calibration-end",
            "2020-06-30",
            "--model",
            "best",
        ];
        let (code, out, err) = cxi(&args, &csv);
        assert_eq!(code, 0, "{err}");
        let v = json(&out);
        let n = data.calibration.len() as f64;
        let fitted: [(&str, Option<(f64, f64)>); 3] = [
            (
                "bgnbd",
                bgnbd::fit(&data.calibration).ok().map(|f| {
                    let mae = holdout::evaluate(&f.params, &data).unwrap().mae;
                    (f.log_likelihood, mae)
                }),
            ),
            (
                "pareto-nbd",
                cxi_models::pareto_nbd::fit(&data.calibration)
                    .ok()
                    .map(|f| {
                        let mae = holdout::evaluate(&f.params, &data).unwrap().mae;
                        (f.log_likelihood, mae)
                    }),
            ),
            (
                "mbgnbd",
                cxi_models::mbgnbd::fit(&data.calibration).ok().map(|f| {
                    let mae = holdout::evaluate(&f.params, &data).unwrap().mae;
                    (f.log_likelihood, mae)
                }),
            ),
        ];
        let mut ranked = Vec::new();
        for (name, fit) in fitted {
            let m = &v["models"][name];
            match fit {
                Some((ll, mae)) => {
                    assert_close!(m["mae"].as_f64().unwrap(), mae, 1e-12, "{name}");
                    let bic = 4.0 * n.ln() - 2.0 * ll;
                    assert_close!(m["bic"].as_f64().unwrap(), bic, 1e-9 * bic.abs(), "{name}");
                    ranked.push((mae, name));
                }
                None => assert!(m["error"].as_str().is_some(), "{name}: {m}"),
            }
        }
        // Pareto/NBD's log: all three fit; BG/NBD's: BG/NBD alone.
        assert_eq!(ranked.len(), if any_day { 3 } else { 1 }, "{ranked:?}");
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let c = &v["choice"];
        assert_eq!(c["criterion"], "holdout_mae");
        assert_eq!(c["winner"], ranked[0].1);
        assert_close!(c["winner_score"].as_f64().unwrap(), ranked[0].0, 1e-12);
        match ranked.get(1) {
            Some(second) => {
                assert_eq!(c["runner_up"][0], second.1);
                let margin = second.0 - ranked[0].0;
                assert_close!(c["margin"].as_f64().unwrap(), margin, 1e-12);
            }
            None => assert!(c["runner_up"].is_null() && c["margin"].is_null(), "{c}"),
        }
    }
    let (csv, _) = log_csv();
    let (_, out, _) = cxi(
        &[
            "holdout",
            "-",
            "--calibration-end",
            "2020-06-30",
            "--model",
            "best",
        ],
        &csv,
    );
    let pareto = json(&out)["models"]["pareto-nbd"]["error"].to_string();
    assert!(pareto.contains("s and beta grow without bound"), "{pareto}");
}

#[test]
fn holdout_bad_input() {
    let (csv, _) = log_csv();
    let run = |end: &str, more: &[&str]| {
        let mut args = vec!["holdout", "-", "--calibration-end", end];
        args.extend_from_slice(more);
        cxi(&args, &csv)
    };
    let (c, o, e) = run("2019-12-31", &[]);
    assert_one_line_error(
        c,
        &o,
        &e,
        "calibration end 2019-12-31 is outside the log's purchases",
    );
    let (c, o, e) = run("2021-01-01", &[]);
    assert_one_line_error(c, &o, &e, "is outside the log's purchases");
    let (c, o, e) = run("2020-06-30", &["--holdout-end", "2020-06-30"]);
    assert_one_line_error(c, &o, &e, "no repeat purchase by the calibration customers");
    let (c, o, e) = run("2020-06-30", &["--model", "pareto"]);
    assert_one_line_error(c, &o, &e, "unknown model `pareto`");
    // BG/NBD's log: Pareto/NBD's drop-out rates run off to one value.
    let (c, o, e) = run("2020-06-30", &["--model", "pareto-nbd"]);
    assert_one_line_error(c, &o, &e, "s and beta grow without bound");
}
