//! Text of the Data page, and the parser's errors in French and English.
//!
//! The parser's own `Display` messages are English; the UI shows these
//! instead. Each function matches every variant, so a new error kind in
//! `core::parse` is a compile error here until it is translated.

use chrono::{Datelike, NaiveDate};

use super::Locale;
use crate::core::parse::number::shown;
use crate::core::parse::{
    column_letter, CellError, CellProblem, DateErrorKind, Delimiter, Field, MappingError,
    NumberErrorKind, ParseError, Shape, TableWarning, ValidateError,
};

/// Labels and sentence templates of the Data page. Templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
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
    /// Source name of a paste.
    pub pasted: &'static str,
    /// Template with `{name}`: source name of a sample.
    pub sample_source: &'static str,
    pub stage_read: &'static str,
    pub stage_parse: &'static str,
    pub stage_guess: &'static str,
    pub stage_validate: &'static str,
    pub stage_report: &'static str,
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
    /// Template with `{name}`, `{rows}`.
    pub in_use: &'static str,
    /// Template with `{name}`: a new table is not usable yet.
    pub kept_note: &'static str,
    /// Template with `{name}`.
    pub back_to: &'static str,
    /// Template with `{rows}`, `{columns}`, `{delimiter}`.
    pub table_info: &'static str,
    pub shape_label: &'static str,
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

    /// Short shape name inside sentences.
    fn shape_short(&self, s: Shape) -> &'static str {
        match (s, self.fr()) {
            (Shape::Transactions, false) => "a transaction log",
            (Shape::Customers, false) => "a customer table",
            (Shape::Survey, false) => "survey answers",
            (Shape::Rfm, false) => "an RFM summary",
            (Shape::Cohort, false) => "a cohort survival table",
            (Shape::Transactions, true) => "un journal des achats",
            (Shape::Customers, true) => "un fichier clients",
            (Shape::Survey, true) => "des réponses d'enquête",
            (Shape::Rfm, true) => "une synthèse RFM",
            (Shape::Cohort, true) => "une table de survie par cohorte",
        }
    }

    pub fn field_name(&self, f: Field) -> &'static str {
        match (f, self.fr()) {
            (Field::CustomerId, false) => "Customer id",
            (Field::OrderDate, false) => "Order date",
            (Field::Amount, false) => "Amount",
            (Field::Channel, false) => "Channel",
            (Field::Segment, false) => "Segment",
            (Field::Revenue, false) => "Revenue per period",
            (Field::Margin, false) => "Margin per period",
            (Field::AcquisitionDate, false) => "Acquisition date",
            (Field::Churned, false) => "Churned (yes/no)",
            (Field::ChurnDate, false) => "Churn date",
            (Field::AcquisitionCost, false) => "Acquisition cost",
            (Field::Nps, false) => "NPS (0–10)",
            (Field::Csat, false) => "CSAT",
            (Field::Ces, false) => "CES",
            (Field::Frequency, false) => "Frequency",
            (Field::Recency, false) => "Recency",
            (Field::T, false) => "T (customer age)",
            (Field::MonetaryValue, false) => "Mean spend",
            (Field::Cohort, false) => "Cohort",
            (Field::CustomerId, true) => "Identifiant client",
            (Field::OrderDate, true) => "Date de commande",
            (Field::Amount, true) => "Montant",
            (Field::Channel, true) => "Canal",
            (Field::Segment, true) => "Segment",
            (Field::Revenue, true) => "Chiffre d'affaires par période",
            (Field::Margin, true) => "Marge par période",
            (Field::AcquisitionDate, true) => "Date d'acquisition",
            (Field::Churned, true) => "Parti (oui/non)",
            (Field::ChurnDate, true) => "Date de départ",
            (Field::AcquisitionCost, true) => "Coût d'acquisition",
            (Field::Nps, true) => "NPS (0–10)",
            (Field::Csat, true) => "CSAT",
            (Field::Ces, true) => "CES",
            (Field::Frequency, true) => "Fréquence",
            (Field::Recency, true) => "Récence",
            (Field::T, true) => "T (ancienneté)",
            (Field::MonetaryValue, true) => "Dépense moyenne",
            (Field::Cohort, true) => "Cohorte",
        }
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
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
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

    /// Why a paste or file cannot be used at all.
    pub fn parse_error(&self, e: &ParseError) -> String {
        let fr = self.fr();
        match e {
            ParseError::Empty if fr => "il n'y a rien à lire".into(),
            ParseError::Empty => "there is nothing to read".into(),
            ParseError::Binary { what } if fr => format!(
                "c'est {}, pas un tableau : collez des cellules d'un tableur ou choisissez un fichier .csv, .tsv ou .txt",
                binary_fr(what)
            ),
            ParseError::Binary { what } => format!(
                "this is {what}, not a table: paste cells from a spreadsheet or choose a .csv, .tsv or .txt file"
            ),
            ParseError::Spreadsheet if fr => "c'est un classeur (.xlsx, .xls ou .ods) : enregistrez la feuille au format CSV dans votre tableur, ou copiez ses cellules et collez-les ici".into(),
            ParseError::Spreadsheet => "this is a workbook (.xlsx, .xls or .ods): save the sheet as CSV from your spreadsheet, or copy its cells and paste them here".into(),
            ParseError::Workbook { message } if fr => {
                format!("le classeur n'a pas pu être lu ({message})")
            }
            ParseError::Workbook { message } => {
                format!("the workbook could not be read ({message})")
            }
            ParseError::TooLarge { bytes } if fr => format!(
                "le fichier fait {} Mo ; au plus 4 Go peuvent être lus",
                bytes / 1_000_000
            ),
            ParseError::TooLarge { bytes } => format!(
                "the file is {} MB; at most 4 GB can be read",
                bytes / 1_000_000
            ),
            ParseError::UnclosedQuote { row } if fr => format!(
                "ligne {row} : un guillemet (\") ouvre une cellule qui n'est jamais refermée"
            ),
            ParseError::UnclosedQuote { row } => {
                format!("row {row}: a quote (\") opens a cell that is never closed")
            }
            ParseError::HeaderOnly if fr => {
                "il y a une ligne d'en-tête mais aucune donnée dessous".into()
            }
            ParseError::HeaderOnly => "there is a header row but no data under it".into(),
        }
    }

    pub fn table_warning(&self, w: &TableWarning) -> String {
        let fr = self.fr();
        match w {
            TableWarning::SingleColumn if fr => "une seule colonne a été trouvée : s'il doit y en avoir plusieurs, séparez-les par des tabulations, « ; », « , » ou « | »".into(),
            TableWarning::SingleColumn => "only one column was found: if there should be several, separate them with tabs, \";\", \",\" or \"|\"".into(),
            TableWarning::Windows1252 if fr => "le fichier n'est pas en UTF-8 ; il a été lu en Windows-1252 (l'encodage d'Excel en France)".into(),
            TableWarning::Windows1252 => "the file is not UTF-8; it was read as Windows-1252 (what Excel writes in France)".into(),
            TableWarning::DuplicateHeader { name, columns } => {
                let list: Vec<String> = columns.iter().map(|c| column_letter(*c)).collect();
                if fr {
                    format!("l'en-tête {} apparaît dans plusieurs colonnes ({})", self.quoted(name), list.join(", "))
                } else {
                    format!("the header {} appears in several columns ({})", self.quoted(name), list.join(", "))
                }
            }
            TableWarning::EmptyHeader { column } if fr => {
                format!("la colonne {} n'a pas d'en-tête", column_letter(*column))
            }
            TableWarning::EmptyHeader { column } => {
                format!("column {} has no header", column_letter(*column))
            }
            TableWarning::ExtraCells { count, rows } => {
                let mut list: Vec<String> = rows.iter().map(u32::to_string).collect();
                if *count > rows.len() {
                    list.push("…".into());
                }
                if fr {
                    format!("{count} ligne(s) ont plus de cellules que l'en-tête (lignes {})", list.join(", "))
                } else {
                    format!("{count} row(s) have more cells than the header (rows {})", list.join(", "))
                }
            }
        }
    }

    /// A located cell problem: `row 17, column "montant": "12,3,4" is not a number`.
    pub fn cell_error(&self, e: &CellError) -> String {
        let column = self.quoted(&shown(&self.column_label(&e.column, e.col)));
        let problem = self.cell_problem(&e.problem);
        if self.fr() {
            format!("ligne {}, colonne {column} : {problem}", e.row)
        } else {
            format!("row {}, column {column}: {problem}", e.row)
        }
    }

    /// What is wrong with a cell, without its location.
    pub fn cell_problem(&self, p: &CellProblem) -> String {
        let fr = self.fr();
        match p {
            CellProblem::Number(e) => {
                let t = self.quoted(&e.text);
                match (&e.kind, fr) {
                    (NumberErrorKind::Empty, false) => "empty cell, expected a number".into(),
                    (NumberErrorKind::Empty, true) => "cellule vide, un nombre est attendu".into(),
                    (NumberErrorKind::NotANumber, false) => format!("{t} is not a number"),
                    (NumberErrorKind::NotANumber, true) => format!("{t} n'est pas un nombre"),
                    (NumberErrorKind::WrongDecimalSeparator(s), false) => format!(
                        "{t} is not a number in this column, which uses \"{}\" for decimals",
                        s.as_char()
                    ),
                    (NumberErrorKind::WrongDecimalSeparator(s), true) => format!(
                        "{t} n'est pas un nombre dans cette colonne, qui utilise « {} » pour les décimales",
                        s.as_char()
                    ),
                    (NumberErrorKind::OutOfRange, false) => format!("{t} is too large a number"),
                    (NumberErrorKind::OutOfRange, true) => format!("{t} est un nombre trop grand"),
                }
            }
            CellProblem::Date(e) => {
                let t = self.quoted(&e.text);
                match (&e.kind, fr) {
                    (DateErrorKind::Empty, false) => "empty cell, expected a date".into(),
                    (DateErrorKind::Empty, true) => "cellule vide, une date est attendue".into(),
                    (DateErrorKind::NotADate, false) => format!("{t} is not a date"),
                    (DateErrorKind::NotADate, true) => format!("{t} n'est pas une date"),
                    (DateErrorKind::NoSuchDay, false) => {
                        format!("{t} is not a day of the calendar")
                    }
                    (DateErrorKind::NoSuchDay, true) => {
                        format!("{t} n'est pas un jour du calendrier")
                    }
                    (
                        DateErrorKind::Ambiguous {
                            day_first,
                            month_first,
                        },
                        false,
                    ) => format!(
                        "{t} could be {} or {}: no date in the column tells whether the day or the month comes first",
                        self.date_long(*day_first, true),
                        self.date_long(*month_first, false)
                    ),
                    (
                        DateErrorKind::Ambiguous {
                            day_first,
                            month_first,
                        },
                        true,
                    ) => format!(
                        "{t} peut être le {} ou le {} : aucune date de la colonne n'indique si le jour ou le mois vient en premier",
                        self.date_long(*day_first, true),
                        self.date_long(*month_first, false)
                    ),
                    (DateErrorKind::SerialOutOfRange, false) => format!(
                        "{t} is not a date (as an Excel day number it is outside 1930–2099)"
                    ),
                    (DateErrorKind::SerialOutOfRange, true) => format!(
                        "{t} n'est pas une date (comme numéro de jour Excel, il sort de 1930–2099)"
                    ),
                }
            }
            CellProblem::Missing if fr => "cellule vide, une valeur est requise".into(),
            CellProblem::Missing => "empty cell, a value is required".into(),
            CellProblem::OutOfRange { text, expected } if fr => format!(
                "{} est hors limites : attendu {}",
                self.quoted(text),
                expected_fr(expected)
            ),
            CellProblem::OutOfRange { text, expected } => {
                format!("{} is out of range: expected {expected}", self.quoted(text))
            }
            CellProblem::NotABoolean { text } if fr => format!(
                "{} n'est pas oui/non (attendu 1/0, oui/non, vrai/faux, yes/no)",
                self.quoted(text)
            ),
            CellProblem::NotABoolean { text } => format!(
                "{} is not yes/no (expected 1/0, yes/no, oui/non, true/false)",
                self.quoted(text)
            ),
            CellProblem::ExtraCells { count } if fr => format!(
                "{count} cellule(s) au-delà de la dernière colonne : un séparateur dans une valeur sans guillemets ?"
            ),
            CellProblem::ExtraCells { count } => format!(
                "{count} cell(s) past the last column: is a delimiter inside an unquoted value?"
            ),
        }
    }

    pub fn mapping_error(&self, e: &MappingError) -> String {
        let fr = self.fr();
        match e {
            MappingError::WrongWidth { columns, roles } if fr => format!(
                "la correspondance couvre {roles} colonne(s) mais le tableau en a {columns}"
            ),
            MappingError::WrongWidth { columns, roles } => {
                format!("the mapping has {roles} column(s) but the table has {columns}")
            }
            MappingError::Missing { shape, fields } => {
                let names: Vec<&str> = fields.iter().map(|f| self.field_name(*f)).collect();
                if fr {
                    format!(
                        "{} a besoin d'une colonne {}",
                        capitalise(self.shape_short(*shape)),
                        names
                            .iter()
                            .map(|n| self.quoted(n))
                            .collect::<Vec<_>>()
                            .join(" ou ")
                    )
                } else {
                    format!(
                        "{} needs a column for {}",
                        capitalise(self.shape_short(*shape)),
                        names
                            .iter()
                            .map(|n| self.quoted(n))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                }
            }
            MappingError::Twice { field, columns } => {
                let (a, b) = (column_letter(columns[0]), column_letter(columns[1]));
                if fr {
                    format!(
                        "{} est attribué à deux colonnes ({a} et {b})",
                        self.quoted(self.field_name(*field))
                    )
                } else {
                    format!(
                        "{} is given to two columns ({a} and {b})",
                        self.quoted(self.field_name(*field))
                    )
                }
            }
            MappingError::NotInShape { shape, field } if fr => format!(
                "{} n'a pas de colonne {}",
                capitalise(self.shape_short(*shape)),
                self.quoted(self.field_name(*field))
            ),
            MappingError::NotInShape { shape, field } => format!(
                "{} has no {} column",
                capitalise(self.shape_short(*shape)),
                self.quoted(self.field_name(*field))
            ),
            MappingError::TooFewPeriods if fr => "une table de survie par cohorte a besoin d'au moins deux colonnes de période (0, 1, …)".into(),
            MappingError::TooFewPeriods => "a cohort survival table needs at least two period columns (0, 1, …)".into(),
        }
    }

    pub fn validate_error(&self, e: &ValidateError) -> String {
        let fr = self.fr();
        match e {
            ValidateError::Mapping(m) => self.mapping_error(m),
            ValidateError::DateOrderNeeded { column, example, .. } => {
                self.date_question_text(column, example)
            }
            ValidateError::NoUsableRows { problems } if fr => format!(
                "aucune ligne n'est utilisable : {problems} problème(s) trouvé(s) ; corrigez les colonnes choisies ou choisissez-en d'autres"
            ),
            ValidateError::NoUsableRows { problems } => format!(
                "no row can be used: {problems} problem(s) were found; check the columns chosen or choose others"
            ),
        }
    }

    /// The day/month question for a column.
    pub fn date_question_text(&self, column: &str, example: &str) -> String {
        super::fill(
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

fn binary_fr(what: &str) -> String {
    match what {
        "a PDF document" => "un document PDF".into(),
        "a PNG image" => "une image PNG".into(),
        "a JPEG image" => "une image JPEG".into(),
        "a GIF image" => "une image GIF".into(),
        "a gzip archive" => "une archive gzip".into(),
        "a RAR archive" => "une archive RAR".into(),
        "a 7-Zip archive" => "une archive 7-Zip".into(),
        "a file in broken UTF-16" => "un fichier UTF-16 abîmé".into(),
        _ => "un fichier binaire".into(),
    }
}

/// The parser states an out-of-range expectation in English text; the known
/// forms are translated here (tests below pin each one) and anything new is
/// shown as is rather than lost.
fn expected_fr(expected: &str) -> String {
    let fixed = [
        ("zero or more", "zéro ou plus"),
        ("a whole number from 0 to 10", "un nombre entier de 0 à 10"),
        ("a score from 0 to 100", "une note de 0 à 100"),
        (
            "a whole number, zero or more",
            "un nombre entier, zéro ou plus",
        ),
        (
            "0 when frequency is 0 (no repeat purchase)",
            "0 quand la fréquence est 0 (pas d'achat répété)",
        ),
    ];
    if let Some((_, fr)) = fixed.iter().find(|(en, _)| *en == expected) {
        return fr.to_string();
    }
    let between = |prefix: &str, suffix: &str| {
        expected
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .map(str::to_string)
    };
    if let Some(row) = between("a customer id not seen before (it is also in row ", ")") {
        return format!("un identifiant client pas encore vu (il est aussi ligne {row})");
    }
    if let Some(date) = between("a date on or after the acquisition date (", ")") {
        return format!("une date au plus tôt égale à la date d'acquisition ({date})");
    }
    if let Some(t) = between("at most T (", ")") {
        return format!("au plus T ({t})");
    }
    if let Some(p) = between("at most ", ", the number active the period before") {
        return format!("au plus {p}, le nombre d'actifs de la période précédente");
    }
    expected.to_string()
}

pub static EN: DataStrings = DataStrings {
    locale: Locale::En,
    heading: "Your data",
    intro: "Paste cells from a spreadsheet, drop a file or choose one. Everything is read in this browser; nothing is sent anywhere.",
    paste_label: "Paste cells from a spreadsheet",
    paste_help: "Copy a range in Excel, LibreOffice or Google Sheets, header row included, and paste it here (Ctrl+V): it is read at once.",
    paste_button: "Read the text above",
    drop_title: "Drop a file here",
    drop_help: ".csv, .tsv or .txt, any size (a workbook: save the sheet as CSV first)",
    file_button: "Choose a file…",
    samples_label: "No data at hand? Try a sample:",
    sample_subscription: "Subscription business (customers)",
    sample_retail: "Retailer (purchases)",
    pasted: "Pasted cells",
    sample_source: "Sample: {name}",
    stage_read: "Reading the file",
    stage_parse: "Splitting into cells",
    stage_guess: "Recognising the columns",
    stage_validate: "Checking every cell",
    stage_report: "Summarising",
    loading: "Loading {name}",
    cancel: "Cancel",
    cancelled: "Loading cancelled; nothing was changed.",
    unusable: "This cannot be used: {reason}.",
    unusable_kept: "This cannot be used: {reason}. The data already loaded ({name}) is kept.",
    worker_failed: "Reading stopped ({reason}); nothing was changed.",
    too_large: "the file is {size} MB; a browser tab can read at most {max} MB: export fewer rows, or the RFM summary (see the documentation)",
    nothing_loaded: "No data loaded yet.",
    in_use: "In use: {name}, {rows} rows",
    kept_note: "{name} stays in use until this table can be read.",
    back_to: "Back to {name}",
    table_info: "{rows} rows × {columns} columns, separated by {delimiter}.",
    shape_label: "Kind of data",
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
    drop_help: ".csv, .tsv ou .txt, de toute taille (un classeur : enregistrez d'abord la feuille en CSV)",
    file_button: "Choisir un fichier…",
    samples_label: "Pas de données sous la main ? Essayez un exemple :",
    sample_subscription: "Entreprise d'abonnement (clients)",
    sample_retail: "Commerçant (achats)",
    pasted: "Cellules collées",
    sample_source: "Exemple : {name}",
    stage_read: "Lecture du fichier",
    stage_parse: "Découpage en cellules",
    stage_guess: "Reconnaissance des colonnes",
    stage_validate: "Vérification de chaque cellule",
    stage_report: "Synthèse",
    loading: "Chargement de {name}",
    cancel: "Annuler",
    cancelled: "Chargement annulé ; rien n'a changé.",
    unusable: "Inutilisable : {reason}.",
    unusable_kept: "Inutilisable : {reason}. Les données déjà chargées ({name}) sont conservées.",
    worker_failed: "La lecture s'est arrêtée ({reason}) ; rien n'a changé.",
    too_large: "le fichier fait {size} Mo ; un onglet de navigateur peut lire au plus {max} Mo : exportez moins de lignes, ou la synthèse RFM (voir la documentation)",
    nothing_loaded: "Aucune donnée chargée pour l'instant.",
    in_use: "En service : {name}, {rows} lignes",
    kept_note: "{name} reste en service tant que ce tableau n'est pas lisible.",
    back_to: "Revenir à {name}",
    table_info: "{rows} lignes × {columns} colonnes, séparées par des {delimiter}.",
    shape_label: "Type de données",
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
    use crate::core::parse::{guess_mapping, read_table, validate};

    fn problems(csv: &str, shape: Shape) -> Vec<CellError> {
        let t = read_table(csv.as_bytes()).unwrap();
        let m = guess_mapping(&t, shape);
        validate(&t, &m).unwrap().problems
    }

    #[test]
    fn located_messages_in_both_languages() {
        let p = problems(
            "client;date;montant\nA;01/02/2024;10,5\nB;15/02/2024;12,3,4\n",
            Shape::Transactions,
        );
        assert_eq!(p.len(), 1);
        // Same wording as the parser's own English message.
        assert_eq!(EN.cell_error(&p[0]), p[0].to_string());
        assert_eq!(
            FR.cell_error(&p[0]),
            "ligne 3, colonne « montant » : « 12,3,4 » n'est pas un nombre"
        );
    }

    #[test]
    fn english_matches_the_parser_for_every_problem_kind_it_produces() {
        let csv = "client,date,amount\nZ,2024-02-01,1\nA,2024-02-30,1\nB,,2\nC,2024-01-05,abc\n,2024-01-06,3\n";
        for p in problems(csv, Shape::Transactions) {
            assert_eq!(EN.cell_error(&p), p.to_string());
        }
    }

    #[test]
    fn every_known_out_of_range_expectation_is_translated() {
        // Customer table: NPS range, negative cost, duplicate id, churn before signup.
        let csv = "customer id,signup date,churn date,acquisition cost,NPS\n\
                   A,2024-01-10,2024-01-05,-3,11\nA,2024-01-10,,5,7\nB,2024-01-10,,5,7\n";
        let ps = problems(csv, Shape::Customers);
        let out: Vec<_> = ps
            .iter()
            .filter(|p| matches!(p.problem, CellProblem::OutOfRange { .. }))
            .collect();
        assert!(out.len() >= 4, "{ps:?}");
        for p in out {
            let CellProblem::OutOfRange { expected, .. } = &p.problem else {
                unreachable!()
            };
            assert_ne!(&expected_fr(expected), expected, "untranslated: {expected}");
        }
        for (en, fr) in [
            ("at most T (3)", "au plus T (3)"),
            (
                "at most 12, the number active the period before",
                "au plus 12, le nombre d'actifs de la période précédente",
            ),
            ("a score from 0 to 100", "une note de 0 à 100"),
        ] {
            assert_eq!(expected_fr(en), fr);
        }
        assert_eq!(expected_fr("something new"), "something new");
    }

    #[test]
    fn parse_errors_are_explained() {
        for (input, fr_part) in [
            (&b""[..], "rien"),
            (b"%PDF-1.4 ...", "PDF"),
            (b"PK\x03\x04rest", "classeur"),
            (b"a;b\n", "aucune donn"),
            (b"a,b\n\"x,1\n", "guillemet"),
        ] {
            let e = read_table(input).unwrap_err();
            assert!(
                FR.parse_error(&e).contains(fr_part),
                "{}",
                FR.parse_error(&e)
            );
            assert!(!EN.parse_error(&e).is_empty());
        }
    }

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
    fn mapping_errors_name_fields_in_the_language() {
        let e = MappingError::Missing {
            shape: Shape::Transactions,
            fields: vec![Field::Amount],
        };
        assert_eq!(
            FR.mapping_error(&e),
            "Un journal des achats a besoin d'une colonne « Montant »"
        );
        assert_eq!(
            EN.mapping_error(&e),
            "A transaction log needs a column for \"Amount\""
        );
    }
}
