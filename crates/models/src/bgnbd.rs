//! The BG/NBD model of repeat purchasing for non-contractual customers.
//!
//! While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
//! after every purchase they may become inactive with probability
//! p ~ Beta(a, b). Nobody sees the drop-out: the model infers it from the
//! silence since the last purchase.
//!
//! Source: Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005), "'Counting
//! Your Customers' the Easy Way: An Alternative to the Pareto/NBD Model",
//! *Marketing Science* 24(2), 275–284 (equations cited as FHL). Published
//! CDNOW estimates (2,357 customers, weeks): r = 0.243, α = 4.414,
//! a = 0.793, b = 2.426, LL = −9582.4.
//!
//! All times (`t`, `t_x`, `T`) are in the model time unit of the data the
//! parameters were fitted on; `α` carries that unit (a rate scale).

mod fit;
mod params;

pub use fit::{fit, fit_all_starts, fit_weighted, BgNbdFit};
pub use params::*;
