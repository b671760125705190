//! The models of CX Impact, in plain Rust: no web, parser or text-table
//! dependency, tested natively against published tables and hand
//! computations.
//!
//! * Customer value: [`clv`] closed form (Fader & Hardie 2012), [`sbg`]
//!   cohort retention (Fader & Hardie 2007), repeat purchases with
//!   [`bgnbd`] (Fader, Hardie & Lee 2005), [`mbgnbd`] (Batislam et al.
//!   2007) and [`pareto_nbd`] (Schmittlein et al. 1987), [`bgbb`]
//!   discrete-time repeat transactions (Fader, Hardie & Shang 2010),
//!   [`gamma_gamma`] spend (Fader & Hardie note 025), [`weights`] of grouped
//!   summaries, [`rfm`] transaction log → RFM summary (dates by
//!   [`calendar`]), [`rfm_clv`] discounted CLV over a horizon, [`holdout`]
//!   calibration/holdout checks of any [`purchase`] model, [`model_choice`]
//!   of the best of them (holdout error, else BIC).
//! * Business: [`acquisition`] CAC and payback, [`churn`] churn impact and
//!   revenue retention, [`business_case`] NPV, ROI, tornado, Monte-Carlo.
//! * Voice of the customer: [`nps`], [`csat`], [`ces`], [`rating`] scores
//!   with intervals ([`stats`]), [`score_value`] scores → money, [`drivers`]
//!   relative weights and Shapley/LMG, [`segments`], [`seasonality`],
//!   [`wallet`], [`maturity`].
//! * Numerics: [`special`] functions, [`optim`] (BFGS and the MLE driver),
//!   [`linalg`].

#![deny(missing_docs)]

pub mod acquisition;
pub mod bgbb;
pub mod bgnbd;
pub mod business_case;
pub mod calendar;
pub mod ces;
pub mod churn;
pub mod clv;
pub mod csat;
pub mod drivers;
pub mod gamma_gamma;
pub mod holdout;
pub mod linalg;
pub mod maturity;
pub mod mbgnbd;
pub mod model_choice;
pub mod nps;
pub mod optim;
pub mod pareto_nbd;
pub mod purchase;
pub mod rating;
pub mod rfm;
pub mod rfm_clv;
pub mod sbg;
pub mod score_value;
pub mod seasonality;
pub mod segments;
pub mod special;
pub mod stats;
pub mod wallet;
pub mod weights;
