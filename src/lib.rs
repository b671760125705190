//! CX Impact, the web app: the Yew single-page app (wasm32 only) over the
//! dashboard's pure computations (`cxi-dashboard`) and the chart renderer
//! (`cxi-render`). Natively this crate is empty; the models, the parser and
//! the command line live in the crates under `crates/`.

#[cfg(target_arch = "wasm32")]
pub mod ui;
