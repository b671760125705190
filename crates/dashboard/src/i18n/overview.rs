//! Text of the Overview page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct OverviewStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: OverviewStrings = OverviewStrings {
    nav: "Overview",
    heading: "What customer experience is worth",
    intro: "The headline figures of your scenario, each with how it is computed. Open a card's page for the detail.",
};

pub const FR: OverviewStrings = OverviewStrings {
    nav: "Synthèse",
    heading: "Ce que vaut l'expérience client",
    intro: "Les chiffres clés de votre scénario, chacun avec son mode de calcul. Ouvrez la page d'une carte pour le détail.",
};
