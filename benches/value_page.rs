//! Size and speed of the Customer value page's evidence, printed as
//! figures (not a test): `cargo bench -p cxi-benches --bench value_page`.
//!
//! * the CDNOW sample (`../shared/data`, skipped when absent): the full
//!   transaction log (1997-01 to 1998-06, 23,570 customers' first cohort
//!   of 2,357) and its published RFM summary (calibration to 1997-09-30);
//! * 10k and 100k customers and about 1M transactions simulated with the
//!   published CDNOW parameters (fixed seeds).
//!
//! For each: evidence time (RFM + BG/NBD + Gamma-Gamma fits + binning +
//! candidates at risk), evidence JSON size, and the page's compute time on
//! an assumption change (median of 9 runs; also the first compute, before
//! anything is memoised, and a discount rate change).

#[cfg(not(target_arch = "wasm32"))]
use cxi_testkit::sim;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::sim::{simulate, CDNOW_LIKE};
    use chrono::{Days, NaiveDate};
    use cxi_dashboard::data::Digest;
    use cxi_dashboard::data::LoadedData;
    use cxi_dashboard::data::Source;
    use cxi_dashboard::data::SourceKind;
    use cxi_dashboard::pages::value::compute;
    use cxi_dashboard::pages::value::evidence;
    use cxi_dashboard::pages::value::ValueAction;
    use cxi_dashboard::pages::value::ValueSlice;
    use cxi_dashboard::scenario::reduce;
    use cxi_dashboard::scenario::Action;
    use cxi_dashboard::scenario::Scenario;
    use cxi_parse::Dataset;
    use cxi_parse::Mapping;
    use cxi_parse::Rfm;
    use cxi_parse::Shape;
    use cxi_parse::Summary;
    use cxi_parse::Transactions;
    use cxi_types::Locale;
    use std::path::Path;
    use std::time::Instant;

    fn report(name: &str, d: &Dataset) {
        let t0 = Instant::now();
        let Some(e) = evidence(d) else {
            println!("{name}: no evidence");
            return;
        };
        let fit_ms = t0.elapsed().as_secs_f64() * 1e3;
        let json = serde_json::to_string(&e).unwrap_or_default();
        let mut s = Scenario::new(Locale::En);
        let mut loaded = LoadedData {
            key: 1,
            source: Source {
                name: name.into(),
                kind: SourceKind::File,
                bytes: 0,
            },
            mapping: Mapping::empty(Shape::Transactions, 0),
            summary: Summary::default(),
            digest: Digest::default(),
            currency: None,
            evidence: Default::default(),
        };
        loaded.evidence.value = Some(std::sync::Arc::new(e.clone()));
        s = reduce(&s, Action::SetTables(vec![loaded]));
        // First page after loading: nothing memoised yet.
        let t1 = Instant::now();
        let _ = compute(&ValueSlice::of(&s));
        let cold_ms = t1.elapsed().as_secs_f64() * 1e3;
        // A discount rate change: the memo's expectations are reused.
        let mut disc = Vec::new();
        for k in 0..9u32 {
            let t = reduce(&s, Action::SetAnnualDiscountPct(5.0 + f64::from(k)));
            let t1 = Instant::now();
            let _ = compute(&ValueSlice::of(&t));
            disc.push(t1.elapsed().as_secs_f64() * 1e3);
        }
        disc.sort_by(f64::total_cmp);
        let mut times = Vec::new();
        let mut clv = f64::NAN;
        for k in 0..9u32 {
            // An assumption change each time, as a user typing.
            let t = reduce(&s, Action::Value(ValueAction::SetHorizonMonths(30 + k)));
            let t1 = Instant::now();
            let v = compute(&ValueSlice::of(&t));
            times.push(t1.elapsed().as_secs_f64() * 1e3);
            clv = v.headline.figure.value().unwrap_or(f64::NAN);
        }
        times.sort_by(f64::total_cmp);
        let (params, bins) = e.bgnbd.as_ref().map_or((String::new(), 0), |b| {
            let p = &b.params;
            (
                format!(
                    "r={:.4} alpha={:.4} a={:.4} b={:.4} unit={}",
                    p.r(),
                    p.alpha(),
                    p.a(),
                    p.b(),
                    b.unit.id()
                ),
                b.bins.len(),
            )
        });
        println!(
            "{name}: rows {} | evidence {fit_ms:.0} ms | JSON {:.1} KB | bins {bins} | compute median {:.1} ms (first {cold_ms:.1} ms, discount change {:.1} ms) | mean CLV {clv:.2} | {params}",
            d.len(),
            json.len() as f64 / 1024.0,
            times[4],
            disc[4]
        );
    }

    fn transactions(rows: Vec<(u32, NaiveDate, f64)>, customers: usize) -> Dataset {
        let n = rows.len();
        let mut t = Transactions {
            customer_ids: (0..customers).map(|i| format!("C{i}")).collect(),
            customer: Vec::with_capacity(n),
            date: Vec::with_capacity(n),
            amount: Vec::with_capacity(n),
            channel: None,
            segment: None,
            rows: (2..n as u32 + 2).collect(),
        };
        for (c, d, a) in rows {
            t.customer.push(c);
            t.date.push(d);
            t.amount.push(a);
        }
        Dataset::Transactions(t)
    }

    fn simulated(customers: usize, seed: u64) -> Dataset {
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let mut rows = Vec::new();
        for (i, c) in simulate(&CDNOW_LIKE, customers, seed).iter().enumerate() {
            // First purchase T weeks before the end of week 39.
            let offset = CDNOW_LIKE.t_max - c.rfm.age;
            for (t, a) in c.purchase_times.iter().zip(&c.amounts) {
                let day = ((offset + t) * 7.0).floor() as u64;
                rows.push((
                    i as u32,
                    start + Days::new(day),
                    (a * 100.0).round() / 100.0,
                ));
            }
        }
        transactions(rows, customers)
    }

    pub fn main() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        match std::fs::read_to_string(shared.join("CDNOW_sample.txt")) {
            Ok(text) => {
                let mut ids: Vec<String> = Vec::new();
                let mut rows = Vec::new();
                for line in text.lines() {
                    let f: Vec<&str> = line.split_whitespace().collect();
                    if f.len() < 5 {
                        continue;
                    }
                    let (Ok(d), Ok(a)) = (
                        NaiveDate::parse_from_str(f[2], "%Y%m%d"),
                        f[4].parse::<f64>(),
                    ) else {
                        continue;
                    };
                    if ids.last().map(String::as_str) != Some(f[0]) {
                        ids.push(f[0].to_string());
                    }
                    rows.push((ids.len() as u32 - 1, d, a));
                }
                let n = ids.len();
                report("CDNOW sample, full log", &transactions(rows, n));
            }
            Err(_) => println!("CDNOW sample absent ({}): skipped", shared.display()),
        }
        if let Ok(text) =
            std::fs::read_to_string(shared.join("cdnow_customers_summary_with_transactions.csv"))
        {
            let mut r = Rfm::default();
            let mut m = Vec::new();
            for line in text.lines().skip(1) {
                let f: Vec<f64> = line.split(',').filter_map(|x| x.parse().ok()).collect();
                if f.len() >= 5 {
                    r.frequency.push(f[1]);
                    r.recency.push(f[2]);
                    r.t.push(f[3]);
                    m.push(Some(f[4]));
                    r.rows.push(r.rows.len() as u32 + 2);
                }
            }
            r.monetary_value = Some(m);
            report("CDNOW RFM summary (FHL 2005 calibration)", &Dataset::Rfm(r));
        }
        report("simulated 10k customers", &simulated(10_000, 10));
        report("simulated 100k customers", &simulated(100_000, 100));
        // About 1M transactions: CDNOW-like customers make 2.5 on average.
        report("simulated 400k customers", &simulated(400_000, 400));
    }
}
