//! Cumulative discounted value of one customer, drawn with plotters on a
//! canvas, with the data table behind it and a text summary for screen readers.

use super::format;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_types::period::PeriodUnit;
use cxi_types::Currency;
use cxi_types::Locale;
use gloo::events::EventListener;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Colour-blind-safe (Okabe & Ito 2008) blue and vermillion.
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);

#[derive(Clone, PartialEq)]
pub struct Series {
    /// Cumulative value after payment 1, 2, … N.
    pub values: Vec<f64>,
    /// The infinite-horizon value the series tends to.
    pub asymptote: f64,
}

#[derive(Properties, PartialEq)]
pub struct CumulativeChartProps {
    pub series: Series,
    pub locale: Locale,
    pub currency: Currency,
    pub unit: PeriodUnit,
    pub first_included: bool,
}

#[function_component(CumulativeChart)]
pub fn cumulative_chart(props: &CumulativeChartProps) -> Html {
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
        let deps = (
            props.series.clone(),
            props.locale,
            props.currency,
            props.unit,
            *width_tick,
        );
        use_effect_with(deps, move |(series, locale, currency, unit, _)| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                // A failed draw leaves the previous picture; the table still has the data.
                let _ = draw(&canvas, series, *locale, *currency, *unit);
            }
        });
    }

    let t = props.locale.strings();
    let units = t.unit_plural(props.unit);
    let n = props.series.values.len();
    let last = props.series.values.last().copied().unwrap_or(0.0);
    let money = |v: f64| format::money(props.locale, props.currency, v);
    let summary = format!(
        "{}{}{} {} → {}; {}{}{}",
        t.chart_title,
        t.colon,
        n,
        units,
        money(last),
        t.chart_asymptote,
        t.colon,
        money(props.series.asymptote)
    );
    let ontoggle = {
        let show_table = show_table.clone();
        Callback::from(move |_| show_table.set(!*show_table))
    };
    html! {
        <figure class="chart">
            <figcaption>{ t.chart_title }</figcaption>
            <canvas ref={canvas_ref} id="clv-chart" role="img" aria-label={summary.clone()} height="320"></canvas>
            <ul class="legend" aria-hidden="true">
                <li><span class="swatch area"></span>{ t.chart_y }</li>
                <li><span class="swatch dashed"></span>{ t.chart_asymptote }</li>
            </ul>
            <p class="visually-hidden">{ summary }</p>
            <button type="button" class="link no-print" aria-expanded={show_table.to_string()}
                aria-controls="clv-table" onclick={ontoggle}>
                { if *show_table { t.hide_table } else { t.show_table } }
            </button>
            if *show_table {
                <div class="table-wrap">
                    <table id="clv-table">
                        <caption>{ t.chart_title }</caption>
                        <thead><tr>
                            <th scope="col">{ format!("{} ({})", t.col_period, units) }</th>
                            <th scope="col">{ format!("{} ({})", t.col_cumulative, props.currency.code()) }</th>
                        </tr></thead>
                        <tbody>
                            { for props.series.values.iter().enumerate().map(|(k, v)| html! {
                                <tr><td>{ k + 1 }</td><td class="num">{ money(*v) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </figure>
    }
}

fn draw(
    canvas: &HtmlCanvasElement,
    series: &Series,
    locale: Locale,
    currency: Currency,
    unit: PeriodUnit,
) -> Result<(), Box<dyn std::error::Error>> {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0);
    let css_width = Some(canvas.client_width())
        .filter(|w| *w > 0)
        .or_else(|| canvas.parent_element().map(|p| p.client_width()))
        .unwrap_or(600)
        .max(280) as f64;
    let css_height = if css_width < 500.0 { 260.0 } else { 320.0 };
    // The stylesheet sets the CSS width (100%) and the height follows the
    // bitmap's aspect ratio: no inline style, which the CSP forbids.
    canvas.set_width((css_width * dpr) as u32);
    canvas.set_height((css_height * dpr) as u32);
    let px = |v: f64| (v * dpr).round() as i32;
    let font = |size: f64| ("system-ui, sans-serif", size * dpr);

    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;

    let t = locale.strings();
    let n = series.values.len().max(1);
    let finite = |v: &f64| v.is_finite();
    let hi = series
        .values
        .iter()
        .copied()
        .filter(finite)
        .chain([series.asymptote, 0.0])
        .fold(f64::MIN, f64::max);
    let lo = series
        .values
        .iter()
        .copied()
        .filter(finite)
        .chain([series.asymptote, 0.0])
        .fold(f64::MAX, f64::min);
    let pad = ((hi - lo) * 0.08).max(1e-9);
    let (y0, y1) = (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad);
    let compact = css_width < 500.0;

    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(if compact { 64.0 } else { 84.0 }))
        .build_cartesian_2d(0f64..n as f64, y0..y1)?;
    let y_fmt = |v: &f64| format::money_compact(locale, currency, *v);
    let x_fmt = |v: &f64| format!("{}", v.round() as i64);
    chart
        .configure_mesh()
        .x_desc(format!("{} ({})", t.chart_x, t.unit_plural(unit)))
        .y_desc(format!("{} ({})", t.chart_y, currency.code()))
        .x_labels(if compact { 5 } else { 10 })
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(font(12.0).into_font().color(&INK))
        .axis_desc_style(font(13.0).into_font().color(&INK))
        // The legend is HTML below the canvas; only major grid lines, kept faint.
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
        .axis_style(INK)
        .draw()?;

    let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
        .chain(
            series
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .map(|(k, v)| ((k + 1) as f64, *v)),
        )
        .collect();
    chart.draw_series(
        AreaSeries::new(points, 0.0, BLUE.mix(0.18))
            .border_style(BLUE.stroke_width(px(2.5) as u32)),
    )?;
    if series.asymptote.is_finite() {
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, series.asymptote), (n as f64, series.asymptote)],
            px(8.0) as u32,
            px(5.0) as u32,
            VERMILLION.stroke_width(px(2.0) as u32),
        ))?;
    }
    root.present()?;
    Ok(())
}
