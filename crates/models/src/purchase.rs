//! What a continuous-time repeat-purchase model must give for its
//! forecasts to be checked against a holdout period ([`crate::holdout`]):
//! the expected purchases of a new customer, and of a customer given their
//! history. BG/NBD implements it here; another model (Pareto/NBD, MBG/NBD)
//! joins the holdout check by implementing the same two methods.

use super::bgnbd::{BgNbdError, BgNbdParams};

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

impl RepeatPurchaseModel for BgNbdParams {
    type Error = BgNbdError;

    fn conditional_expected_purchases(
        &self,
        t: f64,
        frequency: u32,
        recency: f64,
        age: f64,
    ) -> Result<f64, BgNbdError> {
        BgNbdParams::conditional_expected_purchases(self, t, frequency, recency, age)
    }

    fn expected_purchases(&self, t: f64) -> Result<f64, BgNbdError> {
        BgNbdParams::expected_purchases(self, t)
    }
}
