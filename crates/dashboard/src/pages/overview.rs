//! The Overview: the headline cards of every page, in the order an
//! executive reads them (value, acquisition, churn, NPS, business case, maturity).

use super::super::scenario::Scenario;
use cxi_types::Headline;

/// Every headline card, page by page.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let mut cards = super::value::headlines(s);
    cards.extend(super::churn::headlines(s));
    cards.extend(super::voice::headlines(s));
    cards.extend(super::business::headlines(s));
    cards.extend(super::maturity::headlines(s));
    cards
}
