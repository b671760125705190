//! The page's headline cards.

use super::compute::compute;
use super::compute::shown;
use super::compute::ChurnView;
use super::slice::ChurnSlice;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::scenario::Scenario;
use cxi_models::churn::churn_impact;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Headline;
use cxi_types::How;
use cxi_types::View;

impl ChurnView {
    /// The page's three headline cards.
    pub fn headlines(&self, s: &ChurnSlice) -> Vec<Headline> {
        let loc = s.locale;
        let t = loc.strings().churn;
        let cur = s.currency;
        let money = |v: f64| format::money(loc, cur, v);
        let i = &self.inputs;
        let m = i.monthly_margin();
        let c = i.monthly_churn();
        let blended = self.cac.as_ref().map(|r| r.blended);
        let cac_inputs = vec![
            (
                t.in_total_spend.to_string(),
                self.cac
                    .as_ref()
                    .map_or(Figure::Missing, |r| Figure::Money(r.total_spend)),
            ),
            (
                t.in_total_new.to_string(),
                self.cac.as_ref().map_or(Figure::Missing, |r| {
                    Figure::number(r.total_new_customers, 0)
                }),
            ),
            (t.in_monthly_margin.to_string(), Figure::Money(m)),
            (
                t.in_monthly_churn.to_string(),
                Figure::Percent {
                    value: c,
                    decimals: 2,
                },
            ),
        ];
        let fallback = || {
            self.first_problem_text(loc)
                .unwrap_or_else(|| t.err_overflow.to_string())
        };

        let cac_reading = match (blended, self.payback, self.payback_with_churn) {
            (Some(cac), Some(p), Some(Some(pc))) => fill(
                t.card_cac_reading,
                &[
                    ("cac", &money(cac)),
                    ("months", &loc.strings().months(p)),
                    ("months_churn", &loc.strings().months(pc)),
                ],
            ),
            (Some(cac), Some(p), Some(None)) => fill(
                t.card_cac_never,
                &[("cac", &money(cac)), ("months", &loc.strings().months(p))],
            ),
            _ => fallback(),
        };
        let card_cac = Headline {
            id: "card-cac",
            title: t.card_cac.into(),
            figure: blended.map_or(Figure::Missing, Figure::Money),
            interval: None,
            reading: cac_reading,
            how: How {
                formula: t.cac_formula.into(),
                inputs: cac_inputs,
                source: t.cac_source.into(),
                caveats: t.cac_caveats.into(),
            },
            page: View::Churn,
        };

        let ltv_reading = match (self.ltv_to_cac, self.ltv, blended) {
            (Some(r), Some(l), Some(cac)) => fill(
                t.card_ltv_reading,
                &[
                    ("ratio", &format!("{}×", format::number(loc, r, 1))),
                    ("ltv", &money(l)),
                    ("cac", &money(cac)),
                ],
            ),
            _ => fallback(),
        };
        let card_ltv = Headline {
            id: "card-ltv-cac",
            title: t.card_ltv.into(),
            figure: self.ltv_to_cac.map_or(Figure::Missing, Figure::Ratio),
            interval: None,
            reading: ltv_reading,
            how: How {
                formula: t.ltv_formula.into(),
                inputs: vec![
                    (t.in_monthly_margin.to_string(), Figure::Money(m)),
                    (
                        t.in_monthly_churn.to_string(),
                        Figure::Percent {
                            value: c,
                            decimals: 2,
                        },
                    ),
                    (
                        t.in_monthly_discount.to_string(),
                        i.monthly_discount
                            .map_or(Figure::Missing, |d| Figure::Percent {
                                value: d,
                                decimals: 3,
                            }),
                    ),
                    (
                        t.in_ltv.to_string(),
                        self.ltv.map_or(Figure::Missing, Figure::Money),
                    ),
                    (
                        t.in_blended_cac.to_string(),
                        blended.map_or(Figure::Missing, Figure::Money),
                    ),
                ],
                source: t.ltv_source.into(),
                caveats: t.ltv_caveats.into(),
            },
            page: View::Churn,
        };

        let cost_reading = match (&self.impact, &self.impact_target) {
            (Some(b), target) => fill(
                t.card_cost_reading,
                &[
                    ("lost", &format::number(loc, b.customers_lost, 0)),
                    ("revenue", &money(b.revenue_lost)),
                    ("margin", &money(b.margin_lost)),
                    (
                        "saved",
                        &target.map_or("—".into(), |x| money(b.margin_lost - x.margin_lost)),
                    ),
                ],
            ),
            _ => fallback(),
        };
        let interval = match (&i.measured_churn, self.impact.is_some()) {
            (Some(mc), true) => {
                let at = |monthly: f64| {
                    churn_impact(
                        i.customers.value,
                        monthly,
                        i.revenue_per_month.value,
                        i.margin_rate(),
                        12,
                    )
                    .map_or(Figure::Missing, |x| Figure::Money(x.margin_lost))
                };
                Some((
                    at(mc.monthly_low),
                    at(mc.monthly_high),
                    t.interval_churn.to_string(),
                ))
            }
            _ => None,
        };
        let card_cost = Headline {
            id: "card-churn-cost",
            title: t.card_cost.into(),
            figure: self
                .impact
                .map_or(Figure::Missing, |x| Figure::Money(x.margin_lost)),
            interval,
            reading: cost_reading,
            how: How {
                formula: t.cost_formula.into(),
                inputs: vec![
                    (
                        t.customers.to_string(),
                        Figure::number(i.customers.value, 0),
                    ),
                    (
                        t.in_monthly_churn.to_string(),
                        Figure::Percent {
                            value: c,
                            decimals: 2,
                        },
                    ),
                    (
                        t.revenue.to_string(),
                        Figure::Money(i.revenue_per_month.value),
                    ),
                    (t.margin_rate.to_string(), Figure::percent(i.margin_rate())),
                ],
                source: t.cost_source.into(),
                caveats: t.cost_caveats.into(),
            },
            page: View::Churn,
        };
        let mut cards = vec![card_cac, card_ltv, card_cost];
        for card in &mut cards {
            for (_, f) in &mut card.how.inputs {
                *f = shown(f.clone());
            }
        }
        cards
    }
}

/// The page's headline cards, for the Overview.
pub fn headlines(s: &Scenario) -> Vec<Headline> {
    let s = &ChurnSlice::of(s);
    compute(s).headlines(s)
}
