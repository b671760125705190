//! The Data page: paste, drop or choose a file, or load a sample; confirm
//! the shape and the columns; fix or exclude bad rows; see the typed rows.
//!
//! State split:
//! * the scenario (the app's reducer) gets only [`LoadedData`], a small
//!   summary, once a table validates;
//! * this page's reducer holds a pure [`DataState`]: which session is
//!   shown, kept or loading, and their latest [`Report`]s;
//! * the sessions themselves (the tables, up to hundreds of MB) live in Web
//!   Workers, one per load, kept in a registry next to it; any worker the
//!   state no longer names is terminated.

mod checks;
mod engine;
mod input;
mod preview;
mod setup;

use cxi_dashboard::i18n::LocaleStrings;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use self::checks::checks;
use self::engine::{after_paint, array_buffer, stage_label, WorkerClient};
use self::input::{data_input, Incoming};
use self::preview::preview_table;
use self::setup::table_setup;
use super::format;
use cxi_dashboard::data::DataEvent;
use cxi_dashboard::data::DataState;
use cxi_dashboard::data::Edit;
use cxi_dashboard::data::EngineId;
use cxi_dashboard::data::LoadedData;
use cxi_dashboard::data::Notice;
use cxi_dashboard::data::Report;
use cxi_dashboard::data::Source;
use cxi_dashboard::data::SourceKind;
use cxi_dashboard::data::ToWorker;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::pages::value::holdout_request;
use cxi_dashboard::scenario::Action;
use cxi_types::Locale;

pub use self::checks::summary_text;
pub use self::engine::{worker_url, WORKER_URL};

/// The page's state as a yew reducer; the transitions are the core's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageState(pub DataState);

impl Reducible for PageState {
    type Action = DataEvent;

    fn reduce(self: Rc<Self>, event: DataEvent) -> Rc<Self> {
        Rc::new(PageState(self.0.reduce(event)))
    }
}

type Engines = RefCell<HashMap<EngineId, WorkerClient>>;

#[derive(Properties, PartialEq)]
pub struct DataPageProps {
    pub locale: Locale,
    /// The data in use, as the scenario has it.
    pub in_use: Option<LoadedData>,
    pub ondispatch: Callback<Action>,
    /// Kept mounted while another page shows, so nothing loaded is lost.
    #[prop_or_default]
    pub hidden: bool,
    /// The Customer value page's holdout calibration end (the scenario's):
    /// the session in use redoes the check when its evidence holds another.
    #[prop_or_default]
    pub calibration_end: Option<chrono::NaiveDate>,
}

#[function_component(DataPage)]
pub fn data_page(props: &DataPageProps) -> Html {
    let locale = props.locale;
    let t = locale.strings().data;
    let state = use_reducer(PageState::default);
    let engines: Rc<Engines> = use_mut_ref(HashMap::new);
    let next_id = use_mut_ref(|| 0u32);
    let reply = {
        let state = state.clone();
        Callback::from(move |e: DataEvent| state.dispatch(e))
    };
    let s = &state.0;

    // Drop every session the state no longer names (cancel, replaced).
    use_effect_with(s.engines(), {
        let engines = engines.clone();
        move |ids: &Vec<EngineId>| {
            engines.borrow_mut().retain(|k, _| ids.contains(k));
        }
    });

    // The models are fitted once the table's report is on screen: fitting
    // takes a core, and a large report's first layout must not compete for
    // it. Each new report waiting for its evidence asks (a repeated request
    // is answered by nothing).
    let waiting = s
        .current
        .as_ref()
        .filter(|c| c.report.evidence_pending && c.report.ready().is_some())
        .map(|c| (c.id, Rc::as_ptr(&c.report) as usize));
    use_effect_with(waiting, {
        let engines = engines.clone();
        move |waiting: &Option<(EngineId, usize)>| {
            if let Some((id, _)) = *waiting {
                after_paint(move || {
                    if let Some(w) = engines.borrow().get(&id) {
                        w.fit();
                    }
                });
            }
        }
    });

    // Reports follow the language.
    use_effect_with(locale, {
        let engines = engines.clone();
        let ids: Vec<EngineId> = [s.current.as_ref(), s.kept.as_ref()]
            .into_iter()
            .flatten()
            .map(|slot| slot.id)
            .collect();
        move |locale: &Locale| {
            for id in ids {
                if let Some(w) = engines.borrow().get(&id) {
                    w.request(None, *locale);
                }
            }
        }
    });

    // The value page's holdout check follows the calibration end asked
    // for: the rows are in the worker, so the worker redoes it (an end out
    // of the log's range is refused on the page and asks nothing).
    let holdout_ask = s.in_use().and_then(|slot| {
        let check = slot
            .report
            .loaded
            .as_ref()
            .and_then(|l| l.evidence.value.as_deref())
            .and_then(|v| v.holdout.as_ref());
        holdout_request(check, props.calibration_end).map(|end| (slot.id, end))
    });
    use_effect_with(holdout_ask, {
        let engines = engines.clone();
        move |ask: &Option<(EngineId, Option<chrono::NaiveDate>)>| {
            if let Some((id, end)) = *ask {
                if let Some(w) = engines.borrow().get(&id) {
                    w.holdout(end);
                }
            }
        }
    });

    // The scenario gets the summary of the data in use.
    let in_use = s.for_scenario().cloned();
    use_effect_with((in_use, props.in_use.clone()), {
        let d = props.ondispatch.clone();
        move |(now, scenario): &(Option<LoadedData>, Option<LoadedData>)| {
            if let Some(now) = now {
                if Some(now) != scenario.as_ref() {
                    d.emit(Action::SetData(Box::new(now.clone())));
                }
            }
        }
    });

    let onincoming = {
        let (engines, reply, next_id) = (engines.clone(), reply.clone(), next_id.clone());
        Callback::from(move |inc: Incoming| {
            let id = {
                let mut n = next_id.borrow_mut();
                *n += 1;
                *n
            };
            load(id, inc, locale, &engines, &reply);
        })
    };
    let onedit = {
        let (engines, reply, state) = (engines.clone(), reply.clone(), state.clone());
        Callback::from(move |edit: Edit| {
            let Some(id) = state.0.current.as_ref().map(|c| c.id) else {
                return;
            };
            if let Some(w) = engines.borrow().get(&id) {
                reply.emit(DataEvent::Editing);
                w.request(Some(edit), locale);
            }
        })
    };
    let oncancel = {
        let reply = reply.clone();
        Callback::from(move |_: MouseEvent| reply.emit(DataEvent::Cancel))
    };
    let onback = {
        let reply = reply.clone();
        Callback::from(move |_: MouseEvent| reply.emit(DataEvent::BackToKept))
    };

    let in_use_line = match &props.in_use {
        Some(d) => fill(
            t.in_use,
            &[
                ("name", &d.source.name),
                ("rows", &format::number(locale, d.digest.rows as f64, 0)),
            ],
        ),
        None => t.nothing_loaded.to_string(),
    };
    let progress = s.loading.as_ref().map(|l| {
        let fraction = l.fraction();
        let label = fill(t.loading, &[("name", &l.name)]);
        html! {
            <div class="loading" id="data-loading" role="status" aria-live="polite">
                <label for="data-progress">{ label }</label>
                <div class="progress-row">
                    <progress id="data-progress" max="1" value={fraction.to_string()}></progress>
                    <button type="button" class="secondary" id="data-cancel" onclick={oncancel}>{ t.cancel }</button>
                </div>
                <p class="stage" id="data-stage">{ stage_label(locale, l.stage) }
                    if l.total > 0 {
                        { format!(" — {}", format::percent(locale, l.done as f64 / l.total as f64, 0)) }
                    }
                </p>
            </div>
        }
    });
    let notice = s.notice.as_ref().map(|n| {
        let (class, text) = match n {
            // The reason in the language shown now, not the one of the
            // moment it happened.
            Notice::Unusable { reason, kept: None } => {
                ("error", fill(t.unusable, &[("reason", reason.get(locale))]))
            }
            Notice::Unusable {
                reason,
                kept: Some(name),
            } => (
                "error",
                fill(
                    t.unusable_kept,
                    &[("reason", reason.get(locale)), ("name", name)],
                ),
            ),
            Notice::Cancelled => ("info", t.cancelled.to_string()),
            Notice::Stopped { reason } => ("error", fill(t.worker_failed, &[("reason", reason)])),
        };
        html! { <p class={classes!("notice", class)} id="data-notice" role="alert">{ text }</p> }
    });
    let fitting = s.fitting().then(|| {
        html! {
            <div class="fitting" id="data-fitting" role="status" aria-live="polite">
                <progress aria-label={t.fitting}></progress>
                <p>{ t.fitting }</p>
            </div>
        }
    });
    let kept = s.kept.as_ref().map(|k| {
        let name = &k.report.source;
        html! {
            <div class="kept" id="data-kept">
                <p>{ fill(t.kept_note, &[("name", name)]) }</p>
                <button type="button" class="secondary" onclick={onback}>
                    { fill(t.back_to, &[("name", name)]) }
                </button>
            </div>
        }
    });
    let current = s.current.as_ref().map(|c| {
        html! {
            <div class={classes!("current", s.busy.then_some("busy"))} aria-busy={s.busy.to_string()}>
                { report_view(&c.report, locale, &onedit) }
            </div>
        }
    });

    html! {
        <section class="panel data" aria-labelledby="data-heading" hidden={props.hidden}>
            <h2 id="data-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <p class="in-use" id="data-in-use">{ in_use_line }</p>
            { data_input(locale, &onincoming) }
            // One wrapper for what comes and goes, so the input area above
            // keeps its DOM (and the text in the paste box) across renders.
            <div class="data-status">
                { for progress }
                { for notice }
                { for fitting }
                { for kept }
                { for current }
            </div>
        </section>
    }
}

/// One table as the worker reported it: name, shape and columns, problems,
/// preview. Edits go to `onedit`.
pub fn report_view(report: &Report, locale: Locale, onedit: &Callback<Edit>) -> Html {
    html! {
        <>
            <h3 class="source" id="data-source">{ &report.source }</h3>
            <div class="data-grid">
                { table_setup(report, locale, onedit) }
                { checks(report, locale, onedit) }
            </div>
            { for report.ready().map(|r| preview_table(&r.preview, locale)) }
        </>
    }
}

/// Starts loading `inc` as session `id`, in a new worker.
fn load(
    id: EngineId,
    inc: Incoming,
    locale: Locale,
    engines: &Rc<Engines>,
    reply: &Callback<DataEvent>,
) {
    let t = locale.strings().data;
    let (name, total, msg, data) = match inc {
        Incoming::Sample(sample) => (
            sample.source(locale, 0).name,
            0,
            ToWorker::Sample { sample, locale },
            None,
        ),
        Incoming::Text(text) => {
            let source = Source {
                name: t.pasted.to_string(),
                kind: SourceKind::Paste,
                bytes: text.len() as u64,
            };
            // Bytes, transferred: the worker copies them once into its memory.
            let data = array_buffer(text.as_bytes());
            (
                source.name.clone(),
                source.bytes,
                ToWorker::Open { source, locale },
                Some(data),
            )
        }
        Incoming::File(file) => {
            let source = Source {
                name: file.name(),
                kind: SourceKind::File,
                bytes: file.size() as u64,
            };
            // The file handle only: the worker reads it in chunks.
            (
                source.name.clone(),
                source.bytes,
                ToWorker::Open { source, locale },
                Some(file.into()),
            )
        }
    };
    reply.emit(DataEvent::Start { id, name, total });
    match WorkerClient::spawn(id, reply.clone()) {
        Ok(w) => {
            w.send(&msg, data.as_ref());
            engines.borrow_mut().insert(id, w);
        }
        Err(reason) => reply.emit(DataEvent::Stopped { id, reason }),
    }
}
