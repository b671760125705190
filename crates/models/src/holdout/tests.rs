//! Hand-computed holdout splits and reports, with a toy model whose
//! forecasts are simple enough to check on paper.

use super::*;
use cxi_testkit::assert_close;

/// Toy model: 0.25 purchases a day for a new customer; a customer with
/// `x` repeat purchases makes `0.25 (1 + x)` a day.
struct Toy;

impl RepeatPurchaseModel for Toy {
    type Error = fmt::Error;
    fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: u32,
        _recency: f64,
        _age: f64,
    ) -> Result<f64, fmt::Error> {
        Ok(0.25 * t * (1.0 + f64::from(frequency)))
    }
    fn expected_purchases(&self, t: f64) -> Result<f64, fmt::Error> {
        Ok(0.25 * t)
    }
}

fn tx(c: &str, day: u32, amount: f64) -> Transaction<String> {
    Transaction {
        customer: c.to_string(),
        day: Day::from_ymd(2020, 1, day).unwrap(),
        amount,
    }
}

/// Days since 2020-01-01 in brackets. A buys on [0], [2] twice, then in
/// the holdout on [11] twice and [13]; B on [1] and [10]; C on [4] only;
/// D first on [12] (new in the holdout); a return of A on [12] is not a
/// purchase. Calibration ends on [9] (2020-01-10), the holdout on the last
/// date [13]. In days: A x = 1, t_x = 2, T = 9, 2 holdout purchases; B
/// x = 0, T = 8, 1; C x = 0, T = 5, 0. Repeat purchases at 2, 10, 11, 13.
fn log() -> Vec<Transaction<String>> {
    vec![
        tx("A", 1, 10.0),
        tx("B", 2, 5.0),
        tx("A", 3, 4.0),
        tx("A", 3, 6.0),
        tx("C", 5, 8.0),
        tx("B", 11, 5.0),
        tx("A", 12, 1.0),
        tx("A", 12, 2.0),
        tx("D", 13, 9.0),
        tx("A", 13, -3.0),
        tx("A", 14, 7.0),
    ]
}

fn data() -> HoldoutData<String> {
    let end = Day::from_ymd(2020, 1, 10).unwrap();
    split(&log(), PeriodUnit::Day, TimeConvention::Days, end, None).unwrap()
}

#[test]
fn split_by_hand() {
    let d = data();
    assert_eq!(d.customers, ["A", "B", "C"]);
    let hist: Vec<(u32, f64, f64)> = d
        .calibration
        .iter()
        .map(|r| (r.frequency, r.recency, r.age))
        .collect();
    assert_eq!(hist, [(1, 2.0, 9.0), (0, 0.0, 8.0), (0, 0.0, 5.0)]);
    assert_eq!(d.actual, [2, 1, 0]);
    assert_eq!(d.birth, [0.0, 1.0, 4.0]);
    assert_eq!(d.repeat_times, [2.0, 10.0, 11.0, 13.0]);
    assert_eq!((d.calibration_length, d.holdout_length), (9.0, 4.0));
    assert_eq!(d.new_in_holdout, 1);
}

/// The toy model over t* = 4 days forecasts A 0.25·4·2 = 2, B and C 1
/// each: totals 4 vs 3 actual; MAE (0 + 0 + 1)/3, bias (0 + 0 + 1)/3.
/// Tracking at t = 2: one repeat purchase (A's at 2), forecast
/// 0.25·(2 + 1) = 0.75 (A born at 0, B at 1); at the end t = 13: 4
/// purchases, 0.25·(13 + 12 + 9) = 8.5.
#[test]
fn report_by_hand() {
    let r = evaluate(&Toy, &data()).unwrap();
    assert_eq!((r.actual_total, r.predicted_total), (3.0, 4.0));
    assert_close!(r.mae, 1.0 / 3.0, 1e-15);
    assert_close!(r.bias, 1.0 / 3.0, 1e-15);
    assert_eq!(
        r.by_frequency,
        [
            FrequencyGroup {
                frequency: 0,
                or_more: false,
                customers: 2,
                actual_mean: 0.5,
                predicted_mean: 1.0,
            },
            FrequencyGroup {
                frequency: 1,
                or_more: false,
                customers: 1,
                actual_mean: 2.0,
                predicted_mean: 2.0,
            },
        ]
    );
    let times: Vec<f64> = r.tracking.iter().map(|p| p.t).collect();
    assert_eq!(times, (1..=13).map(f64::from).collect::<Vec<_>>());
    let at = |t: usize| (r.tracking[t - 1].actual, r.tracking[t - 1].predicted);
    assert_eq!(at(1), (0.0, 0.25));
    assert_eq!(at(2), (1.0, 0.75));
    assert_eq!(at(13), (4.0, 8.5));
}

/// In weeks the holdout is 4/7 of a week and the last tracking point is
/// the holdout end, 13/7 weeks after the first purchase.
#[test]
fn weeks_in_days_end_on_a_fraction() {
    let end = Day::from_ymd(2020, 1, 10).unwrap();
    let d = split(&log(), PeriodUnit::Week, TimeConvention::Days, end, None).unwrap();
    assert_eq!(d.holdout_length, 4.0 / 7.0);
    assert_eq!(d.actual, [2, 1, 0]);
    let r = evaluate(&Toy, &d).unwrap();
    let times: Vec<f64> = r.tracking.iter().map(|p| p.t).collect();
    assert_eq!(times, [1.0, 13.0 / 7.0]);
    // Frequencies of 7 and more share the last group.
    let many: Vec<Transaction<String>> = (1..=9)
        .map(|k| tx("M", k, 1.0))
        .chain([tx("M", 20, 1.0)])
        .collect();
    let d = split(
        &many,
        PeriodUnit::Day,
        TimeConvention::Days,
        Day::from_ymd(2020, 1, 9).unwrap(),
        None,
    )
    .unwrap();
    let r = evaluate(&Toy, &d).unwrap();
    assert_eq!(r.by_frequency.len(), 1);
    assert_eq!(
        (r.by_frequency[0].frequency, r.by_frequency[0].or_more),
        (7, true)
    );
}

#[test]
fn bad_splits_are_refused() {
    let day = |y: i32, d: u32| Day::from_ymd(y, 1, d).unwrap();
    let go = |rows: &[Transaction<String>], end: Day| {
        split(rows, PeriodUnit::Day, TimeConvention::Days, end, None)
    };
    assert_eq!(
        go(&log(), day(2019, 1)).unwrap_err().to_string(),
        "calibration end 2019-01-01 is outside the log's purchases (2020-01-01 to 2020-01-14)"
    );
    assert!(matches!(
        go(&log(), day(2020, 15)),
        Err(HoldoutError::CalibrationEndOutOfRange { .. })
    ));
    // Ending on the last date leaves no holdout; so does a holdout where
    // only new customers buy.
    assert!(matches!(
        go(&log(), day(2020, 14)),
        Err(HoldoutError::NoHoldoutPurchases { .. })
    ));
    let only_new = [tx("A", 1, 1.0), tx("B", 5, 1.0)];
    assert_eq!(
        go(&only_new, day(2020, 2)).unwrap_err().to_string(),
        "no repeat purchase by the calibration customers between 2020-01-02 and 2020-01-05: nothing to validate"
    );
}
