//! Calendar dates as day numbers, and the periods (day, week, month,
//! quarter, year) they fall in: the clock of the transaction-log summaries.

use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date, as the number of days since 1970-01-01 (proleptic
/// Gregorian calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(pub i32);

impl Day {
    /// The date `year-month-day`, or `None` if it does not exist.
    ///
    /// # Formula
    /// Days from civil (H. Hinnant, "chrono-Compatible Low-Level Date
    /// Algorithms"): years counted from March so the leap day ends the year.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(-1_000_000..=1_000_000).contains(&year) {
            return None;
        }
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        i32::try_from(era * 146_097 + doe - 719_468).ok().map(Day)
    }

    /// `(year, month, day)` of this date (inverse of [`Day::from_ymd`]).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y as i32, m, d)
    }

    /// Index of the period of `unit` containing this day. Weeks start on
    /// Monday (ISO; lifetimes' `W` = weeks ending Sunday); months, quarters
    /// and years are calendar ones.
    pub fn period(self, unit: PeriodUnit) -> i32 {
        match unit {
            PeriodUnit::Day => self.0,
            // 1970-01-01 was a Thursday: shift so Monday starts a week.
            PeriodUnit::Week => (self.0 + 3).div_euclid(7),
            PeriodUnit::Month => {
                let (y, m, _) = self.ymd();
                y * 12 + m as i32 - 1
            }
            PeriodUnit::Quarter => {
                let (y, m, _) = self.ymd();
                y * 4 + (m as i32 - 1) / 3
            }
            PeriodUnit::Year => self.ymd().0,
        }
    }
}

/// 1970-01-01 counted from 0001-01-01 (chrono's `num_days_from_ce`).
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

impl From<chrono::NaiveDate> for Day {
    /// The date as read by `parse::parse_date` / `Table::dates`.
    fn from(d: chrono::NaiveDate) -> Day {
        use chrono::Datelike;
        Day(d.num_days_from_ce() - UNIX_EPOCH_FROM_CE)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `YYYY-MM-DD` → Day (test helper; the app reads dates with `parse`).
    fn d(s: &str) -> Day {
        let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        Day::from_ymd(p[0] as i32, p[1], p[2]).unwrap()
    }

    /// Reference: Unix day numbers (date -d 'YYYY-MM-DD' +%s / 86400):
    /// 1970-01-01 = 0, 1997-01-01 = 9862, 2000-02-29 = 11016,
    /// 1969-12-31 = −1; leap rules of 1900 and 2000.
    #[test]
    fn calendar_known_days() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(1997, 1, 1), Some(Day(9862)));
        assert_eq!(Day::from_ymd(2000, 2, 29), Some(Day(11016)));
        assert_eq!(Day::from_ymd(1969, 12, 31), Some(Day(-1)));
        assert_eq!(Day::from_ymd(1900, 2, 29), None);
        assert_eq!(Day::from_ymd(2023, 4, 31), None);
        assert_eq!(Day::from_ymd(2023, 13, 1), None);
        for n in (-800_000..800_000).step_by(997) {
            let (y, m, dd) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, dd), Some(Day(n)));
        }
        assert_eq!(Day(11016).to_string(), "2000-02-29");
    }

    /// Reference: chrono's calendar (independent implementation) agrees
    /// with the day numbers, across the Gregorian leap rules.
    #[test]
    fn chrono_dates_convert() {
        for (y, m, dd) in [
            (1970, 1, 1),
            (1600, 2, 29),
            (1997, 3, 25),
            (2100, 12, 31),
            (1, 1, 1),
        ] {
            let c = chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            assert_eq!(Day::from(c), Day::from_ymd(y, m, dd).unwrap());
        }
    }

    /// Reference: ISO weeks start on Monday; 1997-01-06 was a Monday
    /// (calendar), 1997-01-05 the Sunday before.
    #[test]
    fn periods() {
        let mon = d("1997-01-06");
        assert_eq!(
            mon.period(PeriodUnit::Week),
            d("1997-01-12").period(PeriodUnit::Week)
        );
        assert_eq!(
            mon.period(PeriodUnit::Week) - 1,
            d("1997-01-05").period(PeriodUnit::Week)
        );
        assert_eq!(
            d("1997-03-31").period(PeriodUnit::Month) + 1,
            d("1997-04-01").period(PeriodUnit::Month)
        );
        assert_eq!(
            d("1997-12-31").period(PeriodUnit::Quarter) + 1,
            d("1998-01-01").period(PeriodUnit::Quarter)
        );
        assert_eq!(d("1998-06-30").period(PeriodUnit::Year), 1998);
    }
}
