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
//! * a built-in sample replaces the sample already loaded, if any, so that
//!   trying the samples one after another does not pile them up;
//! * a table that never held anything (its first load failed or was
//!   cancelled) disappears, and its notice becomes the workspace's;
//! * a table known only from the scenario (a link, a file, an autosave:
//!   its summary without its rows) stays listed until removed.

use super::loaded::LoadedData;
use super::state::{DataEvent, DataState, EngineId, Notice};

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
    /// Loaded from a built-in sample (the next sample replaces it).
    pub sample: bool,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceEvent {
    /// A load starts, into [`Workspace::target`].
    Load {
        id: EngineId,
        name: String,
        total: u64,
        sample: bool,
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
                    sample: t.source.kind == super::SourceKind::Sample,
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
    /// for a sample, else a new one.
    pub fn target(&self, sample: bool) -> Target {
        if let Some(k) = self.replacing.filter(|&k| self.table(k).is_some()) {
            return Target::Replace(k);
        }
        match self.tables.iter().find(|t| sample && t.sample) {
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
                            sample,
                            ..Table::default()
                        });
                        key
                    }
                };
                next.replacing = None;
                next.notice = None;
                next.shown = Some(key);
                if let Some(t) = next.tables.iter_mut().find(|t| t.key == key) {
                    t.sample = sample;
                    t.state = t.state.reduce(DataEvent::Start { id, name, total });
                }
            }
            WorkspaceEvent::Engine(e) => {
                if let Some(key) = engine_of(&e).and_then(|id| self.key_of(id)) {
                    next.apply(key, e);
                }
            }
            WorkspaceEvent::On { key, event } => next.apply(key, event),
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
        | DataEvent::Holdout { id, .. } => Some(*id),
        DataEvent::Cancel | DataEvent::Editing | DataEvent::BackToKept => None,
    }
}

#[cfg(test)]
#[path = "workspace_tests.rs"]
mod tests;
