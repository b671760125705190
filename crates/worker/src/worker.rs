//! The data worker (wasm32 only): one [`Session`] per worker, driven by
//! [`ToWorker`] messages (see [`cxi_dashboard::data::protocol`]).
//!
//! The input arrives as a transferred `ArrayBuffer` (a large paste) or as a
//! `File` handle, which is read here in chunks with `FileReaderSync`, so
//! the page never holds the file's bytes and the progress bar follows the
//! bytes actually read. Either way the bytes are copied once, into this
//! wasm's memory, and the parser works on them there.

use cxi_dashboard::i18n::LocaleStrings;
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use cxi_dashboard::data::FitStats;
use cxi_dashboard::data::FromWorker;
use cxi_dashboard::data::LoadStats;
use cxi_dashboard::data::Session;
use cxi_dashboard::data::Source;
use cxi_dashboard::data::Stage;
use cxi_dashboard::data::ToWorker;
use cxi_dashboard::i18n::Words;
use cxi_types::Locale;

/// Bytes read from a `File` per step (and per progress message).
const CHUNK: u64 = 4 << 20;
/// Largest input read: a wasm32 memory is at most 4 GiB and a session needs
/// about three times its input.
pub const MAX_BYTES: u64 = 1 << 30;

/// Entry point of the worker binary: listens, then says it is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session: Rc<RefCell<Option<Session>>> = Rc::default();
    let onmessage = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            handle(&scope, &session, &e.data());
        })
    };
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as its handler: leak it on purpose.
    onmessage.forget();
    send(&scope, &FromWorker::Ready);
}

fn handle(scope: &DedicatedWorkerGlobalScope, session: &RefCell<Option<Session>>, data: &JsValue) {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(msg) = serde_json::from_str::<ToWorker>(&json) else {
        return;
    };
    match msg {
        ToWorker::Open { source, locale } => {
            let input = Reflect::get(data, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            let clock = Clock::new(scope);
            let reply = match read_input(scope, &input) {
                Ok(bytes) => open(scope, &clock, bytes, source, locale, session),
                Err(reason) => FromWorker::Failed { reason },
            };
            send(scope, &reply);
        }
        ToWorker::Sample { sample, locale } => {
            let clock = Clock::new(scope);
            let text = sample.text(locale);
            let source = sample.source(locale, text.len());
            let reply = open(scope, &clock, text.into_bytes(), source, locale, session);
            send(scope, &reply);
        }
        ToWorker::Edit { edit, locale } => {
            if let Some(s) = session.borrow_mut().as_mut() {
                s.apply(edit);
                send(
                    scope,
                    &FromWorker::Reported {
                        report: Box::new(s.report(locale)),
                    },
                );
            }
        }
        ToWorker::Fit => fit(scope, &Clock::new(scope), session),
        ToWorker::Holdout { end } => {
            let check = session
                .borrow_mut()
                .as_mut()
                .and_then(|s| s.recheck_holdout(end));
            if let Some(check) = check {
                send(
                    scope,
                    &FromWorker::Holdout {
                        check: Box::new(check),
                    },
                );
            }
        }
        ToWorker::Extract => {
            let inputs = session
                .borrow()
                .as_ref()
                .and_then(Session::link_inputs)
                .map(Box::new);
            send(scope, &FromWorker::Extracted { inputs });
        }
        ToWorker::Link {
            inputs,
            choice,
            from,
        } => {
            let joined = session
                .borrow()
                .as_ref()
                .and_then(|s| s.link(&inputs, &choice));
            if let Some(joined) = joined {
                let result = joined
                    .map(Box::new)
                    .map_err(|e| Words::each(|l| cxi_dashboard::i18n::messages::link_error(&e, l)));
                send(
                    scope,
                    &FromWorker::Linked {
                        choice,
                        from,
                        result,
                    },
                );
            }
        }
        ToWorker::Render { locale } => {
            if let Some(s) = session.borrow().as_ref() {
                send(
                    scope,
                    &FromWorker::Reported {
                        report: Box::new(s.report(locale)),
                    },
                );
            }
        }
    }
}

/// Opens `bytes` as this worker's session; `clock` started when the input
/// started arriving.
fn open(
    scope: &DedicatedWorkerGlobalScope,
    clock: &Clock,
    bytes: Vec<u8>,
    source: Source,
    locale: Locale,
    session: &RefCell<Option<Session>>,
) -> FromWorker {
    let mut stats = LoadStats {
        bytes: bytes.len() as u64,
        read_ms: clock.lap(),
        ..LoadStats::default()
    };
    let mut stage = Stage::Read;
    let mut opened = Session::open(bytes, source, &mut |next, done, total| {
        if next != stage {
            let ms = clock.lap();
            match stage {
                Stage::Parse => stats.parse_ms = ms,
                Stage::Guess => stats.guess_ms = ms,
                _ => {}
            }
            stage = next;
        }
        send(
            scope,
            &FromWorker::Progress {
                stage: next,
                done,
                total,
            },
        );
    });
    stats.validate_ms = clock.lap();
    match opened.as_mut() {
        Ok(s) => {
            send(
                scope,
                &FromWorker::Progress {
                    stage: Stage::Report,
                    done: 0,
                    total: 0,
                },
            );
            let report = Box::new(s.report(locale));
            stats.report_ms = clock.lap();
            stats.memory_bytes = wasm_memory_bytes();
            stats.heap_peak_bytes = heap_peak_bytes();
            *session.borrow_mut() = opened.ok();
            FromWorker::Opened { report, stats }
        }
        Err(e) => FromWorker::Failed {
            reason: Words::each(|l| cxi_dashboard::i18n::messages::parse_error(e, l)),
        },
    }
}

/// Computes and sends the evidence the last report left out, if it did
/// (else nothing: a repeated request costs nothing). Messages arrive in
/// order, so the page knows which report it completes; an edit that arrives
/// meanwhile waits for this to finish.
fn fit(scope: &DedicatedWorkerGlobalScope, clock: &Clock, session: &RefCell<Option<Session>>) {
    let session = session.borrow();
    let Some(s) = session.as_ref().filter(|s| s.evidence_pending()) else {
        return;
    };
    clock.lap();
    if let Some(evidence) = s.evidence() {
        let stats = FitStats {
            fit_ms: clock.lap(),
            memory_bytes: wasm_memory_bytes(),
            heap_peak_bytes: heap_peak_bytes(),
        };
        send(
            scope,
            &FromWorker::Fitted {
                evidence: Box::new(evidence),
                stats,
            },
        );
    }
}

/// The input as bytes in wasm memory: one copy from the `ArrayBuffer`, or
/// chunk by chunk from the `File`. Errors are worded in every language
/// (the browser's own messages as they are).
fn read_input(scope: &DedicatedWorkerGlobalScope, input: &JsValue) -> Result<Vec<u8>, Words> {
    let browser = |e: JsValue| Words::same(format!("{e:?}"));
    if let Some(buf) = input.dyn_ref::<ArrayBuffer>() {
        let view = Uint8Array::new(buf);
        let mut bytes = vec![0; view.length() as usize];
        view.copy_to(&mut bytes);
        send(
            scope,
            &FromWorker::Progress {
                stage: Stage::Read,
                done: bytes.len() as u64,
                total: bytes.len() as u64,
            },
        );
        return Ok(bytes);
    }
    let blob: &Blob = input.dyn_ref().ok_or_else(|| Words::same("no data"))?;
    let size = blob.size() as u64;
    if size > MAX_BYTES {
        return Err(Words::each(|locale| {
            cxi_dashboard::i18n::fill(
                locale.strings().data.too_large,
                &[
                    ("size", &(size / 1_000_000).to_string()),
                    ("max", &(MAX_BYTES / 1_000_000).to_string()),
                ],
            )
        }));
    }
    let reader = FileReaderSync::new().map_err(browser)?;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(size as usize)
        .map_err(|e| Words::same(e.to_string()))?;
    let mut at = 0u64;
    while at < size {
        let end = (at + CHUNK).min(size);
        let part = blob
            .slice_with_f64_and_f64(at as f64, end as f64)
            .map_err(browser)?;
        let buf = reader.read_as_array_buffer(&part).map_err(browser)?;
        let view = Uint8Array::new(&buf);
        let start = bytes.len();
        bytes.resize(start + view.length() as usize, 0);
        view.copy_to(&mut bytes[start..]);
        at = end;
        send(
            scope,
            &FromWorker::Progress {
                stage: Stage::Read,
                done: at,
                total: size,
            },
        );
    }
    Ok(bytes)
}

fn send(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    let obj = Object::new();
    let json = serde_json::to_string(msg).unwrap_or_default();
    let _ = Reflect::set(&obj, &"json".into(), &json.into());
    let _ = scope.post_message(&obj);
}

/// Peak heap bytes in use so far (the worker binary installs
/// [`cxi_heap::Counting`]).
fn heap_peak_bytes() -> u64 {
    cxi_heap::peak() as u64
}

fn wasm_memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<ArrayBuffer>().byte_length() as u64)
        .unwrap_or(0)
}

/// Milliseconds between laps, from the worker's `performance.now()`.
struct Clock {
    perf: Option<web_sys::Performance>,
    last: std::cell::Cell<f64>,
}

impl Clock {
    fn new(scope: &DedicatedWorkerGlobalScope) -> Clock {
        let perf = scope.performance();
        let now = perf.as_ref().map_or(0.0, |p| p.now());
        Clock {
            perf,
            last: std::cell::Cell::new(now),
        }
    }

    fn lap(&self) -> f64 {
        let now = self.perf.as_ref().map_or(0.0, |p| p.now());
        now - self.last.replace(now)
    }
}
