//! Calibration/holdout validation of a repeat-purchase model: fit on the
//! purchases up to a calibration end, forecast the holdout period after
//! it, and compare with what the customers did (Fader, Hardie & Lee 2005,
//! section 4: totals, conditional expectations by calibration frequency,
//! and the cumulative tracking curve).
//!
//! The cohort is the customers with a purchase on or before the
//! calibration end; customers first seen in the holdout are counted, not
//! forecast. Purchases are counted as in [`crate::rfm`]: one per distinct
//! tick (day or period) of the [`TimeConvention`], and a holdout purchase
//! is a tick of the holdout that is not one of the calibration's.

use super::purchase::RepeatPurchaseModel;
use super::rfm::{summarize, Day, Rfm, TimeConvention, Transaction, TransactionError};
use cxi_types::period::PeriodUnit;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::fmt;
use std::hash::Hash;

/// Calibration frequencies kept apart in [`HoldoutReport::by_frequency`];
/// higher ones are grouped into the last ("7+", as FHL Figure 3).
pub const FREQUENCY_GROUPS: u32 = 7;

/// Why a log could not be split into calibration and holdout.
#[derive(Debug, Clone, PartialEq)]
pub enum HoldoutError {
    /// The calibration end is before the first purchase or after the last.
    CalibrationEndOutOfRange {
        /// The calibration end asked for.
        end: Day,
        /// First purchase date of the log.
        first: Day,
        /// Last purchase date of the log.
        last: Day,
    },
    /// The cohort made no purchase in the holdout period: nothing to compare.
    NoHoldoutPurchases {
        /// End of the calibration period.
        end: Day,
        /// End of the holdout period.
        holdout_end: Day,
    },
    /// The log itself was refused.
    Log(TransactionError),
}

impl fmt::Display for HoldoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HoldoutError::CalibrationEndOutOfRange { end, first, last } => write!(
                f,
                "calibration end {end} is outside the log's purchases ({first} to {last})"
            ),
            HoldoutError::NoHoldoutPurchases { end, holdout_end } => write!(
                f,
                "no repeat purchase by the calibration customers between {end} and {holdout_end}: nothing to validate"
            ),
            HoldoutError::Log(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for HoldoutError {}

/// A log split at the calibration end, times in model units.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldoutData<K> {
    /// Customer keys of the cohort, in order of first appearance.
    pub customers: Vec<K>,
    /// Each customer's calibration summary.
    pub calibration: Vec<Rfm>,
    /// Each customer's purchases in the holdout period.
    pub actual: Vec<u32>,
    /// Each customer's first purchase, in units since the cohort's first.
    pub birth: Vec<f64>,
    /// Every repeat purchase of the cohort (calibration and holdout), in
    /// units since the cohort's first purchase, in increasing order.
    pub repeat_times: Vec<f64>,
    /// Units from the cohort's first purchase to the calibration end.
    pub calibration_length: f64,
    /// Units from the calibration end to the holdout end (`t*`).
    pub holdout_length: f64,
    /// Customers whose first purchase is in the holdout (not forecast).
    pub new_in_holdout: usize,
}

/// Splits a log at `calibration_end` (inclusive); the holdout runs to
/// `holdout_end` (default: the last purchase date).
pub fn split<K: Eq + Hash + Clone>(
    rows: &[Transaction<K>],
    unit: PeriodUnit,
    convention: TimeConvention,
    calibration_end: Day,
    holdout_end: Option<Day>,
) -> Result<HoldoutData<K>, HoldoutError> {
    let purchases = || rows.iter().filter(|r| r.amount >= 0.0).map(|r| r.day);
    let (Some(first), Some(last)) = (purchases().min(), purchases().max()) else {
        return Err(HoldoutError::Log(TransactionError::NoTransactions));
    };
    let holdout_end = holdout_end.unwrap_or(last);
    if calibration_end < first || calibration_end > last {
        return Err(HoldoutError::CalibrationEndOutOfRange {
            end: calibration_end,
            first,
            last,
        });
    }
    let none_after = HoldoutError::NoHoldoutPurchases {
        end: calibration_end,
        holdout_end,
    };
    if holdout_end <= calibration_end {
        return Err(none_after);
    }
    let table =
        summarize(rows, unit, convention, Some(calibration_end)).map_err(HoldoutError::Log)?;
    let index: FxHashMap<&K, usize> = table
        .customers
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k, i))
        .collect();
    let tick = |d: Day| convention.tick(d, unit);
    // Each cohort customer's ticks: calibration ones, then holdout ones.
    let n = table.customers.len();
    let mut cal: Vec<Vec<i32>> = vec![Vec::new(); n];
    let mut hold: Vec<Vec<i32>> = vec![Vec::new(); n];
    let mut new_customers: FxHashMap<&K, ()> = FxHashMap::default();
    for r in rows
        .iter()
        .filter(|r| r.amount >= 0.0 && r.day <= holdout_end)
    {
        match index.get(&r.customer) {
            Some(&i) if r.day <= calibration_end => cal[i].push(tick(r.day)),
            Some(&i) => hold[i].push(tick(r.day)),
            None => {
                new_customers.insert(&r.customer, ());
            }
        }
    }
    let scale = convention.ticks_per_unit(unit);
    // The cohort's first purchase is the log's: it is on or before the end.
    let origin = tick(first);
    let units = |t: i32| f64::from(t - origin) / scale;
    let mut actual = Vec::with_capacity(n);
    let mut birth = Vec::with_capacity(n);
    let mut repeat_times = Vec::new();
    for i in 0..n {
        cal[i].sort_unstable();
        cal[i].dedup();
        hold[i].sort_unstable();
        hold[i].dedup();
        let c = &cal[i];
        hold[i].retain(|t| c.binary_search(t).is_err());
        actual.push(hold[i].len() as u32);
        birth.push(units(c[0]));
        repeat_times.extend(c[1..].iter().chain(&hold[i]).map(|&t| units(t)));
    }
    repeat_times.sort_unstable_by(f64::total_cmp);
    if actual.iter().all(|&a| a == 0) {
        return Err(none_after);
    }
    let (customers, calibration) = table.customers.into_iter().unzip();
    Ok(HoldoutData {
        customers,
        calibration,
        actual,
        birth,
        repeat_times,
        calibration_length: units(tick(calibration_end)),
        holdout_length: f64::from(tick(holdout_end) - tick(calibration_end)) / scale,
        new_in_holdout: new_customers.len(),
    })
}

/// Holdout purchases of the customers of one calibration frequency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyGroup {
    /// Calibration frequency (repeat purchases); with `or_more`, the lowest.
    pub frequency: u32,
    /// Whether the group holds every frequency from `frequency` up.
    pub or_more: bool,
    /// Customers in the group.
    pub customers: usize,
    /// Their mean purchases in the holdout.
    pub actual_mean: f64,
    /// Their mean forecast `E[Y(t*) | x, t_x, T]`.
    pub predicted_mean: f64,
}

/// Cumulative repeat purchases of the cohort up to time `t`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackingPoint {
    /// Units since the cohort's first purchase.
    pub t: f64,
    /// Repeat purchases made by then.
    pub actual: f64,
    /// `Σᵢ E[X(t − sᵢ)]` over the customers born at `sᵢ < t`.
    pub predicted: f64,
}

/// A model's forecast of the holdout against what happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoldoutReport {
    /// Purchases of the cohort in the holdout.
    pub actual_total: f64,
    /// `Σᵢ E[Y(t*) | xᵢ, t_xᵢ, Tᵢ]`.
    pub predicted_total: f64,
    /// By calibration frequency 0, 1, …, 6 and 7+ (empty groups left out).
    pub by_frequency: Vec<FrequencyGroup>,
    /// Cumulative actual and predicted repeat purchases at each whole unit
    /// of calibration and holdout, and at the holdout end.
    pub tracking: Vec<TrackingPoint>,
    /// Mean over customers of `|predicted − actual|` in the holdout.
    pub mae: f64,
    /// Mean over customers of `predicted − actual` (> 0: over-forecast).
    pub bias: f64,
}

/// Forecasts the holdout of `data` with `model` and compares.
///
/// # Formula
/// Per customer `ŷᵢ = E[Y(t*) | xᵢ, t_xᵢ, Tᵢ]` (the model's conditional
/// expectation); tracking at `t`: `Σᵢ E[X(t − sᵢ)]` for `sᵢ < t`, one
/// evaluation per distinct birth time (FHL 2005 Figure 2).
pub fn evaluate<K, M: RepeatPurchaseModel>(
    model: &M,
    data: &HoldoutData<K>,
) -> Result<HoldoutReport, M::Error> {
    let n = data.calibration.len();
    let mut predicted = Vec::with_capacity(n);
    for r in &data.calibration {
        predicted.push(model.conditional_expected_purchases(
            data.holdout_length,
            r.frequency,
            r.recency,
            r.age,
        )?);
    }
    let actual: Vec<f64> = data.actual.iter().map(|&a| f64::from(a)).collect();
    let nf = n as f64;
    let mae = actual
        .iter()
        .zip(&predicted)
        .map(|(a, p)| (p - a).abs())
        .sum::<f64>()
        / nf;
    let bias = actual
        .iter()
        .zip(&predicted)
        .map(|(a, p)| p - a)
        .sum::<f64>()
        / nf;
    let mut groups = vec![(0usize, 0.0, 0.0); FREQUENCY_GROUPS as usize + 1];
    for (i, r) in data.calibration.iter().enumerate() {
        let g = &mut groups[r.frequency.min(FREQUENCY_GROUPS) as usize];
        g.0 += 1;
        g.1 += actual[i];
        g.2 += predicted[i];
    }
    let by_frequency = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.0 > 0)
        .map(|(x, &(c, a, p))| FrequencyGroup {
            frequency: x as u32,
            or_more: x as u32 == FREQUENCY_GROUPS,
            customers: c,
            actual_mean: a / c as f64,
            predicted_mean: p / c as f64,
        })
        .collect();
    // Customers per distinct birth time, in increasing order.
    let mut births: Vec<(f64, f64)> = Vec::new();
    let mut sorted = data.birth.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    for s in sorted {
        match births.last_mut() {
            Some((t, c)) if *t == s => *c += 1.0,
            _ => births.push((s, 1.0)),
        }
    }
    let end = data.calibration_length + data.holdout_length;
    let mut times: Vec<f64> = (1..).map(f64::from).take_while(|&t| t < end).collect();
    times.push(end);
    let mut tracking = Vec::with_capacity(times.len());
    for t in times {
        let mut p = 0.0;
        for &(s, c) in births.iter().take_while(|(s, _)| *s < t) {
            p += c * model.expected_purchases(t - s)?;
        }
        let a = data.repeat_times.partition_point(|&r| r <= t) as f64;
        tracking.push(TrackingPoint {
            t,
            actual: a,
            predicted: p,
        });
    }
    Ok(HoldoutReport {
        actual_total: actual.iter().sum(),
        predicted_total: predicted.iter().sum(),
        by_frequency,
        tracking,
        mae,
        bias,
    })
}

#[cfg(test)]
mod tests;
