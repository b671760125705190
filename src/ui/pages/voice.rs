//! NPS → revenue page (with CSAT and CES): the answers, what each category
//! is worth, the move scenario in one sentence with its assumptions, the
//! revenue projection and the CSAT/CES links.

use crate::ui::charts::Chart;
use crate::ui::fields::NumberField;
use crate::ui::format;
use crate::ui::segment_select::SegmentSelect;
use crate::ui::widgets::HeadlineCard;
use cxi_dashboard::data::linked::{AnswerRule, JoinChoice, Linked};
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::clv::ClvAssumptions;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::pages::value::evidence::ValueEvidence;
use cxi_dashboard::pages::value::ValueAssumptions;
use cxi_dashboard::pages::voice::compute;
use cxi_dashboard::pages::voice::fields;
use cxi_dashboard::pages::voice::headlines_of;
use cxi_dashboard::pages::voice::linked::{self, LinkedView};
use cxi_dashboard::pages::voice::linked_model::group_model;
use cxi_dashboard::pages::voice::state::VoiceAction;
use cxi_dashboard::pages::voice::{VoiceAssumptions, VoiceEvidence, VoiceSlice};
use cxi_dashboard::scenario::Action;
use cxi_types::chart::DataTable;
use cxi_types::format as words;
use cxi_types::Currency;
use cxi_types::Locale;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// A data table of figures (the group economics).
pub fn figure_table(
    id: &str,
    caption: &str,
    table: &DataTable,
    locale: Locale,
    currency: Currency,
) -> Html {
    html! {
        // A scrollable region on a phone: focusable, so the keyboard scrolls it.
        <div class="table-wrap" tabindex="0" role="region" aria-label={caption.to_string()}>
            <table id={id.to_string()}>
                <caption>{ caption }</caption>
                <thead><tr>
                    { for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                </tr></thead>
                <tbody>
                    { for table.rows.iter().map(|row| html! {
                        <tr>{ for row.iter().enumerate().map(|(i, f)| {
                            let text = format::figure(locale, currency, f);
                            if i == 0 {
                                html! { <th scope="row">{ text }</th> }
                            } else {
                                html! { <td class={if f.value().is_some() { "num" } else { "" }}
                                    data-value={f.value().map(|v| v.to_string())}>{ text }</td> }
                            }
                        }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The slice of the scenario the page uses.
#[derive(Properties, PartialEq)]
pub struct VoicePageProps {
    pub voice: VoiceAssumptions,
    /// The CLV calculator's assumptions: retention, margin, discount rate.
    pub clv: ClvAssumptions,
    pub segment: Option<String>,
    /// What loaded data left for this page (`None`: no data).
    pub evidence: Option<Arc<VoiceEvidence>>,
    /// The loaded table's name (empty without data).
    pub source: String,
    /// The survey joined to the orders, when the Data page made the join.
    #[prop_or_default]
    pub linked: Option<Arc<Linked>>,
    /// The joined order log's fitted purchase model, and the Customer
    /// value page's horizon and margin it is read with.
    #[prop_or_default]
    pub orders_value: Option<Arc<ValueEvidence>>,
    #[prop_or_default]
    pub value: ValueAssumptions,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(VoicePage)]
pub fn page(props: &VoicePageProps) -> Html {
    let Context { locale, currency } = props.context;
    let s = &VoiceSlice {
        locale,
        currency,
        voice: &props.voice,
        clv: &props.clv,
        segment: &props.segment,
        evidence: props.evidence.as_deref(),
        linked: props.linked.as_deref().map(|l| &l.evidence),
    };
    let t = locale.strings().voice;
    let v = compute(s);
    let cards = headlines_of(s, &v);
    let group = fields(s, locale);
    let field_html = |f: cxi_dashboard::pages::field::Field| {
        let d = props.ondispatch.clone();
        let set = f.set;
        let help = fill(
            locale.strings().assumptions.default_and_source,
            &[
                (
                    "default",
                    &format::figure(locale, currency, &f.default_figure()),
                ),
                ("source", &f.source),
            ],
        );
        html! {
            <NumberField id={f.id} label={format!("{} ({})", f.label, f.unit_text)}
                {help} value={f.value} {locale} error={f.error.clone()}
                onchange={Callback::from(move |x: f64| d.emit(set(x)))} />
        }
    };
    let (scenario_fields, other_fields): (Vec<_>, Vec<_>) = group
        .fields
        .into_iter()
        .partition(|f| f.id == "as-voice-dp" || f.id == "as-voice-pp");
    let source_note = match Some(&props.source).filter(|_| v.from_data) {
        Some(name) => fill(t.from_data, &[("source", name)]),
        None => t.from_assumptions.to_string(),
    };
    let dist = Rc::new(v.distribution_chart(locale));
    let n = v.counts.n();
    html! {
        <section class="panel voice-page" aria-labelledby="nps-heading">
            <h2 id="nps-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <p class="source-note" id="nps-source">{ source_note }</p>
            if !v.segments.is_empty() {
                <SegmentSelect id="nps-segment" label={t.segment_label} all={t.all_customers}
                    segments={v.segments.clone()} selected={v.segment.clone()}
                    ondispatch={props.ondispatch.clone()} />
            }
            <div class="cards">
                { for cards.into_iter().map(|h| html! {
                    <HeadlineCard headline={h} {locale} {currency} />
                }) }
            </div>

            <h3>{ t.distribution }</h3>
            <table class="nps-counts" id="nps-counts">
                <caption class="visually-hidden">{ t.distribution }</caption>
                <thead><tr>
                    <th scope="col">{ t.category }</th>
                    <th scope="col">{ t.answers_axis }</th>
                    <th scope="col">{ t.share }</th>
                </tr></thead>
                <tbody>
                    { for [("detractors", t.detractors, v.counts.detractors), ("passives", t.passives, v.counts.passives),
                           ("promoters", t.promoters, v.counts.promoters)].into_iter().map(|(id, name, c)| html! {
                        <tr id={format!("nps-count-{id}")}>
                            <th scope="row"><span class={classes!("swatch", format!("c-{}", match id {
                                "detractors" => "vermillion", "passives" => "grey", _ => "bluish-green" }))}></span>{ name }</th>
                            <td class="num" data-value={c.to_string()}>{ format::number(locale, c as f64, 0) }</td>
                            <td class="num">{ if n > 0 { words::percent(locale, c as f64 / n as f64, 1) } else { "—".into() } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <Chart spec={dist} {locale} {currency} />
            if let Some(c) = &v.csat {
                <p id="csat-summary">{ fill(t.csat_summary, &[
                    ("top", &format::percent(locale, c.top_box.estimate, 1)),
                    ("n", &format::number(locale, c.n as f64, 0)),
                    ("mean", &format::number(locale, c.mean.mean, 2)),
                ]) }</p>
            }
            if let Some(c) = &v.ces {
                <p id="ces-summary">{ fill(t.ces_summary, &[
                    ("top", &format::percent(locale, c.top_box.estimate, 1)),
                    ("n", &format::number(locale, c.n as f64, 0)),
                    ("mean", &format::number(locale, c.mean.mean, 2)),
                ]) }</p>
            }

            { for props.linked.as_deref().and_then(|l| {
                let model = group_model(l, props.orders_value.as_deref(), &props.value, &props.clv);
                linked::view(locale, currency, l, model.as_ref(), &props.source)
            }).map(|lv| {
                linked_section(&lv, join_controls(locale, &props.voice.join, &props.ondispatch))
            }) }

            <h3>{ t.scenario }</h3>
            <div class="voice-scenario">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { for scenario_fields.into_iter().map(field_html) }
                </form>
                { match &v.money {
                    Ok(_) => html! { <p class="move-sentence" id="nps-move-sentence">{ v.move_sentence(s) }</p> },
                    Err(e) => html! { <p class="results invalid" id="nps-error">{ e.sentence(locale) }</p> },
                } }
            </div>
            if let Ok(m) = &v.money {
                if !m.ordered {
                    <p class="caveat warn" id="nps-unordered">{ t.unordered }</p>
                }
                <Chart spec={Rc::new(m.projection_chart(locale, currency))} {locale} {currency} />
                <h3>{ t.waterfall }</h3>
                <Chart spec={Rc::new(m.waterfall_chart(locale, currency))} {locale} {currency} headed=true />
                <h3>{ t.links }</h3>
                <p>{ t.links_intro }</p>
                <Chart spec={Rc::new(m.links_chart(locale, currency))} {locale} {currency} headed=true />
                <p class="caveat">{ if m.links_from_data { t.links_caveat_data } else { t.links_caveat_default } }</p>
                <h3>{ t.economics }</h3>
                <p id="nps-economics-source">{ m.source_sentence(locale) }</p>
                if !m.assumption_lines(locale).is_empty() {
                    <ul class="factor-list">
                        { for m.assumption_lines(locale).into_iter().map(|l| html! { <li>{ l }</li> }) }
                    </ul>
                }
                { figure_table("nps-economics", t.economics, &m.economics_table(locale, currency), locale, currency) }
            }

            <h3>{ locale.strings().assumptions.heading }</h3>
            <p>{ t.assumptions_intro }</p>
            <form class="assumptions voice-assumptions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for other_fields.into_iter().map(field_html) }
            </form>
        </section>
    }
}

/// The join's window and rule, changed here and redone by the Data page's
/// workers.
fn join_controls(locale: Locale, choice: &JoinChoice, ondispatch: &Callback<Action>) -> Html {
    let t = locale.strings().voice;
    let onwindow = {
        let d = ondispatch.clone();
        Callback::from(move |x: f64| d.emit(Action::Voice(VoiceAction::SetJoinWindow(x))))
    };
    let onrule = {
        let d = ondispatch.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let rule = match select.value().as_str() {
                "each" => AnswerRule::EachAnswer,
                _ => AnswerRule::LatestBeforeWindow,
            };
            d.emit(Action::Voice(VoiceAction::SetJoinRule(rule)));
        })
    };
    let each = choice.rule == AnswerRule::EachAnswer;
    html! {
        <form class="inputs join-controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <NumberField id="nps-join-window" label={t.linked_window_label} help={t.linked_window_help}
                value={choice.window_days} {locale} error={linked::window_error(locale, choice)}
                onchange={onwindow} />
            <div class="field">
                <label for="nps-join-rule">{ t.linked_rule_label }</label>
                <select id="nps-join-rule" onchange={onrule}>
                    <option value="latest" selected={!each}>{ t.linked_rule_latest }</option>
                    <option value="each" selected={each}>{ t.linked_rule_each }</option>
                </select>
            </div>
        </form>
    }
}

/// What each NPS group did next, measured in the user's orders.
fn linked_section(v: &LinkedView, controls: Html) -> Html {
    let t = v.heading;
    html! {
        <section class="linked" id="nps-linked" aria-labelledby="nps-linked-heading">
            <h3 id="nps-linked-heading">{ t }</h3>
            <p class="source-note" id="nps-linked-source">{ &v.source }</p>
            <p id="nps-linked-match">{ &v.matched }</p>
            { controls }
            <p id="nps-linked-basis">{ &v.basis }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="nps-linked-heading">
                <table class="linked-groups" id="nps-linked-table">
                    <caption class="visually-hidden">{ t }</caption>
                    <thead><tr>
                        { for v.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for v.rows.iter().map(|r| html! {
                            <tr>
                                <th scope="row">{ r.label }</th>
                                <td class="num">{ &r.answers }</td>
                                <td class="num">{ &r.measured }</td>
                                <td class="num" data-value={r.repeat_value.map(|x| x.to_string())}>{ &r.repeat }</td>
                                <td class="num" data-value={r.spend_value.map(|x| x.to_string())}>{ &r.spend }</td>
                                if let Some(c) = &r.churn {
                                    <td class="num" data-value={r.churn_value.map(|x| x.to_string())}>{ c }</td>
                                }
                                if let Some(c) = &r.contacts {
                                    <td class="num" data-value={r.contacts_value.map(|x| x.to_string())}>{ c }</td>
                                }
                                if let Some(c) = &r.p_alive {
                                    <td class="num" data-value={r.p_alive_value.map(|x| x.to_string())}>{ c }</td>
                                }
                                if let Some(c) = &r.clv {
                                    <td class="num" data-value={r.clv_value.map(|x| x.to_string())}>{ c }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p id="nps-linked-contrast">{ &v.contrast }</p>
            if let Some(m) = &v.model {
                <p id="nps-linked-model">{ m }</p>
            }
        </section>
    }
}
