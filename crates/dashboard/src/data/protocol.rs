//! Messages between the page and the data worker, as JSON text.
//!
//! Enums are externally tagged (`{"render":{"locale":"fr"}}`): serde's
//! internally tagged form would add tens of KB of decoding code to the
//! page's wasm.
//!
//! Each `postMessage` carries an object `{ json, data }`: `json` is one of
//! these types serialised, `data` the input of [`ToWorker::Open`] (an
//! `ArrayBuffer`, transferred, or a `File`, which the worker reads itself
//! in chunks). Bytes never travel as JSON and rows never travel at all:
//! only [`Report`]s (a few KB) come back.

use serde::{Deserialize, Serialize};

use super::linked::{JoinChoice, JoinFrom, LinkInputs};
use super::loaded::Source;
use super::sample::Sample;
use super::session::{Edit, Report, Stage};
use crate::i18n::Words;
use crate::pages::evidence::Evidence;
use crate::pages::value::holdout::HoldoutCheck;
use chrono::NaiveDate;
use cxi_types::Locale;

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Read the bytes in `data` as a new session (one per worker).
    Open { source: Source, locale: Locale },
    /// Open a built-in sample in the language's conventions.
    Sample { sample: Sample, locale: Locale },
    /// Change the session and validate again.
    Edit { edit: Edit, locale: Locale },
    /// The same report in another language.
    Render { locale: Locale },
    /// Fit the models to the current table if its last report left them
    /// out ([`Report::evidence_pending`]); the answer is
    /// [`FromWorker::Fitted`]. The page asks once that report is on screen,
    /// so that fitting does not take the core its layout needs.
    Fit,
    /// Redo the value page's holdout check at this calibration end (`None`:
    /// the default split); the answer is [`FromWorker::Holdout`]. The rows
    /// stay here: the page holds only the small report.
    Holdout { end: Option<NaiveDate> },
    /// What this table gives a join by customer id; the answer is
    /// [`FromWorker::Extracted`].
    Extract,
    /// Join this table's order log with another table's answers; the
    /// answer is [`FromWorker::Linked`].
    Link {
        inputs: Box<LinkInputs>,
        choice: JoinChoice,
        /// The sessions the inputs come from, echoed in the answer.
        from: JoinFrom,
    },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is running and listening.
    Ready,
    Progress {
        stage: Stage,
        done: u64,
        total: u64,
    },
    Opened {
        report: Box<Report>,
        /// Read by the browser bench; the page skips it (less wasm).
        #[serde(default, skip_deserializing)]
        stats: LoadStats,
    },
    Reported {
        report: Box<Report>,
    },
    /// The evidence the last report left out ([`Report::evidence_pending`]),
    /// after [`ToWorker::Fit`]: the model fits of a large table take longer
    /// than reading it, and the page shows the table meanwhile.
    Fitted {
        evidence: Box<Evidence>,
        /// Read by the browser bench; the page skips it.
        #[serde(default, skip_deserializing)]
        stats: FitStats,
    },
    /// The holdout check after [`ToWorker::Holdout`] (nothing is sent for a
    /// table that is no transaction log).
    Holdout {
        check: Box<HoldoutCheck>,
    },
    /// After [`ToWorker::Extract`]: `None` when the table cannot be joined
    /// (no customer id, no score, not validated).
    Extracted {
        inputs: Option<Box<LinkInputs>>,
    },
    /// After [`ToWorker::Link`]: the joined evidence, or why not, in every
    /// language.
    Linked {
        /// The choices of the request it answers.
        choice: JoinChoice,
        /// The sessions of the request it answers.
        from: JoinFrom,
        result: Result<Box<crate::data::linked::Joined>, Words>,
    },
    /// The input cannot be used at all: why, in every language (the page
    /// shows the one in use, also after a switch).
    Failed {
        reason: Words,
    },
}

/// Where the time and memory of one load went, measured in the worker.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LoadStats {
    pub bytes: u64,
    /// Copying the input into the worker's memory.
    pub read_ms: f64,
    pub parse_ms: f64,
    pub guess_ms: f64,
    pub validate_ms: f64,
    pub report_ms: f64,
    /// Size of the worker's wasm memory afterwards (it never shrinks, so
    /// this is the peak).
    pub memory_bytes: u64,
    /// Peak of the heap bytes in use (the rest of the memory is the
    /// allocator's free gaps, the stack and static data).
    #[serde(default)]
    pub heap_peak_bytes: u64,
}

/// Time and memory of the model fits that follow a report.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct FitStats {
    pub fit_ms: f64,
    /// The worker's wasm memory afterwards: the peak of the whole load.
    pub memory_bytes: u64,
    #[serde(default)]
    pub heap_peak_bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::SourceKind;
    use cxi_parse::DateOrder;

    #[test]
    fn messages_round_trip_through_json() {
        let msgs = [
            ToWorker::Open {
                source: Source {
                    name: "ventes.csv".into(),
                    kind: SourceKind::File,
                    bytes: 40_000_000,
                },
                locale: Locale::Fr,
            },
            ToWorker::Edit {
                edit: Edit::DateOrder {
                    order: Some(DateOrder::DayFirst),
                },
                locale: Locale::En,
            },
            ToWorker::Render { locale: Locale::En },
            ToWorker::Fit,
            ToWorker::Holdout {
                end: NaiveDate::from_ymd_opt(2024, 3, 31),
            },
            ToWorker::Holdout { end: None },
            ToWorker::Extract,
            ToWorker::Link {
                inputs: Box::new(LinkInputs {
                    answers: Some(cxi_link::Answers::from_rows(&["C1"], None)),
                    crm: None,
                    csat_scale: cxi_models::csat::CsatScale::TenPoint,
                }),
                choice: JoinChoice {
                    window_days: 90.0,
                    rule: cxi_link::AnswerRule::EachAnswer,
                    reconcile: cxi_link::Reconcile {
                        leading_zeros: true,
                        alpha_prefix: false,
                    },
                },
                from: JoinFrom {
                    answers: 2,
                    crm: Some(3),
                },
            },
            ToWorker::Sample {
                sample: Sample::Retail,
                locale: Locale::Fr,
            },
        ];
        for m in msgs {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<ToWorker>(&json).unwrap(), m);
        }
        // The shape other tools (the browser bench) rely on.
        assert_eq!(
            serde_json::to_string(&ToWorker::Render { locale: Locale::Fr }).unwrap(),
            r#"{"render":{"locale":"fr"}}"#
        );
        assert_eq!(serde_json::to_string(&ToWorker::Fit).unwrap(), r#""fit""#);
        assert_eq!(
            serde_json::to_string(&ToWorker::Holdout {
                end: NaiveDate::from_ymd_opt(2024, 3, 31)
            })
            .unwrap(),
            r#"{"holdout":{"end":"2024-03-31"}}"#
        );
        let p = FromWorker::Progress {
            stage: Stage::Read,
            done: 1,
            total: 2,
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"progress":{"stage":"read","done":1,"total":2}}"#);
        assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), p);
        // The page reads the evidence and skips the bench's figures.
        let fitted = FromWorker::Fitted {
            evidence: Box::default(),
            stats: FitStats {
                fit_ms: 12.5,
                memory_bytes: 3,
                heap_peak_bytes: 2,
            },
        };
        let json = serde_json::to_string(&fitted).unwrap();
        assert!(json.starts_with(r#"{"fitted":{"evidence":"#), "{json}");
        assert!(json.contains(r#""fit_ms":12.5"#), "{json}");
        assert_eq!(
            serde_json::from_str::<FromWorker>(&json).unwrap(),
            FromWorker::Fitted {
                evidence: Box::default(),
                stats: FitStats::default(),
            }
        );
        // The join's answers: what it gives, or why not, in every language.
        for m in [
            FromWorker::Extracted { inputs: None },
            FromWorker::Linked {
                choice: JoinChoice::default(),
                from: JoinFrom {
                    answers: 2,
                    crm: None,
                },
                result: Err(Words::each(|l| format!("{l:?}"))),
            },
        ] {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), m);
        }
        let f = FromWorker::Failed {
            reason: Words::each(|l| format!("{l:?}")),
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, r#"{"failed":{"reason":{"fr":"Fr","en":"En"}}}"#);
        assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), f);
    }
}
