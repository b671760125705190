//! CX Impact: what customer experience is worth in money.
//!
//! * [`core`]: calculation and parsing, plain Rust with no web dependency.
//! * [`render`]: draws the core's chart specs with plotters, on any backend
//!   (the web canvas, an SVG string).
//! * `ui` (wasm32 only): the Yew single-page app that calls the core.
//! * `worker` (wasm32 only): the Web Worker that reads large data.
//! * `cli` (native only): the `cxi` command line over the same core.
//! * [`heap`]: a counting global allocator for the worker's and the
//!   benches' memory figures.

pub mod core;
pub mod heap;
pub mod render;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
