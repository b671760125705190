//! The transaction view: BG/NBD + Gamma-Gamma values per bin and the mean CLV interval.

use super::at_risk::at_risk_table;
use super::charts::distribution_chart;
use super::charts::p_alive_chart;
use super::evidence::BgNbdEvidence;
use super::slice::ValueSlice;
use super::state::MAX_HORIZON_MONTHS;
use super::view::finite_or_missing;
use super::view::BinValue;
use super::view::ParamRow;
use super::view::ValueView;
use super::view::Z90;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm_clv::ClvSettings;
use cxi_types::format;
use cxi_types::period::PeriodUnit;
use cxi_types::Figure;
use cxi_types::How;

// ---------------------------------------------------------------- BG/NBD

/// The BG/NBD + Gamma-Gamma value of every bin of `segment` (0: all).
/// `CLV = m · (E[Z] · D)` with `D` the discounted expected purchases of
/// [`super::series::discounted`]: exactly proportional to the margin `m`.
pub fn bin_values(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
) -> Vec<BinValue> {
    bin_values_with(b, gg, settings, segment, true)
}

pub(super) fn bin_values_with(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    segment: u16,
    memo: bool,
) -> Vec<BinValue> {
    let bins: Vec<&super::evidence::Bin> = b
        .bins
        .iter()
        .filter(|x| segment == 0 || x.segment() == segment)
        .collect();
    let points: Vec<Rfm> = bins.iter().map(|x| x.rfm()).collect();
    // All parameter sets: the interval then finds them in the memo.
    let d = super::series::discounted(&b.params, super::series::SETS, &points, settings, memo);
    let mr = settings.margin_rate();
    bins.iter()
        .zip(points)
        .zip(d)
        .filter_map(|((x, r), d)| {
            let base = d.first().copied().flatten()?;
            let spend = gg
                .expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                .ok()?;
            let clv = mr * (spend * base.purchases);
            (clv.is_finite() && base.p_alive.is_finite()).then_some(BinValue {
                rfm: r,
                count: f64::from(x.count()),
                p_alive: base.p_alive,
                clv,
            })
        })
        .collect()
}

/// Mean CLV per customer over weighted customers and its delta-method
/// standard error from the two fits' covariances.
///
/// # Formula
/// `CLV̄ = Σ nᵢ CLVᵢ / Σ nᵢ`, `Var ≈ gᵀ Σ g` with `g` the gradient in
/// `(r, α, a, b, p, q, v)` (forward differences, step 10⁻⁴ relative) and
/// `Σ` block-diagonal (the models are fitted separately; FHL 2005 assume
/// spend independent of transactions) — [`cxi_models::rfm_clv::total_clv_interval`]
/// with a weight per customer. Both are computed for a margin of 1 and
/// multiplied by the margin last, so they are exactly proportional to it;
/// the BG/NBD passes come from the memo of [`super::series::discounted`].
pub fn mean_clv_interval(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
) -> Option<(f64, f64)> {
    mean_clv_interval_with(customers, b, gg, gg_cov, settings, true)
}

pub(super) fn mean_clv_interval_with(
    customers: &[(Rfm, f64)],
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    gg_cov: &[[f64; 3]; 3],
    settings: &ClvSettings,
    memo: bool,
) -> Option<(f64, f64)> {
    let n: f64 = customers.iter().map(|c| c.1).sum();
    if n <= 0.0 {
        return None;
    }
    let mr = settings.margin_rate();
    let points: Vec<Rfm> = customers.iter().map(|c| c.0).collect();
    let d = super::series::discounted(&b.params, super::series::SETS, &points, settings, memo);
    // Discounted purchases per customer under each BG/NBD parameter set.
    let disc = |s: usize| -> Option<Vec<f64>> {
        d.iter()
            .map(|x| x.get(s).copied().flatten().map(|v| v.purchases))
            .collect()
    };
    let spend = |g: &GammaGammaParams| -> Option<Vec<f64>> {
        customers
            .iter()
            .map(|(r, _)| {
                g.expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                    .ok()
            })
            .collect()
    };
    // Margin-free total.
    let total = |d: &[f64], z: &[f64]| -> f64 {
        customers
            .iter()
            .zip(d.iter().zip(z))
            .map(|((_, w), (d, z))| w * d * z)
            .sum()
    };
    let d0 = disc(0)?;
    let z0 = spend(gg)?;
    let base = total(&d0, &z0);
    let p = &b.params;
    let bgv = [p.r(), p.alpha(), p.a(), p.b()];
    let mut g_bg = [0.0; 4];
    for i in 0..4 {
        let h = super::series::REL_STEP * bgv[i];
        g_bg[i] = (total(&disc(i + 1)?, &z0) - base) / h;
    }
    let ggv = [gg.p(), gg.q(), gg.v()];
    let mut g_gg = [0.0; 3];
    for i in 0..3 {
        let mut q = ggv;
        let h = super::series::REL_STEP * q[i];
        q[i] += h;
        let gp = GammaGammaParams::new(q[0], q[1], q[2]).ok()?;
        g_gg[i] = (total(&d0, &spend(&gp)?) - base) / h;
    }
    let mut var = 0.0;
    for i in 0..4 {
        for j in 0..4 {
            var += g_bg[i] * b.covariance[i][j] * g_bg[j];
        }
    }
    for i in 0..3 {
        for j in 0..3 {
            var += g_gg[i] * gg_cov[i][j] * g_gg[j];
        }
    }
    let mean = mr * (base / n);
    let se = mr * (var.max(0.0).sqrt() / n);
    (mean.is_finite() && se.is_finite()).then_some((mean, se))
}

pub(super) fn bgnbd_view(
    s: &ValueSlice,
    b: &BgNbdEvidence,
    segment: Option<&str>,
    v: &mut ValueView,
) {
    let locale = s.locale;
    let t = locale.strings().value;
    let units = locale.strings().unit_plural(b.unit);
    let p = &b.params;
    let se = |i: usize| finite_or_missing(Figure::number(b.covariance[i][i].sqrt(), 3));
    v.params = vec![
        ParamRow {
            name: "r".into(),
            estimate: Figure::number(p.r(), 3),
            std_error: se(0),
        },
        ParamRow {
            name: "α".into(),
            estimate: Figure::number(p.alpha(), 3),
            std_error: se(1),
        },
        ParamRow {
            name: "a".into(),
            estimate: Figure::number(p.a(), 3),
            std_error: se(2),
        },
        ParamRow {
            name: "b".into(),
            estimate: Figure::number(p.b(), 3),
            std_error: se(3),
        },
    ];
    if let Some(g) = &b.gamma_gamma {
        let gse = |i: usize| finite_or_missing(Figure::number(b.gg_covariance[i][i].sqrt(), 3));
        v.params.extend([
            ParamRow {
                name: "p".into(),
                estimate: Figure::number(g.p(), 3),
                std_error: gse(0),
            },
            ParamRow {
                name: "q".into(),
                estimate: Figure::number(g.q(), 3),
                std_error: gse(1),
            },
            ParamRow {
                name: "v".into(),
                estimate: Figure::number(g.v(), 3),
                std_error: gse(2),
            },
        ]);
        if b.gg_correlation.abs() > 0.3 {
            v.notes.push(fill(
                t.note_correlation,
                &[("corr", &format::number(locale, b.gg_correlation, 2))],
            ));
        }
    }
    if b.unit_assumed {
        v.notes.push(t.note_unit_assumed.into());
    }
    let seg_idx = segment
        .and_then(|g| b.segments.iter().position(|x| x == g))
        .map_or(0, |i| i as u16 + 1);
    let horizon = s.value.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let settings = ClvSettings::new(
        b.unit,
        PeriodUnit::Month,
        horizon,
        s.clv.annual_discount_pct / 100.0,
        s.value.margin_rate_pct / 100.0,
    );
    v.charts.push(p_alive_chart(locale, b, seg_idx));
    let how_inputs = vec![
        (
            t.in_horizon.to_string(),
            Figure::Periods {
                value: f64::from(horizon),
                unit: PeriodUnit::Month,
            },
        ),
        (
            t.in_discount_annual.to_string(),
            Figure::Percent {
                value: s.clv.annual_discount_pct / 100.0,
                decimals: 1,
            },
        ),
        (
            t.in_margin_rate.to_string(),
            Figure::Percent {
                value: s.value.margin_rate_pct / 100.0,
                decimals: 1,
            },
        ),
        (
            "r, α, a, b".to_string(),
            Figure::Text(format!(
                "{}, {}, {}, {}",
                format::number(locale, p.r(), 3),
                format::number(locale, p.alpha(), 3),
                format::number(locale, p.a(), 3),
                format::number(locale, p.b(), 3)
            )),
        ),
        (
            t.in_customers.to_string(),
            Figure::number(b.customers as f64, 0),
        ),
        (
            t.in_unit.to_string(),
            Figure::Text(locale.strings().unit_name(b.unit).into()),
        ),
    ];
    v.headline.how = How {
        formula:
            "CLV = m · E[Z | x, z̄] · Σₖ (E[Y(kΔ) | x, tₓ, T] − E[Y((k−1)Δ) | x, tₓ, T]) / (1 + d)ᵏ"
                .into(),
        inputs: how_inputs,
        source: t.source_bgnbd.into(),
        caveats: t.caveats_bgnbd.into(),
    };
    let (Some(gg), Ok(settings)) = (&b.gamma_gamma, settings) else {
        v.headline.reading = t.reading_no_spend.into();
        return;
    };
    if let Some(g) = &b.gamma_gamma {
        v.headline.how.inputs.push((
            "p, q, v".into(),
            Figure::Text(format!(
                "{}, {}, {}",
                format::number(locale, g.p(), 3),
                format::number(locale, g.q(), 3),
                format::number(locale, g.v(), 3)
            )),
        ));
    }
    let values = bin_values(b, gg, &settings, seg_idx);
    let n: f64 = values.iter().map(|x| x.count).sum();
    let weighted: Vec<(Rfm, f64)> = values.iter().map(|x| (x.rfm, x.count)).collect();
    if let Some((mean, se)) = mean_clv_interval(&weighted, b, gg, &b.gg_covariance, &settings) {
        v.headline.figure = finite_or_missing(Figure::Money(mean));
        v.headline.interval = (se > 0.0).then(|| {
            (
                Figure::Money(mean - Z90 * se),
                Figure::Money(mean + Z90 * se),
                t.interval90.to_string(),
            )
        });
        let alive = values.iter().map(|x| x.p_alive * x.count).sum::<f64>() / n;
        v.headline.reading = fill(
            t.reading_bgnbd,
            &[
                ("value", &format::money_whole(locale, s.currency, mean)),
                ("months", &horizon.to_string()),
                ("alive", &format::percent(locale, alive, 0)),
                ("customers", &format::number(locale, n.round(), 0)),
            ],
        );
        v.headline
            .how
            .inputs
            .push((t.in_p_alive.into(), Figure::percent(alive)));
    }
    let _ = units;
    v.charts
        .push(distribution_chart(locale, s.currency, &values));
    v.at_risk = Some(at_risk_table(locale, b, gg, &settings, seg_idx));
}
