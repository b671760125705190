//! The data-in messages and labels in the user's language. English is the
//! errors' `Display`; French is written here, from the same enums, so a
//! new variant is a compile error until it is translated.

use chrono::{Datelike, NaiveDate};

use cxi_parse::date::DateError;
use cxi_parse::date::DateErrorKind;
use cxi_parse::error::column_letter;
use cxi_parse::error::CellError;
use cxi_parse::error::CellProblem;
use cxi_parse::error::ParseError;
use cxi_parse::error::TableWarning;
use cxi_parse::mapping::Field;
use cxi_parse::mapping::MappingError;
use cxi_parse::mapping::Shape;
use cxi_parse::number::shown;
use cxi_parse::number::NumberError;
use cxi_parse::number::NumberErrorKind;
use cxi_parse::validate::ValidateError;
use cxi_types::Locale;

use cxi_types::MONTHS_FR as MOIS;

fn date_fr(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MOIS[d.month0() as usize], d.year())
}

/// Name of a shape, for the shape picker.
pub fn shape_name(shape: Shape, locale: Locale) -> &'static str {
    match locale {
        Locale::En => shape.name(),
        Locale::Fr => match shape {
            Shape::Transactions => "journal des commandes",
            Shape::Customers => "table des clients",
            Shape::Survey => "réponses d'enquête",
            Shape::Rfm => "synthèse RFM",
            Shape::Cohort => "table de survie par cohorte",
        },
    }
}

/// Name of a field, for the column mapping.
pub fn field_name(field: Field, locale: Locale) -> &'static str {
    match locale {
        Locale::En => field.name(),
        Locale::Fr => match field {
            Field::CustomerId => "identifiant client",
            Field::OrderDate => "date de commande",
            Field::Amount => "montant",
            Field::Channel => "canal",
            Field::Segment => "segment",
            Field::Revenue => "chiffre d'affaires",
            Field::Margin => "marge",
            Field::AcquisitionDate => "date d'acquisition",
            Field::Churned => "résilié",
            Field::ChurnDate => "date de résiliation",
            Field::AnswerDate => "date de réponse",
            Field::AcquisitionCost => "coût d'acquisition",
            Field::Contacts => "contacts au support",
            Field::Nps => "NPS",
            Field::Csat => "CSAT",
            Field::Ces => "CES",
            Field::Frequency => "fréquence",
            Field::Recency => "récence",
            Field::T => "T",
            Field::MonetaryValue => "valeur monétaire",
            Field::Cohort => "cohorte",
        },
    }
}

pub fn number_error(e: &NumberError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    match &e.kind {
        NumberErrorKind::Empty => "cellule vide, un nombre est attendu".to_string(),
        NumberErrorKind::NotANumber => format!("« {} » n'est pas un nombre", e.text),
        NumberErrorKind::WrongDecimalSeparator(sep) => format!(
            "« {} » n'est pas un nombre dans cette colonne, qui utilise « {} » pour les décimales",
            e.text,
            sep.as_char()
        ),
        NumberErrorKind::OutOfRange => format!("« {} » est un nombre trop grand", e.text),
    }
}

pub fn date_error(e: &DateError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    match &e.kind {
        DateErrorKind::Empty => "cellule vide, une date est attendue".to_string(),
        DateErrorKind::NotADate => format!("« {} » n'est pas une date", e.text),
        DateErrorKind::NoSuchDay => format!("« {} » n'est pas un jour du calendrier", e.text),
        DateErrorKind::Ambiguous {
            day_first,
            month_first,
        } => format!(
            "« {} » peut être le {} ou le {} : aucune date de la colonne ne dit si le jour ou le mois vient en premier",
            e.text,
            date_fr(*day_first),
            date_fr(*month_first)
        ),
        DateErrorKind::SerialOutOfRange => format!(
            "« {} » n'est pas une date (comme numéro de jour Excel, il est hors de 1930–2099)",
            e.text
        ),
    }
}

pub fn cell_error(e: &CellError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    let what = match &e.problem {
        CellProblem::Number(n) => number_error(n, locale),
        CellProblem::Date(d) => date_error(d, locale),
        CellProblem::Missing => "cellule vide, une valeur est requise".to_string(),
        CellProblem::OutOfRange { text, expected } => {
            format!("« {} » est hors limites : attendu {}", shown(text), expected_fr(expected))
        }
        CellProblem::NotABoolean { text } => format!(
            "« {} » n'est pas oui/non (attendu 1/0, oui/non, vrai/faux)",
            shown(text)
        ),
        CellProblem::ExtraCells { count } => format!(
            "{count} cellule(s) après la dernière colonne : un séparateur dans une valeur sans guillemets ?"
        ),
    };
    format!("ligne {}, colonne « {} » : {what}", e.row, shown(&e.column))
}

/// The range texts of validation, in French.
fn expected_fr(expected: &str) -> String {
    match expected {
        "zero or more" => "zéro ou plus".to_string(),
        "a whole number from 0 to 10" => "un nombre entier de 0 à 10".to_string(),
        "a score from 0 to 100" => "une note de 0 à 100".to_string(),
        "a whole number, zero or more" => "un nombre entier, zéro ou plus".to_string(),
        "0 when frequency is 0 (no repeat purchase)" => {
            "0 quand la fréquence est 0 (pas de réachat)".to_string()
        }
        other => {
            if let Some(rest) = other.strip_prefix("at most T (") {
                format!("au plus T ({rest}")
            } else if let Some(rest) =
                other.strip_prefix("a date on or after the acquisition date (")
            {
                format!("une date au plus tôt à la date d'acquisition ({rest}")
            } else if let Some(rest) =
                other.strip_prefix("a customer id not seen before (it is also in row ")
            {
                format!("un identifiant client unique (il est aussi ligne {rest}")
            } else if let Some(rest) = other.strip_prefix("at most ") {
                let n = rest.trim_end_matches(", the number active the period before");
                format!("au plus {n}, le nombre d'actifs à la période précédente")
            } else {
                other.to_string()
            }
        }
    }
}

pub fn parse_error(e: &ParseError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    match e {
        ParseError::Empty => "l'entrée est vide".to_string(),
        ParseError::Binary { what } => format!(
            "ce fichier ({}) n'est pas un tableau : collez des cellules d'un tableur ou choisissez un fichier .csv, .tsv, .txt, .xlsx, .xls ou .ods",
            binary_fr(what)
        ),
        ParseError::Spreadsheet => {
            "c'est un classeur (.xlsx, .xls ou .ods), pas du texte : ouvrez-le comme classeur"
                .to_string()
        }
        ParseError::Workbook { message } => {
            format!("le classeur n'a pas pu être lu : {message}")
        }
        ParseError::TooLarge { bytes } => {
            format!("l'entrée fait {bytes} octets ; au plus 4 Gio peuvent être lus")
        }
        ParseError::UnclosedQuote { row } => format!(
            "ligne {row} : un guillemet (\") ouvre une cellule qui n'est jamais fermée"
        ),
        ParseError::HeaderOnly => {
            "il y a une ligne d'en-tête mais aucune donnée dessous".to_string()
        }
        ParseError::Cancelled => "lecture annulée".to_string(),
    }
}

fn binary_fr(what: &str) -> &'static str {
    match what {
        "a PDF document" => "un document PDF",
        "a PNG image" => "une image PNG",
        "a JPEG image" => "une image JPEG",
        "a GIF image" => "une image GIF",
        "a gzip archive" => "une archive gzip",
        "a RAR archive" => "une archive RAR",
        "a 7-Zip archive" => "une archive 7-Zip",
        "a file in broken UTF-16" => "un fichier UTF-16 abîmé",
        _ => "un fichier binaire",
    }
}

pub fn table_warning(w: &TableWarning, locale: Locale) -> String {
    if locale == Locale::En {
        return w.to_string();
    }
    match w {
        TableWarning::SingleColumn => "une seule colonne trouvée : s'il doit y en avoir plusieurs, séparez-les par des tabulations, « ; », « , » ou « | »".to_string(),
        TableWarning::Windows1252 => "le fichier n'est pas en UTF-8 ; il a été lu en Windows-1252 (ce qu'écrit Excel en France)".to_string(),
        TableWarning::DuplicateHeader { name, columns } => {
            let list: Vec<String> = columns.iter().map(|c| column_letter(*c)).collect();
            format!(
                "l'en-tête « {} » apparaît dans plusieurs colonnes ({})",
                shown(name),
                list.join(", ")
            )
        }
        TableWarning::EmptyHeader { column } => {
            format!("la colonne {} n'a pas d'en-tête", column_letter(*column))
        }
        TableWarning::TitleSkipped { header_row } => format!(
            "les premières lignes ressemblent à un titre : l'en-tête a été pris ligne {header_row}"
        ),
        TableWarning::ExtraCells { count, rows } => {
            let list: Vec<String> = rows.iter().map(u32::to_string).collect();
            format!(
                "{count} ligne(s) ont plus de cellules que l'en-tête (lignes {}{})",
                list.join(", "),
                if *count > rows.len() { ", ..." } else { "" }
            )
        }
    }
}

pub fn mapping_error(e: &MappingError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    match e {
        MappingError::WrongWidth { columns, roles } => {
            format!("l'affectation couvre {roles} colonne(s) mais le tableau en a {columns}")
        }
        MappingError::Missing { shape, fields } => {
            let names: Vec<&str> = fields.iter().map(|f| field_name(*f, locale)).collect();
            format!(
                "{} : il faut une colonne pour {}",
                shape_name(*shape, locale),
                names.join(" ou ")
            )
        }
        MappingError::Twice { field, columns } => format!(
            "« {} » est affecté à deux colonnes ({} et {})",
            field_name(*field, locale),
            column_letter(columns[0]),
            column_letter(columns[1])
        ),
        MappingError::NotInShape { shape, field } => format!(
            "{} : pas de colonne « {} »",
            shape_name(*shape, locale),
            field_name(*field, locale)
        ),
        MappingError::TooFewPeriods => {
            "une table de survie par cohorte demande au moins deux colonnes de période (0, 1, ...)"
                .to_string()
        }
    }
}

pub fn validate_error(e: &ValidateError, locale: Locale) -> String {
    if locale == Locale::En {
        return e.to_string();
    }
    match e {
        ValidateError::Mapping(m) => mapping_error(m, locale),
        ValidateError::DateOrderNeeded {
            column,
            example,
            day_first,
            month_first,
            ..
        } => format!(
            "colonne « {} » : « {} » est-il le {} (jour d'abord) ou le {} (mois d'abord) ? Aucune date de la colonne ne le dit",
            shown(column),
            shown(example),
            date_fr(*day_first),
            date_fr(*month_first)
        ),
        ValidateError::Cancelled => "vérification annulée".to_string(),
        ValidateError::NoUsableRows { problems, .. } => format!(
            "aucune ligne n'est utilisable : {problems} problème(s) trouvé(s) ; corrigez-les ou choisissez d'autres colonnes"
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Why a survey could not be joined to the orders, located where the
/// table says.
pub fn link_error(e: &cxi_link::LinkError, locale: Locale) -> String {
    use cxi_link::{ColumnKind, LinkError, TableKind, ValueProblem};
    let fr = locale == Locale::Fr;
    let table = |t: &TableKind| match (t, fr) {
        (TableKind::Orders, false) => "the order log",
        (TableKind::Answers, false) => "the survey answers",
        (TableKind::Crm, false) => "the customer table",
        (TableKind::Orders, true) => "le journal des achats",
        (TableKind::Answers, true) => "les réponses d'enquête",
        (TableKind::Crm, true) => "le fichier clients",
    };
    let column = |c: &ColumnKind| match c {
        ColumnKind::Id => field_name(Field::CustomerId, locale),
        ColumnKind::Date => "date",
        ColumnKind::Amount => field_name(Field::Amount, locale),
        ColumnKind::Nps => "NPS",
        ColumnKind::Csat => "CSAT",
        ColumnKind::Ces => "CES",
        ColumnKind::Churned => field_name(Field::Churned, locale),
        ColumnKind::Contacts => {
            if fr {
                "contacts support"
            } else {
                "support contacts"
            }
        }
    };
    match (e, fr) {
        (
            LinkError::Value {
                table: t,
                row,
                column: c,
                value,
                problem,
            },
            _,
        ) => {
            let why = match (problem, fr) {
                (ValueProblem::NotFinite, false) => "is not a finite number".to_string(),
                (ValueProblem::NotFinite, true) => "n'est pas un nombre fini".to_string(),
                (ValueProblem::Negative, false) => "is below zero".to_string(),
                (ValueProblem::Negative, true) => "est négatif".to_string(),
                (ValueProblem::OffScale { min, max }, false) => {
                    format!("is not a whole number from {min} to {max}")
                }
                (ValueProblem::OffScale { min, max }, true) => {
                    format!("n'est pas un entier de {min} à {max}")
                }
            };
            let v = cxi_types::format::number(locale, *value, 2);
            if fr {
                format!(
                    "{}, ligne {row}, colonne {} : {v} {why}",
                    capitalise(table(t)),
                    column(c)
                )
            } else {
                format!(
                    "{}, row {row}, column {}: {v} {why}",
                    capitalise(table(t)),
                    column(c)
                )
            }
        }
        (LinkError::Empty(t), false) => format!("{} has no rows", capitalise(table(t))),
        (LinkError::Empty(t), true) => format!("{} n'a aucune ligne", capitalise(table(t))),
        (LinkError::NoScores, false) => "the survey has no NPS, CSAT or CES column".to_string(),
        (LinkError::NoScores, true) => "l'enquête n'a aucune colonne NPS, CSAT ou CES".to_string(),
        // Reached only through a table this app built itself: the English
        // message names the column and row.
        (other, false) => other.to_string(),
        (other, true) => format!("incohérence interne ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_parse::read_table;
    use cxi_parse::validate;
    use cxi_parse::Mapping;
    use cxi_parse::Role;

    #[test]
    fn french_cell_errors() {
        let t = read_table("client;montant\nA;12,3,4\nB;\n".as_bytes()).unwrap();
        let errs = t.numbers(1).unwrap_err();
        assert_eq!(
            cell_error(&errs[0], Locale::Fr),
            "ligne 2, colonne « montant » : « 12,3,4 » n'est pas un nombre"
        );
        assert_eq!(
            cell_error(&errs[0], Locale::En),
            "row 2, column \"montant\": \"12,3,4\" is not a number"
        );
        let t = read_table(b"date\n01/02/2024\n03/04/2024\n").unwrap();
        let e = &t.dates(0).unwrap_err()[0];
        assert_eq!(
            cell_error(e, Locale::Fr),
            "ligne 2, colonne « date » : « 01/02/2024 » peut être le 1 février 2024 ou le 2 janvier 2024 : aucune date de la colonne ne dit si le jour ou le mois vient en premier"
        );
    }

    #[test]
    fn french_validation_messages() {
        let t = read_table("id;NPS\nc1;11\nc1;5\nc2;7\n".as_bytes()).unwrap();
        let mut m = Mapping::empty(Shape::Customers, 2);
        assert_eq!(
            validate_error(&validate(&t, &m).unwrap_err(), Locale::Fr),
            "table des clients : il faut une colonne pour identifiant client"
        );
        m.columns = vec![Role::Field(Field::CustomerId), Role::Field(Field::Nps)];
        m.shape = Shape::Survey;
        let v = validate(&t, &m).unwrap();
        let fr: Vec<String> = v
            .problems
            .iter()
            .map(|p| cell_error(p, Locale::Fr))
            .collect();
        assert_eq!(
            fr,
            ["ligne 2, colonne « NPS » : « 11 » est hors limites : attendu un nombre entier de 0 à 10"]
        );
    }

    #[test]
    fn every_expected_range_is_translated() {
        for en in [
            "zero or more",
            "a whole number from 0 to 10",
            "a score from 0 to 100",
            "a whole number, zero or more",
            "0 when frequency is 0 (no repeat purchase)",
            "at most T (38)",
            "a date on or after the acquisition date (2024-01-15)",
            "a customer id not seen before (it is also in row 2)",
            "at most 100, the number active the period before",
        ] {
            assert_ne!(expected_fr(en), en, "{en}");
        }
    }

    #[test]
    fn french_parse_errors_and_warnings() {
        assert_eq!(
            parse_error(&ParseError::UnclosedQuote { row: 3 }, Locale::Fr),
            "ligne 3 : un guillemet (\") ouvre une cellule qui n'est jamais fermée"
        );
        assert_eq!(
            table_warning(
                &TableWarning::DuplicateHeader {
                    name: "Montant".into(),
                    columns: vec![0, 2]
                },
                Locale::Fr
            ),
            "l'en-tête « Montant » apparaît dans plusieurs colonnes (A, C)"
        );
        assert_eq!(field_name(Field::Amount, Locale::Fr), "montant");
        assert_eq!(shape_name(Shape::Rfm, Locale::Fr), "synthèse RFM");
    }
    /// A refused join says where, in both languages.
    #[test]
    fn link_errors_are_located_in_both_languages() {
        let e = cxi_link::LinkError::Value {
            table: cxi_link::TableKind::Answers,
            row: 7,
            column: cxi_link::ColumnKind::Csat,
            value: 8.0,
            problem: cxi_link::ValueProblem::OffScale { min: 1, max: 5 },
        };
        assert_eq!(
            link_error(&e, Locale::En),
            "The survey answers, row 7, column CSAT: 8 is not a whole number from 1 to 5"
        );
        assert_eq!(
            link_error(&e, Locale::Fr),
            "Les réponses d'enquête, ligne 7, colonne CSAT : 8 n'est pas un entier de 1 à 5"
        );
        assert_eq!(
            link_error(&cxi_link::LinkError::NoScores, Locale::Fr),
            "l'enquête n'a aucune colonne NPS, CSAT ou CES"
        );
    }
}
