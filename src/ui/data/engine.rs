//! The data sessions run in Web Workers, one per load: the page's wasm
//! carries neither the parser nor the samples (they would double its size),
//! and reading a million rows never blocks the page.
//!
//! Each worker is named by an [`EngineId`]; the page's
//! [`DataState`](cxi_dashboard::data::DataState) says which are still needed
//! and the others are dropped, which terminates them: that is how Cancel
//! works, and why a late message can never reach the wrong table.

use cxi_dashboard::i18n::LocaleStrings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

use cxi_dashboard::data::linked::JoinChoice;
use cxi_dashboard::data::workspace::JoinAsk;
use cxi_dashboard::data::DataEvent;
use cxi_dashboard::data::Edit;
use cxi_dashboard::data::EngineId;
use cxi_dashboard::data::FromWorker;
use cxi_dashboard::data::Stage;
use cxi_dashboard::data::ToWorker;
use cxi_types::Locale;

/// The worker's loader script when the page names none (a build without
/// `scripts/postbuild.py`).
pub const WORKER_URL: &str = "./data-worker-loader.js";

/// The worker's loader script, fetched only when data is loaded. The
/// single-file offline build (no files beside it) sets `__cxiWorkerUrl` to a
/// `blob:` URL of the worker it carries; otherwise it is the one index.html's
/// `<meta name="cxi-data-worker">` names, which the build's hook
/// (`scripts/postbuild.py`) sets to a name that changes with the worker's
/// content, so a page never starts a worker from another deploy.
pub fn worker_url() -> String {
    Reflect::get(&js_sys::global(), &"__cxiWorkerUrl".into())
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(r#"meta[name="cxi-data-worker"]"#).ok())
                .flatten()
                .and_then(|m| m.get_attribute("content"))
        })
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| WORKER_URL.to_string())
}

/// Messages waiting for the worker to listen, with what they transfer.
type Queue = Rc<RefCell<Vec<(JsValue, Option<Array>)>>>;

/// A dedicated worker running the data session; terminated when dropped.
pub struct WorkerClient {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    /// Messages posted before the worker's wasm listens.
    queue: Queue,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    /// Starts a worker whose replies become [`DataEvent`]s of engine `id`.
    pub fn spawn(id: EngineId, reply: Callback<DataEvent>) -> Result<WorkerClient, String> {
        let worker = Worker::new(&worker_url()).map_err(|e| js_text(&e))?;
        let ready = Rc::new(Cell::new(false));
        let queue: Queue = Rc::default();
        let onmessage = {
            let (ready, queue, worker) = (ready.clone(), queue.clone(), worker.clone());
            let reply = reply.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let json = Reflect::get(&e.data(), &"json".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                let Ok(msg) = serde_json::from_str::<FromWorker>(&json) else {
                    return;
                };
                let event = match msg {
                    FromWorker::Ready => {
                        ready.set(true);
                        for (m, transfer) in queue.borrow_mut().drain(..) {
                            post(&worker, &m, transfer.as_ref());
                        }
                        return;
                    }
                    FromWorker::Progress { stage, done, total } => DataEvent::Progress {
                        id,
                        stage,
                        done,
                        total,
                    },
                    FromWorker::Opened { report, .. } => DataEvent::Opened {
                        id,
                        report: Rc::new(*report),
                    },
                    FromWorker::Reported { report } => DataEvent::Reported {
                        id,
                        report: Rc::new(*report),
                    },
                    FromWorker::Fitted { evidence, .. } => DataEvent::Fitted {
                        id,
                        evidence: Rc::new(*evidence),
                    },
                    FromWorker::Holdout { check } => DataEvent::Holdout {
                        id,
                        check: Rc::new(*check),
                    },
                    FromWorker::Failed { reason } => DataEvent::Failed { id, reason },
                    FromWorker::Extracted { inputs } => DataEvent::Extracted {
                        id,
                        inputs: inputs.map(|i| Rc::new(*i)),
                    },
                    FromWorker::Linked {
                        choice,
                        from,
                        result,
                    } => DataEvent::Linked {
                        id,
                        choice,
                        from,
                        result: result.map(|e| Rc::new(*e)),
                    },
                };
                reply.emit(event);
            })
        };
        let onerror = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            let m = e.message();
            let reason = if m.is_empty() {
                "worker error".to_string()
            } else {
                m
            };
            reply.emit(DataEvent::Stopped { id, reason });
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(WorkerClient {
            worker,
            ready,
            queue,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    /// Sends `edit` (or, with `None`, asks for the report again in
    /// `locale`); the answer arrives as a [`DataEvent::Reported`].
    pub fn request(&self, edit: Option<Edit>, locale: Locale) {
        let msg = match edit {
            Some(edit) => ToWorker::Edit { edit, locale },
            None => ToWorker::Render { locale },
        };
        self.send(&msg, None);
    }

    /// Asks for the models fitted to the current table; the answer arrives
    /// as a [`DataEvent::Fitted`] (none if nothing is left to fit).
    pub fn fit(&self) {
        self.send(&ToWorker::Fit, None);
    }

    /// Asks for the value holdout check at calibration end `end` (`None`:
    /// the default); the answer arrives as a [`DataEvent::Holdout`].
    pub fn holdout(&self, end: Option<chrono::NaiveDate>) {
        self.send(&ToWorker::Holdout { end }, None);
    }

    /// Asks what this table gives a join by customer id; the answer
    /// arrives as a [`DataEvent::Extracted`].
    pub fn extract(&self) {
        self.send(&ToWorker::Extract, None);
    }

    /// Asks this order log's session to join `ask`'s answers (with its
    /// customer table's churn flags) under `choice`; the answer arrives as
    /// a [`DataEvent::Linked`].
    pub fn link(&self, ask: &JoinAsk, choice: JoinChoice) {
        self.send(
            &ToWorker::Link {
                inputs: Box::new(ask.answers.with_crm_of(ask.crm.as_deref())),
                choice,
                from: ask.from,
            },
            None,
        );
    }

    /// Posts `msg` with `data` attached: an `ArrayBuffer` is transferred
    /// (not copied), a `File` is passed as a handle the worker reads.
    pub fn send(&self, msg: &ToWorker, data: Option<&JsValue>) {
        let obj = Object::new();
        let json = serde_json::to_string(msg).unwrap_or_default();
        let _ = Reflect::set(&obj, &"json".into(), &json.into());
        let mut transfer = None;
        if let Some(d) = data {
            let _ = Reflect::set(&obj, &"data".into(), d);
            if d.is_instance_of::<js_sys::ArrayBuffer>() {
                transfer = Some(Array::of1(d));
            }
        }
        if self.ready.get() {
            post(&self.worker, &obj, transfer.as_ref());
        } else {
            self.queue.borrow_mut().push((obj.into(), transfer));
        }
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn post(worker: &Worker, msg: &JsValue, transfer: Option<&Array>) {
    let _ = match transfer {
        Some(t) => worker.post_message_with_transfer(msg, t),
        None => worker.post_message(msg),
    };
}

/// Runs `f` once the page has painted what was just rendered (the next
/// animation frame, then a task after it), or at once in a hidden page,
/// where frames do not come.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return f();
    };
    if window.document().is_none_or(|d| d.hidden()) {
        return f();
    }
    let later = Closure::once_into_js(f);
    let frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(later.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// Copies bytes into a fresh `ArrayBuffer` to transfer to a worker.
pub fn array_buffer(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).buffer().into()
}

fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "error".into())
}

/// The stage label shown under the progress bar.
pub fn stage_label(locale: Locale, stage: Stage) -> &'static str {
    let t = locale.strings().data;
    match stage {
        Stage::Read => t.stage_read,
        Stage::Parse => t.stage_parse,
        Stage::Guess => t.stage_guess,
        Stage::Validate => t.stage_validate,
        Stage::Report => t.stage_report,
    }
}
