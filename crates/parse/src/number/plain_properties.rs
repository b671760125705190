use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::decimal::evidence;
use super::fast::{plain, Plain};
use super::*;

/// The fast path's reading `p` of `text` votes like the full parser and
/// gives its value bit for bit, with the column's decimal separator
/// undecided or decided as `p` read it.
fn agrees_with_full_parser(text: &str, p: &Plain) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.vote(), evidence(text), "{}", text);
    let decimal = match p.sep {
        b'.' => Some(DecimalSeparator::Point),
        b',' => Some(DecimalSeparator::Comma),
        _ => None,
    };
    for dec in [None, decimal] {
        let full = parse_number_with(text, dec);
        prop_assert_eq!(
            full.map(f64::to_bits),
            Ok(p.value.to_bits()),
            "{} {:?}",
            text,
            dec
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 2048,
        rng_seed: RngSeed::Fixed(0x00C0_FFEE),
        ..Config::default()
    })]

    /// The column fast path reads a plain cell as the full parser does,
    /// bit for bit, whenever its separator is the column's decimal one
    /// (both conventions, and none decided), and votes like
    /// [`detect_decimal_separator`]; it takes nothing else.
    #[test]
    fn plain_cells_read_as_the_full_parser_reads_them(
        text in prop_oneof![
            "-?[0-9]{1,12}([.,][0-9]{1,12})?",
            "-?[0-9]{15,22}([.,][0-9]{0,5})?",
            "-?0*[1-9]?[.,][0-9]{3}",
            "[-+ .,0-9]{0,8}",
        ],
    ) {
        let b = text.as_bytes();
        if let Some(p) = plain(b) {
            agrees_with_full_parser(&text, &p)?;
            if p.sep == 0 {
                for dec in [DecimalSeparator::Point, DecimalSeparator::Comma] {
                    prop_assert_eq!(parse_number_with(&text, Some(dec)), Ok(p.value));
                }
            }
        }
    }

    /// The same for grouped money and rates (`1 234,56 €`, `-12,5 %`),
    /// with ASCII, no-break and narrow no-break spaces.
    #[test]
    fn grouped_cells_read_as_the_full_parser_reads_them(
        int in 0u64..10_000_000_000,
        frac in proptest::option::of("[0-9]{1,4}"),
        space in proptest::sample::select(vec![" ", "\u{a0}", "\u{202f}", ""]),
        sep in proptest::sample::select(vec![",", "."]),
        tail in proptest::sample::select(vec!["", " €", "\u{a0}€", "€", " %", "%"]),
        neg in any::<bool>(),
    ) {
        let digits = int.to_string();
        let mut text = String::from(if neg { "-" } else { "" });
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                text.push_str(space);
            }
            text.push(c);
        }
        if let Some(f) = &frac {
            text.push_str(sep);
            text.push_str(f);
        }
        text.push_str(tail);
        let p = column_cell(text.as_bytes());
        prop_assert!(p.is_some() || digits.len() + frac.as_ref().map_or(0, String::len) > 15, "{} left", text);
        if let Some(p) = p {
            agrees_with_full_parser(&text, &p)?;
        }
    }

    /// And it does take the plain cells a column is made of (up to 15
    /// digits), so the fast path is not a no-op.
    #[test]
    fn plain_cells_are_taken(text in "-?[1-9][0-9]{0,7}([.,][0-9]{1,7})?") {
        prop_assert!(plain(text.as_bytes()).is_some(), "{}", text);
    }
}
