//! A measure's mean in one group and the high − low contrast (promoters
//! against detractors, top band against bottom band), with intervals by
//! the delta method.
//!
//! Why the delta method rather than a bootstrap: it is exact arithmetic in
//! one pass, so the same tables always give the same interval with no seed
//! to state, and it stays O(n) where 2,000 resamples of 200,000 answers
//! would be 400 million draws in the browser. Its normal approximation is
//! weak for small groups: [`Contrast::small`] flags fewer than
//! [`SMALL_SAMPLE`] customers on either side, and the coverage is checked
//! by simulation in the tests (`tests/planted.rs`).
//!
//! Units are answers, grouped in clusters by customer: under
//! [`AnswerRule::EachAnswer`](crate::AnswerRule::EachAnswer) one customer's
//! answers are not independent, so the variance is that of customer totals
//! (a customer who answered as a promoter and later as a detractor is in
//! both groups, and the covariance term counts it). With one answer per
//! customer the formulas reduce to the usual `s²/n`.

pub use cxi_models::rating::SMALL_SAMPLE;
use serde::{Deserialize, Serialize};

/// An estimate with its standard error and two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The point estimate.
    pub estimate: f64,
    /// Its standard error (of `ln` of the estimate for a ratio).
    pub se: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether `x` lies within `[low, high]`.
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// A measure's mean over one group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Answers measured.
    pub n: usize,
    /// Distinct customers among them.
    pub customers: usize,
    /// The mean (a rate for a 0/1 measure).
    pub value: f64,
    /// Its standard error with customers as the units (the cluster-robust
    /// [`Clusters::variance`]'s root); `None` under two customers. Joins
    /// saved before it was kept read `None`.
    #[serde(default)]
    pub se: Option<f64>,
}

impl Estimate {
    /// `value ± z·se`, or `None` without a standard error.
    pub fn interval(&self, z: f64) -> Option<(f64, f64)> {
        let se = self.se.filter(|s| s.is_finite())?;
        Some((self.value - z * se, self.value + z * se))
    }
}

/// One group's values of one measure: `(customer key, value)` per answer.
pub(crate) type Values = Vec<(u32, f64)>;

/// Per customer: key, sum of values, number of answers; by key.
#[derive(Debug, Clone)]
struct Clusters {
    rows: Vec<(u32, f64, f64)>,
    answers: f64,
    mean: f64,
}

impl Clusters {
    fn of(values: &[(u32, f64)]) -> Clusters {
        let mut v = values.to_vec();
        // Stable, so that one customer's values are summed in row order.
        v.sort_by_key(|p| p.0);
        let mut rows: Vec<(u32, f64, f64)> = Vec::new();
        for (k, y) in v {
            match rows.last_mut() {
                Some(last) if last.0 == k => {
                    last.1 += y;
                    last.2 += 1.0;
                }
                _ => rows.push((k, y, 1.0)),
            }
        }
        let answers = values.len() as f64;
        let mean = values.iter().map(|p| p.1).sum::<f64>() / answers;
        Clusters {
            rows,
            answers,
            mean,
        }
    }

    /// Influence of customer `i` on the mean.
    ///
    /// # Formula
    /// `e_c = (y_c − r·m_c) / M`
    fn influence(&self, i: usize) -> f64 {
        let (_, y, m) = self.rows[i];
        (y - self.mean * m) / self.answers
    }

    /// # Formula
    /// `Var(r) = n/(n−1) · Σ_c e_c²`, `n` customers.
    fn variance(&self) -> f64 {
        let n = self.rows.len() as f64;
        let s: f64 = (0..self.rows.len())
            .map(|i| self.influence(i).powi(2))
            .sum();
        s * n / (n - 1.0)
    }

    /// # Formula
    /// `Cov(r_H, r_L) = n/(n−1) · Σ_c e_Hc·e_Lc` over customers in both,
    /// `n` the customers in either.
    fn covariance(&self, other: &Clusters) -> f64 {
        let (mut i, mut j, mut s, mut union) = (0, 0, 0.0, 0usize);
        while i < self.rows.len() || j < other.rows.len() {
            union += 1;
            let a = self.rows.get(i).map_or(u32::MAX, |r| r.0);
            let b = other.rows.get(j).map_or(u32::MAX, |r| r.0);
            if a == b {
                s += self.influence(i) * other.influence(j);
                i += 1;
                j += 1;
            } else if a < b {
                i += 1;
            } else {
                j += 1;
            }
        }
        if s == 0.0 {
            0.0
        } else {
            s * union as f64 / (union as f64 - 1.0)
        }
    }
}

/// The mean of one group's values, `None` when there are none.
pub(crate) fn estimate(values: &[(u32, f64)]) -> Option<Estimate> {
    if values.is_empty() {
        return None;
    }
    let c = Clusters::of(values);
    let se = (c.rows.len() >= 2).then(|| c.variance().max(0.0).sqrt());
    Some(Estimate {
        n: values.len(),
        customers: c.rows.len(),
        value: c.mean,
        se,
    })
}

/// What is measured for each answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Share of answers followed by at least one purchase in the window
    /// (whole log: by at least two purchases, see [`crate::Basis`]).
    Repeat,
    /// Spend in the window per answer (whole log: total spend).
    Spend,
    /// Share of customers the CRM flags as churned.
    Churn,
    /// Support contacts per customer (CRM).
    Contacts,
}

impl Measure {
    /// All four, in the order the group rows list them.
    pub const ALL: [Measure; 4] = [
        Measure::Repeat,
        Measure::Spend,
        Measure::Churn,
        Measure::Contacts,
    ];
}

/// The high group against the low one on one measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Contrast {
    /// The measure.
    pub measure: Measure,
    /// `high − low` with its interval; `None` with fewer than 2 customers
    /// on a side.
    pub difference: Option<Interval>,
    /// `high / low` with its interval (normal on the log scale); `None`
    /// also when either mean is 0.
    pub ratio: Option<Interval>,
    /// Fewer than [`SMALL_SAMPLE`] customers on a side: the normal
    /// approximation is rough.
    pub small: bool,
}

/// The contrast of `high` against `low` values of `measure`, at critical
/// value `z` (1.96 for 95 %).
///
/// # Formula
/// `D = r_H − r_L`, `Var(D) = Var(r_H) + Var(r_L) − 2·Cov(r_H, r_L)`,
/// interval `D ± z·√Var(D)`;
/// `R = r_H / r_L`, `Var(ln R) = Var(r_H)/r_H² + Var(r_L)/r_L² −
/// 2·Cov/(r_H·r_L)`, interval `R·exp(±z·√Var(ln R))`.
pub(crate) fn contrast(
    measure: Measure,
    high: &[(u32, f64)],
    low: &[(u32, f64)],
    z: f64,
) -> Contrast {
    let (h, l) = (Clusters::of(high), Clusters::of(low));
    let n = h.rows.len().min(l.rows.len());
    let small = n < SMALL_SAMPLE as usize;
    if high.is_empty() || low.is_empty() || n < 2 {
        return Contrast {
            measure,
            difference: None,
            ratio: None,
            small,
        };
    }
    let (vh, vl, cov) = (h.variance(), l.variance(), h.covariance(&l));
    let d = h.mean - l.mean;
    let se = (vh + vl - 2.0 * cov).max(0.0).sqrt();
    let difference = Some(Interval {
        estimate: d,
        se,
        low: d - z * se,
        high: d + z * se,
    });
    let ratio = (h.mean > 0.0 && l.mean > 0.0).then(|| {
        let r = h.mean / l.mean;
        let v = vh / h.mean.powi(2) + vl / l.mean.powi(2) - 2.0 * cov / (h.mean * l.mean);
        let se = v.max(0.0).sqrt();
        Interval {
            estimate: r,
            se,
            low: r * (-z * se).exp(),
            high: r * (z * se).exp(),
        }
    });
    Contrast {
        measure,
        difference,
        ratio,
        small,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;
    use cxi_testkit::prec::REL_1E12;

    fn iid(values: &[f64], from: u32) -> Values {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| (from + i as u32, v))
            .collect()
    }

    /// One answer per customer: Welch's standard error, by hand.
    /// high = [1, 2, 3, 4] (mean 2.5, s² = 5/3), low = [1, 1, 2, 0]
    /// (mean 1, s² = 2/3): Var(D) = (5/3)/4 + (2/3)/4 = 7/12.
    #[test]
    fn one_answer_each_is_welch() {
        let c = contrast(
            Measure::Spend,
            &iid(&[1.0, 2.0, 3.0, 4.0], 0),
            &iid(&[1.0, 1.0, 2.0, 0.0], 10),
            1.959963984540054,
        );
        let d = c.difference.unwrap();
        assert_close!(d.estimate, 1.5, 1e-15);
        assert_close!(d.se, (7.0f64 / 12.0).sqrt(), 1e-15);
        assert_close!(
            d.low,
            1.5 - 1.959963984540054 * (7.0f64 / 12.0).sqrt(),
            1e-14
        );
        // ln R: (5/3)/4/2.5² + (2/3)/4/1² = 1/15 + 1/6 = 7/30.
        let r = c.ratio.unwrap();
        assert_close!(r.estimate, 2.5, 1e-15);
        assert_close!(r.se, (7.0f64 / 30.0).sqrt(), 1e-15);
        assert!(c.small);
    }

    /// Clusters: customer 1 answers twice as a promoter (values 2 and 4),
    /// customer 2 once (0): r = 2, M = 3; e₁ = (6 − 2·2)/3 = 2/3,
    /// e₂ = (0 − 2)/3 = −2/3; Var = 2/1 · 8/9 = 16/9.
    #[test]
    fn customers_not_answers_are_the_units() {
        let c = Clusters::of(&[(1, 2.0), (2, 0.0), (1, 4.0)]);
        assert_close!(c.mean, 2.0, 1e-15);
        assert_close!(c.variance(), 16.0 / 9.0, 1e-15);
    }

    /// A customer in both groups moves the difference's variance by the
    /// covariance term: high {1: 1, 2: 0}, low {1: 1, 3: 0}.
    /// e_H = (1/4, −1/4) for (1, 2); e_L = (1/4, −1/4) for (1, 3);
    /// Var = 2·(1/8) each; Cov = 3/2 · (1/16) = 3/32; Var(D) = 1/2 − 3/16.
    #[test]
    fn shared_customers_covary() {
        let c = contrast(
            Measure::Repeat,
            &[(1, 1.0), (2, 0.0)],
            &[(1, 1.0), (3, 0.0)],
            1.0,
        );
        let d = c.difference.unwrap();
        assert_close!(d.estimate, 0.0, 1e-15);
        assert_close!(d.se * d.se, 0.5 - 3.0 / 16.0, 1e-15);
    }

    #[test]
    fn too_few_or_zero_means_give_no_interval() {
        let one = contrast(Measure::Spend, &[(1, 3.0)], &iid(&[1.0, 2.0], 5), 1.96);
        assert!(one.difference.is_none() && one.ratio.is_none());
        let zero = contrast(
            Measure::Churn,
            &iid(&[1.0, 0.0], 0),
            &iid(&[0.0, 0.0], 5),
            1.96,
        );
        assert!(zero.difference.is_some() && zero.ratio.is_none());
    }

    #[test]
    fn estimate_counts_customers() {
        let e = estimate(&[(7, 1.0), (7, 0.0), (9, 1.0)]).unwrap();
        assert_eq!((e.n, e.customers), (3, 2));
        cxi_testkit::assert_rel!(e.value, 2.0 / 3.0, REL_1E12);
        // Customer 7: y = 1, m = 2; customer 9: y = 1, m = 1; r = 2/3,
        // M = 3: e₇ = (1 − 4/3)/3 = −1/9, e₉ = (1 − 2/3)/3 = 1/9;
        // Var = 2/1 · 2/81 = 4/81, se = 2/9.
        cxi_testkit::assert_rel!(e.se.unwrap(), 2.0 / 9.0, REL_1E12);
        let (lo, hi) = e.interval(2.0).unwrap();
        cxi_testkit::assert_rel!(lo, 2.0 / 3.0 - 4.0 / 9.0, REL_1E12);
        cxi_testkit::assert_rel!(hi, 2.0 / 3.0 + 4.0 / 9.0, REL_1E12);
        assert_eq!(estimate(&[(1, 5.0), (1, 7.0)]).unwrap().se, None);
        assert!(estimate(&[]).is_none());
    }
}
