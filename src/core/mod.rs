//! The calculation and parsing core. Nothing here may import yew, web-sys,
//! gloo or js-sys: it is tested natively with `cargo test`.

pub mod acquisition;
pub mod bgnbd;
pub mod business_case;
pub mod ces;
pub mod chart;
pub mod churn;
pub mod clv;
pub mod csat;
pub mod dashboard;
pub mod data;
pub mod drivers;
pub mod gamma_gamma;
pub mod i18n;
pub mod input;
pub mod linalg;
pub mod maturity;
pub mod nps;
pub mod optim;
pub mod parse;
pub mod period;
pub mod rating;
pub mod rfm;
pub mod rfm_clv;
pub mod samples;
pub mod sbg;
pub mod scenario;
pub mod score_value;
pub mod seasonality;
pub mod segments;
pub mod share;
pub mod special;
pub mod stats;
pub mod wallet;
