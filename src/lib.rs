//! CX Impact: what customer experience is worth in money.
//!
//! * [`core`]: calculation and parsing, plain Rust with no web dependency.
//! * `ui` (wasm32 only): the Yew single-page app that calls the core.
//! * `worker` (wasm32 only): the Web Worker that reads large data.
//! * `cli` (native only): the `cxi` command line over the same core.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
