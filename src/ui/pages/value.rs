//! Customer value page: the CLV model of the user's choice (closed form,
//! cohort sBG, BG/NBD + Gamma-Gamma), its headline with interval, fitted
//! parameters, charts and the customers at risk. Everything shown comes
//! from `cxi_dashboard::pages::value::compute` over the page's slice.

use crate::ui::charts::Chart;
use crate::ui::clv_panel::ClvPanel;
use crate::ui::fields::NumberField;
use crate::ui::format;
use crate::ui::widgets::HeadlineCard;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::clv::ClvAssumptions;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::pages::value::compute;
use cxi_dashboard::pages::value::margin_rate_error;
use cxi_dashboard::pages::value::model_explanation;
use cxi_dashboard::pages::value::model_label;
use cxi_dashboard::pages::value::ValueAction;
use cxi_dashboard::pages::value::ValueModel;
use cxi_dashboard::pages::value::MAX_HORIZON_MONTHS;
use cxi_dashboard::pages::value::{ValueAssumptions, ValueEvidence, ValueSlice};
use cxi_dashboard::scenario::Action;
use std::rc::Rc;
use std::sync::Arc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The slice of the scenario the page uses.
#[derive(Properties, PartialEq)]
pub struct ValuePageProps {
    pub value: ValueAssumptions,
    /// The closed-form calculator's assumptions (also the model's settings).
    pub clv: ClvAssumptions,
    pub segment: Option<String>,
    /// What loaded data left for this page (`None`: no data).
    pub evidence: Option<Arc<ValueEvidence>>,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(ValuePage)]
pub fn page(props: &ValuePageProps) -> Html {
    let Context { locale, currency } = props.context;
    let t = locale.strings().value;
    // Fits live in the evidence; this only values the bins, so it runs
    // again only when the page's slice changes.
    let view = use_memo(
        (
            props.value.clone(),
            props.clv.clone(),
            props.segment.clone(),
            props.evidence.clone(),
            props.context,
        ),
        |(value, clv, segment, evidence, Context { locale, currency })| {
            compute(&ValueSlice {
                locale: *locale,
                currency: *currency,
                value,
                clv,
                segment,
                evidence: evidence.as_deref(),
            })
        },
    );
    let d = props.ondispatch.clone();

    let onmodel = |m: ValueModel| {
        let d = d.clone();
        Callback::from(move |_: Event| d.emit(Action::Value(ValueAction::SetModel(m))))
    };
    let onsegment = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            d.emit(Action::SetSegment((!v.is_empty()).then_some(v)));
        })
    };
    let onhorizon = {
        let d = d.clone();
        Callback::from(move |v: f64| {
            if v.is_finite() && v >= 1.0 {
                let h = v.round().min(f64::from(MAX_HORIZON_MONTHS)) as u32;
                d.emit(Action::Value(ValueAction::SetHorizonMonths(h)));
            }
        })
    };
    let onrate = {
        let d = d.clone();
        Callback::from(move |v: f64| d.emit(Action::Value(ValueAction::SetMarginRatePct(v))))
    };

    let models = html! {
        <fieldset class="value-models">
            <legend>{ t.model_heading }</legend>
            { for view.choices.iter().map(|&(m, ok)| {
                let id = format!("value-model-{}", m.id());
                let help = format!("{id}-help");
                html! {
                    <div class="value-model">
                        <input type="radio" name="value-model" id={id.clone()} value={m.id()}
                            checked={props.value.model == m} disabled={!ok}
                            aria-describedby={help.clone()} onchange={onmodel(m)} />
                        <label for={id}>
                            { model_label(locale, m) }
                            if !ok { <span class="muted">{ format!(" ({})", t.model_needs_data) }</span> }
                        </label>
                        <p class="help" id={help}>{ model_explanation(t, m) }</p>
                    </div>
                }
            }) }
            <p class="in-use" id="value-model-in-use">
                { fill(t.model_in_use, &[("model", model_label(locale, view.model))]) }
            </p>
        </fieldset>
    };

    let segment = (!view.segments.is_empty()).then(|| html! {
        <div class="field value-segment">
            <label for="value-segment">{ t.segment_label }</label>
            <select id="value-segment" onchange={onsegment}>
                <option value="" selected={view.segment.is_none()}>{ t.segment_all }</option>
                { for view.segments.iter().map(|g| html! {
                    <option value={g.clone()} selected={view.segment.as_ref() == Some(g)}>{ g }</option>
                }) }
            </select>
        </div>
    });

    let suggestion = view.suggestion.as_ref().map(|sg| {
        let (m, r, u) = (sg.margin, sg.retention_pct, sg.unit);
        let d = d.clone();
        let onuse = Callback::from(move |_| {
            d.emit(Action::UseSuggestion {
                unit: u,
                margin: m,
                retention_pct: r,
            })
        });
        html! {
            <div class="value-suggestion" role="note">
                <p id="value-suggestion-text">{ &sg.text }</p>
                <button type="button" class="secondary" id="value-use-suggestion" onclick={onuse}>{ t.use_suggestion }</button>
            </div>
        }
    });

    let data_inputs = (view.model == ValueModel::BgNbd).then(|| html! {
        <form class="inputs value-inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <NumberField id="value-horizon" label={t.horizon_label} help={t.horizon_unit}
                value={f64::from(props.value.horizon_months)} {locale} onchange={onhorizon} />
            <NumberField id="value-margin-rate" label={t.margin_rate_label} help={t.margin_rate_unit}
                value={props.value.margin_rate_pct} {locale}
                error={margin_rate_error(locale, props.value.margin_rate_pct)} onchange={onrate} />
        </form>
    });

    let oncalibration = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // A cleared (or, in some browsers, half-typed) date is "": the
            // default split again.
            let end = chrono::NaiveDate::parse_from_str(&input.value(), "%Y-%m-%d").ok();
            d.emit(Action::Value(ValueAction::SetCalibrationEnd(end)));
        })
    };
    let holdout = view.holdout.as_ref().map(|h| {
        let described = if h.problem.is_some() {
            "value-calibration-end-help value-calibration-end-error"
        } else {
            "value-calibration-end-help"
        };
        html! {
            <section class="value-holdout" aria-labelledby="value-holdout-heading">
                <h3 id="value-holdout-heading">{ t.holdout_heading }</h3>
                if !h.intro.is_empty() { <p class="intro" id="value-holdout-intro">{ &h.intro }</p> }
                <form class="inputs value-holdout-inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <div class={classes!("field", h.problem.is_some().then_some("has-error"))}>
                        <label for="value-calibration-end">{ t.label_calibration_end }</label>
                        <input id="value-calibration-end" type="date" value={h.end.clone()}
                            min={h.min.clone()} max={h.max.clone()}
                            aria-describedby={described}
                            aria-invalid={h.problem.is_some().to_string()}
                            onchange={oncalibration} />
                        <p class="help" id="value-calibration-end-help">{ t.holdout_default }</p>
                        if let Some(m) = &h.problem {
                            <p class="error" id="value-calibration-end-error" role="alert">{ m }</p>
                        }
                    </div>
                </form>
                if !h.verdict.is_empty() {
                    <p class="value-verdict" id="value-holdout-verdict" role="status">{ &h.verdict }</p>
                    <p id="value-holdout-errors">{ &h.errors }</p>
                }
                <div class="value-charts">
                    { for h.charts.iter().map(|c| html! {
                        <Chart spec={Rc::new(c.clone())} {locale} {currency} />
                    }) }
                </div>
            </section>
        }
    });

    let params = (!view.params.is_empty()).then(|| html! {
        <section class="value-params" aria-labelledby="value-params-heading">
            <h3 id="value-params-heading">{ t.params_heading }</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="value-params-heading">
                <table id="value-params">
                    <thead><tr>
                        <th scope="col">{ t.col_parameter }</th>
                        <th scope="col">{ t.col_estimate }</th>
                        <th scope="col">{ t.col_se }</th>
                    </tr></thead>
                    <tbody>
                        { for view.params.iter().map(|p| html! {
                            <tr>
                                <th scope="row">{ &p.name }</th>
                                <td class="num">{ format::figure(locale, currency, &p.estimate) }</td>
                                <td class="num">{ format::figure(locale, currency, &p.std_error) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    });

    let at_risk = view.at_risk.as_ref().map(|tb| {
        html! {
            <section class="value-at-risk" aria-labelledby="value-at-risk-heading">
                <h3 id="value-at-risk-heading">{ t.at_risk_heading }</h3>
                <p class="intro">{ t.at_risk_intro }</p>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="value-at-risk-heading">
                    <table id="value-at-risk">
                        <thead><tr>
                            { for tb.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for tb.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|f| html! {
                                    <td class={if f.value().is_some() { "num" } else { "" }}
                                        data-value={f.value().map(|v| v.to_string())}>
                                        { format::figure(locale, currency, f) }
                                    </td>
                                }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>
        }
    });

    let closed = view.model == ValueModel::ClosedForm;
    let calculator = html! {
        <ClvPanel clv={props.clv.clone()} context={props.context} ondispatch={props.ondispatch.clone()} />
    };
    html! {
        <section class="panel value-page" aria-labelledby="value-heading">
            <h2 id="value-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            <div class="value-controls">
                { models }
                { for segment }
            </div>
            if !view.notes.is_empty() {
                <ul class="notes" id="value-notes">
                    { for view.notes.iter().map(|n| html! { <li>{ n }</li> }) }
                </ul>
            }
            <div class="cards">
                <HeadlineCard headline={view.headline.clone()} {locale} {currency} />
            </div>
            { for suggestion }
            if closed { { calculator.clone() } }
            { for data_inputs }
            { for params }
            <div class="value-charts">
                { for view.charts.iter().map(|c| html! {
                    <Chart spec={Rc::new(c.clone())} {locale} {currency} />
                }) }
            </div>
            { for holdout }
            { for at_risk }
            // The closed form stays below the data models: its margin and
            // discount rate are theirs too, and it is the benchmark.
            if !closed { { calculator } }
        </section>
    }
}
