//! The calculation and parsing core. Nothing here may import yew, web-sys,
//! gloo or js-sys: it is tested natively with `cargo test`.

pub mod clv;
pub mod data;
pub mod i18n;
pub mod input;
pub mod parse;
pub mod period;
pub mod samples;
pub mod scenario;
