//! The Pareto/NBD model of repeat purchasing for non-contractual customers.
//!
//! While alive, a customer buys as a Poisson process with rate
//! λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s, β),
//! independent of λ. Unlike BG/NBD, a customer can leave at any moment,
//! not only right after a purchase.
//!
//! Sources: Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987),
//! "Counting Your Customers: Who Are They and What Will They Do Next?",
//! *Management Science* 33(1), 1–24; the likelihood and its A₀ term as in
//! Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "A Note on Deriving
//! the Pareto/NBD Model and Related Expressions", and Fader & Hardie
//! (2005), "A Note on Implementing the Pareto/NBD Model in MATLAB" (cited
//! as FH-MATLAB), whose CDNOW estimates (2,357 customers, weeks) are
//! r = 0.5533, α = 10.5776, s = 0.6061, β = 11.6650, LL = −9594.98.
//!
//! All times are in the model time unit of the data (`α`, `β` carry it).

mod fit;
mod grad;
mod grouped;
mod params;

pub use fit::{fit, fit_weighted, ParetoNbdFit};
pub use params::*;

#[cfg(test)]
mod tests;
