//! Which session the Data page shows, which one is loading, and which one
//! stays in use: the rules of "never lose the data already loaded" as a
//! pure state machine.
//!
//! Sessions are named by an [`EngineId`]; the UI keeps the sessions
//! themselves (on the page or in a worker) and drops every one that
//! [`DataState::engines`] no longer names, which is also how a load is
//! cancelled.
//!
//! Rules:
//! * input that cannot be read ([`DataEvent::Failed`]) changes nothing but
//!   the notice;
//! * a table that reads becomes the one shown; if it does not validate
//!   yet, the last table that did stays *kept* (still in use) until the new
//!   one validates or the user goes back to it;
//! * a newer load replaces an older one still running (the older one is
//!   dropped, its late messages ignored).

use std::rc::Rc;

use super::linked::LinkInputs;
use super::session::{Report, Stage};
use crate::i18n::Words;
use crate::pages::evidence::Evidence;
use crate::pages::value::holdout::HoldoutCheck;

pub type EngineId = u32;

/// A session and its latest report.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub id: EngineId,
    pub report: Rc<Report>,
}

impl Slot {
    fn ready(&self) -> bool {
        self.report.ready().is_some()
    }
}

/// A load under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub id: EngineId,
    /// Source name, for the progress label.
    pub name: String,
    pub stage: Stage,
    /// Bytes read so far and in all (reading stage).
    pub done: u64,
    pub total: u64,
}

impl Loading {
    /// Share of the work done, 0 to 1, for the progress bar: within each
    /// step, its own count (bytes read, bytes cut into cells, cells typed);
    /// the steps' shares follow a 1M-row load measured in the worker
    /// (reading 0.25–0.55 s, cutting into cells 0.2 s, checking 0.5 s).
    pub fn fraction(&self) -> f64 {
        let (start, end) = match self.stage {
            Stage::Read => (0.0, 0.30),
            Stage::Parse => (0.30, 0.50),
            Stage::Guess => (0.50, 0.52),
            Stage::Validate => (0.52, 0.97),
            Stage::Report => (0.97, 1.0),
        };
        let within = if self.total > 0 {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        start + (end - start) * within
    }
}

/// What the page says about the last thing that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The input cannot be used at all; `kept` names the data still in use.
    /// The reason is kept in every language, so the notice follows a
    /// language switch.
    Unusable {
        reason: Words,
        kept: Option<String>,
    },
    Cancelled,
    /// The session's worker stopped (out of memory, crash).
    Stopped {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataState {
    /// The table shown.
    pub current: Option<Slot>,
    /// The last table that validated, while `current` does not.
    pub kept: Option<Slot>,
    pub loading: Option<Loading>,
    pub notice: Option<Notice>,
    /// An edit was sent and its report has not come back.
    pub busy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DataEvent {
    Start {
        id: EngineId,
        name: String,
        total: u64,
    },
    Progress {
        id: EngineId,
        stage: Stage,
        done: u64,
        total: u64,
    },
    /// Session `id` opened: its first report.
    Opened {
        id: EngineId,
        report: Rc<Report>,
    },
    /// The input of load `id` cannot be used at all.
    Failed {
        id: EngineId,
        reason: Words,
    },
    /// Session `id` stopped: its worker could not start, crashed or ran out
    /// of memory.
    Stopped {
        id: EngineId,
        reason: String,
    },
    Cancel,
    /// An edit was sent to the current session.
    Editing,
    /// A newer report of session `id`.
    Reported {
        id: EngineId,
        report: Rc<Report>,
    },
    /// The evidence session `id`'s latest report left out.
    Fitted {
        id: EngineId,
        evidence: Rc<Evidence>,
    },
    /// Session `id`'s value holdout check, redone at another calibration end.
    Holdout {
        id: EngineId,
        check: Rc<HoldoutCheck>,
    },
    /// Show the kept table again, dropping the one that did not validate.
    BackToKept,
    /// What session `id`'s table gives a join (see [`crate::data::linked`]);
    /// the workspace keeps it, a table's own state does not change.
    Extracted {
        id: EngineId,
        inputs: Option<Rc<LinkInputs>>,
    },
    /// Session `id`'s order log joined with another table's answers.
    Linked {
        id: EngineId,
        /// The choices of the request it answers.
        choice: crate::data::linked::JoinChoice,
        /// The sessions of the request it answers.
        from: crate::data::linked::JoinFrom,
        result: Result<Rc<crate::data::linked::Joined>, Words>,
    },
}

impl DataState {
    /// Every session still needed; the others can be dropped.
    pub fn engines(&self) -> Vec<EngineId> {
        [
            self.current.as_ref().map(|s| s.id),
            self.kept.as_ref().map(|s| s.id),
            self.loading.as_ref().map(|l| l.id),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Name of the data in use: the shown table if it validated, else the
    /// kept one.
    pub fn in_use(&self) -> Option<&Slot> {
        self.current
            .as_ref()
            .filter(|s| s.ready())
            .or(self.kept.as_ref())
    }

    /// What the scenario should hold: the data in use once its evidence has
    /// come (until then the scenario keeps what it had).
    pub fn for_scenario(&self) -> Option<&super::loaded::LoadedData> {
        self.in_use()
            .filter(|s| !s.report.evidence_pending)
            .and_then(|s| s.report.loaded.as_ref())
    }

    /// The table shown is ready and its models are being fitted.
    pub fn fitting(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|s| s.ready() && s.report.evidence_pending)
    }

    pub fn reduce(&self, event: DataEvent) -> DataState {
        let mut next = self.clone();
        match event {
            DataEvent::Start { id, name, total } => {
                next.loading = Some(Loading {
                    id,
                    name,
                    stage: Stage::Read,
                    done: 0,
                    total,
                });
                next.notice = None;
            }
            DataEvent::Progress {
                id,
                stage,
                done,
                total,
            } => {
                if let Some(l) = next.loading.as_mut().filter(|l| l.id == id) {
                    l.stage = stage;
                    l.done = done;
                    l.total = total;
                }
            }
            DataEvent::Opened { id, report } => {
                if next.loading.as_ref().is_some_and(|l| l.id == id) {
                    next.loading = None;
                    let new = Slot { id, report };
                    let old = next.current.take();
                    next.kept = if new.ready() {
                        None
                    } else {
                        old.filter(Slot::ready).or(next.kept.take())
                    };
                    next.current = Some(new);
                    next.busy = false;
                }
            }
            DataEvent::Failed { id, reason } => {
                if next.loading.as_ref().is_some_and(|l| l.id == id) {
                    next.loading = None;
                    next.notice = Some(Notice::Unusable {
                        reason,
                        kept: self.in_use().map(|s| s.report.source.clone()),
                    });
                }
            }
            DataEvent::Stopped { id, reason } => {
                if next.loading.as_ref().is_some_and(|l| l.id == id) {
                    next.loading = None;
                    next.notice = Some(Notice::Stopped { reason });
                } else if next.current.as_ref().is_some_and(|s| s.id == id) {
                    next.current = next.kept.take();
                    next.busy = false;
                    next.notice = Some(Notice::Stopped { reason });
                } else if next.kept.as_ref().is_some_and(|s| s.id == id) {
                    next.kept = None;
                    next.notice = Some(Notice::Stopped { reason });
                }
            }
            DataEvent::Cancel => {
                if next.loading.take().is_some() {
                    next.notice = Some(Notice::Cancelled);
                }
            }
            DataEvent::Editing => {
                next.busy = next.current.is_some();
                next.notice = None;
            }
            DataEvent::Reported { id, report } => {
                if let Some(c) = next.current.as_mut().filter(|s| s.id == id) {
                    c.report = report;
                    next.busy = false;
                    if c.ready() {
                        next.kept = None;
                    }
                } else if let Some(k) = next.kept.as_mut().filter(|s| s.id == id) {
                    k.report = report;
                }
            }
            DataEvent::Fitted { id, evidence } => {
                for slot in [next.current.as_mut(), next.kept.as_mut()]
                    .into_iter()
                    .flatten()
                    .filter(|s| s.id == id && s.report.evidence_pending)
                {
                    let report = Rc::make_mut(&mut slot.report);
                    if let Some(loaded) = report.loaded.as_mut() {
                        loaded.evidence = (*evidence).clone();
                    }
                    report.evidence_pending = false;
                }
            }
            DataEvent::Holdout { id, check } => {
                for slot in [next.current.as_mut(), next.kept.as_mut()]
                    .into_iter()
                    .flatten()
                    .filter(|s| s.id == id)
                {
                    let report = Rc::make_mut(&mut slot.report);
                    let value = report
                        .loaded
                        .as_mut()
                        .and_then(|l| l.evidence.value.as_mut());
                    if let Some(v) = value {
                        std::sync::Arc::make_mut(v).holdout = Some((*check).clone());
                    }
                }
            }
            // The workspace's business: joins span tables.
            DataEvent::Extracted { .. } | DataEvent::Linked { .. } => {}
            DataEvent::BackToKept => {
                if let Some(k) = next.kept.take() {
                    next.current = Some(k);
                    next.busy = false;
                }
            }
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Edit;
    use crate::data::Sample;
    use crate::data::Session;
    use crate::data::Source;
    use crate::data::SourceKind;
    use cxi_parse::Field;
    use cxi_parse::Role;
    use cxi_types::Locale;

    fn report(csv: &str, name: &str) -> Rc<Report> {
        let source = Source {
            name: name.into(),
            kind: SourceKind::Paste,
            bytes: csv.len() as u64,
        };
        Rc::new(
            Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {})
                .unwrap()
                .report(Locale::En),
        )
    }

    fn opened(s: &DataState, id: EngineId, r: Rc<Report>) -> DataState {
        s.reduce(DataEvent::Start {
            id,
            name: r.source.clone(),
            total: 0,
        })
        .reduce(DataEvent::Opened { id, report: r })
    }

    const GOOD: &str = "customer,date,amount\nA,2024-01-02,3\nB,2024-01-03,4\n";
    const UNMAPPED: &str = "x,y\n1,2\n3,4\n";

    #[test]
    fn the_scenario_gets_the_data_once_its_evidence_has_come() {
        // A sample with enough history to fit the models: its evidence is
        // not empty, so a report missing it differs from a complete one.
        let source = Sample::Subscription.source(Locale::En, 0);
        let text = Sample::Subscription.text(Locale::En);
        let session = Session::open(text.into_bytes(), source, &mut |_, _, _| {}).unwrap();
        let first = Rc::new(session.report(Locale::En));
        assert!(first.evidence_pending);
        assert_eq!(first.loaded.as_ref().unwrap().evidence, Evidence::default());
        let evidence = session.evidence().unwrap();
        assert_ne!(evidence, Evidence::default());
        // Computed once: the session's later reports carry it.
        assert!(!session.evidence_pending());
        assert!(!session.report(Locale::Fr).evidence_pending);

        let old = opened(&DataState::default(), 1, report(GOOD, "old")).reduce(DataEvent::Fitted {
            id: 1,
            evidence: Rc::new(Evidence::default()),
        });
        assert_eq!(old.for_scenario().unwrap().source.name, "old");
        let s = opened(&old, 2, first);
        // The new table shows and is in use; the scenario keeps the old one.
        assert_eq!(s.in_use().unwrap().id, 2);
        assert!(s.fitting());
        assert_eq!(s.for_scenario(), None);
        // Evidence of another session is ignored.
        let stray = s.reduce(DataEvent::Fitted {
            id: 1,
            evidence: Rc::new(evidence.clone()),
        });
        assert_eq!(stray, s);
        let done = s.reduce(DataEvent::Fitted {
            id: 2,
            evidence: Rc::new(evidence),
        });
        assert!(!done.fitting());
        assert_eq!(done.for_scenario(), session.loaded().as_ref());
    }

    #[test]
    fn unreadable_input_changes_nothing_but_the_notice() {
        let s = opened(&DataState::default(), 1, report(GOOD, "good"));
        let t = s
            .reduce(DataEvent::Start {
                id: 2,
                name: "bad".into(),
                total: 10,
            })
            .reduce(DataEvent::Failed {
                id: 2,
                reason: Words::same("binary"),
            });
        assert_eq!(t.current, s.current);
        assert_eq!(t.engines(), [1]);
        assert_eq!(
            t.notice,
            Some(Notice::Unusable {
                reason: Words::same("binary"),
                kept: Some("good".into())
            })
        );
    }

    #[test]
    fn a_table_that_does_not_validate_keeps_the_previous_one_in_use() {
        let s = opened(&DataState::default(), 1, report(GOOD, "good"));
        let t = opened(&s, 2, report(UNMAPPED, "odd"));
        assert_eq!(t.current.as_ref().unwrap().id, 2);
        assert_eq!(t.kept.as_ref().unwrap().id, 1);
        assert_eq!(t.in_use().unwrap().id, 1);
        let mut engines = t.engines();
        engines.sort();
        assert_eq!(engines, [1, 2]);
        // A third table that does not validate either: still the first kept.
        let u = opened(&t, 3, report(UNMAPPED, "odd2"));
        assert_eq!(u.kept.as_ref().unwrap().id, 1);
        assert!(!u.engines().contains(&2));
        // Going back drops the new one.
        let v = u.reduce(DataEvent::BackToKept);
        assert_eq!(v.current.as_ref().unwrap().id, 1);
        assert_eq!(v.engines(), [1]);
    }

    #[test]
    fn once_the_new_table_validates_the_kept_one_is_dropped() {
        let s = opened(&DataState::default(), 1, report(GOOD, "good"));
        let t = opened(&s, 2, report(UNMAPPED, "odd"));
        // The user maps the columns (the report that comes back validates).
        let mut session = Session::open(
            b"id,day,value\nA,2024-01-02,3\n".to_vec(),
            Source {
                name: "odd".into(),
                kind: SourceKind::Paste,
                bytes: 0,
            },
            &mut |_, _, _| {},
        )
        .unwrap();
        session.apply(Edit::Role {
            col: 2,
            role: Role::Field(Field::Amount),
        });
        let r = Rc::new(session.report(Locale::En));
        assert!(r.ready().is_some(), "{:?}", r.status);
        let u = t
            .reduce(DataEvent::Editing)
            .reduce(DataEvent::Reported { id: 2, report: r });
        assert!(!u.busy);
        assert_eq!(u.kept, None);
        assert_eq!(u.engines(), [2]);
    }

    #[test]
    fn cancel_and_late_messages() {
        let s = opened(&DataState::default(), 1, report(GOOD, "good"));
        let loading = s.reduce(DataEvent::Start {
            id: 2,
            name: "big.csv".into(),
            total: 100,
        });
        let p = loading.reduce(DataEvent::Progress {
            id: 2,
            stage: Stage::Parse,
            done: 100,
            total: 100,
        });
        assert_eq!(p.loading.as_ref().unwrap().stage, Stage::Parse);
        let half_read = loading.reduce(DataEvent::Progress {
            id: 2,
            stage: Stage::Read,
            done: 50,
            total: 100,
        });
        let f = half_read.loading.as_ref().unwrap().fraction();
        assert!(f > 0.0 && f < p.loading.as_ref().unwrap().fraction(), "{f}");
        let c = p.reduce(DataEvent::Cancel);
        assert_eq!(c.loading, None);
        assert_eq!(c.notice, Some(Notice::Cancelled));
        assert_eq!(c.engines(), [1]);
        // A message of the cancelled load arriving late is ignored.
        let late = c.reduce(DataEvent::Opened {
            id: 2,
            report: report(GOOD, "big.csv"),
        });
        assert_eq!(late, c);
        // A newer load replaces an older one still running.
        let two = loading.reduce(DataEvent::Start {
            id: 3,
            name: "other".into(),
            total: 1,
        });
        assert!(!two.engines().contains(&2));
    }

    #[test]
    fn a_stopped_worker_falls_back_to_the_kept_table() {
        let s = opened(&DataState::default(), 1, report(GOOD, "good"));
        let t = opened(&s, 2, report(UNMAPPED, "odd"));
        let u = t.reduce(DataEvent::Editing).reduce(DataEvent::Stopped {
            id: 2,
            reason: "out of memory".into(),
        });
        assert_eq!(u.current.as_ref().unwrap().id, 1);
        assert!(!u.busy);
        assert!(matches!(u.notice, Some(Notice::Stopped { .. })));
        // A worker that cannot even start: the load ends, nothing else moves.
        let v = s
            .reduce(DataEvent::Start {
                id: 5,
                name: "big.csv".into(),
                total: 1,
            })
            .reduce(DataEvent::Stopped {
                id: 5,
                reason: "network".into(),
            });
        assert_eq!(v.current, s.current);
        assert_eq!(v.loading, None);
        assert_eq!(
            v.notice,
            Some(Notice::Stopped {
                reason: "network".into()
            })
        );
        // A failure report about a session that is not loading is ignored.
        let w = s.reduce(DataEvent::Failed {
            id: 1,
            reason: Words::same("late"),
        });
        assert_eq!(w, s);
    }

    #[test]
    fn samples_replace_whatever_was_shown() {
        let r = Rc::new(Sample::Retail.open(Locale::En).unwrap().report(Locale::En));
        let s = opened(&DataState::default(), 1, report(UNMAPPED, "odd"));
        let t = opened(&s, 2, r);
        assert_eq!(t.engines(), [2]);
        assert_eq!(t.in_use().unwrap().id, 2);
    }

    /// A redone holdout check replaces the one in the evidence of its own
    /// session only, so the scenario gets it.
    #[test]
    fn a_redone_holdout_check_reaches_the_scenario() {
        let mut session = Sample::Retail.open(Locale::En).unwrap();
        let evidence = session.evidence().unwrap();
        let s = opened(
            &DataState::default(),
            1,
            Rc::new(session.report(Locale::En)),
        );
        assert!(s.for_scenario().is_some());
        let before = evidence.value.as_ref().unwrap().holdout.clone().unwrap();
        let span = before.span;
        let end = span.last - chrono::Duration::days(60);
        let check = Rc::new(session.recheck_holdout(Some(end)).unwrap());
        assert_ne!(Some(&*check), Some(&before));
        let holdout = |s: &DataState| {
            s.for_scenario()
                .and_then(|l| l.evidence.value.as_ref())
                .and_then(|v| v.holdout.clone())
        };
        let stray = s.reduce(DataEvent::Holdout {
            id: 2,
            check: check.clone(),
        });
        assert_eq!(holdout(&stray), Some(before));
        let done = s.reduce(DataEvent::Holdout {
            id: 1,
            check: check.clone(),
        });
        assert_eq!(holdout(&done), Some((*check).clone()));
    }
}
