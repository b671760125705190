use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ok(s: &str, order: Option<DateOrder>) -> NaiveDate {
    parse_date_with(s, order).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn iso_and_compact() {
    assert_eq!(ok("2024-03-15", None), d(2024, 3, 15));
    assert_eq!(ok(" 2024-03-15 ", None), d(2024, 3, 15));
    assert_eq!(ok("2024/3/5", None), d(2024, 3, 5));
    assert_eq!(ok("2024-03-15T10:20:00Z", None), d(2024, 3, 15));
    assert_eq!(ok("2024-03-15 10:20", None), d(2024, 3, 15));
    assert_eq!(ok("20240315", None), d(2024, 3, 15));
}

#[test]
fn day_month_order() {
    use DateOrder::*;
    assert_eq!(ok("25/03/2024", None), d(2024, 3, 25));
    assert_eq!(ok("03/25/2024", None), d(2024, 3, 25));
    assert_eq!(ok("03/03/2024", None), d(2024, 3, 3));
    assert_eq!(ok("03/04/2024", Some(DayFirst)), d(2024, 4, 3));
    assert_eq!(ok("03/04/2024", Some(MonthFirst)), d(2024, 3, 4));
    assert_eq!(ok("3.4.2024", Some(DayFirst)), d(2024, 4, 3));
    assert_eq!(ok("3-4-2024", Some(DayFirst)), d(2024, 4, 3));
    assert_eq!(ok("15/03/2024 14:05", Some(DayFirst)), d(2024, 3, 15));
    assert_eq!(
        parse_date("03/04/2024").unwrap_err().to_string(),
        "\"03/04/2024\" could be 3 April 2024 or March 4, 2024: no date in the column tells whether the day or the month comes first"
    );
}

#[test]
fn two_digit_years_pivot_at_70() {
    use DateOrder::*;
    assert_eq!(ok("15/03/24", Some(DayFirst)), d(2024, 3, 15));
    assert_eq!(ok("15/03/69", Some(DayFirst)), d(2069, 3, 15));
    assert_eq!(ok("15/03/70", Some(DayFirst)), d(1970, 3, 15));
    assert_eq!(ok("15/03/99", Some(DayFirst)), d(1999, 3, 15));
    assert_eq!(ok("15/03/00", Some(DayFirst)), d(2000, 3, 15));
}

#[test]
fn month_names() {
    assert_eq!(ok("15 mars 2024", None), d(2024, 3, 15));
    assert_eq!(ok("15-Mar-2024", None), d(2024, 3, 15));
    assert_eq!(ok("15-Mar-24", None), d(2024, 3, 15));
    assert_eq!(ok("March 15, 2024", None), d(2024, 3, 15));
    assert_eq!(ok("lundi 15 janv. 2024", None), d(2024, 1, 15));
    assert_eq!(ok("1er août 2023", None), d(2023, 8, 1));
    assert_eq!(ok("3 Février 2023", None), d(2023, 2, 3));
    assert_eq!(ok("Mon, Jan 15, 2024 10:00", None), d(2024, 1, 15));
    assert_eq!(ok("2024 Dec 1", None), d(2024, 12, 1));
    assert_eq!(ok("déc. 5 2024", None), d(2024, 12, 5));
}

#[test]
fn excel_serials() {
    // References: Excel shows 45292 as 2024-01-01 and 36526 as
    // 2000-01-01 (checked against the 1900 system's published table).
    assert_eq!(ok("45292", None), d(2024, 1, 1));
    assert_eq!(ok("36526", None), d(2000, 1, 1));
    assert_eq!(ok("45292,75", None), d(2024, 1, 1));
    assert_eq!(from_excel_serial(10959.0), Some(d(1930, 1, 1)));
    assert_eq!(from_excel_serial(10958.0), None);
    assert_eq!(from_excel_serial(73050.0), Some(d(2099, 12, 31)));
    assert_eq!(from_excel_serial(73051.0), None);
    assert_eq!(from_excel_serial(f64::NAN), None);
    assert_eq!(
        parse_date("2024").unwrap_err().to_string(),
        "\"2024\" is not a date (as an Excel day number it is outside 1930–2099)"
    );
}

#[test]
fn refused_with_messages() {
    let msg = |s: &str| parse_date(s).unwrap_err().to_string();
    assert_eq!(
        msg("31/02/2024"),
        "\"31/02/2024\" is not a day of the calendar"
    );
    assert_eq!(
        msg("2024-02-30"),
        "\"2024-02-30\" is not a day of the calendar"
    );
    assert_eq!(msg("hello"), "\"hello\" is not a date");
    assert_eq!(msg(""), "empty cell, expected a date");
    for bad in [
        "13/13/2024",
        "2024-13-01",
        "1/2",
        "1/2/3/4",
        "15 mars",
        "mars 2024",
        "15 foo 2024",
        "2024-03-15x",
        "12345/1/1",
        "1/2/12345",
        "2024-1-123",
        "32/01/2024",
        "15 mars mai 2024",
    ] {
        assert!(
            parse_date_with(bad, Some(DateOrder::DayFirst)).is_err(),
            "{bad:?}"
        );
    }
}

#[test]
fn column_order_detection() {
    use DateOrder::*;
    let g = detect_date_order(["01/02/2024", "25/02/2024", "2024-01-01", ""]);
    assert_eq!(g.order, Some(DayFirst));
    assert_eq!((g.day_first_votes, g.ambiguous_cells), (1, 1));
    let g = detect_date_order(["01/02/2024", "02/25/2024"]);
    assert_eq!(g.order, Some(MonthFirst));
    let g = detect_date_order(["01/02/2024", "03/04/2024", "05/05/2024"]);
    assert_eq!(g.order, None);
    assert!(g.needs_choice());
    assert_eq!(g.ambiguous_cells, 2);
    let g = detect_date_order(["05/05/2024", "2024-01-31"]);
    assert!(!g.needs_choice());
}
