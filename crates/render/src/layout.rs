//! Sizes in device pixels from CSS pixels, the type scale by width, and the
//! text measure.

use crate::style::{FAMILY, INK};
use plotters::prelude::*;

/// Measures text: the width, in the drawing's pixels, of `text` set in the
/// chart's font at `size` pixels. The canvas asks the browser
/// (`measureText`); SVG, whose reader picks the font, uses
/// [`estimate_width`]. plotters' own estimate on the web inserts a styled
/// element per call (a forced layout each time, and an inline style the
/// CSP forbids), so the renderer never calls it.
pub type Measure<'a> = &'a dyn Fn(&str, f64) -> f64;

/// A font-independent width estimate: an average sans-serif glyph is a
/// little over half the font size wide.
pub fn estimate_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// Sizes in device pixels from CSS pixels, the type scale, and the text
/// measure.
#[derive(Clone, Copy)]
pub(crate) struct Layout<'a> {
    pub(crate) measure: Measure<'a>,
    pub(crate) s: f64,
    /// plotters-svg writes font sizes divided by 1.24 (the canvas backend
    /// does not): SVG text is scaled back up so both look alike.
    pub(crate) text_scale: f64,
    pub(crate) css_w: f64,
    pub(crate) compact: bool,
    pub(crate) font: f64,
}

impl<'a> Layout<'a> {
    pub(crate) fn new(
        width_px: u32,
        scale: f64,
        text_scale: f64,
        measure: Measure<'a>,
    ) -> Layout<'a> {
        let s = if scale.is_finite() && scale > 0.0 {
            scale.clamp(0.25, 8.0)
        } else {
            1.0
        };
        let css_w = width_px as f64 / s;
        let compact = css_w < 500.0;
        let font = if compact {
            11.0
        } else if css_w >= 1100.0 {
            15.0
        } else {
            12.5
        };
        Layout {
            measure,
            s,
            text_scale,
            css_w,
            compact,
            font,
        }
    }

    pub(crate) fn px(&self, css: f64) -> i32 {
        (css * self.s).round() as i32
    }

    pub(crate) fn upx(&self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    pub(crate) fn text(&self, size: f64) -> TextStyle<'static> {
        (FAMILY, size * self.s * self.text_scale)
            .into_font()
            .color(&INK)
    }

    pub(crate) fn label(&self) -> TextStyle<'static> {
        self.text(self.font)
    }
}
