//! Text of the Drivers page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct DriversStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: DriversStrings = DriversStrings {
    nav: "Drivers",
    heading: "Drivers of satisfaction",
    intro: "Which parts of the experience move the score most, and where performance is weak on what matters.",
};

pub const FR: DriversStrings = DriversStrings {
    nav: "Leviers",
    heading: "Leviers de satisfaction",
    intro: "Quels aspects de l'expérience font le plus bouger la note, et où la performance est faible sur ce qui compte.",
};
