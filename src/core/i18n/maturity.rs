//! Text of the Maturity page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct MaturityStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: MaturityStrings = MaturityStrings {
    nav: "Maturity",
    heading: "CX maturity self-assessment",
    intro: "Rate your organisation on each dimension; the radar shows where to act first.",
};

pub const FR: MaturityStrings = MaturityStrings {
    nav: "Maturité",
    heading: "Auto-évaluation de maturité CX",
    intro: "Évaluez votre organisation sur chaque dimension ; le radar montre où agir en premier.",
};
