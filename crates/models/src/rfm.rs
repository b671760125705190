//! Recency–frequency–monetary summaries: the input of the BG/NBD and
//! Gamma-Gamma models, and the step from a transaction log to them.
//!
//! Conventions follow lifetimes' `summary_data_from_transaction_data`
//! (Davidson-Pilon et al., v0.11): dates are mapped to periods of the chosen
//! unit; several orders of one customer in one period are one purchase whose
//! amount is their sum; the first period is not a repeat purchase;
//! `frequency` counts the later periods, `recency` and `T` are measured from
//! the first period's start to the last purchase period's start and to the
//! observation end's period start; `monetary_value` is the mean amount of the
//! repeat periods (0 without repeat purchases).

use cxi_types::period::PeriodUnit;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::Hash;

/// One customer's purchase history, summarised the way the BG/NBD and
/// Gamma-Gamma models read it (Fader, Hardie & Lee 2005, section 2).
///
/// All times are in the same model time unit (days, weeks or months) and
/// measured from the customer's first purchase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    /// `x`: number of repeat purchase periods (the first purchase is not counted).
    pub frequency: u32,
    /// `t_x`: time of the last repeat purchase; 0 when `frequency` is 0.
    pub recency: f64,
    /// `T`: time between the first purchase and the end of observation.
    pub age: f64,
    /// `z̄`: mean amount of the repeat purchase periods; 0 when `frequency` is 0.
    pub monetary_value: f64,
}

/// Why a customer summary was refused. `row` is the 1-based position of the
/// customer in the input.
#[derive(Debug, Clone, PartialEq)]
pub enum RfmError {
    /// A time is negative or not finite.
    TimeOutOfRange {
        /// 1-based position of the customer in the input.
        row: usize,
        /// `recency` or `age`.
        field: &'static str,
        /// The value that was refused, in the model's time unit.
        value: f64,
    },
    /// `t_x > T`: the last purchase after the end of observation.
    RecencyAfterAge {
        /// 1-based position of the customer in the input.
        row: usize,
        /// `t_x`, in the model's time unit.
        recency: f64,
        /// `T`, in the model's time unit.
        age: f64,
    },
    /// `t_x > 0` with no repeat purchase.
    RecencyWithoutRepeat {
        /// 1-based position of the customer in the input.
        row: usize,
        /// `t_x`, in the model's time unit.
        recency: f64,
    },
    /// Monetary value not finite.
    MonetaryNotFinite {
        /// 1-based position of the customer in the input.
        row: usize,
        /// The monetary value that was refused.
        value: f64,
    },
    /// No customer at all.
    Empty,
}

impl fmt::Display for RfmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RfmError::TimeOutOfRange { row, field, value } => {
                write!(f, "row {row}: {field} must be a number >= 0: got {value}")
            }
            RfmError::RecencyAfterAge { row, recency, age } => write!(
                f,
                "row {row}: recency {recency} is after T {age} (last purchase after the end of observation)"
            ),
            RfmError::RecencyWithoutRepeat { row, recency } => write!(
                f,
                "row {row}: recency {recency} with frequency 0 (recency must be 0 without repeat purchases)"
            ),
            RfmError::MonetaryNotFinite { row, value } => {
                write!(f, "row {row}: monetary value must be a number: got {value}")
            }
            RfmError::Empty => write!(f, "no customer in the summary"),
        }
    }
}

impl std::error::Error for RfmError {}

impl Rfm {
    /// Checks one summary; `row` (1-based) locates it in error messages.
    pub fn validate(&self, row: usize) -> Result<(), RfmError> {
        for (field, value) in [("recency", self.recency), ("T", self.age)] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(RfmError::TimeOutOfRange { row, field, value });
            }
        }
        if self.recency > self.age {
            return Err(RfmError::RecencyAfterAge {
                row,
                recency: self.recency,
                age: self.age,
            });
        }
        if self.frequency == 0 && self.recency > 0.0 {
            return Err(RfmError::RecencyWithoutRepeat {
                row,
                recency: self.recency,
            });
        }
        if !self.monetary_value.is_finite() {
            return Err(RfmError::MonetaryNotFinite {
                row,
                value: self.monetary_value,
            });
        }
        Ok(())
    }
}

/// Validates every summary, stopping at the first bad one.
pub fn validate_all(rows: &[Rfm]) -> Result<(), RfmError> {
    if rows.is_empty() {
        return Err(RfmError::Empty);
    }
    rows.iter()
        .enumerate()
        .try_for_each(|(i, r)| r.validate(i + 1))
}

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

/// Largest order amount accepted (in absolute value): sums of a million of
/// them stay exact to the cent.
pub const MAX_AMOUNT: f64 = 1e12;

/// One row of a transaction log.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction<K> {
    /// Who ordered (any key: an id string, a number).
    pub customer: K,
    /// Date of the order.
    pub day: Day,
    /// Amount of the order, in currency. Negative amounts are returns.
    pub amount: f64,
}

/// What the summary did with rows that were not plain purchases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmReport {
    /// Time unit of the summaries' recency and age.
    pub unit: PeriodUnit,
    /// End of observation used (given, or the last transaction date).
    pub observation_end: Day,
    /// Rows of the log read.
    pub rows: usize,
    /// Rows dated after `observation_end`, left out.
    pub rows_after_end: usize,
    /// Rows with amount 0: kept as purchases (free orders still are visits).
    pub zero_amount_rows: usize,
    /// Rows with a negative amount (returns): not purchases, left out.
    pub negative_amount_rows: usize,
    /// Sum of the negative amounts left out.
    pub negative_amount_total: f64,
    /// 1-based row numbers of the first (at most 10) negative rows.
    pub first_negative_rows: Vec<usize>,
    /// Customers left with no purchase in the window (only returns, or only
    /// rows after the end).
    pub customers_without_purchase: usize,
}

/// Why a transaction log could not be summarised.
#[derive(Debug, Clone, PartialEq)]
pub enum TransactionError {
    /// Amount is NaN, infinite or beyond ±[`MAX_AMOUNT`] (`row` is 1-based).
    AmountNotFinite {
        /// 1-based row number in the log.
        row: usize,
        /// The amount that was refused.
        value: f64,
    },
    /// No transaction at all, or none on or before the observation end.
    NoTransactions,
}

impl fmt::Display for TransactionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransactionError::AmountNotFinite { row, value } => {
                write!(
                    f,
                    "row {row}: amount must be a number between -{MAX_AMOUNT:e} and {MAX_AMOUNT:e}: got {value}"
                )
            }
            TransactionError::NoTransactions => {
                write!(f, "no purchase on or before the observation end")
            }
        }
    }
}

impl std::error::Error for TransactionError {}

/// Per-customer summaries in order of first appearance in the log, and the
/// report of what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct RfmTable<K> {
    /// `(customer key, summary)`, one per customer with a purchase.
    pub customers: Vec<(K, Rfm)>,
    /// What was left out of the summaries, and why.
    pub report: RfmReport,
}

/// Summarises a transaction log into one [`Rfm`] per customer.
///
/// * `unit`: the model time unit (day, week, month…); all outputs are in it.
/// * `observation_end`: end of the calibration period (inclusive: rows in
///   its period count); defaults to the last transaction date.
///
/// Rows may come in any order. Amount 0 counts as a purchase; negative
/// amounts (returns) are not purchases and are left out, and both are
/// counted in the report. Month, quarter and year periods are calendar ones
/// and `T`/`recency` count whole periods between period starts (lifetimes
/// divides the day gap by an average month instead, giving fractions).
///
/// # Formula
/// With `P(·)` the period index: `frequency = #distinct purchase periods − 1`,
/// `recency = P(last) − P(first)`, `T = P(end) − P(first)`,
/// `monetary = mean over repeat periods of Σ amounts in the period`.
pub fn summarize<K: Eq + Hash + Clone>(
    rows: &[Transaction<K>],
    unit: PeriodUnit,
    observation_end: Option<Day>,
) -> Result<RfmTable<K>, TransactionError> {
    // Dense customer index in order of first appearance.
    // FxHash: ids are not attacker-chosen here, and SipHash would take a
    // third of the summary time on a million rows.
    let mut index: FxHashMap<&K, u32> = FxHashMap::default();
    let mut keys: Vec<&K> = Vec::new();
    let mut cust = Vec::with_capacity(rows.len());
    for r in rows {
        let next = keys.len() as u32;
        let id = *index.entry(&r.customer).or_insert_with(|| {
            keys.push(&r.customer);
            next
        });
        cust.push(id);
    }
    drop(index);
    let log = Dense {
        customers: keys.len(),
        customer: &cust,
        day: |i: usize| rows[i].day,
        amount: |i: usize| rows[i].amount,
    };
    let table = summarize_dense(&log, unit, observation_end)?;
    Ok(RfmTable {
        customers: table
            .customer
            .iter()
            .zip(table.rfm)
            .map(|(&c, r)| (keys[c as usize].clone(), r))
            .collect(),
        report: table.report,
    })
}

/// A transaction log whose customers are already numbered `0..customers`,
/// read row by row through `day` and `amount` (a parser's columns, without
/// a copy).
pub struct Dense<'a, D, A> {
    /// How many customers there are.
    pub customers: usize,
    /// Each row's customer number.
    pub customer: &'a [u32],
    /// Row number (0-based) → date of the row.
    pub day: D,
    /// Row number (0-based) → amount of the row.
    pub amount: A,
}

/// One [`Rfm`] per customer with a purchase, customers named by their
/// number: two vectors rather than pairs, so a large log's summary is built
/// without a second copy.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseRfm {
    /// Customer number of each summary (same index as `rfm`).
    pub customer: Vec<u32>,
    /// One summary per customer with a purchase.
    pub rfm: Vec<Rfm>,
    /// What was left out of the summaries, and why.
    pub report: RfmReport,
}

/// [`summarize`] on a [`Dense`] log.
///
/// Memory beyond the output: a row number per kept row and a position per
/// customer, so a million rows add about 5 MB.
pub fn summarize_dense<D: Fn(usize) -> Day, A: Fn(usize) -> f64>(
    log: &Dense<'_, D, A>,
    unit: PeriodUnit,
    observation_end: Option<Day>,
) -> Result<DenseRfm, TransactionError> {
    let n_rows = log.customer.len();
    if let Some(i) = (0..n_rows).position(|i| {
        let a = (log.amount)(i);
        a.is_nan() || a.abs() > MAX_AMOUNT
    }) {
        return Err(TransactionError::AmountNotFinite {
            row: i + 1,
            value: (log.amount)(i),
        });
    }
    let end = match observation_end {
        Some(d) => d,
        None => (0..n_rows)
            .map(&log.day)
            .max()
            .ok_or(TransactionError::NoTransactions)?,
    };
    let end_period = end.period(unit);
    let mut report = RfmReport {
        unit,
        observation_end: end,
        rows: n_rows,
        rows_after_end: 0,
        zero_amount_rows: 0,
        negative_amount_rows: 0,
        negative_amount_total: 0.0,
        first_negative_rows: Vec::new(),
        customers_without_purchase: 0,
    };
    // Returns (negative amounts) and rows after the end are not purchases.
    let kept = |i: usize| (log.day)(i) <= end && (log.amount)(i) >= 0.0;
    // Counting sort of the kept rows by customer: O(rows), then each
    // customer's few rows are sorted by day on their own.
    let n_cust = log.customers;
    let mut start = vec![0u32; n_cust + 1];
    for (i, &c) in log.customer.iter().enumerate() {
        let amount = (log.amount)(i);
        if (log.day)(i) > end {
            report.rows_after_end += 1;
        } else if amount < 0.0 {
            report.negative_amount_rows += 1;
            report.negative_amount_total += amount;
            if report.first_negative_rows.len() < 10 {
                report.first_negative_rows.push(i + 1);
            }
        } else {
            if amount == 0.0 {
                report.zero_amount_rows += 1;
            }
            start[c as usize + 1] += 1;
        }
    }
    for c in 0..n_cust {
        start[c + 1] += start[c];
    }
    let mut items: Vec<u32> = vec![0; start[n_cust] as usize];
    // Each customer's next free slot, in place: `start[c + 1]` after the
    // fill is the old `start[c + 1]`'s end, so shift back by one customer.
    for (i, &c) in log.customer.iter().enumerate() {
        if kept(i) {
            let c = c as usize;
            items[start[c] as usize] = i as u32;
            start[c] += 1;
        }
    }
    // `start[c]` now holds customer c's end; customer c starts where c−1 ends.
    let mut out = DenseRfm {
        customer: Vec::new(),
        rfm: Vec::new(),
        report,
    };
    let with_purchase = (0..n_cust)
        .filter(|&c| start[c] > if c == 0 { 0 } else { start[c - 1] })
        .count();
    out.customer.reserve_exact(with_purchase);
    out.rfm.reserve_exact(with_purchase);
    for c in 0..n_cust {
        let from = if c == 0 { 0 } else { start[c - 1] as usize };
        let list = &mut items[from..start[c] as usize];
        if list.is_empty() {
            out.report.customers_without_purchase += 1;
            continue;
        }
        // Periods follow days, so sorting by day sorts by period.
        list.sort_unstable_by_key(|&row| (log.day)(row as usize));
        let first = (log.day)(list[0] as usize).period(unit);
        let (mut periods, mut last, mut repeat_sum) = (1u32, first, 0.0);
        for &row in list.iter() {
            let p = (log.day)(row as usize).period(unit);
            if p != last {
                periods += 1;
                last = p;
            }
            if p != first {
                repeat_sum += (log.amount)(row as usize);
            }
        }
        let frequency = periods - 1;
        out.customer.push(c as u32);
        out.rfm.push(Rfm {
            frequency,
            recency: f64::from(last - first),
            age: f64::from(end_period - first),
            monetary_value: if frequency == 0 {
                0.0
            } else {
                repeat_sum / f64::from(frequency)
            },
        });
    }
    if out.rfm.is_empty() {
        return Err(TransactionError::NoTransactions);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `YYYY-MM-DD` → Day (test helper; the app reads dates with `parse`).
    fn d(s: &str) -> Day {
        let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        Day::from_ymd(p[0] as i32, p[1], p[2]).unwrap()
    }

    fn tx(c: &str, day: &str, amount: f64) -> Transaction<String> {
        Transaction {
            customer: c.to_string(),
            day: d(day),
            amount,
        }
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

    /// Reference: lifetimes' documented example logic worked by hand.
    /// Customer A buys on days 0, 0 (same day: one purchase of 30), 3 and 10
    /// (amount 20 and 40); observation ends on day 14: frequency 2,
    /// recency 10, T 14, monetary (20 + 40)/2 = 30. Customer B buys once.
    #[test]
    fn hand_computed_summary_daily() {
        let rows = vec![
            tx("A", "2020-01-11", 40.0),
            tx("B", "2020-01-05", 15.0),
            tx("A", "2020-01-01", 10.0),
            tx("A", "2020-01-04", 20.0),
            tx("A", "2020-01-01", 20.0),
        ];
        let t = summarize(&rows, PeriodUnit::Day, Some(d("2020-01-15"))).unwrap();
        assert_eq!(t.customers.len(), 2);
        let (ref ka, a) = t.customers[0];
        assert_eq!(ka, "A");
        assert_eq!(a.frequency, 2);
        assert_eq!((a.recency, a.age, a.monetary_value), (10.0, 14.0, 30.0));
        let (_, b) = t.customers[1];
        assert_eq!(
            (b.frequency, b.recency, b.age, b.monetary_value),
            (0, 0.0, 10.0, 0.0)
        );
    }

    /// Same log in weeks and months: purchases in one period merge.
    /// Weeks (Mon start): 2020-01-01 (Wed) and 01-04 (Sat) share a week,
    /// 01-11 (Sat) is the next week, end 01-15 (Wed) the week after.
    #[test]
    fn weekly_and_monthly_merge_periods() {
        let rows = vec![
            tx("A", "2020-01-01", 10.0),
            tx("A", "2020-01-04", 20.0),
            tx("A", "2020-01-11", 40.0),
            tx("A", "2020-03-02", 5.0),
        ];
        let w = summarize(&rows, PeriodUnit::Week, Some(d("2020-03-04"))).unwrap();
        let a = w.customers[0].1;
        // Weeks from 2019-12-30: 01-11 is +1, 03-02 is +9, end 03-04 is +9.
        assert_eq!((a.frequency, a.recency, a.age), (2, 9.0, 9.0));
        assert_eq!(a.monetary_value, 22.5);
        let m = summarize(&rows, PeriodUnit::Month, Some(d("2020-04-30"))).unwrap();
        let a = m.customers[0].1;
        assert_eq!(
            (a.frequency, a.recency, a.age, a.monetary_value),
            (1, 2.0, 3.0, 5.0)
        );
    }

    #[test]
    fn returns_zero_amounts_and_calibration_end_are_reported() {
        let rows = vec![
            tx("A", "2020-01-01", 10.0),
            tx("A", "2020-01-03", -10.0),
            tx("A", "2020-01-05", 0.0),
            tx("B", "2020-01-02", -3.0),
            tx("C", "2020-02-01", 7.0),
        ];
        let t = summarize(&rows, PeriodUnit::Day, Some(d("2020-01-10"))).unwrap();
        let r = &t.report;
        assert_eq!((r.rows, r.rows_after_end, r.zero_amount_rows), (5, 1, 1));
        assert_eq!(
            (r.negative_amount_rows, r.negative_amount_total),
            (2, -13.0)
        );
        assert_eq!(r.first_negative_rows, vec![2, 4]);
        assert_eq!(r.customers_without_purchase, 2);
        assert_eq!(t.customers.len(), 1);
        let a = t.customers[0].1;
        assert_eq!(
            (a.frequency, a.recency, a.age, a.monetary_value),
            (1, 4.0, 9.0, 0.0)
        );
        // Default end: the last date in the log.
        let t = summarize(&rows, PeriodUnit::Day, None).unwrap();
        assert_eq!(t.report.observation_end, d("2020-02-01"));
        assert_eq!(t.customers.len(), 2);
    }

    /// Ids whose hashes all collide are still told apart: same summary as
    /// with distinct hashes.
    #[test]
    fn hash_collisions_are_separated() {
        #[derive(Debug, Clone, PartialEq, Eq)]
        struct Colliding(u8);
        impl Hash for Colliding {
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                0u8.hash(h);
            }
        }
        let plain = vec![
            tx("A", "2020-01-01", 10.0),
            tx("B", "2020-01-02", 5.0),
            tx("A", "2020-01-05", 20.0),
            tx("C", "2020-01-03", -1.0),
            tx("B", "2020-01-09", 7.0),
            tx("B", "2020-01-10", 9.0),
        ];
        let coll: Vec<Transaction<Colliding>> = plain
            .iter()
            .map(|t| Transaction {
                customer: Colliding(t.customer.as_bytes()[0]),
                day: t.day,
                amount: t.amount,
            })
            .collect();
        let a = summarize(&plain, PeriodUnit::Day, None).unwrap();
        let b = summarize(&coll, PeriodUnit::Day, None).unwrap();
        assert_eq!(a.report, b.report);
        assert_eq!(a.customers.len(), 2);
        for ((ka, ra), (kb, rb)) in a.customers.iter().zip(&b.customers) {
            assert_eq!(ka.as_bytes()[0], kb.0);
            assert_eq!(ra, rb);
        }
        assert_eq!(a.customers[1].1.frequency, 2);
        assert_eq!(a.report.customers_without_purchase, 1);
    }

    #[test]
    fn errors() {
        let rows = vec![tx("A", "2020-01-01", f64::NAN)];
        assert_eq!(
            summarize(&rows, PeriodUnit::Day, None)
                .unwrap_err()
                .to_string(),
            "row 1: amount must be a number between -1e12 and 1e12: got NaN"
        );
        let none: Vec<Transaction<String>> = vec![];
        assert_eq!(
            summarize(&none, PeriodUnit::Day, None),
            Err(TransactionError::NoTransactions)
        );
        let late = vec![tx("A", "2021-01-01", 1.0)];
        assert_eq!(
            summarize(&late, PeriodUnit::Day, Some(d("2020-01-01"))),
            Err(TransactionError::NoTransactions)
        );
    }

    #[test]
    fn rfm_validation_messages() {
        let bad = Rfm {
            frequency: 0,
            recency: 3.0,
            age: 5.0,
            monetary_value: 0.0,
        };
        assert_eq!(
            bad.validate(4).unwrap_err().to_string(),
            "row 4: recency 3 with frequency 0 (recency must be 0 without repeat purchases)"
        );
        let bad = Rfm {
            frequency: 1,
            recency: 1.0,
            age: 0.5,
            monetary_value: 1.0,
        };
        assert!(bad.validate(1).is_err());
        let bad = Rfm {
            frequency: 1,
            recency: -1.0,
            age: 2.0,
            monetary_value: 1.0,
        };
        assert!(bad.validate(1).is_err());
        assert_eq!(validate_all(&[]), Err(RfmError::Empty));
    }
}
