//! Scores → money: what a promoter, passive or detractor (or a CSAT / CES
//! score band) is worth, and what moving customers between groups is worth.
//!
//! Structure: Bain's "economics of loyalty" (Markey & Reichheld 2012, Bain
//! *Loyalty Insights* "The economics of loyalty"; Reichheld & Markey 2011,
//! *The Ultimate Question 2.0*, ch. 2). Each group has its own retention,
//! spend, cost to serve, referrals (new customers brought, each worth the
//! CLV of a new customer) and negative word of mouth (prospects lost, each
//! worth the same CLV). The per-customer lifetime value uses the closed form
//! of [`crate::clv`].
//!
//! Every group economics can come from the customer data (with intervals,
//! [`estimate_groups`]) or from editable assumptions derived from the
//! average customer ([`default_nps_economics`], [`default_csat_economics`],
//! [`default_ces_economics`]), each assumption carrying its source.

#![warn(missing_docs)]

mod defaults;
mod error;
mod estimate;
mod group;
mod projection;

pub use defaults::{
    default_ces_economics, default_csat_economics, default_nps_economics, Assumption,
    AssumptionKind, AverageCustomer, RELATIVE_CHURN, RELATIVE_CONTACTS, RELATIVE_COST,
    RELATIVE_SPEND,
};
pub use error::ScoreValueError;
pub use estimate::{
    band_group, estimate_groups, nps_group, CustomerOutcome, EstimatedEconomics, GroupEstimate,
    MAX_RETENTION,
};
pub use group::{
    value_of_move, value_of_nps_point, GroupEconomics, GroupValue, NpsPointValue, ValueSettings,
};
pub use projection::{compare_move, project_revenue, RevenueProjection, ScenarioComparison};

#[cfg(test)]
mod tests;
