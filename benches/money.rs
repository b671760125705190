//! Speed of the Churn & acquisition and Business case pages: what one
//! assumption change recomputes (page compute, the Monte-Carlo band) and
//! the evidence a 10,000-customer table leaves (computed once, in the
//! worker). Prints the median and the fastest of several runs.

use cxi_dashboard::pages::business;
use cxi_dashboard::pages::churn;
use cxi_dashboard::samples;
use cxi_dashboard::scenario::Scenario;
use cxi_parse::guess_mapping;
use cxi_parse::read_table;
use cxi_parse::validate;
use cxi_parse::Shape;
use cxi_types::Locale;
use std::hint::black_box;
use std::time::{Duration, Instant};

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
        "{name:<48} median {:>9.3} ms   best {:>9.3} ms",
        median.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
}

fn main() {
    let s = Scenario::new(Locale::En);
    show(
        "churn::compute + headlines + 3 charts",
        time(200, || {
            let sl = churn::ChurnSlice::of(&s);
            let v = churn::compute(&sl);
            (
                v.headlines(&sl),
                v.projection_chart(&sl),
                v.cac_chart(&sl),
                v.payback_chart(&sl),
            )
        }),
    );
    show(
        "business::compute + 3 charts (no band)",
        time(200, || {
            let v = business::compute(&business::BusinessSlice::of(&s));
            (
                v.cash_chart(&business::BusinessSlice::of(&s)),
                v.tornado_chart(&business::BusinessSlice::of(&s)),
                v.scenarios_chart(&business::BusinessSlice::of(&s)),
            )
        }),
    );
    let v = business::compute(&business::BusinessSlice::of(&s));
    let target = v.target().expect("default case computes").inputs;
    show(
        &format!("business::band ({} draws, 3 years)", business::DRAWS),
        time(200, || business::band(&target)),
    );
    show(
        "overview: churn + business headlines",
        time(100, || (churn::headlines(&s), business::headlines(&s))),
    );
    // Evidence of a 10,000-customer table: the sample's 2,000 rows five times.
    let one = samples::subscription(Locale::En);
    let mut text = one.clone();
    for _ in 0..4 {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(one.split_once('\n').map_or("", |x| x.1));
    }
    let table = read_table(text.as_bytes()).expect("the built-in sample reads");
    let mapping = guess_mapping(&table, Shape::Customers);
    let data = validate(&table, &mapping)
        .expect("the built-in sample validates")
        .dataset;
    println!("customers in the table: {}", data.len());
    show(
        "churn::evidence (10,000 customers)",
        time(20, || churn::evidence(&data)),
    );
}
