//! Speed of the customer-value core, printed as figures (not a test).
//!
//! `cargo bench --bench value` (or `scripts/bench-value.sh`, which also runs
//! Python's lifetimes on the same data). Data are simulated with fixed seeds
//! (BG/NBD + Gamma-Gamma at the published CDNOW parameters) and written to
//! `target/bench-value/` for the Python side; Rust figures go to
//! `target/bench-value/rust.json`. Times are medians of repeated runs.
//! Targets: 2,500-customer BG/NBD fit <= 20 ms, 1M transactions -> RFM <= 300 ms.

#[path = "../tests/common/sim.rs"]
mod sim;

use cx_impact::core::period::PeriodUnit;
use cx_impact::core::rfm::{summarize, Day, Rfm, Transaction};
use cx_impact::core::{bgnbd, gamma_gamma, rfm_clv, sbg};
use sim::{simulate, simulate_sbg, SimSpec, CDNOW_LIKE};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn median_time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = black_box(f());
        times.push(t.elapsed());
        last = Some(v);
    }
    times.sort();
    (times[runs / 2], last.unwrap())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn write_rfm(path: &Path, rows: &[Rfm]) {
    let mut s = String::from("id,frequency,recency,T,monetary_value\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "{i},{},{},{},{}",
            r.frequency, r.recency, r.age, r.monetary_value
        );
    }
    std::fs::write(path, s).expect("write rfm csv");
}

fn fit_both(rows: &[Rfm]) -> (bgnbd::BgNbdFit, gamma_gamma::GammaGammaFit) {
    (
        bgnbd::fit(rows).expect("BG/NBD fit"),
        gamma_gamma::fit(rows).expect("Gamma-Gamma fit"),
    )
}

fn json_fit(bg: &bgnbd::BgNbdFit, gg: &gamma_gamma::GammaGammaFit) -> String {
    format!(
        "{{\"r\":{},\"alpha\":{},\"a\":{},\"b\":{},\"bg_ll\":{},\"p\":{},\"q\":{},\"v\":{}}}",
        bg.params.r(),
        bg.params.alpha(),
        bg.params.a(),
        bg.params.b(),
        bg.log_likelihood,
        gg.params.p(),
        gg.params.q(),
        gg.params.v()
    )
}

/// A transaction log of at least `rows` purchases: simulated customers over
/// 52–104 weeks ending 2024-06-30, one row per purchase, dates to the day.
fn transaction_log(rows: usize) -> Vec<Transaction<String>> {
    let spec = SimSpec {
        t_min: 52.0,
        t_max: 104.0,
        holdout: 0.0,
        ..CDNOW_LIKE
    };
    let end = Day::from_ymd(2024, 6, 30).unwrap().0;
    let mut out = Vec::with_capacity(rows + 64);
    let mut seed = 1_000;
    let mut id = 0u64;
    while out.len() < rows {
        for c in simulate(&spec, 50_000, seed) {
            let first = end - (c.rfm.age * 7.0).round() as i32;
            for (t, amount) in c.purchase_times.iter().zip(&c.amounts) {
                out.push(Transaction {
                    customer: format!("C{id:07}"),
                    day: Day(first + (t * 7.0).round() as i32),
                    amount: (amount * 100.0).round() / 100.0,
                });
            }
            id += 1;
            if out.len() >= rows {
                break;
            }
        }
        seed += 1;
    }
    // Logs come in date order, not grouped by customer.
    out.sort_by_key(|t| t.day);
    out
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-value");
    std::fs::create_dir_all(&dir).expect("create target/bench-value");
    let mut json = String::from("{");
    println!("customer-value core, native (bench profile), medians");
    println!("{:-<78}", "");

    // BG/NBD + Gamma-Gamma, 2,500 customers.
    let small: Vec<Rfm> = simulate(&CDNOW_LIKE, 2_500, 2_500)
        .iter()
        .map(|c| c.rfm)
        .collect();
    write_rfm(&dir.join("rfm_2500.csv"), &small);
    let (t_bg, bg) = median_time(31, || bgnbd::fit(&small).expect("fit"));
    let (t_gg, gg) = median_time(31, || gamma_gamma::fit(&small).expect("fit"));
    let (t_both, _) = median_time(31, || fit_both(&small));
    println!(
        "BG/NBD fit, 2,500 customers           {:>9.2} ms   (target <= 20 ms)",
        ms(t_bg)
    );
    println!("Gamma-Gamma fit, 2,500 customers      {:>9.2} ms", ms(t_gg));
    println!(
        "BG/NBD + Gamma-Gamma, 2,500           {:>9.2} ms",
        ms(t_both)
    );
    println!(
        "  r={:.4} alpha={:.4} a={:.4} b={:.4} LL={:.2} | p={:.4} q={:.4} v={:.4}",
        bg.params.r(),
        bg.params.alpha(),
        bg.params.a(),
        bg.params.b(),
        bg.log_likelihood,
        gg.params.p(),
        gg.params.q(),
        gg.params.v()
    );
    let _ = write!(
        json,
        "\"fit_2500_ms\":{},\"bg_2500_ms\":{},\"gg_2500_ms\":{},\"params_2500\":{}",
        ms(t_both),
        ms(t_bg),
        ms(t_gg),
        json_fit(&bg, &gg)
    );

    // 100,000 customers.
    let big: Vec<Rfm> = simulate(&CDNOW_LIKE, 100_000, 100_000)
        .iter()
        .map(|c| c.rfm)
        .collect();
    write_rfm(&dir.join("rfm_100000.csv"), &big);
    let (t_big, (bg, gg)) = median_time(5, || fit_both(&big));
    println!(
        "BG/NBD + Gamma-Gamma, 100,000         {:>9.2} ms",
        ms(t_big)
    );
    println!(
        "  r={:.4} alpha={:.4} a={:.4} b={:.4} LL={:.2} | p={:.4} q={:.4} v={:.4}",
        bg.params.r(),
        bg.params.alpha(),
        bg.params.a(),
        bg.params.b(),
        bg.log_likelihood,
        gg.params.p(),
        gg.params.q(),
        gg.params.v()
    );
    let _ = write!(
        json,
        ",\"fit_100000_ms\":{},\"params_100000\":{}",
        ms(t_big),
        json_fit(&bg, &gg)
    );

    // CLV over 12 months for the 100,000.
    let settings =
        rfm_clv::ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.10, 1.0).unwrap();
    let (t_clv, pv) = median_time(3, || {
        rfm_clv::portfolio_value(&bg.params, &gg.params, &big, &settings).unwrap()
    });
    println!(
        "12-month CLV, 100,000 customers       {:>9.2} ms   (total {:.0})",
        ms(t_clv),
        pv.total_clv
    );
    let _ = write!(json, ",\"clv_100000_ms\":{}", ms(t_clv));

    // 1M transactions -> RFM (weekly).
    let log = transaction_log(1_000_000);
    {
        let mut s = String::with_capacity(log.len() * 32);
        s.push_str("id,date,amount\n");
        for t in &log {
            let _ = writeln!(s, "{},{},{:.2}", t.customer, t.day, t.amount);
        }
        std::fs::write(dir.join("transactions_1m.csv"), s).expect("write log");
    }
    let (t_rfm, table) = median_time(7, || summarize(&log, PeriodUnit::Week, None).unwrap());
    println!(
        "{} transactions -> RFM (week)    {:>9.2} ms   (target <= 300 ms; {} customers)",
        log.len(),
        ms(t_rfm),
        table.customers.len()
    );
    {
        let mut s = String::from("id,frequency,recency,T,monetary_value\n");
        for (id, r) in &table.customers {
            let _ = writeln!(
                s,
                "{id},{},{},{},{}",
                r.frequency, r.recency, r.age, r.monetary_value
            );
        }
        std::fs::write(dir.join("rfm_from_log_rust.csv"), s).expect("write rfm");
    }
    let _ = write!(
        json,
        ",\"rfm_1m_ms\":{},\"rfm_rows\":{},\"rfm_customers\":{}",
        ms(t_rfm),
        log.len(),
        table.customers.len()
    );

    // sBG: the published cohort and a simulated 100,000-customer one.
    let regular = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
    let (t_sbg, f) = median_time(201, || sbg::fit(&regular).unwrap());
    println!(
        "sBG fit, 8-period cohort              {:>9.3} ms   (alpha={:.3} beta={:.3})",
        ms(t_sbg),
        f.params.alpha(),
        f.params.beta()
    );
    let sim = simulate_sbg(0.704, 1.182, 100_000, 12, 9);
    let (t_sbg2, f2) = median_time(201, || sbg::fit(&sim).unwrap());
    println!(
        "sBG fit, 12-period simulated cohort   {:>9.3} ms   (alpha={:.3} beta={:.3}, true 0.704 1.182)",
        ms(t_sbg2),
        f2.params.alpha(),
        f2.params.beta()
    );
    let _ = write!(json, ",\"sbg_ms\":{}", ms(t_sbg));

    // The public CDNOW sample, when this machine has it.
    let cdnow = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/cdnow_customers_summary_with_transactions.csv");
    match std::fs::read_to_string(&cdnow) {
        Ok(text) => {
            let rows: Vec<Rfm> = text
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let v: Vec<f64> = l.split(',').filter_map(|x| x.parse().ok()).collect();
                    (v.len() == 5).then(|| Rfm {
                        frequency: v[1] as u32,
                        recency: v[2],
                        age: v[3],
                        monetary_value: v[4],
                    })
                })
                .collect();
            let (t, (bg, gg)) = median_time(31, || fit_both(&rows));
            println!(
                "CDNOW ({} customers) BG/NBD + GG     {:>9.2} ms",
                rows.len(),
                ms(t)
            );
            println!(
                "  r={:.4} alpha={:.4} a={:.4} b={:.4} LL={:.2} | p={:.4} q={:.4} v={:.4}",
                bg.params.r(),
                bg.params.alpha(),
                bg.params.a(),
                bg.params.b(),
                bg.log_likelihood,
                gg.params.p(),
                gg.params.q(),
                gg.params.v()
            );
            println!(
                "  published: r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4 | p=6.25 q=3.74 v=15.44"
            );
            let _ = write!(json, ",\"cdnow_ms\":{}", ms(t));
        }
        Err(_) => println!("CDNOW sample not found (../shared/data): skipped"),
    }
    json.push('}');
    std::fs::write(dir.join("rust.json"), json).expect("write rust.json");
    println!("{:-<78}", "");
    println!("data and rust.json written to {}", dir.display());
}
