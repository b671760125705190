//! The first rows of the typed table: numbers, dates and yes/no as the
//! user's language writes them, so a misread column shows at a glance.

use cxi_dashboard::i18n::LocaleStrings;
use yew::prelude::*;

use super::super::format;
use cxi_dashboard::data::Preview;
use cxi_dashboard::data::Value;
use cxi_types::Locale;

fn cell(locale: Locale, v: &Value) -> Html {
    let t = locale.strings().data;
    match v {
        Value::Empty => html! { <td></td> },
        Value::Text(s) => html! { <td>{ s }</td> },
        Value::Number(x) => html! {
            <td class="num" data-value={x.to_string()}>{ format::data_number(locale, *x) }</td>
        },
        Value::Date(d) => html! {
            <td class="num" data-value={d.clone()}>{ format::iso_date(locale, d) }</td>
        },
        Value::Bool(b) => html! {
            <td data-value={b.to_string()}>{ if *b { t.yes } else { t.no } }</td>
        },
    }
}

/// The typed preview as a table.
pub fn preview_table(p: &Preview, locale: Locale) -> Html {
    let t = locale.strings().data;
    html! {
        <div class="table-wrap preview">
            <table id="data-preview">
                <caption>{ t.preview_heading }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{ t.preview_row }</th>
                        { for p.columns.iter().map(|(header, role)| html! {
                            <th scope="col">{ header }
                                if !header.eq_ignore_ascii_case(role) {
                                    <span class="role">{ role }</span>
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for p.rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row" class="num">{ r.row_number }</th>
                            { for r.cells.iter().map(|v| cell(locale, v)) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
