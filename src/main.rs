//! Entry point of the web app, built for wasm32 by Trunk.

#[cfg(target_arch = "wasm32")]
fn main() {
    cx_impact::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cx-impact is the web app: build it with `./x serve` (Trunk, wasm32). \
         For the native command line run `cargo run --bin cxi -- --help`."
    );
    std::process::exit(2);
}
