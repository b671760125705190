//! The data worker, built for wasm32 by Trunk as a Web Worker
//! (`data-type="worker"` in index.html) and started by the page only when a
//! large input arrives.

#[cfg(target_arch = "wasm32")]
fn main() {
    cx_impact::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("cxi-data-worker runs in a browser, started by the web app (./x serve).");
    std::process::exit(2);
}
