//! The page's numbers from its slice: which model, then that model's
//! figures. Nothing here is worded: [`super::words`] turns the numbers into
//! the sentences, labels and charts, so the figures can be tested without a
//! language and the wording without a fit.

use super::bgnbd::{bgnbd, BgNbdNumbers};
use super::closed::{closed, measured, ClosedNumbers, Measured};
use super::evidence::{Unfitted, ValueEvidence};
use super::holdout_page::{holdout_numbers, HoldoutNumbers};
use super::sbg::{sbg, SbgNumbers};
use super::slice::ValueSlice;
use super::state::ValueModel;

/// Everything the page computes, before any word.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueNumbers<'a> {
    /// The model in use (never `Auto`).
    pub model: ValueModel,
    /// The model `Auto` picks for the loaded data.
    pub best: ValueModel,
    /// Each choosable model with whether the data supports it.
    pub choices: Vec<(ValueModel, bool)>,
    /// The model asked for when the data cannot feed it (`best` is shown).
    pub unsupported: Option<ValueModel>,
    /// Models the data could have fed but that did not fit, and why.
    pub unfitted: &'a [Unfitted],
    /// Segments of the data, for the filter.
    pub segments: Vec<String>,
    /// The segment shown, when the data has it.
    pub segment: Option<String>,
    /// A segment was asked for that the data does not have.
    pub segment_missing: bool,
    /// Closed-form inputs measured on a customer table.
    pub measured: Option<Measured<'a>>,
    /// The figures of the model in use.
    pub fit: Fit<'a>,
    /// A transaction log's calibration/holdout check of BG/NBD.
    pub holdout: Option<HoldoutNumbers<'a>>,
}

/// The figures of one model.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit<'a> {
    /// The calculator's closed form.
    Closed(ClosedNumbers),
    /// sBG fitted to cohorts.
    Sbg(SbgNumbers<'a>),
    /// BG/NBD (+ Gamma-Gamma) fitted to purchases.
    BgNbd(BgNbdNumbers<'a>),
}

/// The model `Auto` means for this evidence.
pub fn best_model(e: Option<&ValueEvidence>) -> ValueModel {
    match e {
        Some(e) if e.bgnbd.as_ref().is_some_and(|b| b.gamma_gamma.is_some()) => ValueModel::BgNbd,
        Some(e) if !e.sbg.is_empty() => ValueModel::Sbg,
        _ => ValueModel::ClosedForm,
    }
}

pub(super) fn supports(e: Option<&ValueEvidence>, m: ValueModel) -> bool {
    match m {
        ValueModel::Auto | ValueModel::ClosedForm => true,
        ValueModel::Sbg => e.is_some_and(|e| !e.sbg.is_empty()),
        ValueModel::BgNbd => e.is_some_and(|e| e.bgnbd.is_some()),
    }
}

/// The page's numbers, from its slice alone (fits come with the evidence).
pub fn numbers<'a>(s: &ValueSlice<'a>) -> ValueNumbers<'a> {
    let e = s.evidence;
    let best = best_model(e);
    let (model, unsupported) = match s.value.model {
        ValueModel::Auto => (best, None),
        m if supports(e, m) => (m, None),
        m => (best, Some(m)),
    };
    let segments = e.map(|e| e.segments()).unwrap_or_default();
    let segment = s.segment.clone().filter(|g| segments.contains(g));
    let segment_missing = s.segment.is_some() && segment.is_none();
    let choices = ValueModel::CHOICES
        .iter()
        .map(|&m| (m, supports(e, m)))
        .collect();
    let measured = e.and_then(|e| measured(e, segment.as_deref()));
    let fit = match (model, e) {
        (ValueModel::BgNbd, Some(e)) if e.bgnbd.is_some() => match &e.bgnbd {
            Some(b) => Fit::BgNbd(bgnbd(s, b, segment.as_deref())),
            None => Fit::Closed(closed(s, Some(e), segment.as_deref())),
        },
        (ValueModel::Sbg, Some(e)) if !e.sbg.is_empty() => {
            let pick = e
                .sbg
                .iter()
                .find(|x| x.segment.as_deref() == segment.as_deref())
                .unwrap_or(&e.sbg[0]);
            Fit::Sbg(sbg(s, pick))
        }
        _ => Fit::Closed(closed(s, e, segment.as_deref())),
    };
    ValueNumbers {
        model,
        best,
        choices,
        unsupported,
        unfitted: e.map_or(&[], |e| e.unfitted.as_slice()),
        segments,
        segment,
        segment_missing,
        measured,
        fit,
        holdout: e
            .and_then(|e| e.holdout.as_ref())
            .map(|h| holdout_numbers(h, s.value.calibration_end)),
    }
}
