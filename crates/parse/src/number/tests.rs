use super::decimal::{evidence, general_evidence, plain_evidence};
use super::fast::{fast_plain, scan_grouped};
use super::general::{build_and_parse, general, layout, resolve, strip};
use super::*;

fn ok(s: &str) -> f64 {
    parse_number(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn plain_forms() {
    assert_eq!(ok("0"), 0.0);
    assert_eq!(ok("42"), 42.0);
    assert_eq!(ok("-7"), -7.0);
    assert_eq!(ok("+7"), 7.0);
    assert_eq!(ok("1234.56"), 1234.56);
    assert_eq!(ok("1234,56"), 1234.56);
    assert_eq!(ok(",5"), 0.5);
    assert_eq!(ok(".5"), 0.5);
    assert_eq!(ok("  12  "), 12.0);
}

#[test]
fn thousands_separators() {
    assert_eq!(ok("1 234,56"), 1234.56);
    assert_eq!(ok("1\u{a0}234,56"), 1234.56);
    assert_eq!(ok("1\u{202f}234\u{202f}567,5"), 1234567.5);
    assert_eq!(ok("1\u{2009}234"), 1234.0);
    assert_eq!(ok("1'234.5"), 1234.5);
    assert_eq!(ok("1’234.5"), 1234.5);
    assert_eq!(ok("1.234,56"), 1234.56);
    assert_eq!(ok("1,234.56"), 1234.56);
    assert_eq!(ok("1,234,567"), 1234567.0);
    assert_eq!(ok("1.234.567"), 1234567.0);
    assert_eq!(ok("1.234.567,89"), 1234567.89);
}

#[test]
fn currencies() {
    assert_eq!(ok("1 234,56 €"), 1234.56);
    assert_eq!(ok("€1,234.56"), 1234.56);
    assert_eq!(ok("$ 12"), 12.0);
    assert_eq!(ok("£12.50"), 12.5);
    assert_eq!(ok("12 EUR"), 12.0);
    assert_eq!(ok("usd 12"), 12.0);
    assert_eq!(ok("CHF 1'250.00"), 1250.0);
    assert_eq!(ok("US$3"), 3.0);
    assert_eq!(ok("-12,5 €"), -12.5);
    assert_eq!(ok("€-12"), -12.0);
    assert_eq!(ok("-€12"), -12.0);
}

#[test]
fn percentages_are_fractions() {
    assert_eq!(ok("5 %"), 0.05);
    assert_eq!(ok("5%"), 0.05);
    assert_eq!(ok("12,5 %"), 0.125);
    assert_eq!(ok("0,05"), 0.05);
    assert_eq!(ok("-3%"), -0.03);
    // Correctly rounded, not 12.34 / 100 with two roundings.
    assert_eq!(ok("12.34%"), "0.1234".parse::<f64>().unwrap());
}

#[test]
fn negatives() {
    assert_eq!(ok("(12,50)"), -12.5);
    assert_eq!(ok("(1,234.50)"), -1234.5);
    assert_eq!(ok("($12)"), -12.0);
    assert_eq!(ok("−4"), -4.0);
    assert_eq!(ok("- 4"), -4.0);
}

#[test]
fn exponents() {
    assert_eq!(ok("1.5E+06"), 1.5e6);
    assert_eq!(ok("1,5E+06"), 1.5e6);
    assert_eq!(ok("2e-3"), 0.002);
}

#[test]
fn currency_marks() {
    use cxi_types::Currency::*;
    assert_eq!(currency_of("1 234,56 €"), Some(Eur));
    assert_eq!(currency_of("12 euros"), Some(Eur));
    assert_eq!(currency_of("$1,234.50"), Some(Usd));
    assert_eq!(currency_of("US$3"), Some(Usd));
    assert_eq!(currency_of("£12"), Some(Gbp));
    assert_eq!(currency_of("CHF 1'250.00"), Some(Chf));
    assert_eq!(currency_of("12 CAD"), Some(Cad));
    assert_eq!(currency_of("¥500"), None);
    assert_eq!(currency_of("12,5"), None);
    assert_eq!(currency_of(""), None);
}

#[test]
fn refused_with_exact_messages() {
    let msg = |s: &str| parse_number(s).unwrap_err().to_string();
    assert_eq!(msg("12,3,4"), "\"12,3,4\" is not a number");
    assert_eq!(msg(""), "empty cell, expected a number");
    assert_eq!(msg("   "), "empty cell, expected a number");
    assert_eq!(msg("abc"), "\"abc\" is not a number");
    assert_eq!(msg("1e400"), "\"1e400\" is too large a number");
    for bad in [
        "1,,5",
        "12.",
        "1 2",
        "12 34",
        "1.23.4",
        "1,234.567.8",
        "--1",
        "(-1)",
        "((1))",
        "%",
        "€",
        "NaN",
        "inf",
        "1.2.3,4,5",
        "1 234.567 8",
        "1e",
        "1e+",
        "0x10",
        "1-",
        "€5€",
        "5%%",
        "(5",
        "5)",
        "1,2345,678",
        "1.234 567",
    ] {
        assert!(parse_number(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn long_garbage_is_shown_cut() {
    let long = "x".repeat(500);
    let e = parse_number(&long).unwrap_err();
    assert_eq!(e.text.chars().count(), MAX_SHOWN + 1);
    assert!(e.text.ends_with('…'));
}

#[test]
fn column_convention_decides_the_ambiguous_case() {
    use DecimalSeparator::*;
    assert_eq!(parse_number("1,234"), Ok(1.234));
    assert_eq!(parse_number_with("1,234", Some(Point)), Ok(1234.0));
    assert_eq!(parse_number_with("1,234", Some(Comma)), Ok(1.234));
    assert_eq!(parse_number_with("1.234", Some(Comma)), Ok(1234.0));
    assert_eq!(parse_number_with("1.234", Some(Point)), Ok(1.234));
    assert_eq!(
        parse_number_with("1,5", Some(Point))
            .unwrap_err()
            .to_string(),
        "\"1,5\" is not a number in this column, which uses \".\" for decimals"
    );
    assert_eq!(
        parse_number_with("1.234.567", Some(Point))
            .unwrap_err()
            .kind,
        NumberErrorKind::WrongDecimalSeparator(Point)
    );
    assert_eq!(parse_number_with("1.234.567", Some(Comma)), Ok(1234567.0));
}

#[test]
fn detects_column_decimal_separator() {
    use DecimalSeparator::*;
    let g = detect_decimal_separator(["1,234", "12,5", "3"]);
    assert_eq!(g.separator, Some(Comma));
    let g = detect_decimal_separator(["1,234", "1,234.5", "3"]);
    assert_eq!(g.separator, Some(Point));
    let g = detect_decimal_separator(["1,234", "5,678"]);
    assert_eq!(g.separator, None);
    let g = detect_decimal_separator(["0,123"]);
    assert_eq!(g.separator, Some(Comma));
    let g = detect_decimal_separator(["1234,567"]);
    assert_eq!(g.separator, Some(Comma));
    let g = detect_decimal_separator(["1.234.567"]);
    assert_eq!(g.separator, Some(Comma));
    let g = detect_decimal_separator(["1 234,567"]);
    assert_eq!(g.separator, Some(Comma));
    let g = detect_decimal_separator(["12.5", "12,5", "1.5"]);
    assert_eq!(
        (g.separator, g.point_votes, g.comma_votes),
        (Some(Point), 2, 1)
    );
}

#[test]
fn plain_evidence_agrees_with_general_evidence() {
    for s in [
        "1,234",
        "1.234",
        "12,5",
        "12.5",
        "0,123",
        "0.5",
        "1234,567",
        "-1,234",
        "-12,50",
        "7",
        "",
        "-",
        "1,",
        ",5",
        "1.2.3",
        "1234.5678",
        "123,456",
        "1000",
    ] {
        if let Some(vote) = plain_evidence(s.as_bytes()) {
            assert_eq!(vote, general_evidence(s), "{s:?}");
        }
    }
}

#[test]
fn fuzz_regression_long_digit_run_votes_like_the_general_path() {
    // fuzz/artifacts/number/crash-d903249e...: "1" x 296, then ".0".
    let text = format!("{}.0", "1".repeat(296));
    assert_eq!(evidence(&text), general_evidence(&text));
    assert_eq!(evidence(&text), None);
    assert!(parse_number(&text).is_err());
}

#[test]
fn grouped_fast_path_agrees_with_general_path() {
    let nb = "\u{a0}";
    let nn = "\u{202f}";
    let cases = [
        "1 234,56 €".to_string(),
        format!("1{nb}234,56{nb}€"),
        format!("-12{nn}345{nn}678,9€"),
        "45,90 €".into(),
        "45.90 €".into(),
        "1,234 €".into(),
        "1.234".into(),
        "12,5 %".into(),
        "5%".into(),
        "0,123 €".into(),
        "1 234".into(),
        "1 234 567".into(),
        "12 34".into(),
        "1234 567".into(),
        "1 234,".into(),
        "-".into(),
        "€".into(),
        "1 234,56 $".into(),
        "007,5".into(),
    ];
    for s in &cases {
        for d in [
            None,
            Some(DecimalSeparator::Point),
            Some(DecimalSeparator::Comma),
        ] {
            if let Some(v) = scan_grouped(s.as_bytes()).and_then(|g| g.value(d)) {
                assert_eq!(general(s, d), Ok(v), "{s:?} {d:?}");
            }
        }
        if let Some(g) = scan_grouped(s.as_bytes()) {
            assert_eq!(g.evidence(), general_evidence(s), "{s:?}");
        }
    }
    // The fast path does take the French money cells.
    assert!(scan_grouped("1 234,56 €".as_bytes()).is_some());
    assert!(scan_grouped("45,90 €".as_bytes()).is_some());
}

#[test]
fn fast_path_agrees_with_general_path() {
    for s in ["1,234", "1.5", "-0,25", "12", "007", "1,5"] {
        for d in [
            None,
            Some(DecimalSeparator::Point),
            Some(DecimalSeparator::Comma),
        ] {
            let fast = fast_plain(s.as_bytes(), d);
            if let Some(v) = fast {
                let core = strip(s).unwrap();
                let l = layout(core.digits).unwrap();
                let dec = resolve(&l, d).unwrap();
                assert_eq!(build_and_parse(&core, &l, dec), Ok(v), "{s} {d:?}");
            }
        }
    }
}
