//! The marks of a cartesian chart, one function per kind: lines, areas,
//! bands, bars, points, rules and grids.

use super::axes::{Axes, Chart};
use crate::downsample;
use crate::layout::Layout;
use crate::style::{clamp, colour, err, MISSING};
use cxi_types::chart::{ChartSpec, Colour, Mark};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws every series of `spec` in order (radars excepted).
pub(super) fn draw<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    spec: &ChartSpec,
    ax: &Axes,
    l: &Layout,
) -> Result<(), String> {
    let plot_px = chart.plotting_area().dim_in_pixel().0.max(1) as usize;
    // Bar series whose spans overlap at some category (before/after) sit
    // side by side in its slot; series that never overlap (the two sides
    // of a tornado, a waterfall's steps) share the full slot.
    let bar_series: Vec<&[(f64, f64)]> = spec
        .series
        .iter()
        .filter_map(|s| match &s.mark {
            Mark::Bars { spans, .. } => Some(spans.as_slice()),
            _ => None,
        })
        .collect();
    let grouped = bars_overlap(&bar_series);
    let mut bar_k = 0;

    for s in &spec.series {
        let c = colour(s.colour);
        match &s.mark {
            Mark::Line { points, dashed } => line(chart, ax, l, c, points, *dashed, plot_px)?,
            Mark::Area { points } => area(chart, ax, l, c, points, plot_px)?,
            Mark::Band { points } => band(chart, ax, c, points, plot_px)?,
            Mark::Bars {
                spans,
                colours,
                horizontal,
            } => {
                let slot = if grouped {
                    (bar_k, bar_series.len().max(1))
                } else {
                    (0, 1)
                };
                bar_k += 1;
                bars(chart, ax, c, spans, colours, *horizontal, slot)?;
            }
            Mark::Points { points } => dots(chart, ax, l, c, points)?,
            Mark::Rule { x, y } => rule(chart, ax, l, c, *x, *y)?,
            Mark::Grid { values } => grid(chart, ax, s.colour, values)?,
            Mark::Radar { .. } => {}
        }
    }
    Ok(())
}

fn stroke(l: &Layout, c: RGBColor, w: f64) -> ShapeStyle {
    c.stroke_width(l.upx(w))
}

/// A polyline, solid or dashed, broken at gaps and downsampled to the
/// plot's width.
fn line<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    l: &Layout,
    c: RGBColor,
    points: &[(f64, f64)],
    dashed: bool,
    plot_px: usize,
) -> Result<(), String> {
    for run in finite_runs(points) {
        let pts: Vec<_> = downsample::min_max(&run, plot_px)
            .into_iter()
            .map(|p| ax.kp(p))
            .collect();
        if dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    pts,
                    l.px(7.0).max(1),
                    l.px(5.0).max(1),
                    stroke(l, c, 2.0),
                ))
                .map_err(err)?;
        } else {
            chart
                .draw_series(std::iter::once(PathElement::new(pts, stroke(l, c, 2.5))))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// A line filled down to the zero baseline (or the nearest axis end).
fn area<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    l: &Layout,
    c: RGBColor,
    points: &[(f64, f64)],
    plot_px: usize,
) -> Result<(), String> {
    let base = 0f64.clamp(ax.y0, ax.y1);
    for run in finite_runs(points) {
        let pts: Vec<_> = downsample::min_max(&run, plot_px)
            .into_iter()
            .map(|p| ax.kp(p))
            .collect();
        let (first, last) = (pts[0].0, pts[pts.len() - 1].0);
        let mut poly = pts.clone();
        poly.push((last, base));
        poly.push((first, base));
        chart
            .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.18).filled())))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(pts, stroke(l, c, 2.5))))
            .map_err(err)?;
    }
    Ok(())
}

/// The region between a lower and an upper line (an interval).
fn band<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    c: RGBColor,
    points: &[(f64, f64, f64)],
    plot_px: usize,
) -> Result<(), String> {
    let finite: Vec<(f64, f64, f64)> = points
        .iter()
        .filter(|(x, a, b)| x.is_finite() && a.is_finite() && b.is_finite())
        .map(|(x, a, b)| (ax.kx(*x), ax.ky(*a), ax.ky(*b)))
        .collect();
    if !finite.is_empty() {
        let upper: Vec<(f64, f64)> = finite.iter().map(|(x, a, b)| (*x, a.max(*b))).collect();
        let lower: Vec<(f64, f64)> = finite.iter().map(|(x, a, b)| (*x, a.min(*b))).collect();
        let upper = downsample::min_max(&upper, plot_px);
        let mut poly = upper;
        poly.extend(downsample::min_max(&lower, plot_px).into_iter().rev());
        let poly: Vec<_> = poly.into_iter().map(|p| ax.kp(p)).collect();
        chart
            .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.22).filled())))
            .map_err(err)?;
    }
    Ok(())
}

/// One bar per category, spanning its `(from, to)`; `(k, m)` is the
/// series' place among `m` bars sharing each slot.
fn bars<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    c: RGBColor,
    spans: &[(f64, f64)],
    colours: &[Colour],
    horizontal: bool,
    (k, m): (usize, usize),
) -> Result<(), String> {
    let width = 0.8 / m as f64;
    let offset = -0.4 + (k as f64 + 0.5) * width;
    let bars = spans.iter().enumerate().filter_map(|(i, (a, b))| {
        let (a, b) = (clamp(*a)?, clamp(*b)?);
        let (a, b) = if horizontal {
            (ax.kx(a), ax.kx(b))
        } else {
            (ax.ky(a), ax.ky(b))
        };
        let fill = colours.get(i).map_or(c, |c| colour(*c));
        let lo = offset - width * 0.45;
        let hi = offset + width * 0.45;
        let corners = if horizontal {
            let p = ax.row_pos(i);
            [(a, p - hi), (b, p - lo)]
        } else {
            let p = i as f64;
            [(p + lo, a), (p + hi, b)]
        };
        Some(Rectangle::new(corners, fill.filled()))
    });
    chart.draw_series(bars).map_err(err)?;
    Ok(())
}

/// Labelled dots.
fn dots<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    l: &Layout,
    c: RGBColor,
    points: &[(f64, f64, String)],
) -> Result<(), String> {
    let r = l.px(4.5).max(2);
    // Labels go right of their dot, or left in the plot's right
    // third so they stay inside it.
    let flip_at = ax.x0 + (ax.x1 - ax.x0) * 0.67;
    let dots = points.iter().filter_map(|(x, y, name)| {
        let (x, y) = (ax.kx(clamp(*x)?), ax.ky(clamp(*y)?));
        let (dx, h_pos) = if x > flip_at {
            (-r - l.px(3.0), HPos::Right)
        } else {
            (r + l.px(3.0), HPos::Left)
        };
        Some(
            EmptyElement::at((x, y))
                + Circle::new((0, 0), r, c.filled())
                + Text::new(
                    name.clone(),
                    (dx, -r - l.px(1.0)),
                    l.text(l.font * 0.95).pos(Pos::new(h_pos, VPos::Bottom)),
                ),
        )
    });
    chart.draw_series(dots).map_err(err)?;
    Ok(())
}

/// Dashed reference lines across the plot at `x` and/or `y`.
fn rule<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    l: &Layout,
    c: RGBColor,
    x: Option<f64>,
    y: Option<f64>,
) -> Result<(), String> {
    let (x0, x1, y0, y1) = (ax.x0, ax.x1, ax.y0, ax.y1);
    let mut lines = vec![];
    if let Some(x) = x.and_then(clamp).map(|v| ax.kx(v)) {
        lines.push(vec![(x, y0), (x, y1)]);
    }
    if let Some(y) = y.and_then(clamp).map(|v| ax.ky(v)) {
        lines.push(vec![(x0, y), (x1, y)]);
    }
    for pts in lines {
        chart
            .draw_series(DashedLineSeries::new(
                pts,
                l.px(7.0).max(1),
                l.px(5.0).max(1),
                stroke(l, c, 1.5),
            ))
            .map_err(err)?;
    }
    Ok(())
}

/// A heat map: one cell per value in `[0, 1]`, white to `tint`, rows
/// top-down; missing values in grey.
fn grid<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    ax: &Axes,
    tint: Colour,
    values: &[Vec<f64>],
) -> Result<(), String> {
    let (r0, g0, b0) = (255.0, 255.0, 255.0);
    let (r1, g1, b1) = tint.rgb();
    let cells = values.iter().enumerate().flat_map(|(row, cols)| {
        let p = ax.row_pos(row);
        cols.iter().enumerate().map(move |(col, v)| {
            let fill = if v.is_finite() {
                let t = v.clamp(0.0, 1.0);
                let mix = |a: f64, b: u8| (a + (b as f64 - a) * t).round() as u8;
                RGBColor(mix(r0, r1), mix(g0, g1), mix(b0, b1))
            } else {
                MISSING
            };
            let c = col as f64;
            Rectangle::new([(c - 0.5, p - 0.5), (c + 0.5, p + 0.5)], fill.filled())
        })
    });
    chart.draw_series(cells).map_err(err)?;
    Ok(())
}

/// Whether two bar series cover a common stretch at the same category.
fn bars_overlap(series: &[&[(f64, f64)]]) -> bool {
    let interval =
        |(a, b): (f64, f64)| (a.is_finite() && b.is_finite()).then(|| (a.min(b), a.max(b)));
    series.iter().enumerate().any(|(i, a)| {
        series[i + 1..].iter().any(|b| {
            a.iter()
                .zip(b.iter())
                .any(|(p, q)| match (interval(*p), interval(*q)) {
                    (Some((a0, a1)), Some((b0, b1))) => a0.max(b0) < a1.min(b1),
                    _ => false,
                })
        })
    })
}

/// Splits a polyline at its non-finite points (a gap in the data is a gap
/// in the line), clamping huge values.
fn finite_runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![];
    let mut run = vec![];
    for (x, y) in points {
        match (clamp(*x), clamp(*y)) {
            (Some(x), Some(y)) => run.push((x, y)),
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}
