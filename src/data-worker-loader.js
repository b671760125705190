// Starts the data worker (src/worker.rs): wasm-bindgen's no-modules glue, then its wasm.
// Trunk copies this file next to index.html; the page creates the worker only when data is loaded.
importScripts('./cxi-data-worker.js');
wasm_bindgen({ module_or_path: './cxi-data-worker_bg.wasm' });
