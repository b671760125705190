//! The page from the scenario: which model, then that model's view.

use super::bgnbd::bgnbd_view;
use super::closed::closed_view;
use super::closed::suggestion;
use super::evidence::ValueEvidence;
use super::evidence::{FitFailure, Unfitted};
use super::sbg::sbg_view;
use super::slice::ValueSlice;
use super::state::ValueModel;
use super::view::ValueView;
use crate::i18n::fill;
use crate::i18n::value::ValueStrings;
use crate::i18n::LocaleStrings;
use crate::scenario::Scenario;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;

/// The page's headline cards, for the Overview.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let s = &ValueSlice::of(s);
    vec![compute(s).headline]
}

/// The model `Auto` means for this evidence.
pub fn best_model(e: Option<&ValueEvidence>) -> ValueModel {
    match e {
        Some(e) if e.bgnbd.as_ref().is_some_and(|b| b.gamma_gamma.is_some()) => ValueModel::BgNbd,
        Some(e) if !e.sbg.is_empty() => ValueModel::Sbg,
        _ => ValueModel::ClosedForm,
    }
}

pub(super) fn supports(e: Option<&ValueEvidence>, m: ValueModel) -> bool {
    match m {
        ValueModel::Auto | ValueModel::ClosedForm => true,
        ValueModel::Sbg => e.is_some_and(|e| !e.sbg.is_empty()),
        ValueModel::BgNbd => e.is_some_and(|e| e.bgnbd.is_some()),
    }
}

/// The page, from the scenario alone (fits come with the evidence).
pub fn compute(s: &ValueSlice) -> ValueView {
    let t = s.locale.strings().value;
    let e = s.evidence;
    let best = best_model(e);
    let mut notes = Vec::new();
    let model = match s.value.model {
        ValueModel::Auto => best,
        m if supports(e, m) => m,
        m => {
            notes.push(fill(t.note_unsupported, &[("model", model_name(t, m))]));
            best
        }
    };
    if let Some(e) = e {
        for u in &e.unfitted {
            notes.push(unfitted_note(t, *u));
        }
    }
    let segments = e.map(|e| e.segments()).unwrap_or_default();
    let segment = s.segment.clone().filter(|g| segments.contains(g));
    if s.segment.is_some() && segment.is_none() {
        notes.push(t.note_no_segment.into());
    }
    let choices = ValueModel::CHOICES
        .iter()
        .map(|&m| (m, supports(e, m)))
        .collect();
    let suggestion = e.and_then(|e| suggestion(s, e, segment.as_deref()));
    let mut view = ValueView {
        model,
        best,
        choices,
        headline: Headline {
            id: "card-clv",
            title: t.card_title.into(),
            figure: Figure::Missing,
            interval: None,
            reading: String::new(),
            how: How::default(),
            page: View::Value,
        },
        params: Vec::new(),
        charts: Vec::new(),
        at_risk: None,
        segments,
        segment: segment.clone(),
        notes,
        suggestion,
    };
    match (model, e) {
        (ValueModel::BgNbd, Some(e)) if e.bgnbd.is_some() => {
            if let Some(b) = &e.bgnbd {
                bgnbd_view(s, b, segment.as_deref(), &mut view);
            }
        }
        (ValueModel::Sbg, Some(e)) if !e.sbg.is_empty() => {
            let pick = e
                .sbg
                .iter()
                .find(|x| x.segment.as_deref() == segment.as_deref())
                .unwrap_or(&e.sbg[0]);
            sbg_view(s, pick, &mut view);
        }
        _ => closed_view(s, e, segment.as_deref(), &mut view),
    }
    view
}

pub(super) fn model_name(t: &ValueStrings, m: ValueModel) -> &'static str {
    match m {
        ValueModel::Auto => t.model_auto,
        ValueModel::ClosedForm => t.model_closed,
        ValueModel::Sbg => t.model_sbg,
        ValueModel::BgNbd => t.model_bgnbd,
    }
}

/// What each model is, in one or two sentences.
pub fn model_explanation(t: &ValueStrings, m: ValueModel) -> &'static str {
    match m {
        ValueModel::Auto => t.explain_auto,
        ValueModel::ClosedForm => t.explain_closed,
        ValueModel::Sbg => t.explain_sbg,
        ValueModel::BgNbd => t.explain_bgnbd,
    }
}

/// A model's name in `locale`.
pub fn model_label(locale: Locale, m: ValueModel) -> &'static str {
    model_name(locale.strings().value, m)
}

fn unfitted_note(t: &ValueStrings, u: Unfitted) -> String {
    let (model, f) = match u {
        Unfitted::Sbg(f) => (t.model_sbg, f),
        Unfitted::BgNbd(f) => (t.model_bgnbd, f),
        Unfitted::GammaGamma(f) => ("Gamma-Gamma", f),
    };
    let why = match f {
        FitFailure::NotEnoughData => t.why_not_enough,
        FitFailure::NoChurn => t.why_no_churn,
        FitFailure::DidNotConverge => t.why_no_converge,
    };
    fill(t.note_unfitted, &[("model", model), ("why", why)])
}

// ---------------------------------------------------------------- text
