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
    /// A shop's order log whose customers answered the survey below
    /// (`cxi_link::sample`: a planted effect, promoters buy more often and
    /// stay longer).
    LinkedOrders,
    /// The survey answers of the shop's customers, with their dates.
    LinkedSurvey,
}

impl Sample {
    pub const ALL: [Sample; 4] = [
        Sample::Subscription,
        Sample::Retail,
        Sample::LinkedOrders,
        Sample::LinkedSurvey,
    ];
    /// The two tables of the linked sample, loaded by one button.
    pub const LINKED: [Sample; 2] = [Sample::LinkedOrders, Sample::LinkedSurvey];

    /// Which sample table this one replaces when loaded: 1 for the linked
    /// sample's survey, 0 for the others (the one table of a single
    /// sample, or the linked sample's orders).
    pub fn slot(self) -> u8 {
        match self {
            Sample::LinkedSurvey => 1,
            _ => 0,
        }
    }

    /// Part of the linked sample (its other table goes with it).
    pub fn linked(self) -> bool {
        matches!(self, Sample::LinkedOrders | Sample::LinkedSurvey)
    }

    /// The sample as delimited text, headers and conventions of `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            Sample::Subscription => crate::samples::subscription(locale),
            Sample::Retail => crate::samples::retail(locale),
            Sample::LinkedOrders => crate::samples::linked_orders(locale),
            Sample::LinkedSurvey => crate::samples::linked_survey(locale),
        }
    }

    /// Its name in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        let t = locale.strings().data;
        match self {
            Sample::Subscription => t.sample_subscription,
            Sample::Retail => t.sample_retail,
            Sample::LinkedOrders => t.sample_linked_orders,
            Sample::LinkedSurvey => t.sample_linked_survey,
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
