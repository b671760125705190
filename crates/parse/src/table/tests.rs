use chrono::NaiveDate;

use super::seq::Seq;
use super::tokenize::find2;
use super::*;

use crate::date::DateOrder;
use crate::error::{ParseError, TableWarning};

fn cells(t: &Table) -> Vec<Vec<String>> {
    (0..t.row_count())
        .map(|r| t.row(r).map(str::to_string).collect())
        .collect()
}

#[test]
fn find2_finds_what_memchr2_finds() {
    // Every position and byte value around the word boundaries, and
    // bytes with the top bit set (UTF-8) that must not be matched.
    let mut state = 11u64;
    for len in 0..40 {
        for _ in 0..50 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    [b'a', b',', b'\n', 0xE2, 0x80, 0xAC, b'0', 0x0A ^ 0x80][(state >> 61) as usize]
                })
                .collect();
            for from in 0..=len {
                let want = memchr::memchr2(b',', b'\n', &bytes[from..]).map_or(len, |p| from + p);
                assert_eq!(
                    find2(&bytes, from, b',', b'\n'),
                    want,
                    "{bytes:?} from {from}"
                );
            }
        }
    }
}

#[test]
fn french_excel_paste() {
    let input =
        "Client;Date;Montant\r\nDupont;15/03/2024;1 234,56 €\r\nMartin;02/04/2024;12,5 €\r\n";
    let t = read_table(input.as_bytes()).unwrap();
    assert_eq!(t.delimiter(), Some(Delimiter::Semicolon));
    assert_eq!(t.headers, ["Client", "Date", "Montant"]);
    assert_eq!(t.row_count(), 2);
    assert_eq!(t.cell(0, 0), "Dupont");
    assert_eq!(t.numbers(2).unwrap(), [1234.56, 12.5]);
    assert_eq!(t.currency(2), Some(cxi_types::Currency::Eur));
    assert_eq!(t.currency(0), None);
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(t.dates(1).unwrap(), [d(2024, 3, 15), d(2024, 4, 2)]);
    assert!(t.warnings().is_empty());
}

#[test]
fn quotes_and_embedded_newlines() {
    let input =
        "id,comment,amount\n1,\"Hello, \"\"world\"\"\nsecond line\",\"1,234.50\"\n2,plain,3\n";
    let t = read_table(input.as_bytes()).unwrap();
    assert_eq!(t.delimiter(), Some(Delimiter::Comma));
    assert_eq!(
        cells(&t),
        [
            vec!["1", "Hello, \"world\"\nsecond line", "1,234.50"],
            vec!["2", "plain", "3"]
        ]
    );
    // The quoted cell spans two lines but is one spreadsheet row.
    assert_eq!((t.row_number(0), t.row_number(1)), (2, 3));
    assert_eq!(t.numbers(2).unwrap(), [1234.5, 3.0]);
}

#[test]
fn crlf_inside_quotes_is_kept() {
    let t = read_table(b"a;b\r\n\"x\r\ny\";2\r\n").unwrap();
    assert_eq!(t.cell(0, 0), "x\r\ny");
    assert_eq!(t.cell(0, 1), "2");
}

#[test]
fn tsv_paste_without_final_newline() {
    let t = read_table(b"Customer\tRevenue\nA\t1,234.5\nB\t99").unwrap();
    assert_eq!(t.delimiter(), Some(Delimiter::Tab));
    assert_eq!(cells(&t), [vec!["A", "1,234.5"], vec!["B", "99"]]);
    assert_eq!(t.numbers(1).unwrap(), [1234.5, 99.0]);
}

#[test]
fn pipe_and_forced_delimiter() {
    let t = read_table(b"a|b\n1|2\n").unwrap();
    assert_eq!(t.delimiter(), Some(Delimiter::Pipe));
    let t = read_table_with(
        b"a;b,c\n1;2,3\n",
        ReadOptions {
            delimiter: Some(Delimiter::Comma),
        },
    )
    .unwrap();
    assert_eq!(t.headers, ["a;b", "c"]);
}

#[test]
fn delimiter_detection_prefers_consistency() {
    // Commas appear in the French amounts but not in the header.
    assert_eq!(
        detect_delimiter("a;b\n1,5;2,5\n3;4\n"),
        Some(Delimiter::Semicolon)
    );
    // A comma inside quotes does not count.
    assert_eq!(
        detect_delimiter("name\tnote\n\"Smith, J\"\t5\n"),
        Some(Delimiter::Tab)
    );
    assert_eq!(detect_delimiter("score\n7\n8\n"), None);
    // Tie: tab preferred.
    assert_eq!(detect_delimiter("a\tb;c\n1\t2;3\n"), Some(Delimiter::Tab));
}

#[test]
fn blank_rows_are_skipped_but_counted() {
    let t = read_table(b"\na,b\n1,2\n\n;;\n3,4\n,\n").unwrap();
    assert_eq!(t.headers, ["a", "b"]);
    assert_eq!(cells(&t), [vec!["1", "2"], vec![";;", ""], vec!["3", "4"]]);
    // Header on line 2, so its data starts at row 3.
    assert_eq!(
        (0..3).map(|r| t.row_number(r)).collect::<Vec<_>>(),
        [3, 5, 6]
    );
}

#[test]
fn line_ends_marks_and_blank_lines_do_not_change_cells() {
    // The same cells written with `\n` or `\r\n`, a byte-order mark or
    // none, blank lines before, between and after, quoted cells (one
    // ending with a `\r` of its own) or not: read alike.
    let rows = [
        ["id", "note", "amount"],
        ["a", "plain", "1"],
        ["b", "x\r", "2"],
        ["c", "", "3,5"],
        ["d", "\"q\"", ""],
    ];
    for crlf in [false, true] {
        for bom in [false, true] {
            for blanks in [0, 1, 2] {
                let nl = if crlf { "\r\n" } else { "\n" };
                let mut text = String::from(if bom { "\u{feff}" } else { "" });
                if blanks == 1 {
                    text.push_str(nl);
                }
                for (i, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            if c.contains(['"', '\r', ',']) {
                                format!("\"{}\"", c.replace('"', "\"\""))
                            } else {
                                c.to_string()
                            }
                        })
                        .collect();
                    text.push_str(&cells.join(";"));
                    text.push_str(nl);
                    if blanks == 2 && i == 2 {
                        text.push_str(nl);
                    }
                }
                if blanks > 0 {
                    text.push_str(nl);
                    text.push_str(nl);
                }
                let case = format!("crlf {crlf} bom {bom} blanks {blanks}: {text:?}");
                let t = read_table(text.as_bytes()).unwrap();
                assert_eq!(t.headers, ["id", "note", "amount"], "{case}");
                let want: Vec<Vec<&str>> = rows[1..].iter().map(|r| r.to_vec()).collect();
                assert_eq!(cells(&t), want, "{case}");
                let first = 2 + usize::from(blanks == 1) as u32;
                let numbers: Vec<u32> = (0..4).map(|r| t.row_number(r)).collect();
                let gap = u32::from(blanks == 2);
                assert_eq!(
                    numbers,
                    [first, first + 1, first + 2 + gap, first + 3 + gap],
                    "{case}"
                );
                // Columns walked by stride see the same cells.
                for c in 0..3 {
                    let col: Vec<&str> = t.column(c).collect();
                    let want: Vec<&str> = rows[1..].iter().map(|r| r[c]).collect();
                    assert_eq!(col, want, "{case}");
                }
            }
        }
    }
}

#[test]
fn quoted_blank_records_are_cut_out_too() {
    // Fuzzing found `""` then a line panicking: a blank record made of
    // quoted empty cells had moved the copy past its own start.
    assert_eq!(read_table(b"\"\"\n/").unwrap_err(), ParseError::HeaderOnly);
    let t = read_table(b"\"\",\"\"\na,b\n1,2\n\"\"\n\"\",\r\n3,\"4\"\n").unwrap();
    assert_eq!(t.headers, ["a", "b"]);
    assert_eq!(cells(&t), [vec!["1", "2"], vec!["3", "4"]]);
    assert_eq!((t.row_number(0), t.row_number(1)), (3, 6));
}

#[test]
fn located_errors_have_exact_messages() {
    let mut input = String::from("client;montant\n");
    for i in 0..20 {
        let v = if i == 15 { "12,3,4" } else { "10" };
        input.push_str(&format!("c{i};{v}\n"));
    }
    let t = read_table(input.as_bytes()).unwrap();
    let errs = t.numbers(1).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].to_string(),
        "row 17, column \"montant\": \"12,3,4\" is not a number"
    );
    let t = read_table(b"a;montant\nx;\n").unwrap();
    assert_eq!(
        t.numbers(1).unwrap_err()[0].to_string(),
        "row 2, column \"montant\": empty cell, a value is required"
    );
    assert_eq!(t.optional_numbers(1).unwrap(), [None]);
}

#[test]
fn column_decimal_convention() {
    // English column with thousands: `,` groups thousands.
    let t = read_table(b"id\tamount\n1\t1,234\n2\t12.5\n").unwrap();
    assert_eq!(t.numbers(1).unwrap(), [1234.0, 12.5]);
    // French column: `,` is decimal.
    let t = read_table(b"id\tmontant\n1\t1,234\n2\t12,5\n").unwrap();
    assert_eq!(t.numbers(1).unwrap(), [1.234, 12.5]);
    // Undecided column, decided by another column of the table.
    let t = read_table(b"a\tb\n1,234\t0,5\n").unwrap();
    assert_eq!(t.numbers(0).unwrap(), [1.234]);
    // Undecided everywhere: `;` files use the decimal comma...
    let t = read_table(b"a;b\n1,234;x\n").unwrap();
    assert_eq!(t.numbers(0).unwrap(), [1.234]);
    // ... and `,` files the decimal point.
    let t = read_table(b"a,b\n\"1,234\",x\n").unwrap();
    assert_eq!(t.numbers(0).unwrap(), [1234.0]);
}

#[test]
fn ambiguous_dates_are_reported_for_the_user_to_choose() {
    let t = read_table(b"date;x\n01/02/2024;1\n03/04/2024;2\n").unwrap();
    assert!(t.date_order(0).needs_choice());
    let e = t.dates(0).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_string(),
        "row 2, column \"date\": \"01/02/2024\" could be 1 February 2024 or January 2, 2024: no date in the column tells whether the day or the month comes first"
    );
    let d = t.dates_with(0, Some(DateOrder::DayFirst)).unwrap();
    assert_eq!(d[1], NaiveDate::from_ymd_opt(2024, 4, 3).unwrap());
}

#[test]
fn bad_input_gets_typed_errors() {
    assert_eq!(read_table(b"").unwrap_err(), ParseError::Empty);
    assert_eq!(read_table(b"\n\n").unwrap_err(), ParseError::Empty);
    assert_eq!(read_table(b"a;b;c\n").unwrap_err(), ParseError::HeaderOnly);
    assert_eq!(
        read_table(b"a;b;c\n;;\n\n").unwrap_err(),
        ParseError::HeaderOnly
    );
    assert_eq!(
        read_table(b"a,b\n1,\"oops\n2,3\n").unwrap_err(),
        ParseError::UnclosedQuote { row: 2 }
    );
    assert_eq!(
        read_table(b"a,b\n1,\"oops\n2,3\n").unwrap_err().to_string(),
        "row 2: a quote (\") opens a cell that is never closed"
    );
    assert_eq!(
        read_table(b"PK\x03\x04....").unwrap_err(),
        ParseError::Spreadsheet
    );
}

#[test]
fn single_column_is_usable_with_a_warning() {
    let t = read_table(b"NPS\n9\n10\n3\n").unwrap();
    assert_eq!(t.headers, ["NPS"]);
    assert_eq!(t.numbers(0).unwrap(), [9.0, 10.0, 3.0]);
    assert_eq!(t.warnings(), [TableWarning::SingleColumn]);
}

#[test]
fn duplicate_and_empty_headers_and_extra_cells() {
    let t = read_table(b"Montant;;montant \n1;2;3\n4;5;6;7\n8;9;10;;\n").unwrap();
    assert_eq!(
        t.warnings(),
        [
            TableWarning::EmptyHeader { column: 1 },
            TableWarning::DuplicateHeader {
                name: "Montant".into(),
                columns: vec![0, 2]
            },
            TableWarning::ExtraCells {
                count: 1,
                rows: vec![3]
            },
        ]
    );
    assert_eq!(t.column_name(1), "column B");
    assert_eq!(t.find_column(&["MONTANT"]), Some(0));
    assert_eq!(
        t.warnings()[1].to_string(),
        "the header \"Montant\" appears in several columns (A, C)"
    );
    assert_eq!(t.rows_with_extra_cells(), [1]);
}

#[test]
fn find_column_ignores_case_accents_and_spaces() {
    let t = read_table("  Date de Commande ;Catégorie\n1;2\n".as_bytes()).unwrap();
    assert_eq!(t.find_column(&["order date", "date de commande"]), Some(0));
    assert_eq!(t.find_column(&["categorie"]), Some(1));
    assert_eq!(t.find_column(&["nothing"]), None);
}

#[test]
fn short_rows_read_as_empty_cells_and_fixes_apply() {
    let mut t = read_table(b"a;b;c\n1;2\n").unwrap();
    assert_eq!(t.cell(0, 2), "");
    assert_eq!(t.cells_in_row(0), 2);
    t.set_cell(0, 2, "5");
    assert_eq!(t.cell(0, 2), "5");
    assert_eq!(t.numbers(2).unwrap(), [5.0]);
}

#[test]
fn sequences_stay_arithmetic_until_broken() {
    let mut s = Seq::default();
    for v in [4, 9, 14, 19] {
        s.push(v);
    }
    assert!(s.explicit.is_none());
    assert_eq!((s.len(), s.get(0), s.get(3)), (4, 4, 19));
    s.push(21);
    s.push(30);
    assert_eq!(
        (0..6).map(|i| s.get(i)).collect::<Vec<_>>(),
        [4, 9, 14, 19, 21, 30]
    );
    let mut one = Seq::default();
    one.push(7);
    assert_eq!((one.len(), one.get(0)), (1, 7));
    assert!(!one.is_empty());
}

#[test]
fn progress_is_reported_and_can_cancel() {
    let mut input = String::from("a,b\n");
    while input.len() < 3 * PROGRESS_STEP {
        input.push_str("1234567,89\n");
    }
    let mut seen = Vec::new();
    let t = read_table_with_progress(input.as_bytes(), ReadOptions::default(), &mut |d, n| {
        seen.push((d, n));
        true
    })
    .unwrap();
    assert!(t.row_count() > 0);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(*seen.last().unwrap(), (input.len(), input.len()));
    let e = read_table_with_progress(input.as_bytes(), ReadOptions::default(), &mut |_, _| false);
    assert_eq!(e.unwrap_err(), ParseError::Cancelled);
}

#[test]
fn a_title_above_the_table_is_skipped() {
    let input = "Export des ventes au 31/12/2024\n\nClient;Date;Montant\nA;01/02/2024;10\nB;03/02/2024;12,5\n";
    let t = read_table(input.as_bytes()).unwrap();
    assert_eq!(t.headers, ["Client", "Date", "Montant"]);
    assert_eq!(t.row_count(), 2);
    assert_eq!((t.row_number(0), t.row_number(1)), (4, 5));
    assert_eq!(t.warnings(), [TableWarning::TitleSkipped { header_row: 3 }]);
    assert_eq!(
        t.warnings()[0].to_string(),
        "the first rows look like a title: the header was taken from row 3"
    );
    assert_eq!(t.numbers(2).unwrap(), [10.0, 12.5]);
    // A single-column table is not a title.
    let t = read_table(b"NPS\n9\n10\n").unwrap();
    assert_eq!(t.headers, ["NPS"]);
    // Nor is a header over rows with numbers only.
    let t = read_table(b"Scores\n9;8\n10;7\n").unwrap();
    assert_eq!(t.headers, ["Scores"]);
}

#[test]
fn the_user_can_point_at_the_header() {
    let mut t = read_table(b"a;b\nnote;\nx;y\n1;2\n3;4\n").unwrap();
    t.set_cell(3, 0, "30");
    t.exclude_row(2, true);
    t.promote_header(1).unwrap();
    assert_eq!(t.headers, ["x", "y"]);
    assert_eq!(t.row_count(), 2);
    assert_eq!(t.row_number(0), 4);
    assert_eq!(t.cell(1, 0), "30");
    assert_eq!(t.excluded_rows(), [0]);
    assert_eq!(t.promote_header(1), Err(ParseError::HeaderOnly));
}

#[test]
fn rows_from_a_sheet() {
    let t = table_from_rows(vec![vec!["", ""], vec!["x", "y"], vec!["1", "2"]]).unwrap();
    assert_eq!(t.headers, ["x", "y"]);
    assert_eq!(t.row_number(0), 3);
    assert_eq!(t.delimiter(), None);
    assert!(t.warnings().is_empty());
}
