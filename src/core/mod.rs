//! The calculation and parsing core. Nothing here may import yew, web-sys,
//! gloo or js-sys: it is tested natively with `cargo test`.

pub mod acquisition;
pub mod bgnbd;
pub mod business_case;
pub mod churn;
pub mod clv;
pub mod gamma_gamma;
pub mod i18n;
pub mod input;
pub mod optim;
pub mod parse;
pub mod period;
pub mod rfm;
pub mod rfm_clv;
pub mod samples;
pub mod sbg;
pub mod scenario;
pub mod special;
