//! What a continuous-time repeat-purchase model must give for its
//! forecasts to be checked against a holdout period ([`crate::holdout`]):
//! the expected purchases of a new customer, and of a customer given their
//! history. BG/NBD, Pareto/NBD and MBG/NBD implement it here, each through
//! its own closed forms.

use super::bgnbd::{BgNbdError, BgNbdParams};
use super::mbgnbd::{MbgNbdError, MbgNbdParams};
use super::pareto_nbd::{ParetoNbdError, ParetoNbdParams};

/// A fitted model of repeat purchases in continuous time. All times are in
/// the model time unit of the data it was fitted on.
pub trait RepeatPurchaseModel {
    /// Why a forecast failed.
    type Error: std::error::Error;

    /// Expected purchases in `(T, T + t]` of a customer with `frequency`
    /// repeat purchases, the last at `recency`, observed for `age`.
    fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, Self::Error>;

    /// Expected repeat purchases in `(0, t]` of a customer just acquired.
    fn expected_purchases(&self, t: f64) -> Result<f64, Self::Error>;
}

/// Each model's trait methods are its own inherent closed forms.
macro_rules! closed_forms {
    ($(#[$doc:meta])* $params:ty, $error:ty) => {
        $(#[$doc])*
        impl RepeatPurchaseModel for $params {
            type Error = $error;

            fn conditional_expected_purchases(
                &self,
                t: f64,
                frequency: u32,
                recency: f64,
                age: f64,
            ) -> Result<f64, $error> {
                <$params>::conditional_expected_purchases(self, t, frequency, recency, age)
            }

            fn expected_purchases(&self, t: f64) -> Result<f64, $error> {
                <$params>::expected_purchases(self, t)
            }
        }
    };
}

closed_forms!(
    /// BG/NBD (Fader, Hardie & Lee 2005); see
    /// [`BgNbdParams::conditional_expected_purchases`].
    BgNbdParams, BgNbdError);
closed_forms!(
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    ///
    /// # Formula
    /// `E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^{s−1}]
    /// · P(alive | x, t_x, T)` (Fader, Hardie & Lee 2005, "A Note on Deriving
    /// the Pareto/NBD Model", eq. 22) and `E[X(t)] = r β / (α (s−1))
    /// [1 − (β/(β+t))^{s−1}]` (eq. 17), both with their `s → 1` limits; see
    /// [`ParetoNbdParams::conditional_expected_purchases`].
    ParetoNbdParams, ParetoNbdError);
closed_forms!(
    /// MBG/NBD (Batislam, Denizel & Filiztekin 2007).
    ///
    /// # Formula
    /// `E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^{r+x}
    /// ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive | x, t_x, T)` (Batislam
    /// et al. 2007 in Wagner & Hoppe's 2008 corrected form: given alive at T,
    /// λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x+1)) and
    /// `E[X(t)] = b/(a−1) [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]`; see
    /// [`MbgNbdParams::conditional_expected_purchases`].
    MbgNbdParams, MbgNbdError);
