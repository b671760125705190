//! The ways data comes in: paste box, drop zone, file picker, samples.

use cxi_dashboard::i18n::LocaleStrings;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use cxi_dashboard::data::Sample;
use cxi_types::Locale;

/// Pastes larger than this are read but not echoed into the text box,
/// where tens of MB would make the page sluggish.
const ECHO_MAX_CHARS: usize = 200_000;

/// Something to load.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Text(String),
    File(File),
    Sample(Sample),
}

fn paste_box() -> Option<HtmlTextAreaElement> {
    gloo::utils::document()
        .get_element_by_id("data-paste")
        .and_then(|e| e.dyn_into().ok())
}

/// Marks the drop zone while something is dragged over it (no state: a
/// cosmetic attribute on the element).
fn mark_dragging(e: &DragEvent, on: bool) {
    if let Some(el) = e
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        let _ = if on {
            el.set_attribute("data-dragging", "")
        } else {
            el.remove_attribute("data-dragging")
        };
    }
}

/// Plain view functions rather than components: each yew component adds
/// several KB to the page's wasm, and these hold no state of their own.
pub fn data_input(locale: Locale, onincoming: &Callback<Incoming>) -> Html {
    let t = locale.strings().data;

    let onpaste = {
        let on = onincoming.clone();
        Callback::from(move |e: Event| {
            let Some(text) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            if text.is_empty() {
                return;
            }
            // The paste replaces the box's content and is read at once.
            e.prevent_default();
            if let Some(ta) = paste_box() {
                ta.set_value(if text.len() <= ECHO_MAX_CHARS {
                    &text
                } else {
                    ""
                });
            }
            on.emit(Incoming::Text(text));
        })
    };
    let onread = {
        let on = onincoming.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(ta) = paste_box() {
                on.emit(Incoming::Text(ta.value()));
            }
        })
    };
    let onfile = {
        let on = onincoming.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                on.emit(Incoming::File(f));
            }
            // Choosing the same file again must load it again.
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| {
        e.prevent_default();
        mark_dragging(&e, true);
    });
    let ondragleave = Callback::from(|e: DragEvent| mark_dragging(&e, false));
    let ondrop = {
        let on = onincoming.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            mark_dragging(&e, false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(f) = dt.files().and_then(|l| l.get(0)) {
                on.emit(Incoming::File(f));
            } else if let Ok(text) = dt.get_data("text/plain") {
                if !text.is_empty() {
                    on.emit(Incoming::Text(text));
                }
            }
        })
    };
    let sample = |s: Sample| {
        let on = onincoming.clone();
        Callback::from(move |_: MouseEvent| on.emit(Incoming::Sample(s)))
    };

    let linked = {
        let on = onincoming.clone();
        Callback::from(move |_: MouseEvent| {
            for s in Sample::LINKED {
                on.emit(Incoming::Sample(s));
            }
        })
    };

    html! {
        <div class="data-input">
            <div class="field paste">
                <label for="data-paste">{ t.paste_label }</label>
                <textarea id="data-paste" rows="6" spellcheck="false" wrap="off"
                    autocomplete="off" aria-describedby="data-paste-help" {onpaste} />
                <p class="help" id="data-paste-help">{ t.paste_help }</p>
                <button type="button" class="secondary" id="data-paste-read" onclick={onread}>
                    { t.paste_button }
                </button>
            </div>
            <div class="dropzone" {ondragover} {ondragleave} {ondrop}>
                <p class="drop-title" id="data-drop-title">{ t.drop_title }</p>
                // The native input stays focusable and announced; its label is
                // the visible button (the browser's own "No file chosen" text
                // would not follow the page's language).
                <input id="data-file" class="file-input" type="file"
                    accept=".csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv,text/plain"
                    aria-describedby="data-drop-help" onchange={onfile} />
                <label class="file-button" for="data-file">{ t.file_button }</label>
                <p class="help" id="data-drop-help">{ t.drop_help }</p>
            </div>
            <div class="samples">
                <p id="data-samples-label">{ t.samples_label }</p>
                <div class="sample-buttons" role="group" aria-labelledby="data-samples-label">
                    { for [Sample::Subscription, Sample::Retail].into_iter().map(|s| html! {
                        <button type="button" class="secondary" id={format!("sample-{}", sample_id(s))}
                            onclick={sample(s)}>{ s.name(locale) }</button>
                    }) }
                    // Two tables of the same customers, loaded together.
                    <button type="button" class="secondary" id="sample-linked" onclick={linked}>
                        { t.sample_linked }
                    </button>
                </div>
            </div>
        </div>
    }
}

fn sample_id(s: Sample) -> &'static str {
    match s {
        Sample::Subscription => "subscription",
        Sample::Retail => "retail",
        Sample::LinkedOrders => "linked-orders",
        Sample::LinkedSurvey => "linked-survey",
    }
}
