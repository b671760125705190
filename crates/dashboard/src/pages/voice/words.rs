//! The words step's small pieces: assumption names, why a figure cannot be
//! computed, and the wording and figure helpers shared by the page's
//! sentences and charts.

use super::compute::field_problem;
use super::slice::VoiceSlice;
use super::state::VoiceKey;
use super::view::FieldProblem;
use super::view::MoneyError;
use crate::i18n::fill;
use crate::i18n::voice::VoiceStrings;
use crate::i18n::LocaleStrings;
use cxi_models::clv::ClvError;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Locale;

// ---- Text for readings (the UI formats Figures with Intl; sentences that
// carry numbers are written here, so they follow the locale's conventions
// by hand: decimal comma and narrow no-break space grouping in French).

pub(super) fn points_text(locale: Locale, v: f64) -> String {
    let n = format::number(locale, v, 1);
    if v > 0.0 && n != "0" {
        format!("+{n}")
    } else {
        n
    }
}

/// A finite number as a figure, else `Missing`.
pub(super) fn fin(v: f64, make: fn(f64) -> Figure) -> Figure {
    if v.is_finite() {
        make(v)
    } else {
        Figure::Missing
    }
}

pub(super) fn count(v: f64) -> Figure {
    Figure::number(v, 0)
}

pub(super) fn category_name(score: usize, t: &VoiceStrings) -> &'static str {
    match score {
        0..=6 => t.detractor,
        7 | 8 => t.passive,
        _ => t.promoter,
    }
}

/// Floating spans of a waterfall: each part from the running total before
/// it, then the total from zero.
pub fn waterfall_spans(parts: &[f64]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut run = 0.0;
    for p in parts {
        out.push((run, run + p));
        run += p;
    }
    out.push((0.0, run));
    out
}

pub(super) fn assumption_name(name: &str, locale: Locale) -> String {
    let s = locale
        .strings()
        .voice
        .assumption_names
        .iter()
        .find(|(en, _)| *en == name)
        .map_or(name, |(_, translated)| translated);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Spans with a non-finite end collapse to zero height: no NaN reaches the
/// renderer.
pub(super) fn finite_spans(spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans
        .into_iter()
        .map(|(a, b)| {
            if a.is_finite() && b.is_finite() {
                (a, b)
            } else {
                (0.0, 0.0)
            }
        })
        .collect()
}

/// Name of an assumption, as its field is labelled.
pub(super) fn field_label(key: VoiceKey, t: &VoiceStrings) -> &'static str {
    match key {
        VoiceKey::DetractorsToPassives => t.move_dp,
        VoiceKey::PassivesToPromoters => t.move_pp,
        VoiceKey::Detractors => t.count_detractors,
        VoiceKey::Passives => t.count_passives,
        VoiceKey::Promoters => t.count_promoters,
        VoiceKey::Customers => t.customers,
        VoiceKey::Spend => t.spend,
        VoiceKey::MarginRate => t.margin_rate,
        VoiceKey::CostToServe => t.cost,
        VoiceKey::Referrals => t.referrals,
        VoiceKey::Lost => t.wom,
        VoiceKey::Horizon => t.horizon,
    }
}

impl FieldProblem {
    /// What the field must be, shown under it.
    pub fn message(self, t: &VoiceStrings) -> &'static str {
        match self {
            FieldProblem::Share => t.err_share,
            FieldProblem::Horizon => t.err_horizon,
            FieldProblem::Count => t.err_count,
            FieldProblem::Negative => t.err_negative,
        }
    }
}

/// Validation message of each assumption (`None` when usable).
pub fn field_error(s: &VoiceSlice, key: VoiceKey, t: &VoiceStrings) -> Option<String> {
    field_problem(s, key).map(|p| p.message(t).to_string())
}

impl MoneyError {
    /// Why the money figures are missing, in `locale`: the page's own
    /// refusals name the input; the discount rate reads as on the CLV
    /// page; the core's refusals keep the core's message.
    pub fn sentence(&self, locale: Locale) -> String {
        let t = locale.strings().voice;
        match self {
            MoneyError::Field(key) => fill(
                t.err_economics,
                &[("reason", &field_label(*key, t).to_lowercase())],
            ),
            MoneyError::NoAnswers => fill(t.err_economics, &[("reason", t.err_no_answers)]),
            MoneyError::Discount(rate) => locale
                .strings()
                .clv_error(&ClvError::DiscountOutOfRange(*rate)),
            MoneyError::Model(e) => e.to_string(),
        }
    }
}
