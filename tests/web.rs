//! In-browser tests (wasm-bindgen-test in headless Chromium): the real app
//! mounted in a real DOM. Run by `./x test`.
#![cfg(target_arch = "wasm32")]

use cxi_dashboard::pages::clv::ClvAssumptions;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/dom.rs"]
mod dom;

use dom::{find, root, settle};

async fn mount() -> Element {
    // Each test starts from defaults, not from the autosave of the one before.
    <gloo::storage::LocalStorage as gloo::storage::Storage>::clear();
    let root = root();
    // The calculator is on the Customer value page.
    gloo::utils::window()
        .location()
        .set_hash("#/value")
        .unwrap();
    yew::Renderer::<cx_impact::ui::App>::with_root(root.clone()).render();
    settle().await;
    root
}

async fn type_into(root: &Element, sel: &str, text: &str) {
    let input: HtmlInputElement = find(root, sel).dyn_into().unwrap();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
    settle().await;
}

fn shown_clv(root: &Element) -> f64 {
    find(root, "#clv-value")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
}

#[wasm_bindgen_test]
async fn first_render_shows_the_core_value_of_the_defaults() {
    let root = mount().await;
    let expected = ClvAssumptions::default().compute().unwrap().clv;
    assert_eq!(shown_clv(&root), expected);
    let text = find(&root, "#clv-value").text_content().unwrap();
    assert!(text.contains("869"), "{text}");
}

#[wasm_bindgen_test]
async fn typing_a_retention_recomputes_from_the_core() {
    let root = mount().await;
    type_into(&root, "#retention", "90").await;
    let expected = ClvAssumptions {
        retention_pct: 90.0,
        ..ClvAssumptions::default()
    }
    .compute()
    .unwrap()
    .clv;
    assert_eq!(shown_clv(&root), expected);
    // A decimal comma is accepted as well.
    type_into(&root, "#retention", "92,5").await;
    let expected = ClvAssumptions {
        retention_pct: 92.5,
        ..ClvAssumptions::default()
    }
    .compute()
    .unwrap()
    .clv;
    assert_eq!(shown_clv(&root), expected);
}

#[wasm_bindgen_test]
async fn unparsable_text_is_kept_and_explained() {
    let root = mount().await;
    let before = shown_clv(&root);
    type_into(&root, "#margin", "12,3,4").await;
    let input: HtmlInputElement = find(&root, "#margin").dyn_into().unwrap();
    assert_eq!(input.value(), "12,3,4");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let err = find(&root, "#margin-error").text_content().unwrap();
    assert!(err.contains("12,3,4"), "{err}");
    // The last valid value still drives the result.
    assert_eq!(shown_clv(&root), before);
}

#[wasm_bindgen_test]
async fn out_of_range_retention_is_refused_with_a_message() {
    let root = mount().await;
    type_into(&root, "#retention", "120").await;
    let err = find(&root, "#retention-error").text_content().unwrap();
    assert!(err.contains("120"), "{err}");
    assert!(root.query_selector("#clv-value").unwrap().is_none());
    type_into(&root, "#retention", "80").await;
    assert!(root.query_selector("#retention-error").unwrap().is_none());
    assert!(shown_clv(&root) > 0.0);
}

#[wasm_bindgen_test]
async fn chart_is_drawn() {
    let root = mount().await;
    let canvas: HtmlCanvasElement = find(&root, "#clv-canvas").dyn_into().unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    assert!(w > 0.0 && h > 0.0);
    let data = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data();
    let coloured = data
        .chunks_exact(4)
        .filter(|p| !(p[0] > 245 && p[1] > 245 && p[2] > 245))
        .count();
    let share = coloured as f64 / (w * h);
    assert!(share > 0.02, "only {share:.4} of the canvas is drawn");
}

#[wasm_bindgen_test]
async fn data_table_toggle_lists_every_period() {
    let root = mount().await;
    assert!(root.query_selector("#clv-table").unwrap().is_none());
    let button: web_sys::HtmlElement = find(&root, "figure.chart button").dyn_into().unwrap();
    button.click();
    settle().await;
    let rows = root
        .query_selector_all("#clv-table tbody tr")
        .unwrap()
        .length();
    assert_eq!(rows, ClvAssumptions::default().horizon);
}

#[wasm_bindgen_test]
async fn value_card_is_the_closed_form_without_data_and_has_no_interval() {
    let root = mount().await;
    let shown: f64 = find(&root, "#card-clv .figure")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(shown, ClvAssumptions::default().compute().unwrap().clv);
    assert!(root
        .query_selector("#card-clv .interval")
        .unwrap()
        .is_none());
    let auto: HtmlInputElement = find(&root, "#value-model-auto").dyn_into().unwrap();
    assert!(auto.checked());
    let bgnbd: HtmlInputElement = find(&root, "#value-model-bgnbd").dyn_into().unwrap();
    assert!(bgnbd.disabled(), "no data: BG/NBD cannot be chosen");
    // The card follows the calculator.
    type_into(&root, "#retention", "90").await;
    let shown: f64 = find(&root, "#card-clv .figure")
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(shown, shown_clv(&root));
}
