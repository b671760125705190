//! Date parsing: never panics; a date read without an order is the same
//! date under the order that the text allows.
#![no_main]

use cxi_parse::detect_date_order;
use cxi_parse::parse_date;
use cxi_parse::parse_date_with;
use cxi_parse::DateOrder;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let free = parse_date(text);
    let dmy = parse_date_with(text, Some(DateOrder::DayFirst));
    let mdy = parse_date_with(text, Some(DateOrder::MonthFirst));
    if let Ok(d) = free {
        // An unambiguous date reads the same under at least one order.
        assert!(dmy == Ok(d) || mdy == Ok(d), "{text:?}");
    }
    for r in [&free, &dmy, &mdy] {
        if let Err(e) = r {
            let _ = e.to_string();
        }
    }
    let cells: Vec<&str> = text.split('\n').collect();
    let g = detect_date_order(cells.iter().copied());
    assert!(g.day_first_votes + g.month_first_votes + g.ambiguous_cells <= cells.len());
});
