//! The measures of each score group (NPS category, CSAT or CES band) and
//! the high − low contrast of each measure.

use serde::{Deserialize, Serialize};

use crate::contrast::{contrast, estimate, Contrast, Estimate, Measure, Values};

/// One group's row: how many answered, how many could be measured, and the
/// measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow<G> {
    /// The group.
    pub group: G,
    /// Answers in the group, every row of the export (matched or not): the
    /// counts the score itself is computed from.
    pub answers: usize,
    /// Answers kept by the [`AnswerRule`](crate::AnswerRule).
    pub units: usize,
    /// Of the units, those whose customer is in the order log.
    pub linked: usize,
    /// Of the linked units, those whose window the log does not cover
    /// (left out of repeat and spend, see [`crate::Basis`]).
    pub censored: usize,
    /// Repeat rate (0–1) over the linked, uncensored units.
    pub repeat: Option<Estimate>,
    /// Spend per unit in the window.
    pub spend: Option<Estimate>,
    /// Churn rate (0–1) over the units in the CRM with a churn flag.
    pub churn: Option<Estimate>,
    /// Support contacts per unit in the CRM with a count.
    pub contacts: Option<Estimate>,
}

impl<G> GroupRow<G> {
    /// The estimate of `m`.
    pub fn get(&self, m: Measure) -> Option<&Estimate> {
        match m {
            Measure::Repeat => self.repeat.as_ref(),
            Measure::Spend => self.spend.as_ref(),
            Measure::Churn => self.churn.as_ref(),
            Measure::Contacts => self.contacts.as_ref(),
        }
    }
}

/// The three groups of one score, low to high, and the contrasts of the
/// highest against the lowest (promoters − detractors; high − low band).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTable<G> {
    /// Low, middle, high.
    pub groups: Vec<GroupRow<G>>,
    /// One per measure that both extreme groups have, in [`Measure::ALL`]
    /// order.
    pub contrasts: Vec<Contrast>,
}

impl<G> GroupTable<G> {
    /// The contrast on `m`, if measured.
    pub fn contrast(&self, m: Measure) -> Option<&Contrast> {
        self.contrasts.iter().find(|c| c.measure == m)
    }
}

/// What is accumulated for one group while the units are read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub(crate) answers: usize,
    pub(crate) units: usize,
    pub(crate) linked: usize,
    pub(crate) censored: usize,
    /// Values of each measure, in [`Measure::ALL`] order.
    pub(crate) values: [Values; 4],
}

impl Tally {
    pub(crate) fn push(&mut self, m: Measure, key: u32, value: f64) {
        let i = Measure::ALL.iter().position(|&x| x == m).unwrap_or(0);
        self.values[i].push((key, value));
    }
}

/// The table of three tallies (low, middle, high) at critical value `z`.
pub(crate) fn table<G: Copy>(labels: [G; 3], tallies: &[Tally; 3], z: f64) -> GroupTable<G> {
    let groups = labels
        .iter()
        .zip(tallies)
        .map(|(&group, t)| GroupRow {
            group,
            answers: t.answers,
            units: t.units,
            linked: t.linked,
            censored: t.censored,
            repeat: estimate(&t.values[0]),
            spend: estimate(&t.values[1]),
            churn: estimate(&t.values[2]),
            contacts: estimate(&t.values[3]),
        })
        .collect();
    let contrasts = Measure::ALL
        .iter()
        .enumerate()
        .filter(|&(i, _)| !tallies[2].values[i].is_empty() && !tallies[0].values[i].is_empty())
        .map(|(i, &m)| contrast(m, &tallies[2].values[i], &tallies[0].values[i], z))
        .collect();
    GroupTable { groups, contrasts }
}
