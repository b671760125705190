//! The Data page's tables, together: several loaded at once (an order log,
//! a survey export, a customer table), each with its own session and its
//! own "never lose what is in use" rules ([`DataState`]), added, replaced
//! and removed one at a time.
//!
//! A pure state machine, like [`DataState`] which it holds one of per
//! table. Worker messages ([`WorkspaceEvent::Engine`]) go to the table
//! whose session sent them; user intents name their table.
//!
//! Rules:
//! * a load goes into a new table, or into the table the user chose to
//!   replace (whose data stays in use until the new one validates);
//! * a built-in sample replaces the sample already loaded in its slot
//!   ([`Sample::slot`]), so that trying the samples one after another does
//!   not pile them up; a single sample also drops the linked sample's
//!   survey, which goes with the linked orders only;
//! * a table that never held anything (its first load failed or was
//!   cancelled) disappears, and its notice becomes the workspace's;
//! * a table known only from the scenario (a link, a file, an autosave:
//!   its summary without its rows) stays listed until removed.

use std::rc::Rc;

use super::linked::{crm_of, pair, JoinChoice, JoinFrom, LinkInputs, Linked};
use super::loaded::LoadedData;
use super::sample::Sample;
use super::state::{DataEvent, DataState, EngineId, Notice};
use crate::i18n::Words;

/// One table of the workspace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Its key in the scenario's list ([`LoadedData::key`]).
    pub key: u32,
    /// Its session (shown, kept, loading) and their reports.
    pub state: DataState,
    /// The scenario has a summary of it: from a link, a file, an autosave,
    /// or sent since it validated. Such a table stays listed without a
    /// session (its rows are not here).
    pub saved: bool,
    /// Loaded from a built-in sample: its slot ([`Sample::slot`]); the next
    /// sample of that slot replaces it.
    pub sample: Option<u8>,
}

impl Table {
    /// Holds nothing: no session, no load, no summary in the scenario.
    fn is_empty(&self) -> bool {
        !self.saved
            && self.state.current.is_none()
            && self.state.kept.is_none()
            && self.state.loading.is_none()
    }
}

/// Where a new load goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A new table.
    New,
    /// Into the table `key`, replacing it once the load validates.
    Replace(u32),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    /// In the order added: each page reads the first table that serves it.
    pub tables: Vec<Table>,
    /// The table whose details the page shows.
    pub shown: Option<u32>,
    /// The table the next load replaces (`None`: the next load adds one).
    pub replacing: Option<u32>,
    /// What happened to a load that left no table behind.
    pub notice: Option<Notice>,
    /// The join of the order log with a table of answers.
    pub join: Join,
}

/// The join as it goes: what the survey's (and the customer table's)
/// sessions handed over, then what the order log's session made of them.
/// A session's part is dropped when its table changes (an edit, a new
/// report), and so is the join, so that both are asked for again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Join {
    /// Per session, what its table gives the join (`None`: nothing).
    pub extracted: Vec<(EngineId, Option<Rc<LinkInputs>>)>,
    /// Orders session, the sessions joined to it, and the join or why not.
    pub result: Option<JoinResult>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JoinResult {
    pub orders: EngineId,
    pub from: JoinFrom,
    /// The choices it was made with.
    pub choice: JoinChoice,
    pub outcome: Result<Rc<crate::data::linked::Joined>, Words>,
}

/// The tables a join reads (scenario keys) and their live sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinParts {
    pub orders: u32,
    pub answers: u32,
    /// A customer table giving churn flags, when its rows are here.
    pub crm: Option<u32>,
    pub orders_session: EngineId,
    pub answers_session: EngineId,
    pub crm_session: Option<EngineId>,
}

/// A join to ask of the order log's session.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinAsk {
    pub orders: EngineId,
    pub from: JoinFrom,
    pub answers: Rc<LinkInputs>,
    /// The customer table's part (its churn flags).
    pub crm: Option<Rc<LinkInputs>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceEvent {
    /// A load starts, into [`Workspace::target`].
    Load {
        id: EngineId,
        name: String,
        total: u64,
        sample: Option<Sample>,
    },
    /// A message of session `id`'s worker.
    Engine(DataEvent),
    /// The user acts on table `key`: edits it, cancels its load, goes back
    /// to its kept data.
    On { key: u32, event: DataEvent },
    /// Show table `key`'s details.
    Show(u32),
    /// The next load replaces table `key` (`None`: adds a table).
    ReplaceNext(Option<u32>),
    /// Forget table `key`: its session, its summary.
    Remove(u32),
}

impl Workspace {
    /// The tables of a scenario opened without their rows: listed, summary
    /// only.
    pub fn from_saved(tables: &[LoadedData]) -> Workspace {
        Workspace {
            tables: tables
                .iter()
                .map(|t| Table {
                    key: t.key,
                    saved: true,
                    // A saved sample's slot by its shape (the survey is the
                    // linked sample's second table).
                    sample: (t.source.kind == super::loaded::SourceKind::Sample)
                        .then_some(u8::from(t.mapping.shape == cxi_parse::Shape::Survey)),
                    ..Table::default()
                })
                .collect(),
            shown: tables.last().map(|t| t.key),
            ..Workspace::default()
        }
    }

    pub fn table(&self, key: u32) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The table shown.
    pub fn shown_table(&self) -> Option<&Table> {
        self.shown.and_then(|k| self.table(k))
    }

    /// Every session still needed; the others can be dropped.
    pub fn engines(&self) -> Vec<EngineId> {
        self.tables.iter().flat_map(|t| t.state.engines()).collect()
    }

    /// The table of session `id`.
    pub fn key_of(&self, id: EngineId) -> Option<u32> {
        self.tables
            .iter()
            .find(|t| t.state.engines().contains(&id))
            .map(|t| t.key)
    }

    /// Where a load goes: the table chosen for replacing, the sample table
    /// of its slot for a sample, else a new one.
    pub fn target(&self, sample: Option<Sample>) -> Target {
        if let Some(k) = self.replacing.filter(|&k| self.table(k).is_some()) {
            return Target::Replace(k);
        }
        let slot = sample.map(Sample::slot);
        match self
            .tables
            .iter()
            .find(|t| slot.is_some() && t.sample == slot)
        {
            Some(t) => Target::Replace(t.key),
            None => Target::New,
        }
    }

    /// The scenario's list: each table's data in use once its evidence
    /// has come, else the summary the scenario already has of it
    /// (`saved`, matched by key); tables with neither are not listed yet.
    pub fn for_scenario(&self, saved: &[LoadedData]) -> Vec<LoadedData> {
        self.tables
            .iter()
            .filter_map(|t| match t.state.for_scenario() {
                Some(d) => Some(LoadedData {
                    key: t.key,
                    ..d.clone()
                }),
                None => saved.iter().find(|s| s.key == t.key).cloned(),
            })
            .collect()
    }

    /// The tables to join and their sessions, when the order log and the
    /// answers are here with their evidence (the customer table joins them
    /// when its rows are here too).
    pub fn join_sessions(&self, saved: &[LoadedData]) -> Option<JoinParts> {
        let tables = self.for_scenario(saved);
        let (o, a) = pair(&tables)?;
        let live = |key| {
            self.table(key)
                .and_then(|t| t.state.in_use())
                .filter(|s| !s.report.evidence_pending)
                .map(|s| s.id)
        };
        let crm = crm_of(&tables, (o, a)).and_then(|k| Some((k, live(k)?)));
        Some(JoinParts {
            orders: o,
            answers: a,
            crm: crm.map(|c| c.0),
            orders_session: live(o)?,
            answers_session: live(a)?,
            crm_session: crm.map(|c| c.1),
        })
    }

    /// The session to ask for what its table gives the join, if that is
    /// not here yet: the answers', then the customer table's.
    pub fn wants_inputs(&self, saved: &[LoadedData]) -> Option<EngineId> {
        let p = self.join_sessions(saved)?;
        std::iter::once(p.answers_session)
            .chain(p.crm_session)
            .find(|&id| self.extracted(id).is_none())
    }

    /// The join the parts handed over make (`None` while one is awaited or
    /// the answers give nothing); a customer table that gives no churn
    /// flags is left out.
    fn ask(&self, p: &JoinParts) -> Option<JoinAsk> {
        let answers = self.extracted(p.answers_session)??.clone();
        let crm = match p.crm_session {
            Some(c) => self
                .extracted(c)?
                .filter(|i| i.crm.is_some())
                .map(|i| (c, i.clone())),
            None => None,
        };
        Some(JoinAsk {
            orders: p.orders_session,
            from: JoinFrom {
                answers: p.answers_session,
                crm: crm.as_ref().map(|c| c.0),
            },
            answers,
            crm: crm.map(|c| c.1),
        })
    }

    /// The join to ask of the order log's session, if not joined yet under
    /// `choice` (nothing while its window is not valid).
    pub fn wants_join(&self, saved: &[LoadedData], choice: &JoinChoice) -> Option<JoinAsk> {
        choice.window()?;
        let ask = self.ask(&self.join_sessions(saved)?)?;
        match &self.join.result {
            Some(r) if r.orders == ask.orders && r.from == ask.from && r.choice == *choice => None,
            _ => Some(ask),
        }
    }

    /// The join of the tables in use, for the scenario: `Some(Ok)` joined,
    /// `Some(Err)` refused, `None` nothing to join or not done yet.
    pub fn joined(
        &self,
        saved: &[LoadedData],
        choice: &JoinChoice,
    ) -> Option<Result<Linked, Words>> {
        let p = self.join_sessions(saved)?;
        let ask = self.ask(&p)?;
        let r = self
            .join
            .result
            .as_ref()
            .filter(|r| r.orders == ask.orders && r.from == ask.from && r.choice == *choice)?;
        Some(match &r.outcome {
            Ok(e) => Ok(Linked {
                orders: p.orders,
                answers: p.answers,
                crm: ask.from.crm.and(p.crm),
                evidence: e.evidence.clone(),
                model: e.model.clone(),
            }),
            Err(w) => Err(w.clone()),
        })
    }

    /// Forgets the join's parts that session `id` gave.
    fn stale(&mut self, id: EngineId) {
        self.join.extracted.retain(|(s, _)| *s != id);
        if self
            .join
            .result
            .as_ref()
            .is_some_and(|r| r.orders == id || r.from.answers == id || r.from.crm == Some(id))
        {
            self.join.result = None;
        }
    }

    /// What session `id` handed over: `None` not asked yet, `Some(None)`
    /// nothing to join.
    fn extracted(&self, id: EngineId) -> Option<Option<&Rc<LinkInputs>>> {
        self.join
            .extracted
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, i)| i.as_ref())
    }

    fn next_key(&self) -> u32 {
        self.tables.iter().map(|t| t.key).max().map_or(1, |k| k + 1)
    }

    pub fn reduce(&self, event: WorkspaceEvent) -> Workspace {
        let mut next = self.clone();
        match event {
            WorkspaceEvent::Load {
                id,
                name,
                total,
                sample,
            } => {
                let key = match self.target(sample) {
                    Target::Replace(k) => k,
                    Target::New => {
                        let key = self.next_key();
                        next.tables.push(Table {
                            key,
                            ..Table::default()
                        });
                        key
                    }
                };
                // A single sample does not keep the linked sample's survey.
                if sample.is_some_and(|s| !s.linked()) {
                    next.tables
                        .retain(|t| t.key == key || t.sample.is_none_or(|x| x == 0));
                }
                next.replacing = None;
                next.notice = None;
                next.shown = Some(key);
                if let Some(t) = next.tables.iter_mut().find(|t| t.key == key) {
                    t.sample = sample.map(Sample::slot);
                    t.state = t.state.reduce(DataEvent::Start { id, name, total });
                }
            }
            WorkspaceEvent::Engine(DataEvent::Extracted { id, inputs }) => {
                if self.key_of(id).is_some() {
                    next.stale(id);
                    next.join.extracted.push((id, inputs));
                }
            }
            WorkspaceEvent::Engine(DataEvent::Linked {
                id,
                choice,
                from,
                result,
            }) => {
                // Kept only while every part it joins is still here (an
                // edit meanwhile dropped its part: the join is asked again).
                let here = |s| self.key_of(s).is_some() && self.extracted(s).is_some();
                if self.key_of(id).is_some() && here(from.answers) && from.crm.is_none_or(here) {
                    next.join.result = Some(JoinResult {
                        orders: id,
                        from,
                        choice,
                        outcome: result,
                    });
                }
            }
            WorkspaceEvent::Engine(e) => {
                if let Some(id) = engine_of(&e) {
                    if matches!(e, DataEvent::Reported { .. } | DataEvent::Fitted { .. }) {
                        next.stale(id);
                    }
                    if let Some(key) = self.key_of(id) {
                        next.apply(key, e);
                    }
                }
            }
            WorkspaceEvent::On { key, event } => {
                if matches!(event, DataEvent::Editing) {
                    if let Some(id) = self
                        .table(key)
                        .and_then(|t| t.state.current.as_ref())
                        .map(|s| s.id)
                    {
                        next.stale(id);
                    }
                }
                next.apply(key, event)
            }
            WorkspaceEvent::Show(key) => {
                if next.table(key).is_some() {
                    next.shown = Some(key);
                }
            }
            WorkspaceEvent::ReplaceNext(key) => {
                next.replacing = key.filter(|&k| next.table(k).is_some());
            }
            WorkspaceEvent::Remove(key) => {
                next.tables.retain(|t| t.key != key);
                if next.replacing == Some(key) {
                    next.replacing = None;
                }
                if next.shown == Some(key) {
                    next.shown = next.tables.last().map(|t| t.key);
                }
            }
        }
        next
    }

    /// `event` on table `key`, then the rules of a table left empty.
    fn apply(&mut self, key: u32, event: DataEvent) {
        let Some(i) = self.tables.iter().position(|t| t.key == key) else {
            return;
        };
        let t = &mut self.tables[i];
        t.state = t.state.reduce(event);
        t.saved |= t.state.for_scenario().is_some();
        if t.is_empty() {
            let gone = self.tables.remove(i);
            self.notice = gone.state.notice;
            if self.shown == Some(key) {
                self.shown = self.tables.last().map(|t| t.key);
            }
        }
    }
}

/// The session a worker message comes from.
fn engine_of(e: &DataEvent) -> Option<EngineId> {
    match e {
        DataEvent::Start { id, .. }
        | DataEvent::Progress { id, .. }
        | DataEvent::Opened { id, .. }
        | DataEvent::Failed { id, .. }
        | DataEvent::Stopped { id, .. }
        | DataEvent::Reported { id, .. }
        | DataEvent::Fitted { id, .. }
        | DataEvent::Holdout { id, .. }
        | DataEvent::Extracted { id, .. }
        | DataEvent::Linked { id, .. } => Some(*id),
        DataEvent::Cancel | DataEvent::Editing | DataEvent::BackToKept => None,
    }
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;
