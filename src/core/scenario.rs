//! The scenario: everything the user has entered, as one serde struct.
//!
//! The UI holds exactly one `Scenario` in a reducer; URL sharing, autosave and
//! undo all serialise this same struct. `reduce` is pure so it is tested here,
//! natively, without a browser.

use super::clv::{ClvError, ClvInputs, FirstPayment};
use super::dashboard::business::{BusinessAction, BusinessAssumptions};
use super::dashboard::churn::{ChurnAction, ChurnAssumptions};
use super::dashboard::drivers::{DriversAction, DriversAssumptions};
use super::dashboard::maturity::{MaturityAction, MaturityAnswers};
use super::dashboard::value::{ValueAction, ValueAssumptions};
use super::dashboard::voice::{VoiceAction, VoiceAssumptions};
use super::data::LoadedData;
use super::i18n::Locale;
use super::period::{annual_to_period_rate, PeriodUnit};
use serde::{Deserialize, Serialize};

/// Schema version of the serialised scenario.
pub const SCENARIO_VERSION: u32 = 1;

/// Currencies offered in the UI (ISO 4217 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "GBP")]
    Gbp,
    #[serde(rename = "CHF")]
    Chf,
    #[serde(rename = "CAD")]
    Cad,
}

impl Currency {
    pub const ALL: [Currency; 5] = [
        Currency::Eur,
        Currency::Usd,
        Currency::Gbp,
        Currency::Chf,
        Currency::Cad,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Cad => "CAD",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Assumptions of the closed-form CLV calculator, as the user typed them.
///
/// Values are kept even when invalid (retention of 120 %) so the user sees
/// what they typed next to the error instead of losing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClvAssumptions {
    pub unit: PeriodUnit,
    /// Contribution margin per customer per period, in the scenario currency.
    pub margin: f64,
    /// Retention per period, in percent (90 means 0.90).
    pub retention_pct: f64,
    /// Annual discount rate in percent, converted to the period by compounding.
    pub annual_discount_pct: f64,
    pub include_first_payment: bool,
    /// Number of periods drawn in the cumulative-value chart.
    pub horizon: u32,
}

impl Default for ClvAssumptions {
    fn default() -> Self {
        // A mid-market subscription business: EUR 50 margin a month, 95 %
        // monthly retention (≈ 54 % a year), 10 % annual cost of capital.
        ClvAssumptions {
            unit: PeriodUnit::Month,
            margin: 50.0,
            retention_pct: 95.0,
            annual_discount_pct: 10.0,
            include_first_payment: true,
            horizon: 36,
        }
    }
}

/// Longest horizon the chart offers, in periods.
pub const MAX_CHART_HORIZON: u32 = 600;

/// What the CLV panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvOutcome {
    pub inputs: ClvInputs,
    /// Discount rate per period derived from the annual rate.
    pub period_discount: f64,
    pub clv: f64,
    pub clv_horizon: f64,
    pub cumulative: Vec<f64>,
    pub expected_lifetime_periods: f64,
}

impl ClvAssumptions {
    /// Validates and computes everything the CLV panel displays.
    pub fn compute(&self) -> Result<ClvOutcome, ClvError> {
        let annual = self.annual_discount_pct / 100.0;
        let period_discount =
            annual_to_period_rate(annual, self.unit).ok_or(ClvError::DiscountOutOfRange(annual))?;
        let first = if self.include_first_payment {
            FirstPayment::Included
        } else {
            FirstPayment::Excluded
        };
        let inputs = ClvInputs::new(
            self.margin,
            self.retention_pct / 100.0,
            period_discount,
            self.unit,
            first,
        )?;
        let horizon = self.horizon.min(MAX_CHART_HORIZON);
        Ok(ClvOutcome {
            inputs,
            period_discount,
            clv: inputs.clv(),
            clv_horizon: inputs.clv_finite(horizon)?,
            cumulative: inputs.cumulative(horizon)?,
            expected_lifetime_periods: inputs.expected_lifetime_periods(),
        })
    }
}

/// The page shown, addressed by the URL hash so a static host serves them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Headline cards of every page.
    #[default]
    Overview,
    /// Paste, drop or upload data.
    Data,
    /// Every assumption, editable in one place.
    Assumptions,
    /// Customer lifetime value: closed form, cohort sBG, BG/NBD.
    #[serde(alias = "clv")]
    Value,
    /// Churn and acquisition.
    Churn,
    /// NPS, CSAT and CES linked to revenue.
    #[serde(rename = "nps")]
    Voice,
    Drivers,
    /// The business case.
    Business,
    Maturity,
}

impl View {
    /// In navigation order.
    pub const ALL: [View; 9] = [
        View::Overview,
        View::Data,
        View::Assumptions,
        View::Value,
        View::Churn,
        View::Voice,
        View::Drivers,
        View::Business,
        View::Maturity,
    ];

    /// The hash of the page, `#/value`.
    pub fn hash(self) -> &'static str {
        match self {
            View::Overview => "#/overview",
            View::Data => "#/data",
            View::Assumptions => "#/assumptions",
            View::Value => "#/value",
            View::Churn => "#/churn",
            View::Voice => "#/nps",
            View::Drivers => "#/drivers",
            View::Business => "#/business",
            View::Maturity => "#/maturity",
        }
    }

    /// The page's name in the hash and in DOM ids (`value`).
    pub fn slug(self) -> &'static str {
        self.hash().trim_start_matches("#/")
    }

    /// The page named by a location hash (`#/clv`, the calculator's first
    /// address, still opens Customer value); unknown or empty hashes give
    /// `None`.
    pub fn from_hash(hash: &str) -> Option<View> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '&']).next().unwrap_or("");
        if path == "clv" {
            return Some(View::Value);
        }
        View::ALL.into_iter().find(|v| v.slug() == path)
    }
}

/// Everything the user has entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub version: u32,
    pub locale: Locale,
    pub currency: Currency,
    #[serde(default)]
    pub view: View,
    pub clv: ClvAssumptions,
    /// The data loaded on the Data page, as a small summary: the table
    /// itself stays with the page's session (see [`super::data`]).
    #[serde(default)]
    pub data: Option<LoadedData>,
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
    pub fn new(locale: Locale) -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            locale,
            currency: Currency::Eur,
            view: View::default(),
            clv: ClvAssumptions::default(),
            data: None,
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
    /// Data that validated on the Data page is now the one in use.
    SetData(Box<LoadedData>),
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
        Action::SetData(d) => {
            // New data naming its currency sets the scenario's; later
            // updates of the same data (a fixed cell) leave the user's choice.
            let new_source = next.data.as_ref().map(|x| &x.source) != Some(&d.source);
            if let (true, Some(c)) = (new_source, d.currency) {
                next.currency = c;
            }
            next.data = Some(*d);
        }
        Action::SetSegment(seg) => next.segment = seg,
        Action::Value(a) => next.value.apply(a),
        Action::Churn(a) => {
            let now = super::dashboard::churn::channels_now(&next);
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
        assert!((out.clv - 869.330_82).abs() < 1e-4, "{}", out.clv);
        assert_eq!(out.cumulative.len(), 36);
        assert!(out.clv_horizon < out.clv);
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
    fn loaded_data_is_kept_and_older_scenarios_still_read() {
        use crate::core::data::{Sample, Session};
        let text = Sample::Retail.text(Locale::En);
        let session = Session::open(
            text.clone().into_bytes(),
            Sample::Retail.source(Locale::En, text.len()),
            &mut |_, _, _| {},
        )
        .unwrap();
        let loaded = session.loaded().unwrap();
        let s = reduce(
            &Scenario::new(Locale::En),
            Action::SetData(Box::new(loaded.clone())),
        );
        assert_eq!(s.data.as_ref(), Some(&loaded));
        // English sample amounts carry no currency sign: EUR stays.
        assert_eq!(loaded.currency, None);
        assert_eq!(s.currency, Currency::Eur);
        // Data in pounds sets the currency once; the user's later choice stays.
        let mut pounds = loaded.clone();
        pounds.source.name = "uk.csv".into();
        pounds.currency = Some(Currency::Gbp);
        let t = reduce(&s, Action::SetData(Box::new(pounds.clone())));
        assert_eq!(t.currency, Currency::Gbp);
        let u = reduce(&t, Action::SetCurrency(Currency::Usd));
        let v = reduce(&u, Action::SetData(Box::new(pounds)));
        assert_eq!(v.currency, Currency::Usd);
        let json = serde_json::to_string(&s).unwrap();
        // A summary and the pages' evidence (fitted models, binned RFM),
        // not the table: well under the sample's own size.
        assert!(json.len() * 4 < text.len(), "{} bytes", json.len());
        let mut bare = s.clone();
        if let Some(d) = bare.data.as_mut() {
            d.evidence = Default::default();
        }
        let bare_json = serde_json::to_string(&bare).unwrap();
        assert!(bare_json.len() < 2000, "{} bytes", bare_json.len());
        assert_eq!(serde_json::from_str::<Scenario>(&json).unwrap(), s);
        // A scenario saved before the data part existed.
        let old = r#"{"version":1,"locale":"fr","currency":"EUR","clv":{"unit":"month","margin":50.0,
            "retention_pct":95.0,"annual_discount_pct":10.0,"include_first_payment":true,"horizon":36}}"#;
        let back: Scenario = serde_json::from_str(old).unwrap();
        assert_eq!(back.data, None);
        assert_eq!(back.view, View::Overview);
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
