//! Text of the NPS → revenue page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct VoiceStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: VoiceStrings = VoiceStrings {
    nav: "NPS → revenue",
    heading: "NPS, CSAT and CES linked to revenue",
    intro: "What promoters, passives and detractors are worth, and what moving customers between them would bring.",
};

pub const FR: VoiceStrings = VoiceStrings {
    nav: "NPS → CA",
    heading: "NPS, CSAT et CES reliés au chiffre d'affaires",
    intro: "Ce que valent promoteurs, passifs et détracteurs, et ce que rapporterait de faire passer des clients de l'un à l'autre.",
};
