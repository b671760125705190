//! What every page's wording needs besides its own numbers: the language and
//! the currency of the scenario.

use crate::i18n::{LocaleStrings, Strings};
use cxi_types::{Currency, Locale};

/// The language and currency a page's sentences, labels and charts are
/// written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub locale: Locale,
    pub currency: Currency,
}

impl Context {
    /// Every text of the interface in this context's language.
    pub fn strings(self) -> &'static Strings {
        self.locale.strings()
    }
}
