//! The Drivers page's computation: the segment's analysis and the
//! attributes placed with the chosen measure, as numbers and the data's
//! own names (no language: `words` writes the page).

use super::evidence::{DriversEvidence, Outcome};
use super::state::{DriversAction, DriversAssumptions};
use crate::scenario::{Action, Scenario};
use cxi_models::drivers::importance_performance;
use cxi_models::drivers::DriverAnalysis;
use cxi_models::drivers::ImportanceMeasure;
use cxi_models::drivers::Quadrant;
use cxi_models::drivers::QuadrantChart;

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum DriversView {
    /// No loaded data has attribute ratings.
    NeedsData,
    /// The data has them but the analysis was refused.
    Refused(Refusal),
    Ready(Box<Ready>),
}

/// Why the rows shown have no analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The core refused the analysis: its reason, as the evidence recorded
    /// it when the data was loaded.
    Core(String),
    /// The evidence recorded neither an analysis nor a reason.
    Unexplained,
}

/// An analysis to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    /// The score the attributes explain.
    pub outcome: Outcome,
    /// Segment names the data offers (empty: no segment filter).
    pub segments: Vec<String>,
    /// The segment shown (`None`: all rows).
    pub segment: Option<String>,
    pub analysis: DriverAnalysis,
    /// The attributes placed with `measure`.
    pub quadrant: QuadrantChart,
    pub measure: ImportanceMeasure,
}

/// The page from the scenario: picks the segment's analysis and places the
/// attributes with the chosen measure.
pub fn compute(s: &Scenario) -> DriversView {
    compute_slice(
        s.evidence_of(|e| e.drivers.as_deref()),
        s.segment.as_deref(),
        &s.drivers,
    )
}

/// The page from the slice of the scenario it uses: the drivers evidence
/// of loaded data, the segment chosen and its assumptions.
pub fn compute_slice(
    evidence: Option<&DriversEvidence>,
    segment: Option<&str>,
    a: &DriversAssumptions,
) -> DriversView {
    let Some(ev) = evidence else {
        return DriversView::NeedsData;
    };
    let chosen = segment.and_then(|name| {
        ev.results
            .iter()
            .find(|r| r.segment.as_deref() == Some(name))
    });
    let Some(r) = chosen.or_else(|| ev.results.first()) else {
        return DriversView::NeedsData;
    };
    let Some(analysis) = r.analysis.clone() else {
        return DriversView::Refused(match &r.error {
            Some(reason) => Refusal::Core(reason.clone()),
            None => Refusal::Unexplained,
        });
    };
    let quadrant = importance_performance(&analysis, a.measure);
    DriversView::Ready(Box::new(Ready {
        outcome: ev.outcome,
        segments: ev
            .results
            .iter()
            .filter_map(|r| r.segment.clone())
            .collect(),
        segment: r.segment.clone(),
        analysis,
        quadrant,
        measure: a.measure,
    }))
}

impl Ready {
    /// Attributes by importance, largest first: (index, importance %).
    pub fn ranked(&self) -> Vec<(usize, f64)> {
        let mut r: Vec<(usize, f64)> = self
            .quadrant
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.importance))
            .collect();
        r.sort_by(|a, b| b.1.total_cmp(&a.1));
        r
    }

    /// Names of the attributes in one quadrant, in input order.
    pub fn in_quadrant(&self, q: Quadrant) -> Vec<String> {
        self.quadrant
            .points
            .iter()
            .filter(|p| p.quadrant == q)
            .map(|p| p.name.clone())
            .collect()
    }
}

/// The action that selects a measure (for the page's radio buttons).
pub fn set_measure(m: ImportanceMeasure) -> Action {
    Action::Drivers(DriversAction::SetMeasure(m))
}
