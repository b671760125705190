//! One component per dashboard page, each over the whole scenario. Pages
//! only lay out what `cxi_dashboard::pages` computes.

mod assumptions;
mod business;
mod churn;
mod drivers;
mod maturity;
mod overview;
mod value;
mod voice;

pub use assumptions::AssumptionsPage;
pub use business::BusinessPage;
pub use churn::ChurnPage;
pub use drivers::DriversPage;
pub use maturity::MaturityPage;
pub use overview::OverviewPage;
pub use value::ValuePage;
pub use voice::VoicePage;

use cxi_dashboard::scenario::Action;
use cxi_dashboard::scenario::Scenario;
use yew::prelude::*;

/// What every page gets: the scenario and the way to change it.
#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub scenario: Scenario,
    pub ondispatch: Callback<Action>,
}
