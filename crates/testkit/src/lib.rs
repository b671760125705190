//! Test support shared by the crates' tests and the benches: seeded
//! simulations of customer bases ([`sim`]).

pub mod sim;
