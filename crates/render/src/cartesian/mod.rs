//! Everything but radars: lines, areas, bands, bars, points, rules and
//! grids on x/y axes, either of which may be a category axis. Drawn in
//! steps: the axes and their ranges, the label areas, the mesh and ticks,
//! the marks, the category names, and a grid's colour scale.

mod axes;
mod colour_scale;
mod labels;
mod marks;
mod mesh;

use crate::format::TickFormat;
use crate::layout::Layout;
use axes::{area_coord, Axes};
use cxi_types::chart::ChartSpec;
use labels::Labels;

use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws `spec` (no radar) filling `area`; nothing when `area` is too
/// small for a plot beside its labels.
pub(crate) fn cartesian<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    l: &Layout,
    fmt: TickFormat,
) -> Result<(), String> {
    let ax = Axes::of(spec);
    let labels = Labels::measure(area, spec, &ax, l, fmt);
    if !labels.fit(area, l) {
        // Too small to hold a plot: the next resize draws it.
        return Ok(());
    }
    let mut chart = mesh::build(area, spec, &ax, &labels, l, fmt)?;
    marks::draw(&mut chart, spec, &ax, l)?;
    labels.draw_categories(area, &chart, &ax, l)?;
    if let Some(c) = ax.grid {
        let top_right = area_coord(area, &chart, (ax.x1, ax.y1));
        let bottom_right = area_coord(area, &chart, (ax.x0, ax.y0));
        colour_scale::grid_scale(area, l, c, fmt, top_right, bottom_right)?;
    }
    Ok(())
}
