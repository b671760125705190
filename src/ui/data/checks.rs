//! The outcome of validation: how many rows are ready, the located
//! problems, and fixing a cell or leaving its row out.

use cxi_dashboard::i18n::LocaleStrings;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::super::format;
use cxi_dashboard::data::Edit;
use cxi_dashboard::data::Problem;
use cxi_dashboard::data::Report;
use cxi_dashboard::data::Status;
use cxi_dashboard::i18n::fill;
use cxi_types::Locale;

/// `2 rows ready, 1 with a problem, 3 excluded`.
pub fn summary_text(locale: Locale, ok: usize, bad: usize, excluded: usize) -> String {
    let t = locale.strings().data;
    let n = |v: usize| format::number(locale, v as f64, 0);
    let mut parts = vec![
        fill(t.count(t.rows_ready, ok), &[("n", &n(ok))]),
        fill(t.count(t.rows_with_problems, bad), &[("n", &n(bad))]),
    ];
    if excluded > 0 {
        parts.push(fill(
            t.count(t.rows_excluded, excluded),
            &[("n", &n(excluded))],
        ));
    }
    parts.join(", ")
}

/// Rows ready, the located problems, fixing and excluding.
pub fn checks(report: &Report, locale: Locale, onedit: &Callback<Edit>) -> Html {
    let t = locale.strings().data;
    let r = report;
    let n = |v: usize| format::number(locale, v as f64, 0);
    let restore = (r.excluded > 0).then(|| {
        let on = onedit.clone();
        html! {
            <button type="button" class="secondary" id="data-restore"
                onclick={Callback::from(move |_: MouseEvent| on.emit(Edit::RestoreExcluded))}>
                { fill(t.restore_all, &[("n", &n(r.excluded))]) }
            </button>
        }
    });
    match &r.status {
        Status::Unusable { message, problems } => html! {
            <div class="checks">
                <p class="unusable" id="data-unusable" role="alert">{ message }</p>
                if !problems.is_empty() {
                    <ul class="problems" id="data-unusable-problems">
                        { for problems.iter().map(|p| html! { <li class="problem-text">{ p }</li> }) }
                    </ul>
                }
                { for restore }
            </div>
        },
        Status::DateOrder { .. } => html! {},
        Status::Ready(ready) => {
            let s = ready.summary;
            let exclude_all = (s.rows_with_problems > 0).then(|| {
                let on = onedit.clone();
                html! {
                    <button type="button" class="secondary" id="data-exclude-all"
                        onclick={Callback::from(move |_: MouseEvent| on.emit(Edit::ExcludeProblemRows))}>
                        { fill(t.exclude_all, &[("n", &n(s.rows_with_problems))]) }
                    </button>
                }
            });
            html! {
                <div class="checks">
                    <p class={classes!("summary", (s.rows_with_problems > 0).then_some("has-problems"))}
                        id="data-summary" role="status"
                        data-ok={s.rows_ok.to_string()} data-problems={s.rows_with_problems.to_string()}>
                        { summary_text(locale, s.rows_ok, s.rows_with_problems, s.rows_excluded) }
                    </p>
                    <div class="bulk">{ for exclude_all }{ for restore }</div>
                    if !ready.problems.is_empty() {
                        <h3 id="data-problems-heading">{ t.problems_heading }</h3>
                        <ol class="problems" aria-labelledby="data-problems-heading">
                            { for ready.problems.iter().map(|p| problem_item(p, locale, onedit)) }
                        </ol>
                        if ready.unlisted > 0 {
                            <p class="help">{ fill(t.problems_more, &[("n", &n(ready.unlisted))]) }</p>
                        }
                    }
                </div>
            }
        }
    }
}

fn problem_item(p: &Problem, locale: Locale, onedit: &Callback<Edit>) -> Html {
    let t = locale.strings().data;
    let id = format!("fix-{}-{}", p.row, p.col);
    let onsubmit = {
        let (on, row, col) = (onedit.clone(), p.row, p.col);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = e
                .target()
                .and_then(|f| f.dyn_into::<Element>().ok())
                .and_then(|f| f.query_selector("input").ok().flatten())
                .and_then(|i| i.dyn_into::<HtmlInputElement>().ok());
            if let Some(i) = input {
                on.emit(Edit::Cell {
                    row,
                    col,
                    value: i.value(),
                });
            }
        })
    };
    let onexclude = {
        let (on, row) = (onedit.clone(), p.row);
        Callback::from(move |_: MouseEvent| {
            on.emit(Edit::Exclude {
                row,
                excluded: true,
            })
        })
    };
    let exclude_label = fill(t.exclude_row, &[("row", &p.row_number.to_string())]);
    // Keyed by the problem, so a new report gives the input its new text.
    html! {
        <li class="problem" key={format!("{}:{}:{}", p.row, p.col, p.message)}
            data-row={p.row_number.to_string()}>
            <p class="message" id={format!("{id}-message")}>{ &p.message }</p>
            <form class="fix" {onsubmit}>
                if p.fixable {
                    <label class="visually-hidden" for={id.clone()}>{ t.new_value }</label>
                    <input id={id.clone()} type="text" value={p.text.clone()}
                        autocomplete="off" aria-describedby={format!("{id}-message")} />
                    <button type="submit">{ t.fix }</button>
                }
                <button type="button" class="secondary" onclick={onexclude}>{ exclude_label }</button>
            </form>
        </li>
    }
}
