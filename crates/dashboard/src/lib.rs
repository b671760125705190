//! The dashboard of CX Impact as pure computations, tested natively:
//!
//! * [`scenario`]: everything the user entered, one serde struct, and its
//!   pure `reduce`;
//! * [`pages`]: each page's assumptions, actions, evidence and computation;
//! * [`i18n`]: the French and English text tables;
//! * [`data`]: data in above the parser (the session a worker holds, its
//!   protocol, the page's load state, what the scenario keeps);
//! * [`share`]: the scenario's link, file and storage forms;
//! * [`samples`]: the built-in data sets; [`input`]: numbers typed in forms.

pub mod data;
pub mod i18n;
pub mod input;
pub mod pages;
pub mod samples;
pub mod scenario;
pub mod share;
