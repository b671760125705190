//! Maturity self-assessment page.

use super::PageProps;
use yew::prelude::*;

#[function_component(MaturityPage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().maturity;
    html! {
        <section class="panel" aria-labelledby="maturity-heading">
            <h2 id="maturity-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
        </section>
    }
}
