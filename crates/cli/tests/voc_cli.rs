//! The voice-of-customer commands of `cxi`, run as a process.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

mod common;

fn cxi(args: &[&str]) -> (i32, String, String) {
    common::cli::cxi(args, "")
}

/// Writes `content` to a file unique to this test and returns its path.
fn file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cxi-voc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn one_line_error(code: i32, out: &str, err: &str) {
    assert_ne!(code, 0);
    assert!(out.is_empty(), "stdout: {out}");
    assert_eq!(err.trim_end().lines().count(), 1, "stderr: {err}");
    assert!(err.starts_with("cxi: "));
}

/// Reference: adjusted-Wald hand computation for 50/30/20 (see
/// `core::nps` tests): CI 14.0511 .. 44.2013.
#[test]
fn nps_from_counts() {
    let (code, out, _) = cxi(&["nps", "--counts", "50,30,20"]);
    assert_eq!(code, 0);
    let v = json(&out);
    cxi_testkit::assert_close!(v["nps"].as_f64().unwrap(), 30.0, 1e-9);
    assert_eq!(v["n"], 100);
    cxi_testkit::assert_close!(v["ci_low"].as_f64().unwrap(), 14.051_13, 1e-4);
    cxi_testkit::assert_close!(v["ci_high"].as_f64().unwrap(), 44.201_30, 1e-4);
    cxi_testkit::assert_close!(v["promoters"].as_f64().unwrap(), 0.5, 1e-12);
}

/// A French export (`;`, header in French) split by segment.
#[test]
fn nps_by_segment_from_french_csv() {
    let p = file(
        "nps.csv",
        "client;note;région\nA;9;Nord\nB;10;Sud\nC;3;Nord\nD;8;Sud\nE;7;Nord\n",
    );
    let (code, out, err) = cxi(&[
        "nps",
        p.to_str().unwrap(),
        "--column",
        "note",
        "--segment",
        "région",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["n"], 5);
    let segs = v["segments"].as_array().unwrap();
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0]["segment"], "Nord");
    assert_eq!(segs[0]["n"], 3);
    // Nord: 9, 3, 7 → 1 promoter, 1 detractor → NPS 0.
    assert!(segs[0]["nps"].as_f64().unwrap().abs() < 1e-9);
    assert_eq!(segs[1]["segment"], "Sud");
    cxi_testkit::assert_close!(segs[1]["nps"].as_f64().unwrap(), 50.0, 1e-9);
}

#[test]
fn nps_bad_answer_is_located() {
    let p = file("bad.csv", "score\n9\n11\n");
    let (code, out, err) = cxi(&["nps", p.to_str().unwrap()]);
    one_line_error(code, &out, &err);
    assert_eq!(
        err.trim_end(),
        "cxi: row 3, column \"score\": `11` is not an answer from 0 to 10"
    );
    let (code, out, err) = cxi(&["nps", "--counts", "1,2"]);
    one_line_error(code, &out, &err);
    let (code, out, err) = cxi(&["nps"]);
    one_line_error(code, &out, &err);
}

const MTCARS: &str = "model,mpg,cyl,disp,hp,gear
Mazda RX4,21,6,160,110,4
Mazda RX4 Wag,21,6,160,110,4
Datsun 710,22.8,4,108,93,4
Hornet 4 Drive,21.4,6,258,110,3
Hornet Sportabout,18.7,8,360,175,3
Valiant,18.1,6,225,105,3
Duster 360,14.3,8,360,245,3
Merc 240D,24.4,4,146.7,62,4
Merc 230,22.8,4,140.8,95,4
Merc 280,19.2,6,167.6,123,4
Merc 280C,17.8,6,167.6,123,4
Merc 450SE,16.4,8,275.8,180,3
Merc 450SL,17.3,8,275.8,180,3
Merc 450SLC,15.2,8,275.8,180,3
Cadillac Fleetwood,10.4,8,472,205,3
Lincoln Continental,10.4,8,460,215,3
Chrysler Imperial,14.7,8,440,230,3
Fiat 128,32.4,4,78.7,66,4
Honda Civic,30.4,4,75.7,52,4
Toyota Corolla,33.9,4,71.1,65,4
Toyota Corona,21.5,4,120.1,97,3
Dodge Challenger,15.5,8,318,150,3
AMC Javelin,15.2,8,304,150,3
Camaro Z28,13.3,8,350,245,3
Pontiac Firebird,19.2,8,400,175,3
Fiat X1-9,27.3,4,79,66,4
Porsche 914-2,26,4,120.3,91,5
Lotus Europa,30.4,4,95.1,113,5
Ford Pantera L,15.8,8,351,264,5
Ferrari Dino,19.7,6,145,175,5
Maserati Bora,15,8,301,335,5
Volvo 142E,21.4,4,121,109,4
";

/// Reference: `rwa` R package README on mtcars (mpg ~ cyl + disp + hp +
/// gear): R² = 0.7791896, raw weights 0.2284797, 0.2221469, 0.2321744,
/// 0.0963886, signs −, −, −, +; tolerance 1e-6.
#[test]
fn drivers_match_rwa_on_mtcars() {
    let p = file("mtcars.csv", MTCARS);
    let (code, out, err) = cxi(&[
        "drivers",
        p.to_str().unwrap(),
        "--outcome",
        "mpg",
        "--attributes",
        "cyl,disp,hp,gear",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    cxi_testkit::assert_close!(v["r2"].as_f64().unwrap(), 0.779_189_6, 1e-6);
    for (name, raw, sign) in [
        ("cyl", 0.228_479_7, -1),
        ("disp", 0.222_146_9, -1),
        ("hp", 0.232_174_4, -1),
        ("gear", 0.096_388_6, 1),
    ] {
        cxi_testkit::assert_close!(v["relative_weights"][name].as_f64().unwrap(), raw, 1e-6);
        assert_eq!(v["signs"][name], sign);
        assert!(v["shapley"][name].as_f64().unwrap() > 0.0);
    }
    let total: f64 = v["rescaled"]
        .as_object()
        .unwrap()
        .values()
        .map(|x| x.as_f64().unwrap())
        .sum();
    cxi_testkit::assert_close!(total, 100.0, 1e-9);
    assert_eq!(v["quadrants"]["points"].as_array().unwrap().len(), 4);
    // Without --attributes, the text column `model` is skipped, the rest used.
    let (code, out, err) = cxi(&[
        "drivers",
        p.to_str().unwrap(),
        "--outcome",
        "mpg",
        "--missing",
        "pairwise",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["skipped_columns"], serde_json::json!(["model"]));
    cxi_testkit::assert_close!(v["r2"].as_f64().unwrap(), 0.779_189_6, 1e-6);
    assert_eq!(v["missing"], "pairwise");
}

#[test]
fn drivers_errors() {
    let p = file("flat.csv", "y,a,b\n1,1,5\n2,3,5\n3,2,5\n4,5,5\n5,4,5\n");
    let (code, out, err) = cxi(&["drivers", p.to_str().unwrap(), "--outcome", "y"]);
    one_line_error(code, &out, &err);
    assert!(err.contains("column `b` has the same value"), "{err}");
    let (code, out, err) = cxi(&["drivers", p.to_str().unwrap(), "--outcome", "zz"]);
    one_line_error(code, &out, &err);
    assert!(err.contains("no column `zz`"), "{err}");
}

fn maturity_answers(vs: [u8; 5], la: [u8; 5], oc: [u8; 5]) -> String {
    let mut s = String::from("id;answer\n");
    for (prefix, vals) in [("VS", vs), ("LA", la), ("OC", oc)] {
        for (i, v) in vals.iter().enumerate() {
            s.push_str(&format!("{prefix}{};{v}\n", i + 1));
        }
    }
    s
}

/// Reference: hand computation (see `core::maturity` tests): pillar stages
/// 4, 2, 5 → overall stage 2, learning / apprentissage.
#[test]
fn maturity_scores_and_stage() {
    let p = file(
        "maturity.csv",
        &maturity_answers([5, 5, 4, 4, 2], [4, 4, 3, 5, 5], [5, 5, 5, 5, 5]),
    );
    let (code, out, err) = cxi(&["maturity", p.to_str().unwrap(), "--lang", "fr"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["stage"], 2);
    assert_eq!(v["stage_name"], "Apprentissage");
    let pillars = v["pillars"].as_array().unwrap();
    assert_eq!(pillars.len(), 3);
    cxi_testkit::assert_close!(pillars[0]["score"].as_f64().unwrap(), 75.0, 1e-9);
    assert_eq!(pillars[1]["actions"].as_array().unwrap().len(), 3);
    let p = file("maturity-short.csv", "id;answer\nVS1;5\n");
    let (code, out, err) = cxi(&["maturity", p.to_str().unwrap()]);
    one_line_error(code, &out, &err);
    assert_eq!(err.trim_end(), "cxi: statement `VS2` has no answer");
}
