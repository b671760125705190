//! The look every chart shares: the font family, ink and grid colours, the
//! palette conversion, and the value clamp and backend error every drawing
//! step uses.

use cxi_types::chart::Colour;
use plotters::prelude::*;

/// Values beyond this are clamped for layout: no business figure is that
/// large, and plotters' tick search needs a finite span.
const LIMIT: f64 = 1e15;
pub const FAMILY: &str = "system-ui, sans-serif";
pub(crate) const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
pub(crate) const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
pub(crate) const MISSING: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);

pub(crate) fn colour(c: Colour) -> RGBColor {
    let (r, g, b) = c.rgb();
    RGBColor(r, g, b)
}

pub(crate) fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

pub(crate) fn clamp(v: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(-LIMIT, LIMIT))
}
