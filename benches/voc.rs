//! Voice-of-customer speed figures (not a test): prints timings.
//!
//! * NPS with adjusted-Wald intervals by 20 segments on 1 000 000 answers
//!   (target ≤ 50 ms native);
//! * Johnson relative weights + Shapley/LMG with 12 attributes on 100 000
//!   respondents (target ≤ 100 ms native).
//!
//! Run with `scripts/bench-voc.sh` (or `cargo bench -p cxi-benches --bench voc`).

use cxi_models::drivers::key_drivers;
use cxi_models::drivers::Column;
use cxi_models::drivers::MissingData;
use cxi_models::segments::nps_by_segment;
use cxi_models::stats::ConfidenceLevel;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next_u32(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }
    fn uniform(&mut self) -> f64 {
        self.next_u32() as f64 / (1u64 << 31) as f64
    }
    /// Sum of 4 uniforms, centred: a cheap bell-shaped variable.
    fn bell(&mut self) -> f64 {
        (0..4).map(|_| self.uniform()).sum::<f64>() - 2.0
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[runs / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let c = ConfidenceLevel::NINETY_FIVE;

    // 1. NPS by segment.
    let n = 1_000_000;
    let mut rng = Lcg(42);
    let labels: Vec<String> = (0..20).map(|s| format!("segment-{s:02}")).collect();
    let segments: Vec<&str> = (0..n)
        .map(|_| labels[(rng.next_u32() % 20) as usize].as_str())
        .collect();
    let scores: Vec<f64> = (0..n).map(|_| (rng.next_u32() % 11) as f64).collect();
    let (min, med) = time(15, || nps_by_segment(&scores, &segments, c).unwrap());
    let check = nps_by_segment(&scores, &segments, c).unwrap();
    println!(
        "nps_by_segment: {n} answers, {} segments: min {:.1} ms, median {:.1} ms (target <= 50 ms)",
        check.len(),
        ms(min),
        ms(med)
    );

    // 2. Key drivers.
    let rows = 100_000;
    let p = 12;
    let mut rng = Lcg(7);
    let mut attrs: Vec<Vec<Option<f64>>> = (0..p).map(|_| Vec::with_capacity(rows)).collect();
    let mut outcome = Vec::with_capacity(rows);
    for _ in 0..rows {
        let (f1, f2) = (rng.bell(), rng.bell());
        let mut y = 0.0;
        for (j, col) in attrs.iter_mut().enumerate() {
            let x = if j % 2 == 0 { f1 } else { f2 } * 0.6 + rng.bell();
            // Ratings 1..10, with 2 % missing answers.
            let rating = (5.5 + 2.0 * x).round().clamp(1.0, 10.0);
            y += (j as f64 + 1.0) * 0.1 * rating;
            col.push((rng.next_u32() % 50 != 0).then_some(rating));
        }
        outcome.push(Some((y / 4.0 + 2.0 * rng.bell()).round().clamp(0.0, 10.0)));
    }
    let names: Vec<String> = (0..p).map(|j| format!("attribute_{j}")).collect();
    let cols: Vec<Column> = names
        .iter()
        .zip(&attrs)
        .map(|(nm, v)| Column {
            name: nm,
            values: v,
        })
        .collect();
    for missing in [MissingData::Listwise, MissingData::Pairwise] {
        let run = || {
            key_drivers(
                Column {
                    name: "ltr",
                    values: &outcome,
                },
                &cols,
                missing,
            )
            .unwrap()
        };
        let a = run();
        let (min, med) = time(11, run);
        println!(
            "key_drivers ({missing:?}): {rows} respondents, {p} attributes, n used {}, R2 {:.3}: min {:.1} ms, median {:.1} ms (target <= 100 ms)",
            a.n_used,
            a.r2,
            ms(min),
            ms(med)
        );
    }
}
