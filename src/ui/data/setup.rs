//! How the table is read: its shape, what each column holds, the day/month
//! order of its dates and its decimal separator.

use cxi_dashboard::i18n::LocaleStrings;
use yew::prelude::*;

use cxi_dashboard::data::role_from_id;
use cxi_dashboard::data::shape_from_id;
use cxi_dashboard::data::Choices;
use cxi_dashboard::data::Edit;
use cxi_dashboard::data::Report;
use cxi_dashboard::data::Status;
use cxi_dashboard::i18n::fill;
use cxi_parse::DateOrder;
use cxi_parse::DecimalSeparator;
use cxi_types::Locale;

fn select_value(e: &Event) -> String {
    let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
    s.value()
}

fn options(c: &Choices) -> Html {
    html! {
        { for c.options.iter().map(|(value, label)| html! {
            <option value={value.clone()} selected={*value == c.selected}>{ label }</option>
        }) }
    }
}

/// Shape, column roles and reading choices of the shown table.
pub fn table_setup(report: &Report, locale: Locale, onedit: &Callback<Edit>) -> Html {
    let r = report;
    let t = locale.strings().data;

    let onshape = {
        let on = onedit.clone();
        Callback::from(move |e: Event| {
            if let Some(shape) = shape_from_id(&select_value(&e)) {
                on.emit(Edit::Shape { shape });
            }
        })
    };
    let ondates = {
        let on = onedit.clone();
        Callback::from(move |e: Event| {
            let order = match select_value(&e).as_str() {
                "day_first" => Some(DateOrder::DayFirst),
                "month_first" => Some(DateOrder::MonthFirst),
                _ => None,
            };
            on.emit(Edit::DateOrder { order });
        })
    };
    let ondecimal = {
        let on = onedit.clone();
        Callback::from(move |e: Event| {
            let decimal = match select_value(&e).as_str() {
                "comma" => Some(DecimalSeparator::Comma),
                "point" => Some(DecimalSeparator::Point),
                _ => None,
            };
            on.emit(Edit::Decimal { decimal });
        })
    };
    let answer = |order: DateOrder| {
        let on = onedit.clone();
        Callback::from(move |_: MouseEvent| on.emit(Edit::DateOrder { order: Some(order) }))
    };
    let onsheet = {
        let on = onedit.clone();
        Callback::from(move |e: Event| {
            if let Ok(index) = select_value(&e).parse() {
                on.emit(Edit::Sheet { index });
            }
        })
    };
    let onrole = |col: usize| {
        let on = onedit.clone();
        Callback::from(move |e: Event| {
            if let Some(role) = role_from_id(&select_value(&e)) {
                on.emit(Edit::Role { col, role });
            }
        })
    };

    let info = fill(
        t.table_info,
        &[
            (
                "rows",
                &super::super::format::number(locale, r.rows as f64, 0),
            ),
            (
                "columns",
                &super::super::format::number(locale, r.columns.len() as f64, 0),
            ),
            ("delimiter", &r.delimiter),
        ],
    );
    let question = match &r.status {
        Status::DateOrder {
            question,
            day_first,
            month_first,
        } => Some(html! {
            <div class="date-question" role="group" aria-labelledby="data-date-question">
                <p id="data-date-question">{ question }</p>
                <div class="answers">
                    <button type="button" id="data-day-first" onclick={answer(DateOrder::DayFirst)}>{ day_first }</button>
                    <button type="button" id="data-month-first" onclick={answer(DateOrder::MonthFirst)}>{ month_first }</button>
                </div>
            </div>
        }),
        _ => None,
    };
    let fixed = |value: &str, label: &str, selected: &str| {
        html! { <option value={value.to_string()} selected={value == selected}>{ label.to_string() }</option> }
    };

    html! {
        <div class="table-setup">
            <p class="table-info" id="data-table-info">{ info }</p>
            if !r.warnings.is_empty() {
                <div class="notes">
                    <h4>{ t.notes_heading }</h4>
                    <ul>{ for r.warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
                </div>
            }
            if let Some(sheets) = &r.sheets {
                <div class="field">
                    <label for="data-sheet">{ t.sheet_label }</label>
                    <select id="data-sheet" onchange={onsheet}>{ options(sheets) }</select>
                    if let Some(p) = &r.sheet_problem {
                        <p class="error" id="data-sheet-problem" role="alert">{ p }</p>
                    }
                </div>
            }
            <div class="field">
                <label for="data-shape">{ t.shape_label }</label>
                <select id="data-shape" onchange={onshape} aria-describedby="data-shape-help">
                    { options(&r.shape) }
                </select>
                <p class="help" id="data-shape-help">{ &r.detected }</p>
            </div>
            { for question }
            <fieldset class="mapping">
                <legend>{ t.columns_heading }</legend>
                <p class="help">{ t.columns_help }</p>
                <div class="mapping-grid">
                    { for r.columns.iter().enumerate().map(|(c, col)| {
                        let id = format!("data-col-{c}");
                        html! {
                            <div class={classes!("map-row", (col.roles.selected == "ignore").then_some("ignored"))}>
                                <label for={id.clone()}>{ &col.label }</label>
                                <select {id} onchange={onrole(c)}>{ options(&col.roles) }</select>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <fieldset class="reading">
                <legend>{ t.reading_heading }</legend>
                <div class="field">
                    <label for="data-dates">{ t.dates_label }</label>
                    <select id="data-dates" onchange={ondates}>
                        { fixed("auto", t.dates_auto, &r.date_order) }
                        { fixed("day_first", t.dates_day_first, &r.date_order) }
                        { fixed("month_first", t.dates_month_first, &r.date_order) }
                    </select>
                </div>
                <div class="field">
                    <label for="data-decimal">{ t.decimal_label }</label>
                    <select id="data-decimal" onchange={ondecimal}>
                        { fixed("auto", t.decimal_auto, &r.decimal) }
                        { fixed("comma", t.decimal_comma, &r.decimal) }
                        { fixed("point", t.decimal_point, &r.decimal) }
                    </select>
                </div>
            </fieldset>
        </div>
    }
}
