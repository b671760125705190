//! Text of the Maturity page, one table per language.

/// Labels and sentence templates of the page; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct MaturityStrings {
    /// Link text in the page navigation.
    pub nav: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub questionnaire: &'static str,
    /// `{answered}`, `{total}`.
    pub progress: &'static str,
    pub not_answered: &'static str,
    pub complete_first: &'static str,
    pub reset: &'static str,
    pub results: &'static str,
    /// `{stage}`, `{number}`, `{score}`.
    pub overall: &'static str,
    pub radar_title: &'static str,
    /// `{list}` of "pillar score".
    pub radar_alt: &'static str,
    pub pillar: &'static str,
    pub score: &'static str,
    pub stage: &'static str,
    pub recommendations: &'static str,
    /// `{pillar}`, `{stage}`.
    pub weakest: &'static str,
    /// Statements of a link that this version does not know: `{n}`.
    pub ignored: &'static str,
    pub how_formula: &'static str,
    pub how_source: &'static str,
    pub how_caveats: &'static str,
    pub card_title: &'static str,
    /// `{pillar}`.
    pub card_reading: &'static str,
}

pub const EN: MaturityStrings = MaturityStrings {
    nav: "Maturity",
    heading: "CX maturity self-assessment",
    intro: "Rate your organisation on each dimension; the radar shows where to act first.",
    questionnaire: "Questionnaire",
    progress: "{answered} of {total} statements answered.",
    not_answered: "Not answered",
    complete_first: "Answer every statement to see the radar and the recommendations.",
    reset: "Clear the answers",
    results: "Results",
    overall: "Overall stage: {stage} ({number} of 5), score {score} out of 100.",
    radar_title: "Maturity by dimension (0–100)",
    radar_alt: "Scores out of 100: {list}.",
    pillar: "Dimension",
    score: "Score (0–100)",
    stage: "Stage",
    recommendations: "Recommendations",
    weakest: "{pillar} is the weakest dimension (stage: {stage}). Next steps:",
    ignored: "{n} answers from the link name statements this questionnaire does not have; they are ignored.",
    how_formula: "Dimension score = 100 × (mean answer − 1)/4; a dimension reaches stage k when every statement of stages 1 to k is agreed (4 or 5); the overall stage is the lowest dimension's",
    how_source: "Five-stage CX maturity model (awareness, learning, engagement, acceleration, excellence) over three pillars; questionnaire in data/maturity.json.",
    how_caveats: "A self-assessment: it says where the team thinks it stands, not an audit.",
    card_title: "CX maturity",
    card_reading: "Act first on {pillar}.",
};

pub const FR: MaturityStrings = MaturityStrings {
    nav: "Maturité",
    heading: "Auto-évaluation de maturité CX",
    intro: "Évaluez votre organisation sur chaque dimension ; le radar montre où agir en premier.",
    questionnaire: "Questionnaire",
    progress: "{answered} affirmations sur {total} renseignées.",
    not_answered: "Sans réponse",
    complete_first: "Répondez à toutes les affirmations pour voir le radar et les recommandations.",
    reset: "Effacer les réponses",
    results: "Résultats",
    overall: "Stade global : {stage} ({number} sur 5), score {score} sur 100.",
    radar_title: "Maturité par dimension (0–100)",
    radar_alt: "Scores sur 100 : {list}.",
    pillar: "Dimension",
    score: "Score (0–100)",
    stage: "Stade",
    recommendations: "Recommandations",
    weakest: "{pillar} est la dimension la plus faible (stade : {stage}). Prochaines étapes :",
    ignored: "{n} réponses du lien portent sur des affirmations absentes de ce questionnaire ; elles sont ignorées.",
    how_formula: "Score d'une dimension = 100 × (réponse moyenne − 1)/4 ; une dimension atteint le stade k quand toutes les affirmations des stades 1 à k sont approuvées (4 ou 5) ; le stade global est celui de la dimension la plus faible",
    how_source: "Modèle de maturité CX en cinq stades (prise de conscience, apprentissage, engagement, accélération, excellence) sur trois piliers ; questionnaire dans data/maturity.json.",
    how_caveats: "Une auto-évaluation : elle dit où l'équipe pense se situer, pas un audit.",
    card_title: "Maturité CX",
    card_reading: "Agir d'abord sur {pillar}.",
};
