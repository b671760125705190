//! The shapes of data the app can use, and the fields each needs.

use serde::{Deserialize, Serialize};

use super::field::Field;

/// The shapes of data the app can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per purchase: customer id, date, amount [, channel, segment].
    Transactions,
    /// One row per customer: id, revenue or margin per period, acquisition
    /// date, churn flag or date, channel and cost, NPS, CSAT, CES, segment,
    /// attribute ratings.
    Customers,
    /// One row per answer: NPS, CSAT or CES score [+ attribute ratings,
    /// segment].
    Survey,
    /// One row per customer, as lifetimes' `summary_data_from_transaction_data`
    /// makes it (see `docs/rfm.sql`): frequency, recency, T [, monetary value].
    Rfm,
    /// One row per acquisition cohort: customers still active at period
    /// 0, 1, 2... (one column per period).
    Cohort,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Transactions,
        Shape::Customers,
        Shape::Survey,
        Shape::Rfm,
        Shape::Cohort,
    ];

    /// Groups of fields a mapping of this shape must have, one of each
    /// group.
    pub fn required(self) -> &'static [&'static [Field]] {
        use Field::*;
        match self {
            Shape::Transactions => &[&[CustomerId], &[OrderDate], &[Amount]],
            Shape::Customers => &[
                &[CustomerId],
                &[
                    Revenue,
                    Margin,
                    Churned,
                    ChurnDate,
                    AcquisitionCost,
                    Contacts,
                ],
            ],
            Shape::Survey => &[&[Nps, Csat, Ces]],
            Shape::Rfm => &[&[Frequency], &[Recency], &[T]],
            Shape::Cohort => &[&[Cohort]],
        }
    }

    /// Every single-column field this shape can use.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Shape::Transactions => &[CustomerId, OrderDate, Amount, Channel, Segment],
            Shape::Customers => &[
                CustomerId,
                Revenue,
                Margin,
                AcquisitionDate,
                Churned,
                ChurnDate,
                Channel,
                AcquisitionCost,
                Contacts,
                Nps,
                Csat,
                Ces,
                Segment,
            ],
            Shape::Survey => &[CustomerId, AnswerDate, Nps, Csat, Ces, Segment, Channel],
            Shape::Rfm => &[CustomerId, Frequency, Recency, T, MonetaryValue],
            Shape::Cohort => &[Cohort],
        }
    }

    pub(super) fn has_attributes(self) -> bool {
        matches!(self, Shape::Customers | Shape::Survey)
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Transactions => "transaction log",
            Shape::Customers => "customer table",
            Shape::Survey => "survey answers",
            Shape::Rfm => "RFM summary",
            Shape::Cohort => "cohort survival table",
        }
    }
}
