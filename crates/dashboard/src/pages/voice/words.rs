//! Small wording and figure helpers shared by the page's sentences and charts.

use crate::i18n::voice::VoiceStrings;
use crate::i18n::LocaleStrings;
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
