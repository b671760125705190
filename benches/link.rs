//! Speed and heap of linking several tables natively: a seeded order log of
//! about 1 million purchases and 200,000 survey answers (with a CRM row per
//! customer), joined and measured by `cxi_link::link` (match reports,
//! proposals, windows after each answer, NPS and CSAT groups with their
//! contrasts). Prints the median and the fastest of several runs, and the
//! heap peak of one run above what the tables themselves hold.

use cxi_link::sample::{generate, Planted};
use cxi_link::{link, AnswerRule, LinkOptions, Measure};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: cxi_heap::Counting = cxi_heap::Counting;

/// Customers drawn: with the default plan, about 6 purchases and 1.2
/// answers each.
const CUSTOMERS: usize = 166_000;
const RUNS: usize = 5;

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    all.sort();
    (all[runs / 2], all[0])
}

fn show(name: &str, (median, best): (Duration, Duration)) {
    println!(
        "{name:<48} median {:>9.1} ms   best {:>9.1} ms",
        median.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
}

/// Heap peak above `in_use` now of one call of `f`, in MB.
fn peak_mb<T>(f: impl FnOnce() -> T) -> f64 {
    let base = cxi_heap::in_use();
    cxi_heap::reset_peak();
    black_box(f());
    cxi_heap::peak().saturating_sub(base) as f64 / 1e6
}

fn main() {
    let t = Instant::now();
    let s = generate(CUSTOMERS, 42, &Planted::default());
    println!(
        "sample: {} purchases, {} answers, {} CRM rows ({} customers), drawn in {:.0} ms; tables hold {:.1} MB",
        s.orders.len(),
        s.answers.len(),
        s.crm.ids.len(),
        CUSTOMERS,
        t.elapsed().as_secs_f64() * 1e3,
        cxi_heap::in_use() as f64 / 1e6
    );
    let latest = LinkOptions {
        log_start: Some(s.log_start),
        log_end: Some(s.log_end),
        ..LinkOptions::default()
    };
    let each = LinkOptions {
        rule: AnswerRule::EachAnswer,
        ..latest
    };
    show(
        "link: orders + answers + CRM, latest answer",
        time(RUNS, || link(&s.orders, &s.answers, Some(&s.crm), &latest)),
    );
    show(
        "link: orders + answers + CRM, each answer",
        time(RUNS, || link(&s.orders, &s.answers, Some(&s.crm), &each)),
    );
    show(
        "link: orders + answers, latest answer",
        time(RUNS, || link(&s.orders, &s.answers, None, &latest)),
    );
    // What the worker runs: the join with the NPS categories' customers
    // binned for the log's model (`cxi_dashboard::data::linked::link`).
    let tx = cxi_parse::Dataset::Transactions(cxi_parse::Transactions {
        customer_ids: s.orders.customer_ids.clone(),
        customer: s.orders.customer.clone(),
        date: s.orders.dates.clone().expect("the sample has dates"),
        amount: s.orders.amounts.clone(),
        channel: None,
        segment: None,
        rows: s.orders.rows.clone(),
    });
    let inputs = cxi_dashboard::data::linked::LinkInputs {
        answers: Some(s.answers.clone()),
        crm: Some(s.crm.clone()),
        csat_scale: latest.csat_scale,
    };
    show(
        "worker's join: + model bins per NPS category",
        time(RUNS, || {
            cxi_dashboard::data::linked::link(&tx, &inputs, &latest).expect("the sample links")
        }),
    );
    println!(
        "heap peak of one link (orders + answers + CRM): {:.1} MB",
        peak_mb(|| link(&s.orders, &s.answers, Some(&s.crm), &latest))
    );
    let p = Planted::default();
    println!(
        "planted promoter/detractor ratios: spend {:.4}, repeat {:.4}",
        p.expected_spend(2, 365.0) / p.expected_spend(0, 365.0),
        p.expected_repeat(2, 365.0) / p.expected_repeat(0, 365.0)
    );
    for (name, o) in [("latest answer", &latest), ("each answer", &each)] {
        let e = link(&s.orders, &s.answers, Some(&s.crm), o).expect("the sample links");
        let nps = e.nps.expect("the sample has NPS");
        let ratio = |m| {
            nps.contrast(m).and_then(|c| c.ratio).map_or_else(
                || "-".to_string(),
                |r| format!("{:.4} [{:.4}, {:.4}]", r.estimate, r.low, r.high),
            )
        };
        println!(
            "measured, {name}: {:.1} % of answers matched; spend {}, repeat {}",
            e.orders_match.percent(),
            ratio(Measure::Spend),
            ratio(Measure::Repeat)
        );
    }
}
