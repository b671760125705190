//! The numbers of the BG/NBD charts: the P(alive) matrix and the CLV
//! distribution (their words are in `words::charts`).

use super::evidence::BgNbdEvidence;
use super::view::BinValue;

/// Rows of the P(alive) matrix: frequencies 0…max, at most 12 rows.
fn matrix_axes(b: &BgNbdEvidence, seg: u16) -> (Vec<u32>, Vec<f64>, f64) {
    let bins = b.bins.iter().filter(|x| seg == 0 || x.segment() == seg);
    let (max_x, max_t) = bins.fold((0u32, 0.0f64), |(x, t), bn| (x.max(bn.0), t.max(bn.2)));
    let rows = 12u32.min(max_x + 1);
    let xs: Vec<u32> = (0..rows)
        .map(|k| {
            if rows <= 1 {
                0
            } else {
                (f64::from(k) * f64::from(max_x) / f64::from(rows - 1)).round() as u32
            }
        })
        .collect();
    let cols = 10usize;
    let big_t = max_t.round().max(1.0);
    let recs: Vec<f64> = (0..cols)
        .map(|j| (j as f64 * big_t / (cols - 1) as f64).round())
        .collect();
    (xs, recs, big_t)
}

/// P(alive) over frequency × recency at the customers' largest age `T`
/// (the layout of lifetimes' `plot_probability_alive_matrix`).
#[derive(Debug, Clone, PartialEq)]
pub struct PAliveGrid {
    /// Frequencies of the rows, 0 … the largest, at most 12.
    pub frequencies: Vec<u32>,
    /// Recencies of the columns, 0 … `T`, model units.
    pub recencies: Vec<f64>,
    /// The largest age `T` (rounded), model units.
    pub age: f64,
    /// `values[i][j]`: P(alive) at `frequencies[i]`, `recencies[j]`, `T`.
    pub values: Vec<Vec<f64>>,
}

impl PAliveGrid {
    /// P(alive) of the top row at recency 0 and at `T`.
    pub fn top_row_range(&self) -> (f64, f64) {
        let row = self.values.last();
        let at = |j: Option<usize>| {
            row.and_then(|r| j.and_then(|j| r.get(j)))
                .copied()
                .unwrap_or(f64::NAN)
        };
        (at(Some(0)), at(row.map(|r| r.len().saturating_sub(1))))
    }
}

/// The P(alive) grid of the bins of `seg` (0: all).
pub fn p_alive_grid(b: &BgNbdEvidence, seg: u16) -> PAliveGrid {
    let (xs, recs, big_t) = matrix_axes(b, seg);
    let cell = |x: u32, tx: f64| {
        let tx = if x == 0 { 0.0 } else { tx };
        b.params.p_alive(x, tx, big_t).unwrap_or(f64::NAN)
    };
    let values = xs
        .iter()
        .map(|&x| recs.iter().map(|&r| cell(x, r)).collect())
        .collect();
    PAliveGrid {
        frequencies: xs,
        recencies: recs,
        age: big_t,
        values,
    }
}

/// Weighted quantile of `(value, weight)` pairs sorted by value.
pub(super) fn weighted_quantile(sorted: &[(f64, f64)], q: f64) -> f64 {
    let total: f64 = sorted.iter().map(|x| x.1).sum();
    let mut acc = 0.0;
    for &(v, w) in sorted {
        acc += w;
        if acc >= q * total {
            return v;
        }
    }
    sorted.last().map_or(f64::NAN, |x| x.0)
}

/// A round step (1, 2 or 5 × 10ᵏ) near `raw`.
pub(super) fn nice_step(raw: f64) -> f64 {
    if !(raw > 0.0 && raw.is_finite()) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * p
}

/// Share of the total value held by the most valuable `top` share of
/// customers (a bin is split when the cut falls inside it).
pub fn top_share(values: &[BinValue], top: f64) -> f64 {
    let mut v: Vec<(f64, f64)> = values.iter().map(|x| (x.clv, x.count)).collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let n: f64 = v.iter().map(|x| x.1).sum();
    let total: f64 = v.iter().map(|x| x.0 * x.1).sum();
    let mut left = top * n;
    let mut held = 0.0;
    for (c, w) in v {
        let take = w.min(left);
        held += c * take;
        left -= take;
        if left <= 0.0 {
            break;
        }
    }
    if total > 0.0 {
        held / total
    } else {
        f64::NAN
    }
}

/// Histogram of the customers' CLV: ten equal bars from 0 to a round
/// value near the 99th percentile, the last one open-ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Width of a bar, in money.
    pub step: f64,
    /// Customers per bar.
    pub counts: Vec<f64>,
    /// Share of the total value per bar.
    pub value_shares: Vec<f64>,
    /// Median CLV per customer.
    pub median: f64,
    /// Share of the total value held by the top 10 % of customers.
    pub top_decile_share: f64,
}

/// Bars of [`Histogram`].
pub const HISTOGRAM_BARS: usize = 10;

/// The histogram of the bins' values.
pub fn histogram(values: &[BinValue]) -> Histogram {
    let mut sorted: Vec<(f64, f64)> = values.iter().map(|x| (x.clv, x.count)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let p99 = weighted_quantile(&sorted, 0.99).max(0.0);
    let bars = HISTOGRAM_BARS;
    let step = nice_step(p99 / bars as f64);
    let mut counts = vec![0.0; bars];
    let mut value_in = vec![0.0; bars];
    for &(c, w) in &sorted {
        let k = ((c.max(0.0) / step).floor() as usize).min(bars - 1);
        counts[k] += w;
        value_in[k] += c * w;
    }
    let total_value: f64 = value_in.iter().sum();
    Histogram {
        step,
        counts,
        value_shares: value_in.iter().map(|v| v / total_value).collect(),
        median: weighted_quantile(&sorted, 0.5),
        top_decile_share: top_share(values, 0.1),
    }
}
