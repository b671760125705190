//! The built-in samples offered on the Data page.

use crate::i18n::LocaleStrings;
use serde::{Deserialize, Serialize};

use super::loaded::{Source, SourceKind};
use super::session::Session;
use cxi_types::Locale;

/// The built-in sample data sets ([`crate::samples`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sample {
    /// A subscription business's customer table.
    Subscription,
    /// A retailer's transaction log.
    Retail,
}

impl Sample {
    pub const ALL: [Sample; 2] = [Sample::Subscription, Sample::Retail];

    /// The sample as delimited text, headers and conventions of `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            Sample::Subscription => crate::samples::subscription(locale),
            Sample::Retail => crate::samples::retail(locale),
        }
    }

    /// Its name in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        let t = locale.strings().data;
        match self {
            Sample::Subscription => t.sample_subscription,
            Sample::Retail => t.sample_retail,
        }
    }

    /// The source of the sample in `locale`.
    pub fn source(self, locale: Locale, bytes: usize) -> Source {
        Source {
            name: crate::i18n::fill(
                locale.strings().data.sample_source,
                &[("name", self.name(locale))],
            ),
            kind: SourceKind::Sample,
            bytes: bytes as u64,
        }
    }

    /// The sample opened as a session, in `locale`'s text (the tests' and
    /// benches' way to load it as the Data page would).
    pub fn open(self, locale: Locale) -> Result<Session, cxi_parse::ParseError> {
        let text = self.text(locale);
        let source = self.source(locale, text.len());
        Session::open(text.into_bytes(), source, &mut |_, _, _| {})
    }
}
