//! Text of the Churn & acquisition page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct ChurnStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
}

pub const EN: ChurnStrings = ChurnStrings {
    nav: "Churn & acquisition",
    heading: "Churn and acquisition",
    intro: "What losing customers costs, what winning them costs, and how long a new customer takes to pay back.",
};

pub const FR: ChurnStrings = ChurnStrings {
    nav: "Attrition & acquisition",
    heading: "Attrition et acquisition",
    intro: "Ce que coûte la perte de clients, ce que coûte leur conquête, et en combien de temps un nouveau client est rentabilisé.",
};
