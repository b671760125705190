//! The join's measurements as group economics: what each NPS category
//! spent after its answer (and, with a CRM table, how many churned and how
//! often they contacted support) in place of the illustrative relative
//! factors.
//!
//! Only behaviour measured **after** the answer is used for money
//! ([`Basis::AfterAnswer`]): a whole-log join mixes in what customers did
//! before they answered, which the page shows as an association but does
//! not value.

use cxi_link::{Basis, Estimate, Evidence, GroupTable};
use cxi_types::period::PeriodUnit;

/// Critical value of the 95 % intervals, as the join's contrasts use.
pub(super) const Z95: f64 = 1.959_963_984_540_054;

/// A per-period figure with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Band {
    pub(super) mid: f64,
    pub(super) low: f64,
    pub(super) high: f64,
}

/// The three categories' measured economics, per period of the unit.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Joined {
    /// Revenue per customer per period: detractor, passive, promoter.
    pub(super) spend: [Band; 3],
    /// Retention per period from the CRM's churn flag, when every
    /// category has one.
    pub(super) retention: Option<[Band; 3]>,
    /// Support contacts per customer from the CRM's count, when every
    /// category has one and someone contacted support: cost to serve is
    /// then shared out in proportion to them.
    pub(super) contacts: Option<[f64; 3]>,
    /// Answers measured (spend) over the three categories.
    pub(super) measured: usize,
    /// The window after each answer, days.
    pub(super) window_days: u32,
}

/// Days in one period of `unit` (a year is 365.25 days).
fn days_per(unit: PeriodUnit) -> f64 {
    365.25 / unit.per_year()
}

/// The mean and its interval, scaled by `k` and kept at or above zero
/// (an interval without a standard error is the point itself).
fn band(e: &Estimate, k: f64) -> Band {
    let (lo, hi) = e.interval(Z95).unwrap_or((e.value, e.value));
    Band {
        mid: (e.value * k).max(0.0),
        low: (lo * k).max(0.0),
        high: (hi * k).max(0.0),
    }
}

/// Cost to serve per group in proportion to its measured support contacts,
/// the share-weighted average kept at the average customer's `avg_cost`.
///
/// # Formula
/// `cost_g = avg_cost · c_g / Σ_h s_h c_h`, `c_g` the group's mean contacts
/// and `s_h` the page's group shares (as the illustrative factors are
/// normalised); `None` when `Σ s_h c_h` is 0.
pub(super) fn cost_by_contacts(
    avg_cost: f64,
    contacts: &[f64; 3],
    shares: [f64; 3],
) -> Option<[f64; 3]> {
    let total: f64 = shares.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let mean: f64 = (0..3).map(|g| shares[g] / total * contacts[g]).sum();
    (mean > 0.0 && mean.is_finite()).then(|| contacts.map(|c| avg_cost * c / mean))
}

/// Retention per period from a churn share read as a year's churn.
///
/// # Formula
/// `r = (1 − c)^(1 / periods per year)`, `c` clamped to `[0, 1]`; the
/// retention interval comes from the churn interval's ends, swapped.
fn retention(e: &Estimate, unit: PeriodUnit) -> Band {
    let per = |c: f64| (1.0 - c.clamp(0.0, 1.0)).powf(1.0 / unit.per_year());
    let (lo, hi) = e.interval(Z95).unwrap_or((e.value, e.value));
    Band {
        mid: per(e.value),
        low: per(hi),
        high: per(lo),
    }
}

/// The join's NPS-category economics per period of `unit`, or `None`
/// when it has no after-the-answer spend for each of the three categories.
pub(super) fn joined(ev: &Evidence, unit: PeriodUnit) -> Option<Joined> {
    of_table(&ev.basis, ev.nps.as_ref()?, unit)
}

/// The same for the CSAT and the CES bands (low, middle, high).
pub(super) fn joined_bands(ev: &Evidence, unit: PeriodUnit) -> [Option<Joined>; 2] {
    [ev.csat.as_ref(), ev.ces.as_ref()].map(|t| of_table(&ev.basis, t?, unit))
}

/// One score's three groups as economics.
///
/// # Formula
/// Spend per period `s_g = S_g · (365.25 / periods per year) / w`, `S_g`
/// the group's mean spend in the `w` days after an answer; its 95 %
/// interval scaled alike (customers as the units, see
/// [`cxi_link::contrast`]).
fn of_table<G>(basis: &Basis, table: &GroupTable<G>, unit: PeriodUnit) -> Option<Joined> {
    let Basis::AfterAnswer { window_days, .. } = *basis else {
        return None;
    };
    if window_days == 0 || table.groups.len() != 3 {
        return None;
    }
    let k = days_per(unit) / f64::from(window_days);
    let usable = |e: &Option<Estimate>| e.filter(|e| e.n > 0 && e.value.is_finite());
    let spends: Vec<Estimate> = table
        .groups
        .iter()
        .map(|g| usable(&g.spend))
        .collect::<Option<_>>()?;
    let spend = std::array::from_fn(|g| band(&spends[g], k));
    let churns: Option<Vec<Estimate>> = table.groups.iter().map(|g| usable(&g.churn)).collect();
    let retention = churns.map(|c| std::array::from_fn(|g| retention(&c[g], unit)));
    let contacts: Option<Vec<f64>> = table
        .groups
        .iter()
        .map(|g| usable(&g.contacts).map(|e| e.value.max(0.0)))
        .collect();
    let contacts = contacts
        .filter(|c| c.iter().any(|&x| x > 0.0))
        .map(|c| [c[0], c[1], c[2]]);
    Some(Joined {
        spend,
        retention,
        contacts,
        measured: spends.iter().map(|e| e.n).sum(),
        window_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: shares 0.2/0.3/0.5, contacts 3/2/1: Σ s c = 0.6 + 0.6 +
    /// 0.5 = 1.7, so with an average cost of 17 the groups cost 30, 20, 10,
    /// whose share-weighted mean is 6 + 6 + 5 = 17 again.
    #[test]
    fn cost_to_serve_follows_the_contacts_and_keeps_the_average() {
        let c = cost_by_contacts(17.0, &[3.0, 2.0, 1.0], [0.2, 0.3, 0.5]).unwrap();
        for (got, want) in c.iter().zip([30.0, 20.0, 10.0]) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        // Counts instead of shares: the same.
        assert_eq!(
            cost_by_contacts(17.0, &[3.0, 2.0, 1.0], [20.0, 30.0, 50.0]),
            Some(c)
        );
        // Nobody contacted support, or no answers: no measured split.
        assert_eq!(cost_by_contacts(17.0, &[0.0; 3], [0.2, 0.3, 0.5]), None);
        assert_eq!(cost_by_contacts(17.0, &[3.0, 2.0, 1.0], [0.0; 3]), None);
    }
}
