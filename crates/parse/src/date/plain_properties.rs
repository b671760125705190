use super::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

proptest! {
    #![proptest_config(Config {
        cases: 2048,
        rng_seed: RngSeed::Fixed(0x00C0_FFEE),
        ..Config::default()
    })]

    /// The column fast path reads `yyyy-mm-dd` and `aa/mm/yyyy` cells
    /// as the full parser does in either day/month order (real days,
    /// impossible ones, any field over 12), and votes like
    /// [`detect_date_order`]; the forms it does not take are left.
    #[test]
    fn plain_cells_read_as_the_full_parser_reads_them(
        text in prop_oneof![
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "[0-3][0-9][/.-][01][0-9][/.-](19|20)[0-9]{2}",
            "[0-9]{2}/[0-9]{2}-[0-9]{4}",
            "[0-9/.\\- ]{8,11}",
        ],
    ) {
        prop_assert_eq!(plain(text.as_bytes()).and_then(|p| p.vote()), order_vote(&text), "{}", text);
        match plain(text.as_bytes()) {
            Some(Plain::Iso(d)) => {
                for order in [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)] {
                    prop_assert_eq!(parse_date_with(&text, order).ok(), d, "{} {:?}", text, order);
                }
                prop_assert_eq!(order_vote(&text), None);
            }
            Some(Plain::Numeric { a, m, year }) => {
                for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                    prop_assert_eq!(parse_date_with(&text, Some(order)).ok(), order.date(a, m, year), "{} {:?}", text, order);
                }
                // Read alone, a cell the two orders read alike is that date.
                let (df, mf) = (DateOrder::DayFirst.date(a, m, year), DateOrder::MonthFirst.date(a, m, year));
                if df == mf {
                    prop_assert_eq!(parse_date_with(&text, None).ok(), df);
                }
            }
            None => {
                let b = text.as_bytes();
                let iso = b.len() == 10 && b[4] == b'-' && b[7] == b'-'
                    && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
                prop_assert!(!iso, "{} left", text);
            }
        }
    }
}
