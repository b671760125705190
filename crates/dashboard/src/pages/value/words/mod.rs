//! The page's words: the numbers of [`super::compute`] as the headline, the
//! How panel, notes, parameter rows, charts and tables, in the reader's
//! language and currency. Nothing here computes a figure of a model.

mod bgnbd;
mod charts;
mod closed;
mod holdout;
mod sbg;
mod survival;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::closed::Measured;
use super::compute::{Fit, ValueNumbers};
use super::evidence::{FitFailure, Unfitted};
use super::state::ValueModel;
use super::view::{Suggestion, ValueView};
use crate::i18n::fill;
use crate::i18n::value::ValueStrings;
use crate::i18n::LocaleStrings;
use cxi_types::format;
use cxi_types::{Currency, Figure, Headline, How, Locale, View};

pub use charts::{at_risk_table, distribution_chart, p_alive_chart};
pub use holdout::{holdout_view, verdict};
pub use survival::survival_chart;

/// The page's view: `n` in `locale` and `currency`.
pub fn words(n: &ValueNumbers, locale: Locale, currency: Currency) -> ValueView {
    let t = locale.strings().value;
    let mut notes = Vec::new();
    if let Some(m) = n.unsupported {
        notes.push(fill(t.note_unsupported, &[("model", model_name(t, m))]));
    }
    for u in n.unfitted {
        notes.push(unfitted_note(t, *u));
    }
    if n.segment_missing {
        notes.push(t.note_no_segment.into());
    }
    let mut view = ValueView {
        model: n.model,
        best: n.best,
        choices: n.choices.clone(),
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
        segments: n.segments.clone(),
        segment: n.segment.clone(),
        notes,
        suggestion: n.measured.map(|m| suggestion(locale, currency, &m)),
        holdout: n.holdout.as_ref().map(|h| holdout_view(h, locale)),
    };
    match &n.fit {
        Fit::Closed(c) => closed::word(c, locale, currency, &mut view),
        Fit::Sbg(x) => sbg::word(x, locale, currency, &mut view),
        Fit::BgNbd(x) => bgnbd::word(x, locale, currency, &mut view),
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

/// The measured closed-form inputs as the offer the page makes.
fn suggestion(locale: Locale, currency: Currency, m: &Measured) -> Suggestion {
    let t = locale.strings().value;
    let te = m.table;
    let units = locale.strings().unit_name(te.unit).to_lowercase();
    let text = fill(
        t.suggestion,
        &[
            ("customers", &format::number(locale, te.customers as f64, 0)),
            ("churned", &format::number(locale, te.churned as f64, 0)),
            (
                "retention",
                &te.retention.map_or("—".into(), |r| {
                    format!(
                        "{} ± {}",
                        format::number(locale, r * 100.0, 2),
                        format::number(locale, te.retention_se.unwrap_or(0.0) * 100.0, 2)
                    )
                }),
            ),
            (
                "margin",
                &m.margin
                    .map_or("—".into(), |v| format::money_whole(locale, currency, v)),
            ),
            ("unit", &units),
            (
                "which",
                if te.margin.is_some() {
                    t.which_margin
                } else {
                    t.which_revenue
                },
            ),
        ],
    );
    Suggestion {
        unit: te.unit,
        margin: m.margin,
        retention_pct: m.retention_pct,
        text,
    }
}
