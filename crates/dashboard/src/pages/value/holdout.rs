//! The calibration/holdout check of a transaction log, kept small for the
//! value evidence: BG/NBD fitted on the purchases up to a calibration end
//! (by default two thirds into the log's time span, the last third held
//! out), its forecast of the holdout against what happened
//! ([`cxi_models::holdout`]), and the calibration frequencies against the
//! model's `P(X(T) = x)`. Computed in the data worker, where the rows are:
//! a report is a few KB whatever the log's size.

use super::fit_basis::{unit_for_span, FitFailure};
use chrono::NaiveDate;
use cxi_models::bgnbd;
use cxi_models::bgnbd::BgNbdParams;
use cxi_models::calendar::Day;
use cxi_models::holdout::{evaluate, split, HoldoutError, HoldoutReport, FREQUENCY_GROUPS};
use cxi_models::rfm::{Rfm, TimeConvention, Transaction};
use cxi_parse::Transactions;
use cxi_types::period::PeriodUnit;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Most points kept of the cumulative tracking curve.
pub const MAX_TRACKING_POINTS: usize = 120;
/// Shortest log (first to last purchase, days) that is split: a holdout
/// shorter than a third of four weeks says nothing.
pub const MIN_SPAN_DAYS: i64 = 28;
/// The default split: this share of the log's span is calibration.
pub const CALIBRATION_SHARE: f64 = 2.0 / 3.0;

/// Why no holdout check was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldoutRefusal {
    /// The log spans fewer than [`MIN_SPAN_DAYS`] days.
    TooShort { days: i64 },
    /// The calibration end is before the first purchase or on or after the
    /// last (nothing would be held out).
    OutOfRange {
        end: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
    },
    /// The calibration customers made no purchase in the holdout.
    NoHoldoutPurchases { end: NaiveDate, last: NaiveDate },
    /// BG/NBD could not be fitted to the calibration purchases.
    NotFitted(FitFailure),
}

/// One calibration frequency: customers with it against the model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FrequencyCount {
    /// Repeat purchases in calibration (with `or_more`, the lowest).
    pub frequency: u32,
    pub or_more: bool,
    /// Customers with that frequency.
    pub actual: f64,
    /// `Σᵢ P(X(Tᵢ) = x)` over the calibration customers.
    pub model: f64,
}

/// Holdout purchases per customer of one calibration frequency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FrequencyForecast {
    pub frequency: u32,
    pub or_more: bool,
    pub customers: usize,
    pub actual_mean: f64,
    pub predicted_mean: f64,
}

/// A holdout check done: the report, small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutFigures {
    /// Last calibration day (inclusive).
    pub calibration_end: NaiveDate,
    /// Whether it is the default split (the last third held out).
    pub default_end: bool,
    /// Last purchase of the log: the holdout's end.
    pub holdout_end: NaiveDate,
    /// Model time unit of the times below.
    pub unit: PeriodUnit,
    pub convention: TimeConvention,
    /// Calibration length (from the first purchase), model units.
    pub calibration_length: f64,
    /// Holdout length `t*`, model units.
    pub holdout_length: f64,
    /// Customers of the cohort (a purchase by the calibration end).
    pub customers: usize,
    /// Customers first seen in the holdout (not forecast).
    pub new_in_holdout: usize,
    /// The model, fitted on the calibration purchases.
    pub params: BgNbdParams,
    /// Calibration frequencies 0…6 and 7+ against the model.
    pub calibration: Vec<FrequencyCount>,
    /// Holdout purchases by calibration frequency (empty groups left out).
    pub by_frequency: Vec<FrequencyForecast>,
    /// Cumulative repeat purchases `(t, actual, predicted)`, at most
    /// [`MAX_TRACKING_POINTS`], `t` in model units since the first purchase
    /// (to 0.001, predicted to 0.01; group means to 0.0001, the model's
    /// customer counts to 0.01; totals, MAE and bias unrounded).
    pub tracking: Vec<(f64, f64, f64)>,
    pub actual_total: f64,
    pub predicted_total: f64,
    pub mae: f64,
    pub bias: f64,
}

impl HoldoutFigures {
    /// `(predicted − actual) / actual`; `None` without holdout purchases.
    pub fn relative_error(&self) -> Option<f64> {
        (self.actual_total > 0.0)
            .then(|| (self.predicted_total - self.actual_total) / self.actual_total)
    }
}

/// The log's purchase dates, for the calibration-end control.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogSpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// The holdout check kept in the value evidence: the last check done, and
/// why the latest one asked for was refused, if it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    pub span: LogSpan,
    /// The last check done (kept when a later calibration end is refused).
    pub figures: Option<HoldoutFigures>,
    /// The latest calibration end asked for, and why it was refused.
    pub refused: Option<(NaiveDate, HoldoutRefusal)>,
}

/// The default calibration end: two thirds into the span, in whole days.
pub fn default_end(span: LogSpan) -> NaiveDate {
    let days = (span.last - span.first).num_days();
    let cal = (days as f64 * CALIBRATION_SHARE).floor() as i64;
    span.first + chrono::Duration::days(cal)
}

/// The log's span, `None` without dates.
pub fn log_span(t: &Transactions) -> Option<LogSpan> {
    let purchases = || {
        t.date
            .iter()
            .zip(&t.amount)
            .filter(|(_, &a)| a >= 0.0)
            .map(|(d, _)| *d)
    };
    Some(LogSpan {
        first: purchases().min()?,
        last: purchases().max()?,
    })
}

/// The check at `end` (`None`: the default), with the last good figures of
/// `previous` kept when this one is refused.
pub fn holdout_check(
    t: &Transactions,
    end: Option<NaiveDate>,
    previous: Option<&HoldoutCheck>,
) -> Option<HoldoutCheck> {
    let span = log_span(t)?;
    let at = end.unwrap_or_else(|| default_end(span));
    let kept = previous.and_then(|p| p.figures.clone());
    Some(match holdout_figures(t, span, at, end.is_none()) {
        Ok(f) => HoldoutCheck {
            span,
            figures: Some(f),
            refused: None,
        },
        Err(r) => HoldoutCheck {
            span,
            figures: kept,
            refused: Some((at, r)),
        },
    })
}

fn to_date(d: Day) -> NaiveDate {
    let (y, m, dd) = d.ymd();
    NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
}

/// Splits the log at `end`, fits BG/NBD on the calibration part and
/// compares its forecast with the holdout.
pub fn holdout_figures(
    t: &Transactions,
    span: LogSpan,
    end: NaiveDate,
    default_end: bool,
) -> Result<HoldoutFigures, HoldoutRefusal> {
    let days = (span.last - span.first).num_days();
    if days < MIN_SPAN_DAYS {
        return Err(HoldoutRefusal::TooShort { days });
    }
    if end < span.first || end >= span.last {
        return Err(HoldoutRefusal::OutOfRange {
            end,
            first: span.first,
            last: span.last,
        });
    }
    let unit = unit_for_span(days);
    let convention = TimeConvention::Days;
    let rows: Vec<Transaction<u32>> = (0..t.customer.len())
        .map(|i| Transaction {
            customer: t.customer[i],
            day: Day::from(t.date[i]),
            amount: t.amount[i],
        })
        .collect();
    let data = split(&rows, unit, convention, Day::from(end), None).map_err(|e| match e {
        HoldoutError::CalibrationEndOutOfRange { end, first, last } => HoldoutRefusal::OutOfRange {
            end: to_date(end),
            first: to_date(first),
            last: to_date(last),
        },
        HoldoutError::NoHoldoutPurchases { end, holdout_end } => {
            HoldoutRefusal::NoHoldoutPurchases {
                end: to_date(end),
                last: to_date(holdout_end),
            }
        }
        HoldoutError::Log(_) => HoldoutRefusal::NotFitted(FitFailure::NotEnoughData),
    })?;
    drop(rows);
    let fit = bgnbd::fit(&data.calibration)
        .map_err(|e| HoldoutRefusal::NotFitted(FitFailure::from(&e)))?;
    let params = fit.params;
    let not_converged = |_| HoldoutRefusal::NotFitted(FitFailure::DidNotConverge);
    let report = evaluate(&params, &data).map_err(not_converged)?;
    let calibration = calibration_counts(&params, &data.calibration).map_err(not_converged)?;
    Ok(small(
        report,
        calibration,
        params,
        Shape {
            calibration_end: end,
            default_end,
            holdout_end: span.last,
            unit,
            convention,
            calibration_length: data.calibration_length,
            holdout_length: data.holdout_length,
            customers: data.calibration.len(),
            new_in_holdout: data.new_in_holdout,
        },
    ))
}

/// What the figures say about the split itself.
struct Shape {
    calibration_end: NaiveDate,
    default_end: bool,
    holdout_end: NaiveDate,
    unit: PeriodUnit,
    convention: TimeConvention,
    calibration_length: f64,
    holdout_length: f64,
    customers: usize,
    new_in_holdout: usize,
}

fn small(
    r: HoldoutReport,
    calibration: Vec<FrequencyCount>,
    params: BgNbdParams,
    s: Shape,
) -> HoldoutFigures {
    let tracking: Vec<(f64, f64, f64)> = r
        .tracking
        .iter()
        .map(|p| (round_to(p.t, 1e3), p.actual, round_to(p.predicted, 1e2)))
        .collect();
    HoldoutFigures {
        calibration_end: s.calibration_end,
        default_end: s.default_end,
        holdout_end: s.holdout_end,
        unit: s.unit,
        convention: s.convention,
        calibration_length: s.calibration_length,
        holdout_length: s.holdout_length,
        customers: s.customers,
        new_in_holdout: s.new_in_holdout,
        params,
        calibration,
        by_frequency: r
            .by_frequency
            .iter()
            .map(|g| FrequencyForecast {
                frequency: g.frequency,
                or_more: g.or_more,
                customers: g.customers,
                actual_mean: round_to(g.actual_mean, 1e4),
                predicted_mean: round_to(g.predicted_mean, 1e4),
            })
            .collect(),
        tracking: thin(&tracking, s.calibration_length, MAX_TRACKING_POINTS),
        actual_total: r.actual_total,
        predicted_total: r.predicted_total,
        mae: r.mae,
        bias: r.bias,
    }
}

/// `v` to `1 / step` (the JSON keeps a few digits, not seventeen).
fn round_to(v: f64, step: f64) -> f64 {
    (v * step).round() / step
}

/// At most `max` of `points`, evenly spread, always with the last one and
/// the one nearest the calibration end `at`.
pub fn thin(points: &[(f64, f64, f64)], at: f64, max: usize) -> Vec<(f64, f64, f64)> {
    if points.len() <= max || max < 3 {
        return points.to_vec();
    }
    let step = points.len().div_ceil(max - 2);
    let near = points
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 .0 - at).abs().total_cmp(&(b.1 .0 - at).abs()))
        .map_or(0, |(i, _)| i);
    let last = points.len() - 1;
    points
        .iter()
        .enumerate()
        .filter(|&(i, _)| i % step == 0 || i == near || i == last)
        .map(|(_, p)| *p)
        .collect()
}

/// Calibration customers by frequency 0…6 and 7+, against
/// `Σᵢ P(X(Tᵢ) = x)` (one evaluation per distinct age).
pub fn calibration_counts(
    p: &BgNbdParams,
    rows: &[Rfm],
) -> Result<Vec<FrequencyCount>, bgnbd::BgNbdError> {
    let groups = FREQUENCY_GROUPS as usize + 1;
    let mut actual = vec![0.0; groups];
    let mut by_age: FxHashMap<u64, f64> = FxHashMap::default();
    for r in rows {
        actual[r.frequency.min(FREQUENCY_GROUPS) as usize] += 1.0;
        *by_age.entry(r.age.to_bits()).or_insert(0.0) += 1.0;
    }
    let mut model = vec![0.0; groups];
    for (&bits, &count) in &by_age {
        let age = f64::from_bits(bits);
        let mut below = 0.0;
        for (x, m) in model.iter_mut().enumerate().take(groups - 1) {
            let q = p.prob_purchases(age, x as u32)?;
            below += q;
            *m += count * q;
        }
        model[groups - 1] += count * (1.0 - below).max(0.0);
    }
    Ok((0..groups)
        .map(|x| FrequencyCount {
            frequency: x as u32,
            or_more: x == groups - 1,
            actual: actual[x],
            model: round_to(model[x], 1e2),
        })
        .collect())
}
