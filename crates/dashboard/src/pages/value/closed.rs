//! The closed-form numbers (no data, or too little for a model) and the
//! closed-form inputs a customer table measures.

use super::evidence::TableEvidence;
use super::evidence::ValueEvidence;
use super::sbg::Survival;
use super::slice::ValueSlice;
use crate::pages::clv::ClvOutcome;
use crate::pages::clv::MAX_CHART_HORIZON;
use cxi_models::clv::ClvError;
use cxi_types::period::PeriodUnit;

/// The calculator's CLV and its survival curve.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedNumbers {
    /// The calculator's period.
    pub unit: PeriodUnit,
    /// The calculator's outcome, or why its inputs are unusable.
    pub outcome: Result<ClvOutcome, ClvError>,
    /// Survival at constant retention (with the cohorts' observed curve
    /// when they share the period); `None` when the inputs are unusable.
    pub survival: Option<Survival>,
}

pub(super) fn closed(
    s: &ValueSlice,
    e: Option<&ValueEvidence>,
    segment: Option<&str>,
) -> ClosedNumbers {
    let a = &s.clv;
    let outcome = a.compute();
    // Survival at constant retention, beside what cohorts show when known.
    let observed = e
        .and_then(|e| {
            e.sbg
                .iter()
                .find(|x| x.segment.as_deref() == segment)
                .or(e.sbg.first())
        })
        .filter(|x| x.unit == a.unit);
    let survival = outcome.as_ref().ok().map(|o| {
        let r = o.inputs.retention();
        let n = a.horizon.min(MAX_CHART_HORIZON);
        Survival {
            unit: a.unit,
            model: (0..=n).map(|k| (f64::from(k), r.powi(k as i32))).collect(),
            band: None,
            observed: observed.map(|x| x.observed.clone()),
        }
    });
    ClosedNumbers {
        unit: a.unit,
        outcome,
        survival,
    }
}

/// Closed-form inputs a customer table measures, offered to the user.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured<'a> {
    /// The table's figures (all customers, or the segment shown).
    pub table: &'a TableEvidence,
    /// Margin per period, else revenue per period.
    pub margin: Option<f64>,
    /// Retention per period, in percent.
    pub retention_pct: Option<f64>,
}

/// What the customer table of `segment` (else of all customers) measures;
/// `None` when it measures neither margin nor retention.
pub(super) fn measured<'a>(e: &'a ValueEvidence, segment: Option<&str>) -> Option<Measured<'a>> {
    let te = e
        .table
        .iter()
        .find(|x| x.segment.as_deref() == segment)
        .or(e.table.first())?;
    let margin = te.margin.or(te.revenue);
    let retention_pct = te.retention.map(|r| r * 100.0);
    if margin.is_none() && retention_pct.is_none() {
        return None;
    }
    Some(Measured {
        table: te,
        margin,
        retention_pct,
    })
}
