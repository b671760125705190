//! A drawing backend that answers plotters' text-size question with the
//! caller's [`Measure`] instead of plotters' own estimate.
//!
//! Why: on the web plotters estimates a text's size by inserting a `<span>`
//! with an inline `style` attribute into the page and reading its box. The
//! page's Content-Security-Policy forbids inline styles, so each estimate
//! logs a violation (a CI run printing the Business page logged nine), and
//! each forces a layout. The renderer itself measures with [`Measure`], but
//! plotters asks the backend on its own in a few places (labels of a right
//! label area, which a chart squeezed to a few pixels gets, captions, pies).
//! Wrapping the backend closes every such path at once.

use crate::layout::Measure;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// `inner`, with text sizes from `measure` (width) and the font size
/// (height, at the usual 1.2 line height).
pub struct Measured<'m, B> {
    inner: B,
    measure: Measure<'m>,
}

impl<'m, B: DrawingBackend> Measured<'m, B> {
    /// Wraps `inner`; `measure` answers in `inner`'s pixels.
    pub fn new(inner: B, measure: Measure<'m>) -> Self {
        Measured { inner, measure }
    }
}

/// A finite, non-negative pixel count (a NaN or negative measure reads 0).
fn px(v: f64) -> u32 {
    if v.is_finite() && v > 0.0 {
        v.ceil().min(u32::MAX as f64) as u32
    } else {
        0
    }
}

impl<B: DrawingBackend> DrawingBackend for Measured<'_, B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let size = style.size();
        Ok((px((self.measure)(text, size)), px(size * 1.2)))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        dim: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, dim, src)
    }
}
