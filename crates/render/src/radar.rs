//! A radar: one spoke per name, rings at quarters of the scale, one closed
//! polygon per series.

use crate::format::TickFormat;
use crate::layout::Layout;
use crate::range::{range, Extent};
use crate::style::{colour, err, GRID};
use crate::text::{text_width, wrap};
use cxi_types::chart::{ChartSpec, Colour, Mark};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::PI;

/// A radar: one spoke per name, rings at quarters of the scale, one closed
/// polygon per series.
pub(crate) fn radar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    l: &Layout,
    fmt: TickFormat,
) -> Result<(), String> {
    let values: Vec<(&Vec<f64>, Colour)> = spec
        .series
        .iter()
        .filter_map(|s| match &s.mark {
            Mark::Radar { values } => Some((values, s.colour)),
            _ => None,
        })
        .collect();
    let n = spec
        .spokes
        .len()
        .max(values.iter().map(|(v, _)| v.len()).max().unwrap_or(0));
    let mut data = Extent::default();
    values
        .iter()
        .flat_map(|(v, _)| v.iter())
        .for_each(|v| data.add(*v));
    data.add(0.0);
    let (lo, hi) = range(spec.y.range, data, 0.0);
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let label = l.label();
    let label_room = if l.compact { 56.0 } else { 90.0 };
    let radius = ((w.min(h) as f64) / 2.0 - l.px(label_room).min(w / 4) as f64 * 0.75).max(10.0);
    let (cx, cy) = (w / 2, h / 2);
    let angle = |k: usize| -PI / 2.0 + 2.0 * PI * k as f64 / n.max(1) as f64;
    let at = |k: usize, r: f64| {
        let a = angle(k);
        (
            cx + (r * a.cos()).round() as i32,
            cy + (r * a.sin()).round() as i32,
        )
    };
    let frac = |v: f64| {
        if v.is_finite() {
            ((v.clamp(lo, hi) - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };

    // Rings, labelled with their value on the first spoke.
    for q in 1..=4 {
        let r = radius * q as f64 / 4.0;
        let ring: Vec<(i32, i32)> = if n >= 3 {
            (0..=n).map(|k| at(k % n, r)).collect()
        } else {
            (0..=48)
                .map(|k| {
                    let a = 2.0 * PI * k as f64 / 48.0;
                    (cx + (r * a.cos()) as i32, cy + (r * a.sin()) as i32)
                })
                .collect()
        };
        area.draw(&PathElement::new(ring, GRID.stroke_width(l.upx(1.0))))
            .map_err(err)?;
    }
    // Spokes and their names, anchored away from the centre.
    let max_label = if l.compact { l.px(80.0) } else { l.px(130.0) };
    for k in 0..n {
        area.draw(&PathElement::new(
            vec![(cx, cy), at(k, radius)],
            GRID.stroke_width(l.upx(1.0)),
        ))
        .map_err(err)?;
        let name = spec.spokes.get(k).map(String::as_str).unwrap_or("");
        let a = angle(k);
        let (x, y) = at(k, radius + l.px(8.0) as f64);
        let h_pos = if a.cos() > 0.3 {
            HPos::Left
        } else if a.cos() < -0.3 {
            HPos::Right
        } else {
            HPos::Center
        };
        let lines = wrap(l, name, &label, max_label);
        let line_h = l.px(l.font * 1.2);
        let total = line_h * lines.len() as i32;
        let top = if a.sin() < -0.3 {
            y - total
        } else if a.sin() > 0.3 {
            y
        } else {
            y - total / 2
        };
        for (j, line) in lines.iter().enumerate() {
            area.draw_text(
                line,
                &label.pos(Pos::new(h_pos, VPos::Top)),
                (x, top + line_h * j as i32),
            )
            .map_err(err)?;
        }
    }
    // One polygon per series.
    for (vals, c) in &values {
        if n == 0 || vals.is_empty() {
            continue;
        }
        let rgb = colour(*c);
        let pts: Vec<(i32, i32)> = (0..n)
            .map(|k| at(k, radius * frac(vals.get(k).copied().unwrap_or(f64::NAN))))
            .collect();
        area.draw(&Polygon::new(pts.clone(), rgb.mix(0.15).filled()))
            .map_err(err)?;
        let mut closed = pts.clone();
        closed.push(pts[0]);
        area.draw(&PathElement::new(closed, rgb.stroke_width(l.upx(2.0))))
            .map_err(err)?;
        for p in pts {
            area.draw(&Circle::new(p, l.px(3.0).max(1), rgb.filled()))
                .map_err(err)?;
        }
    }
    // Ring values last, on a light box, so the polygons do not hide them.
    let style = l
        .text(l.font * 0.85)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for q in 1..=4 {
        let r = radius * q as f64 / 4.0;
        let text = fmt(&spec.y.format, lo + (hi - lo) * q as f64 / 4.0);
        let (x, y) = (cx + l.px(4.0), cy - r as i32);
        let (tw, th) = (text_width(l, &text, &style), l.px(l.font * 0.85));
        area.draw(&Rectangle::new(
            [
                (x - l.px(2.0), y - th / 2 - l.px(1.0)),
                (x + tw + l.px(2.0), y + th / 2 + l.px(1.0)),
            ],
            WHITE.mix(0.8).filled(),
        ))
        .map_err(err)?;
        area.draw_text(&text, &style, (x, y)).map_err(err)?;
    }
    Ok(())
}
