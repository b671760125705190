//! DOM helpers shared by the in-browser tests (`web.rs`, `web_share.rs`,
//! `web_data.rs`, each `#[path]`-including this file: `common/mod.rs` also
//! holds native-only helpers).
#![allow(dead_code)]

use std::time::Duration;
use web_sys::Element;

/// Lets Yew render and run its effects.
pub async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(80)).await;
}

/// A fresh `<div>` appended to the page's body, to mount into.
pub fn root() -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

/// The element `sel` under `root`; a test fails if it is missing.
pub fn find(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {sel}"))
}
