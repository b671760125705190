//! The closed form in words: the calculator's CLV, its formula and inputs,
//! and the survival it implies.

use super::survival::survival_chart;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::value::closed::ClosedNumbers;
use crate::pages::value::view::{finite_or_missing, ValueView};
use cxi_models::clv::FirstPayment;
use cxi_types::format;
use cxi_types::{Currency, Figure, How, Locale};

pub(super) fn word(n: &ClosedNumbers, locale: Locale, currency: Currency, v: &mut ValueView) {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(n.unit);
    match &n.outcome {
        Ok(o) => {
            v.headline.figure = finite_or_missing(Figure::Money(o.clv));
            v.headline.reading = fill(
                t.reading_closed,
                &[
                    ("value", &format::money_whole(locale, currency, o.clv)),
                    ("multiple", &format::number(locale, o.inputs.multiple(), 1)),
                    (
                        "lifetime",
                        &format::number(locale, o.expected_lifetime_periods, 1),
                    ),
                    ("units", units),
                ],
            );
            v.headline.how = How {
                formula: match o.inputs.first_payment() {
                    FirstPayment::Included => "CLV = m (1 + d) / (1 + d − r)".into(),
                    FirstPayment::Excluded => "CLV = m r / (1 + d − r)".into(),
                },
                inputs: vec![
                    (t.in_margin.to_string(), Figure::Money(o.inputs.margin())),
                    (
                        t.in_retention.to_string(),
                        Figure::Percent {
                            value: o.inputs.retention(),
                            decimals: 2,
                        },
                    ),
                    (
                        t.in_discount.to_string(),
                        Figure::Percent {
                            value: o.period_discount,
                            decimals: 3,
                        },
                    ),
                ],
                source: t.source_closed.into(),
                caveats: t.caveats_closed.into(),
            };
        }
        Err(err) => {
            v.headline.reading = locale.strings().clv_error(err);
            v.headline.how = How {
                formula: "CLV = m (1 + d) / (1 + d − r)".into(),
                inputs: Vec::new(),
                source: t.source_closed.into(),
                caveats: t.caveats_closed.into(),
            };
        }
    }
    if let Some(s) = &n.survival {
        v.charts.push(survival_chart(locale, s, t.series_constant));
    }
}
