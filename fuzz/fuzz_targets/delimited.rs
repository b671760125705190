//! Any bytes through the whole data-in path: read, guess, validate, and
//! every typed column accessor. Must never panic, and validation's column
//! fast paths must give what reading each cell with the full parsers gives.
#![no_main]

use cxi_parse::guess_shapes;
use cxi_parse::read_table;
use cxi_parse::validate;
use cxi_parse::validate_reference;
use cxi_parse::DateOrder;
use cxi_parse::Mapping;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut table) = read_table(data) else {
        return;
    };
    assert!(table.row_count() > 0);
    for c in 0..table.column_count().min(8) {
        let _ = table.numbers(c);
        let _ = table.dates(c);
        let _ = table.dates_with(c, Some(DateOrder::MonthFirst));
        for w in table.warnings() {
            let _ = w.to_string();
        }
    }
    for guess in guess_shapes(&table).into_iter().take(2) {
        check(&table, &guess.mapping);
        let mut forced = guess.mapping.clone();
        forced.date_order = Some(DateOrder::DayFirst);
        check(&table, &forced);
    }
    // A fix and an exclusion, then again.
    table.set_cell(0, 0, "1");
    table.exclude_row(table.row_count() - 1, true);
    if let Some(g) = guess_shapes(&table).first() {
        check(&table, &g.mapping);
    }
    // The user points at another header row.
    if table.promote_header(0).is_ok() {
        assert!(table.row_count() > 0);
        if let Some(g) = guess_shapes(&table).first() {
            check(&table, &g.mapping);
        }
    }
});

fn check(table: &cxi_parse::Table, mapping: &Mapping) {
    let validated = validate(table, mapping);
    assert_eq!(validated, validate_reference(table, mapping));
    match validated {
        Ok(v) => {
            let s = v.summary;
            // Every row accounted for.
            assert_eq!(s.rows, s.rows_ok + s.rows_with_problems + s.rows_excluded);
            assert_eq!(v.dataset.len(), s.rows_ok);
            for p in &v.problems {
                let _ = p.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}
