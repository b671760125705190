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

use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::Mark;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::PI;

/// Writes a tick value of an axis in the user's language (`12 k€`,
/// `35 %`). Category axes never reach it: their names are drawn as given.
pub type TickFormat<'a> = &'a dyn Fn(&AxisFormat, f64) -> String;

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

/// Values beyond this are clamped for layout: no business figure is that
/// large, and plotters' tick search needs a finite span.
const LIMIT: f64 = 1e15;
const SVG_TEXT: f64 = 1.24;
pub const FAMILY: &str = "system-ui, sans-serif";
const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
const MISSING: RGBColor = RGBColor(0xd1, 0xd5, 0xdb);

fn colour(c: Colour) -> RGBColor {
    let (r, g, b) = c.rgb();
    RGBColor(r, g, b)
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn clamp(v: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(-LIMIT, LIMIT))
}

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
struct Layout<'a> {
    measure: Measure<'a>,
    s: f64,
    /// plotters-svg writes font sizes divided by 1.24 (the canvas backend
    /// does not): SVG text is scaled back up so both look alike.
    text_scale: f64,
    css_w: f64,
    compact: bool,
    font: f64,
}

impl<'a> Layout<'a> {
    fn new(width_px: u32, scale: f64, text_scale: f64, measure: Measure<'a>) -> Layout<'a> {
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

    fn px(&self, css: f64) -> i32 {
        (css * self.s).round() as i32
    }

    fn upx(&self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    fn text(&self, size: f64) -> TextStyle<'static> {
        (FAMILY, size * self.s * self.text_scale)
            .into_font()
            .color(&INK)
    }

    fn label(&self) -> TextStyle<'static> {
        self.text(self.font)
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
        let named: Vec<_> = spec.series.iter().filter(|s| !s.name.is_empty()).collect();
        if !named.is_empty() {
            let line = l.px(l.font * 1.8);
            let rows = legend_rows(
                &area,
                &l,
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
            area = rest;
        }
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

/// A locale-free formatter for tests and the command line: `12.3k`,
/// `35%`, `0.25`.
pub fn plain_format(format: &AxisFormat, v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    match format {
        AxisFormat::Percent => format!("{}%", trim(v * 100.0)),
        AxisFormat::Money | AxisFormat::Number => {
            let a = v.abs();
            if a >= 1e9 {
                format!("{}G", trim(v / 1e9))
            } else if a >= 1e6 {
                format!("{}M", trim(v / 1e6))
            } else if a >= 1e4 {
                format!("{}k", trim(v / 1e3))
            } else {
                trim(v)
            }
        }
        AxisFormat::Categories(names) => {
            let i = v.round();
            if (v - i).abs() < 1e-9 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        }
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// The width of `text` in `style`, as drawn (SVG text is written at
/// `1 / text_scale` of the style's size).
fn text_width(l: &Layout, text: &str, style: &TextStyle) -> i32 {
    let w = (l.measure)(text, style.font.get_size() / l.text_scale);
    if w.is_finite() {
        w.clamp(0.0, 1e6).ceil() as i32
    } else {
        0
    }
}

/// Words of `text` packed into lines no wider than `max` pixels; a word
/// wider than `max` gets a line of its own.
fn wrap(l: &Layout, text: &str, style: &TextStyle, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(last) if text_width(l, &format!("{last} {word}"), style) <= max => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// `text` shortened to fit `max` pixels by an ellipsis in the middle: the
/// ends of category names tell them apart ("Segment … 3", "Segment … 4").
fn ellipsis(l: &Layout, text: &str, style: &TextStyle, max: i32) -> String {
    if text_width(l, text, style) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        let s: String = chars[..head]
            .iter()
            .chain(std::iter::once(&'…'))
            .chain(&chars[chars.len() - tail..])
            .collect();
        if text_width(l, &s, style) <= max {
            return s;
        }
    }
    "…".into()
}

/// The extent of some values: (min, max), or `None` when none is finite.
#[derive(Clone, Copy, Default)]
struct Extent(Option<(f64, f64)>);

impl Extent {
    fn add(&mut self, v: f64) {
        if let Some(v) = clamp(v) {
            self.0 = Some(match self.0 {
                Some((lo, hi)) => (lo.min(v), hi.max(v)),
                None => (v, v),
            });
        }
    }
}

/// The axis range: the spec's fixed range when it is usable, else the data
/// padded a little (not below a zero baseline), never empty.
fn range(fixed: Option<(f64, f64)>, data: Extent, pad: f64) -> (f64, f64) {
    let degenerate =
        |lo: f64, hi: f64| hi - lo <= (hi.abs().max(lo.abs())) * 1e-9 || hi - lo < 1e-12;
    if let Some((a, b)) = fixed {
        if let (Some(a), Some(b)) = (clamp(a), clamp(b)) {
            if a < b && !degenerate(a, b) {
                return (a, b);
            }
        }
    }
    let (lo, hi) = data.0.unwrap_or((0.0, 1.0));
    if degenerate(lo, hi) {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        return if lo == 0.0 {
            (0.0, 1.0)
        } else {
            (lo - d, hi + d)
        };
    }

    let p = (hi - lo) * pad;
    let lo = if lo >= 0.0 && lo - p < 0.0 {
        0.0
    } else {
        lo - p
    };
    let hi = if hi <= 0.0 && hi + p > 0.0 {
        0.0
    } else {
        hi + p
    };
    (lo, hi)
}

fn categories(format: &AxisFormat) -> Option<&[String]> {
    match format {
        AxisFormat::Categories(names) => Some(names),
        _ => None,
    }
}

/// Everything but radars: lines, areas, bands, bars, points, rules and
/// grids on x/y axes, either of which may be a category axis.
fn cartesian<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    l: &Layout,
    fmt: TickFormat,
) -> Result<(), String> {
    let horizontal = spec.series.iter().any(|s| {
        matches!(
            s.mark,
            Mark::Bars {
                horizontal: true,
                ..
            }
        )
    });
    let grid = spec
        .series
        .iter()
        .find(|s| matches!(s.mark, Mark::Grid { .. }))
        .map(|s| s.colour);

    // How many category positions each axis needs: its names, or more when
    // the data has more bars / rows / columns than names.
    let mut n_x = categories(&spec.x.format).map_or(0, |c| c.len());
    let mut n_y = categories(&spec.y.format).map_or(0, |c| c.len());
    let (mut xs, mut ys) = (Extent::default(), Extent::default());
    let (mut pad_x, mut zero_y) = (false, false);
    for s in &spec.series {
        match &s.mark {
            Mark::Line { points, .. } => points.iter().for_each(|(x, y)| {
                xs.add(*x);
                ys.add(*y);
            }),
            Mark::Area { points } => {
                points.iter().for_each(|(x, y)| {
                    xs.add(*x);
                    ys.add(*y);
                });
                zero_y = true;
            }
            Mark::Band { points } => points.iter().for_each(|(x, lo, hi)| {
                xs.add(*x);
                ys.add(*lo);
                ys.add(*hi);
            }),
            Mark::Bars {
                spans, horizontal, ..
            } => {
                let (values, n) = if *horizontal {
                    (&mut xs, &mut n_y)
                } else {
                    (&mut ys, &mut n_x)
                };
                *n = (*n).max(spans.len());
                spans.iter().for_each(|(a, b)| {
                    values.add(*a);
                    values.add(*b);
                });
            }
            Mark::Points { points } => {
                pad_x = true;
                points.iter().for_each(|(x, y, _)| {
                    xs.add(*x);
                    ys.add(*y);
                })
            }
            Mark::Rule { x, y } => {
                x.map(|v| xs.add(v));
                y.map(|v| ys.add(v));
            }
            Mark::Grid { values } => {
                n_y = n_y.max(values.len());
                n_x = n_x.max(values.iter().map(Vec::len).max().unwrap_or(0));
            }
            Mark::Radar { .. } => {}
        }
    }
    if zero_y {
        ys.add(0.0);
    }
    let x_cat =
        categories(&spec.x.format).is_some() || (grid.is_some()) || (n_x > 0 && !horizontal);
    let y_cat = categories(&spec.y.format).is_some() || grid.is_some() || horizontal;
    let bars_on_values = spec
        .series
        .iter()
        .any(|s| matches!(s.mark, Mark::Bars { .. }));
    let (x0, x1) = if x_cat {
        (-0.5, n_x.max(1) as f64 - 0.5)
    } else {
        if bars_on_values {
            xs.add(0.0);
        }
        let pad = if pad_x {
            0.1
        } else if bars_on_values {
            0.06
        } else {
            0.0
        };
        range(spec.x.range, xs, pad)
    };
    let (y0, y1) = if y_cat {
        (-0.5, n_y.max(1) as f64 - 0.5)
    } else {
        if bars_on_values {
            ys.add(0.0);
        }
        range(spec.y.range, ys, if pad_x { 0.12 } else { 0.06 })
    };
    // plotters maps a value to pixels with an i32 addition that overflows
    // for values far outside the axis range (a fixed range, a huge
    // outlier): nothing is drawn further than ten ranges away.
    let kx = move |v: f64| v.clamp(x0 - 10.0 * (x1 - x0), x1 + 10.0 * (x1 - x0));
    let ky = move |v: f64| v.clamp(y0 - 10.0 * (y1 - y0), y1 + 10.0 * (y1 - y0));
    let kp = move |(x, y): (f64, f64)| (kx(x), ky(y));
    let n_rows = n_y.max(1);
    // Category rows read top-down: position 0 at the top.
    let row_pos = |i: usize| (n_rows - 1 - i.min(n_rows - 1)) as f64;

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

    let plot_px = chart.plotting_area().dim_in_pixel().0.max(1) as usize;
    // Bar series whose spans overlap at some category (before/after) sit
    // side by side in its slot; series that never overlap (the two sides
    // of a tornado, a waterfall's steps) share the full slot.
    let bar_series: Vec<&[(f64, f64)]> = spec
        .series
        .iter()
        .filter_map(|s| match &s.mark {
            Mark::Bars { spans, .. } => Some(spans.as_slice()),
            _ => None,
        })
        .collect();
    let grouped = bars_overlap(&bar_series);
    let mut bar_k = 0;
    let stroke = |c: RGBColor, w: f64| c.stroke_width(l.upx(w));

    for s in &spec.series {
        let c = colour(s.colour);
        match &s.mark {
            Mark::Line { points, dashed } => {
                for run in finite_runs(points) {
                    let pts: Vec<_> = downsample::min_max(&run, plot_px)
                        .into_iter()
                        .map(kp)
                        .collect();
                    if *dashed {
                        chart
                            .draw_series(DashedLineSeries::new(
                                pts,
                                l.px(7.0).max(1),
                                l.px(5.0).max(1),
                                stroke(c, 2.0),
                            ))
                            .map_err(err)?;
                    } else {
                        chart
                            .draw_series(std::iter::once(PathElement::new(pts, stroke(c, 2.5))))
                            .map_err(err)?;
                    }
                }
            }
            Mark::Area { points } => {
                let base = 0f64.clamp(y0, y1);
                for run in finite_runs(points) {
                    let pts: Vec<_> = downsample::min_max(&run, plot_px)
                        .into_iter()
                        .map(kp)
                        .collect();
                    let (first, last) = (pts[0].0, pts[pts.len() - 1].0);
                    let mut poly = pts.clone();
                    poly.push((last, base));
                    poly.push((first, base));
                    chart
                        .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.18).filled())))
                        .map_err(err)?;
                    chart
                        .draw_series(std::iter::once(PathElement::new(pts, stroke(c, 2.5))))
                        .map_err(err)?;
                }
            }
            Mark::Band { points } => {
                let finite: Vec<(f64, f64, f64)> = points
                    .iter()
                    .filter(|(x, a, b)| x.is_finite() && a.is_finite() && b.is_finite())
                    .map(|(x, a, b)| (kx(*x), ky(*a), ky(*b)))
                    .collect();
                if !finite.is_empty() {
                    let upper: Vec<(f64, f64)> =
                        finite.iter().map(|(x, a, b)| (*x, a.max(*b))).collect();
                    let lower: Vec<(f64, f64)> =
                        finite.iter().map(|(x, a, b)| (*x, a.min(*b))).collect();
                    let upper = downsample::min_max(&upper, plot_px);
                    let mut poly = upper;
                    poly.extend(downsample::min_max(&lower, plot_px).into_iter().rev());
                    let poly: Vec<_> = poly.into_iter().map(kp).collect();
                    chart
                        .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.22).filled())))
                        .map_err(err)?;
                }
            }
            Mark::Bars {
                spans,
                colours,
                horizontal,
            } => {
                let (k, m) = if grouped {
                    (bar_k, bar_series.len().max(1))
                } else {
                    (0, 1)
                };
                bar_k += 1;
                let width = 0.8 / m as f64;
                let offset = -0.4 + (k as f64 + 0.5) * width;
                let bars = spans.iter().enumerate().filter_map(|(i, (a, b))| {
                    let (a, b) = (clamp(*a)?, clamp(*b)?);
                    let (a, b) = if *horizontal {
                        (kx(a), kx(b))
                    } else {
                        (ky(a), ky(b))
                    };
                    let fill = colours.get(i).map_or(c, |c| colour(*c));
                    let lo = offset - width * 0.45;
                    let hi = offset + width * 0.45;
                    let corners = if *horizontal {
                        let p = row_pos(i);
                        [(a, p - hi), (b, p - lo)]
                    } else {
                        let p = i as f64;
                        [(p + lo, a), (p + hi, b)]
                    };
                    Some(Rectangle::new(corners, fill.filled()))
                });
                chart.draw_series(bars).map_err(err)?;
            }
            Mark::Points { points } => {
                let r = l.px(4.5).max(2);
                // Labels go right of their dot, or left in the plot's right
                // third so they stay inside it.
                let flip_at = x0 + (x1 - x0) * 0.67;
                let dots = points.iter().filter_map(|(x, y, name)| {
                    let (x, y) = (kx(clamp(*x)?), ky(clamp(*y)?));
                    let (dx, h_pos) = if x > flip_at {
                        (-r - l.px(3.0), HPos::Right)
                    } else {
                        (r + l.px(3.0), HPos::Left)
                    };
                    Some(
                        EmptyElement::at((x, y))
                            + Circle::new((0, 0), r, c.filled())
                            + Text::new(
                                name.clone(),
                                (dx, -r - l.px(1.0)),
                                l.text(l.font * 0.95).pos(Pos::new(h_pos, VPos::Bottom)),
                            ),
                    )
                });
                chart.draw_series(dots).map_err(err)?;
            }
            Mark::Rule { x, y } => {
                let mut lines = vec![];
                if let Some(x) = x.and_then(clamp).map(kx) {
                    lines.push(vec![(x, y0), (x, y1)]);
                }
                if let Some(y) = y.and_then(clamp).map(ky) {
                    lines.push(vec![(x0, y), (x1, y)]);
                }
                for pts in lines {
                    chart
                        .draw_series(DashedLineSeries::new(
                            pts,
                            l.px(7.0).max(1),
                            l.px(5.0).max(1),
                            stroke(c, 1.5),
                        ))
                        .map_err(err)?;
                }
            }
            Mark::Grid { values } => {
                let (r0, g0, b0) = (255.0, 255.0, 255.0);
                let (r1, g1, b1) = s.colour.rgb();
                let cells = values.iter().enumerate().flat_map(|(row, cols)| {
                    let p = row_pos(row);
                    cols.iter().enumerate().map(move |(col, v)| {
                        let fill = if v.is_finite() {
                            let t = v.clamp(0.0, 1.0);
                            let mix = |a: f64, b: u8| (a + (b as f64 - a) * t).round() as u8;
                            RGBColor(mix(r0, r1), mix(g0, g1), mix(b0, b1))
                        } else {
                            MISSING
                        };
                        let c = col as f64;
                        Rectangle::new([(c - 0.5, p - 0.5), (c + 0.5, p + 0.5)], fill.filled())
                    })
                });
                chart.draw_series(cells).map_err(err)?;
            }
            Mark::Radar { .. } => {}
        }
    }

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
                let name = ellipsis(l, &x_names[i], &label, max_vertical);
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
            let (_, cy) = to_area(chart.backend_coord(&(x0, row_pos(i))));
            let right = to_area((px0, py0)).0 - gap;
            let name = ellipsis(l, name, &label, y_ticks_w.max(l.px(20.0)));
            area.draw_text(
                &name,
                &label.pos(Pos::new(HPos::Right, VPos::Center)),
                (right, cy),
            )
            .map_err(err)?;
        }
    }
    if let Some(c) = grid {
        let top_right = to_area(chart.backend_coord(&(x1, y1)));
        let bottom_right = to_area(chart.backend_coord(&(x1, y0)));
        grid_scale(area, l, c, fmt, top_right, bottom_right)?;
    }
    Ok(())
}

/// Whether two bar series cover a common stretch at the same category.
fn bars_overlap(series: &[&[(f64, f64)]]) -> bool {
    let interval =
        |(a, b): (f64, f64)| (a.is_finite() && b.is_finite()).then(|| (a.min(b), a.max(b)));
    series.iter().enumerate().any(|(i, a)| {
        series[i + 1..].iter().any(|b| {
            a.iter()
                .zip(b.iter())
                .any(|(p, q)| match (interval(*p), interval(*q)) {
                    (Some((a0, a1)), Some((b0, b1))) => a0.max(b0) < a1.min(b1),
                    _ => false,
                })
        })
    })
}

/// Splits a polyline at its non-finite points (a gap in the data is a gap
/// in the line), clamping huge values.
fn finite_runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![];
    let mut run = vec![];
    for (x, y) in points {
        match (clamp(*x), clamp(*y)) {
            (Some(x), Some(y)) => run.push((x, y)),
            _ => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The colour scale of a grid, right of the plot: 0 at the bottom, 1 at
/// the top, as percentages.
fn grid_scale<DB: DrawingBackend>(
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

/// A radar: one spoke per name, rings at quarters of the scale, one closed
/// polygon per series.
fn radar<DB: DrawingBackend>(
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

// proptest needs OS randomness: native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
