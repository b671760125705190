//! Any [`ChartSpec`] on the page: a canvas drawn by [`cxi_render`]
//! (redrawn when the spec, language, currency or width changes), an HTML
//! legend, a text summary for screen readers, the data table behind it
//! (toggle), and PNG/SVG downloads.

use super::format;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_render as render;
use cxi_render::Measured;
use cxi_render::Options;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Mark;
use cxi_types::Currency;
use cxi_types::Locale;
use gloo::events::EventListener;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub spec: Rc<ChartSpec>,
    pub locale: Locale,
    pub currency: Currency,
    /// A heading with the chart's title sits right above it: the caption
    /// is then for screen readers only, not shown twice.
    #[prop_or_default]
    pub headed: bool,
}

/// Tick labels in the user's language: compact money (`12 k€`), percent,
/// plain numbers (compact when large).
pub fn tick_format(locale: Locale, currency: Currency) -> impl Fn(&AxisFormat, f64) -> String {
    move |f: &AxisFormat, v: f64| match f {
        AxisFormat::Money => format::money_compact(locale, currency, v),
        AxisFormat::Percent => format::percent(locale, v, 1),
        AxisFormat::Number if v.abs() >= 10_000.0 => format::number_compact(locale, v),
        AxisFormat::Number => format::number(locale, v, 2),
        AxisFormat::Categories(_) => render::plain_format(f, v),
    }
}

thread_local! {
    /// A detached canvas whose 2D context measures label widths
    /// (`measureText`: no layout, no element styled), and the font size it
    /// is set to.
    static MEASURE: Option<(web_sys::CanvasRenderingContext2d, Cell<f64>)> = gloo::utils::document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .map(|ctx| (ctx, Cell::new(f64::NAN)));
}

/// The width of `text` at `size` pixels in the charts' font, as the canvas
/// will draw it (the same font string as plotters-canvas).
fn measure_text(text: &str, size: f64) -> f64 {
    MEASURE.with(|m| match m {
        Some((ctx, current)) => {
            if current.get() != size {
                ctx.set_font(&format!("normal {size}px {}", render::FAMILY));
                current.set(size);
            }
            ctx.measure_text(text)
                .map(|m| m.width())
                .unwrap_or_else(|_| render::estimate_width(text, size))
        }
        None => render::estimate_width(text, size),
    })
}

/// The printable width of A4 in CSS pixels: 210 mm less the stylesheet's
/// 14 mm margins, at 96 px per inch.
const PRINT_WIDTH: f64 = (210.0 - 2.0 * 14.0) / 25.4 * 96.0;

/// Extra height of a downloaded picture for its title and legend.
const DOWNLOAD_EXTRA: f64 = 72.0;

#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let spec = &props.spec;
    let (locale, currency) = (props.locale, props.currency);
    let t = locale.strings();
    let canvas_ref = use_node_ref();
    let show_table = use_state(|| false);
    // Redraw when the window is resized: the canvas follows its container.
    let width_tick = use_state(|| 0u32);
    {
        let width_tick = width_tick.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "resize", move |_| {
                    width_tick.set(width_tick.wrapping_add(1))
                })
            });
            move || drop(listener)
        });
    }
    {
        let canvas_ref = canvas_ref.clone();
        let deps = (props.spec.clone(), locale, currency, *width_tick);
        use_effect_with(deps, move |(spec, locale, currency, _)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                // A failed draw leaves the previous picture; the table still
                // has the data.
                let _ = draw_canvas(&canvas, spec, *locale, *currency, None);
            }
        });
    }
    // Paper is narrower than most screens: before printing, redraw at the
    // printable width of A4 (so type keeps its size instead of shrinking
    // with a wide bitmap), and back to the screen afterwards.
    {
        let canvas_ref = canvas_ref.clone();
        let deps = (props.spec.clone(), locale, currency);
        use_effect_with(deps, move |(spec, locale, currency)| {
            let (spec, locale, currency) = (spec.clone(), *locale, *currency);
            let listeners = web_sys::window().map(|w| {
                let redraw = move |width: Option<f64>| {
                    let (canvas_ref, spec) = (canvas_ref.clone(), spec.clone());
                    move |_: &Event| {
                        if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                            let _ = draw_canvas(&canvas, &spec, locale, currency, width);
                        }
                    }
                };
                (
                    EventListener::new(&w, "beforeprint", redraw(Some(PRINT_WIDTH))),
                    EventListener::new(&w, "afterprint", redraw(None)),
                )
            });
            move || drop(listeners)
        });
    }

    let ontoggle = {
        let show_table = show_table.clone();
        Callback::from(move |_| show_table.set(!*show_table))
    };
    let onpng = {
        let (spec, canvas_ref) = (spec.clone(), canvas_ref.clone());
        Callback::from(move |_| {
            let width = canvas_ref
                .cast::<HtmlCanvasElement>()
                .map_or(800.0, |c| css_width(&c));
            let _ = download_png(&spec, locale, currency, width);
        })
    };
    let onsvg = {
        let spec = spec.clone();
        Callback::from(move |_| {
            let fmt = tick_format(locale, currency);
            let (w, h) = (960.0, render::height_for(960.0) + DOWNLOAD_EXTRA);
            let svg = render::svg(&spec, w as u32, h as u32, &fmt);
            let _ = download_text(&svg, "image/svg+xml", &format!("{}.svg", spec.id));
        })
    };
    let table_id = format!("{}-table", spec.id);
    html! {
        <figure class="chart" id={format!("{}-figure", spec.id)}>
            <figcaption class={classes!(props.headed.then_some("visually-hidden"))}>{ &spec.title }</figcaption>
            <canvas ref={canvas_ref} id={format!("{}-canvas", spec.id)} role="img"
                aria-label={spec.alt.clone()} width="640" height="320"></canvas>
            <ul class="legend" aria-hidden="true">
                { for spec.series.iter().filter(|s| !s.name.is_empty()).map(|s| html! {
                    <li><span class={classes!("swatch", format!("c-{}", s.colour.id()), mark_class(&s.mark))}></span>{ &s.name }</li>
                }) }
            </ul>
            <p class="visually-hidden">{ &spec.alt }</p>
            <div class="chart-actions no-print">
                <button type="button" class="link" aria-expanded={show_table.to_string()}
                    aria-controls={table_id.clone()} onclick={ontoggle}>
                    { if *show_table { t.hide_table } else { t.show_table } }
                </button>
                <button type="button" class="link" onclick={onpng}
                    id={format!("{}-png", spec.id)}>{ t.download_png }</button>
                <button type="button" class="link" onclick={onsvg}
                    id={format!("{}-svg", spec.id)}>{ t.download_svg }</button>
            </div>
            if *show_table {
                <div class="table-wrap" tabindex="0" role="region" aria-label={spec.title.clone()}>
                    <table id={table_id}>
                        <caption>{ &spec.title }</caption>
                        <thead><tr>
                            { for spec.table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for spec.table.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|f| html! {
                                    <td class={if f.value().is_some() { "num" } else { "" }}>{ format::figure(locale, currency, f) }</td>
                                }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </figure>
    }
}

/// The legend swatch's shape: a bar, a line, a dashed line, a dot.
fn mark_class(mark: &Mark) -> &'static str {
    match mark {
        Mark::Line { dashed: true, .. } | Mark::Rule { .. } => "mk-dashed",
        Mark::Line { .. } => "mk-line",
        Mark::Points { .. } => "mk-dot",
        Mark::Band { .. } => "mk-band",
        Mark::Area { .. } | Mark::Bars { .. } | Mark::Radar { .. } | Mark::Grid { .. } => "",
    }
}

/// The canvas's width in CSS pixels (the stylesheet sizes it to its
/// container; its height follows the bitmap's aspect ratio).
fn css_width(canvas: &HtmlCanvasElement) -> f64 {
    let w = canvas.client_width();
    let w = if w > 0 {
        w
    } else {
        canvas.parent_element().map_or(0, |p| p.client_width())
    };
    if w > 0 {
        w as f64
    } else {
        640.0
    }
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

/// Draws at the device's pixel density: a bitmap `dpr` times the CSS size,
/// so text and lines are sharp on high-density screens. `print_width`
/// draws for paper instead: that width, at twice the density.
fn draw_canvas(
    canvas: &HtmlCanvasElement,
    spec: &ChartSpec,
    locale: Locale,
    currency: Currency,
    print_width: Option<f64>,
) -> Result<(), String> {
    let (w, dpr) = match print_width {
        Some(w) => (w, 2.0),
        None => (css_width(canvas), device_pixel_ratio()),
    };
    let h = render::height_for(w);
    let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != bw {
        canvas.set_width(bw);
    }
    if canvas.height() != bh {
        canvas.set_height(bh);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    // plotters never measures text itself here (see render::Measured).
    let root = Measured::new(backend, &measure_text).into_drawing_area();
    let fmt = tick_format(locale, currency);
    let options = Options {
        scale: dpr,
        ..Options::default()
    };
    render::draw(&root, spec, options, &fmt, &measure_text)?;
    root.present().map_err(|e| e.to_string())
}

/// A PNG at twice the on-screen size, with the title and legend drawn in.
fn download_png(
    spec: &ChartSpec,
    locale: Locale,
    currency: Currency,
    css_w: f64,
) -> Result<(), JsValue> {
    let document = gloo::utils::document();
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let scale = 2.0;
    let h = render::height_for(css_w) + DOWNLOAD_EXTRA;
    canvas.set_width((css_w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("no 2d context"))?;
    {
        let root = Measured::new(backend, &measure_text).into_drawing_area();
        let fmt = tick_format(locale, currency);
        let options = Options {
            scale,
            title: true,
            legend: true,
        };
        render::draw(&root, spec, options, &fmt, &measure_text)
            .map_err(|e| JsValue::from_str(&e))?;
        root.present()
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
    }
    let name = format!("{}.png", spec.id);
    let done = Closure::once_into_js(move |blob: JsValue| {
        if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
            let _ = download_blob(&blob, &name);
        }
    });
    canvas.to_blob(done.unchecked_ref())
}

pub(crate) fn download_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(&blob, name)
}

/// Saves `blob` as `name` through a temporary object URL and `<a download>`.
fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // The download has started from the URL; release it a moment later.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
