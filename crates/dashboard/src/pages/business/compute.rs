//! The business case from the scenario: three scenarios, their NPV/ROI/payback, and the Monte-Carlo band.

use super::inputs::inputs;
use super::inputs::CaseInputs;
use super::inputs::DRAWS;
use super::inputs::SEED;
use super::inputs::TORNADO_RELATIVE;
use super::problems::Problem;
use super::slice::BusinessSlice;
use super::state::*;
use cxi_models::business_case::appraise;
use cxi_models::business_case::monte_carlo;
use cxi_models::business_case::tornado;
use cxi_models::business_case::BusinessCase;
use cxi_models::business_case::BusinessCaseInputs;
use cxi_models::business_case::Distribution;
use cxi_models::business_case::Input;
use cxi_models::business_case::MonteCarloBand;
use cxi_models::business_case::TornadoBar;

/// Which of the three scenarios a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioKey {
    /// The cautious share of the target's effects.
    Baseline,
    /// The plan: the effects as typed.
    Target,
    /// The ambitious share of the target's effects.
    Stretch,
}

/// One of the three scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioCase {
    pub key: ScenarioKey,
    /// Share of the target's effects.
    pub share: f64,
    pub inputs: BusinessCaseInputs,
    pub case: BusinessCase,
}

/// Everything the page shows except the Monte-Carlo band (see [`band`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessView {
    pub inputs: CaseInputs,
    /// Every refused input, located on this page's field (or on none).
    pub problems: Vec<(Option<BusinessField>, Problem)>,
    /// Baseline, target, stretch (empty when the inputs are refused).
    pub scenarios: Vec<ScenarioCase>,
    /// Tornado around the target: base NPV and bars, longest first.
    pub tornado: Option<(f64, Vec<TornadoBar>)>,
}

/// Computes the page, without the Monte-Carlo band.
pub fn compute(s: &BusinessSlice) -> BusinessView {
    let inputs = inputs(s);
    let problems = inputs.problems();
    let (scenarios, tornado_bars) = if problems.is_empty() {
        let shares = [
            (
                ScenarioKey::Baseline,
                inputs.get(BusinessField::LowEffects) / 100.0,
            ),
            (ScenarioKey::Target, 1.0),
            (
                ScenarioKey::Stretch,
                inputs.get(BusinessField::HighEffects) / 100.0,
            ),
        ];
        let scenarios: Vec<ScenarioCase> = shares
            .into_iter()
            .filter_map(|(key, share)| {
                let i = inputs.scaled(share);
                appraise(&i)
                    .ok()
                    .filter(finite_case)
                    .map(|case| ScenarioCase {
                        key,
                        share,
                        inputs: i,
                        case,
                    })
            })
            .collect();
        let tor = tornado(&inputs.target, TORNADO_RELATIVE, &[])
            .ok()
            .filter(|(base, _)| base.is_finite())
            .map(|(base, bars)| {
                let bars = bars
                    .into_iter()
                    .filter(|b| {
                        [b.low, b.high, b.npv_low, b.npv_high]
                            .iter()
                            .all(|v| v.is_finite())
                    })
                    .collect();
                (base, bars)
            });
        (scenarios, tor)
    } else {
        (Vec::new(), None)
    };
    BusinessView {
        inputs,
        problems,
        scenarios,
        tornado: tornado_bars,
    }
}

fn finite_case(c: &BusinessCase) -> bool {
    [c.npv, c.pv_benefits, c.pv_costs]
        .iter()
        .all(|v| v.is_finite())
        && c.roi.is_none_or(f64::is_finite)
        && c.rows.iter().all(|r| {
            [
                r.benefits,
                r.costs,
                r.net_cash_flow,
                r.discounted_cash_flow,
                r.cumulative,
                r.cumulative_discounted,
            ]
            .iter()
            .all(|v| v.is_finite())
        })
}

/// The uncertainty the band draws, around the target's inputs: effects
/// 50–150 % of plan, costs 90–150 % (overruns are likelier than savings),
/// revenue per customer and margin rate ±10 %, all triangular with the
/// plan as mode.
pub fn uncertainty(i: &BusinessCaseInputs) -> Vec<(Input, Distribution)> {
    let tri = |input: Input, lo: f64, hi: f64| {
        let b = i.get(input);
        let (x, y) = (b * lo, b * hi);
        (
            input,
            Distribution::Triangular {
                low: x.min(y),
                high: x.max(y),
            },
        )
    };
    vec![
        tri(Input::ChurnReduction, 0.5, 1.5),
        tri(Input::SpendUplift, 0.5, 1.5),
        tri(Input::ContactReduction, 0.5, 1.5),
        tri(Input::NpsPoints, 0.5, 1.5),
        tri(Input::OneOffCost, 0.9, 1.5),
        tri(Input::RunningCost, 0.9, 1.5),
        tri(Input::RevenuePerCustomer, 0.9, 1.1),
        tri(Input::MarginRate, 0.9, 1.1),
    ]
}

/// The seeded Monte-Carlo band of the target scenario ([`DRAWS`] draws),
/// apart from [`compute`] so the UI can keep it while the inputs stay.
pub fn band(target: &BusinessCaseInputs) -> Option<MonteCarloBand> {
    monte_carlo(target, &uncertainty(target), DRAWS, SEED)
        .ok()
        .filter(|b| {
            [b.npv.p05, b.npv.p50, b.npv.p95, b.npv_mean]
                .iter()
                .all(|v| v.is_finite())
                && b.cumulative_discounted
                    .iter()
                    .all(|p| p.p05.is_finite() && p.p50.is_finite() && p.p95.is_finite())
        })
}
