//! Maturity self-assessment page: the questionnaire (one labelled select
//! per statement), then the radar, the stage of each dimension and the
//! recommended next steps for the weakest.

use crate::ui::charts::Chart;
use crate::ui::format;
use crate::ui::widgets::HowPanel;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::pages::maturity::compute_answers;
use cxi_dashboard::pages::maturity::next_actions;
use cxi_dashboard::pages::maturity::radar_chart;
use cxi_dashboard::pages::maturity::stage_name;
use cxi_dashboard::pages::maturity::weakest;
use cxi_dashboard::pages::maturity::MaturityAction;
use cxi_dashboard::pages::maturity::MaturityAnswers;
use cxi_dashboard::scenario::Action;
use cxi_models::maturity::questionnaire;
use cxi_types::How;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The slice of the scenario the page uses: its answers and the language.
#[derive(Properties, PartialEq)]
pub struct MaturityPageProps {
    pub answers: MaturityAnswers,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(MaturityPage)]
pub fn page(props: &MaturityPageProps) -> Html {
    let Context { locale, currency } = props.context;
    let t = locale.strings().maturity;
    let q = questionnaire();
    let v = compute_answers(&props.answers);
    let scale_labels = locale.pick(&q.scale.en, &q.scale.fr);
    let pick = |en: &str, fr: &str| locale.pick(en, fr).to_string();
    let reset = {
        let d = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Maturity(MaturityAction::Reset)))
    };
    let results = match &v.result {
        None => html! { <p id="maturity-incomplete">{ t.complete_first }</p> },
        Some(r) => {
            let how = How {
                formula: t.how_formula.into(),
                inputs: Vec::new(),
                source: t.how_source.into(),
                caveats: t.how_caveats.into(),
            };
            html! {
                <>
                    <p class="move-sentence" id="maturity-overall">{ fill(t.overall, &[
                        ("stage", &stage_name(r.stage, locale)),
                        ("number", &r.stage.to_string()),
                        ("score", &format::number(locale, r.score, 0)),
                    ]) }</p>
                    <Chart spec={Rc::new(radar_chart(r, locale))} {locale} {currency} />
                    <h3>{ t.recommendations }</h3>
                    { for weakest(r).into_iter().map(|p| {
                        let pillar = q.pillars.iter().find(|x| x.id == p.pillar);
                        let name = pillar.map(|x| pick(&x.en, &x.fr)).unwrap_or_default();
                        html! {
                            <div class="recommendation" id={format!("maturity-reco-{}", p.pillar)}>
                                <p>{ fill(t.weakest, &[("pillar", &name), ("stage", &stage_name(p.stage, locale))]) }</p>
                                <ol>{ for next_actions(p, locale).into_iter().map(|a| html! { <li>{ a }</li> }) }</ol>
                            </div>
                        }
                    }) }
                    <HowPanel {how} {locale} {currency} />
                </>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="maturity-heading">
            <h2 id="maturity-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <h3>{ t.results }</h3>
            { results }
            <h3>{ t.questionnaire }</h3>
            <p id="maturity-progress" aria-live="polite">{ fill(t.progress, &[
                ("answered", &v.answered.to_string()), ("total", &v.total.to_string()),
            ]) }</p>
            if v.ignored > 0 {
                <p class="caveat">{ fill(t.ignored, &[("n", &v.ignored.to_string())]) }</p>
            }
            <form class="maturity-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for q.pillars.iter().map(|p| {
                    let mut statements: Vec<_> = p.statements.iter().collect();
                    statements.sort_by_key(|st| st.stage);
                    html! {
                        <fieldset id={format!("maturity-{}", p.id)}>
                            <legend>{ pick(&p.en, &p.fr) }</legend>
                            { for statements.into_iter().map(|st| {
                                let id = st.id.clone();
                                let current = props.answers.answers.get(&id).copied();
                                let d = props.ondispatch.clone();
                                let onchange = {
                                    let id = id.clone();
                                    Callback::from(move |e: Event| {
                                        let value = e.target()
                                            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                                            .map(|s| s.value())
                                            .and_then(|v| v.parse::<u8>().ok());
                                        d.emit(Action::Maturity(MaturityAction::Answer(id.clone(), value)));
                                    })
                                };
                                let input_id = format!("maturity-{}", id.to_lowercase());
                                html! {
                                    <div class="statement">
                                        <label for={input_id.clone()}>{ pick(&st.en, &st.fr) }</label>
                                        <select id={input_id} {onchange}>
                                            <option value="" selected={current.is_none()}>{ t.not_answered }</option>
                                            { for scale_labels.iter().enumerate().map(|(i, label)| {
                                                let value = q.scale.min + i as u8;
                                                html! {
                                                    <option value={value.to_string()} selected={current == Some(value)}>
                                                        { format!("{value} – {label}") }
                                                    </option>
                                                }
                                            }) }
                                        </select>
                                    </div>
                                }
                            }) }
                        </fieldset>
                    }
                }) }
            </form>
            <button type="button" class="secondary" id="maturity-reset" onclick={reset}>{ t.reset }</button>
        </section>
    }
}
