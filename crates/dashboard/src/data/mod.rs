//! Data in, above the parser: a [`Session`] holds one loaded table while
//! the user confirms its shape, maps its columns and fixes its cells; the
//! scenario keeps only [`LoadedData`], a few hundred bytes that say where
//! the data came from, how it is read and what it sums up to.
//!
//! The table itself (up to hundreds of MB) never enters the serialisable
//! scenario: it lives in the session, on the page for small inputs or in a
//! Web Worker for large ones. Both run this same code; the worker only
//! carries [`Edit`]s in and [`Report`]s out as JSON.

pub mod linked;
pub mod listing;
pub mod loaded;
pub mod protocol;
pub mod sample;
pub mod session;
pub mod state;
pub mod tables;
pub mod workspace;

pub use loaded::{currency, digest, Digest, LoadedData, Source, SourceKind};
pub use protocol::{FitStats, FromWorker, LoadStats, ToWorker};
pub use sample::Sample;
pub use session::{
    role_from_id, role_id, role_name, role_options, shape_from_id, shape_id, Choices, ColumnChoice,
    Edit, Preview, PreviewRow, Problem, Ready, Report, Session, Stage, Status, Value,
    REPORT_PROBLEMS,
};
pub use state::{DataEvent, DataState, EngineId, Loading, Notice, Slot};
pub use tables::Part;
pub use workspace::{Table, Target, Workspace, WorkspaceEvent};
