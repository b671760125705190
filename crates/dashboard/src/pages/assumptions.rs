//! Every editable assumption of the scenario, described once: the
//! Assumptions page lists them all (label, unit, value, default, source,
//! validation), and each page shows its own group next to its figures.
//! Page modules give their group with a `fields` function returning
//! [`Field`]s; [`all`] gathers them in page order.

use super::field::Group;
use crate::scenario::Scenario;
use cxi_types::Locale;

/// Every assumption of the scenario, grouped by page.
pub fn all(s: &Scenario, locale: Locale) -> Vec<Group> {
    [
        super::value::fields(&super::value::ValueSlice::of(s), locale),
        super::churn::fields(&super::churn::ChurnSlice::of(s), locale),
        super::voice::fields(&super::voice::VoiceSlice::of(s), locale),
        super::business::fields(&super::business::BusinessSlice::of(s), locale),
    ]
    .into_iter()
    .filter(|g| !g.fields.is_empty())
    .collect()
}
