//! Distinct strings to small codes, numbered in order of first appearance:
//! channels and segments ([`Interner`]), and the customer ids of a large
//! transaction log ([`IdColumn`]).
//!
//! Short strings (up to 15 bytes: most ids and labels) are keyed by their
//! bytes and length packed in a `u128`, so a lookup compares integers and
//! never reads the table's text again.
//!
//! A log of a million purchases by 200 000 customers in random order makes
//! one hash table of 200 000 keys, several megabytes: nearly every lookup
//! misses the processor's caches, and that miss was half of validation's
//! time. [`IdColumn`] splits the keys by hash into partitions whose tables
//! stay in cache, interns each partition on its own, then numbers the
//! distinct ids by first appearance in one pass over the rows.

use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;

/// Labels looked up by a linear scan before a hash table pays off.
const FEW: usize = 16;

/// The key of a string of at most 15 bytes: its bytes, then its length in
/// the last byte. `None` for longer strings.
#[inline(always)]
fn pack(b: &[u8]) -> Option<u128> {
    let n = b.len();
    if n > 15 {
        return None;
    }
    // Whole words, overlapping where the string is shorter, rather than a
    // loop over bytes: wasm has no 128-bit shift (each one is a call), and
    // a copy of a few bytes would be a call to `memory.copy`.
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            // The first, middle and last bytes cover 1 to 3 bytes.
            let at = |i: usize| u64::from(b[i]) << (8 * i);
            (at(0) | at(n / 2) | at(n - 1), 0)
        }
        4..=7 => {
            let head = u64::from(word4(b, 0));
            let tail = u64::from(word4(b, n - 4)) << (8 * (n - 4));
            (head | tail, 0)
        }
        8 => (word8(b, 0), 0),
        _ => (word8(b, 0), word8(b, n - 8) >> (8 * (16 - n))),
    };
    Some(u128::from(hi | (n as u64) << 56) << 64 | u128::from(lo))
}

#[inline]
fn word4(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

#[inline]
fn word8(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes([
        b[at],
        b[at + 1],
        b[at + 2],
        b[at + 3],
        b[at + 4],
        b[at + 5],
        b[at + 6],
        b[at + 7],
    ])
}

/// The string a [`pack`]ed key holds.
fn unpack(key: u128) -> String {
    let bytes = key.to_le_bytes();
    let len = usize::from(bytes[15]).min(15);
    // Packed from a `&str`, so valid UTF-8; lossy rather than a panic.
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// Codes for a column with few distinct values (channels, segments).
pub(crate) struct Interner<'a> {
    /// Short keys and their codes, scanned in order while there are few.
    few: Vec<(u128, u32)>,
    /// Short keys once there are more than [`FEW`].
    short: FxHashMap<u128, u32>,
    long: FxHashMap<&'a str, u32>,
    labels: Vec<String>,
}

impl<'a> Interner<'a> {
    pub(crate) fn new() -> Self {
        Interner {
            few: Vec::with_capacity(FEW),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            labels: Vec::new(),
        }
    }

    #[inline(always)]
    pub(crate) fn code(&mut self, s: &'a str) -> u32 {
        if let Some(key) = pack(s.as_bytes()) {
            if let Some(&(_, c)) = self.few.iter().find(|(k, _)| *k == key) {
                return c;
            }
        }
        self.code_slow(s)
    }

    /// [`Interner::code`] for a string not among the few seen so far.
    #[inline(never)]
    fn code_slow(&mut self, s: &'a str) -> u32 {
        let next = self.labels.len() as u32;
        let code = match pack(s.as_bytes()) {
            Some(key) => {
                if self.short.is_empty() && self.few.len() < FEW {
                    self.few.push((key, next));
                    next
                } else {
                    if self.short.is_empty() {
                        self.short.extend(self.few.iter().copied());
                        self.few.clear();
                    }
                    *self.short.entry(key).or_insert(next)
                }
            }
            None => *self.long.entry(s).or_insert(next),
        };
        if code == next {
            self.labels.push(s.to_string());
        }
        code
    }

    /// The distinct strings, in order of first appearance.
    pub(crate) fn into_labels(self) -> Vec<String> {
        self.labels
    }
}

/// A row left out of [`IdColumn`] (empty or excluded cell).
const NONE: u8 = u8::MAX;
/// Marks a key that stands for a long string: its low 32 bits index
/// `IdColumn::longs`.
const LONG: u128 = 0xFF << 120;

/// The cells of an id column, read once, split into partitions by hash;
/// [`IdColumn::finish`] numbers the ids of the rows finally kept.
pub(crate) struct IdColumn<'a> {
    /// Partition of each row, [`NONE`] for rows not pushed.
    part: Vec<u8>,
    /// Keys of each partition, in row order.
    keys: Vec<Vec<u128>>,
    longs: Vec<&'a str>,
    /// log2 of the number of partitions.
    bits: u32,
}

/// Rows per partition aimed at: 16 384 keys make a table that fits in a
/// core's cache (256 KiB or more).
const ROWS_PER_PART: usize = 1 << 14;

impl<'a> IdColumn<'a> {
    /// For a column of `rows` rows.
    pub(crate) fn new(rows: usize) -> Self {
        let parts = (rows / ROWS_PER_PART).clamp(1, 128).next_power_of_two();
        let bits = parts.trailing_zeros();
        let per_part = rows / parts + rows / parts / 8 + 16;
        IdColumn {
            part: Vec::with_capacity(rows),
            keys: (0..parts).map(|_| Vec::with_capacity(per_part)).collect(),
            longs: Vec::new(),
            bits,
        }
    }

    #[inline]
    fn partition(&self, hash: u64) -> usize {
        // The top bits of a multiplicative mix: hashbrown takes its own
        // bits from a different hash (Fx), so each partition's table still
        // sees well-spread hashes.
        if self.bits == 0 {
            0
        } else {
            (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
        }
    }

    /// The next row's id.
    #[inline]
    pub(crate) fn push(&mut self, id: &'a str) {
        let (key, hash) = match pack(id.as_bytes()) {
            Some(k) => (k, (k as u64) ^ ((k >> 64) as u64).rotate_left(31)),
            None => {
                let hash = FxBuildHasher.hash_one(id);
                let key = LONG | self.longs.len() as u128;
                self.longs.push(id);
                (key, hash)
            }
        };
        let p = self.partition(hash);
        self.part.push(p as u8);
        self.keys[p].push(key);
    }

    /// The next row has no id to count (empty, or left out).
    #[inline]
    pub(crate) fn skip(&mut self) {
        self.part.push(NONE);
    }

    /// Distinct ids of the rows where `kept` is true, in order of first
    /// appearance, and each kept row's code. Ids only seen in other rows
    /// get no code. Rows not pushed are skipped whatever `kept` says.
    pub(crate) fn finish(self, kept: impl Fn(usize) -> bool) -> (Vec<String>, Vec<u32>) {
        let IdColumn {
            part,
            keys,
            longs,
            bits: _,
        } = self;
        // Local codes per partition, and the key of each local code. One
        // table, cleared between partitions, keeps its capacity.
        let mut short: FxHashMap<u128, u32> = FxHashMap::default();
        let mut local: Vec<Vec<u32>> = Vec::with_capacity(keys.len());
        let mut distinct: Vec<Vec<u128>> = Vec::with_capacity(keys.len());
        for keys in keys {
            let (codes, seen) = intern_partition(&keys, &longs, &mut short);
            local.push(codes);
            distinct.push(seen);
        }
        drop(short);
        // Global codes by first appearance among the kept rows.
        let total: usize = distinct.iter().map(Vec::len).sum();
        let mut number = Numbering {
            global: distinct.iter().map(|d| vec![u32::MAX; d.len()]).collect(),
            cursor: vec![0; local.len()],
            local,
            distinct,
            firsts: Vec::with_capacity(total),
            codes: Vec::with_capacity(part.len()),
        };
        number.rows(&part, &kept);
        let Numbering {
            firsts,
            codes,
            local,
            distinct,
            global,
            cursor,
        } = number;
        drop((local, distinct, global, cursor));
        // The ids' strings only now, once the partitions' tables are freed:
        // made while those still held memory, a million small strings would
        // be scattered through it, and the allocator (wasm's never gives
        // memory back) could no longer fit the next large vector in the
        // space the tables leave.
        let labels = firsts
            .iter()
            .map(|&k| {
                if k & LONG == LONG {
                    longs[(k as u32) as usize].to_string()
                } else {
                    unpack(k)
                }
            })
            .collect();
        (labels, codes)
    }
}

/// Codes of one partition's keys, numbered from 0 by first appearance, and
/// the key of each code.
fn intern_partition(
    keys: &[u128],
    longs: &[&str],
    short: &mut FxHashMap<u128, u32>,
) -> (Vec<u32>, Vec<u128>) {
    short.clear();
    let mut long: FxHashMap<&str, u32> = FxHashMap::default();
    let mut seen: Vec<u128> = Vec::new();
    let codes = keys
        .iter()
        .map(|&k| {
            let next = seen.len() as u32;
            let code = if k & LONG == LONG {
                let s = longs[(k as u32) as usize];
                *long.entry(s).or_insert(next)
            } else {
                *short.entry(k).or_insert(next)
            };
            if code == next {
                seen.push(k);
            }
            code
        })
        .collect();
    (codes, seen)
}

/// Partition-local codes to codes numbered by first appearance.
struct Numbering {
    local: Vec<Vec<u32>>,
    distinct: Vec<Vec<u128>>,
    /// Global code of each partition's local code, `u32::MAX` until seen.
    global: Vec<Vec<u32>>,
    /// Next local code to read in each partition.
    cursor: Vec<usize>,
    /// Key of each global code, in order.
    firsts: Vec<u128>,
    codes: Vec<u32>,
}

impl Numbering {
    /// The rows, whose partitions are `part`.
    fn rows(&mut self, part: &[u8], kept: &impl Fn(usize) -> bool) {
        for (r, &p) in part.iter().enumerate() {
            if p == NONE {
                continue;
            }
            let p = usize::from(p);
            let lc = self.local[p][self.cursor[p]] as usize;
            self.cursor[p] += 1;
            if !kept(r) {
                continue;
            }
            let g = &mut self.global[p][lc];
            if *g == u32::MAX {
                *g = self.firsts.len() as u32;
                self.firsts.push(self.distinct[p][lc]);
            }
            self.codes.push(*g);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_differ_by_length() {
        let all = "abcdefghijklmno";
        for n in 0..=15 {
            let s = &all[..n];
            assert_eq!(unpack(pack(s.as_bytes()).unwrap()), s);
        }
        for s in ["a\0", "C0001234", "été", "123456789012345"] {
            assert_eq!(unpack(pack(s.as_bytes()).unwrap()), s);
        }
        assert_ne!(pack(b"a"), pack(b"a\0"));
        assert_eq!(pack(b"1234567890123456"), None);
    }

    #[test]
    fn interner_numbers_labels_by_first_appearance() {
        let long = "a label longer than fifteen bytes";
        let mut i = Interner::new();
        let words: Vec<String> = (0..40).map(|k| format!("w{}", k % 20)).collect();
        let mut codes: Vec<u32> = words.iter().map(|w| i.code(w)).collect();
        codes.push(i.code(long));
        codes.push(i.code("w3"));
        codes.push(i.code(long));
        let labels = i.into_labels();
        assert_eq!(labels.len(), 21);
        assert_eq!(labels[20], long);
        for (w, c) in words.iter().zip(&codes) {
            assert_eq!(&labels[*c as usize], w);
        }
        assert_eq!(&codes[40..], [20, 3, 20]);
    }

    /// Reference: a plain map over the kept rows, in order.
    fn reference(ids: &[Option<String>], kept: &[bool]) -> (Vec<String>, Vec<u32>) {
        let mut map = std::collections::HashMap::new();
        let mut labels = Vec::new();
        let mut codes = Vec::new();
        for (id, &k) in ids.iter().zip(kept) {
            if let (Some(id), true) = (id, k) {
                let next = labels.len() as u32;
                let c = *map.entry(id.clone()).or_insert(next);
                if c == next {
                    labels.push(id.clone());
                }
                codes.push(c);
            }
        }
        (labels, codes)
    }

    #[test]
    fn partitioned_ids_match_a_plain_map() {
        // Enough rows for many partitions; short, long and repeated ids,
        // rows skipped and rows not kept. Fixed seed (SplitMix64).
        let mut s = 7u64;
        let mut next = || {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        for rows in [0, 1, 10, 5000, 300_000] {
            let mut ids = Vec::with_capacity(rows);
            let mut kept = Vec::with_capacity(rows);
            for _ in 0..rows {
                let r = next();
                let id = match r % 10 {
                    0 => None,
                    1 => Some(format!("customer-with-a-long-id-{}@example.com", r % 997)),
                    2 => Some(format!("{}", r % 13)),
                    _ => Some(format!("C{:07}", (r >> 8) % 40_000)),
                };
                ids.push(id);
                kept.push((r >> 40) % 7 != 0);
            }
            let mut col = IdColumn::new(rows);
            for id in &ids {
                match id {
                    Some(s) => col.push(s),
                    None => col.skip(),
                }
            }
            assert_eq!(
                col.finish(|r| kept[r]),
                reference(&ids, &kept),
                "{rows} rows"
            );
        }
    }
}
