// Starts the data worker (src/worker.rs): wasm-bindgen's no-modules glue, then its wasm.
// A template: scripts/postbuild.py (Trunk hook) writes it next to index.html with the
// worker's content-hashed file names; the page creates the worker only when data is loaded.
importScripts('./cxi-data-worker.js');
wasm_bindgen({ module_or_path: './cxi-data-worker_bg.wasm' });
