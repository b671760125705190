//! Templates and messages: [`fill`] puts values into a table's `{key}`
//! placeholders; [`Words`] is one message in every language, for text
//! worded where the page's tables are not.

use cxi_types::Locale;
use serde::{Deserialize, Serialize};

/// Replaces each `{key}` of a template by its value.
///
/// Debug builds (every test) check the call against its template: each
/// placeholder gets a value and each value has a placeholder, so a template
/// changed in one language, or a call that forgot a key, fails loudly.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    debug_assert!(
        placeholders(template)
            .iter()
            .all(|p| values.iter().any(|(k, _)| k == p)),
        "fill: a placeholder of {template:?} has no value among {:?}",
        values.iter().map(|(k, _)| *k).collect::<Vec<_>>()
    );
    debug_assert!(
        values
            .iter()
            .all(|(k, _)| placeholders(template).contains(k)),
        "fill: a value of {:?} has no placeholder in {template:?}",
        values.iter().map(|(k, _)| *k).collect::<Vec<_>>()
    );
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{key}` placeholders of a template, in order (a key made of letters,
/// digits and `_`; other braces are text).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    out.push(key);
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// One message in every language of the app, for text worded where the
/// page's tables are not (the data worker words the parser's errors, whose
/// tables the page's wasm does not carry): kept as is, shown in the language
/// in use, so that it follows a language switch.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Words {
    pub fr: String,
    pub en: String,
}

impl Words {
    /// The message `word` gives in each language.
    pub fn each(mut word: impl FnMut(Locale) -> String) -> Words {
        Words {
            fr: word(Locale::Fr),
            en: word(Locale::En),
        }
    }

    /// A text with no translation (a browser's own message).
    pub fn same(text: impl Into<String>) -> Words {
        let text = text.into();
        Words {
            fr: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Fr => &self.fr,
            Locale::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_each_placeholder_once_in_one_pass() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "1"), ("b", "{a}")]),
            "1 and {a}, 1"
        );
        assert_eq!(fill("no key", &[]), "no key");
        assert_eq!(placeholders("{n} rows {x_1} { not} {}"), vec!["n", "x_1"]);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "has no value")]
    fn a_missing_value_fails_in_debug_builds() {
        fill("{n} rows", &[]);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "has no placeholder")]
    fn an_unused_value_fails_in_debug_builds() {
        fill("rows", &[("n", "3")]);
    }
}
