//! The Maturity page in words: pillar and stage names, next actions, the
//! radar and the Overview card, from the numbers `compute_answers` returns.

use super::compute::{compute, weakest};
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::field::Group;
use crate::scenario::Scenario;
use cxi_models::maturity::questionnaire;
use cxi_models::maturity::{Assessment, PillarScore};
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::Locale;
use cxi_types::View;

/// The answers are typed on the page, not on the Assumptions page.
pub fn fields(_s: &Scenario, locale: Locale) -> Group {
    Group {
        id: "maturity",
        title: locale.strings().maturity.nav.into(),
        fields: Vec::new(),
    }
}

/// Name of a pillar in the user's language (its id when unknown).
pub fn pillar_name(id: &str, locale: Locale) -> String {
    questionnaire()
        .pillars
        .iter()
        .find(|p| p.id == id)
        .map(|p| locale.pick(&p.en, &p.fr).clone())
        .unwrap_or_else(|| id.to_string())
}

/// Name of stage 1–5 in the user's language.
pub fn stage_name(stage: u8, locale: Locale) -> String {
    questionnaire()
        .stages
        .get(usize::from(stage.max(1)) - 1)
        .map(|s| locale.pick(&s.en, &s.fr).clone())
        .unwrap_or_default()
}

/// The three next actions for a pillar at its stage, in the user's
/// language, from the questionnaire (none when it has no set for them).
pub fn next_actions(p: &PillarScore, locale: Locale) -> Vec<String> {
    questionnaire()
        .pillars
        .iter()
        .find(|x| x.id == p.pillar)
        .and_then(|x| x.actions.iter().find(|a| a.stage == p.stage))
        .map(|a| locale.pick(&a.en, &a.fr).clone())
        .unwrap_or_default()
}

/// The radar: one spoke per pillar, its score 0–100.
pub fn radar_chart(r: &Assessment, locale: Locale) -> ChartSpec {
    let t = locale.strings().maturity;
    let spokes: Vec<String> = r
        .pillars
        .iter()
        .map(|p| pillar_name(&p.pillar, locale))
        .collect();
    let values: Vec<f64> = r
        .pillars
        .iter()
        .map(|p| if p.score.is_finite() { p.score } else { 0.0 })
        .collect();
    let list = spokes
        .iter()
        .zip(&values)
        .map(|(n, v)| format!("{n} {}", format::number(locale, *v, 0)))
        .collect::<Vec<_>>()
        .join(", ");
    ChartSpec {
        id: "maturity-radar".into(),
        title: t.radar_title.into(),
        alt: fill(t.radar_alt, &[("list", &list)]),
        x: Axis::new(t.pillar, AxisFormat::Categories(spokes.clone())),
        y: Axis {
            label: t.score.into(),
            format: AxisFormat::Number,
            range: Some((0.0, 100.0)),
        },
        series: vec![Series {
            name: t.score.into(),
            colour: Colour::Blue,
            mark: Mark::Radar { values },
        }],
        spokes: spokes.clone(),
        table: DataTable {
            headers: vec![t.pillar.into(), t.score.into(), t.stage.into()],
            rows: r
                .pillars
                .iter()
                .zip(&spokes)
                .map(|(p, name)| {
                    vec![
                        Figure::Text(name.clone()),
                        Figure::number(if p.score.is_finite() { p.score } else { 0.0 }, 0),
                        Figure::Text(format!("{} ({}/5)", stage_name(p.stage, locale), p.stage)),
                    ]
                })
                .collect(),
        },
    }
}

/// The Overview card: the overall stage, once the assessment is complete.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    compute(s)
        .result
        .map(|r| vec![headline_of(&r, s.locale)])
        .unwrap_or_default()
}

/// The Overview card of an assessment.
pub fn headline_of(r: &Assessment, locale: Locale) -> Headline {
    let t = locale.strings().maturity;
    let weak = weakest(r)
        .iter()
        .map(|p| pillar_name(&p.pillar, locale))
        .collect::<Vec<_>>()
        .join(", ");
    Headline {
        id: "card-maturity",
        title: t.card_title.into(),
        figure: Figure::Text(format!("{} ({}/5)", stage_name(r.stage, locale), r.stage)),
        interval: None,
        reading: fill(t.card_reading, &[("pillar", &weak)]),
        how: How {
            formula: t.how_formula.into(),
            inputs: r
                .pillars
                .iter()
                .map(|p| (pillar_name(&p.pillar, locale), Figure::number(p.score, 0)))
                .collect(),
            source: t.how_source.into(),
            caveats: t.how_caveats.into(),
        },
        page: View::Maturity,
    }
}
