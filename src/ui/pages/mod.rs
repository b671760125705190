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

use cxi_dashboard::scenario::{Action, Scenario};
use cxi_types::View;
use yew::prelude::*;

/// The page shown for `view`; the Data page is mounted apart (always).
pub fn page(view: View, scenario: &Scenario, ondispatch: &Callback<Action>) -> Html {
    let (scenario, ondispatch) = (scenario.clone(), ondispatch.clone());
    match view {
        View::Overview => html! { <OverviewPage {scenario} {ondispatch} /> },
        View::Data => html! {},
        View::Assumptions => html! { <AssumptionsPage {scenario} {ondispatch} /> },
        View::Value => html! {
            <ValuePage value={scenario.value.clone()} clv={scenario.clv.clone()}
                segment={scenario.segment.clone()}
                evidence={scenario.data.as_ref().and_then(|d| d.evidence.value.clone())}
                context={scenario.context()} {ondispatch} />
        },
        View::Churn => html! {
            <ChurnPage churn={scenario.churn.clone()} clv={scenario.clv.clone()}
                evidence={scenario.data.as_ref().and_then(|d| d.evidence.churn.clone())}
                context={scenario.context()} {ondispatch} />
        },
        View::Voice => html! {
            <VoicePage voice={scenario.voice.clone()} clv={scenario.clv.clone()}
                segment={scenario.segment.clone()}
                evidence={scenario.data.as_ref().and_then(|d| d.evidence.voice.clone())}
                source={scenario.data.as_ref().map(|d| d.source.name.clone()).unwrap_or_default()}
                context={scenario.context()} {ondispatch} />
        },
        View::Drivers => html! {
            <DriversPage evidence={scenario.data.as_ref().and_then(|d| d.evidence.drivers.clone())}
                segment={scenario.segment.clone()}
                source={scenario.data.as_ref().map(|d| AttrValue::from(d.source.name.clone())).unwrap_or_default()}
                assumptions={scenario.drivers.clone()}
                context={scenario.context()} {ondispatch} />
        },
        View::Business => html! {
            <BusinessPage business={scenario.business.clone()} clv={scenario.clv.clone()}
                churn={scenario.churn.clone()}
                churn_evidence={scenario.data.as_ref().and_then(|d| d.evidence.churn.clone())}
                context={scenario.context()} {ondispatch} />
        },
        View::Maturity => html! {
            <MaturityPage answers={scenario.maturity.clone()} context={scenario.context()} {ondispatch} />
        },
    }
}
