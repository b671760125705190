//! The vocabulary every CX Impact crate shares: the interface languages
//! ([`Locale`]), currencies, period units and rate conversion
//! ([`period`]), the pages ([`View`]), what a page shows ([`Figure`],
//! [`How`], [`Headline`]), charts as plain data ([`chart::ChartSpec`]) and
//! the one formatter of numbers, money and percentages inside sentences
//! ([`format`]).
//!
//! No web, model or text-table dependency: every other crate may use it.

pub mod chart;
mod currency;
mod figure;
pub mod format;
mod locale;
pub mod period;
mod view;

pub use currency::Currency;
pub use figure::{Figure, Headline, How};
pub use locale::{Locale, MONTHS_EN, MONTHS_FR};
pub use view::View;
