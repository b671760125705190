//! What every page component gets.

use cxi_dashboard::scenario::Action;
use cxi_dashboard::scenario::Scenario;
use yew::prelude::*;

/// What every page gets: the scenario and the way to change it.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub scenario: Scenario,
    pub ondispatch: Callback<Action>,
}
