//! The `cxi` binary, run as a process.
#![cfg(not(target_arch = "wasm32"))]

mod common;

fn cxi(args: &[&str]) -> (i32, String, String) {
    common::cli::cxi(args, "")
}

/// Reference: Gupta & Lehmann margin multiple, r = 0.8, i = 10 % → 2.67 × margin.
#[test]
fn clv_prints_json() {
    let (code, out, _) = cxi(&[
        "clv",
        "--margin",
        "100",
        "--retention",
        "0.8",
        "--discount",
        "0.1",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    cxi_testkit::assert_close!(v["clv"].as_f64().unwrap(), 266.666_666_666_666_7, 1e-9);
}

#[test]
fn clv_with_first_payment_and_horizon() {
    let (code, out, _) = cxi(&[
        "clv",
        "--margin",
        "100",
        "--retention",
        "0.8",
        "--discount",
        "0.1",
        "--include-first-payment",
        "--horizon",
        "1",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    cxi_testkit::assert_close!(v["clv"].as_f64().unwrap(), 366.666_666_666_666_7, 1e-9);
    cxi_testkit::assert_close!(v["clv_horizon"].as_f64().unwrap(), 100.0, 1e-12);
}

#[test]
fn bad_input_is_one_line_on_stderr_and_non_zero() {
    let (code, out, err) = cxi(&[
        "clv",
        "--margin",
        "1",
        "--retention",
        "1.2",
        "--discount",
        "0.1",
    ]);
    assert_ne!(code, 0);
    assert!(out.is_empty());
    assert_eq!(err.trim_end(), "cxi: retention must be in [0,1): got 1.2");
    assert_eq!(err.trim_end().lines().count(), 1);
}
