//! The scenario as the app's one piece of state.

use cxi_dashboard::scenario::{reduce, Action, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// The scenario as yew reducer state. The transition itself is the pure
/// [`reduce`] of the core.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioState(pub Scenario);

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(ScenarioState(reduce(&self.0, action)))
    }
}
