//! NPS → revenue page (with CSAT and CES).

use super::PageProps;
use yew::prelude::*;

#[function_component(VoicePage)]
pub fn page(props: &PageProps) -> Html {
    let t = props.scenario.locale.strings().voice;
    html! {
        <section class="panel" aria-labelledby="nps-heading">
            <h2 id="nps-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
        </section>
    }
}
