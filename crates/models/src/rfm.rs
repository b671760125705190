//! Recency–frequency–monetary summaries: the input of the BG/NBD and
//! Gamma-Gamma models, and the step from a transaction log to them.
//!
//! Two time conventions ([`TimeConvention`]):
//! * [`TimeConvention::Days`], the default, is the published one (Fader,
//!   Hardie & Lee 2005, the CDNOW summary): `frequency` counts the distinct
//!   purchase days after the first; `recency` and `T` are the days from the
//!   first purchase to the last one and to the observation end, divided by
//!   the length of the unit ([`unit_days`]: a week is 7 days), so they are
//!   fractions of the unit (38.86 weeks).
//! * [`TimeConvention::WholePeriods`] follows lifetimes'
//!   `summary_data_from_transaction_data` with `freq='W'`/`'M'`
//!   (Davidson-Pilon et al., v0.11): dates are mapped to periods of the unit;
//!   several orders in one period are one purchase; `recency` and `T` count
//!   whole periods between period starts.
//!
//! In both, the orders of one purchase (day or period) are one purchase
//! whose amount is their sum; the first purchase is not a repeat purchase;
//! `monetary_value` is the mean amount of the repeat purchases (0 without
//! any).

use cxi_types::period::PeriodUnit;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::Hash;

pub use super::calendar::Day;

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

/// How purchase dates become `(frequency, recency, T)`: see the module
/// documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeConvention {
    /// Distinct purchase days; times in days ÷ [`unit_days`] (Fader, Hardie
    /// & Lee 2005).
    #[default]
    Days,
    /// Distinct purchase periods of the unit; times in whole periods
    /// (lifetimes with `freq` set to the unit).
    WholePeriods,
}

impl TimeConvention {
    /// The convention named `days` or `periods` (the CLI's names).
    pub fn from_id(id: &str) -> Option<TimeConvention> {
        match id {
            "days" => Some(TimeConvention::Days),
            "periods" => Some(TimeConvention::WholePeriods),
            _ => None,
        }
    }

    /// The purchase clock: purchases at the same tick are one purchase
    /// (the day number for days, the period index for whole periods).
    pub fn tick(self, day: Day, unit: PeriodUnit) -> i32 {
        match self {
            TimeConvention::Days => day.0,
            TimeConvention::WholePeriods => day.period(unit),
        }
    }

    /// Ticks in one `unit`: [`unit_days`] for days, 1 for whole periods.
    pub fn ticks_per_unit(self, unit: PeriodUnit) -> f64 {
        match self {
            TimeConvention::Days => unit_days(unit),
            TimeConvention::WholePeriods => 1.0,
        }
    }
}

/// Days in one `unit`, the divisor of [`TimeConvention::Days`].
///
/// # Formula
/// Day 1, week 7; month, quarter and year are the mean Julian ones,
/// `365.25/12 = 30.4375`, `365.25/4` and `365.25` days, so twelve months
/// make a year and a four-year span (one leap day) is 48 months exactly.
/// (The Gregorian mean, 365.2425, differs by 2·10⁻⁴ of a unit: below the
/// two decimals summaries are printed to.)
pub fn unit_days(unit: PeriodUnit) -> f64 {
    match unit {
        PeriodUnit::Day => 1.0,
        PeriodUnit::Week => 7.0,
        PeriodUnit::Month => 365.25 / 12.0,
        PeriodUnit::Quarter => 365.25 / 4.0,
        PeriodUnit::Year => 365.25,
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
    /// How dates became frequency, recency and age.
    #[serde(default)]
    pub convention: TimeConvention,
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
/// * `convention`: distinct days and fractional units (the published
///   convention), or whole periods (lifetimes').
/// * `observation_end`: end of the calibration period (inclusive: rows on
///   that day count, and with whole periods rows in its period); defaults to
///   the last transaction date.
///
/// Rows may come in any order. Amount 0 counts as a purchase; negative
/// amounts (returns) are not purchases and are left out, and both are
/// counted in the report. With whole periods, month, quarter and year
/// periods are calendar ones and `T`/`recency` count whole periods between
/// period starts.
///
/// # Formula
/// With `P(·)` the purchase clock (the day number for
/// [`TimeConvention::Days`], the period index for whole periods) and `L` its
/// length in units (`1/`[`unit_days`] for days, 1 for whole periods):
/// `frequency = #distinct P of purchases − 1`,
/// `recency = (P(last) − P(first))·L`, `T = (P(end) − P(first))·L`,
/// `monetary = mean over repeat P of Σ amounts at that P`.
pub fn summarize<K: Eq + Hash + Clone>(
    rows: &[Transaction<K>],
    unit: PeriodUnit,
    convention: TimeConvention,
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
    let table = summarize_dense(&log, unit, convention, observation_end)?;
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
    convention: TimeConvention,
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
    // The purchase clock and the length of one of its ticks in units.
    let tick = |d: Day| convention.tick(d, unit);
    let scale = convention.ticks_per_unit(unit);
    let end_tick = tick(end);
    let mut report = RfmReport {
        unit,
        convention,
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
        // Ticks follow days, so sorting by day sorts by tick.
        list.sort_unstable_by_key(|&row| (log.day)(row as usize));
        let first = tick((log.day)(list[0] as usize));
        let (mut periods, mut last, mut repeat_sum) = (1u32, first, 0.0);
        for &row in list.iter() {
            let p = tick((log.day)(row as usize));
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
            recency: f64::from(last - first) / scale,
            age: f64::from(end_tick - first) / scale,
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
        let t = summarize(
            &rows,
            PeriodUnit::Day,
            TimeConvention::Days,
            Some(d("2020-01-15")),
        )
        .unwrap();
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

    /// Reference: worked by hand in both conventions, weeks (Monday start),
    /// end Wed 2020-01-29. A buys twice on Wed 01-01 (10 + 20: one day),
    /// on Sat 01-04 (15: same week, another day) and on Wed 01-15 (40).
    /// Days: 3 distinct days → x = 2, t_x = 14/7 = 2, T = 28/7 = 4, z̄ =
    /// (15 + 40)/2. Whole weeks: 01-01 and 01-04 share week 0, 01-15 is
    /// week 2, the end week 4 → x = 1, t_x = 2, T = 4, z̄ = 40. B buys on
    /// Sun 01-05 (5) and Mon 01-06 (8), one day apart but in two weeks:
    /// days → x = 1, t_x = 1/7, T = 24/7; weeks → x = 1, t_x = 1, T = 4.
    /// C buys once, on the end day: 0, 0, 0 in both.
    #[test]
    fn days_and_whole_periods_by_hand() {
        let rows = vec![
            tx("A", "2020-01-01", 10.0),
            tx("A", "2020-01-15", 40.0),
            tx("B", "2020-01-06", 8.0),
            tx("A", "2020-01-04", 15.0),
            tx("A", "2020-01-01", 20.0),
            tx("B", "2020-01-05", 5.0),
            tx("C", "2020-01-29", 3.0),
        ];
        let end = Some(d("2020-01-29"));
        let get = |c: TimeConvention| {
            let t = summarize(&rows, PeriodUnit::Week, c, end).unwrap();
            assert_eq!(t.report.convention, c);
            t.customers
                .into_iter()
                .map(|(k, r)| (k, (r.frequency, r.recency, r.age, r.monetary_value)))
                .collect::<Vec<_>>()
        };
        let s = |k: &str| k.to_string();
        assert_eq!(
            get(TimeConvention::Days),
            vec![
                (s("A"), (2, 2.0, 4.0, 27.5)),
                (s("B"), (1, 1.0 / 7.0, 24.0 / 7.0, 8.0)),
                (s("C"), (0, 0.0, 0.0, 0.0)),
            ]
        );
        assert_eq!(
            get(TimeConvention::WholePeriods),
            vec![
                (s("A"), (1, 2.0, 4.0, 40.0)),
                (s("B"), (1, 1.0, 4.0, 8.0)),
                (s("C"), (0, 0.0, 0.0, 0.0)),
            ]
        );
        // Months of 365.25/12 days: 2020-01-01 → 03-01 is 60 days.
        let m = summarize(
            &rows[..2],
            PeriodUnit::Month,
            TimeConvention::Days,
            Some(d("2020-03-01")),
        )
        .unwrap();
        let a = m.customers[0].1;
        assert_eq!((a.frequency, a.recency), (1, 14.0 / 30.4375));
        assert_eq!(a.age, 60.0 / 30.4375);
        assert_eq!(
            TimeConvention::from_id("periods"),
            Some(TimeConvention::WholePeriods)
        );
        assert_eq!(TimeConvention::from_id("weeks"), None);
    }

    /// Same log in whole weeks and months: purchases in one period merge.
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
        let w = summarize(
            &rows,
            PeriodUnit::Week,
            TimeConvention::WholePeriods,
            Some(d("2020-03-04")),
        )
        .unwrap();
        let a = w.customers[0].1;
        // Weeks from 2019-12-30: 01-11 is +1, 03-02 is +9, end 03-04 is +9.
        assert_eq!((a.frequency, a.recency, a.age), (2, 9.0, 9.0));
        assert_eq!(a.monetary_value, 22.5);
        let m = summarize(
            &rows,
            PeriodUnit::Month,
            TimeConvention::WholePeriods,
            Some(d("2020-04-30")),
        )
        .unwrap();
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
        let t = summarize(
            &rows,
            PeriodUnit::Day,
            TimeConvention::Days,
            Some(d("2020-01-10")),
        )
        .unwrap();
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
        let t = summarize(&rows, PeriodUnit::Day, TimeConvention::Days, None).unwrap();
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
        let a = summarize(&plain, PeriodUnit::Day, TimeConvention::Days, None).unwrap();
        let b = summarize(&coll, PeriodUnit::Day, TimeConvention::Days, None).unwrap();
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
            summarize(&rows, PeriodUnit::Day, TimeConvention::Days, None)
                .unwrap_err()
                .to_string(),
            "row 1: amount must be a number between -1e12 and 1e12: got NaN"
        );
        let none: Vec<Transaction<String>> = vec![];
        assert_eq!(
            summarize(&none, PeriodUnit::Day, TimeConvention::Days, None),
            Err(TransactionError::NoTransactions)
        );
        let late = vec![tx("A", "2021-01-01", 1.0)];
        assert_eq!(
            summarize(
                &late,
                PeriodUnit::Day,
                TimeConvention::Days,
                Some(d("2020-01-01"))
            ),
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
