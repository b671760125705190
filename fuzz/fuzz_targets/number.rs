//! Number parsing: never panics, never returns NaN or infinity, and the
//! column-level detection agrees with what it decided.
#![no_main]

use cxi_dashboard::input::parse_decimal;
use cxi_parse::number::cell_decimal_vote;
use cxi_parse::number::parse_number_reference;
use cxi_parse::detect_decimal_separator;
use cxi_parse::parse_number;
use cxi_parse::parse_number_with;
use cxi_parse::DecimalSeparator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for d in [
        None,
        Some(DecimalSeparator::Point),
        Some(DecimalSeparator::Comma),
    ] {
        let got = parse_number_with(text, d);
        match &got {
            Ok(v) => assert!(v.is_finite(), "{text:?} -> {v}"),
            Err(e) => {
                let _ = e.to_string();
            }
        }
        // The fast paths never change an answer.
        assert_eq!(got, parse_number_reference(text, d), "{text:?} {d:?}");
    }
    if let Ok(v) = parse_number(text) {
        assert!(v.is_finite());
    }
    if let Some(v) = parse_decimal(text) {
        assert!(v.is_finite());
    }
    assert_eq!(
        cell_decimal_vote(text, true),
        cell_decimal_vote(text, false),
        "{text:?}"
    );
    let cells: Vec<&str> = text.split('\n').collect();
    let g = detect_decimal_separator(cells.iter().copied());
    assert!(g.point_votes + g.comma_votes <= cells.len());
});
