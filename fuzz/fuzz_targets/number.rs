//! Number parsing: never panics, never returns NaN or infinity, and the
//! column-level detection agrees with what it decided.
#![no_main]

use cx_impact::core::input::parse_decimal;
use cx_impact::core::parse::number::{cell_decimal_vote, parse_number_reference};
use cx_impact::core::parse::{
    detect_decimal_separator, parse_number, parse_number_with, DecimalSeparator,
};
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
