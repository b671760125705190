//! Assumptions: every editable assumption of the scenario in one form,
//! grouped by page, each with its unit, default, source and inline
//! validation. A change here is the same action the page itself sends.

use super::props::PageProps;
use crate::ui::fields::NumberField;
use crate::ui::format;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::assumptions::all;
use yew::prelude::*;

#[function_component(AssumptionsPage)]
pub fn page(props: &PageProps) -> Html {
    let s = &props.scenario;
    let locale = s.locale;
    let t = locale.strings();
    let groups = all(s, locale);
    html! {
        <section class="panel" aria-labelledby="assumptions-heading">
            <h2 id="assumptions-heading" tabindex="-1">{ t.assumptions.heading }</h2>
            <p class="intro">{ t.assumptions.intro }</p>
            <form class="assumptions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for groups.into_iter().map(|g| html! {
                    <fieldset id={format!("as-group-{}", g.id)}>
                        <legend>{ &g.title }</legend>
                        { for g.fields.into_iter().map(|f| {
                            let d = props.ondispatch.clone();
                            let set = f.set;
                            let help = fill(t.assumptions.default_and_source, &[
                                ("default", &format::figure(locale, s.currency, &f.default_figure())),
                                ("source", &f.source),
                            ]);
                            html! {
                                <NumberField id={f.id} label={format!("{} ({})", f.label, f.unit_text)}
                                    {help} value={f.value} {locale} error={f.error.clone()}
                                    onchange={Callback::from(move |v: f64| d.emit(set(v)))} />
                            }
                        }) }
                    </fieldset>
                }) }
            </form>
        </section>
    }
}
