//! The closed-form CLV calculator: inputs, result, explanation and chart.

use super::charts::Chart;
use super::fields::NumberField;
use super::format;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::clv::ClvAssumptions;
use cxi_dashboard::pages::clv_chart;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::scenario::Action;
use cxi_models::clv::ClvError;
use cxi_models::clv::FirstPayment;
use cxi_types::period::PeriodUnit;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClvPanelProps {
    pub clv: ClvAssumptions,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(ClvPanel)]
pub fn clv_panel(props: &ClvPanelProps) -> Html {
    let a = &props.clv;
    let ctx = props.context;
    let locale = ctx.locale;
    let t = locale.strings();
    let outcome = a.compute();

    // Which field an error belongs to, so it is shown right under that input.
    let (retention_err, discount_err, margin_err) = match &outcome {
        Err(e @ ClvError::RetentionOutOfRange(_)) | Err(e @ ClvError::ChurnOutOfRange(_)) => {
            (Some(t.clv_error(e)), None, None)
        }
        Err(e @ ClvError::DiscountOutOfRange(_)) => (None, Some(t.clv_error(e)), None),
        Err(e @ ClvError::MarginNotFinite(_)) => (None, None, Some(t.clv_error(e))),
        _ => (None, None, None),
    };

    let send = |f: fn(f64) -> Action| {
        let d = props.ondispatch.clone();
        Callback::from(move |v: f64| d.emit(f(v)))
    };
    let onunit = {
        let d = props.ondispatch.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Some(u) = PeriodUnit::from_id(&sel.value()) {
                d.emit(Action::SetUnit(u));
            }
        })
    };
    let onfirst = {
        let d = props.ondispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            d.emit(Action::SetIncludeFirstPayment(input.checked()));
        })
    };
    let onhorizon = {
        let d = props.ondispatch.clone();
        Callback::from(move |v: f64| {
            if v.is_finite() && v >= 1.0 {
                d.emit(Action::SetHorizon(v.round().min(u32::MAX as f64) as u32));
            }
        })
    };
    let onreset = {
        let d = props.ondispatch.clone();
        Callback::from(move |_| d.emit(Action::ResetAssumptions))
    };

    let money = |v: f64| format::money(locale, ctx.currency, v);
    let units = t.unit_plural(a.unit);

    let form = html! {
        <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <div class="field">
                <label for="unit">{ t.period_unit }</label>
                <select id="unit" onchange={onunit}>
                    { for PeriodUnit::ALL.iter().map(|u| html! {
                        <option value={u.id()} selected={*u == a.unit}>{ t.unit_name(*u) }</option>
                    }) }
                </select>
            </div>
            <NumberField id="margin" label={format!("{} ({})", t.margin, ctx.currency.code())}
                help={t.margin_help} value={a.margin} {locale} error={margin_err}
                onchange={send(Action::SetMargin)} />
            <NumberField id="retention" label={t.retention} help={t.retention_help}
                value={a.retention_pct} {locale} error={retention_err}
                onchange={send(Action::SetRetentionPct)} />
            <NumberField id="discount" label={t.annual_discount} help={t.annual_discount_help}
                value={a.annual_discount_pct} {locale} error={discount_err}
                onchange={send(Action::SetAnnualDiscountPct)} />
            <div class="field checkbox">
                <input id="first" type="checkbox" checked={a.include_first_payment}
                    onchange={onfirst} aria-describedby="first-help" />
                <label for="first">{ t.include_first }</label>
                <p class="help" id="first-help">{ t.include_first_help }</p>
            </div>
            <NumberField id="horizon" label={t.horizon} help={units}
                value={a.horizon as f64} {locale} onchange={onhorizon} />
            <button type="button" class="secondary" onclick={onreset}>{ t.reset }</button>
        </form>
    };

    let results = match &outcome {
        Err(_) => html! {
            <div class="results invalid" role="status">
                <p>{ t.invalid_inputs }</p>
            </div>
        },
        Ok(o) => {
            let i = &o.inputs;
            let (formula_sym, formula_num) = match i.first_payment() {
                FirstPayment::Included => (
                    "CLV = m × (1 + d) / (1 + d − r)".to_string(),
                    format!(
                        "{} × (1 + {}) / (1 + {} − {}) = {}",
                        money(i.margin()),
                        format::number(locale, i.discount(), 6),
                        format::number(locale, i.discount(), 6),
                        format::number(locale, i.retention(), 6),
                        money(o.clv)
                    ),
                ),
                FirstPayment::Excluded => (
                    "CLV = m × r / (1 + d − r)".to_string(),
                    format!(
                        "{} × {} / (1 + {} − {}) = {}",
                        money(i.margin()),
                        format::number(locale, i.retention(), 6),
                        format::number(locale, i.discount(), 6),
                        format::number(locale, i.retention(), 6),
                        money(o.clv)
                    ),
                ),
            };
            let reading =
                reading_sentence(a, ctx, o.clv, i.multiple(), o.expected_lifetime_periods);
            let spec = Rc::new(clv_chart::chart(o, a.unit, ctx));
            html! {
                <div class="results">
                    <div class="cards">
                        <div class="card headline">
                            <h3>{ t.result_clv }</h3>
                            <p class="figure" id="clv-value" data-value={o.clv.to_string()}>{ money(o.clv) }</p>
                            <p class="reading">{ reading }</p>
                        </div>
                        <div class="card">
                            <h3>{ t.result_clv_horizon }</h3>
                            <p class="figure small" id="clv-horizon-value">{ money(o.clv_horizon) }</p>
                            <p class="reading">{ format!("{} {}", a.horizon, units) }</p>
                        </div>
                        <div class="card">
                            <h3>{ t.result_lifetime }</h3>
                            <p class="figure small">{ format!("{} {}", format::number(locale, o.expected_lifetime_periods, 1), units) }</p>
                            <p class="reading">{ format!("{}{}{}", t.discount_per_period, t.colon, format::percent(locale, o.period_discount, 3)) }</p>
                        </div>
                    </div>
                    <details class="how">
                        <summary>{ t.how_computed }</summary>
                        <dl>
                            <dt>{ t.formula }</dt>
                            <dd><code>{ formula_sym }</code><br /><code id="formula-numbers">{ formula_num }</code></dd>
                            <dt>{ t.inputs }</dt>
                            <dd>
                                <ul>
                                    <li>{ format!("m = {} ({})", money(i.margin()), t.margin) }</li>
                                    <li>{ format!("r = {} ({})", format::percent(locale, i.retention(), 2), t.retention) }</li>
                                    <li>{ format!("d = {} = (1 + {})^(1/{}) − 1 ({})",
                                        format::percent(locale, o.period_discount, 4),
                                        format::percent(locale, a.annual_discount_pct / 100.0, 2),
                                        format::number(locale, a.unit.per_year(), 4),
                                        t.discount_per_period) }</li>
                                </ul>
                            </dd>
                            <dt>{ t.source }</dt>
                            <dd>{ t.source_text }</dd>
                            <dt>{ t.caveats }</dt>
                            <dd>{ t.caveats_text }</dd>
                        </dl>
                    </details>
                    <Chart {spec} {locale} currency={ctx.currency} />
                </div>
            }
        }
    };

    html! {
        <section class="clv" aria-labelledby="clv-heading">
            <h3 id="clv-heading">{ t.clv_heading }</h3>
            <p class="intro">{ t.clv_intro }</p>
            <div class="panel-grid">
                { form }
                { results }
            </div>
        </section>
    }
}

/// One plain-language sentence about the result.
fn reading_sentence(
    a: &ClvAssumptions,
    ctx: Context,
    clv: f64,
    multiple: f64,
    lifetime: f64,
) -> String {
    let locale = ctx.locale;
    let t = locale.strings();
    fill(
        t.clv_reading,
        &[
            ("value", &format::money(locale, ctx.currency, clv)),
            ("multiple", &format::number(locale, multiple, 1)),
            ("lifetime", &format::number(locale, lifetime, 1)),
            ("units", t.unit_plural(a.unit)),
        ],
    )
}
