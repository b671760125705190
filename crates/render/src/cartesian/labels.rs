//! The label areas of a cartesian chart: room for the tick texts and
//! category names (wrapped, or set vertically on a narrow plot), and the
//! category names drawn at each position.

use super::axes::{categories, Axes, Chart};
use crate::format::TickFormat;
use crate::layout::Layout;
use crate::style::err;
use crate::text::{ellipsis, text_width, wrap};
use cxi_types::chart::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The measured label areas, in device pixels.
pub(super) struct Labels {
    /// Tick and category text.
    pub(super) label: TextStyle<'static>,
    /// Axis titles.
    pub(super) desc: TextStyle<'static>,
    /// One line of label text.
    pub(super) line_h: i32,
    pub(super) gap: i32,
    /// Top and right margin of the plot.
    pub(super) margin: i32,
    /// Room for a grid's colour scale right of the plot (0 without a grid).
    pub(super) scale_w: i32,
    /// Left label area: tick texts or category names plus the axis title.
    pub(super) left: i32,
    /// Bottom label area: ticks or category names plus the axis title.
    pub(super) bottom: i32,
    y_names: Vec<String>,
    y_ticks_w: i32,
    x_names: Vec<String>,
    x_lines: Vec<Vec<String>>,
    vertical: bool,
    max_vertical: i32,
}

impl Labels {
    /// Sizes the label areas of `area` for `spec` on `ax`.
    pub(super) fn measure<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        spec: &ChartSpec,
        ax: &Axes,
        l: &Layout,
        fmt: TickFormat,
    ) -> Labels {
        let (x_cat, y_cat, n_x, y0, y1) = (ax.x_cat, ax.y_cat, ax.n_x, ax.y0, ax.y1);
        let grid = ax.grid;
        let n_rows = ax.n_rows();
        let (aw, ah) = area.dim_in_pixel();
        let (aw, ah) = (aw as i32, ah as i32);
        let label = l.label();
        let desc = l.text(l.font);
        let line_h = l.px(l.font * 1.25);
        let gap = l.px(6.0);
        let desc_h = if spec.x.label.is_empty() {
            0
        } else {
            line_h + gap
        };
        let margin = l.px(if l.compact { 8.0 } else { 14.0 });
        let scale_w = if grid.is_some() {
            l.px(if l.compact { 44.0 } else { 64.0 })
        } else {
            0
        };

        // Left label area: tick texts (or category names) plus the axis title.
        let y_desc_w = if spec.y.label.is_empty() {
            0
        } else {
            line_h + gap
        };
        let y_names: Vec<String> = (0..n_rows)
            .map(|i| {
                categories(&spec.y.format)
                    .and_then(|c| c.get(i).cloned())
                    .unwrap_or_default()
            })
            .collect();
        let max_left = (aw as f64 * if l.compact { 0.38 } else { 0.3 }) as i32;
        let y_ticks_w = if y_cat {
            y_names
                .iter()
                .map(|n| text_width(l, n, &label))
                .max()
                .unwrap_or(0)
                .min(max_left)
        } else {
            let mid = (y0 + y1) / 2.0;
            [y0, y1, mid, (y0 + mid) / 2.0, (mid + y1) / 2.0]
                .iter()
                .map(|v| text_width(l, &fmt(&spec.y.format, *v), &label))
                .max()
                .unwrap_or(0)
                .min(max_left)
        };
        let left = y_desc_w + y_ticks_w + gap * 2;
        let plot_w = (aw - left - margin - scale_w).max(1);

        // Bottom label area: one line of ticks, or the category names wrapped
        // to their slot, or set vertically when a word is wider than its slot.
        let x_names: Vec<String> = (0..n_x.max(1))
            .map(|i| {
                categories(&spec.x.format)
                    .and_then(|c| c.get(i).cloned())
                    .unwrap_or_default()
            })
            .collect();
        let slot = plot_w / n_x.max(1) as i32 - l.px(4.0);
        let mut x_lines: Vec<Vec<String>> = vec![];
        let mut vertical = false;
        if x_cat {
            x_lines = x_names.iter().map(|n| wrap(l, n, &label, slot)).collect();
            let too_wide = x_lines
                .iter()
                .flatten()
                .any(|w| text_width(l, w, &label) > slot);
            let too_many = x_lines.iter().map(Vec::len).max().unwrap_or(0) > 3;
            vertical = too_wide || too_many;
        }
        let max_vertical = (ah as f64 * 0.4) as i32;
        let x_ticks_h = if vertical {
            x_names
                .iter()
                .map(|n| text_width(l, n, &label))
                .max()
                .unwrap_or(0)
                .min(max_vertical)
        } else if x_cat {
            line_h * x_lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32
        } else {
            line_h
        };
        let bottom = x_ticks_h + gap * 2 + desc_h;
        Labels {
            label,
            desc,
            line_h,
            gap,
            margin,
            scale_w,
            left,
            bottom,
            y_names,
            y_ticks_w,
            x_names,
            x_lines,
            vertical,
            max_vertical,
        }
    }

    /// Whether a plot of some pixels is left in `area` once the label
    /// areas and margins are taken. A canvas not yet laid out (0 or a few
    /// pixels wide, as a page under load can draw) leaves none: plotters
    /// would then make a right label area of the remainder and measure its
    /// labels itself, which on the web means an inline-styled element.
    pub(super) fn fit<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        l: &Layout,
    ) -> bool {
        let (aw, ah) = area.dim_in_pixel();
        let min = l.px(8.0);
        let plot_w = aw as i32 - self.left - self.margin - self.scale_w - l.px(2.0);
        let plot_h = ah as i32 - self.bottom - self.margin - l.px(2.0);
        plot_w >= min && plot_h >= min
    }

    /// Draws the category names of the category axes.
    pub(super) fn draw_categories<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        chart: &Chart<DB>,
        ax: &Axes,
        l: &Layout,
    ) -> Result<(), String> {
        let (x_cat, y_cat, x0, y0) = (ax.x_cat, ax.y_cat, ax.x0, ax.y0);
        let (label, line_h, gap) = (&self.label, self.line_h, self.gap);
        let (x_lines, x_names, y_names) = (&self.x_lines, &self.x_names, &self.y_names);
        let (vertical, max_vertical, y_ticks_w) =
            (self.vertical, self.max_vertical, self.y_ticks_w);
        // Category names, drawn here rather than by the mesh: plotters would
        // put ticks at round numbers, not at each category.
        let (px0, py0) = chart.backend_coord(&(x0, y0));
        let root_offset = area.get_base_pixel();
        let to_area = |(x, y): (i32, i32)| (x - root_offset.0, y - root_offset.1);
        if x_cat {
            for (i, lines) in x_lines.iter().enumerate() {
                let (cx, _) = to_area(chart.backend_coord(&(i as f64, y0)));
                let top = to_area((px0, py0)).1 + gap;
                if vertical {
                    let name = ellipsis(l, &x_names[i], label, max_vertical);
                    area.draw_text(
                        &name,
                        &label
                            .transform(FontTransform::Rotate270)
                            .pos(Pos::new(HPos::Right, VPos::Center)),
                        (cx, top),
                    )
                    .map_err(err)?;
                } else {
                    for (j, line) in lines.iter().enumerate() {
                        area.draw_text(
                            line,
                            &label.pos(Pos::new(HPos::Center, VPos::Top)),
                            (cx, top + line_h * j as i32),
                        )
                        .map_err(err)?;
                    }
                }
            }
        }
        if y_cat {
            for (i, name) in y_names.iter().enumerate() {
                let (_, cy) = to_area(chart.backend_coord(&(x0, ax.row_pos(i))));
                let right = to_area((px0, py0)).0 - gap;
                let name = ellipsis(l, name, label, y_ticks_w.max(l.px(20.0)));
                area.draw_text(
                    &name,
                    &label.pos(Pos::new(HPos::Right, VPos::Center)),
                    (right, cy),
                )
                .map_err(err)?;
            }
        }
        Ok(())
    }
}
