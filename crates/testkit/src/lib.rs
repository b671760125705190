//! Test support shared by the crates' tests and the benches: seeded
//! simulations of customer bases ([`sim`]) and named tolerances with
//! closeness assertions ([`prec`], [`assert_close!`], [`assert_rel!`]).

pub mod prec;
pub mod sim;
