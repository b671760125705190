//! One component per dashboard page. Each gets the slice of the scenario it
//! uses (the Overview and Assumptions pages, which gather every page, get
//! the whole scenario), and only lays out what `cxi_dashboard::pages`
//! computes. [`page`] mounts the one for a view.

mod assumptions;
mod business;
mod churn;
mod drivers;
mod maturity;
mod overview;
mod props;
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

pub use props::PageProps;

use cxi_dashboard::data::Part;
use cxi_dashboard::scenario::{Action, Scenario};
use cxi_types::View;
use yew::prelude::*;

/// The page shown for `view`; the Data page is mounted apart (always).
pub fn page(view: View, scenario: &Scenario, ondispatch: &Callback<Action>) -> Html {
    // Only the two pages that gather every page get (a copy of) the whole
    // scenario; the others get the slice they read.
    let ondispatch = ondispatch.clone();
    // Merged once per render: each page's part from the table serving it.
    let evidence = scenario.evidence();
    match view {
        View::Overview => html! { <OverviewPage scenario={scenario.clone()} {ondispatch} /> },
        View::Data => html! {},
        View::Assumptions => html! { <AssumptionsPage scenario={scenario.clone()} {ondispatch} /> },
        View::Value => html! {
            <ValuePage value={scenario.value.clone()} clv={scenario.clv.clone()}
                segment={scenario.segment.clone()}
                evidence={evidence.value}
                context={scenario.context()} {ondispatch} />
        },
        View::Churn => html! {
            <ChurnPage churn={scenario.churn.clone()} clv={scenario.clv.clone()}
                evidence={evidence.churn}
                context={scenario.context()} {ondispatch} />
        },
        View::Voice => html! {
            <VoicePage voice={scenario.voice.clone()} clv={scenario.clv.clone()}
                segment={scenario.segment.clone()}
                evidence={evidence.voice}
                source={scenario.source_of(Part::Voice).to_string()}
                linked={scenario.linked.clone()}
                orders_value={scenario.linked_orders_value().cloned()}
                value={scenario.value.clone()}
                context={scenario.context()} {ondispatch} />
        },
        View::Drivers => html! {
            <DriversPage evidence={evidence.drivers}
                segment={scenario.segment.clone()}
                source={scenario.source_of(Part::Drivers).to_string()}
                assumptions={scenario.drivers.clone()}
                context={scenario.context()} {ondispatch} />
        },
        View::Business => html! {
            <BusinessPage business={scenario.business.clone()} clv={scenario.clv.clone()}
                churn={scenario.churn.clone()}
                churn_evidence={evidence.churn}
                linked={scenario.linked.clone()}
                context={scenario.context()} {ondispatch} />
        },
        View::Maturity => html! {
            <MaturityPage answers={scenario.maturity.clone()} context={scenario.context()} {ondispatch} />
        },
    }
}
