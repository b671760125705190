//! The languages of the interface.

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Fr,
    En,
}

impl Locale {
    /// One of two values given in both languages. For data that carries
    /// its own translations (the maturity questionnaire, sample tables,
    /// default channel names); interface text lives in the i18n tables.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }

    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// French for any `fr*` browser language, English otherwise.
    pub fn from_language_tag(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Locale::Fr
        } else {
            Locale::En
        }
    }

    /// BCP 47 tag handed to `Intl.NumberFormat`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Fr => "fr-FR",
            Locale::En => "en-GB",
        }
    }

    /// Value of the `lang` attribute of the document.
    pub fn lang(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }
}

/// Month names, January first (for long dates and for reading them).
pub const MONTHS_EN: [&str; 12] = [
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
pub const MONTHS_FR: [&str; 12] = [
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
