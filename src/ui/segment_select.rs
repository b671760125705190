//! The segment filter shared by the voice-of-customer pages.

use cxi_dashboard::scenario::Action;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SegmentSelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub all: AttrValue,
    pub segments: Vec<String>,
    pub selected: Option<String>,
    pub ondispatch: Callback<Action>,
}

/// The labelled segment filter: "All customers" or one segment of the data.
#[function_component(SegmentSelect)]
pub fn segment_select(props: &SegmentSelectProps) -> Html {
    let d = props.ondispatch.clone();
    let segments = props.segments.clone();
    let onchange_named = Callback::from(move |e: Event| {
        let v = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        let seg = v
            .strip_prefix('s')
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| segments.get(i).cloned());
        d.emit(Action::SetSegment(seg));
    });
    html! {
        <div class="segment-select">
            <label for={props.id.clone()}>{ &props.label }</label>
            <select id={props.id.clone()} onchange={onchange_named}>
                <option value="all" selected={props.selected.is_none()}>{ &props.all }</option>
                { for props.segments.iter().enumerate().map(|(i, name)| html! {
                    <option value={format!("s{i}")} selected={props.selected.as_deref() == Some(name.as_str())}>{ name }</option>
                }) }
            </select>
        </div>
    }
}
