//! The Yew single-page app (wasm32 only). It holds one [`Scenario`] in a
//! reducer and only calls `crate::core` to compute; nothing here computes a
//! business number itself.

mod chart;
mod clv_panel;
mod fields;
mod format;

use crate::core::i18n::Locale;
use crate::core::scenario::{reduce, Action, Currency, Scenario};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub use clv_panel::ClvPanel;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The scenario as yew reducer state. The transition itself is the pure
/// [`reduce`] of the core.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioState(pub Scenario);

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(ScenarioState(reduce(&self.0, action)))
    }
}

/// Language of the browser (`navigator.language`), French for any `fr*`.
pub fn browser_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Locale::from_language_tag(&tag))
        .unwrap_or(Locale::En)
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| ScenarioState(Scenario::new(browser_locale())));
    let scenario = &state.0;
    let locale = scenario.locale;
    let t = locale.strings();

    use_effect_with(locale, |locale| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", locale.lang());
            }
            doc.set_title(&format!(
                "{} — {}",
                locale.strings().app_title,
                locale.strings().tagline
            ));
        }
    });

    let onlocale = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(l) = select_value(&e).and_then(|v| match v.as_str() {
                "fr" => Some(Locale::Fr),
                "en" => Some(Locale::En),
                _ => None,
            }) {
                state.dispatch(Action::SetLocale(l));
            }
        })
    };
    let oncurrency = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(c) = select_value(&e).and_then(|v| Currency::from_code(&v)) {
                state.dispatch(Action::SetCurrency(c));
            }
        })
    };
    let ondispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    html! {
        <>
            <header class="app-header">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </div>
                <div class="settings no-print">
                    <label for="locale">{ t.language }</label>
                    <select id="locale" onchange={onlocale}>
                        <option value="fr" selected={locale == Locale::Fr}>{ "Français" }</option>
                        <option value="en" selected={locale == Locale::En}>{ "English" }</option>
                    </select>
                    <label for="currency">{ t.currency }</label>
                    <select id="currency" onchange={oncurrency}>
                        { for Currency::ALL.iter().map(|c| html! {
                            <option value={c.code()} selected={*c == scenario.currency}>{ c.code() }</option>
                        }) }
                    </select>
                </div>
            </header>
            <main id="main">
                <ClvPanel scenario={scenario.clone()} ondispatch={ondispatch} />
            </main>
            <footer class="app-footer">
                <p>{ t.privacy_note }</p>
            </footer>
        </>
    }
}
