//! Churn and acquisition page.

use super::PageProps;
use yew::prelude::*;

#[function_component(ChurnPage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().churn;
    html! {
        <section class="panel" aria-labelledby="churn-heading">
            <h2 id="churn-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
        </section>
    }
}
