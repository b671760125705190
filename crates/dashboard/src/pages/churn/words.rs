//! The page's words for what its computation returns as numbers: where
//! each default comes from and why an input is refused, in the page's
//! language (the cards and charts word the rest).

use super::compute::ChurnView;
use super::inputs::{DefaultSource, Measured, Source};
use super::problems::Problem;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_types::format;
use cxi_types::{Currency, Locale};

/// Where a default comes from, as the field's note says it.
pub fn source_text(loc: Locale, cur: Currency, s: &Source) -> String {
    let t = loc.strings().churn;
    match s {
        Source::Measured(m) => match m {
            Measured::Customers => t.data_customers.into(),
            Measured::Transactions => t.data_transactions.into(),
            Measured::Churn {
                churned,
                exposure_months,
                annual_low,
                annual_high,
            } => fill(
                t.data_churn,
                &[
                    ("churned", &format::number(loc, *churned as f64, 0)),
                    ("exposure", &format::number(loc, *exposure_months, 0)),
                    ("lo", &format::percent(loc, *annual_low, 1)),
                    ("hi", &format::percent(loc, *annual_high, 1)),
                ],
            ),
            Measured::Revenue { n, low, high } => fill(
                t.data_revenue,
                &[
                    ("n", &format::number(loc, *n as f64, 0)),
                    ("lo", &format::money(loc, cur, *low)),
                    ("hi", &format::money(loc, cur, *high)),
                ],
            ),
            Measured::Margin => t.data_margin.into(),
            Measured::Channels { months } => fill(
                t.data_channels,
                &[("months", &format::number(loc, *months, 1))],
            ),
        },
        Source::Default(d) => match d {
            DefaultSource::IllustrativeBase => t.customers_source.into(),
            DefaultSource::Retention {
                retention,
                unit,
                annual_pct,
            } => fill(
                t.baseline_source,
                &[
                    ("retention", &format::percent(loc, *retention, 1)),
                    ("unit", &loc.strings().unit_name(*unit).to_lowercase()),
                    ("annual", &format::percent(loc, annual_pct / 100.0, 1)),
                ],
            ),
            DefaultSource::FifthLess => t.target_source.into(),
            DefaultSource::ClvMargin { monthly_margin } => fill(
                t.revenue_source,
                &[("margin", &format::money(loc, cur, *monthly_margin))],
            ),
            DefaultSource::IllustrativeMargin => t.margin_rate_source.into(),
            DefaultSource::ThreeYears => t.years_source.into(),
            DefaultSource::IllustrativeChannels => t.channels_source.into(),
        },
    }
}

/// Why an input is refused, as its field (or a card) says it.
pub fn problem_text(loc: Locale, p: &Problem) -> String {
    let t = loc.strings().churn;
    match p {
        Problem::Negative => t.err_non_negative.into(),
        Problem::NotPercent => t.err_percent.into(),
        Problem::TargetAbove => t.err_target_above.into(),
        Problem::Years { min, max } => fill(
            t.err_years,
            &[
                ("min", &format::number(loc, f64::from(*min), 0)),
                ("max", &format::number(loc, f64::from(*max), 0)),
            ],
        ),
        Problem::NoNewCustomers => t.err_no_new.into(),
    }
}

impl ChurnView {
    /// The first problem in words: what the cards say in place of a figure.
    pub fn first_problem_text(&self, loc: Locale) -> Option<String> {
        self.problems.first().map(|(_, p)| problem_text(loc, p))
    }
}
