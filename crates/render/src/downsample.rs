//! Fewer points for long series before drawing: plotters strokes every point
//! it is given, and a line of 100 000 points on a 600-pixel plot is mostly
//! overdraw. Min–max decimation keeps, for each pixel column, the lowest and
//! the highest point in their original order, so peaks and troughs survive
//! and the drawn line covers the same pixels as the full one.

/// The points of a line, at most about two per column of `columns` equal
/// columns across the x range, keeping the first point, the last point and
/// each column's minimum and maximum (in x order). Non-finite points are
/// dropped. Series already short enough come back unchanged (finite part).
///
/// Points are expected in x order (a time series); unordered input still
/// returns a subset of the input, never invents a point.
pub fn min_max(points: &[(f64, f64)], columns: usize) -> Vec<(f64, f64)> {
    let finite: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let columns = columns.max(1);
    if finite.len() <= 2 * columns + 2 {
        return finite;
    }
    let (x0, x1) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (x, _)| {
            (lo.min(*x), hi.max(*x))
        });
    let width = x1 - x0;
    let column_of = |x: f64| -> usize {
        if width <= 0.0 || !width.is_finite() {
            return 0;
        }
        (((x - x0) / width) * columns as f64)
            .floor()
            .clamp(0.0, (columns - 1) as f64) as usize
    };

    let last = finite.len() - 1;
    let mut out = Vec::with_capacity(2 * columns + 2);
    out.push(finite[0]);
    let mut start = 1;
    while start < last {
        let col = column_of(finite[start].0);
        let mut end = start;
        let (mut lo, mut hi) = (start, start);
        while end < last && column_of(finite[end].0) == col {
            if finite[end].1 < finite[lo].1 {
                lo = end;
            }
            if finite[end].1 > finite[hi].1 {
                hi = end;
            }
            end += 1;
        }
        let (a, b) = (lo.min(hi), lo.max(hi));
        out.push(finite[a]);
        if b != a {
            out.push(finite[b]);
        }
        start = end;
    }
    out.push(finite[last]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand case: 12 points, x = 0..11, over 3 columns of width 11/3:
    /// column 0 holds x = 1..3 (x = 0 is kept as the first point), column 1
    /// x = 4..7, column 2 x = 8..10 (x = 11 is the last point). Each keeps
    /// its min and max in x order.
    #[test]
    fn keeps_first_last_and_each_columns_extremes() {
        let ys = [5.0, 1.0, 9.0, 3.0, 4.0, 0.0, 8.0, 2.0, 7.0, 6.0, -1.0, 2.5];
        let pts: Vec<(f64, f64)> = ys.iter().enumerate().map(|(i, y)| (i as f64, *y)).collect();
        // 12 points, 3 columns: 2·3 + 2 = 8 < 12, so it decimates.
        let out = min_max(&pts, 3);
        assert_eq!(
            out,
            vec![
                (0.0, 5.0),
                (1.0, 1.0),
                (2.0, 9.0),
                (5.0, 0.0),
                (6.0, 8.0),
                (8.0, 7.0),
                (10.0, -1.0),
                (11.0, 2.5),
            ]
        );
    }

    #[test]
    fn short_series_unchanged_and_non_finite_dropped() {
        let pts = vec![
            (0.0, 1.0),
            (1.0, f64::NAN),
            (2.0, 3.0),
            (f64::INFINITY, 1.0),
        ];
        assert_eq!(min_max(&pts, 100), vec![(0.0, 1.0), (2.0, 3.0)]);
        assert!(min_max(&[], 10).is_empty());
        assert_eq!(min_max(&[(1.0, 2.0)], 0), vec![(1.0, 2.0)]);
    }

    #[test]
    fn long_series_at_most_two_per_column() {
        let pts: Vec<(f64, f64)> = (0..100_000)
            .map(|i| (i as f64, ((i as f64) * 0.01).sin()))
            .collect();
        let out = min_max(&pts, 600);
        assert!(out.len() <= 2 * 600 + 2, "{}", out.len());
        assert_eq!(out.first(), pts.first());
        assert_eq!(out.last(), pts.last());
        // The global extremes survive.
        let max = out.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let min = out.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        assert!(max > 0.9999 && min < -0.9999);
        // Still in x order.
        assert!(out.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn all_same_x_does_not_loop() {
        let pts: Vec<(f64, f64)> = (0..1000).map(|i| (1.0, i as f64)).collect();
        let out = min_max(&pts, 4);
        assert_eq!(
            out,
            vec![(1.0, 0.0), (1.0, 1.0), (1.0, 998.0), (1.0, 999.0)]
        );
    }
}
