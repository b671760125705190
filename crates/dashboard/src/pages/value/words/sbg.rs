//! The sBG in words: parameters, the CLV and its interval, the formula and
//! inputs, the survival chart.

use super::survival::survival_chart;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::value::sbg::SbgNumbers;
use crate::pages::value::view::{finite_or_missing, ParamRow, ValueView};
use cxi_types::format;
use cxi_types::{Currency, Figure, How, Locale};

pub(super) fn word(n: &SbgNumbers, locale: Locale, currency: Currency, v: &mut ValueView) {
    let t = locale.strings().value;
    let e = n.fit;
    let units = locale.strings().unit_plural(e.unit);
    v.params = vec![
        ParamRow {
            name: "α".into(),
            estimate: Figure::number(e.alpha, 3),
            std_error: finite_or_missing(Figure::number(e.covariance[0][0].sqrt(), 3)),
        },
        ParamRow {
            name: "β".into(),
            estimate: Figure::number(e.beta, 3),
            std_error: finite_or_missing(Figure::number(e.covariance[1][1].sqrt(), 3)),
        },
    ];
    if let Some(x) = &n.value {
        v.set_money(x.clv, x.interval90(n.margin), t.interval90);
        v.headline.reading = fill(
            t.reading_sbg,
            &[
                ("value", &format::money_whole(locale, currency, x.clv)),
                ("lifetime", &format::number(locale, x.del, 1)),
                ("units", units),
                ("cohorts", &e.cohorts.to_string()),
                ("customers", &format::number(locale, e.customers.round(), 0)),
            ],
        );
    } else if let Some(err) = &n.error {
        v.headline.reading = locale.strings().clv_error(err);
    }
    v.headline.how = How {
        formula:
            "CLV = m · DEL(d) = m · ₂F₁(1, β; α + β; 1/(1 + d)),  S(t) = B(α, β + t) / B(α, β)"
                .into(),
        inputs: vec![
            (t.in_margin.into(), Figure::Money(n.margin)),
            (
                t.in_discount.into(),
                n.discount.map_or(Figure::Missing, |d| Figure::Percent {
                    value: d,
                    decimals: 3,
                }),
            ),
            ("α".into(), Figure::number(e.alpha, 3)),
            ("β".into(), Figure::number(e.beta, 3)),
            (t.in_cohorts.into(), Figure::number(e.cohorts as f64, 0)),
            (t.in_customers.into(), Figure::number(e.customers, 0)),
        ],
        source: t.source_sbg.into(),
        caveats: t.caveats_sbg.into(),
    };
    if let Some(s) = &n.survival {
        v.charts.push(survival_chart(locale, s, t.series_sbg));
    }
}
