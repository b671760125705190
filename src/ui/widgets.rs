//! Building blocks every page uses: the "how is this computed" panel and
//! the headline card.

use super::format;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_types::format as words;
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HowPanelProps {
    pub how: How,
    pub locale: Locale,
    pub currency: Currency,
}

/// Formula, inputs with their values, source and caveats, folded under a
/// "how is this computed" summary (unfolded when printed).
#[function_component(HowPanel)]
pub fn how_panel(props: &HowPanelProps) -> Html {
    let t = props.locale.strings();
    let h = &props.how;
    html! {
        <details class="how">
            <summary>{ t.how_computed }</summary>
            <dl>
                <dt>{ t.formula }</dt>
                <dd><code>{ &h.formula }</code></dd>
                if !h.inputs.is_empty() {
                    <dt>{ t.inputs }</dt>
                    <dd>
                        <ul>
                            { for h.inputs.iter().map(|(label, f)| html! {
                                <li>{ format!("{label}{}{}", t.colon, format::figure(props.locale, props.currency, f)) }</li>
                            }) }
                        </ul>
                    </dd>
                }
                <dt>{ t.source }</dt>
                <dd>{ &h.source }</dd>
                <dt>{ t.caveats }</dt>
                <dd>{ &h.caveats }</dd>
            </dl>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct HeadlineCardProps {
    pub headline: Headline,
    pub locale: Locale,
    pub currency: Currency,
    /// Show a link to the page that explains the figure (Overview).
    #[prop_or_default]
    pub link: bool,
}

/// One headline figure with its reading, interval and explanation.
#[function_component(HeadlineCard)]
pub fn headline_card(props: &HeadlineCardProps) -> Html {
    let h = &props.headline;
    let (locale, currency) = (props.locale, props.currency);
    let t = locale.strings();
    // Headlines read as executives read them and as the sentence beside
    // them does (€1.4m, not €1,403,462.46); the exact amount stays in the
    // tooltip, the data-value and the How panel.
    let fig = |f: &Figure| match f {
        Figure::Money(v) => words::money(locale, currency, *v),
        other => format::figure(locale, currency, other),
    };
    let data_value = h.figure.value().map(|v| v.to_string());
    let exact =
        matches!(h.figure, Figure::Money(_)).then(|| format::figure(locale, currency, &h.figure));
    html! {
        <article class="card" id={h.id} aria-labelledby={format!("{}-title", h.id)}>
            <h3 id={format!("{}-title", h.id)}>{ &h.title }</h3>
            <p class="figure" data-value={data_value} title={exact}>{ fig(&h.figure) }</p>
            if let Some((lo, hi, label)) = &h.interval {
                <p class="interval">{ format!("{label}{}{} – {}", t.colon, fig(lo), fig(hi)) }</p>
            }
            <p class="reading">{ &h.reading }</p>
            <HowPanel how={h.how.clone()} {locale} {currency} />
            if props.link {
                <p class="more no-print"><a href={h.page.hash()}>{ t.see_detail }</a></p>
            }
        </article>
    }
}
