//! Property tests of the data parser (proptest, fixed seed so that runs are
//! deterministic).
// proptest needs OS randomness, which wasm32-unknown-unknown lacks: native only.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, NaiveDate};
use cxi_parse::detect_decimal_separator;
use cxi_parse::guess_mapping;
use cxi_parse::guess_shapes;
use cxi_parse::number::cell_decimal_vote;
use cxi_parse::number::parse_number_reference;
use cxi_parse::parse_date;
use cxi_parse::parse_date_with;
use cxi_parse::parse_number;
use cxi_parse::parse_number_with;
use cxi_parse::read_table;
use cxi_parse::read_table_with;
use cxi_parse::table_from_rows;
use cxi_parse::validate;
use cxi_parse::validate_reference;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_parse::Delimiter;
use cxi_parse::ReadOptions;
use cxi_parse::Shape;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x00C0_FFEE),
        ..Config::default()
    }
}

/// `12345678` (cents) as `123 456,78` with the given separators.
fn group(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The ways spreadsheets print an amount, with the convention to read it.
fn formats(cents: i64) -> Vec<(String, Option<DecimalSeparator>)> {
    let neg = cents < 0;
    let a = cents.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    let sign = if neg { "-" } else { "" };
    use DecimalSeparator::*;
    let mut v = vec![
        (format!("{sign}{int}.{frac:02}"), None),
        (format!("{sign}{int},{frac:02}"), None),
        (format!("{sign}{},{frac:02}", group(int, " ")), Some(Comma)),
        (
            format!("{sign}{},{frac:02}", group(int, "\u{a0}")),
            Some(Comma),
        ),
        (
            format!("{sign}{},{frac:02}\u{a0}€", group(int, "\u{202f}")),
            Some(Comma),
        ),
        (format!("{sign}{},{frac:02}", group(int, ".")), Some(Comma)),
        (format!("{sign}{}.{frac:02}", group(int, ",")), Some(Point)),
        (format!("{sign}${}.{frac:02}", group(int, ",")), Some(Point)),
        (
            format!("{sign}CHF {}.{frac:02}", group(int, "'")),
            Some(Point),
        ),
        (
            format!("{sign}{}.{frac:02} EUR", group(int, ",")),
            Some(Point),
        ),
    ];
    if neg {
        v.push((format!("({}.{frac:02})", group(int, ",")), Some(Point)));
        v.push((format!("({},{frac:02} €)", group(int, " ")), Some(Comma)));
    }
    v
}

proptest! {
    #![proptest_config(config(512))]

    /// Formatting an amount as a spreadsheet does, then parsing it with the
    /// column's convention, gives the amount back exactly (both sides are
    /// the correctly rounded double of the same decimal).
    #[test]
    fn formatted_amounts_round_trip(cents in -100_000_000_000i64..100_000_000_000i64) {
        let want = cents as f64 / 100.0;
        for (text, conv) in formats(cents) {
            prop_assert_eq!(parse_number_with(&text, conv), Ok(want), "{}", text);
            for c in [None, Some(DecimalSeparator::Point), Some(DecimalSeparator::Comma)] {
                prop_assert_eq!(parse_number_with(&text, c), parse_number_reference(&text, c), "{}", text);
            }
            prop_assert_eq!(cell_decimal_vote(&text, true), cell_decimal_vote(&text, false), "{}", text);
        }
    }

    /// Percentages are fractions: `p %` reads as p / 100, correctly rounded.
    #[test]
    fn percentages_round_trip(tenths in -10_000i64..10_000i64) {
        let text = format!("{},{} %", tenths / 10, (tenths % 10).abs())
            .replace("0,", if tenths < 0 && tenths > -10 { "-0," } else { "0," });
        let want: f64 = format!("{}e-3", tenths).parse().unwrap();
        prop_assert_eq!(parse_number(&text), Ok(want), "{}", text);
    }

    /// A column of French amounts with at least one non-three-digit
    /// decimal part is detected as decimal comma; English ones as point.
    #[test]
    fn column_convention_is_detected(cents in proptest::collection::vec(1i64..10_000_000, 1..20)) {
        let fr: Vec<String> = cents.iter().map(|c| format!("{},{:02}", group((c / 100) as u64, " "), c % 100)).collect();
        let en: Vec<String> = cents.iter().map(|c| format!("{}.{:02}", group((c / 100) as u64, ","), c % 100)).collect();
        prop_assert_eq!(detect_decimal_separator(fr.iter().map(String::as_str)).separator, Some(DecimalSeparator::Comma));
        prop_assert_eq!(detect_decimal_separator(en.iter().map(String::as_str)).separator, Some(DecimalSeparator::Point));
    }

    /// Parsing never panics and never yields NaN or infinity.
    #[test]
    fn any_text_is_a_finite_number_or_an_error(text in "\\PC{0,40}", digits in "[-+(), .'%€$0-9eE\u{a0}]{0,30}") {
        for t in [&text, &digits] {
            for conv in [None, Some(DecimalSeparator::Point), Some(DecimalSeparator::Comma)] {
                let got = parse_number_with(t, conv);
                if let Ok(v) = got {
                    prop_assert!(v.is_finite());
                }
                // Fast paths never change an answer.
                prop_assert_eq!(got, parse_number_reference(t, conv));
            }
            prop_assert_eq!(cell_decimal_vote(t, true), cell_decimal_vote(t, false));
            let _ = parse_date(t);
            let _ = parse_date_with(t, Some(DateOrder::MonthFirst));
        }
    }

    /// Dates written in ISO, day-first and month-first read back.
    #[test]
    fn dates_round_trip(days in 0i64..62_000) {
        let d = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let (y, m, dd) = (d.year(), d.month(), d.day());
        prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
        prop_assert_eq!(parse_date_with(&format!("{dd:02}/{m:02}/{y}"), Some(DateOrder::DayFirst)), Ok(d));
        prop_assert_eq!(parse_date_with(&format!("{m}/{dd}/{y}"), Some(DateOrder::MonthFirst)), Ok(d));
        prop_assert_eq!(parse_date_with(&format!("{dd}.{m}.{y}"), Some(DateOrder::DayFirst)), Ok(d));
    }
}

/// A cell with the characters that make CSV hard.
fn cell() -> impl Strategy<Value = String> {
    "[a-zé€ 0-9,;\"\t\n\r|]{0,8}"
}

/// Writes cells as RFC 4180 text with `delim`, quoting when needed.
fn write_csv(rows: &[Vec<String>], delim: char, crlf: bool) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                out.push(delim);
            }
            if c.contains(['"', delim, '\n', '\r']) || c.starts_with(' ') {
                out.push('"');
                out.push_str(&c.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(c);
            }
        }
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out
}

proptest! {
    #![proptest_config(config(256))]

    /// Cells written as CSV (quotes, delimiters and line breaks inside) are
    /// read back exactly, with each of the four delimiters.
    #[test]
    fn csv_round_trip(
        width in 1usize..5,
        body in proptest::collection::vec(proptest::collection::vec(cell(), 4), 1..12),
        d in 0usize..4,
        crlf in any::<bool>(),
    ) {
        let delim = Delimiter::ALL[d];
        let headers: Vec<String> = (0..width).map(|i| format!("h{i}")).collect();
        // Rows of empty cells are blank rows, skipped by design: keep a
        // marker in the first cell.
        let rows: Vec<Vec<String>> = body
            .into_iter()
            .map(|r| {
                let mut r: Vec<String> = r.into_iter().take(width).collect();
                r[0] = format!("x{}", r[0]);
                r
            })
            .collect();
        let mut all = vec![headers.clone()];
        all.extend(rows.iter().cloned());
        let text = write_csv(&all, delim.byte() as char, crlf);
        let t = read_table_with(text.as_bytes(), ReadOptions { delimiter: Some(delim) }).unwrap();
        prop_assert_eq!(&t.headers, &headers);
        prop_assert_eq!(t.row_count(), rows.len());
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                prop_assert_eq!(t.cell(r, c), cell.as_str(), "row {} col {}\n{:?}", r, c, text);
            }
        }
    }

    /// Any bytes: a typed error or a table, never a panic; and validating
    /// the best guess accounts for every row.
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_bytes(&bytes)?;
    }

    /// Text that looks like a table (delimiters, quotes, digits, dates).
    #[test]
    fn table_like_text_never_panics(text in "([a-z0-9,;\t|\"/.\\- €%]{0,12}(\r?\n)?){0,30}") {
        check_bytes(text.as_bytes())?;
    }
}

/// A number cell as spreadsheets and people write them: plain in either
/// convention, `1,234` (decimal or thousands?), grouped money, leading
/// zeros, long digit runs, garbage and blanks.
fn number_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "-?[0-9]{1,6}([.,][0-9]{1,4})?",
        2 => "[1-9][0-9]{0,2}[.,][0-9]{3}",
        1 => "-?0[0-9]?[.,][0-9]{1,3}",
        1 => "-?[0-9]{15,24}([.,][0-9]{1,6})?",
        1 => (-10_000_000i64..10_000_000)
            .prop_flat_map(|c| proptest::sample::select(formats(c)))
            .prop_map(|(t, _)| t),
        1 => "[-+(), .'%€$0-9eE\u{a0}]{0,10}",
        1 => Just(String::new()),
        1 => Just("  ".to_string()),
    ]
}

/// A date cell: ISO (real days and impossible ones), `aa/mm/yyyy` with
/// either field over 12 or both under, other forms, garbage and blanks.
fn date_cell() -> impl Strategy<Value = String> {
    let sep = proptest::sample::select(vec!['/', '-', '.']);
    prop_oneof![
        2 => (1990i32..2030, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        4 => (0u32..33, 0u32..14, 1990i32..2030, sep)
            .prop_map(|(a, m, y, s)| format!("{a:02}{s}{m:02}{s}{y}")),
        2 => (1u32..13, 1u32..13, 1990i32..2030).prop_map(|(a, m, y)| format!("{a:02}/{m:02}/{y}")),
        2 => (13u32..29, 1u32..13, 1990i32..2030, any::<bool>()).prop_map(|(a, m, y, swap)| {
            if swap {
                format!("{m:02}/{a:02}/{y}")
            } else {
                format!("{a:02}/{m:02}/{y}")
            }
        }),
        1 => (1u32..29, 1u32..13, 0u32..100).prop_map(|(a, m, y)| format!("{a}/{m}/{y:02}")),
        1 => proptest::sample::select(vec![
            "15 mars 2024",
            "2024-03-15T10:20",
            "20240315",
            "45292",
            " 2024-03-15",
            "03/04/2024 10:00",
            "31/02/2024",
            "hier",
            "2024/3/5",
        ])
        .prop_map(str::to_string),
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Validation's column fast paths (plain numbers and dates read in one
    /// pass, the separator and the day/month order decided once per column)
    /// give exactly what reading every cell with the full parsers gives:
    /// the same dataset, problems in the same order, the same readings or
    /// the same question about the date order. Both conventions, with and
    /// without a forced separator or order, with excluded rows.
    #[test]
    fn column_fast_paths_agree_with_the_full_parsers(
        rows in proptest::collection::vec(
            (
                proptest::sample::select(vec!["A", "B", "C", ""]),
                date_cell(),
                number_cell(),
                number_cell(),
                any::<u8>(),
            ),
            1..60,
        ),
        forced in 0usize..3,
        order in 0usize..3,
        excluded in any::<bool>(),
    ) {
        let mut table_rows = vec![vec![
            "customer".to_string(),
            "date".into(),
            "amount".into(),
            "nps".into(),
        ]];
        for (id, date, amount, nps, _) in &rows {
            table_rows.push(vec![id.to_string(), date.clone(), amount.clone(), nps.clone()]);
        }
        let mut t = table_from_rows(table_rows).unwrap();
        if excluded {
            for (r, row) in rows.iter().enumerate() {
                if row.4 % 5 == 0 {
                    t.exclude_row(r, true);
                }
            }
        }
        for shape in [Shape::Transactions, Shape::Customers] {
            let mut m = guess_mapping(&t, shape);
            m.decimal = [None, Some(DecimalSeparator::Point), Some(DecimalSeparator::Comma)][forced];
            m.date_order = [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)][order];
            let fast = validate(&t, &m);
            let reference = validate_reference(&t, &m);
            if let (Ok(f), Ok(r)) = (&fast, &reference) {
                prop_assert_eq!(&f.readings, &r.readings);
            }
            prop_assert_eq!(fast, reference, "{:?}", shape);
        }
    }
}

fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(t) = read_table(bytes) {
        prop_assert!(t.row_count() > 0);
        prop_assert!(t.column_count() > 0);
        for g in guess_shapes(&t) {
            prop_assert!((0.0..=1.0).contains(&g.confidence));
            if let Ok(v) = validate(&t, &g.mapping) {
                let s = v.summary;
                prop_assert_eq!(s.rows, s.rows_ok + s.rows_with_problems + s.rows_excluded);
                prop_assert_eq!(v.dataset.len(), s.rows_ok);
            }
        }
    }
    Ok(())
}

/// Large garbage is refused in linear time (a regression guard against a
/// quadratic blow-up: 20 MB must not take more than a few seconds even in
/// a debug build; measured around a second).
#[test]
fn large_garbage_is_handled() {
    let mut state = 7u64;
    let mut bytes = vec![0u8; 20_000_000];
    for b in bytes.iter_mut() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *b = (state >> 56) as u8;
    }
    assert!(read_table(&bytes).is_err());
    // Printable garbage without any line break: one header, no data.
    let text: Vec<u8> = bytes.iter().map(|b| b'a' + b % 26).collect();
    assert!(read_table(&text).is_err());
    // One unclosed quote at the top of a big file.
    let mut quoted = b"a,b\n\"".to_vec();
    quoted.extend(std::iter::repeat_n(b"x,y\n".iter().copied(), 1_000_000).flatten());
    assert_eq!(
        read_table(&quoted).unwrap_err().to_string(),
        "row 2: a quote (\") opens a cell that is never closed"
    );
}
