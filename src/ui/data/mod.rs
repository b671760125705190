//! The Data page: paste, drop or choose a file, or load a sample; confirm
//! the shape and the columns; fix or exclude bad rows; see the typed rows.
//!
//! Several tables at once (an order log, a survey export, a customer
//! table): each load adds one, or replaces the one the user chose.
//!
//! State split:
//! * the scenario (the app's reducer) gets only the [`LoadedData`] of each
//!   table, a small summary, once it validates;
//! * this page's reducer holds a pure [`Workspace`]: its tables, and for
//!   each which session is shown, kept or loading, and their latest
//!   [`Report`]s;
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
use cxi_dashboard::data::linked::{AnswerRule, JoinChoice, JoinFrom, Linked, Reconcile};
use cxi_dashboard::data::listing;
use cxi_dashboard::data::tables;
use cxi_dashboard::data::DataEvent;
use cxi_dashboard::data::Edit;
use cxi_dashboard::data::EngineId;
use cxi_dashboard::data::LoadedData;
use cxi_dashboard::data::Notice;
use cxi_dashboard::data::Report;
use cxi_dashboard::data::Source;
use cxi_dashboard::data::SourceKind;
use cxi_dashboard::data::ToWorker;
use cxi_dashboard::data::{Part, Table, Workspace, WorkspaceEvent};
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::Words;
use cxi_dashboard::pages::value::holdout_request;
use cxi_dashboard::pages::voice::linked::{download_label, match_line};
use cxi_dashboard::pages::voice::linked::{proposals, reconciled};
use cxi_dashboard::pages::voice::state::VoiceAction;
use cxi_dashboard::scenario::Action;
use cxi_types::Locale;
use std::sync::Arc;

pub use self::checks::summary_text;
pub use self::engine::{worker_url, WORKER_URL};

/// The page's state as a yew reducer; the transitions are the core's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageState(pub Workspace);

impl Reducible for PageState {
    type Action = WorkspaceEvent;

    fn reduce(self: Rc<Self>, event: WorkspaceEvent) -> Rc<Self> {
        Rc::new(PageState(self.0.reduce(event)))
    }
}

type Engines = RefCell<HashMap<EngineId, WorkerClient>>;

#[derive(Properties, PartialEq)]
pub struct DataPageProps {
    pub locale: Locale,
    /// The tables in use, as the scenario has them.
    pub tables: Vec<LoadedData>,
    /// Their join, as the scenario has it.
    #[prop_or_default]
    pub linked: Option<Arc<Linked>>,
    /// The join's window and rule (the NPS page's).
    #[prop_or_default]
    pub join_choice: JoinChoice,
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
    // Tables of the scenario opened (link, file, autosave) are listed by
    // their summaries; the page is remounted when the scenario is replaced.
    let state = {
        let saved = props.tables.clone();
        use_reducer(move || PageState(Workspace::from_saved(&saved)))
    };
    let engines: Rc<Engines> = use_mut_ref(HashMap::new);
    let next_id = use_mut_ref(|| 0u32);
    let reply = {
        let state = state.clone();
        Callback::from(move |e: DataEvent| state.dispatch(WorkspaceEvent::Engine(e)))
    };
    let ws = &state.0;

    // Drop every session the state no longer names (cancel, replaced, removed).
    use_effect_with(ws.engines(), {
        let engines = engines.clone();
        move |ids: &Vec<EngineId>| {
            engines.borrow_mut().retain(|k, _| ids.contains(k));
        }
    });

    // The models are fitted once a table's report is on screen: fitting
    // takes a core, and a large report's first layout must not compete for
    // it. Each new report waiting for its evidence asks (a repeated request
    // is answered by nothing).
    let waiting: Vec<(EngineId, usize)> = ws
        .tables
        .iter()
        .filter_map(|t| t.state.current.as_ref())
        .filter(|c| c.report.evidence_pending && c.report.ready().is_some())
        .map(|c| (c.id, Rc::as_ptr(&c.report) as usize))
        .collect();
    use_effect_with(waiting, {
        let engines = engines.clone();
        move |waiting: &Vec<(EngineId, usize)>| {
            for &(id, _) in waiting {
                let engines = engines.clone();
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
        let ids: Vec<EngineId> = ws
            .tables
            .iter()
            .flat_map(|t| [t.state.current.as_ref(), t.state.kept.as_ref()])
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
    // for: the rows are in the worker of the table the value page reads,
    // so that worker redoes it (an end out of the log's range is refused
    // on the page and asks nothing).
    let value_table = tables::serving(&props.tables, Part::Value).map(|d| d.key);
    let holdout_ask = value_table
        .and_then(|k| ws.table(k))
        .and_then(|t| t.state.in_use())
        .and_then(|slot| {
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

    // The join of the order log with a table of answers: the answers are
    // asked of their session, then joined by the orders' session (the rows
    // stay in the workers); the result goes to the scenario.
    use_effect_with(ws.wants_inputs(&props.tables), {
        let engines = engines.clone();
        move |ask: &Option<EngineId>| {
            if let Some(id) = *ask {
                if let Some(w) = engines.borrow().get(&id) {
                    w.extract();
                }
            }
        }
    });
    let choice = props.join_choice;
    let join_ask = ws.wants_join(&props.tables, &choice);
    use_effect_with(
        join_ask.as_ref().map(|a| {
            (
                a.orders,
                a.from,
                Rc::as_ptr(&a.answers) as usize,
                a.crm.as_ref().map(|c| Rc::as_ptr(c) as usize),
                choice.window_days.to_bits(),
                choice.rule,
            )
        }),
        {
            let engines = engines.clone();
            move |key: &Option<JoinKey>| {
                if let (Some((id, ..)), Some(ask)) = (key, join_ask) {
                    if let Some(w) = engines.borrow().get(id) {
                        w.link(&ask, choice);
                    }
                }
            }
        },
    );
    let joined = ws.joined(&props.tables, &choice);
    use_effect_with((joined.clone(), props.linked.clone()), {
        let d = props.ondispatch.clone();
        move |(joined, scenario): &(Option<Result<Linked, Words>>, Option<Arc<Linked>>)| {
            match joined {
                Some(Ok(l)) if scenario.as_deref() != Some(&l.for_scenario()) => {
                    d.emit(Action::SetLinked(Some(Arc::new(l.for_scenario()))));
                }
                Some(Err(_)) if scenario.is_some() => d.emit(Action::SetLinked(None)),
                _ => {}
            }
        }
    });

    // The scenario gets the summaries of the tables in use.
    let wanted = ws.for_scenario(&props.tables);
    use_effect_with((wanted, props.tables.clone()), {
        let d = props.ondispatch.clone();
        move |(wanted, scenario): &(Vec<LoadedData>, Vec<LoadedData>)| {
            if wanted != scenario {
                d.emit(Action::SetTables(wanted.clone()));
            }
        }
    });

    let onincoming = {
        let (engines, reply, next_id) = (engines.clone(), reply.clone(), next_id.clone());
        let state = state.clone();
        Callback::from(move |inc: Incoming| {
            let id = {
                let mut n = next_id.borrow_mut();
                *n += 1;
                *n
            };
            load(id, inc, locale, &engines, &state, &reply);
        })
    };
    let shown = ws.shown_table();
    let on_shown = |event: fn() -> DataEvent| {
        let state = state.clone();
        let key = shown.map(|t| t.key);
        Callback::from(move |_: MouseEvent| {
            if let Some(key) = key {
                state.dispatch(WorkspaceEvent::On {
                    key,
                    event: event(),
                });
            }
        })
    };
    let onedit = {
        let (engines, state) = (engines.clone(), state.clone());
        let target = shown.and_then(|t| Some((t.key, t.state.current.as_ref()?.id)));
        Callback::from(move |edit: Edit| {
            let Some((key, id)) = target else {
                return;
            };
            if let Some(w) = engines.borrow().get(&id) {
                state.dispatch(WorkspaceEvent::On {
                    key,
                    event: DataEvent::Editing,
                });
                w.request(Some(edit), locale);
            }
        })
    };
    let oncancel = on_shown(|| DataEvent::Cancel);
    let onback = on_shown(|| DataEvent::BackToKept);
    let ondo = {
        let state = state.clone();
        Callback::from(move |e: WorkspaceEvent| state.dispatch(e))
    };

    let progress = shown.and_then(|t| t.state.loading.as_ref()).map(|l| {
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
    // A load that left no table says so at the workspace; one that kept
    // its table's data says so there (only the shown table's is on screen).
    // A new table's failed load names the tables still in use as kept.
    let kept_names = (!props.tables.is_empty()).then(|| {
        props
            .tables
            .iter()
            .map(|d| d.source.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let notice = match (&ws.notice, kept_names) {
        (Some(Notice::Unusable { reason, kept: None }), Some(names)) => Some(Notice::Unusable {
            reason: reason.clone(),
            kept: Some(names),
        }),
        (Some(n), _) => Some(n.clone()),
        (None, _) => shown.and_then(|t| t.state.notice.clone()),
    }
    .map(|n| notice_view(&n, locale));
    let fitting = shown.filter(|t| t.state.fitting()).map(|_| {
        html! {
            <div class="fitting" id="data-fitting" role="status" aria-live="polite">
                <progress aria-label={t.fitting}></progress>
                <p>{ t.fitting }</p>
            </div>
        }
    });
    let kept = shown.and_then(|t| t.state.kept.as_ref()).map(|k| {
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
    let current = shown.and_then(|t| t.state.current.as_ref()).map(|c| {
        let busy = shown.is_some_and(|t| t.state.busy);
        html! {
            <div class={classes!("current", busy.then_some("busy"))} aria-busy={busy.to_string()}>
                { report_view(&c.report, locale, &onedit) }
            </div>
        }
    });

    html! {
        <section class="panel data" aria-labelledby="data-heading" hidden={props.hidden}>
            <h2 id="data-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <p class="in-use" id="data-in-use">{ listing::in_use_line(locale, &props.tables) }</p>
            { tables_list(ws, &props.tables, locale, &ondo) }
            { join_line(ws, &props.tables, props.linked.as_deref(), joined.as_ref(), locale) }
            { for props.linked.as_deref().map(|l| reconcile_view(l, choice, locale, &props.ondispatch)) }
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

/// Where the join of the answers to the orders stands: under way, made
/// (how many answers found their customer), or refused and why.
fn join_line(
    ws: &Workspace,
    tables: &[LoadedData],
    linked: Option<&Linked>,
    joined: Option<&Result<Linked, Words>>,
    locale: Locale,
) -> Html {
    let t = &locale.strings().voice;
    let name = |key| {
        tables
            .iter()
            .find(|d| d.key == key)
            .map_or("", |d| d.source.name.as_str())
    };
    let (class, text) = match (joined, linked) {
        (Some(Err(reason)), _) => (
            "notice error",
            fill(t.linked_refused, &[("reason", reason.get(locale))]),
        ),
        (_, Some(l)) => ("join", match_line(locale, l)),
        (None, None) => match (
            ws.join_sessions(tables),
            listing::join_blocker(locale, tables),
        ) {
            (Some(p), _) => (
                "join pending",
                fill(t.linked_pending, &[("orders", name(p.orders))]),
            ),
            (None, Some(why)) => ("notice info", why),
            (None, None) => return html! {},
        },
        (Some(Ok(l)), None) => ("join", match_line(locale, l)),
    };
    // The whole list of unmatched ids (up to the download's cap) is in the
    // worker's answer, not in the scenario's copy.
    let download = joined.and_then(|j| j.as_ref().ok()).and_then(|l| {
        let m = &l.evidence.orders_match;
        let label = download_label(locale, m)?;
        let csv = cxi_dashboard::data::linked::unmatched_csv(m, locale);
        let onclick = Callback::from(move |_: MouseEvent| {
            let _ = crate::ui::charts::download_text(&csv, "text/csv;charset=utf-8", "unmatched-ids.csv");
        });
        Some(html! {
            <button type="button" class="secondary" id="data-unmatched-download" {onclick}>{ label }</button>
        })
    });
    html! {
        <>
            <p class={class} id="data-join" role="status">{ text }</p>
            { for download }
        </>
    }
}

/// Id reconciliations: the ones on, undone in one click, and the ones
/// that would match more answers, each with what it gains and merges.
fn reconcile_view(
    l: &Linked,
    choice: JoinChoice,
    locale: Locale,
    ondispatch: &Callback<Action>,
) -> Html {
    let t = &locale.strings().voice;
    let set = |r: Reconcile| {
        let d = ondispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Voice(VoiceAction::SetReconcile(r))))
    };
    let on = reconciled(locale, choice.reconcile).map(|text| {
        html! {
            <p class="reconciled" id="data-reconciled">{ text }{ " " }
                <button type="button" class="secondary" id="data-reconcile-off"
                    onclick={set(Reconcile::NONE)}>{ t.linked_reconcile_off }</button>
            </p>
        }
    });
    let offers = proposals(locale, l, choice.reconcile);
    html! {
        <div class="reconcile" id="data-reconcile">
            { for on }
            { for offers.into_iter().enumerate().map(|(i, p)| html! {
                <p class="proposal">{ p.sentence }{ " " }
                    <button type="button" class="secondary" id={format!("data-reconcile-{i}")}
                        onclick={set(p.reconcile)}>{ p.button }</button>
                </p>
            }) }
        </div>
    }
}

fn notice_view(n: &Notice, locale: Locale) -> Html {
    let t = locale.strings().data;
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
}

/// The tables loaded, each with what it holds, the pages it serves, and
/// its buttons; then what the next load does.
fn tables_list(
    ws: &Workspace,
    saved: &[LoadedData],
    locale: Locale,
    ondo: &Callback<WorkspaceEvent>,
) -> Html {
    let t = locale.strings().data;
    let name_of = |table: &Table| -> String {
        let s = &table.state;
        s.in_use()
            .or(s.current.as_ref())
            .map(|slot| slot.report.source.clone())
            .or_else(|| s.loading.as_ref().map(|l| l.name.clone()))
            .or_else(|| {
                saved
                    .iter()
                    .find(|d| d.key == table.key)
                    .map(|d| d.source.name.clone())
            })
            .unwrap_or_default()
    };
    let replacing = ws
        .replacing
        .and_then(|k| ws.table(k))
        .map(|table| {
            let on = ondo.clone();
            html! {
                <div class="replacing" id="data-replacing" role="status">
                    <p>{ fill(t.replacing_note, &[("name", &name_of(table))]) }</p>
                    <button type="button" class="secondary" id="data-add-instead"
                        onclick={Callback::from(move |_: MouseEvent| on.emit(WorkspaceEvent::ReplaceNext(None)))}>
                        { t.add_instead }
                    </button>
                </div>
            }
        });
    if ws.tables.is_empty() {
        return html! {};
    }
    let items = ws.tables.iter().map(|table| {
        let key = table.key;
        let name = name_of(table);
        let summary = saved.iter().find(|d| d.key == key);
        let s = &table.state;
        let status = if s.loading.is_some() {
            Some(t.table_loading)
        } else if s.current.is_none() && s.kept.is_none() {
            Some(t.summary_only)
        } else if s.in_use().is_none() {
            Some(t.table_not_ready)
        } else {
            None
        };
        let shown = ws.shown == Some(key);
        let button = |id: &str, label: &'static str, event: WorkspaceEvent| {
            let on = ondo.clone();
            html! {
                <button type="button" class="secondary" id={format!("data-{id}-{key}")}
                    aria-label={format!("{label} {name}")}
                    onclick={Callback::from(move |_: MouseEvent| on.emit(event.clone()))}>
                    { label }
                </button>
            }
        };
        let can_show = !shown && (s.current.is_some() || s.loading.is_some());
        html! {
            <li class={classes!("table-item", shown.then_some("shown"))} id={format!("data-table-{key}")}
                aria-current={shown.then_some("true")}>
                <p class="table-name">{ &name }</p>
                if let Some(d) = summary {
                    <p class="table-digest">{ listing::digest_line(locale, d) }</p>
                }
                if let Some(status) = status {
                    <p class="table-status">{ status }</p>
                }
                { for listing::uses_lines(locale, saved, key).into_iter().map(|l| html! { <p class="table-uses">{ l }</p> }) }
                <div class="table-actions">
                    if can_show {
                        { button("show", t.show_table, WorkspaceEvent::Show(key)) }
                    }
                    { button("replace", t.replace_table, WorkspaceEvent::ReplaceNext(Some(key))) }
                    { button("remove", t.remove_table, WorkspaceEvent::Remove(key)) }
                </div>
            </li>
        }
    });
    html! {
        <div class="tables" id="data-tables">
            <h3 id="data-tables-heading">{ t.tables_heading }</h3>
            <ul aria-labelledby="data-tables-heading">{ for items }</ul>
            { for replacing }
            if ws.replacing.is_none() {
                <p class="add-note" id="data-add-note">{ t.add_note }</p>
            }
        </div>
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
    state: &UseReducerHandle<PageState>,
    reply: &Callback<DataEvent>,
) {
    let t = locale.strings().data;
    let sample = match inc {
        Incoming::Sample(s) => Some(s),
        _ => None,
    };
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
    state.dispatch(WorkspaceEvent::Load {
        id,
        name,
        total,
        sample,
    });
    match WorkerClient::spawn(id, reply.clone()) {
        Ok(w) => {
            w.send(&msg, data.as_ref());
            engines.borrow_mut().insert(id, w);
        }
        Err(reason) => reply.emit(DataEvent::Stopped { id, reason }),
    }
}

/// What the join's request depends on: the orders' session, the sessions
/// joined, their parts' identities, the window and the rule.
type JoinKey = (EngineId, JoinFrom, usize, Option<usize>, u64, AnswerRule);
