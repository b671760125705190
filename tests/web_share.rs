//! In-browser tests of share (wasm-bindgen-test in headless Chromium): a
//! link in the address opens its scenario, a damaged one leaves a message
//! and the defaults, every change is autosaved. Run by `./x test`.
#![cfg(target_arch = "wasm32")]

use cxi_dashboard::scenario::Scenario;
use cxi_dashboard::share::from_json;
use cxi_dashboard::share::link_for;
use cxi_dashboard::share::share_hash;
use cxi_dashboard::share::STORAGE_KEY;
use cxi_types::Locale;
use cxi_types::View;
use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/dom.rs"]
mod dom;

use dom::{find, root, settle};

/// Mounts the app at `hash` (set without a hashchange event, so apps of
/// earlier tests on this page do not react), storage empty.
async fn mount_at(hash: &str) -> Element {
    LocalStorage::clear();
    let w = gloo::utils::window();
    let base = w.location().href().unwrap();
    let base = base.split('#').next().unwrap().to_string();
    w.history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{base}{hash}")),
        )
        .unwrap();
    let root = root();
    yew::Renderer::<cx_impact::ui::App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn input_value(root: &Element, sel: &str) -> String {
    find(root, sel)
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value()
}

#[wasm_bindgen_test]
async fn a_link_opens_its_scenario_and_leaves_the_address() {
    let mut s = Scenario::new(Locale::En);
    s.clv.retention_pct = 90.0;
    s.clv.margin = 12.25;
    let hash = share_hash(View::Value, &link_for(&s).unwrap());
    let root = mount_at(&hash).await;
    assert_eq!(input_value(&root, "#retention"), "90");
    assert_eq!(input_value(&root, "#margin"), "12.25");
    let want = s.clv.compute().unwrap().clv;
    let shown: f64 = find(&root, "#clv-value")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(shown, want);
    assert_eq!(
        find(&root, "#share-notice p").text_content().unwrap(),
        "Scenario opened from the link."
    );
    assert_eq!(gloo::utils::window().location().hash().unwrap(), "#/value");
    // And it is now the autosave.
    let saved = from_json(&LocalStorage::raw().get_item(STORAGE_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(saved.clv, s.clv);
}

#[wasm_bindgen_test]
async fn a_damaged_link_says_so_and_the_defaults_work() {
    let root = mount_at("#/value?s=v1.AAAA").await;
    let notice = find(&root, "#share-notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        notice
            .text_content()
            .unwrap()
            .contains("damaged or truncated")
            || notice.text_content().unwrap().contains("abîmé ou tronqué")
    );
    assert_eq!(input_value(&root, "#retention"), "95");
}

#[wasm_bindgen_test]
async fn every_change_is_autosaved() {
    let root = mount_at("#/value").await;
    let input: HtmlInputElement = find(&root, "#retention").dyn_into().unwrap();
    input.set_value("87");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    let saved = from_json(&LocalStorage::raw().get_item(STORAGE_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(saved.clv.retention_pct, 87.0);
    assert_eq!(saved.view, View::Value);
}
