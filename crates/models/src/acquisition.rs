//! Acquisition cost, payback and cost to serve.
//!
//! Definitions follow common SaaS/e-commerce finance practice as set out in
//! Gupta & Lehmann (2005), *Managing Customers as Investments*, ch. 3
//! (acquisition cost, LTV vs acquisition cost) and Skok (2013), "SaaS
//! Metrics 2.0" (CAC, months to recover CAC, LTV:CAC).

use super::clv::ClvInputs;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an acquisition input was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum AcquisitionError {
    /// A money amount or count is negative or not finite.
    NotANonNegativeNumber {
        /// Name of the input, as shown to the user.
        field: &'static str,
        /// The value that was refused.
        value: f64,
    },
    /// CAC needs at least one new customer.
    NoNewCustomers,
    /// Monthly margin per customer must be positive for CAC to be recovered.
    MarginNotPositive(f64),
    /// `channel` (0-based) has an invalid field.
    Channel {
        /// Position of the channel in the input list, 0-based.
        index: usize,
        /// The channel's name.
        name: String,
        /// What is wrong with the channel's field.
        error: Box<AcquisitionError>,
    },
    /// Monthly churn outside `[0, 1)`.
    ChurnOutOfRange(f64),
}

impl fmt::Display for AcquisitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AcquisitionError::NotANonNegativeNumber { field, value } => {
                write!(f, "{field} must be a number >= 0: got {value}")
            }
            AcquisitionError::NoNewCustomers => {
                write!(f, "new customers must be greater than 0 to compute CAC")
            }
            AcquisitionError::MarginNotPositive(m) => write!(
                f,
                "monthly margin per customer must be greater than 0: got {m} (CAC is never recovered)"
            ),
            AcquisitionError::Channel { name, error, .. } => {
                write!(f, "channel `{name}`: {error}")
            }
            AcquisitionError::ChurnOutOfRange(c) => {
                write!(f, "monthly churn must be in [0,1): got {c}")
            }
        }
    }
}

impl std::error::Error for AcquisitionError {}

fn non_negative(field: &'static str, value: f64) -> Result<f64, AcquisitionError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(AcquisitionError::NotANonNegativeNumber { field, value })
    }
}

/// Customer acquisition cost.
///
/// # Formula
/// `CAC = acquisition spend / new customers` (currency per customer).
pub fn cac(spend: f64, new_customers: f64) -> Result<f64, AcquisitionError> {
    let s = non_negative("acquisition spend", spend)?;
    let n = non_negative("new customers", new_customers)?;
    if n == 0.0 {
        return Err(AcquisitionError::NoNewCustomers);
    }
    Ok(s / n)
}

/// Spend and customers won by one acquisition channel over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// Channel name (e.g. "paid search").
    pub name: String,
    /// Acquisition spend on the channel over the period, in currency.
    pub spend: f64,
    /// New customers the channel won over the same period.
    pub new_customers: f64,
}

/// CAC per channel and blended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacReport {
    /// Total spend over total new customers.
    pub blended: f64,
    /// Spend summed over the channels, in currency.
    pub total_spend: f64,
    /// New customers summed over the channels.
    pub total_new_customers: f64,
    /// `(name, CAC)`; `None` for a channel that won no customer (its spend
    /// still counts in the blended CAC).
    pub per_channel: Vec<(String, Option<f64>)>,
}

/// CAC of each channel and the blended CAC.
///
/// # Formula
/// `CAC_c = spend_c / new_c`; `CAC_blended = Σ spend_c / Σ new_c` — the
/// customer-weighted mean of the channel CACs, not their plain average.
pub fn cac_by_channel(channels: &[Channel]) -> Result<CacReport, AcquisitionError> {
    let mut per_channel = Vec::with_capacity(channels.len());
    let (mut total_spend, mut total_new) = (0.0, 0.0);
    for (index, ch) in channels.iter().enumerate() {
        let wrap = |e| AcquisitionError::Channel {
            index,
            name: ch.name.clone(),
            error: Box::new(e),
        };
        let s = non_negative("acquisition spend", ch.spend).map_err(wrap)?;
        let n = non_negative("new customers", ch.new_customers).map_err(wrap)?;
        total_spend += s;
        total_new += n;
        per_channel.push((ch.name.clone(), if n > 0.0 { Some(s / n) } else { None }));
    }
    Ok(CacReport {
        blended: cac(total_spend, total_new)?,
        total_spend,
        total_new_customers: total_new,
        per_channel,
    })
}

/// Months of margin needed to recover the acquisition cost, ignoring churn.
///
/// # Formula
/// `payback = CAC / monthly margin per customer` (Skok 2013, "months to
/// recover CAC").
pub fn payback_months(cac: f64, monthly_margin: f64) -> Result<f64, AcquisitionError> {
    let c = non_negative("CAC", cac)?;
    if !(monthly_margin.is_finite() && monthly_margin > 0.0) {
        return Err(AcquisitionError::MarginNotPositive(monthly_margin));
    }
    Ok(c / monthly_margin)
}

/// Months until the expected cumulative margin of a new customer, with
/// constant monthly churn, covers the CAC; `None` if it never does.
///
/// # Formula
/// Margin paid at the start of each month alive, survival `r^k` with
/// `r = 1 − churn`: cumulative after `n` months `m (1 − r^n)/(1 − r)`;
/// solving `= CAC` gives `n = ln(1 − CAC (1 − r)/m) / ln r`, defined when
/// `CAC < m/(1 − r)` (the undiscounted lifetime margin). With zero churn it
/// is the plain payback.
pub fn payback_months_with_churn(
    cac: f64,
    monthly_margin: f64,
    monthly_churn: f64,
) -> Result<Option<f64>, AcquisitionError> {
    let plain = payback_months(cac, monthly_margin)?;
    if !(0.0..1.0).contains(&monthly_churn) {
        return Err(AcquisitionError::ChurnOutOfRange(monthly_churn));
    }
    if monthly_churn == 0.0 {
        return Ok(Some(plain));
    }
    let r = 1.0 - monthly_churn;
    let need = 1.0 - cac * monthly_churn / monthly_margin;
    if need <= 0.0 {
        return Ok(None);
    }
    Ok(Some(need.ln() / r.ln()))
}

/// LTV to CAC ratio (3 is the usual rule of thumb for a healthy business).
///
/// # Formula
/// `LTV : CAC = CLV / CAC`; `None` when CAC is 0 (free acquisition: the
/// ratio is unbounded).
pub fn ltv_to_cac(clv: f64, cac: f64) -> Result<Option<f64>, AcquisitionError> {
    if !clv.is_finite() {
        return Err(AcquisitionError::NotANonNegativeNumber {
            field: "CLV",
            value: clv,
        });
    }
    let c = non_negative("CAC", cac)?;
    Ok(if c == 0.0 { None } else { Some(clv / c) })
}

/// Cost to serve one customer for one period.
///
/// # Formula
/// `cost = support contacts per customer × cost per contact + other costs
/// per customer` (all per period, currency).
pub fn cost_to_serve(
    contacts_per_customer: f64,
    cost_per_contact: f64,
    other_per_customer: f64,
) -> Result<f64, AcquisitionError> {
    Ok(
        non_negative("support contacts per customer", contacts_per_customer)?
            * non_negative("cost per contact", cost_per_contact)?
            + non_negative("other cost per customer", other_per_customer)?,
    )
}

/// Lifetime cost to serve: the per-period cost discounted and weighted by
/// survival exactly as the margin in `clv` is.
///
/// # Formula
/// `cost per period × clv.multiple()` (the same margin multiple as the
/// closed-form CLV, Fader & Hardie 2012).
pub fn lifetime_cost_to_serve(
    cost_per_period: f64,
    clv: &ClvInputs,
) -> Result<f64, AcquisitionError> {
    Ok(non_negative("cost to serve", cost_per_period)? * clv.multiple())
}

/// Net customer value after acquisition and service costs.
///
/// # Formula
/// `net CLV = CLV − CAC − lifetime cost to serve`, all in present-value
/// currency per customer (use [`lifetime_cost_to_serve`] for the last term).
pub fn net_clv(clv: f64, cac: f64, lifetime_cost_to_serve: f64) -> Result<f64, AcquisitionError> {
    if !clv.is_finite() {
        return Err(AcquisitionError::NotANonNegativeNumber {
            field: "CLV",
            value: clv,
        });
    }
    Ok(clv
        - non_negative("CAC", cac)?
        - non_negative("lifetime cost to serve", lifetime_cost_to_serve)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clv::FirstPayment;
    use cxi_testkit::assert_close;
    use cxi_types::period::PeriodUnit;

    fn ch(name: &str, spend: f64, n: f64) -> Channel {
        Channel {
            name: name.into(),
            spend,
            new_customers: n,
        }
    }

    /// Reference: hand computation. Search 10,000 € → 100 customers (100 €),
    /// social 6,000 € → 20 (300 €), events 1,000 € → 0; blended
    /// 17,000/120 = 141.67 €, not the mean of channel CACs (200 €).
    #[test]
    fn blended_and_channel_cac_by_hand() {
        let r = cac_by_channel(&[
            ch("search", 10_000.0, 100.0),
            ch("social", 6_000.0, 20.0),
            ch("events", 1_000.0, 0.0),
        ])
        .unwrap();
        assert_close!(r.blended, 17_000.0 / 120.0, 1e-12);
        assert_eq!(r.per_channel[0], ("search".to_string(), Some(100.0)));
        assert_eq!(r.per_channel[1].1, Some(300.0));
        assert_eq!(r.per_channel[2].1, None);
        let e = cac_by_channel(&[ch("tv", -5.0, 3.0)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "channel `tv`: acquisition spend must be a number >= 0: got -5"
        );
        assert_eq!(cac(100.0, 0.0), Err(AcquisitionError::NoNewCustomers));
    }

    /// Reference: hand computation with Skok's definition: CAC 1,200 $ and
    /// 100 $/month margin → 12 months. With 2 % monthly churn: ln(1 − 1200·0.02/100)/ln 0.98 =
    /// ln 0.76 / ln 0.98 = 13.584 months; never when CAC ≥ m/churn.
    #[test]
    fn payback_by_hand() {
        assert_eq!(payback_months(1_200.0, 100.0).unwrap(), 12.0);
        let p = payback_months_with_churn(1_200.0, 100.0, 0.02)
            .unwrap()
            .unwrap();
        assert_close!(p, 0.76f64.ln() / 0.98f64.ln(), 1e-12);
        assert_close!(p, 13.584_16, 1e-5);
        assert_eq!(
            payback_months_with_churn(6_000.0, 100.0, 0.02).unwrap(),
            None
        );
        assert_eq!(
            payback_months_with_churn(1_200.0, 100.0, 0.0).unwrap(),
            Some(12.0)
        );
        assert!(payback_months(100.0, 0.0).is_err());
        // Cross-check with the month-by-month sum: after ceil(p) months the
        // cumulative margin covers CAC, one month earlier it does not.
        let cum = |n: i32| 100.0 * (1.0 - 0.98f64.powi(n)) / 0.02;
        assert!(cum(14) >= 1_200.0 && cum(13) < 1_200.0);
    }

    /// Reference: hand computation. CLV 900, CAC 300 → 3.0; contacts 2 ×
    /// 6 € + 4 € = 16 € per month; monthly retention 0.9, d = 1 %, first
    /// payment excluded: multiple 0.9/0.11 = 8.1818; lifetime cost 130.91;
    /// net = 900 − 300 − 130.91 = 469.09.
    #[test]
    fn ratio_cost_to_serve_and_net_by_hand() {
        assert_eq!(ltv_to_cac(900.0, 300.0).unwrap(), Some(3.0));
        assert_eq!(ltv_to_cac(900.0, 0.0).unwrap(), None);
        let cts = cost_to_serve(2.0, 6.0, 4.0).unwrap();
        assert_eq!(cts, 16.0);
        let inputs =
            ClvInputs::new(50.0, 0.9, 0.01, PeriodUnit::Month, FirstPayment::Excluded).unwrap();
        let life = lifetime_cost_to_serve(cts, &inputs).unwrap();
        assert_close!(life, 16.0 * 0.9 / 0.11, 1e-12);
        let net = net_clv(900.0, 300.0, life).unwrap();
        assert_close!(net, (900.0 - 300.0 - 130.909_090_909_090_9), 1e-9);
        assert!(cost_to_serve(f64::NAN, 1.0, 0.0).is_err());
    }
}
