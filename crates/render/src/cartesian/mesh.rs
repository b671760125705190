//! The chart frame: the coordinate system in the room the labels leave,
//! the grid lines, axes, ticks and axis titles.

use super::axes::{Axes, Chart};
use super::labels::Labels;
use crate::format::TickFormat;
use crate::layout::Layout;
use crate::style::{err, GRID, INK};
use cxi_types::chart::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Builds the chart on `area` and draws its mesh: ticks on value axes,
/// none on category axes (their names are drawn by [`Labels`]).
pub(super) fn build<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    ax: &Axes,
    labels: &Labels,
    l: &Layout,
    fmt: TickFormat,
) -> Result<Chart<'a, DB>, String> {
    let (x_cat, y_cat, x0, x1, y0, y1) = (ax.x_cat, ax.y_cat, ax.x0, ax.x1, ax.y0, ax.y1);
    let (margin, scale_w, bottom, left) =
        (labels.margin, labels.scale_w, labels.bottom, labels.left);
    let (label, desc) = (&labels.label, &labels.desc);
    let mut chart = ChartBuilder::on(area)
        .margin_top(margin)
        .margin_right(margin + scale_w)
        .margin_left(l.px(2.0))
        .margin_bottom(l.px(2.0))
        .x_label_area_size(bottom)
        .y_label_area_size(left)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;

    let x_fmt = |v: &f64| fmt(&spec.x.format, *v);
    let y_fmt = |v: &f64| fmt(&spec.y.format, *v);
    {
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(spec.x.label.as_str())
            .y_desc(spec.y.label.as_str())
            .label_style(label.clone())
            .axis_desc_style(desc.clone())
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID.stroke_width(l.upx(1.0)))
            .axis_style(INK.stroke_width(l.upx(1.0)))
            .set_all_tick_mark_size(l.px(4.0))
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt);
        if x_cat {
            mesh.x_labels(0).disable_x_mesh();
        } else {
            mesh.x_labels(if l.compact {
                4
            } else if l.css_w >= 1100.0 {
                10
            } else {
                7
            });
        }
        if y_cat {
            mesh.y_labels(0).disable_y_mesh();
        } else {
            mesh.y_labels(if l.compact { 5 } else { 7 });
        }
        mesh.draw().map_err(err)?;
    }
    Ok(chart)
}
