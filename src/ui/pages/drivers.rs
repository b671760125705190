//! Drivers page: importance bars and importance–performance quadrant.

use super::PageProps;
use yew::prelude::*;

#[function_component(DriversPage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().drivers;
    html! {
        <section class="panel" aria-labelledby="drivers-heading">
            <h2 id="drivers-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
        </section>
    }
}
