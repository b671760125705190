//! The Yew single-page app (wasm32 only). It holds one [`Scenario`] in a
//! reducer and only calls `crate::core` to compute; nothing here computes a
//! business number itself.

pub mod charts;
mod clv_panel;
pub mod data;
mod fields;
mod format;
pub mod pages;
mod segment_select;
pub mod share;
mod state;
pub mod widgets;

use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::scenario::Action;
use cxi_types::Currency;
use cxi_types::Locale;
use cxi_types::View;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub use clv_panel::ClvPanel;
use pages::page;
pub use state::ScenarioState;

pub use data::DataPage;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// Language of the browser (`navigator.language`), French for any `fr*`.
pub fn browser_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Locale::from_language_tag(&tag))
        .unwrap_or(Locale::En)
}

/// The page the location hash names; the Overview for any other hash.
pub fn hash_view() -> View {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| View::from_hash(&h))
        .unwrap_or_default()
}

/// Id of each page's heading, focused when the page changes.
fn heading_id(view: View) -> String {
    format!("{}-heading", view.slug())
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}

#[function_component(App)]
pub fn app() -> Html {
    // Share: the scenario of a link or the autosave at start, then autosave,
    // undo, notices, embed mode and printing (ui/share.rs).
    let start = use_memo((), |_| share::Start::read(browser_locale()));
    let state = use_reducer(|| ScenarioState(start.scenario.clone()));
    let share = share::use_share(&state, &start);
    use_effect_with((), |_| share::register_service_worker());
    let embed = share.embed();
    let scenario = &state.0;
    let locale = scenario.locale;
    let view = scenario.view;
    let t = locale.strings();

    // The hash is the address of the page: links, back and forward change it.
    let focus_heading = use_mut_ref(|| false);
    use_effect_with((), {
        let (state, focus_heading) = (state.clone(), focus_heading.clone());
        move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    *focus_heading.borrow_mut() = true;
                    state.dispatch(Action::SetView(hash_view()));
                })
            });
            move || drop(listener)
        }
    });
    // Keyboard and screen reader users land on the new page's heading, once
    // it is shown.
    use_effect_with(view, move |view| {
        if std::mem::take(&mut *focus_heading.borrow_mut()) {
            let heading = gloo::utils::document()
                .get_element_by_id(&heading_id(*view))
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(h) = heading {
                let _ = h.focus();
            }
        }
    });

    // Paper shows every "how is this computed" panel: unfold the closed ones
    // before printing and fold them back after (the print stylesheet does
    // the same where the browser styles `::details-content`).
    use_effect_with((), |_| {
        let listeners = web_sys::window().map(|w| {
            let toggle = |printing: bool| {
                move |_: &Event| {
                    let selector = if printing {
                        "details.how:not([open])"
                    } else {
                        "details.how[data-print-open]"
                    };
                    let Ok(list) = gloo::utils::document().query_selector_all(selector) else {
                        return;
                    };
                    for i in 0..list.length() {
                        let Some(d) = list
                            .item(i)
                            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                        else {
                            continue;
                        };
                        if printing {
                            let _ = d.set_attribute("data-print-open", "");
                            let _ = d.set_attribute("open", "");
                        } else {
                            let _ = d.remove_attribute("data-print-open");
                            let _ = d.remove_attribute("open");
                        }
                    }
                }
            };
            (
                EventListener::new(&w, "beforeprint", toggle(true)),
                EventListener::new(&w, "afterprint", toggle(false)),
            )
        });
        move || drop(listeners)
    });

    use_effect_with((locale, view), |(locale, view)| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", locale.lang());
            }
            let t = locale.strings();
            let page = t.page_name(*view);
            doc.set_title(&format!("{page} — {} — {}", t.app_title, t.tagline));
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
            if !embed {
            <header class="app-header">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </div>
                <div class="settings no-print">
                    <span class="setting">
                        <label for="locale">{ t.language }</label>
                        <select id="locale" onchange={onlocale}>
                            <option value="fr" selected={locale == Locale::Fr}>{ "Français" }</option>
                            <option value="en" selected={locale == Locale::En}>{ "English" }</option>
                        </select>
                    </span>
                    <span class="setting">
                        <label for="currency">{ t.currency }</label>
                        <select id="currency" onchange={oncurrency}>
                            { for Currency::ALL.iter().map(|c| html! {
                                <option value={c.code()} selected={*c == scenario.currency}>{ c.code() }</option>
                            }) }
                        </select>
                    </span>
                </div>
            </header>
            }
            if !embed || share.address.nav {
            <nav class="pages no-print" aria-label={t.nav_label}>
                <ul>
                    { for View::ALL.iter().map(|&v| html! {
                        <li>
                            <a href={share.page_hash(v)} id={format!("nav-{}", v.slug())}
                                aria-current={(v == view).then_some("page")}>{ t.page_name(v) }</a>
                        </li>
                    }) }
                </ul>
            </nav>
            }
            if !embed {
                <share::ShareBar ctx={share.clone()} {locale} />
            }
            <share::ShareNotice ctx={share.clone()} {locale} />
            <main id="main">
                if *share.printing {
                    <share::PrintReport scenario={scenario.clone()} ondispatch={ondispatch.clone()} />
                } else {
                    { page(view, scenario, &ondispatch) }
                }
                // Always mounted: a table loaded there stays while another page shows
                // (keyed by the share generation: a replaced scenario lets it go).
                <DataPage key={*share.generation} {locale} tables={scenario.tables.clone()} linked={scenario.linked.clone()} join_choice={scenario.voice.join} {ondispatch}
                    calibration_end={scenario.value.calibration_end}
                    hidden={view != View::Data || *share.printing} />
            </main>
            if embed {
                <share::EmbedFoot scenario={scenario.clone()} />
            } else {
            <footer class="app-footer">
                <p>{ t.privacy_note }</p>
            </footer>
            }
        </>
    }
}
