//! The scenario: everything the user has entered, as one serde struct.
//!
//! The UI holds exactly one `Scenario` in a reducer; URL sharing, autosave and
//! undo all serialise this same struct. `reduce` is pure so it is tested here,
//! natively, without a browser.

use super::data::LoadedData;
use crate::pages::business::state::BusinessAction;
use crate::pages::business::state::BusinessAssumptions;
use crate::pages::churn::state::ChurnAction;
use crate::pages::churn::state::ChurnAssumptions;
use crate::pages::clv::{ClvAssumptions, MAX_CHART_HORIZON};
use crate::pages::drivers::state::DriversAction;
use crate::pages::drivers::state::DriversAssumptions;
use crate::pages::evidence::Evidence;
use crate::pages::maturity::state::MaturityAction;
use crate::pages::maturity::state::MaturityAnswers;
use crate::pages::value::state::ValueAction;
use crate::pages::value::state::ValueAssumptions;
use crate::pages::voice::state::VoiceAction;
use crate::pages::voice::state::VoiceAssumptions;
use cxi_types::period::PeriodUnit;
use cxi_types::{Currency, Locale, View};
use serde::{Deserialize, Serialize};

/// Schema version of the serialised scenario.
///
/// * 1: one table, `data` (null or a table).
/// * 2: several, `tables` (a list); version 1's `data` reads as a list of
///   zero or one ([`crate::data::tables::one_or_many`]).
pub const SCENARIO_VERSION: u32 = 2;

/// Everything the user has entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub version: u32,
    pub locale: Locale,
    pub currency: Currency,
    #[serde(default)]
    pub view: View,
    pub clv: ClvAssumptions,
    /// The tables loaded on the Data page, each as a small summary: the
    /// tables themselves stay with the page's sessions (see
    /// [`super::data`]). In the order they were added: each page reads the
    /// first that serves it ([`crate::data::tables`]).
    #[serde(
        default,
        alias = "data",
        deserialize_with = "crate::data::tables::one_or_many"
    )]
    pub tables: Vec<LoadedData>,
    /// The order log joined with a table of answers by customer id, when
    /// the Data page has made the join: measured behaviour per score group.
    #[serde(default)]
    pub linked: Option<std::sync::Arc<crate::data::linked::Linked>>,
    /// Each dashboard page's assumptions.
    #[serde(default)]
    pub value: ValueAssumptions,
    #[serde(default)]
    pub churn: ChurnAssumptions,
    #[serde(default)]
    pub voice: VoiceAssumptions,
    #[serde(default)]
    pub drivers: DriversAssumptions,
    #[serde(default)]
    pub business: BusinessAssumptions,
    #[serde(default)]
    pub maturity: MaturityAnswers,
    /// The segment the pages show, `None` for all customers.
    #[serde(default)]
    pub segment: Option<String>,
}

impl Scenario {
    /// The language and currency the pages word themselves in.
    pub fn context(&self) -> crate::pages::context::Context {
        crate::pages::context::Context {
            locale: self.locale,
            currency: self.currency,
        }
    }

    /// What the tables in use left for the pages, each part from the first
    /// table that has it (all `None`: no data).
    pub fn evidence(&self) -> Evidence {
        crate::data::tables::merged(&self.tables)
    }

    /// One page's part of the evidence, borrowed from the first table that
    /// has it: `s.evidence_of(|e| e.value.as_deref())`.
    pub fn evidence_of<'a, T: ?Sized>(
        &'a self,
        part: impl Fn(&'a Evidence) -> Option<&'a T>,
    ) -> Option<&'a T> {
        self.tables.iter().find_map(|t| part(&t.evidence))
    }

    /// The value evidence (fitted purchase model) of the order log the
    /// join reads, when there is a join.
    pub fn linked_orders_value(
        &self,
    ) -> Option<&std::sync::Arc<crate::pages::value::evidence::ValueEvidence>> {
        let orders = self.linked.as_ref()?.orders;
        self.tables
            .iter()
            .find(|t| t.key == orders)?
            .evidence
            .value
            .as_ref()
    }

    /// The name of the table that gives `part` to its page (empty when none
    /// does).
    pub fn source_of(&self, part: crate::data::Part) -> &str {
        crate::data::tables::serving(&self.tables, part).map_or("", |d| d.source.name.as_str())
    }

    pub fn new(locale: Locale) -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            locale,
            currency: Currency::Eur,
            view: View::default(),
            clv: ClvAssumptions::default(),
            tables: Vec::new(),
            linked: None,
            value: ValueAssumptions::default(),
            churn: ChurnAssumptions::default(),
            voice: VoiceAssumptions::default(),
            drivers: DriversAssumptions::default(),
            business: BusinessAssumptions::default(),
            maturity: MaturityAnswers::default(),
            segment: None,
        }
    }
}

/// Every change the UI can make to the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLocale(Locale),
    SetCurrency(Currency),
    SetView(View),
    SetUnit(PeriodUnit),
    SetMargin(f64),
    SetRetentionPct(f64),
    SetAnnualDiscountPct(f64),
    SetIncludeFirstPayment(bool),
    SetHorizon(u32),
    /// Back to the default assumptions, keeping language and currency.
    ResetAssumptions,
    /// The Customer value page's suggestion taken as the calculator's
    /// inputs: the data's period unit and, when measured, its margin and
    /// retention, in one step (one undo, one autosave).
    UseSuggestion {
        unit: PeriodUnit,
        margin: Option<f64>,
        retention_pct: Option<f64>,
    },
    /// The tables in use on the Data page, in their order: the list
    /// replaces the scenario's (adding, updating and removing a table are
    /// each one such step, one undo, one autosave).
    SetTables(Vec<LoadedData>),
    /// The join of the tables in use (`None`: none, or refused).
    SetLinked(Option<std::sync::Arc<crate::data::linked::Linked>>),
    /// Show one segment, or all customers.
    SetSegment(Option<String>),
    Value(ValueAction),
    Churn(ChurnAction),
    Voice(VoiceAction),
    Drivers(DriversAction),
    Business(BusinessAction),
    Maturity(MaturityAction),
    /// A whole scenario (opened from a link or a file, or undoing a reset).
    Replace(Box<Scenario>),
}

/// Pure state transition: the new scenario after `action`.
pub fn reduce(s: &Scenario, action: Action) -> Scenario {
    let mut next = s.clone();
    match action {
        Action::SetLocale(l) => next.locale = l,
        Action::SetCurrency(c) => next.currency = c,
        Action::SetView(v) => next.view = v,
        Action::SetUnit(u) => next.clv.unit = u,
        Action::SetMargin(m) => next.clv.margin = m,
        Action::SetRetentionPct(r) => next.clv.retention_pct = r,
        Action::SetAnnualDiscountPct(d) => next.clv.annual_discount_pct = d,
        Action::SetIncludeFirstPayment(b) => next.clv.include_first_payment = b,
        Action::SetHorizon(h) => next.clv.horizon = h.clamp(1, MAX_CHART_HORIZON),
        Action::ResetAssumptions => next.clv = ClvAssumptions::default(),
        Action::UseSuggestion {
            unit,
            margin,
            retention_pct,
        } => {
            next.clv.unit = unit;
            if let Some(m) = margin {
                next.clv.margin = m;
            }
            if let Some(r) = retention_pct {
                next.clv.retention_pct = r;
            }
        }
        Action::SetTables(tables) => {
            // A table new to the scenario naming its currency sets the
            // scenario's; later updates of the same table (a fixed cell)
            // leave the user's choice.
            let fresh = tables.iter().find(|t| {
                !next
                    .tables
                    .iter()
                    .any(|old| old.key == t.key && old.source == t.source)
            });
            if let Some(c) = fresh.and_then(|t| t.currency) {
                next.currency = c;
            }
            next.tables = tables;
            // A join of tables that are no longer the pair in use is gone,
            // and so is one whose customer table is no longer the one in use.
            let pair = crate::data::linked::pair(&next.tables);
            let crm = pair.and_then(|p| crate::data::linked::crm_of(&next.tables, p));
            if next.linked.as_ref().is_some_and(|l| {
                pair != Some((l.orders, l.answers)) || l.crm.is_some_and(|c| crm != Some(c))
            }) {
                next.linked = None;
            }
        }
        Action::SetLinked(l) => next.linked = l,
        Action::SetSegment(seg) => next.segment = seg,
        Action::Value(a) => next.value.apply(a),
        Action::Churn(a) => {
            let evidence = next.evidence();
            let now = crate::pages::churn::state::channels_now(
                &next.churn,
                evidence.churn.as_deref(),
                next.locale,
            );
            next.churn.apply(a, now)
        }
        Action::Voice(a) => next.voice.apply(a),
        Action::Drivers(a) => next.drivers.apply(a),
        Action::Business(a) => next.business.apply(a),
        Action::Maturity(a) => next.maturity.apply(a),
        Action::Replace(s) => next = *s,
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_computes() {
        let s = Scenario::new(Locale::En);
        let out = s.clv.compute().unwrap();
        // Reference: hand computation. d = 1.1^(1/12) − 1 = 0.0079741404;
        // CLV = 50 (1 + d)/(1 + d − 0.95) = 50 × 1.0079741404 / 0.0579741404 = 869.3308
        cxi_testkit::assert_close!(out.clv, 869.330_82, 1e-4, "{}", out.clv);
        assert_eq!(out.cumulative.len(), 36);
        assert!(out.clv_horizon < out.clv);
    }

    #[test]
    fn using_a_suggestion_is_one_step_equal_to_its_three_edits() {
        let s = Scenario::new(Locale::En);
        let one = reduce(
            &s,
            Action::UseSuggestion {
                unit: PeriodUnit::Week,
                margin: Some(12.5),
                retention_pct: Some(97.0),
            },
        );
        let three = [
            Action::SetUnit(PeriodUnit::Week),
            Action::SetMargin(12.5),
            Action::SetRetentionPct(97.0),
        ]
        .into_iter()
        .fold(s.clone(), |acc, a| reduce(&acc, a));
        assert_eq!(one, three);
        // What was not measured stays as the user had it.
        let unit_only = reduce(
            &s,
            Action::UseSuggestion {
                unit: PeriodUnit::Year,
                margin: None,
                retention_pct: None,
            },
        );
        assert_eq!(unit_only.clv.unit, PeriodUnit::Year);
        assert_eq!(unit_only.clv.margin, s.clv.margin);
        assert_eq!(unit_only.clv.retention_pct, s.clv.retention_pct);
    }

    #[test]
    fn replace_swaps_the_whole_scenario() {
        let s = reduce(&Scenario::new(Locale::Fr), Action::SetMargin(12.0));
        let other = reduce(&Scenario::new(Locale::En), Action::SetView(View::Business));
        assert_eq!(reduce(&s, Action::Replace(Box::new(other.clone()))), other);
    }

    #[test]
    fn reduce_changes_only_its_field_and_keeps_invalid_values() {
        let s = Scenario::new(Locale::Fr);
        let t = reduce(&s, Action::SetRetentionPct(120.0));
        assert_eq!(t.clv.retention_pct, 120.0);
        assert_eq!(t.locale, Locale::Fr);
        assert_eq!(
            t.clv.compute().unwrap_err().to_string(),
            "retention must be in [0,1): got 1.2"
        );
        let u = reduce(&t, Action::ResetAssumptions);
        assert_eq!(u.clv, ClvAssumptions::default());
        assert_eq!(reduce(&s, Action::SetHorizon(0)).clv.horizon, 1);
        assert_eq!(
            reduce(&s, Action::SetHorizon(100_000)).clv.horizon,
            MAX_CHART_HORIZON
        );
    }

    #[test]
    fn views_round_trip_through_their_hash() {
        for v in View::ALL {
            assert_eq!(View::from_hash(v.hash()), Some(v));
        }
        assert_eq!(View::from_hash("#/data?embed=1"), Some(View::Data));
        assert_eq!(View::from_hash("#/clv"), Some(View::Value));
        assert_eq!(View::from_hash("#/nps"), Some(View::Voice));
        assert_eq!(View::from_hash("#data"), Some(View::Data));
        assert_eq!(View::from_hash(""), None);
        assert_eq!(View::from_hash("#/nope"), None);
    }

    #[test]
    fn loaded_tables_are_kept_and_older_scenarios_still_read() {
        use crate::data::Sample;
        let mut loaded = Sample::Retail.open(Locale::En).unwrap().loaded().unwrap();
        loaded.key = 1;
        let s = reduce(
            &Scenario::new(Locale::En),
            Action::SetTables(vec![loaded.clone()]),
        );
        assert_eq!(s.tables, [loaded.clone()]);
        // English sample amounts carry no currency sign: EUR stays.
        assert_eq!(loaded.currency, None);
        assert_eq!(s.currency, Currency::Eur);
        // A table in pounds added sets the currency once; the user's later
        // choice stays through updates of the same table.
        let mut pounds = loaded.clone();
        pounds.key = 2;
        pounds.source.name = "uk.csv".into();
        pounds.currency = Some(Currency::Gbp);
        let t = reduce(&s, Action::SetTables(vec![loaded.clone(), pounds.clone()]));
        assert_eq!(t.currency, Currency::Gbp);
        assert_eq!(t.tables.len(), 2);
        let u = reduce(&t, Action::SetCurrency(Currency::Usd));
        let mut fixed = pounds.clone();
        fixed.summary.rows_ok += 1;
        let v = reduce(&u, Action::SetTables(vec![loaded.clone(), fixed]));
        assert_eq!(v.currency, Currency::Usd);
        // Removing a table leaves the other.
        let w = reduce(&v, Action::SetTables(vec![pounds.clone()]));
        assert_eq!(w.tables, [pounds]);
        let json = serde_json::to_string(&s).unwrap();
        // A summary and the pages' evidence (fitted models, binned RFM),
        // not the table: well under the sample's own size.
        let text = Sample::Retail.text(Locale::En);
        assert!(json.len() * 4 < text.len(), "{} bytes", json.len());
        let mut bare = s.clone();
        for d in &mut bare.tables {
            d.evidence = Default::default();
        }
        let bare_json = serde_json::to_string(&bare).unwrap();
        assert!(bare_json.len() < 2000, "{} bytes", bare_json.len());
        assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), s);
        // A scenario saved before the data part existed.
        let old = r#"{"version":1,"locale":"fr","currency":"EUR","clv":{"unit":"month","margin":50.0,
            "retention_pct":95.0,"annual_discount_pct":10.0,"include_first_payment":true,"horizon":36}}"#;
        let back: Scenario = serde_json::from_str(old).unwrap();
        assert!(back.tables.is_empty());
        assert_eq!(back.view, View::Overview);
        // Version 1 with `"data": null`, and with one table.
        let null = old.replace(r#""currency":"EUR","#, r#""currency":"EUR","data":null,"#);
        assert!(serde_json::from_str::<Scenario>(&null)
            .unwrap()
            .tables
            .is_empty());
        let mut one: serde_json::Value = serde_json::from_str(old).unwrap();
        one["data"] = serde_json::to_value(&loaded).unwrap();
        let mut v0 = loaded.clone();
        v0.key = 0;
        one["data"].as_object_mut().unwrap().remove("key");
        let back: Scenario = serde_json::from_value(one).unwrap();
        assert_eq!(back.tables, [v0]);
        // Not a table: refused with serde's message, not read as empty.
        let bad = old.replace(r#""currency":"EUR","#, r#""currency":"EUR","tables":7,"#);
        let err = serde_json::from_str::<Scenario>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a table, a list of tables or null"), "{err}");
    }

    /// The join stays while its two tables are the pair in use, and goes
    /// when either is removed.
    #[test]
    fn a_join_goes_with_its_tables() {
        use crate::data::linked::{self, Linked};
        use crate::data::Sample;
        let table = |s: Sample, key| {
            let mut d = s.open(Locale::En).unwrap().loaded().unwrap();
            d.key = key;
            d
        };
        let retail = table(Sample::Retail, 1);
        let sub = table(Sample::Subscription, 2);
        let s = reduce(
            &Scenario::new(Locale::En),
            Action::SetTables(vec![retail.clone(), sub.clone()]),
        );
        assert_eq!(linked::pair(&s.tables), Some((1, 2)));
        let evidence = cxi_link::link(
            &cxi_link::Orders::from_rows(&["A"], None, vec![1.0]),
            &cxi_link::Answers {
                nps: Some(vec![Some(9.0)]),
                ..cxi_link::Answers::from_rows(&["A"], None)
            },
            None,
            &cxi_link::LinkOptions::default(),
        )
        .unwrap();
        let l = std::sync::Arc::new(Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence,
            model: None,
        });
        let j = reduce(&s, Action::SetLinked(Some(l.clone())));
        assert_eq!(j.linked, Some(l.clone()));
        // Saved and read back with it.
        assert_eq!(
            serde_json::from_str::<Scenario>(&serde_json::to_string(&j).unwrap()).unwrap(),
            j
        );
        // An update of the same tables keeps it.
        let mut fixed = sub.clone();
        fixed.summary.rows_ok += 1;
        let k = reduce(&j, Action::SetTables(vec![retail.clone(), fixed]));
        assert_eq!(k.linked, Some(l.clone()));
        // Either table removed: gone.
        assert_eq!(
            reduce(&j, Action::SetTables(vec![retail.clone()])).linked,
            None
        );
        assert_eq!(
            reduce(&j, Action::SetTables(vec![sub.clone()])).linked,
            None
        );
        // A join that used a third table's churn flags goes with that table; one
        // made without (an earlier version's) stays.
        let with_crm = std::sync::Arc::new(Linked {
            crm: Some(3),
            ..(*l).clone()
        });
        let c = reduce(&s, Action::SetLinked(Some(with_crm)));
        assert_eq!(
            reduce(&c, Action::SetTables(vec![retail, sub])).linked,
            None
        );
    }

    #[test]
    fn scenario_round_trips_through_json() {
        let s = reduce(
            &Scenario::new(Locale::Fr),
            Action::SetCurrency(Currency::Chf),
        );
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"CHF\""));
        let back: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
