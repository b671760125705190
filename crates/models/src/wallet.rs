//! Penetration and share of wallet.
//!
//! * Penetration: customers buying a category / all customers.
//! * Share of wallet from a customer's ranking of the brands they use, by the
//!   Wallet Allocation Rule: Keiningham, Aksoy, Buoye & Cooil (2011),
//!   "Customer loyalty isn't enough. Grow your share of wallet", *Harvard
//!   Business Review* 89(10); Keiningham et al. (2015), "Perceptions are
//!   relative", *Journal of Service Management* / *MIT Sloan Management
//!   Review* "The Wallet Allocation Rule".

#![warn(missing_docs)]

use super::stats::{adjusted_wald_proportion, mean_interval, ConfidenceLevel};
use super::stats::{MeanInterval, ProportionInterval};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a penetration or wallet input was refused.
// The variants' docs name their payload fields.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum WalletError {
    /// More buyers than customers.
    BuyersExceedCustomers { buyers: u64, customers: u64 },
    /// No brand ranked.
    NoBrands,
    /// A rank is outside `[1, n]` or not finite (position is 0-based).
    BadRank {
        index: usize,
        rank: f64,
        brands: usize,
    },
    /// Ranks do not average `(n + 1)/2` (they must be 1..n, ties averaged).
    RanksNotAPermutation,
    /// A satisfaction score is not finite (position is 0-based).
    BadScore { index: usize, score: f64 },
}

impl fmt::Display for WalletError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalletError::BuyersExceedCustomers { buyers, customers } => {
                write!(f, "buyers ({buyers}) cannot exceed customers ({customers})")
            }
            WalletError::NoBrands => write!(f, "at least one brand must be ranked"),
            WalletError::BadRank {
                index,
                rank,
                brands,
            } => write!(
                f,
                "brand {}: rank must be between 1 and {brands}: got {rank}",
                index + 1
            ),
            WalletError::RanksNotAPermutation => write!(
                f,
                "ranks must be 1, 2, …, n (tied brands share the average of their ranks)"
            ),
            WalletError::BadScore { index, score } => write!(
                f,
                "brand {}: score must be a finite number: got {score}",
                index + 1
            ),
        }
    }
}

impl std::error::Error for WalletError {}

/// Category penetration with its adjusted-Wald interval.
///
/// # Formula
/// `penetration = buyers / customers` (a fraction).
pub fn penetration(
    buyers: u64,
    customers: u64,
    confidence: ConfidenceLevel,
) -> Result<ProportionInterval, WalletError> {
    if buyers > customers {
        return Err(WalletError::BuyersExceedCustomers { buyers, customers });
    }
    Ok(adjusted_wald_proportion(buyers, customers, confidence))
}

/// Share of wallet of each brand from its rank among the `n` brands the
/// customer uses (1 = preferred).
///
/// # Formula
/// `SoW_i = (1 − rank_i/(n + 1)) · 2/n`; the shares sum to 1 whenever the
/// ranks average `(n + 1)/2` (true for 1..n with ties averaged). A single
/// brand gets 100 %.
///
/// Source: Keiningham et al. (2011), HBR, "The Wallet Allocation Rule".
pub fn wallet_allocation(ranks: &[f64]) -> Result<Vec<f64>, WalletError> {
    let n = ranks.len();
    if n == 0 {
        return Err(WalletError::NoBrands);
    }
    let nf = n as f64;
    for (index, &rank) in ranks.iter().enumerate() {
        if !rank.is_finite() || rank < 1.0 || rank > nf {
            return Err(WalletError::BadRank {
                index,
                rank,
                brands: n,
            });
        }
    }
    let mean = ranks.iter().sum::<f64>() / nf;
    if (mean - (nf + 1.0) / 2.0).abs() > 1e-9 {
        return Err(WalletError::RanksNotAPermutation);
    }
    Ok(ranks
        .iter()
        .map(|&r| (1.0 - r / (nf + 1.0)) * 2.0 / nf)
        .collect())
}

/// Ranks (1 = highest score), ties sharing the average of their ranks.
pub fn ranks_from_scores(scores: &[f64]) -> Result<Vec<f64>, WalletError> {
    if let Some(index) = scores.iter().position(|s| !s.is_finite()) {
        return Err(WalletError::BadScore {
            index,
            score: scores[index],
        });
    }
    Ok(scores
        .iter()
        .map(|&s| {
            let higher = scores.iter().filter(|&&x| x > s).count() as f64;
            let equal = scores.iter().filter(|&&x| x == s).count() as f64;
            higher + (equal + 1.0) / 2.0
        })
        .collect())
}

/// Share of wallet of each brand from the customer's satisfaction (or NPS)
/// score of each brand they use: rank, then [`wallet_allocation`].
pub fn wallet_allocation_from_scores(scores: &[f64]) -> Result<Vec<f64>, WalletError> {
    wallet_allocation(&ranks_from_scores(scores)?)
}

/// One customer's scores for the brands they use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrandScores {
    /// `(brand, score)` pairs, higher score = preferred.
    pub scores: Vec<(String, f64)>,
}

/// Average share of wallet of `brand` among customers who use it, and the
/// share of customers who use it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrandWallet {
    /// Share of wallet among the brand's users (fractions), with t interval.
    pub share_of_wallet: MeanInterval,
    /// Share of customers using the brand, with adjusted-Wald interval.
    pub penetration: ProportionInterval,
    /// Overall share `penetration × share of wallet` (a fraction).
    pub market_share: f64,
}

/// Share of wallet of one brand over many customers by the Wallet Allocation
/// Rule.
pub fn brand_wallet(
    customers: &[BrandScores],
    brand: &str,
    confidence: ConfidenceLevel,
) -> Result<BrandWallet, WalletError> {
    let mut shares = Vec::new();
    for c in customers {
        let values: Vec<f64> = c.scores.iter().map(|(_, s)| *s).collect();
        if let Some(pos) = c.scores.iter().position(|(b, _)| b == brand) {
            let w = wallet_allocation_from_scores(&values)?;
            shares.push(w[pos]);
        }
    }
    let sow = mean_interval(&shares, confidence);
    let pen = adjusted_wald_proportion(shares.len() as u64, customers.len() as u64, confidence);
    Ok(BrandWallet {
        market_share: pen.estimate * sow.mean,
        share_of_wallet: sow,
        penetration: pen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    /// Reference: Keiningham et al. (2011), table of the Wallet Allocation
    /// Rule: 2 brands 66.7 / 33.3 %; 3 brands 50 / 33.3 / 16.7 %; 4 brands
    /// 40 / 30 / 20 / 10 %; 5 brands 33.3 / 26.7 / 20 / 13.3 / 6.7 %.
    /// Tolerance 1e-12 (exact fractions).
    #[test]
    fn keiningham_table() {
        let table: [&[f64]; 5] = [
            &[1.0],
            &[2.0 / 3.0, 1.0 / 3.0],
            &[0.5, 1.0 / 3.0, 1.0 / 6.0],
            &[0.4, 0.3, 0.2, 0.1],
            &[1.0 / 3.0, 4.0 / 15.0, 0.2, 2.0 / 15.0, 1.0 / 15.0],
        ];
        for want in table {
            let ranks: Vec<f64> = (1..=want.len()).map(|r| r as f64).collect();
            let got = wallet_allocation(&ranks).unwrap();
            for (g, w) in got.iter().zip(want) {
                assert_close!(g, w, 1e-12);
            }
        }
    }

    #[test]
    fn ties_share_the_average_rank() {
        let r = ranks_from_scores(&[9.0, 7.0, 9.0]).unwrap();
        assert_eq!(r, vec![1.5, 3.0, 1.5]);
        let w = wallet_allocation(&r).unwrap();
        assert_close!(w.iter().sum::<f64>(), 1.0, 1e-12);
        assert_close!(w[0], w[2], 1e-15);
    }

    #[test]
    fn refusals() {
        assert_eq!(wallet_allocation(&[]), Err(WalletError::NoBrands));
        assert_eq!(
            wallet_allocation(&[1.0, 3.0]).unwrap_err().to_string(),
            "brand 2: rank must be between 1 and 2: got 3"
        );
        assert_eq!(
            wallet_allocation(&[1.0, 1.0]),
            Err(WalletError::RanksNotAPermutation)
        );
        assert!(penetration(5, 4, ConfidenceLevel::NINETY_FIVE).is_err());
    }

    /// Reference: hand computation. Three customers; brand A is ranked 1 of 2,
    /// 2 of 2, absent → SoW 2/3 and 1/3, mean 0.5; penetration 2/3; market
    /// share 1/3.
    #[test]
    fn brand_wallet_hand_computed() {
        let c = |v: &[(&str, f64)]| BrandScores {
            scores: v.iter().map(|(b, s)| (b.to_string(), *s)).collect(),
        };
        let customers = vec![
            c(&[("A", 9.0), ("B", 5.0)]),
            c(&[("A", 4.0), ("B", 8.0)]),
            c(&[("B", 8.0)]),
        ];
        let w = brand_wallet(&customers, "A", ConfidenceLevel::NINETY_FIVE).unwrap();
        assert_close!(w.share_of_wallet.mean, 0.5, 1e-12);
        assert_close!(w.penetration.estimate, 2.0 / 3.0, 1e-12);
        assert_close!(w.market_share, 1.0 / 3.0, 1e-12);
    }
}
