//! Customers at risk: most expected value lost first.

use super::evidence::BgNbdEvidence;
use cxi_models::gamma_gamma::GammaGammaParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm_clv::ClvSettings;

/// One customer at risk, valued with the current settings.
#[derive(Debug, Clone, PartialEq)]
pub struct AtRisk {
    pub id: String,
    pub segment: u16,
    pub rfm: Rfm,
    pub p_alive: f64,
    pub clv: f64,
    /// `(1 − P(alive)) ×` the value if surely alive.
    pub value_at_risk: f64,
}

/// Rows shown in the at-risk table.
pub const AT_RISK_ROWS: usize = 20;

/// The candidates of `seg` (0: all), valued and sorted by value at risk.
/// The value if alive is [`super::evidence::value_if_alive`]'s: the discounted
/// purchases at `t_x = T` over P(alive) there.
pub fn at_risk(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    seg: u16,
) -> Vec<AtRisk> {
    at_risk_with(b, gg, settings, seg, true)
}

pub(super) fn at_risk_with(
    b: &BgNbdEvidence,
    gg: &GammaGammaParams,
    settings: &ClvSettings,
    seg: u16,
    memo: bool,
) -> Vec<AtRisk> {
    let cands: Vec<&super::evidence::Candidate> = b
        .at_risk
        .iter()
        .filter(|c| seg == 0 || c.segment == seg)
        .collect();
    // Each candidate, then the same customer seen at `t_x = T`.
    let points: Vec<Rfm> = cands
        .iter()
        .flat_map(|c| {
            let r = c.rfm();
            [
                r,
                Rfm {
                    recency: r.age,
                    ..r
                },
            ]
        })
        .collect();
    let d = super::series::discounted(&b.params, 1, &points, settings, memo);
    let mr = settings.margin_rate();
    let mut out: Vec<AtRisk> = cands
        .iter()
        .zip(d.chunks(2))
        .filter_map(|(c, d)| {
            let r = c.rfm();
            let now = d.first()?.first().copied().flatten()?;
            let probe = d.get(1)?.first().copied().flatten()?;
            let spend = gg
                .expected_average_spend(r.frequency, r.monetary_value.max(0.0))
                .ok()?;
            let probe_spend = gg.expected_average_spend(r.frequency, 1.0).ok()?;
            if !(probe.p_alive > 0.0 && probe_spend > 0.0) {
                return None;
            }
            let alive = probe.purchases / probe.p_alive;
            let var = mr * (spend * alive * (1.0 - now.p_alive));
            var.is_finite().then(|| AtRisk {
                id: c.id.clone(),
                segment: c.segment,
                rfm: r,
                p_alive: now.p_alive,
                clv: mr * (spend * now.purchases),
                value_at_risk: var,
            })
        })
        .collect();
    out.sort_by(|a, b| b.value_at_risk.total_cmp(&a.value_at_risk));
    out.truncate(AT_RISK_ROWS);
    out
}
