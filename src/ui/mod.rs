//! The Yew single-page app (wasm32 only); it only calls `crate::core`.
