//! Churn and acquisition page: the three cards, what the data measured,
//! the churn projection, CAC by channel, the payback curve, and the page's
//! assumptions with the channel editor.

use crate::ui::charts::Chart;
use crate::ui::fields::field_inputs;
use crate::ui::widgets::HeadlineCard;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::churn;
use cxi_dashboard::pages::churn::ChurnAction;
use cxi_dashboard::pages::churn::MAX_CHANNELS;
use cxi_dashboard::pages::churn::{ChurnAssumptions, ChurnEvidence, ChurnSlice};
use cxi_dashboard::pages::clv::ClvAssumptions;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::scenario::Action;
use cxi_types::format as words;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The slice of the scenario the page uses.
#[derive(Properties, PartialEq)]
pub struct ChurnPageProps {
    pub churn: ChurnAssumptions,
    /// The CLV calculator's assumptions: retention and margin defaults.
    pub clv: ClvAssumptions,
    /// What loaded data measured for this page (`None`: no data).
    pub evidence: Option<Arc<ChurnEvidence>>,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(ChurnPage)]
pub fn page(props: &ChurnPageProps) -> Html {
    let Context { locale, currency } = props.context;
    let s = &ChurnSlice {
        locale,
        currency,
        churn: &props.churn,
        clv: &props.clv,
        evidence: props.evidence.as_deref(),
    };
    let t = locale.strings().churn;
    let view = churn::compute(s);
    let cards = view.headlines(s);
    let group = churn::fields(s, locale);
    let dispatch = |a: ChurnAction| {
        let d = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Churn(a.clone())))
    };
    let chart = |spec: Option<cxi_types::chart::ChartSpec>| match spec {
        Some(spec) => html! { <Chart spec={Rc::new(spec)} {locale} {currency} /> },
        None => html! {},
    };

    let evidence = match churn::loaded(s) {
        Some(e) => {
            let mut lines = Vec::new();
            if let Some(m) = &e.churn {
                lines.push(fill(
                    t.evidence_churn,
                    &[
                        ("monthly", &words::percent(locale, m.monthly, 2)),
                        (
                            "annual",
                            &words::percent(locale, churn::annual_from_monthly(m.monthly), 1),
                        ),
                        (
                            "lo",
                            &words::percent(locale, churn::annual_from_monthly(m.monthly_low), 1),
                        ),
                        (
                            "hi",
                            &words::percent(locale, churn::annual_from_monthly(m.monthly_high), 1),
                        ),
                        ("churned", &words::number(locale, m.churned as f64, 0)),
                        ("exposure", &words::number(locale, m.exposure_months, 0)),
                    ],
                ));
            }
            if e.undated_churns > 0 {
                lines.push(fill(
                    t.evidence_undated,
                    &[("n", &words::number(locale, e.undated_churns as f64, 0))],
                ));
            }
            if let Some(r) = &e.revenue_per_month {
                lines.push(fill(
                    t.evidence_revenue,
                    &[
                        ("mean", &words::money(locale, currency, r.mean)),
                        ("lo", &words::money(locale, currency, r.low)),
                        ("hi", &words::money(locale, currency, r.high)),
                        ("n", &words::number(locale, r.n as f64, 0)),
                    ],
                ));
            }
            if let Ok(r) = cxi_models::acquisition::cac_by_channel(&e.channels) {
                lines.push(fill(
                    t.evidence_channels,
                    &[
                        ("n", &e.channels.len().to_string()),
                        ("blended", &words::money(locale, currency, r.blended)),
                    ],
                ));
            }
            html! { <ul id="churn-evidence">{ for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul> }
        }
        None => html! { <p id="churn-evidence" class="note">{ t.no_evidence }</p> },
    };

    let channels = &view.inputs.channels;
    let channel_rows = channels.iter().enumerate().map(|(k, ch)| {
        let spend = group.fields.iter().find(|f| f.id == churn::SPEND_IDS[k]);
        let new = group.fields.iter().find(|f| f.id == churn::NEW_IDS[k]);
        let d = props.ondispatch.clone();
        let onname = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            d.emit(Action::Churn(ChurnAction::SetChannelName(k, input.value())));
        });
        let name_id = format!("churn-ch{k}-name");
        html! {
            <fieldset class="channel">
                <legend class="visually-hidden">{ &ch.name }</legend>
                <div class="field">
                    <label for={name_id.clone()}>{ t.channel_name }</label>
                    <input id={name_id} type="text" value={ch.name.clone()} oninput={onname} />
                </div>
                { field_inputs(spend.into_iter().chain(new), props.context, &props.ondispatch) }
                <button type="button" class="link" onclick={dispatch(ChurnAction::RemoveChannel(k))}>
                    { fill(t.remove_channel, &[("name", &ch.name)]) }
                </button>
            </fieldset>
        }
    });
    let scalars = group
        .fields
        .iter()
        .filter(|f| !f.id.starts_with("as-churn-ch"));

    html! {
        <section class="panel churn-page" aria-labelledby="churn-heading">
            <h2 id="churn-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <div class="cards">
                { for cards.into_iter().map(|h| html! {
                    <HeadlineCard headline={h} {locale} {currency} />
                }) }
            </div>
            <section aria-labelledby="churn-evidence-heading">
                <h3 id="churn-evidence-heading">{ t.evidence_heading }</h3>
                { evidence }
            </section>
            <section aria-labelledby="churn-projection-heading">
                <h3 id="churn-projection-heading">{ t.projection_heading }</h3>
                { chart(view.projection_chart(s)) }
            </section>
            <section aria-labelledby="churn-cac-heading">
                <h3 id="churn-cac-heading">{ t.acquisition_heading }</h3>
                { chart(view.cac_chart(s)) }
            </section>
            <section aria-labelledby="churn-payback-heading">
                <h3 id="churn-payback-heading">{ t.payback_heading }</h3>
                { chart(view.payback_chart(s)) }
            </section>
            <section aria-labelledby="churn-assumptions-heading">
                <h3 id="churn-assumptions-heading">{ t.assumptions_heading }</h3>
                <form class="assumptions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.group }</legend>
                        { field_inputs(scalars, props.context, &props.ondispatch) }
                    </fieldset>
                    <fieldset class="channels">
                        <legend>{ t.channels_heading }</legend>
                        { for channel_rows }
                        if channels.len() < MAX_CHANNELS {
                            <button type="button" class="secondary"
                                onclick={dispatch(ChurnAction::AddChannel(t.new_channel_name.into()))}>
                                { t.add_channel }
                            </button>
                        }
                    </fieldset>
                    <button type="button" class="secondary" id="churn-reset" onclick={dispatch(ChurnAction::Reset)}>
                        { t.reset }
                    </button>
                </form>
            </section>
        </section>
    }
}
