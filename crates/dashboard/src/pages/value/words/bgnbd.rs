//! BG/NBD + Gamma-Gamma in words: parameters, notes on the fit, the mean
//! CLV and its interval, the formula and inputs, the charts and the
//! customers at risk.

use super::charts::{at_risk_table, distribution_chart, p_alive_chart};
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use crate::pages::value::bgnbd::BgNbdNumbers;
use crate::pages::value::view::{finite_or_missing, ParamRow, ValueView};
use cxi_models::rfm::{unit_days, TimeConvention};
use cxi_types::format;
use cxi_types::period::PeriodUnit;
use cxi_types::{Currency, Figure, How, Locale};

/// Correlation of frequency and spend above which the page warns that the
/// Gamma-Gamma independence assumption is doubtful.
const CORRELATION_NOTE_ABOVE: f64 = 0.3;

pub(super) fn word(n: &BgNbdNumbers, locale: Locale, currency: Currency, v: &mut ValueView) {
    let t = locale.strings().value;
    let b = n.fit;
    let p = &b.params;
    let row = |name: &str, estimate: f64, var: f64| ParamRow {
        name: name.into(),
        estimate: Figure::number(estimate, 3),
        std_error: finite_or_missing(Figure::number(var.sqrt(), 3)),
    };
    let c = &b.covariance;
    v.params = vec![
        row("r", p.r(), c[0][0]),
        row("α", p.alpha(), c[1][1]),
        row("a", p.a(), c[2][2]),
        row("b", p.b(), c[3][3]),
    ];
    if let Some(g) = &b.gamma_gamma {
        let c = &b.gg_covariance;
        v.params.extend([
            row("p", g.p(), c[0][0]),
            row("q", g.q(), c[1][1]),
            row("v", g.v(), c[2][2]),
        ]);
        if b.gg_correlation.abs() > CORRELATION_NOTE_ABOVE {
            v.notes.push(fill(
                t.note_correlation,
                &[("corr", &format::number(locale, b.gg_correlation, 2))],
            ));
        }
    }
    if b.unit_assumed {
        v.notes.push(t.note_unit_assumed.into());
    }
    v.charts.push(p_alive_chart(locale, b.unit, &n.p_alive));
    let list = |xs: &[f64]| {
        Figure::Text(
            xs.iter()
                .map(|&x| format::number(locale, x, 3))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    v.headline.how = How {
        formula:
            "CLV = m · E[Z | x, z̄] · Σₖ (E[Y(kΔ) | x, tₓ, T] − E[Y((k−1)Δ) | x, tₓ, T]) / (1 + d)ᵏ"
                .into(),
        inputs: vec![
            (
                t.in_horizon.to_string(),
                Figure::Periods {
                    value: f64::from(n.horizon),
                    unit: PeriodUnit::Month,
                },
            ),
            (
                t.in_discount_annual.to_string(),
                Figure::Percent {
                    value: n.annual_discount,
                    decimals: 1,
                },
            ),
            (
                t.in_margin_rate.to_string(),
                Figure::Percent {
                    value: n.margin_rate,
                    decimals: 1,
                },
            ),
            (
                "r, α, a, b".to_string(),
                list(&[p.r(), p.alpha(), p.a(), p.b()]),
            ),
            (
                t.in_customers.to_string(),
                Figure::number(b.customers as f64, 0),
            ),
            (
                t.in_unit.to_string(),
                Figure::Text(locale.strings().unit_name(b.unit).into()),
            ),
        ],
        source: t.source_bgnbd.into(),
        caveats: t.caveats_bgnbd.into(),
    };
    if let Some(c) = b.convention {
        let sentence = convention_sentence(locale, b.unit, c);
        v.headline.how.caveats = format!("{sentence} {}", v.headline.how.caveats);
    }
    let Some(m) = &n.spend else {
        v.headline.reading = t.reading_no_spend.into();
        return;
    };
    let g = m.gamma_gamma;
    v.headline
        .how
        .inputs
        .push(("p, q, v".into(), list(&[g.p(), g.q(), g.v()])));
    if let Some(x) = &m.mean {
        v.set_money(x.mean, x.interval90(), t.interval90);
        v.headline.reading = fill(
            t.reading_bgnbd,
            &[
                ("value", &format::money_whole(locale, currency, x.mean)),
                ("months", &n.horizon.to_string()),
                ("alive", &format::percent(locale, x.alive, 0)),
                ("customers", &format::number(locale, x.customers.round(), 0)),
            ],
        );
        v.headline
            .how
            .inputs
            .push((t.in_p_alive.into(), Figure::percent(x.alive)));
    }
    v.charts
        .push(distribution_chart(locale, currency, &m.histogram));
    v.at_risk = Some(at_risk_table(locale, b, n.segment, &m.at_risk));
}

/// How a transaction log became recency and T, in one sentence.
pub(super) fn convention_sentence(locale: Locale, unit: PeriodUnit, c: TimeConvention) -> String {
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(unit);
    match c {
        TimeConvention::Days => {
            let days = unit_days(unit);
            let decimals = if days.fract() == 0.0 { 0 } else { 4 };
            fill(
                t.convention_days,
                &[
                    ("days", &format::number(locale, days, decimals)),
                    ("units", units),
                ],
            )
        }
        TimeConvention::WholePeriods => fill(t.convention_periods, &[("units", units)]),
    }
}
