//! Text of the Customer value page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
pub struct ValueStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    /// Labels of the closed-form assumptions on the Assumptions page (the
    /// unit is shown beside them).
    pub as_margin: &'static str,
    pub as_retention: &'static str,
    pub as_discount: &'static str,
    pub as_horizon: &'static str,
    /// Where each closed-form default comes from.
    pub margin_source: &'static str,
    pub retention_source: &'static str,
    pub discount_source: &'static str,
    pub horizon_source: &'static str,
}

pub const EN: ValueStrings = ValueStrings {
    nav: "Customer value",
    heading: "Customer value",
    intro: "What a customer is worth over their lifetime, from a simple formula or fitted to your data.",
    as_margin: "Margin per customer",
    as_retention: "Retention",
    as_discount: "Annual discount rate",
    as_horizon: "Chart horizon",
    margin_source: "Illustrative mid-market subscription; replace with your contribution margin (revenue minus variable cost to serve).",
    retention_source: "Illustrative: 95 % a month is about 54 % a year; replace with your measured retention or load data.",
    discount_source: "A typical cost of capital (WACC) of 8–12 %; ask your finance team for the company's rate.",
    horizon_source: "Three years, the horizon most business cases use.",
};

pub const FR: ValueStrings = ValueStrings {
    nav: "Valeur client",
    heading: "Valeur client",
    intro: "Ce que vaut un client sur toute sa durée de vie, par une formule simple ou ajustée à vos données.",
    as_margin: "Marge par client",
    as_retention: "Rétention",
    as_discount: "Taux d'actualisation annuel",
    as_horizon: "Horizon du graphique",
    margin_source: "Illustratif : abonnement milieu de marché ; remplacez par votre marge sur coûts variables (chiffre d'affaires moins coût variable de service).",
    retention_source: "Illustratif : 95 % par mois font environ 54 % par an ; remplacez par votre rétention mesurée ou chargez des données.",
    discount_source: "Un coût du capital (CMPC) usuel de 8 à 12 % ; demandez le taux de l'entreprise à votre direction financière.",
    horizon_source: "Trois ans, l'horizon de la plupart des business cases.",
};
