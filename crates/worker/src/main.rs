//! The data worker, built for wasm32 by Trunk as a Web Worker
//! (`data-type="worker"` in index.html) and started by the page only when a
//! large input arrives.

#[cfg(target_arch = "wasm32")]
mod worker;

/// The bench's view of the worker's heap: what Rust asks for, beside the
/// wasm memory size (which also holds the allocator's free gaps).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: cxi_heap::Counting = cxi_heap::Counting;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("cxi-data-worker runs in a browser, started by the web app (./x serve).");
    std::process::exit(2);
}
