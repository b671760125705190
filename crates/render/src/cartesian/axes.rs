//! The axes of a cartesian chart: which are category axes, how many
//! positions they need, their ranges, values mapped safely onto them, and
//! the plotters chart on those ranges.

use crate::range::{range, Extent};
use cxi_types::chart::{AxisFormat, ChartSpec, Colour, Mark};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) fn categories(format: &AxisFormat) -> Option<&[String]> {
    match format {
        AxisFormat::Categories(names) => Some(names),
        _ => None,
    }
}

/// The two axes of a cartesian chart.
pub(super) struct Axes {
    /// The colour of the grid series, if any.
    pub(super) grid: Option<Colour>,
    /// Category positions on x (0 on a value axis without bars).
    pub(super) n_x: usize,
    /// Category positions on y.
    pub(super) n_y: usize,
    /// Whether x is a category axis.
    pub(super) x_cat: bool,
    /// Whether y is a category axis.
    pub(super) y_cat: bool,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
}

impl Axes {
    /// The axes `spec`'s marks need.
    pub(super) fn of(spec: &ChartSpec) -> Axes {
        let horizontal = spec.series.iter().any(|s| {
            matches!(
                s.mark,
                Mark::Bars {
                    horizontal: true,
                    ..
                }
            )
        });
        let grid = spec
            .series
            .iter()
            .find(|s| matches!(s.mark, Mark::Grid { .. }))
            .map(|s| s.colour);

        // How many category positions each axis needs: its names, or more when
        // the data has more bars / rows / columns than names.
        let mut n_x = categories(&spec.x.format).map_or(0, |c| c.len());
        let mut n_y = categories(&spec.y.format).map_or(0, |c| c.len());
        let (mut xs, mut ys) = (Extent::default(), Extent::default());
        let (mut pad_x, mut zero_y) = (false, false);
        for s in &spec.series {
            match &s.mark {
                Mark::Line { points, .. } => points.iter().for_each(|(x, y)| {
                    xs.add(*x);
                    ys.add(*y);
                }),
                Mark::Area { points } => {
                    points.iter().for_each(|(x, y)| {
                        xs.add(*x);
                        ys.add(*y);
                    });
                    zero_y = true;
                }
                Mark::Band { points } => points.iter().for_each(|(x, lo, hi)| {
                    xs.add(*x);
                    ys.add(*lo);
                    ys.add(*hi);
                }),
                Mark::Bars {
                    spans, horizontal, ..
                } => {
                    let (values, n) = if *horizontal {
                        (&mut xs, &mut n_y)
                    } else {
                        (&mut ys, &mut n_x)
                    };
                    *n = (*n).max(spans.len());
                    spans.iter().for_each(|(a, b)| {
                        values.add(*a);
                        values.add(*b);
                    });
                }
                Mark::Points { points } => {
                    pad_x = true;
                    points.iter().for_each(|(x, y, _)| {
                        xs.add(*x);
                        ys.add(*y);
                    })
                }
                Mark::Rule { x, y } => {
                    x.map(|v| xs.add(v));
                    y.map(|v| ys.add(v));
                }
                Mark::Grid { values } => {
                    n_y = n_y.max(values.len());
                    n_x = n_x.max(values.iter().map(Vec::len).max().unwrap_or(0));
                }
                Mark::Radar { .. } => {}
            }
        }
        if zero_y {
            ys.add(0.0);
        }
        let x_cat =
            categories(&spec.x.format).is_some() || (grid.is_some()) || (n_x > 0 && !horizontal);
        let y_cat = categories(&spec.y.format).is_some() || grid.is_some() || horizontal;
        let bars_on_values = spec
            .series
            .iter()
            .any(|s| matches!(s.mark, Mark::Bars { .. }));
        let (x0, x1) = if x_cat {
            (-0.5, n_x.max(1) as f64 - 0.5)
        } else {
            if bars_on_values {
                xs.add(0.0);
            }
            let pad = if pad_x {
                0.1
            } else if bars_on_values {
                0.06
            } else {
                0.0
            };
            range(spec.x.range, xs, pad)
        };
        let (y0, y1) = if y_cat {
            (-0.5, n_y.max(1) as f64 - 0.5)
        } else {
            if bars_on_values {
                ys.add(0.0);
            }
            range(spec.y.range, ys, if pad_x { 0.12 } else { 0.06 })
        };
        Axes {
            grid,
            n_x,
            n_y,
            x_cat,
            y_cat,
            x0,
            x1,
            y0,
            y1,
        }
    }

    /// `v` kept within ten x ranges of the x axis: plotters maps a value to
    /// pixels with an i32 addition that overflows for values far outside the
    /// axis range (a fixed range, a huge outlier), so nothing is drawn
    /// further than ten ranges away.
    pub(super) fn kx(&self, v: f64) -> f64 {
        let (x0, x1) = (self.x0, self.x1);
        v.clamp(x0 - 10.0 * (x1 - x0), x1 + 10.0 * (x1 - x0))
    }

    /// `v` kept within ten y ranges of the y axis.
    pub(super) fn ky(&self, v: f64) -> f64 {
        let (y0, y1) = (self.y0, self.y1);
        v.clamp(y0 - 10.0 * (y1 - y0), y1 + 10.0 * (y1 - y0))
    }

    /// A point kept near the plot, as [`Axes::kx`] and [`Axes::ky`].
    pub(super) fn kp(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.kx(x), self.ky(y))
    }

    /// Category rows on y, at least one.
    pub(super) fn n_rows(&self) -> usize {
        self.n_y.max(1)
    }

    /// Category rows read top-down: position 0 at the top.
    pub(super) fn row_pos(&self, i: usize) -> f64 {
        let n_rows = self.n_rows();
        (n_rows - 1 - i.min(n_rows - 1)) as f64
    }
}

/// A cartesian chart on value (or category position) ranges.
pub(super) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Where a chart coordinate falls in `area`'s own pixels.
pub(super) fn area_coord<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<DB>,
    p: (f64, f64),
) -> (i32, i32) {
    let (x, y) = chart.backend_coord(&p);
    let root_offset = area.get_base_pixel();
    (x - root_offset.0, y - root_offset.1)
}
