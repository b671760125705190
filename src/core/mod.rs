//! The calculation and parsing core. Nothing here may import yew, web-sys,
//! gloo or js-sys: it is tested natively with `cargo test`.

pub mod ces;
pub mod clv;
pub mod csat;
pub mod drivers;
pub mod i18n;
pub mod input;
pub mod linalg;
pub mod maturity;
pub mod nps;
pub mod parse;
pub mod period;
pub mod rating;
pub mod samples;
pub mod scenario;
pub mod score_value;
pub mod seasonality;
pub mod segments;
pub mod share;
pub mod stats;
pub mod wallet;
