//! Drivers page: importance bars and importance–performance quadrant, or
//! what data the page needs and where to get the sample.

use crate::ui::charts::Chart;
use crate::ui::segment_select::SegmentSelect;
use crate::ui::widgets::HowPanel;
use cxi_dashboard::data::Sample;
use cxi_dashboard::i18n::fill;
use cxi_dashboard::i18n::LocaleStrings;
use cxi_dashboard::pages::context::Context;
use cxi_dashboard::pages::drivers::compute_slice;
use cxi_dashboard::pages::drivers::quadrant_name;
use cxi_dashboard::pages::drivers::set_measure;
use cxi_dashboard::pages::drivers::DriversAssumptions;
use cxi_dashboard::pages::drivers::DriversEvidence;
use cxi_dashboard::pages::drivers::DriversView;
use cxi_dashboard::scenario::Action;
use cxi_models::drivers::ImportanceMeasure;
use cxi_models::drivers::Quadrant;
use cxi_types::View;
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

/// The slice of the scenario the page uses.
#[derive(Properties, PartialEq)]
pub struct DriversPageProps {
    /// What loaded data left for this page (`None`: no data, or none usable).
    pub evidence: Option<Arc<DriversEvidence>>,
    pub segment: Option<String>,
    /// The loaded table's name (empty without data).
    pub source: String,
    pub assumptions: DriversAssumptions,
    pub context: Context,
    pub ondispatch: Callback<Action>,
}

#[function_component(DriversPage)]
pub fn page(props: &DriversPageProps) -> Html {
    let Context { locale, currency } = props.context;
    let t = locale.strings().drivers;
    let view = compute_slice(
        props.evidence.as_deref(),
        props.segment.as_deref(),
        &props.assumptions,
    );
    let body = match view {
        DriversView::NeedsData => html! {
            <div class="needs-data" id="drivers-needs-data">
                <p>{ t.needs }</p>
                <p>{ fill(t.sample_hint, &[("sample", Sample::Subscription.name(locale))]) }</p>
                <p><a href={View::Data.hash()} id="drivers-open-data">{ t.open_data }</a></p>
            </div>
        },
        DriversView::Refused(why) => html! {
            <p class="results invalid" id="drivers-error">{ why.sentence(locale) }</p>
        },
        DriversView::Ready(r) => {
            let measure = |m: ImportanceMeasure, label: &'static str, id: &'static str| {
                let d = props.ondispatch.clone();
                html! {
                    <label class="radio" for={id}>
                        <input type="radio" name="drivers-measure" {id} checked={r.measure == m}
                            onchange={Callback::from(move |_| d.emit(set_measure(m)))} />
                        { label }
                    </label>
                }
            };
            let source = &props.source;
            let fix = r.in_quadrant(Quadrant::KeyWeakness);
            let negatives: Vec<String> = r
                .analysis
                .attributes
                .iter()
                .filter(|a| a.sign < 0)
                .map(|a| a.name.clone())
                .collect();
            html! {
                <>
                    if !r.segments.is_empty() {
                        <SegmentSelect id="drivers-segment" label={t.segment_label} all={t.all_customers}
                            segments={r.segments.clone()} selected={r.segment.clone()}
                            ondispatch={props.ondispatch.clone()} />
                    }
                    <p id="drivers-summary">{ r.summary(locale, source) }</p>
                    if !fix.is_empty() {
                        <p class="move-sentence" id="drivers-fix">{ fill(t.recommendation, &[("names", &fix.join(", "))]) }</p>
                    }
                    <fieldset class="measure">
                        <legend>{ t.measure_label }</legend>
                        { measure(ImportanceMeasure::RelativeWeight, t.relative_weight, "drivers-measure-rw") }
                        { measure(ImportanceMeasure::Shapley, t.shapley, "drivers-measure-shapley") }
                    </fieldset>
                    <h3>{ t.importance_title }</h3>
                    <Chart spec={Rc::new(r.importance_chart(locale))} {locale} {currency} headed=true />
                    <h3>{ t.quadrant_title }</h3>
                    <Chart spec={Rc::new(r.quadrant_chart(locale))} {locale} {currency} headed=true />
                    <ul class="quadrant-key">
                        { for [Quadrant::KeyWeakness, Quadrant::KeyStrength, Quadrant::SecondaryStrength, Quadrant::SecondaryWeakness]
                            .into_iter().map(|q| {
                                let names = r.in_quadrant(q);
                                html! {
                                    <li><strong>{ quadrant_name(q, t) }</strong>{ locale.strings().colon }
                                        { if names.is_empty() { t.none.to_string() } else { names.join(", ") } }</li>
                                }
                            }) }
                    </ul>
                    if !negatives.is_empty() {
                        <p class="caveat">{ fill(t.negative_note, &[("names", &negatives.join(", "))]) }</p>
                    }
                    { for r.warnings(locale).into_iter().map(|w| html! { <p class="caveat">{ w }</p> }) }
                    <HowPanel how={r.how(locale)} {locale} {currency} />
                </>
            }
        }
    };
    html! {
        <section class="panel" aria-labelledby="drivers-heading">
            <h2 id="drivers-heading" tabindex="-1">{ t.heading }</h2>
            <p class="intro">{ t.intro }</p>
            { body }
        </section>
    }
}
