//! The series legend under the plot: a swatch and a name per series,
//! packed into rows.

use crate::layout::Layout;
use crate::style::{colour, err};
use crate::text::text_width;
use cxi_types::chart::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Legend entries packed into rows: (series index, x of the swatch).
fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Layout,
    names: &[&str],
) -> Vec<Vec<(usize, i32)>> {
    let width = area.dim_in_pixel().0 as i32;
    let mut rows: Vec<Vec<(usize, i32)>> = vec![vec![]];
    let mut x = l.px(12.0);
    for (i, name) in names.iter().enumerate() {
        let tw = text_width(l, name, &l.label());
        let item = l.px(12.0 + 5.0 + 18.0) + tw;
        if x + item > width && rows.last().is_some_and(|r| !r.is_empty()) {
            rows.push(vec![]);
            x = l.px(12.0);
        }
        if let Some(r) = rows.last_mut() {
            r.push((i, x));
        }
        x += item;
    }
    rows
}

/// Draws the names of `spec`'s named series, a row or more under `area`,
/// and returns the room left above them (all of `area` when none is named).
pub(crate) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    l: &Layout,
) -> Result<DrawingArea<DB, Shift>, String> {
    let named: Vec<_> = spec.series.iter().filter(|s| !s.name.is_empty()).collect();
    if named.is_empty() {
        return Ok(area.clone());
    }
    let line = l.px(l.font * 1.8);
    let rows = legend_rows(
        area,
        l,
        &named.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
    );
    let h = line * rows.len() as i32 + l.px(6.0);
    let ah = area.dim_in_pixel().1 as i32;
    let (rest, bottom) = area.split_vertically((ah - h).max(0));
    for (r, row) in rows.iter().enumerate() {
        let y = l.px(3.0) + line * r as i32 + line / 2;
        for (i, x) in row {
            let s = named[*i];
            let sw = l.px(12.0);
            bottom
                .draw(&Rectangle::new(
                    [(*x, y - sw / 2), (*x + sw, y + sw / 2)],
                    colour(s.colour).filled(),
                ))
                .map_err(err)?;
            bottom
                .draw_text(
                    &s.name,
                    &l.label().pos(Pos::new(HPos::Left, VPos::Center)),
                    (*x + sw + l.px(5.0), y),
                )
                .map_err(err)?;
        }
    }
    Ok(rest)
}
