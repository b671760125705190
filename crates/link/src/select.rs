//! Which answers count when a customer answered several times: the rule
//! is the user's ([`AnswerRule`]), stated beside every figure.

use serde::{Deserialize, Serialize};

/// How several answers of one customer enter the measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerRule {
    /// The customer's latest answer only (latest date; on equal dates, or
    /// without dates, the last row of the export), and the behaviour
    /// measured in the window after it. One unit per customer.
    ///
    /// Survivorship: a customer who is still a customer answers again,
    /// one who left does not, so the answers kept as "latest" are, more
    /// often than chance, answers followed by a departure (and a later
    /// answer whose window the log does not cover drops the customer).
    /// On the seeded sample of 166,000 customers (`benches/link.rs`) this
    /// reads the promoter/detractor spend ratio as 1.90 [1.88, 1.92] for a
    /// planted 1.86, where [`AnswerRule::EachAnswer`] reads 1.87 [1.85,
    /// 1.89]: the bias is small against the interval of a few thousand
    /// answers, not against that of 200,000.
    #[default]
    LatestBeforeWindow,
    /// Every answer, each with the window after it. A customer then weighs
    /// as many times as they answered; the intervals resample customers,
    /// not answers (see [`crate::contrast`]).
    EachAnswer,
}

/// The answers kept under `rule`, in row order: among the rows with a score
/// (`has_score`), one per key for [`AnswerRule::LatestBeforeWindow`], all
/// for [`AnswerRule::EachAnswer`]. Rows without a key (blank id) are each
/// their own customer.
///
/// `days` are the answers' dates as day numbers, when there are dates.
pub(crate) fn select(
    rule: AnswerRule,
    keys: &[Option<u32>],
    days: Option<&[i32]>,
    has_score: impl Fn(usize) -> bool,
    key_count: usize,
) -> Vec<usize> {
    let scored = (0..keys.len()).filter(|&i| has_score(i));
    match rule {
        AnswerRule::EachAnswer => scored.collect(),
        AnswerRule::LatestBeforeWindow => {
            // The latest row of each key so far; rows come in order, so a
            // later row wins a tie of dates.
            let mut latest: Vec<u32> = vec![u32::MAX; key_count];
            let mut out = Vec::new();
            for i in scored {
                let Some(k) = keys[i] else {
                    out.push(i);
                    continue;
                };
                let slot = &mut latest[k as usize];
                let later = *slot == u32::MAX || days.is_none_or(|d| d[i] >= d[*slot as usize]);
                if later {
                    *slot = i as u32;
                }
            }
            out.extend(
                latest
                    .iter()
                    .filter(|&&i| i != u32::MAX)
                    .map(|&i| i as usize),
            );
            out.sort_unstable();
            out
        }
    }
}
