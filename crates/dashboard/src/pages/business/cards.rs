//! The page's headline card and its comparison table.

use super::compute::band;
use super::compute::compute;
use super::compute::BusinessView;
use super::compute::ScenarioCase;
use super::compute::ScenarioKey;
use super::slice::BusinessSlice;
use super::words::input_figure;
use super::words::input_name;
use super::words::scenario_name;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::churn::{self};
use crate::scenario::Scenario;
use cxi_models::business_case::Input;
use cxi_models::business_case::MonteCarloBand;
use cxi_types::chart::DataTable;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::View;

impl BusinessView {
    /// The target scenario, unless the model refused it.
    pub fn target(&self) -> Option<&ScenarioCase> {
        self.scenarios.iter().find(|c| c.key == ScenarioKey::Target)
    }

    /// The headline card: NPV of the target scenario, its 90 % band, and
    /// the sentence of the case.
    pub fn headline(&self, s: &BusinessSlice, band: Option<&MonteCarloBand>) -> Headline {
        let loc = s.locale;
        let t = loc.strings().business;
        let money = |v: f64| format::money(loc, s.currency, v);
        let i = &self.inputs.target;
        let (figure, reading) = match self.target() {
            Some(c) => {
                let what = if i.churn_reduction > 0.0 {
                    fill(
                        t.what_churn,
                        &[
                            ("churn_from", &format::percent(loc, i.annual_churn, 1)),
                            (
                                "churn_to",
                                &format::percent(loc, i.annual_churn - i.churn_reduction, 1),
                            ),
                        ],
                    )
                } else {
                    t.what_programme.into()
                };
                let payback = match c.case.payback_years {
                    Some(p) => fill(t.payback_years, &[("years", &format::number(loc, p, 1))]),
                    None => fill(t.payback_never, &[("years", &i.years.to_string())]),
                };
                let mut reading = fill(
                    t.reading,
                    &[
                        ("what", &what),
                        ("npv", &money(c.case.npv)),
                        ("years", &i.years.to_string()),
                        ("costs", &money(c.case.pv_costs)),
                        (
                            "roi",
                            &c.case
                                .roi
                                .map_or("—".into(), |r| format::percent(loc, r, 0)),
                        ),
                        ("payback", &payback),
                    ],
                );
                if let Some(b) = band {
                    reading.push(' ');
                    reading.push_str(&fill(
                        t.probability,
                        &[("p", &format::percent(loc, b.probability_positive, 0))],
                    ));
                }
                (Figure::Money(c.case.npv), reading)
            }
            None => (
                Figure::Missing,
                self.first_problem_text(loc)
                    .unwrap_or_else(|| t.err_overflow.to_string()),
            ),
        };
        let mut inputs: Vec<(String, Figure)> = Input::ALL
            .iter()
            .filter(|k| {
                !matches!(k, Input::NpsPoints | Input::RevenuePerNpsPoint) || i.get(**k) != 0.0
            })
            .map(|k| {
                (
                    input_name(t, *k).to_string(),
                    churn::shown(input_figure(*k, i.get(*k))),
                )
            })
            .collect();
        if let Some(c) = self.target() {
            inputs.push((
                t.row_roi.into(),
                c.case.roi.map_or(Figure::Missing, Figure::percent),
            ));
        }
        Headline {
            id: "card-business-npv",
            title: t.card.into(),
            figure,
            interval: band.filter(|_| self.target().is_some()).map(|b| {
                (
                    Figure::Money(b.npv.p05),
                    Figure::Money(b.npv.p95),
                    t.interval.into(),
                )
            }),
            reading,
            how: How {
                formula: t.formula.into(),
                inputs,
                source: t.source.into(),
                caveats: t.caveats.into(),
            },
            page: View::Business,
        }
    }

    /// The scenarios side by side: one row per measure, one column each.
    pub fn comparison(&self, s: &BusinessSlice) -> DataTable {
        let t = s.locale.strings().business;
        let mut headers = vec![t.col_measure.to_string()];
        headers.extend(
            self.scenarios
                .iter()
                .map(|c| scenario_name(t, c.key).to_string()),
        );
        let row = |label: &str, f: &dyn Fn(&ScenarioCase) -> Figure| {
            let mut r = vec![Figure::Text(label.into())];
            r.extend(self.scenarios.iter().map(f));
            r
        };
        let years = |p: Option<f64>| {
            p.map_or(Figure::Text(t.not_within.into()), |v| Figure::Periods {
                value: v,
                unit: cxi_types::period::PeriodUnit::Year,
            })
        };
        DataTable {
            headers,
            rows: vec![
                row(t.row_effects, &|c| Figure::Percent {
                    value: c.share,
                    decimals: 0,
                }),
                row(t.row_churn_after, &|c| {
                    Figure::percent(c.inputs.annual_churn - c.inputs.churn_reduction)
                }),
                row(t.row_benefits, &|c| Figure::Money(c.case.pv_benefits)),
                row(t.row_costs, &|c| Figure::Money(c.case.pv_costs)),
                row(t.row_npv, &|c| Figure::Money(c.case.npv)),
                row(t.row_roi, &|c| {
                    c.case.roi.map_or(Figure::Missing, |r| Figure::Percent {
                        value: r,
                        decimals: 0,
                    })
                }),
                row(t.row_payback, &|c| years(c.case.payback_years)),
                row(t.row_discounted_payback, &|c| {
                    years(c.case.discounted_payback_years)
                }),
            ],
        }
    }
}

/// The page's headline cards, for the Overview (with the band).
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let s = &BusinessSlice::of(s);
    let v = compute(s);
    let b = v.target().and_then(|c| band(&c.inputs));
    vec![v.headline(s, b.as_ref())]
}
