//! Labelled form fields that never lose what the user typed.

use super::format;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::input::parse_decimal;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::pages::field::Field;
use cxi_dashboard::scenario::Action;
use cxi_types::Locale;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub help: AttrValue,
    pub value: f64,
    pub locale: Locale,
    /// Validation error of the value in context (e.g. retention ≥ 100 %).
    #[prop_or_default]
    pub error: Option<String>,
    pub onchange: Callback<f64>,
}

/// A decimal input that accepts `12,5` and `12.5`. The text stays as typed;
/// only a parsable number is sent up, an unparsable one shows a message.
#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let shown = format::number(props.locale, props.value, 6).replace(['\u{202f}', '\u{a0}'], " ");
    let text = use_state(|| shown.clone());
    let parse_error = use_state(|| false);

    // A change from outside (reset, language switch) rewrites the text, but
    // not while the user's own text already means that value.
    {
        let text = text.clone();
        let parse_error = parse_error.clone();
        use_effect_with(
            (props.value.to_bits(), shown.clone()),
            move |(bits, shown)| {
                if parse_decimal(&text).map(f64::to_bits) != Some(*bits) {
                    text.set(shown.clone());
                    parse_error.set(false);
                }
            },
        );
    }

    let oninput = {
        let text = text.clone();
        let parse_error = parse_error.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let v = input.value();
            match parse_decimal(&v) {
                Some(n) => {
                    parse_error.set(false);
                    onchange.emit(n);
                }
                None => parse_error.set(true),
            }
            text.set(v);
        })
    };

    let t = props.locale.strings();
    let message = if *parse_error {
        Some(format!("« {} » {}", *text, t.not_a_number))
    } else {
        props.error.clone()
    };
    let help_id = format!("{}-help", props.id);
    let err_id = format!("{}-error", props.id);
    let described = if message.is_some() {
        format!("{help_id} {err_id}")
    } else {
        help_id.clone()
    };
    html! {
        <div class={classes!("field", message.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value={(*text).clone()}
                aria-describedby={described}
                aria-invalid={message.is_some().to_string()}
                {oninput}
            />
            <p class="help" id={help_id}>{ props.help.clone() }</p>
            if let Some(m) = message {
                <p class="error" id={err_id} role="alert">{ m }</p>
            }
        </div>
    }
}

/// Number inputs for assumption fields, each with its default and source.
pub fn field_inputs<'a>(
    fields: impl IntoIterator<Item = &'a Field>,
    ctx: Context,
    ondispatch: &Callback<Action>,
) -> Html {
    let t = ctx.locale.strings();
    html! {
        { for fields.into_iter().map(|f| {
            let d = ondispatch.clone();
            let set = f.set;
            let help = fill(t.assumptions.default_and_source, &[
                ("default", &format::figure(ctx.locale, ctx.currency, &f.default_figure())),
                ("source", &f.source),
            ]);
            html! {
                <NumberField id={f.id} label={format!("{} ({})", f.label, f.unit_text)}
                    {help} value={f.value} locale={ctx.locale} error={f.error.clone()}
                    onchange={Callback::from(move |v: f64| d.emit(set(v)))} />
            }
        }) }
    }
}
