//! The page's headline cards, for the Overview.

use super::compute::compute;
use super::slice::VoiceSlice;
use super::view::VoiceView;
use super::words::count;
use super::words::fin;
use super::words::points_text;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::scenario::Scenario;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::View;

/// The page's headline cards, for the Overview: NPS with its margin, and
/// the value of one more NPS point.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let s = &VoiceSlice::of(s);
    let v = compute(s);
    headlines_of(s, &v)
}

/// The headline cards from an already computed view.
pub fn headlines_of(s: &VoiceSlice, v: &VoiceView) -> Vec<Headline> {
    let locale = s.locale;
    let t = locale.strings().voice;
    let mut out = Vec::new();
    let n = v.counts.n() as f64;
    let (figure, interval, reading) = match &v.estimate {
        Some(e) => {
            let mut reading = fill(
                t.nps_reading,
                &[
                    ("margin", &format::number(locale, e.margin_of_error, 1)),
                    ("n", &format::number(locale, n, 0)),
                    ("low", &points_text(locale, e.ci_low)),
                    ("high", &points_text(locale, e.ci_high)),
                ],
            );
            if !e.warnings.is_empty() {
                reading.push(' ');
                reading.push_str(t.small_sample);
            }
            (
                fin(e.nps, Figure::Points),
                Some((
                    fin(e.ci_low, Figure::Points),
                    fin(e.ci_high, Figure::Points),
                    t.interval_95.to_string(),
                )),
                reading,
            )
        }
        None => (Figure::Missing, None, t.err_no_answers.to_string()),
    };
    let ans = |x: u64| Figure::number(x as f64, 0);
    out.push(Headline {
        id: "card-nps",
        title: t.card_nps.into(),
        figure,
        interval,
        reading,
        how: How {
            formula: t.nps_formula.into(),
            inputs: vec![
                (t.promoters.into(), ans(v.counts.promoters)),
                (t.passives.into(), ans(v.counts.passives)),
                (t.detractors.into(), ans(v.counts.detractors)),
            ],
            source: t.nps_source.into(),
            caveats: t.nps_caveats.into(),
        },
        page: View::Voice,
    });
    let (figure, interval, reading, inputs) = match &v.money {
        Ok(m) => {
            let [d, _, p] = &m.values;
            let reading = if d.total > 0.0 && p.total.is_finite() {
                fill(
                    t.point_reading_ratio,
                    &[(
                        "ratio",
                        &format!("{}×", format::number(locale, p.total / d.total, 1)),
                    )],
                )
            } else {
                fill(
                    t.point_reading_values,
                    &[
                        ("detractor", &format::money(locale, s.currency, d.total)),
                        ("promoter", &format::money(locale, s.currency, p.total)),
                    ],
                )
            };
            let interval = m.point_range.as_ref().map(|(lo, hi)| {
                (
                    fin(lo.from_detractors, Figure::Money),
                    fin(hi.from_detractors, Figure::Money),
                    t.point_interval.to_string(),
                )
            });
            let names = [t.detractor, t.passive, t.promoter];
            let mut inputs = vec![(t.customers.to_string(), fin(v.customers, count))];
            for (name, value) in names.iter().zip(&m.values) {
                inputs.push((
                    format!("V ({})", name.to_lowercase()),
                    fin(value.total, Figure::Money),
                ));
            }
            (
                fin(m.point.from_detractors, Figure::Money),
                interval,
                reading,
                inputs,
            )
        }
        Err(e) => (Figure::Missing, None, e.sentence(locale), Vec::new()),
    };
    // Measured or assumed: the card says which economics it stands on.
    let source = match &v.money {
        Ok(m) => format!("{} {}", t.point_source, m.source_sentence(locale)),
        Err(_) => t.point_source.into(),
    };
    out.push(Headline {
        id: "card-nps-point",
        title: t.card_point.into(),
        figure,
        interval,
        reading,
        how: How {
            formula: t.point_formula.into(),
            inputs,
            source,
            caveats: t.point_caveats.into(),
        },
        page: View::Voice,
    });
    out
}
