//! User-facing text, one table per language.
//!
//! Components never hard-code a sentence: they read a field of [`Strings`].
//! A missing translation is a compile error because both tables are values of
//! the same struct.

pub mod assumptions;
pub mod business;
pub mod churn;
pub mod data;
pub mod drivers;
pub mod maturity;
pub mod messages;
pub mod overview;
pub mod share;
pub mod template;
pub mod value;
pub mod voice;

pub use template::{fill, Words};

use cxi_models::clv::ClvError;
use cxi_types::format;
use cxi_types::period::PeriodUnit;
use cxi_types::{Locale, View};

/// The text tables of a [`Locale`].
pub trait LocaleStrings {
    /// Every piece of interface text in this language.
    fn strings(self) -> &'static Strings;
}

impl LocaleStrings for Locale {
    fn strings(self) -> &'static Strings {
        match self {
            Locale::Fr => &FR,
            Locale::En => &EN,
        }
    }
}

/// Every piece of interface text.
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Strings {
    /// The language these texts are in (numbers inside sentences follow it).
    pub locale: Locale,
    /// Period units, plural, lower case ("months"), in [`PeriodUnit::ALL`] order.
    pub unit_plurals: [&'static str; 5],
    /// Period units for a selector ("Month"), in [`PeriodUnit::ALL`] order.
    pub unit_names: [&'static str; 5],
    /// A duration of one month, `{n}`.
    pub month_one: &'static str,
    /// A duration in months, `{n}`.
    pub months_n: &'static str,
    /// CLV validation errors: margin not a number.
    pub err_margin: &'static str,
    /// `{value}` percent typed.
    pub err_retention: &'static str,
    /// `{value}` percent typed.
    pub err_churn: &'static str,
    pub err_discount: &'static str,
    /// `{n}` periods.
    pub err_horizon: &'static str,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub language: &'static str,
    pub currency: &'static str,
    pub privacy_note: &'static str,
    pub clv_heading: &'static str,
    pub clv_intro: &'static str,
    pub period_unit: &'static str,
    pub margin: &'static str,
    pub margin_help: &'static str,
    pub retention: &'static str,
    pub retention_help: &'static str,
    pub annual_discount: &'static str,
    pub annual_discount_help: &'static str,
    pub include_first: &'static str,
    pub include_first_help: &'static str,
    pub horizon: &'static str,
    pub reset: &'static str,
    pub result_clv: &'static str,
    pub result_clv_horizon: &'static str,
    pub result_lifetime: &'static str,
    pub reading: &'static str,
    pub how_computed: &'static str,
    /// Link from an Overview card to its page.
    pub see_detail: &'static str,
    pub formula: &'static str,
    pub inputs: &'static str,
    pub source: &'static str,
    pub source_text: &'static str,
    pub caveats: &'static str,
    pub caveats_text: &'static str,
    pub discount_per_period: &'static str,
    pub chart_title: &'static str,
    pub chart_x: &'static str,
    pub chart_y: &'static str,
    pub chart_asymptote: &'static str,
    pub show_table: &'static str,
    pub hide_table: &'static str,
    /// Chart download buttons.
    pub download_png: &'static str,
    pub download_svg: &'static str,
    pub col_period: &'static str,
    pub col_cumulative: &'static str,
    pub not_a_number: &'static str,
    pub invalid_inputs: &'static str,
    pub nav_label: &'static str,
    pub nav_data: &'static str,
    /// Separator between a label and its value (French puts a space before the colon).
    pub colon: &'static str,
    /// "{what} per {unit}": a quantity per period ("Margin per month").
    pub per_unit: &'static str,
    /// Unit text of an annual rate field.
    pub percent_per_year: &'static str,
    /// Template with `{value}`, `{multiple}`, `{lifetime}`, `{units}`.
    pub clv_reading: &'static str,
    /// The Data page and the parser's messages.
    pub data: &'static data::DataStrings,
    /// Each dashboard page's text.
    pub overview: &'static overview::OverviewStrings,
    pub assumptions: &'static assumptions::AssumptionsStrings,
    pub value: &'static value::ValueStrings,
    pub churn: &'static churn::ChurnStrings,
    pub voice: &'static voice::VoiceStrings,
    pub drivers: &'static drivers::DriversStrings,
    pub business: &'static business::BusinessStrings,
    pub maturity: &'static maturity::MaturityStrings,
    /// Share, save, offline copy and print.
    pub share: &'static share::ShareStrings,
}

impl Strings {
    /// Name of a period unit, plural, lower case ("months").
    pub fn unit_plural(&self, unit: PeriodUnit) -> &'static str {
        self.unit_plurals[unit.index()]
    }

    /// Name of a period unit for a selector ("Month").
    pub fn unit_name(&self, unit: PeriodUnit) -> &'static str {
        self.unit_names[unit.index()]
    }

    /// A duration in months: `7.3 months` / `7,3 mois`.
    pub fn months(&self, v: f64) -> String {
        let n = format::number(self.locale, v, 1);
        let template = if n == "1" {
            self.month_one
        } else {
            self.months_n
        };
        fill(template, &[("n", &n)])
    }

    /// A page's name in the navigation and the window title.
    /// "Margin per month": `what` per the period `unit`, in lower case.
    pub fn per_unit(&self, what: &str, unit: PeriodUnit) -> String {
        fill(
            self.per_unit,
            &[
                ("what", what),
                ("unit", &self.unit_name(unit).to_lowercase()),
            ],
        )
    }

    pub fn page_name(&self, view: View) -> &'static str {
        match view {
            View::Overview => self.overview.nav,
            View::Data => self.nav_data,
            View::Assumptions => self.assumptions.nav,
            View::Value => self.value.nav,
            View::Churn => self.churn.nav,
            View::Voice => self.voice.nav,
            View::Drivers => self.drivers.nav,
            View::Business => self.business.nav,
            View::Maturity => self.maturity.nav,
        }
    }

    /// A CLV validation error in this language.
    pub fn clv_error(&self, e: &ClvError) -> String {
        let pct = |v: f64| format::number(self.locale, v * 100.0, 4);
        match e {
            ClvError::MarginNotFinite(_) => self.err_margin.into(),
            ClvError::RetentionOutOfRange(v) => fill(self.err_retention, &[("value", &pct(*v))]),
            ClvError::ChurnOutOfRange(v) => fill(self.err_churn, &[("value", &pct(*v))]),
            ClvError::DiscountOutOfRange(_) => self.err_discount.into(),
            ClvError::HorizonTooLong(n) => fill(self.err_horizon, &[("n", &n.to_string())]),
        }
    }
}

pub static EN: Strings = Strings {
    locale: Locale::En,
    unit_plurals: ["days", "weeks", "months", "quarters", "years"],
    unit_names: ["Day", "Week", "Month", "Quarter", "Year"],
    month_one: "{n} month",
    months_n: "{n} months",
    err_margin: "The margin must be a number.",
    err_retention: "Retention must be at least 0 % and below 100 %: got {value} %.",
    err_churn: "Churn must be above 0 % and at most 100 %: got {value} %.",
    err_discount: "The discount rate must be above -100 % and higher than retention minus 100 %.",
    err_horizon: "The horizon is too long: {n}.",
    app_title: "CX Impact",
    tagline: "What customer experience is worth, in money",
    language: "Language",
    currency: "Currency",
    privacy_note: "Runs entirely in your browser: no data leaves this page.",
    clv_heading: "Customer lifetime value",
    clv_intro: "The value of a customer is the margin they bring each period, for as long as they stay, discounted to today.",
    period_unit: "Period",
    margin: "Margin per customer per period",
    margin_help: "Revenue minus direct costs, per active customer, for one period.",
    retention: "Retention per period (%)",
    retention_help: "Share of customers active in one period who are still active in the next.",
    annual_discount: "Annual discount rate (%)",
    annual_discount_help: "Your cost of capital; converted to the period by compounding.",
    include_first: "Count the first payment (customer not yet acquired)",
    include_first_help: "Tick for a new customer about to pay; untick for an existing customer who has just paid.",
    horizon: "Chart horizon (periods)",
    reset: "Reset to defaults",
    result_clv: "Customer lifetime value",
    result_clv_horizon: "Value over the chart horizon",
    result_lifetime: "Expected lifetime",
    reading: "Reading",
    how_computed: "How is this computed?",
    see_detail: "See the detail",
    formula: "Formula",
    inputs: "Inputs",
    source: "Source",
    source_text: "Fader & Hardie (2012), “Reconciling and clarifying CLV formulas”; margin multiple of Gupta & Lehmann (2005), Managing Customers as Investments.",
    caveats: "Caveats",
    caveats_text: "Assumes the same retention every period; real retention often rises with tenure, which this formula understates. Margin is constant and paid at the start of each period.",
    discount_per_period: "Discount rate per period",
    chart_title: "Cumulative discounted value of one customer",
    chart_x: "Period",
    chart_y: "Cumulative value",
    chart_asymptote: "Lifetime value (infinite horizon)",
    show_table: "Show data table",
    hide_table: "Hide data table",
    download_png: "Download PNG",
    download_svg: "Download SVG",
    col_period: "Period",
    col_cumulative: "Cumulative discounted value",
    not_a_number: "is not a number",
    invalid_inputs: "Fix the highlighted input to see the result.",
    nav_label: "Pages",
    nav_data: "Data",
    colon: ": ",
    per_unit: "{what} per {unit}",
    percent_per_year: "% per year",
    clv_reading: "One customer is worth {value} today, {multiple} times one period's margin; they stay {lifetime} {units} on average.",
    data: &data::EN,
    overview: &overview::EN,
    assumptions: &assumptions::EN,
    value: &value::EN,
    churn: &churn::EN,
    voice: &voice::EN,
    drivers: &drivers::EN,
    business: &business::EN,
    maturity: &maturity::EN,
    share: &share::EN,
};

pub static FR: Strings = Strings {
    locale: Locale::Fr,
    unit_plurals: ["jours", "semaines", "mois", "trimestres", "années"],
    unit_names: ["Jour", "Semaine", "Mois", "Trimestre", "Année"],
    month_one: "{n}\u{a0}mois",
    months_n: "{n}\u{a0}mois",
    err_margin: "La marge doit être un nombre.",
    err_retention: "La rétention doit être comprise entre 0 % et moins de 100 % : saisi {value} %.",
    err_churn: "L'attrition doit être supérieure à 0 % et au plus 100 % : saisi {value} %.",
    err_discount: "Le taux d'actualisation doit être supérieur à -100 % et à la rétention moins 100 %.",
    err_horizon: "L'horizon est trop long : {n}.",
    app_title: "CX Impact",
    tagline: "Ce que vaut l'expérience client, chiffré",
    language: "Langue",
    currency: "Devise",
    privacy_note: "Tout est calculé dans votre navigateur : aucune donnée ne quitte cette page.",
    clv_heading: "Valeur vie client",
    clv_intro: "La valeur d'un client est la marge qu'il apporte à chaque période, tant qu'il reste, actualisée à aujourd'hui.",
    period_unit: "Période",
    margin: "Marge par client et par période",
    margin_help: "Chiffre d'affaires moins coûts directs, par client actif, pour une période.",
    retention: "Rétention par période (%)",
    retention_help: "Part des clients actifs sur une période qui le sont encore à la suivante.",
    annual_discount: "Taux d'actualisation annuel (%)",
    annual_discount_help: "Votre coût du capital ; converti à la période par capitalisation.",
    include_first: "Compter le premier paiement (client pas encore acquis)",
    include_first_help: "Cochez pour un nouveau client sur le point de payer ; décochez pour un client existant qui vient de payer.",
    horizon: "Horizon du graphique (périodes)",
    reset: "Revenir aux valeurs par défaut",
    result_clv: "Valeur vie client",
    result_clv_horizon: "Valeur sur l'horizon du graphique",
    result_lifetime: "Durée de vie attendue",
    reading: "Lecture",
    how_computed: "Comment est-ce calculé ?",
    see_detail: "Voir le détail",
    formula: "Formule",
    inputs: "Données",
    source: "Source",
    source_text: "Fader & Hardie (2012), « Reconciling and clarifying CLV formulas » ; multiple de marge de Gupta & Lehmann (2005), Managing Customers as Investments.",
    caveats: "Limites",
    caveats_text: "Suppose la même rétention à chaque période ; en réalité elle augmente souvent avec l'ancienneté, ce que cette formule sous-estime. Marge constante, perçue en début de période.",
    discount_per_period: "Taux d'actualisation par période",
    chart_title: "Valeur actualisée cumulée d'un client",
    chart_x: "Période",
    chart_y: "Valeur cumulée",
    chart_asymptote: "Valeur vie client (horizon infini)",
    show_table: "Afficher le tableau de données",
    hide_table: "Masquer le tableau de données",
    download_png: "Télécharger en PNG",
    download_svg: "Télécharger en SVG",
    col_period: "Période",
    col_cumulative: "Valeur actualisée cumulée",
    not_a_number: "n'est pas un nombre",
    invalid_inputs: "Corrigez la saisie signalée pour voir le résultat.",
    nav_label: "Pages",
    nav_data: "Données",
    colon: " : ",
    per_unit: "{what} par {unit}",
    percent_per_year: "% par an",
    clv_reading: "Un client vaut aujourd'hui {value}, soit {multiple} fois sa marge d'une période ; il reste en moyenne {lifetime} {units}.",
    data: &data::FR,
    overview: &overview::FR,
    assumptions: &assumptions::FR,
    value: &value::FR,
    churn: &churn::FR,
    voice: &voice::FR,
    drivers: &drivers::FR,
    business: &business::FR,
    maturity: &maturity::FR,
    share: &share::FR,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_french_for_any_fr_tag() {
        assert_eq!(Locale::from_language_tag("fr"), Locale::Fr);
        assert_eq!(Locale::from_language_tag("fr-CA"), Locale::Fr);
        assert_eq!(Locale::from_language_tag("FR_be"), Locale::Fr);
        assert_eq!(Locale::from_language_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_language_tag("de-DE"), Locale::En);
        assert_eq!(Locale::from_language_tag(""), Locale::En);
    }

    #[test]
    fn error_messages_are_localised() {
        let e = ClvError::RetentionOutOfRange(1.2);
        assert_eq!(
            EN.clv_error(&e),
            "Retention must be at least 0 % and below 100 %: got 120 %."
        );
        assert!(FR.clv_error(&e).contains("saisi 120 %"));
        assert!(FR
            .clv_error(&ClvError::RetentionOutOfRange(1.055))
            .contains("105,5 %"));
        assert_eq!(EN.unit_plural(PeriodUnit::Month), "months");
        assert_eq!(FR.unit_plural(PeriodUnit::Month), "mois");
    }

    #[test]
    fn templates_fill_every_placeholder_in_both_languages() {
        for t in [&EN, &FR] {
            let s = fill(
                t.clv_reading,
                &[
                    ("value", "V"),
                    ("multiple", "M"),
                    ("lifetime", "L"),
                    ("units", "U"),
                ],
            );
            assert!(!s.contains('{') && !s.contains('}'), "{s}");
            for part in ["V", "M", "L", "U"] {
                assert!(s.contains(part), "{s}");
            }
        }
    }

    /// Every template of every table has the same placeholders in French as
    /// in English (walked through the tables' serde form, so a new field is
    /// covered without being listed here), and no placeholder is misspelt
    /// with a space or an accent that `fill` would leave as text.
    #[test]
    fn every_template_has_the_same_placeholders_in_both_languages() {
        fn walk(path: &str, en: &serde_json::Value, fr: &serde_json::Value, n: &mut usize) {
            use serde_json::Value;
            match (en, fr) {
                (Value::Object(a), Value::Object(b)) => {
                    assert_eq!(a.len(), b.len(), "{path}: fields differ");
                    for (k, v) in a {
                        walk(&format!("{path}.{k}"), v, &b[k], n);
                    }
                }
                (Value::Array(a), Value::Array(b)) => {
                    assert_eq!(a.len(), b.len(), "{path}: lengths differ");
                    for (i, (x, y)) in a.iter().zip(b).enumerate() {
                        walk(&format!("{path}[{i}]"), x, y, n);
                    }
                }
                (Value::String(a), Value::String(b)) => {
                    let mut pa = template::placeholders(a);
                    let mut pb = template::placeholders(b);
                    pa.sort_unstable();
                    pb.sort_unstable();
                    pa.dedup();
                    pb.dedup();
                    assert_eq!(pa, pb, "{path}: {a:?} / {b:?}");
                    for t in [a, b] {
                        // `{ n}` or `{durée}` would stay as text: braces around
                        // words must be placeholders (formulas' `Λ^{1/2}` are fine).
                        for inner in t.split('{').skip(1).filter_map(|x| x.split_once('}')) {
                            let inner = inner.0;
                            let wordy = !inner.trim().is_empty()
                                && inner
                                    .chars()
                                    .all(|c| c.is_alphabetic() || c == '_' || c == ' ');
                            assert!(
                                !wordy
                                    || template::placeholders(&format!("{{{inner}}}")).len() == 1,
                                "{path}: {{{inner}}} is not a placeholder in {t:?}"
                            );
                        }
                    }
                    *n += usize::from(!pa.is_empty());
                }
                (a, b) => assert_eq!(a.is_string(), b.is_string(), "{path}: {a} / {b}"),
            }
        }
        let en = serde_json::to_value(&EN).unwrap();
        let fr = serde_json::to_value(&FR).unwrap();
        let mut templates = 0;
        walk("strings", &en, &fr, &mut templates);
        // The walk reached the page tables (a regression guard on the walk itself).
        assert!(templates > 100, "{templates} templates");
    }
}
