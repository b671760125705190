//! Overview: every page's headline card, each with its reading, its
//! explanation and a link to its page.

use super::props::PageProps;
use crate::ui::widgets::HeadlineCard;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::overview::headlines;
use yew::prelude::*;

#[function_component(OverviewPage)]
pub fn page(props: &PageProps) -> Html {
    let s = &props.scenario;
    let t = s.locale.strings().overview;
    let cards = headlines(s);
    html! {
        <section class="panel" aria-labelledby="overview-heading">
            <h2 id="overview-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <div class="cards overview">
                { for cards.into_iter().map(|h| html! {
                    <HeadlineCard headline={h} locale={s.locale} currency={s.currency} link=true />
                }) }
            </div>
        </section>
    }
}
