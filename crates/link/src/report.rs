//! How well two tables' ids meet: the [`MatchReport`] of one pair under the
//! reconciliations in force, and the [`Proposal`]s of the ones not yet on.
//!
//! Unmatched rows are reported, never dropped: an answer whose id is in no
//! order still counts for the NPS itself, only not for the money measured
//! after it.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::error::TableKind;
use crate::ids::{alpha_prefix, normalize_into, Reconcile, Rule};

/// The comparison keys of a table's ids, each given a number in order of
/// first appearance; blank ids get none.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    map: FxHashMap<String, u32>,
    buf: String,
    reconcile: Reconcile,
}

impl Keys {
    pub(crate) fn new(reconcile: Reconcile) -> Keys {
        Keys {
            reconcile,
            ..Keys::default()
        }
    }

    /// The key number of `id`, given a new one if unseen; `None` if blank.
    pub(crate) fn insert(&mut self, id: &str) -> Option<u32> {
        normalize_into(id, self.reconcile, &mut self.buf);
        if self.buf.is_empty() {
            return None;
        }
        if let Some(&k) = self.map.get(self.buf.as_str()) {
            return Some(k);
        }
        let k = self.map.len() as u32;
        self.map.insert(self.buf.clone(), k);
        Some(k)
    }

    /// The key number of `id` if it has one.
    pub(crate) fn get(&mut self, id: &str) -> Option<u32> {
        normalize_into(id, self.reconcile, &mut self.buf);
        self.map.get(self.buf.as_str()).copied()
    }

    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// An id of the left table found in no row of the right one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedId {
    /// The id as first written (trimmed).
    pub id: String,
    /// Spreadsheet row of its first occurrence.
    pub row: u32,
    /// Rows of the left table with this id (under the reconciliations).
    pub rows: usize,
}

/// How the rows of one table (left) find their customer in another (right).
///
/// `matched + unmatched = total`; `blank ≤ unmatched`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchReport {
    /// The table whose rows are matched (usually the answers).
    pub left: TableKind,
    /// The table they are looked up in.
    pub right: TableKind,
    /// Rows of the left table.
    pub total: usize,
    /// Rows whose id is in the right table.
    pub matched: usize,
    /// Rows whose id is not, blank ids included.
    pub unmatched: usize,
    /// Of the unmatched rows, those with an empty id.
    pub blank: usize,
    /// Distinct non-blank ids that match nothing.
    pub unmatched_ids: usize,
    /// The first of them (at most the `listed` asked for), in the order of
    /// their first row: the user finds them where the table has them.
    pub first_unmatched: Vec<UnmatchedId>,
}

impl MatchReport {
    /// Share of rows matched, 0–1 (0 for an empty table).
    ///
    /// # Formula
    /// `matched / total`
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.matched as f64 / self.total as f64
        }
    }

    /// [`MatchReport::share`] in percent.
    pub fn percent(&self) -> f64 {
        100.0 * self.share()
    }
}

/// [`report`] from key numbers the left rows already have in a key space
/// shared with the right table (`found(k)`: key `k` is one of the right
/// table's; `None` keys are blank ids): the same report without hashing
/// an id again. Keys are below `key_count`.
pub(crate) fn report_keyed(
    (left, left_ids, left_rows, left_keys): (TableKind, &[String], &[u32], &[Option<u32>]),
    right: TableKind,
    key_count: usize,
    found: impl Fn(u32) -> bool,
    listed: usize,
) -> MatchReport {
    // Each unmatched key's place in `counts`, in order of first row.
    let mut slot = vec![u32::MAX; key_count];
    let mut first: Vec<UnmatchedId> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let (mut matched, mut blank) = (0, 0);
    for ((id, &row), &k) in left_ids.iter().zip(left_rows).zip(left_keys) {
        let Some(k) = k else {
            blank += 1;
            continue;
        };
        if found(k) {
            matched += 1;
            continue;
        }
        let s = &mut slot[k as usize];
        if *s == u32::MAX {
            *s = counts.len() as u32;
            counts.push(0);
            if first.len() < listed {
                first.push(UnmatchedId {
                    id: id.trim().to_string(),
                    row,
                    rows: 0,
                });
            }
        }
        counts[*s as usize] += 1;
    }
    for (u, &n) in first.iter_mut().zip(&counts) {
        u.rows = n;
    }
    MatchReport {
        left,
        right,
        total: left_ids.len(),
        matched,
        unmatched: left_ids.len() - matched,
        blank,
        unmatched_ids: counts.len(),
        first_unmatched: first,
    }
}

/// The match report of `left` rows (ids and their spreadsheet rows) in a
/// right table whose ids are `right`.
#[cfg(test)]
pub(crate) fn report<'a>(
    (left, left_ids, left_rows): (TableKind, &[String], &[u32]),
    (right, right_ids): (TableKind, impl IntoIterator<Item = &'a str>),
    reconcile: Reconcile,
    listed: usize,
) -> MatchReport {
    let mut keys = Keys::new(reconcile);
    for id in right_ids {
        keys.insert(id);
    }
    let mut missing = Keys::new(reconcile);
    let mut first: Vec<UnmatchedId> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let (mut matched, mut blank) = (0, 0);
    for (id, &row) in left_ids.iter().zip(left_rows) {
        if keys.get(id).is_some() {
            matched += 1;
            continue;
        }
        let Some(k) = missing.insert(id) else {
            blank += 1;
            continue;
        };
        let k = k as usize;
        if k == counts.len() {
            counts.push(0);
            if first.len() < listed {
                first.push(UnmatchedId {
                    id: id.trim().to_string(),
                    row,
                    rows: 0,
                });
            }
        }
        counts[k] += 1;
    }
    for (u, &n) in first.iter_mut().zip(&counts) {
        u.rows = n;
    }
    MatchReport {
        left,
        right,
        total: left_ids.len(),
        matched,
        unmatched: left_ids.len() - matched,
        blank,
        unmatched_ids: counts.len(),
        first_unmatched: first,
    }
}

/// A reconciliation not yet on, and what turning it on would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The reconciliation proposed (added to those already on).
    pub rule: Rule,
    /// The table whose rows would match more.
    pub left: TableKind,
    /// The table they are looked up in.
    pub right: TableKind,
    /// Rows of `left`.
    pub total: usize,
    /// Rows matched now.
    pub matched_before: usize,
    /// Rows matched with the rule on.
    pub matched_after: usize,
    /// Distinct ids the rule would merge with another id of the same table
    /// (`A-1` and `B-1` become one customer): the risk the user weighs.
    pub merged: usize,
    /// For [`Rule::AlphaPrefix`]: the prefixes it drops, most frequent
    /// first (at most 3), with the ids of both tables that carry each.
    pub prefixes: Vec<(String, usize)>,
}

impl Proposal {
    /// Relative gain in matched rows: 0.12 reads "12 % more answers match"
    /// (`None` when none match now).
    ///
    /// # Formula
    /// `(matched_after − matched_before) / matched_before`
    pub fn relative_gain(&self) -> Option<f64> {
        (self.matched_before > 0)
            .then(|| (self.matched_after - self.matched_before) as f64 / self.matched_before as f64)
    }

    /// Gain in percentage points of all rows of `left`.
    ///
    /// # Formula
    /// `100 · (matched_after − matched_before) / total`
    pub fn points(&self) -> f64 {
        100.0 * (self.matched_after - self.matched_before) as f64 / self.total.max(1) as f64
    }
}

fn distinct<'a>(ids: impl IntoIterator<Item = &'a str>, r: Reconcile) -> usize {
    let mut k = Keys::new(r);
    for id in ids {
        k.insert(id);
    }
    k.len()
}

/// The reconciliations not on in `current` that would match more rows of
/// `left` in `right`, each with its gain and its merges; in [`Rule::ALL`]
/// order, only those that gain. `before` is the rows matched under
/// `current` (the match report's).
pub(crate) fn propose<'a, R>(
    (left, left_ids): (TableKind, &'a [String]),
    (right, right_ids): (TableKind, R),
    current: Reconcile,
    before: usize,
) -> Vec<Proposal>
where
    R: IntoIterator<Item = &'a str> + Clone,
{
    let count = |r: Reconcile| {
        let mut keys = Keys::new(r);
        for id in right_ids.clone() {
            keys.insert(id);
        }
        left_ids.iter().filter(|id| keys.get(id).is_some()).count()
    };
    debug_assert_eq!(before, count(current));
    let mut out = Vec::new();
    for rule in Rule::ALL {
        if rule.is_on(current) {
            continue;
        }
        let next = rule.with(current);
        let after = count(next);
        if after <= before {
            continue;
        }
        let lefts = || left_ids.iter().map(String::as_str);
        let merged = distinct(lefts(), current) - distinct(lefts(), next)
            + distinct(right_ids.clone(), current)
            - distinct(right_ids.clone(), next);
        let prefixes = if rule == Rule::AlphaPrefix {
            top_prefixes(lefts().chain(right_ids.clone()), current)
        } else {
            Vec::new()
        };
        out.push(Proposal {
            rule,
            left,
            right,
            total: left_ids.len(),
            matched_before: before,
            matched_after: after,
            merged,
            prefixes,
        });
    }
    out
}

/// The 3 most frequent prefixes [`Rule::AlphaPrefix`] drops (ties by
/// prefix, for a deterministic list).
fn top_prefixes<'a>(
    ids: impl Iterator<Item = &'a str>,
    current: Reconcile,
) -> Vec<(String, usize)> {
    let mut seen = FxHashSet::default();
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    let mut buf = String::new();
    for id in ids {
        normalize_into(id, current, &mut buf);
        if let Some(p) = alpha_prefix(&buf) {
            if seen.insert(buf.clone()) {
                *counts.entry(p.to_string()).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(3);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keyed report equals the one that hashes the ids again, on ids
    /// written several ways (case, spaces, zeros, prefixes, blanks) and
    /// under each reconciliation, as `link` shares one key space: the right
    /// table's ids first, then the left's.
    #[test]
    fn keyed_report_equals_the_rehashing_one() {
        let right: Vec<String> = ["A1", "b2", "B2 ", "0042", "C-7", ""]
            .map(String::from)
            .to_vec();
        let left: Vec<String> = [
            "a1", "42", "C-7", "7", " ", "x9", "X9", "b2", "00042", "Z", "z ",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<u32> = (2..2 + left.len() as u32).collect();
        for r in [
            Reconcile::NONE,
            Rule::LeadingZeros.with(Reconcile::NONE),
            Rule::AlphaPrefix.with(Reconcile::NONE),
            Rule::AlphaPrefix.with(Rule::LeadingZeros.with(Reconcile::NONE)),
        ] {
            let mut keys = Keys::new(r);
            for id in &right {
                keys.insert(id);
            }
            let in_right = keys.len();
            let lk: Vec<Option<u32>> = left.iter().map(|id| keys.insert(id)).collect();
            for listed in [0, 2, 100] {
                let keyed = report_keyed(
                    (TableKind::Answers, &left, &rows, &lk),
                    TableKind::Orders,
                    keys.len(),
                    |k| (k as usize) < in_right,
                    listed,
                );
                let again = report(
                    (TableKind::Answers, &left, &rows),
                    (TableKind::Orders, right.iter().map(String::as_str)),
                    r,
                    listed,
                );
                assert_eq!(keyed, again, "{r:?} listed {listed}");
            }
        }
    }
}
