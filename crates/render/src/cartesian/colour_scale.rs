//! The colour scale of a grid, right of the plot.

use crate::format::TickFormat;
use crate::layout::Layout;
use crate::style::{err, INK};
use cxi_types::chart::{AxisFormat, Colour};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The colour scale of a grid, right of the plot: 0 at the bottom, 1 at
/// the top, as percentages.
pub(super) fn grid_scale<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Layout,
    c: Colour,
    fmt: TickFormat,
    top_right: (i32, i32),
    bottom_right: (i32, i32),
) -> Result<(), String> {
    let x = top_right.0 + l.px(10.0);
    let (top, bottom) = (top_right.1, bottom_right.1);
    let w = l.px(12.0);
    let steps = 20;
    let (r1, g1, b1) = c.rgb();
    for k in 0..steps {
        let t = (k as f64 + 0.5) / steps as f64;
        let mix = |b: u8| (255.0 + (b as f64 - 255.0) * t).round() as u8;
        let y_hi = bottom - ((bottom - top) as f64 * (k + 1) as f64 / steps as f64) as i32;
        let y_lo = bottom - ((bottom - top) as f64 * k as f64 / steps as f64) as i32;
        area.draw(&Rectangle::new(
            [(x, y_hi), (x + w, y_lo)],
            RGBColor(mix(r1), mix(g1), mix(b1)).filled(),
        ))
        .map_err(err)?;
    }
    area.draw(&Rectangle::new(
        [(x, top), (x + w, bottom)],
        INK.stroke_width(l.upx(1.0)),
    ))
    .map_err(err)?;
    let style = l.text(l.font * 0.9).pos(Pos::new(HPos::Left, VPos::Center));
    for (v, y) in [(1.0, top), (0.5, (top + bottom) / 2), (0.0, bottom)] {
        area.draw_text(
            &fmt(&AxisFormat::Percent, v),
            &style,
            (x + w + l.px(4.0), y),
        )
        .map_err(err)?;
    }
    Ok(())
}
