//! Monthly seasonal indices by the ratio-to-centred-moving-average method,
//! and their use on projections.
//!
//! Source: classical multiplicative decomposition, e.g. Hyndman &
//! Athanasopoulos, *Forecasting: Principles and Practice* (3rd ed.), §3.4
//! "Classical decomposition"; Makridakis, Wheelwright & Hyndman (1998),
//! *Forecasting: Methods and Applications*, ch. 3.

#![warn(missing_docs)]

use serde::{Deserialize, Serialize};
use std::fmt;

/// Months of history needed: two full years, so that every calendar month
/// has at least one centred moving average.
pub const MIN_MONTHS: usize = 24;

/// One month's total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MonthlyValue {
    /// Calendar year.
    pub year: i32,
    /// 1 = January … 12 = December.
    pub month: u8,
    /// Total for the month (currency, units…), at least 0.
    pub value: f64,
}

/// Why seasonal indices could not be computed or applied.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum SeasonalityError {
    /// Fewer than [`MIN_MONTHS`] consecutive months.
    NotEnoughHistory { months: usize },
    /// A month is missing inside the series.
    MissingMonth { year: i32, month: u8 },
    /// A month appears twice.
    DuplicateMonth { year: i32, month: u8 },
    /// Month number outside 1..=12.
    BadMonth { year: i32, month: u8 },
    /// A value is negative or not finite, or a moving average is not positive.
    BadValue { year: i32, month: u8, value: f64 },
    /// A date could not be read (row is 1-based).
    BadDate { row: usize, text: String },
}

impl fmt::Display for SeasonalityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeasonalityError::NotEnoughHistory { months } => write!(
                f,
                "seasonal indices need at least two years ({MIN_MONTHS} months) of data: got {months} months"
            ),
            SeasonalityError::MissingMonth { year, month } => {
                write!(f, "month {year}-{month:02} is missing: the months must follow each other")
            }
            SeasonalityError::DuplicateMonth { year, month } => {
                write!(f, "month {year}-{month:02} appears twice")
            }
            SeasonalityError::BadMonth { year, month } => {
                write!(f, "{year}-{month}: month must be from 1 to 12")
            }
            SeasonalityError::BadValue { year, month, value } => write!(
                f,
                "month {year}-{month:02}: value must be a finite number at least 0 (and the yearly average positive): got {value}"
            ),
            SeasonalityError::BadDate { row, text } => write!(
                f,
                "row {row}: `{text}` is not a date (expected YYYY-MM-DD, YYYY-MM or DD/MM/YYYY)"
            ),
        }
    }
}

impl std::error::Error for SeasonalityError {}

/// Twelve seasonal indices (January first) that average 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonalIndices {
    /// Index of each calendar month; 1.2 = 20 % above the yearly average.
    pub indices: [f64; 12],
    /// Number of ratios averaged for each month.
    pub ratios: [usize; 12],
    /// Months of history used.
    pub months: usize,
}

/// Reads `YYYY-MM-DD`, `YYYY-MM` or `DD/MM/YYYY` into `(year, month)`.
pub fn parse_year_month(text: &str) -> Option<(i32, u8)> {
    let t = text.trim();
    let (y, m) = if t.contains('/') {
        let parts: Vec<&str> = t.split('/').collect();
        if parts.len() != 3 {
            return None;
        }
        (parts[2], parts[1])
    } else {
        let mut it = t.split('-');
        (it.next()?, it.next()?)
    };
    let year: i32 = y.trim().parse().ok()?;
    let month: u8 = m.trim().parse().ok()?;
    ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some((year, month))
}

/// Sums dated amounts into months, sorted by date.
pub fn monthly_totals(dated: &[(&str, f64)]) -> Result<Vec<MonthlyValue>, SeasonalityError> {
    let mut map = std::collections::BTreeMap::new();
    for (i, (text, v)) in dated.iter().enumerate() {
        let (year, month) = parse_year_month(text).ok_or_else(|| SeasonalityError::BadDate {
            row: i + 1,
            text: text.to_string(),
        })?;
        *map.entry((year, month)).or_insert(0.0) += v;
    }
    Ok(map
        .into_iter()
        .map(|((year, month), value)| MonthlyValue { year, month, value })
        .collect())
}

fn month_number(v: &MonthlyValue) -> i64 {
    v.year as i64 * 12 + (v.month as i64 - 1)
}

/// Seasonal indices of a monthly series (any order; months must be
/// consecutive once sorted).
///
/// # Formula
/// Centred 2×12 moving average
/// `CMA_t = (½x_{t−6} + x_{t−5} + … + x_{t+5} + ½x_{t+6}) / 12`,
/// ratio `x_t / CMA_t` for `t = 6 … N−7`, raw index of a month = mean of its
/// ratios, final indices = raw × 12 / Σ raw (so they average 1).
pub fn seasonal_indices(series: &[MonthlyValue]) -> Result<SeasonalIndices, SeasonalityError> {
    let mut s = series.to_vec();
    for v in &s {
        if !(1..=12).contains(&v.month) {
            return Err(SeasonalityError::BadMonth {
                year: v.year,
                month: v.month,
            });
        }
        if !v.value.is_finite() || v.value < 0.0 {
            return Err(SeasonalityError::BadValue {
                year: v.year,
                month: v.month,
                value: v.value,
            });
        }
    }
    s.sort_by_key(month_number);
    for w in s.windows(2) {
        let (a, b) = (month_number(&w[0]), month_number(&w[1]));
        if a == b {
            return Err(SeasonalityError::DuplicateMonth {
                year: w[1].year,
                month: w[1].month,
            });
        }
        if b != a + 1 {
            let next = a + 1;
            return Err(SeasonalityError::MissingMonth {
                year: (next / 12) as i32,
                month: (next % 12 + 1) as u8,
            });
        }
    }
    if s.len() < MIN_MONTHS {
        return Err(SeasonalityError::NotEnoughHistory { months: s.len() });
    }
    let x: Vec<f64> = s.iter().map(|v| v.value).collect();
    let mut sums = [0.0; 12];
    let mut counts = [0usize; 12];
    for t in 6..(x.len() - 6) {
        let cma = (0.5 * x[t - 6] + x[t - 5..=t + 5].iter().sum::<f64>() + 0.5 * x[t + 6]) / 12.0;
        if cma <= 0.0 {
            return Err(SeasonalityError::BadValue {
                year: s[t].year,
                month: s[t].month,
                value: cma,
            });
        }
        let m = (s[t].month - 1) as usize;
        sums[m] += x[t] / cma;
        counts[m] += 1;
    }
    let raw: [f64; 12] = std::array::from_fn(|m| sums[m] / counts[m] as f64);
    let total: f64 = raw.iter().sum();
    if total.is_nan() || total <= 0.0 {
        let v = &s[0];
        return Err(SeasonalityError::BadValue {
            year: v.year,
            month: v.month,
            value: total,
        });
    }
    Ok(SeasonalIndices {
        indices: raw.map(|r| r * 12.0 / total),
        ratios: counts,
        months: s.len(),
    })
}

impl SeasonalIndices {
    /// No seasonality: every index 1.
    pub fn flat() -> SeasonalIndices {
        SeasonalIndices {
            indices: [1.0; 12],
            ratios: [0; 12],
            months: 0,
        }
    }

    /// Index of calendar month `month` (1–12; out of range gives 1).
    pub fn index(&self, month: u8) -> f64 {
        if (1..=12).contains(&month) {
            self.indices[(month - 1) as usize]
        } else {
            1.0
        }
    }

    /// Applies the indices to a deseasonalised monthly projection whose first
    /// value falls in calendar month `start_month`.
    ///
    /// # Formula
    /// `y_t = x_t · S_{(start + t) mod 12}`.
    pub fn seasonalise(&self, values: &[f64], start_month: u8) -> Vec<f64> {
        let start = start_month.clamp(1, 12) as usize - 1;
        values
            .iter()
            .enumerate()
            .map(|(t, v)| v * self.indices[(start + t) % 12])
            .collect()
    }

    /// Removes the seasonal pattern: `x_t / S_{(start + t) mod 12}`.
    pub fn deseasonalise(&self, values: &[f64], start_month: u8) -> Vec<f64> {
        let start = start_month.clamp(1, 12) as usize - 1;
        values
            .iter()
            .enumerate()
            .map(|(t, v)| v / self.indices[(start + t) % 12])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    const PATTERN: [f64; 12] = [
        0.8, 0.85, 0.9, 1.0, 1.05, 1.1, 1.2, 1.25, 1.0, 0.95, 0.9, 1.0,
    ];

    fn series(years: i32, level: impl Fn(usize) -> f64) -> Vec<MonthlyValue> {
        let mut out = vec![];
        let mut t = 0;
        for y in 0..years {
            for m in 1..=12u8 {
                out.push(MonthlyValue {
                    year: 2020 + y,
                    month: m,
                    value: level(t) * PATTERN[(m - 1) as usize],
                });
                t += 1;
            }
        }
        out
    }

    /// Known structure: a constant level times a seasonal pattern that
    /// averages 1. The centred 2×12 average of a 12-periodic pattern equals
    /// its mean, so every ratio, hence every index, equals the pattern
    /// exactly (tolerance 1e-12).
    #[test]
    fn recovers_pattern_on_constant_level() {
        let idx = seasonal_indices(&series(3, |_| 500.0)).unwrap();
        for (got, want) in idx.indices.iter().zip(PATTERN) {
            assert_close!(got, want, 1e-12, "{got} {want}");
        }
        assert_eq!(idx.months, 36);
        assert_eq!(idx.ratios.iter().sum::<usize>(), 24);
    }

    /// Reference: hand computation of one ratio. With 24 months where every
    /// month is 100 except July of year 1 at 160, the CMA centred on that July
    /// (t = 6) is (0.5·100 + 10·100 + 160 + 0.5·100)/12 = 1260/12 = 105, so
    /// July's raw index is 160/105 = 1.5238 before normalisation; the other
    /// months' ratios are 100/CMA where July enters the window.
    #[test]
    fn single_spike_hand_computed() {
        let mut s: Vec<MonthlyValue> = (0..24)
            .map(|t| MonthlyValue {
                year: 2021 + t / 12,
                month: (t % 12 + 1) as u8,
                value: 100.0,
            })
            .collect();
        s[6].value = 160.0;
        let idx = seasonal_indices(&s).unwrap();
        // Raw July = 160/105; every other raw month has July inside its
        // window with weight 1 (or ½ at the edge): recompute the total.
        let mut raw = [0.0; 12];
        for t in 6..18usize {
            let x = |k: usize| s[k].value;
            let cma =
                (0.5 * x(t - 6) + (t - 5..=t + 5).map(x).sum::<f64>() + 0.5 * x(t + 6)) / 12.0;
            raw[(s[t].month - 1) as usize] = x(t) / cma;
        }
        assert_close!(raw[6], 160.0 / 105.0, 1e-12);
        let total: f64 = raw.iter().sum();
        assert_close!(idx.indices[6], raw[6] * 12.0 / total, 1e-12);
        assert_close!(idx.indices.iter().sum::<f64>(), 12.0, 1e-12);
    }

    #[test]
    fn less_than_two_years_is_a_clear_error() {
        let e = seasonal_indices(&series(1, |_| 1.0)[..]).unwrap_err();
        assert_eq!(e, SeasonalityError::NotEnoughHistory { months: 12 });
        assert_eq!(
            e.to_string(),
            "seasonal indices need at least two years (24 months) of data: got 12 months"
        );
        let mut s = series(3, |_| 1.0);
        s.remove(5);
        assert_eq!(
            seasonal_indices(&s),
            Err(SeasonalityError::MissingMonth {
                year: 2020,
                month: 6
            })
        );
    }

    #[test]
    fn apply_and_remove() {
        let idx = seasonal_indices(&series(2, |_| 10.0)).unwrap();
        let flat = vec![100.0; 14];
        let seasonal = idx.seasonalise(&flat, 11);
        assert_close!(seasonal[0], 90.0, 1e-9); // November
        assert_close!(seasonal[2], 80.0, 1e-9); // January
        let back = idx.deseasonalise(&seasonal, 11);
        for v in back {
            assert_close!(v, 100.0, 1e-9);
        }
    }

    #[test]
    fn dates_and_monthly_totals() {
        assert_eq!(parse_year_month("2024-03-15"), Some((2024, 3)));
        assert_eq!(parse_year_month("15/03/2024"), Some((2024, 3)));
        assert_eq!(parse_year_month("2024-13"), None);
        let m = monthly_totals(&[
            ("2024-01-05", 10.0),
            ("2024-01-20", 5.0),
            ("2023-12-31", 1.0),
        ])
        .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].year, m[0].month, m[0].value), (2023, 12, 1.0));
        assert_eq!(m[1].value, 15.0);
        let e = monthly_totals(&[("soon", 1.0)]).unwrap_err();
        assert!(e.to_string().starts_with("row 1: `soon` is not a date"));
    }
}
