//! Any [`ChartSpec`] on the page: a canvas drawn with plotters, an HTML
//! legend, a text summary for screen readers, the data table behind it
//! (toggle), and PNG/SVG downloads.

use super::format;
use crate::core::chart::{ChartSpec, Mark};
use crate::core::i18n::Locale;
use crate::core::scenario::Currency;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub spec: Rc<ChartSpec>,
    pub locale: Locale,
    pub currency: Currency,
}

#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let spec = &props.spec;
    let (locale, currency) = (props.locale, props.currency);
    let t = locale.strings();
    let show_table = use_state(|| false);
    let ontoggle = {
        let show_table = show_table.clone();
        Callback::from(move |_| show_table.set(!*show_table))
    };
    let table_id = format!("{}-table", spec.id);
    html! {
        <figure class="chart" id={format!("{}-figure", spec.id)}>
            <figcaption>{ &spec.title }</figcaption>
            <canvas id={format!("{}-canvas", spec.id)} role="img" aria-label={spec.alt.clone()} height="320"></canvas>
            <ul class="legend" aria-hidden="true">
                { for spec.series.iter().filter(|s| !matches!(s.mark, Mark::Rule { .. }) || !s.name.is_empty()).map(|s| html! {
                    <li><span class={classes!("swatch", format!("c-{}", s.colour.id()))}></span>{ &s.name }</li>
                }) }
            </ul>
            <p class="visually-hidden">{ &spec.alt }</p>
            <button type="button" class="link no-print" aria-expanded={show_table.to_string()}
                aria-controls={table_id.clone()} onclick={ontoggle}>
                { if *show_table { t.hide_table } else { t.show_table } }
            </button>
            if *show_table {
                <div class="table-wrap">
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
