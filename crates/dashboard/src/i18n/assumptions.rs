//! Text of the Assumptions page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AssumptionsStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    /// Help under each input, with `{default}` and `{source}`.
    pub default_and_source: &'static str,
}

pub const EN: AssumptionsStrings = AssumptionsStrings {
    nav: "Assumptions",
    heading: "Assumptions",
    intro: "Every assumption of the scenario, with its unit, its default and where the default comes from. Changes apply to every page at once.",
    default_and_source: "Default: {default}. {source}",
};

pub const FR: AssumptionsStrings = AssumptionsStrings {
    nav: "Hypothèses",
    heading: "Hypothèses",
    intro: "Toutes les hypothèses du scénario, avec leur unité, leur valeur par défaut et d'où elle vient. Chaque modification s'applique à toutes les pages.",
    default_and_source: "Par défaut : {default}. {source}",
};
