//! What the page shows, as data: the view `compute` returns.

use super::state::VoiceKey;
use cxi_models::nps::NpsCounts;
use cxi_models::nps::NpsEstimate;
use cxi_models::rating::RatingSummary;
use cxi_models::score_value::Assumption;
use cxi_models::score_value::GroupEconomics;
use cxi_models::score_value::GroupValue;
use cxi_models::score_value::NpsPointValue;
use cxi_models::score_value::RevenueProjection;
use cxi_models::score_value::ScoreValueError;
use cxi_models::score_value::ValueSettings;
use cxi_types::period::PeriodUnit;

/// Most points a projection line carries to the chart.
pub(super) const MAX_LINE_POINTS: usize = 240;

/// Where the group economics come from.
#[derive(Debug, Clone, PartialEq)]
pub enum EconomicsSource {
    /// Retention and revenue measured per group in the customer table.
    Data,
    /// The average customer with the core's default factors.
    Defaults(Vec<Assumption>),
    /// Spend per category measured in the orders after each answer (and
    /// retention from the CRM's churn flag when `retention`); the factors
    /// still assumed are listed.
    Joined {
        /// Answers measured over the three categories.
        measured: usize,
        /// The window after each answer, days.
        window_days: u32,
        /// Retention measured too (CRM churn flag).
        retention: bool,
        /// Cost to serve shared out by the CRM's support contacts.
        contacts: bool,
        /// The default factors still in use.
        assumptions: Vec<Assumption>,
    },
}

/// Everything money on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub unit: PeriodUnit,
    pub settings: ValueSettings,
    /// Detractor, passive, promoter.
    pub groups: [GroupEconomics; 3],
    pub values: [GroupValue; 3],
    /// Values at the low and high ends of the data's intervals.
    pub values_range: Option<([GroupValue; 3], [GroupValue; 3])>,
    pub source: EconomicsSource,
    /// A join exists but does not measure after-the-answer spend in every
    /// category (or has no dates): the economics stay assumed, and say so.
    pub join_unused: bool,
    /// Customers in each category (base × survey share).
    pub customers: [f64; 3],
    pub point: NpsPointValue,
    pub point_range: Option<(NpsPointValue, NpsPointValue)>,
    /// Lifetime value of the move scenario.
    pub move_value: f64,
    pub baseline: RevenueProjection,
    pub scenario: RevenueProjection,
    /// Customers per category after the move.
    pub moved: [f64; 3],
    pub horizon_periods: u32,
    /// CSAT low, middle, high then CES difficult, neutral, easy: value per
    /// customer and the answers behind it.
    pub links: Vec<Link>,
    pub links_from_data: bool,
    /// False when a higher category is worth less per customer than a
    /// lower one (data, or a skewed mix under the default split of word of
    /// mouth): moving customers up may then lower value.
    pub ordered: bool,
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceView {
    /// Segment names the data offers (empty: no segment filter).
    pub segments: Vec<String>,
    /// The segment shown, when the scenario's exists here.
    pub segment: Option<String>,
    /// Answers per score when the data has them.
    pub scores: Option<[u64; 11]>,
    pub counts: NpsCounts,
    pub estimate: Option<NpsEstimate>,
    /// Active customers the shares apply to, and whether data gave it.
    pub customers: f64,
    pub customers_from_data: bool,
    pub money: Result<Money, MoneyError>,
    pub csat: Option<RatingSummary>,
    pub ces: Option<RatingSummary>,
    pub from_data: bool,
}

/// Value per customer of a band and the answers behind it.
pub type Link = (f64, Option<u64>);

/// Why one assumption cannot be used; the words step says so in the
/// user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// A percentage outside 0 to 100.
    Share,
    /// A horizon outside 1 to [`super::state::MAX_HORIZON_YEARS`] years.
    Horizon,
    /// A count negative, not finite or above [`super::compute::MAX_COUNT`].
    Count,
    /// An amount negative or not finite.
    Negative,
}

/// Why the money figures cannot be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum MoneyError {
    /// The first assumption, in [`VoiceKey::ALL`] order, that cannot be
    /// used: nothing is computed from an unusable input.
    Field(VoiceKey),
    /// No NPS answers, so no shares to apply to the customers.
    NoAnswers,
    /// The annual discount rate (a fraction, not percent) has no
    /// per-period equivalent.
    Discount(f64),
    /// The core refused the group economics.
    Model(ScoreValueError),
}

// The core's refusals propagate with `?` through the money computation.
impl From<ScoreValueError> for MoneyError {
    fn from(e: ScoreValueError) -> Self {
        MoneyError::Model(e)
    }
}
