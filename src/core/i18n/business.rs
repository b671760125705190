//! Text of the Business case page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct BusinessStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: BusinessStrings = BusinessStrings {
    nav: "Business case",
    heading: "Business case",
    intro: "The money case for a CX programme: cash flows, NPV, ROI and payback, with their uncertainty.",
};

pub const FR: BusinessStrings = BusinessStrings {
    nav: "Business case",
    heading: "Business case",
    intro: "Le dossier financier d'un programme CX : flux de trésorerie, VAN, ROI et délai de retour, avec leur incertitude.",
};
