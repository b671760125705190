//! Business case page.

use super::PageProps;
use yew::prelude::*;

#[function_component(BusinessPage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().business;
    html! {
        <section class="panel" aria-labelledby="business-heading">
            <h2 id="business-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
        </section>
    }
}
