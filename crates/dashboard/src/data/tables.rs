//! The tables in use, together: which one serves which page, and the
//! scenario's list of them as it reads from every saved version.
//!
//! Each table brings the evidence its shape allows (an order log the
//! customer value and churn pages', a survey the NPS page's, a customer
//! table several). The pages read one [`Evidence`] merged from all of them:
//! each part from the **first** table in the list that has it, so adding a
//! table never changes what another one already gives, and a second table
//! of the same shape is named as unused rather than silently mixed in.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::loaded::LoadedData;
use crate::pages::evidence::Evidence;

/// A page's part of the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Value,
    Churn,
    Voice,
    Drivers,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Value, Part::Churn, Part::Voice, Part::Drivers];

    /// The part's key in links and files (`"value"`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Part::Value => "value",
            Part::Churn => "churn",
            Part::Voice => "voice",
            Part::Drivers => "drivers",
        }
    }

    /// Whether `e` holds this part.
    pub fn present(self, e: &Evidence) -> bool {
        match self {
            Part::Value => e.value.is_some(),
            Part::Churn => e.churn.is_some(),
            Part::Voice => e.voice.is_some(),
            Part::Drivers => e.drivers.is_some(),
        }
    }

    /// Copies this part of `from` into `to` (shared, not cloned).
    fn take(self, from: &Evidence, to: &mut Evidence) {
        match self {
            Part::Value => to.value = from.value.clone(),
            Part::Churn => to.churn = from.churn.clone(),
            Part::Voice => to.voice = from.voice.clone(),
            Part::Drivers => to.drivers = from.drivers.clone(),
        }
    }

    /// Removes this part from `e`.
    pub fn clear(self, e: &mut Evidence) {
        match self {
            Part::Value => e.value = None,
            Part::Churn => e.churn = None,
            Part::Voice => e.voice = None,
            Part::Drivers => e.drivers = None,
        }
    }
}

/// The evidence the pages read: each part from the first table that has it.
pub fn merged(tables: &[LoadedData]) -> Evidence {
    let mut out = Evidence::default();
    for part in Part::ALL {
        if let Some(t) = serving(tables, part) {
            part.take(&t.evidence, &mut out);
        }
    }
    out
}

/// The table that gives `part` to its page, if any.
pub fn serving(tables: &[LoadedData], part: Part) -> Option<&LoadedData> {
    tables.iter().find(|t| part.present(&t.evidence))
}

/// Tables that have `part` but are not the one serving it: two tables of
/// one kind (two order logs), of which the pages use the first.
pub fn unused_for(tables: &[LoadedData], part: Part) -> Vec<&LoadedData> {
    tables
        .iter()
        .filter(|t| part.present(&t.evidence))
        .skip(1)
        .collect()
}

/// A key for a table added to `tables`: one more than the largest in use.
pub fn next_key(tables: &[LoadedData]) -> u32 {
    tables.iter().map(|t| t.key).max().map_or(1, |k| k + 1)
}

/// The scenario's tables from any saved version: version 2's list, or
/// version 1's single `data` (null or one table), which becomes a list of
/// zero or one. The old field reaches here through `#[serde(alias)]`.
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LoadedData>, D::Error> {
    // A visitor rather than `#[serde(untagged)]`: untagged buffers every
    // value into serde's generic content first, code the page's wasm would
    // carry for this one field.
    struct Saved;
    impl<'de> Visitor<'de> for Saved {
        type Value = Vec<LoadedData>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table, a list of tables or null")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            LoadedData::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| vec![t])
        }
    }
    d.deserialize_any(Saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Sample;
    use cxi_types::Locale;

    fn loaded(sample: Sample, key: u32) -> LoadedData {
        let mut d = sample.open(Locale::En).unwrap().loaded().unwrap();
        d.key = key;
        d
    }

    #[test]
    fn each_part_comes_from_the_first_table_that_has_it() {
        let retail = loaded(Sample::Retail, 1);
        let subscription = loaded(Sample::Subscription, 2);
        // The retail log gives the value page; the subscription table
        // gives value too, and NPS.
        assert!(retail.evidence.value.is_some());
        assert!(retail.evidence.voice.is_none());
        assert!(subscription.evidence.voice.is_some());
        let tables = [retail.clone(), subscription.clone()];
        let m = merged(&tables);
        assert_eq!(m.value, retail.evidence.value);
        assert_eq!(m.voice, subscription.evidence.voice);
        assert_eq!(serving(&tables, Part::Voice).unwrap().key, 2);
        assert_eq!(serving(&tables, Part::Value).unwrap().key, 1);
        let unused: Vec<u32> = unused_for(&tables, Part::Value)
            .iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(unused, [2]);
        assert!(unused_for(&tables, Part::Voice).is_empty());
        // The other order: the subscription table serves both.
        let swapped = [subscription.clone(), retail];
        assert_eq!(merged(&swapped).value, subscription.evidence.value);
        assert_eq!(merged(&[]), Evidence::default());
        assert_eq!(next_key(&swapped), 3);
        assert_eq!(next_key(&[]), 1);
    }

    #[test]
    fn a_part_cleared_is_gone_and_only_that_one() {
        let mut e = loaded(Sample::Subscription, 1).evidence;
        let before = e.clone();
        Part::Voice.clear(&mut e);
        assert!(!Part::Voice.present(&e));
        assert_eq!(e.value, before.value);
        for p in Part::ALL {
            assert_eq!(
                p.present(&e),
                p != Part::Voice && p.present(&before),
                "{p:?}"
            );
        }
    }
}
