//! Several tables, one customer: an order log, a survey export and a CRM
//! table joined by customer id, and the money each score group goes on to
//! spend, measured in the user's own data.
//!
//! * [`ids`]: ids compared trimmed and case-folded; leading zeros and an
//!   alphabetic prefix reconciled only when the user confirms
//!   ([`Reconcile`]), each proposed with its gain ([`Proposal`]).
//! * [`report`]: the [`MatchReport`] of answers in the orders and in the
//!   CRM: matched / total, the unmatched ids (first ones listed). Unmatched
//!   answers are kept: they count for the score itself.
//! * [`select`]: several answers per customer, by [`AnswerRule`].
//! * [`link()`]: purchases and spend in the window after each answer
//!   ([`Basis`]; censored windows left out, counted), churn and contacts
//!   from the CRM, per NPS category and CSAT/CES band ([`GroupTable`]).
//! * [`contrast`]: promoters − detractors (and high − low band) with
//!   delta-method intervals.
//! * [`from_table`]: the three tables from loaded [`cxi_parse::Table`]s and
//!   column indices, as the dashboard's data session holds them.
//! * [`sample`]: a seeded linked sample with a planted effect.

#![deny(missing_docs)]

pub mod contrast;
pub mod error;
pub mod from_table;
pub mod groups;
mod history;
pub mod ids;
pub mod input;
mod link;
pub mod report;
pub mod sample;
pub mod select;

pub use contrast::{Contrast, Estimate, Interval, Measure};
pub use error::{ColumnKind, LinkError, TableKind, ValueProblem};
pub use groups::{GroupRow, GroupTable};
pub use ids::{normalize, Reconcile, Rule};
pub use input::{Answers, Crm, Orders};
pub use link::{
    link, link_with_units, Basis, Evidence, LinkOptions, MissingDates, Units, DEFAULT_LISTED,
    DEFAULT_WINDOW_DAYS,
};
pub use report::{MatchReport, Proposal, UnmatchedId};
pub use select::AnswerRule;
