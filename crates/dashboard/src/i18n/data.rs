//! Text of the Data page. The parser's own messages (errors, warnings,
//! field names) are localised next to them, in
//! [`messages`](super::messages).

use chrono::{Datelike, NaiveDate};

use super::messages;
use cxi_parse::column_letter;
use cxi_parse::Delimiter;
use cxi_parse::Field;
use cxi_parse::Shape;
use cxi_types::Locale;

/// Labels and sentence templates of the Data page. Templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct DataStrings {
    pub locale: Locale,
    pub heading: &'static str,
    pub intro: &'static str,
    pub paste_label: &'static str,
    pub paste_help: &'static str,
    pub paste_button: &'static str,
    pub drop_title: &'static str,
    pub drop_help: &'static str,
    pub file_button: &'static str,
    pub samples_label: &'static str,
    pub sample_subscription: &'static str,
    pub sample_retail: &'static str,
    /// The linked sample's button, and its two tables' names.
    pub sample_linked: &'static str,
    pub sample_linked_orders: &'static str,
    pub sample_linked_survey: &'static str,
    /// Source name of a paste.
    pub pasted: &'static str,
    /// Template with `{name}`: source name of a sample.
    pub sample_source: &'static str,
    pub stage_read: &'static str,
    pub stage_parse: &'static str,
    pub stage_guess: &'static str,
    pub stage_validate: &'static str,
    pub stage_report: &'static str,
    /// The table is ready; the models are still being fitted to it.
    pub fitting: &'static str,
    /// Template with `{name}`.
    pub loading: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    /// Template with `{reason}`: nothing was loaded before.
    pub unusable: &'static str,
    /// Template with `{reason}` and `{name}` (what stays in use).
    pub unusable_kept: &'static str,
    /// Template with `{reason}`.
    pub worker_failed: &'static str,
    /// Template with `{size}` and `{max}` in MB.
    pub too_large: &'static str,
    pub nothing_loaded: &'static str,
    /// Template with `{list}`: the tables in use, each an `in_use_item`.
    pub in_use: &'static str,
    /// Template with `{name}`, `{rows}`.
    pub in_use_item: &'static str,
    /// Heading of the list of tables.
    pub tables_heading: &'static str,
    /// Counts of a table's digest, each with `{n}`.
    pub purchases: (&'static str, &'static str),
    pub customers: (&'static str, &'static str),
    pub answers: (&'static str, &'static str),
    pub cohorts: (&'static str, &'static str),
    /// Template with `{purchases}` and `{customers}`.
    pub purchases_of: &'static str,
    /// Template with `{pages}`: the pages a table gives evidence to.
    pub used_by: &'static str,
    pub used_by_none: &'static str,
    /// Template with `{name}`: a survey without ids beside an order log.
    pub no_customer_id: &'static str,
    /// Template with `{pages}` and `{name}`: a second table of one kind.
    pub second_table: &'static str,
    /// A customer table whose churn flags or support contacts join the
    /// survey: `{what}` which of them (`crm_flags`, `crm_contacts`, joined
    /// by `crm_and`), `{answers}` the survey's name, `{page}` the NPS
    /// page's.
    pub joined_crm: &'static str,
    pub crm_flags: &'static str,
    pub crm_contacts: &'static str,
    pub crm_and: &'static str,
    /// A table known by its summary only (opened from a link or a file).
    pub summary_only: &'static str,
    pub table_loading: &'static str,
    pub table_not_ready: &'static str,
    pub show_table: &'static str,
    pub replace_table: &'static str,
    pub remove_table: &'static str,
    /// Template with `{name}`: the next load replaces that table.
    pub replacing_note: &'static str,
    pub add_instead: &'static str,
    /// Above the input area: what a load does.
    pub add_note: &'static str,
    /// Template with `{name}`: a new table is not usable yet.
    pub kept_note: &'static str,
    /// Template with `{name}`.
    pub back_to: &'static str,
    /// Template with `{rows}`, `{columns}`, `{delimiter}`.
    pub table_info: &'static str,
    pub shape_label: &'static str,
    /// The sheet selector of a workbook.
    pub sheet_label: &'static str,
    /// Template with `{shape}`, `{confidence}`.
    pub shape_detected: &'static str,
    pub columns_heading: &'static str,
    pub columns_help: &'static str,
    pub role_ignore: &'static str,
    pub role_attribute: &'static str,
    /// Template with `{n}`.
    pub role_period: &'static str,
    pub reading_heading: &'static str,
    pub dates_label: &'static str,
    pub dates_auto: &'static str,
    pub dates_day_first: &'static str,
    pub dates_month_first: &'static str,
    pub decimal_label: &'static str,
    pub decimal_auto: &'static str,
    pub decimal_comma: &'static str,
    pub decimal_point: &'static str,
    /// Template with `{example}`, `{column}`.
    pub date_question: &'static str,
    /// Template with `{date}`.
    pub day_first_answer: &'static str,
    /// Template with `{date}`.
    pub month_first_answer: &'static str,
    /// `{n}` row(s) ready: singular and plural.
    pub rows_ready: (&'static str, &'static str),
    pub rows_with_problems: (&'static str, &'static str),
    pub rows_excluded: (&'static str, &'static str),
    pub notes_heading: &'static str,
    pub problems_heading: &'static str,
    /// Template with `{n}`.
    pub problems_more: &'static str,
    pub new_value: &'static str,
    pub fix: &'static str,
    /// Template with `{row}`.
    pub exclude_row: &'static str,
    /// Template with `{n}`.
    pub exclude_all: &'static str,
    /// Template with `{n}`.
    pub restore_all: &'static str,
    pub preview_heading: &'static str,
    pub preview_row: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

impl DataStrings {
    fn fr(&self) -> bool {
        self.locale == Locale::Fr
    }

    /// Singular or plural template for `n` (French: 0 and 1 are singular).
    pub fn count(&self, forms: (&'static str, &'static str), n: usize) -> &'static str {
        let one = if self.fr() { n <= 1 } else { n == 1 };
        if one {
            forms.0
        } else {
            forms.1
        }
    }

    /// A share as a whole percentage: `92 %` (French, no-break space), `92%`.
    pub fn percent(&self, share: f64) -> String {
        let p = if share.is_finite() {
            (share * 100.0).round().clamp(-1e9, 1e9) as i64
        } else {
            0
        };
        if self.fr() {
            format!("{p}\u{a0}%")
        } else {
            format!("{p}%")
        }
    }

    pub fn shape_name(&self, s: Shape) -> &'static str {
        match (s, self.fr()) {
            (Shape::Transactions, false) => "Transaction log (one row per purchase)",
            (Shape::Customers, false) => "Customer table (one row per customer)",
            (Shape::Survey, false) => "Survey answers (one row per answer)",
            (Shape::Rfm, false) => "RFM summary (frequency, recency, T)",
            (Shape::Cohort, false) => "Cohort survival table",
            (Shape::Transactions, true) => "Journal des achats (une ligne par achat)",
            (Shape::Customers, true) => "Fichier clients (une ligne par client)",
            (Shape::Survey, true) => "Réponses d'enquête (une ligne par réponse)",
            (Shape::Rfm, true) => "Synthèse RFM (fréquence, récence, T)",
            (Shape::Cohort, true) => "Table de survie par cohorte",
        }
    }

    /// A field's name for the column selects: the parser's own name (the
    /// one its messages use), capitalised.
    pub fn field_name(&self, f: Field) -> String {
        capitalise(messages::field_name(f, self.locale))
    }

    pub fn delimiter_name(&self, d: Option<Delimiter>) -> &'static str {
        match (d, self.fr()) {
            (Some(Delimiter::Tab), false) => "tabs",
            (Some(Delimiter::Semicolon), false) => "semicolons",
            (Some(Delimiter::Comma), false) => "commas",
            (Some(Delimiter::Pipe), false) => "pipes (|)",
            (None, false) => "nothing (one column)",
            (Some(Delimiter::Tab), true) => "tabulations",
            (Some(Delimiter::Semicolon), true) => "points-virgules",
            (Some(Delimiter::Comma), true) => "virgules",
            (Some(Delimiter::Pipe), true) => "barres (|)",
            (None, true) => "rien (une seule colonne)",
        }
    }

    /// `3 April 2024` / `3 avril 2024`; `April 3, 2024` for month-first in English.
    pub fn date_long(&self, d: NaiveDate, day_first: bool) -> String {
        use cxi_types::MONTHS_EN as EN;
        use cxi_types::MONTHS_FR as FR;
        let m = d.month0() as usize;
        if self.fr() {
            let day = if d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!("{day} {} {}", FR[m], d.year())
        } else if day_first {
            format!("{} {} {}", d.day(), EN[m], d.year())
        } else {
            format!("{} {}, {}", EN[m], d.day(), d.year())
        }
    }

    /// Header of column `col` for messages, `column C` / `colonne C` when empty.
    pub fn column_label(&self, header: &str, col: usize) -> String {
        if header.trim().is_empty() {
            let word = if self.fr() { "colonne" } else { "column" };
            format!("{word} {}", column_letter(col))
        } else {
            header.to_string()
        }
    }

    fn quoted(&self, text: &str) -> String {
        if self.fr() {
            format!("« {text} »")
        } else {
            format!("\"{text}\"")
        }
    }

    /// The day/month question for a column.
    pub fn date_question_text(&self, column: &str, example: &str) -> String {
        super::template::fill(
            self.date_question,
            &[
                ("example", &self.quoted(example)),
                ("column", &self.quoted(column)),
            ],
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub static EN: DataStrings = DataStrings {
    locale: Locale::En,
    heading: "Your data",
    intro: "Paste cells from a spreadsheet, drop a file or choose one. Everything is read in this browser; nothing is sent anywhere.",
    paste_label: "Paste cells from a spreadsheet",
    paste_help: "Copy a range in Excel, LibreOffice or Google Sheets, header row included, and paste it here (Ctrl+V): it is read at once.",
    paste_button: "Read the text above",
    drop_title: "Drop a file here",
    drop_help: ".csv, .tsv, .txt, .xlsx, .xls or .ods; a million rows is fine.",
    file_button: "Choose a file…",
    samples_label: "No data at hand? Try a sample:",
    sample_subscription: "Subscription business (customers)",
    sample_retail: "Retailer (purchases)",
    sample_linked: "Shop: orders + survey, linked",
    sample_linked_orders: "Shop (orders)",
    sample_linked_survey: "Shop (survey answers)",
    pasted: "Pasted cells",
    sample_source: "Sample: {name}",
    stage_read: "Reading the file",
    stage_parse: "Splitting into cells",
    stage_guess: "Recognising the columns",
    stage_validate: "Checking every cell",
    stage_report: "Summarising",
    fitting: "The table is ready. Fitting the models to it (customer value, churn, NPS); the dashboard will use it in a moment.",
    loading: "Loading {name}",
    cancel: "Cancel",
    cancelled: "Loading cancelled; nothing was changed.",
    unusable: "This cannot be used: {reason}.",
    unusable_kept: "This cannot be used: {reason}. The data already loaded ({name}) is kept.",
    worker_failed: "Reading stopped ({reason}); nothing was changed.",
    too_large: "the file is {size} MB; a browser tab can read at most {max} MB: export fewer rows, or the RFM summary (see the documentation)",
    nothing_loaded: "No data loaded yet.",
    in_use: "In use: {list}",
    in_use_item: "{name}, {rows} rows",
    tables_heading: "Tables loaded",
    purchases: ("{n} purchase", "{n} purchases"),
    customers: ("{n} customer", "{n} customers"),
    answers: ("{n} answer", "{n} answers"),
    cohorts: ("{n} cohort", "{n} cohorts"),
    purchases_of: "{purchases} of {customers}",
    used_by: "Used by: {pages}",
    used_by_none: "No page uses it yet.",
    no_customer_id: "{name} has no customer id column: its answers count for the NPS, but cannot be joined to the orders. Map its id column to join them.",
    second_table: "Not used for {pages}: the pages use {name}, loaded first. Remove one of the two to choose.",
    joined_crm: "Its {what} are joined to {answers} by customer id: per NPS group on the {page} page.",
    crm_flags: "churn flags",
    crm_contacts: "support contacts",
    crm_and: " and ",
    summary_only: "Summary only: its rows are not in this browser (opened from a link, a file or an earlier visit). Load the file again to edit it.",
    table_loading: "Loading…",
    table_not_ready: "Not ready: see its problems below.",
    show_table: "Show",
    replace_table: "Replace",
    remove_table: "Remove",
    replacing_note: "The next table you paste, drop, choose or pick replaces {name}.",
    add_instead: "Add a new table instead",
    add_note: "Each table you load is added to the ones above: orders, survey answers and customer records can be used together.",
    kept_note: "{name} stays in use until this table can be read.",
    back_to: "Back to {name}",
    table_info: "{rows} rows × {columns} columns, separated by {delimiter}.",
    shape_label: "Kind of data",
    sheet_label: "Sheet",
    shape_detected: "Recognised as {shape} ({confidence} sure). Change it if it is wrong.",
    columns_heading: "What each column holds",
    columns_help: "Guessed from the headers; change any that is wrong.",
    role_ignore: "(not used)",
    role_attribute: "Attribute rating",
    role_period: "Period {n}",
    reading_heading: "How to read",
    dates_label: "Dates",
    dates_auto: "Detect from the column",
    dates_day_first: "Day first (31/12/2024)",
    dates_month_first: "Month first (12/31/2024)",
    decimal_label: "Decimal separator",
    decimal_auto: "Detect per column",
    decimal_comma: "Comma (1 234,56)",
    decimal_point: "Point (1,234.56)",
    date_question: "Dates such as {example} in column {column} can be read two ways, and no date in the file tells which:",
    day_first_answer: "Day first: {date}",
    month_first_answer: "Month first: {date}",
    rows_ready: ("{n} row ready", "{n} rows ready"),
    rows_with_problems: ("{n} with a problem", "{n} with problems"),
    rows_excluded: ("{n} excluded", "{n} excluded"),
    notes_heading: "Notes",
    problems_heading: "Problems to fix",
    problems_more: "{n} more problems are not listed: fix the ones above, or exclude every row with a problem.",
    new_value: "New value",
    fix: "Fix",
    exclude_row: "Exclude row {row}",
    exclude_all: "Exclude the rows with problems ({n})",
    restore_all: "Put back the excluded rows ({n})",
    preview_heading: "First rows, as read",
    preview_row: "Row",
    yes: "yes",
    no: "no",
};

pub static FR: DataStrings = DataStrings {
    locale: Locale::Fr,
    heading: "Vos données",
    intro: "Collez des cellules d'un tableur, déposez un fichier ou choisissez-en un. Tout est lu dans ce navigateur ; rien n'est envoyé.",
    paste_label: "Collez des cellules d'un tableur",
    paste_help: "Copiez une plage dans Excel, LibreOffice ou Google Sheets, ligne d'en-tête comprise, et collez-la ici (Ctrl+V) : elle est lue aussitôt.",
    paste_button: "Lire le texte ci-dessus",
    drop_title: "Déposez un fichier ici",
    drop_help: ".csv, .tsv, .txt, .xlsx, .xls ou .ods ; un million de lignes passe sans peine.",
    file_button: "Choisir un fichier…",
    samples_label: "Pas de données sous la main ? Essayez un exemple :",
    sample_subscription: "Entreprise d'abonnement (clients)",
    sample_retail: "Commerçant (achats)",
    sample_linked: "Boutique : commandes + enquête, reliées",
    sample_linked_orders: "Boutique (commandes)",
    sample_linked_survey: "Boutique (réponses d'enquête)",
    pasted: "Cellules collées",
    sample_source: "Exemple : {name}",
    stage_read: "Lecture du fichier",
    stage_parse: "Découpage en cellules",
    stage_guess: "Reconnaissance des colonnes",
    stage_validate: "Vérification de chaque cellule",
    stage_report: "Synthèse",
    fitting: "Le tableau est prêt. Ajustement des modèles (valeur client, attrition, NPS) ; le tableau de bord l'utilisera dans un instant.",
    loading: "Chargement de {name}",
    cancel: "Annuler",
    cancelled: "Chargement annulé ; rien n'a changé.",
    unusable: "Inutilisable : {reason}.",
    unusable_kept: "Inutilisable : {reason}. Les données déjà chargées ({name}) sont conservées.",
    worker_failed: "La lecture s'est arrêtée ({reason}) ; rien n'a changé.",
    too_large: "le fichier fait {size} Mo ; un onglet de navigateur peut lire au plus {max} Mo : exportez moins de lignes, ou la synthèse RFM (voir la documentation)",
    nothing_loaded: "Aucune donnée chargée pour l'instant.",
    in_use: "En service : {list}",
    in_use_item: "{name}, {rows} lignes",
    tables_heading: "Tableaux chargés",
    purchases: ("{n} achat", "{n} achats"),
    customers: ("{n} client", "{n} clients"),
    answers: ("{n} réponse", "{n} réponses"),
    cohorts: ("{n} cohorte", "{n} cohortes"),
    purchases_of: "{purchases} de {customers}",
    used_by: "Sert à : {pages}",
    used_by_none: "Aucune page ne s'en sert pour l'instant.",
    no_customer_id: "{name} n'a pas de colonne d'identifiant client : ses réponses comptent pour le NPS, mais ne peuvent pas être reliées aux commandes. Indiquez sa colonne d'identifiant pour les relier.",
    second_table: "Ne sert pas pour {pages} : les pages utilisent {name}, chargé en premier. Retirez l'un des deux pour choisir.",
    joined_crm: "Ses {what} sont rapprochés de {answers} par identifiant client : par groupe NPS sur la page {page}.",
    crm_flags: "indicateurs d'attrition",
    crm_contacts: "contacts au support",
    crm_and: " et ",
    summary_only: "Résumé seulement : ses lignes ne sont pas dans ce navigateur (ouvert depuis un lien, un fichier ou une visite précédente). Chargez de nouveau le fichier pour le modifier.",
    table_loading: "Chargement…",
    table_not_ready: "Pas prêt : voir ses problèmes ci-dessous.",
    show_table: "Afficher",
    replace_table: "Remplacer",
    remove_table: "Retirer",
    replacing_note: "Le prochain tableau collé, déposé, choisi ou pris parmi les exemples remplace {name}.",
    add_instead: "Ajouter plutôt un nouveau tableau",
    add_note: "Chaque tableau chargé s'ajoute à ceux ci-dessus : commandes, réponses d'enquête et fichier clients servent ensemble.",
    kept_note: "{name} reste en service tant que ce tableau n'est pas lisible.",
    back_to: "Revenir à {name}",
    table_info: "{rows} lignes × {columns} colonnes, séparées par des {delimiter}.",
    shape_label: "Type de données",
    sheet_label: "Feuille",
    shape_detected: "Reconnu comme {shape} (certitude {confidence}). Changez-le s'il est faux.",
    columns_heading: "Contenu de chaque colonne",
    columns_help: "Deviné d'après les en-têtes ; corrigez ce qui est faux.",
    role_ignore: "(non utilisée)",
    role_attribute: "Note d'attribut",
    role_period: "Période {n}",
    reading_heading: "Lecture",
    dates_label: "Dates",
    dates_auto: "Détecter d'après la colonne",
    dates_day_first: "Jour d'abord (31/12/2024)",
    dates_month_first: "Mois d'abord (12/31/2024)",
    decimal_label: "Séparateur décimal",
    decimal_auto: "Détecter par colonne",
    decimal_comma: "Virgule (1 234,56)",
    decimal_point: "Point (1,234.56)",
    date_question: "Les dates comme {example} de la colonne {column} se lisent de deux façons, et aucune date du fichier ne permet de trancher :",
    day_first_answer: "Jour d'abord : {date}",
    month_first_answer: "Mois d'abord : {date}",
    rows_ready: ("{n} ligne prête", "{n} lignes prêtes"),
    rows_with_problems: ("{n} avec un problème", "{n} avec des problèmes"),
    rows_excluded: ("{n} exclue", "{n} exclues"),
    notes_heading: "Remarques",
    problems_heading: "Problèmes à corriger",
    problems_more: "{n} autres problèmes ne sont pas listés : corrigez ceux ci-dessus, ou excluez toutes les lignes à problème.",
    new_value: "Nouvelle valeur",
    fix: "Corriger",
    exclude_row: "Exclure la ligne {row}",
    exclude_all: "Exclure les lignes à problème ({n})",
    restore_all: "Réintégrer les lignes exclues ({n})",
    preview_heading: "Premières lignes, telles que lues",
    preview_row: "Ligne",
    yes: "oui",
    no: "non",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 3).unwrap();
        assert_eq!(EN.date_long(d, true), "3 April 2024");
        assert_eq!(EN.date_long(d, false), "April 3, 2024");
        assert_eq!(FR.date_long(d, true), "3 avril 2024");
        let first = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(FR.date_long(first, true), "1er mars 2024");
    }

    #[test]
    fn plural_forms() {
        assert_eq!(EN.count(EN.rows_ready, 1), "{n} row ready");
        assert_eq!(EN.count(EN.rows_ready, 0), "{n} rows ready");
        assert_eq!(FR.count(FR.rows_ready, 0), "{n} ligne prête");
        assert_eq!(FR.count(FR.rows_ready, 2), "{n} lignes prêtes");
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(FR.field_name(Field::CustomerId), "Identifiant client");
        assert_eq!(EN.field_name(Field::Amount), "Amount");
        assert_eq!(FR.percent(0.923), "92\u{a0}%");
        assert_eq!(EN.percent(1.0), "100%");
        assert_eq!(FR.column_label("", 2), "colonne C");
        assert_eq!(EN.column_label("Montant", 2), "Montant");
        assert_eq!(
            FR.delimiter_name(Some(Delimiter::Semicolon)),
            "points-virgules"
        );
    }
}
