//! Share, save and print: the link restored at start, the autosave, the
//! toolbar (Copy link, Save file, Open file, Reset and Undo, Print / PDF,
//! Download offline copy), the notices they leave, and the embed mode.
//!
//! Everything goes through [`cxi_dashboard::share`]; nothing here leaves the
//! browser (the link is built on the page, the file is a local download).

use cxi_dashboard::i18n::LocaleStrings;
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement};
use yew::prelude::*;

use super::pages::{page, AssumptionsPage, OverviewPage};
use super::state::ScenarioState;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::scenario::Action;
use cxi_dashboard::scenario::Scenario;
use cxi_dashboard::share as codec;
use cxi_dashboard::share::evidence_view;
use cxi_dashboard::share::from_json;
use cxi_dashboard::share::link_for;
use cxi_dashboard::share::share_hash;
use cxi_dashboard::share::to_json;
use cxi_dashboard::share::to_storage;
use cxi_dashboard::share::Address;
use cxi_dashboard::share::ShareError;
use cxi_dashboard::share::FILE_SUFFIX;
use cxi_dashboard::share::MAX_JSON_BYTES;
use cxi_dashboard::share::MAX_LINK_BYTES;
use cxi_dashboard::share::STORAGE_KEY;
use cxi_dashboard::share::STORAGE_UNREADABLE_KEY;
use cxi_types::Locale;
use cxi_types::View;

/// The single-file build's name, next to index.html in dist/.
pub const OFFLINE_FILE: &str = "cx-impact-offline.html";
/// Where the autosave that a link replaced is kept (nothing is lost).
pub const STORAGE_PREVIOUS_KEY: &str = "cx-impact.scenario.previous";

/// What a share action left to tell the user, shown above the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    LinkOpened { omitted: Vec<String> },
    LinkError(ShareError),
    RestoreFailed(ShareError),
    AutosaveUnavailable,
    LinkReady { copied: bool, omitted: Vec<String> },
    LinkImpossible(ShareError),
    FileOpened(String),
    FileError(String, ShareError),
    ResetDone,
    Undone,
}

impl Notice {
    fn is_error(&self) -> bool {
        matches!(
            self,
            Notice::LinkError(_)
                | Notice::RestoreFailed(_)
                | Notice::AutosaveUnavailable
                | Notice::LinkImpossible(_)
                | Notice::FileError(..)
        )
    }

    fn text(&self, locale: Locale) -> String {
        let s = locale.strings().share;
        let pages = |keys: &[String]| {
            keys.iter()
                .map(|k| match evidence_view(k) {
                    Some(v) => locale.strings().page_name(v).to_string(),
                    None => k.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Notice::LinkOpened { omitted } if omitted.is_empty() => s.opened_link.to_string(),
            Notice::LinkOpened { omitted } => {
                fill(s.opened_link_omitted, &[("pages", &pages(omitted))])
            }
            Notice::LinkError(e) => fill(s.link_error, &[("reason", &s.error(e))]),
            Notice::RestoreFailed(e) => fill(
                s.restore_failed,
                &[("reason", &s.error(e)), ("key", STORAGE_UNREADABLE_KEY)],
            ),
            Notice::AutosaveUnavailable => s.autosave_unavailable.to_string(),
            Notice::LinkReady { copied, omitted } => {
                let mut t = if *copied { s.link_copied } else { s.link_shown }.to_string();
                if !omitted.is_empty() {
                    t.push(' ');
                    t.push_str(&fill(
                        s.link_omitted,
                        &[
                            ("pages", &pages(omitted)),
                            ("limit", &(MAX_LINK_BYTES / 1024).to_string()),
                        ],
                    ));
                }
                t
            }
            Notice::LinkImpossible(e) => fill(s.link_impossible, &[("reason", &s.error(e))]),
            Notice::FileOpened(name) => fill(s.file_opened, &[("name", name)]),
            Notice::FileError(name, e) => {
                fill(s.file_error, &[("name", name), ("reason", &s.error(e))])
            }
            Notice::ResetDone => s.reset_done.to_string(),
            Notice::Undone => s.undone.to_string(),
        }
    }
}

/// What the page starts with: the scenario of a link, else the autosave,
/// else a new one; read once.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub scenario: Scenario,
    pub address: Address,
    pub notice: Option<Notice>,
    /// The autosave a link replaced, for Undo.
    pub undo: Option<Scenario>,
}

fn location() -> (String, String) {
    let loc = web_sys::window().map(|w| w.location());
    let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    let search = loc.and_then(|l| l.search().ok()).unwrap_or_default();
    (hash, search)
}

fn storage_get(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn storage_set(key: &str, value: &str) -> bool {
    LocalStorage::raw().set_item(key, value).is_ok()
}

impl Start {
    /// Reads the address and the autosave. An unreadable autosave is moved
    /// aside (never overwritten); a bad link leaves the autosave in place.
    pub fn read(locale: Locale) -> Start {
        let (hash, search) = location();
        let address = Address::parse(&hash, &search);
        let mut notice = None;
        let saved = storage_get(STORAGE_KEY).and_then(|text| match from_json(&text) {
            Ok(s) => Some(s),
            Err(e) => {
                storage_set(STORAGE_UNREADABLE_KEY, &text);
                notice = Some(Notice::RestoreFailed(e));
                None
            }
        });
        let mut undo = None;
        let mut scenario = match address.scenario.as_deref().map(codec::decode_link) {
            Some(Ok(s)) => {
                notice = Some(Notice::LinkOpened {
                    omitted: address.omitted.clone(),
                });
                // An embedded view never writes the autosave, so it needs no undo.
                if !address.embed {
                    if let Some(prev) = saved.filter(|p| p != &s) {
                        storage_set(STORAGE_PREVIOUS_KEY, &to_storage(&prev));
                        undo = Some(prev);
                    }
                }
                s
            }
            Some(Err(e)) => {
                notice = Some(Notice::LinkError(e));
                saved.unwrap_or_else(|| Scenario::new(locale))
            }
            None => saved.unwrap_or_else(|| Scenario::new(locale)),
        };
        if let Some(v) = address.view {
            scenario.view = v;
        }
        Start {
            scenario,
            address,
            notice,
            undo,
        }
    }
}

/// The share state of the app, made by [`use_share`].
#[derive(Clone, PartialEq)]
pub struct ShareCtx {
    pub address: Rc<Address>,
    pub notice: UseStateHandle<Option<Notice>>,
    /// Scenarios replaced by a reset, a file or a link, latest last.
    pub undo: UseStateHandle<Vec<Scenario>>,
    /// While true the page shows the printed report.
    pub printing: UseStateHandle<bool>,
    /// Changes whenever the scenario is replaced as a whole: the Data page
    /// is keyed by it, so a table of the previous scenario is let go.
    pub generation: UseStateHandle<u32>,
    state: UseReducerHandle<ScenarioState>,
}

impl ShareCtx {
    pub fn embed(&self) -> bool {
        self.address.embed
    }

    /// The hash of `view`, keeping the embed parameters.
    pub fn page_hash(&self, view: View) -> String {
        self.address.page_hash(view)
    }

    /// Replaces the scenario, keeping the current one for Undo.
    fn replace(&self, s: Scenario, notice: Notice) {
        let mut stack = (*self.undo).clone();
        stack.push(self.state.0.clone());
        // A few steps back are enough; each is a few kilobytes.
        if stack.len() > 10 {
            stack.remove(0);
        }
        self.undo.set(stack);
        self.generation.set(self.generation.wrapping_add(1));
        self.state.dispatch(Action::Replace(Box::new(s)));
        self.notice.set(Some(notice));
    }

    fn undo(&self) {
        let mut stack = (*self.undo).clone();
        if let Some(prev) = stack.pop() {
            self.undo.set(stack);
            self.generation.set(self.generation.wrapping_add(1));
            self.state.dispatch(Action::Replace(Box::new(prev)));
            self.notice.set(Some(Notice::Undone));
        }
    }
}

/// The page's address without its hash (and without `?embed=1`).
fn base_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let end = href.find(['#', '?']).unwrap_or(href.len());
    href[..end].to_string()
}

/// Autosave, the address kept in step with the page, the embed class, a
/// link pasted into the address bar, and the end of printing.
#[hook]
pub fn use_share(state: &UseReducerHandle<ScenarioState>, start: &Start) -> ShareCtx {
    let ctx = ShareCtx {
        address: use_memo((), |_| start.address.clone()),
        notice: use_state(|| start.notice.clone()),
        undo: use_state(|| start.undo.iter().cloned().collect::<Vec<_>>()),
        printing: use_state(|| false),
        generation: use_state(|| 0u32),
        state: state.clone(),
    };
    let scenario = state.0.clone();

    // Autosave on every change (not when embedded: an embed shows someone
    // else's scenario and must not replace the visitor's own).
    let warned = use_mut_ref(|| false);
    use_effect_with(scenario.clone(), {
        let (embed, notice, warned) = (ctx.embed(), ctx.notice.clone(), warned.clone());
        move |s: &Scenario| {
            if !embed && !storage_set(STORAGE_KEY, &to_storage(s)) && !*warned.borrow() {
                *warned.borrow_mut() = true;
                notice.set(Some(Notice::AutosaveUnavailable));
            }
        }
    });

    // The address names the page shown (and drops `s=` once it is read).
    use_effect_with(scenario.view, {
        let address = ctx.address.clone();
        move |view: &View| {
            let want = address.page_hash(*view);
            let window = web_sys::window();
            let now = window
                .as_ref()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if now != want {
                if let Some(h) = window.and_then(|w| w.history().ok()) {
                    let url = format!("{}{}{}", base_url(), search_kept(), want);
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
            }
        }
    });

    use_effect_with(ctx.embed(), |embed| {
        if let Some(body) = gloo::utils::document().body() {
            let _ = body.class_list().toggle_with_force("embed", *embed);
        }
    });

    // A share link pasted into the address bar of an open app.
    use_effect_with((), {
        let ctx = ctx.clone();
        move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    let (hash, search) = location();
                    let a = Address::parse(&hash, &search);
                    if let Some(f) = a.scenario.clone() {
                        // Read once: the address keeps only the page.
                        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                            let view = a.view.unwrap_or_default();
                            let url = format!("{}{}{}", base_url(), search, a.page_hash(view));
                            let _ = h.replace_state_with_url(
                                &wasm_bindgen::JsValue::NULL,
                                "",
                                Some(&url),
                            );
                        }
                        match codec::decode_link(&f) {
                            Ok(mut s) => {
                                s.view = a.view.unwrap_or(s.view);
                                ctx.replace(s, Notice::LinkOpened { omitted: a.omitted });
                            }
                            Err(e) => ctx.notice.set(Some(Notice::LinkError(e))),
                        }
                    }
                })
            });
            move || drop(listener)
        }
    });

    // The report stays on the page until the print dialog closes.
    use_effect_with(*ctx.printing, {
        let printing = ctx.printing.clone();
        move |on: &bool| {
            let pending = on.then(|| {
                let w = web_sys::window()?;
                let l = EventListener::once(&w, "afterprint", move |_| printing.set(false));
                // A moment for the report's charts to draw (their own effects).
                let t = gloo::timers::callback::Timeout::new(200, move || {
                    let _ = w.print();
                });
                Some((l, t))
            });
            move || drop(pending)
        }
    });
    ctx
}

/// The query string kept in the address (`?embed=1` of an embed snippet).
fn search_kept() -> String {
    location().1
}

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub ctx: ShareCtx,
    pub locale: Locale,
}

/// The toolbar under the navigation.
#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let ctx = props.ctx.clone();
    let t = props.locale.strings().share;
    let link = use_state(|| None::<String>);
    let download = use_mut_ref(|| None::<gloo::file::ObjectUrl>);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let file_input = use_node_ref();

    let oncopy = {
        let (ctx, link) = (ctx.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let s = &ctx.state.0;
            match link_for(s) {
                Ok(l) => {
                    let url = format!("{}{}", base_url(), share_hash(s.view, &l));
                    link.set(Some(url.clone()));
                    let omitted = l.omitted.clone();
                    let notice = ctx.notice.clone();
                    notice.set(Some(Notice::LinkReady {
                        copied: false,
                        omitted: omitted.clone(),
                    }));
                    if let Some(w) = web_sys::window() {
                        let promise = w.navigator().clipboard().write_text(&url);
                        wasm_bindgen_futures::spawn_local(async move {
                            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                                notice.set(Some(Notice::LinkReady {
                                    copied: true,
                                    omitted,
                                }));
                            }
                        });
                    }
                }
                Err(e) => {
                    link.set(None);
                    ctx.notice.set(Some(Notice::LinkImpossible(e)));
                }
            }
        })
    };

    let onsave = {
        let (ctx, download) = (ctx.clone(), download.clone());
        Callback::from(move |_: MouseEvent| {
            let blob = gloo::file::Blob::new_with_options(
                to_json(&ctx.state.0).as_str(),
                Some("application/json"),
            );
            let url = gloo::file::ObjectUrl::from(blob);
            let a = gloo::utils::document()
                .create_element("a")
                .ok()
                .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok());
            if let Some(a) = a {
                a.set_href(&url);
                a.set_download(&format!("cx-impact-scenario{FILE_SUFFIX}"));
                a.click();
            }
            // Kept until the next save: revoking at once can cancel the download.
            *download.borrow_mut() = Some(url);
        })
    };

    let onpick = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = file_input.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };

    let onfile = {
        let (ctx, reader) = (ctx.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file can be picked again after a fix.
            input.set_value("");
            let name = file.name();
            let size = file.size() as usize;
            if size > MAX_JSON_BYTES {
                ctx.notice.set(Some(Notice::FileError(
                    name,
                    ShareError::TooLong {
                        len: size,
                        max: MAX_JSON_BYTES,
                    },
                )));
                return;
            }
            let ctx2 = ctx.clone();
            let task = gloo::file::callbacks::read_as_text(&file.into(), move |text| {
                let result = text
                    .map_err(|e| ShareError::BadScenario(e.to_string()))
                    .and_then(|t| from_json(&t));
                match result {
                    Ok(s) => ctx2.replace(s, Notice::FileOpened(name)),
                    Err(e) => ctx2.notice.set(Some(Notice::FileError(name, e))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };

    let onreset = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let now = &ctx.state.0;
            let mut fresh = Scenario::new(now.locale);
            fresh.currency = now.currency;
            fresh.view = now.view;
            ctx.replace(fresh, Notice::ResetDone);
        })
    };
    let onundo = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.undo())
    };
    let onprint = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.printing.set(true))
    };
    let from_file = web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:");

    html! {
        <div class="share-bar no-print" role="toolbar" aria-label={t.toolbar}>
            <button type="button" id="share-copy" title={t.copy_link_help} onclick={oncopy}>{ t.copy_link }</button>
            <button type="button" id="share-save" title={t.save_file_help} onclick={onsave}>{ t.save_file }</button>
            <button type="button" id="share-open" title={t.open_file_help} onclick={onpick}>{ t.open_file }</button>
            <input type="file" id="share-open-file" hidden=true accept=".json,application/json"
                aria-label={t.open_file} ref={file_input} onchange={onfile} />
            <button type="button" id="share-reset" title={t.reset_help} onclick={onreset}>{ t.reset }</button>
            if !ctx.undo.is_empty() {
                <button type="button" id="share-undo" onclick={onundo}>{ t.undo }</button>
            }
            <button type="button" id="share-print" title={t.print_help} onclick={onprint}>{ t.print }</button>
            if !from_file {
                <a id="share-offline" href={format!("./{OFFLINE_FILE}")} download={OFFLINE_FILE}
                    title={t.offline_copy_help}>{ t.offline_copy }</a>
            }
            if let Some(url) = (*link).clone() {
                <span class="share-link">
                    <label for="share-link">{ t.link_label }</label>
                    <input id="share-link" type="text" readonly=true value={url} />
                </span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub ctx: ShareCtx,
    pub locale: Locale,
}

/// The last share notice, announced politely, with Undo when it applies.
#[function_component(ShareNotice)]
pub fn share_notice(props: &NoticeProps) -> Html {
    let ctx = props.ctx.clone();
    let t = props.locale.strings().share;
    // The live region stays in the page so that what appears in it is read out.
    let Some(n) = (*ctx.notice).clone() else {
        return html! { <div class="share-notice-slot" aria-live="polite"></div> };
    };
    let undoable = matches!(
        n,
        Notice::ResetDone | Notice::FileOpened(_) | Notice::LinkOpened { .. }
    ) && !ctx.undo.is_empty();
    let onundo = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.undo())
    };
    let ondismiss = {
        let notice = ctx.notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };
    let class = if n.is_error() {
        "share-notice error no-print"
    } else {
        "share-notice no-print"
    };
    html! {
        <div class="share-notice-slot" aria-live="polite">
            <div id="share-notice" class={class} role={if n.is_error() { "alert" } else { "status" }}>
                <p>{ n.text(props.locale) }</p>
                if undoable {
                    <button type="button" id="share-notice-undo" onclick={onundo}>{ t.undo }</button>
                }
                <button type="button" class="dismiss" onclick={ondismiss}>{ t.dismiss }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub scenario: Scenario,
    pub ondispatch: Callback<Action>,
}

/// The printed report: overview, business case and assumptions, one after
/// the other (the print stylesheet puts each on its own A4 page).
#[function_component(PrintReport)]
pub fn print_report(props: &ReportProps) -> Html {
    let (scenario, ondispatch) = (props.scenario.clone(), props.ondispatch.clone());
    let t = scenario.locale.strings().share;
    html! {
        <div class="print-report">
            <p class="report-title">{ t.report_title }</p>
            <section class="report-part"><OverviewPage scenario={scenario.clone()} ondispatch={ondispatch.clone()} /></section>
            <section class="report-part">{ page(View::Business, &scenario, &ondispatch) }</section>
            <section class="report-part"><AssumptionsPage {scenario} {ondispatch} /></section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedFootProps {
    pub scenario: Scenario,
}

/// At the foot of an embedded view: the same scenario in the full app.
#[function_component(EmbedFoot)]
pub fn embed_foot(props: &EmbedFootProps) -> Html {
    let t = props.scenario.locale.strings().share;
    let href = match link_for(&props.scenario) {
        Ok(l) => format!("{}{}", base_url(), share_hash(props.scenario.view, &l)),
        Err(_) => format!("{}{}", base_url(), props.scenario.view.hash()),
    };
    html! {
        <p class="embed-foot"><a {href} target="_blank" rel="noopener">{ t.open_full }</a></p>
    }
}

/// Registers the service worker (release builds served over http(s)): it
/// caches every asset at the first visit so the app then works offline.
pub fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let http = w
        .location()
        .protocol()
        .is_ok_and(|p| p == "http:" || p == "https:");
    // `serviceWorker` is absent on insecure origins and in some iframes.
    let has_sw = js_sys::Reflect::has(&w.navigator(), &"serviceWorker".into()).unwrap_or(false);
    if http && has_sw {
        let promise = w.navigator().service_worker().register("./sw.js");
        // A refused registration (private mode, a sandboxed frame) only
        // means no offline cache: the app works the same.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
