//! Draws any [`ChartSpec`] with plotters, generic over the drawing backend:
//! the web app draws on a canvas (plotters-canvas, device-pixel-ratio
//! aware), downloads and native tests draw to an SVG string. Tick labels
//! come from a formatter the caller gives (the browser's `Intl` on the web,
//! [`plain_format`] natively), so this module has no web dependency.
//!
//! Layout follows the width: under 500 CSS pixels (a phone) there are fewer
//! ticks, smaller margins and wrapped or vertical category labels; wide
//! plots (a projector) get larger type.

pub mod downsample;

mod backend;
mod cartesian;
mod format;
mod layout;
mod legend;
mod radar;
mod range;
mod style;
mod text;

pub use backend::Measured;
pub use format::{plain_format, TickFormat};
pub use layout::{estimate_width, Measure};
pub use style::FAMILY;

use cartesian::cartesian;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Mark;
use layout::Layout;
use legend::legend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use radar::radar;
use style::err;

/// plotters-svg writes font sizes divided by this (the canvas backend does
/// not): SVG text is scaled back up so both look alike.
const SVG_TEXT: f64 = 1.24;

/// How to draw: `scale` is the device pixel ratio (the drawing area is in
/// device pixels, sizes below are in CSS pixels); `title` and `legend` draw
/// the spec's title and series names into the picture, for a downloaded
/// file that travels without the page around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub scale: f64,
    pub title: bool,
    pub legend: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: 1.0,
            title: false,
            legend: false,
        }
    }
}

/// Plot height for a container `css_width` wide: shorter on phones so the
/// chart and its caption fit one screen.
pub fn height_for(css_width: f64) -> f64 {
    if css_width < 500.0 {
        260.0
    } else if css_width >= 1100.0 {
        400.0
    } else {
        320.0
    }
}

/// Draws `spec` filling `root`. Errors are the backend's (a lost canvas
/// context); odd data (empty series, NaN, infinities, ragged grids) draws
/// what is drawable and never panics.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    options: Options,
    fmt: TickFormat,
    measure: Measure,
) -> Result<(), String> {
    draw_scaled(root, spec, options, 1.0, fmt, measure)
}

fn draw_scaled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    options: Options,
    text_scale: f64,
    fmt: TickFormat,
    measure: Measure,
) -> Result<(), String> {
    let (w, _) = root.dim_in_pixel();
    let l = Layout::new(w, options.scale, text_scale, measure);
    root.fill(&WHITE).map_err(err)?;
    let mut area = root.clone();
    if options.title && !spec.title.is_empty() {
        let h = l.px(l.font * 2.2);
        let (top, rest) = area.split_vertically(h);
        top.draw_text(
            &spec.title,
            &l.text(l.font * 1.25)
                .pos(Pos::new(HPos::Center, VPos::Center)),
            (top.dim_in_pixel().0 as i32 / 2, h / 2),
        )
        .map_err(err)?;
        area = rest;
    }
    if options.legend {
        area = legend(&area, spec, &l)?;
    }
    if spec
        .series
        .iter()
        .any(|s| matches!(s.mark, Mark::Radar { .. }))
    {
        radar(&area, spec, &l, fmt)
    } else {
        cartesian(&area, spec, &l, fmt)
    }
}

/// An SVG document of `spec`, `width` × `height` pixels, with its title and
/// legend drawn in (a download stands alone).
pub fn svg(spec: &ChartSpec, width: u32, height: u32, fmt: TickFormat) -> String {
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (width.max(1), height.max(1))).into_drawing_area();
        let options = Options {
            scale: 1.0,
            title: true,
            legend: true,
        };
        // A failing string backend leaves a partial but well-formed document.
        let _ = draw_scaled(&root, spec, options, SVG_TEXT, fmt, &estimate_width);
        let _ = root.present();
    }
    out
}

// proptest needs OS randomness: native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
