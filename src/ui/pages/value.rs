//! Customer value page: the CLV model of the user's choice.

use super::PageProps;
use crate::ui::ClvPanel;
use yew::prelude::*;

#[function_component(ValuePage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().value;
    html! {
        <section class="panel" aria-labelledby="value-heading">
            <h2 id="value-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <ClvPanel scenario={props.scenario.clone()} ondispatch={props.ondispatch.clone()} />
        </section>
    }
}
