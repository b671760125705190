//! Business case page: the case in one sentence, baseline/target/stretch
//! side by side, cash flows, tornado, the Monte-Carlo band, and the
//! programme's assumptions. The band is kept (memoised) while the target
//! scenario's inputs stay the same, so unrelated changes never redraw it.

use crate::ui::charts::Chart;
use crate::ui::fields::field_inputs;
use crate::ui::format;
use crate::ui::widgets::HeadlineCard;
use cxi_dashboard::data::linked::Linked;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::business;
use cxi_dashboard::pages::business::BusinessAction;
use cxi_dashboard::pages::business::DRAWS;
use cxi_dashboard::pages::business::TORNADO_RELATIVE;
use cxi_dashboard::pages::business::{BusinessAssumptions, BusinessSlice};
use cxi_dashboard::pages::churn::{ChurnAssumptions, ChurnEvidence, ChurnSlice};
use cxi_dashboard::pages::clv::ClvAssumptions;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::scenario::Action;
use cxi_models::business_case::BusinessCaseInputs;
use cxi_types::chart::ChartSpec;
use cxi_types::format as words;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// The slice of the scenario the page uses: its assumptions, the
/// calculator's, and the Churn page's (the case starts from its base).
#[derive(Properties, PartialEq)]
pub struct BusinessPageProps {
    pub business: BusinessAssumptions,
    pub clv: ClvAssumptions,
    pub churn: ChurnAssumptions,
    /// What loaded data measured for the Churn page (`None`: no data).
    pub churn_evidence: Option<Arc<ChurnEvidence>>,
    /// The survey joined to the orders: it measures the revenue per NPS point.
    #[prop_or_default]
    pub linked: Option<Arc<Linked>>,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(BusinessPage)]
pub fn page(props: &BusinessPageProps) -> Html {
    let Context { locale, currency } = props.context;
    let s = &BusinessSlice {
        locale,
        currency,
        business: &props.business,
        clv: &props.clv,
        churn: ChurnSlice {
            locale,
            currency,
            churn: &props.churn,
            clv: &props.clv,
            evidence: props.churn_evidence.as_deref(),
        },
        linked: props.linked.as_deref().map(|l| &l.evidence),
    };
    let t = locale.strings().business;
    let view = business::compute(s);
    let target: Option<BusinessCaseInputs> = view.target().map(|c| c.inputs);
    let band = use_memo(target, |t| t.as_ref().and_then(business::band));
    let card = view.headline(s, band.as_ref().as_ref());
    let group = business::fields(s, locale);
    let chart = |spec: Option<ChartSpec>| match spec {
        Some(spec) => html! { <Chart spec={Rc::new(spec)} {locale} {currency} /> },
        None => html! {},
    };
    let table = view.comparison(s);
    let onreset = {
        let d = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Business(BusinessAction::Reset)))
    };
    html! {
        <section class="panel business-page" aria-labelledby="business-heading">
            <h2 id="business-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <div class="cards">
                <HeadlineCard headline={card} {locale} {currency} />
            </div>
            if !view.scenarios.is_empty() {
                <section aria-labelledby="business-scenarios-heading">
                    <h3 id="business-scenarios-heading">{ t.scenarios_heading }</h3>
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="business-scenarios-heading">
                        <table id="business-comparison">
                            <caption class="visually-hidden">{ t.scenarios_heading }</caption>
                            <thead><tr>
                                { for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                            </tr></thead>
                            <tbody>
                                { for table.rows.iter().map(|row| html! {
                                    <tr>
                                        { for row.iter().enumerate().map(|(k, f)| if k == 0 {
                                            html! { <th scope="row">{ format::figure(locale, currency, f) }</th> }
                                        } else {
                                            html! { <td class="num" data-value={f.value().map(|v| v.to_string())}>
                                                { format::figure(locale, currency, f) }</td> }
                                        }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    { chart(view.scenarios_chart(s)) }
                </section>
                <section aria-labelledby="business-cash-heading">
                    <h3 id="business-cash-heading">{ t.cash_heading }</h3>
                    { chart(view.cash_chart(s)) }
                </section>
                <section aria-labelledby="business-tornado-heading">
                    <h3 id="business-tornado-heading">{ t.tornado_heading }</h3>
                    { chart(view.tornado_chart(s)) }
                </section>
                <section aria-labelledby="business-band-heading">
                    <h3 id="business-band-heading">{ t.band_heading }</h3>
                    { chart(band.as_ref().as_ref().and_then(|b| view.band_chart(s, b))) }
                    <p class="note">{ fill(t.band_note, &[
                        ("draws", &words::number(locale, f64::from(DRAWS), 0)),
                        ("relative", &words::percent(locale, TORNADO_RELATIVE, 0)),
                    ]) }</p>
                </section>
            }
            <section aria-labelledby="business-assumptions-heading">
                <h3 id="business-assumptions-heading">{ t.assumptions_heading }</h3>
                <p class="note">{ t.base_note }</p>
                <form class="assumptions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.group }</legend>
                        { field_inputs(group.fields.iter(), props.context, &props.ondispatch) }
                    </fieldset>
                    <button type="button" class="secondary" id="business-reset" onclick={onreset}>
                        { locale.strings().churn.reset }
                    </button>
                </form>
            </section>
        </section>
    }
}
