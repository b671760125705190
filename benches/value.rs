//! Speed of the customer-value core, printed as figures (not a test).
//!
//! `cargo bench -p cxi-benches --bench value` (or `scripts/bench-value.sh`, which also runs
//! Python's lifetimes on the same data). Data are simulated with fixed seeds
//! (BG/NBD + Gamma-Gamma at the published CDNOW parameters) and written to
//! `target/bench-value/` for the Python side; Rust figures go to
//! `target/bench-value/rust.json`. Times are medians of repeated runs, as
//! wall clock and as this thread's CPU time: on a shared machine the wall
//! time includes waiting for a core, the CPU time does not.
//! Pareto/NBD, MBG/NBD and BG/BB are fitted on CDNOW-sized (2,357) and
//! 100,000 simulated customers of each model, and Pareto/NBD and MBG/NBD
//! on the CDNOW sample when `../shared/data` has it.
//! Targets: 2,500-customer BG/NBD fit <= 20 ms, 1M transactions -> RFM <= 300 ms,
//! CDNOW Pareto/NBD fit <= 10 ms, the four purchase models on 100,000
//! customers each <= 1 s in all.

// Native only: the simulators and the CPU clock use native dev-dependencies
// (the wasm32 clippy pass of `./x test` still compiles this target).
#[cfg(not(target_arch = "wasm32"))]
use cxi_testkit::sim;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {

    use super::sim::{
        simulate, simulate_mbgnbd, simulate_pareto_nbd, simulate_sbg, SimSpec, CDNOW_LIKE,
        PARETO_CDNOW_LIKE,
    };
    use cxi_models::bgbb::{self, BgBbRow};
    use cxi_models::bgnbd;
    use cxi_models::gamma_gamma;
    use cxi_models::mbgnbd;
    use cxi_models::pareto_nbd;
    use cxi_models::rfm::summarize;
    use cxi_models::rfm::Day;
    use cxi_models::rfm::Rfm;
    use cxi_models::rfm::TimeConvention;
    use cxi_models::rfm::Transaction;
    use cxi_models::rfm_clv;
    use cxi_models::sbg;
    use cxi_types::period::PeriodUnit;
    use rand::RngExt;
    use rand_distr::{Beta, Distribution};
    use rand_pcg::rand_core::SeedableRng;
    use std::fmt::Write as _;
    use std::hint::black_box;
    use std::path::Path;
    use std::time::Instant;

    /// CPU time of the calling thread, in ms.
    fn thread_cpu_ms() -> f64 {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime only writes the timespec we pass.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
    }

    /// Median wall and CPU times of `runs` runs, in ms.
    #[derive(Clone, Copy)]
    struct Timing {
        wall: f64,
        cpu: f64,
    }

    impl Timing {
        fn show(&self) -> String {
            format!("{:>9.2} ms (cpu {:>8.2})", self.wall, self.cpu)
        }
    }

    fn median_time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
        let mut walls = Vec::with_capacity(runs);
        let mut cpus = Vec::with_capacity(runs);
        let mut last = None;
        for _ in 0..runs {
            let c = thread_cpu_ms();
            let t = Instant::now();
            let v = black_box(f());
            walls.push(t.elapsed());
            cpus.push(thread_cpu_ms() - c);
            last = Some(v);
        }
        walls.sort();
        cpus.sort_by(f64::total_cmp);
        let wall = walls[runs / 2].as_secs_f64() * 1e3;
        (
            Timing {
                wall,
                cpu: cpus[runs / 2],
            },
            last.unwrap(),
        )
    }

    /// `{"wall_ms":…,"cpu_ms":…}`
    fn tj(t: Timing) -> String {
        format!("{{\"wall_ms\":{},\"cpu_ms\":{}}}", t.wall, t.cpu)
    }

    fn load_average() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into())
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

    /// `{"r":…,"alpha":…,"s":…,"beta":…,"ll":…}` and the like.
    fn params_json(names: [&str; 4], values: [f64; 4], ll: f64) -> String {
        let mut s = String::from("{");
        for (n, v) in names.iter().zip(values) {
            let _ = write!(s, "\"{n}\":{v},");
        }
        let _ = write!(s, "\"ll\":{ll}}}");
        s
    }

    /// BG/BB histories of `n` customers over `periods` opportunities
    /// (FHS 2010: p ~ Beta(α, β) transaction, θ ~ Beta(γ, δ) drop-out
    /// probabilities per opportunity), grouped by `(x, t_x)` with counts.
    fn simulate_bgbb(n: usize, periods: u32, seed: u64) -> Vec<BgBbRow> {
        let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
        let (p_d, th_d) = (
            Beta::new(1.204, 0.750).unwrap(),
            Beta::new(0.657, 2.783).unwrap(),
        );
        let mut counts = std::collections::BTreeMap::new();
        for _ in 0..n {
            let (p, th): (f64, f64) = (p_d.sample(&mut rng), th_d.sample(&mut rng));
            let (mut x, mut tx) = (0u32, 0u32);
            for t in 1..=periods {
                if rng.random::<f64>() < th {
                    break;
                }
                if rng.random::<f64>() < p {
                    x += 1;
                    tx = t;
                }
            }
            *counts.entry((x, tx)).or_insert(0.0) += 1.0;
        }
        counts
            .into_iter()
            .map(|((x, tx), count)| BgBbRow {
                frequency: x,
                recency: tx,
                periods,
                count,
            })
            .collect()
    }

    /// Pareto/NBD, MBG/NBD and BG/BB fits: CDNOW-sized (2,357) and 100,000
    /// simulated customers of each model, BG/NBD's 100,000 from `bg_big`.
    fn purchase_models(dir: &Path, json: &mut String, t_bg_big: Timing) {
        let pnbd_small = simulate_pareto_nbd(&PARETO_CDNOW_LIKE, 2_357, 2_357);
        let pnbd_big = simulate_pareto_nbd(&PARETO_CDNOW_LIKE, 100_000, 100_000);
        let mbg_small: Vec<Rfm> = simulate_mbgnbd(&CDNOW_LIKE, 2_357, 2_358);
        let mbg_big: Vec<Rfm> = simulate_mbgnbd(&CDNOW_LIKE, 100_000, 100_001);
        let bgbb_big = simulate_bgbb(100_000, 6, 6);
        write_rfm(&dir.join("rfm_pnbd_2357.csv"), &pnbd_small);
        write_rfm(&dir.join("rfm_pnbd_100000.csv"), &pnbd_big);
        write_rfm(&dir.join("rfm_mbg_2357.csv"), &mbg_small);
        write_rfm(&dir.join("rfm_mbg_100000.csv"), &mbg_big);
        let mut csv = String::from("frequency,recency,n_periods,weights\n");
        for r in &bgbb_big {
            let _ = writeln!(
                csv,
                "{},{},{},{}",
                r.frequency, r.recency, r.periods, r.count
            );
        }
        std::fs::write(dir.join("bgbb_100000.csv"), csv).expect("write bgbb csv");
        let pnbd = |rows: &[Rfm]| pareto_nbd::fit(rows).expect("Pareto/NBD fit");
        let mbg = |rows: &[Rfm]| mbgnbd::fit(rows).expect("MBG/NBD fit");
        let (t1, f1) = median_time(11, || pnbd(&pnbd_small));
        let (t2, f2) = median_time(5, || pnbd(&pnbd_big));
        let (t3, f3) = median_time(11, || mbg(&mbg_small));
        let (t4, f4) = median_time(5, || mbg(&mbg_big));
        let (t5, f5) = median_time(5, || bgbb::fit(&bgbb_big).expect("BG/BB fit"));
        let p = |f: &pareto_nbd::ParetoNbdFit| {
            let q = f.params;
            params_json(
                ["r", "alpha", "s", "beta"],
                [q.r(), q.alpha(), q.s(), q.beta()],
                f.log_likelihood,
            )
        };
        let m = |f: &mbgnbd::MbgNbdFit| {
            let q = f.params;
            params_json(
                ["r", "alpha", "a", "b"],
                [q.r(), q.alpha(), q.a(), q.b()],
                f.log_likelihood,
            )
        };
        let q = f5.params;
        let bb = params_json(
            ["alpha", "beta", "gamma", "delta"],
            [q.alpha(), q.beta(), q.gamma(), q.delta()],
            f5.log_likelihood,
        );
        for (name, t, params) in [
            ("Pareto/NBD fit, 2,357 simulated", t1, p(&f1)),
            ("Pareto/NBD fit, 100,000 simulated", t2, p(&f2)),
            ("MBG/NBD fit, 2,357 simulated", t3, m(&f3)),
            ("MBG/NBD fit, 100,000 simulated", t4, m(&f4)),
            ("BG/BB fit, 100,000 (6 periods)", t5, bb.clone()),
        ] {
            println!("{name:<38}{}", t.show());
            println!("  {params}");
        }
        let total = Timing {
            wall: t_bg_big.wall + t2.wall + t4.wall + t5.wall,
            cpu: t_bg_big.cpu + t2.cpu + t4.cpu + t5.cpu,
        };
        println!(
            "four purchase models, 100,000 each    {}   target <= 1 s",
            total.show()
        );
        let _ = write!(
            json,
            ",\"pnbd_2357\":{},\"pnbd_2357_params\":{},\"pnbd_100000\":{},\"pnbd_100000_params\":{},\
             \"mbg_2357\":{},\"mbg_2357_params\":{},\"mbg_100000\":{},\"mbg_100000_params\":{},\
             \"bgbb_100000\":{},\"bgbb_100000_params\":{},\"bg_100000\":{},\"purchase_100000\":{}",
            tj(t1),
            p(&f1),
            tj(t2),
            p(&f2),
            tj(t3),
            m(&f3),
            tj(t4),
            m(&f4),
            tj(t5),
            bb,
            tj(t_bg_big),
            tj(total)
        );
    }

    pub fn main() {
        // The workspace's target/, where scripts/bench-value.sh looks (this
        // package's manifest is in benches/).
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-value");
        std::fs::create_dir_all(&dir).expect("create target/bench-value");
        let mut json = String::from("{");
        println!(
            "customer-value core, native (bench profile), medians; load average {}",
            load_average()
        );
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
            "BG/NBD fit, 2,500 customers           {}   target <= 20 ms",
            t_bg.show()
        );
        println!("Gamma-Gamma fit, 2,500 customers      {}", t_gg.show());
        println!("BG/NBD + Gamma-Gamma, 2,500           {}", t_both.show());
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
            "\"fit_2500\":{},\"bg_2500\":{},\"gg_2500\":{},\"params_2500\":{}",
            tj(t_both),
            tj(t_bg),
            tj(t_gg),
            json_fit(&bg, &gg)
        );

        // 100,000 customers.
        let big: Vec<Rfm> = simulate(&CDNOW_LIKE, 100_000, 100_000)
            .iter()
            .map(|c| c.rfm)
            .collect();
        write_rfm(&dir.join("rfm_100000.csv"), &big);
        let (t_big, (bg, gg)) = median_time(5, || fit_both(&big));
        println!("BG/NBD + Gamma-Gamma, 100,000         {}", t_big.show());
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
        // The same fit without the subsample start (every start on all
        // 100,000 customers): what the shortcut saves.
        let (t_all, all) = median_time(5, || bgnbd::fit_all_starts(&big).expect("fit"));
        println!(
            "BG/NBD alone, 100,000, all starts on all customers {}  (LL {:.2})",
            t_all.show(),
            all.log_likelihood
        );
        let (t_quick, quick) = median_time(5, || bgnbd::fit(&big).expect("fit"));
        println!(
            "BG/NBD alone, 100,000, from a 20,000 subsample     {}  (LL {:.2})",
            t_quick.show(),
            quick.log_likelihood
        );
        let _ = write!(
            json,
            ",\"fit_100000\":{},\"params_100000\":{}",
            tj(t_big),
            json_fit(&bg, &gg)
        );
        purchase_models(&dir, &mut json, t_quick);

        // CLV over 12 months for the 100,000.
        let settings =
            rfm_clv::ClvSettings::new(PeriodUnit::Week, PeriodUnit::Month, 12, 0.10, 1.0).unwrap();
        let (t_clv, pv) = median_time(3, || {
            rfm_clv::portfolio_value(&bg.params, &gg.params, &big, &settings).unwrap()
        });
        println!(
            "12-month CLV, 100,000 customers       {}   total {:.0}",
            t_clv.show(),
            pv.total_clv
        );
        let _ = write!(json, ",\"clv_100000\":{}", tj(t_clv));

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
        let (t_rfm, table) = median_time(7, || {
            summarize(&log, PeriodUnit::Week, TimeConvention::Days, None).unwrap()
        });
        println!(
            "{} rows -> RFM, String ids      {}   target <= 300 ms; {} customers",
            log.len(),
            t_rfm.show(),
            table.customers.len()
        );
        // The app's path: parse::Transactions already maps ids to u32 indices.
        let indexed: Vec<Transaction<u32>> = log
            .iter()
            .map(|t| Transaction {
                customer: t.customer[1..].parse().expect("numeric id"),
                day: t.day,
                amount: t.amount,
            })
            .collect();
        let (t_rfm_idx, table_idx) = median_time(7, || {
            summarize(&indexed, PeriodUnit::Week, TimeConvention::Days, None).unwrap()
        });
        assert_eq!(table_idx.customers.len(), table.customers.len());
        println!(
            "{} rows -> RFM, u32 ids (parse) {}",
            log.len(),
            t_rfm_idx.show()
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
            ",\"rfm_1m\":{},\"rfm_1m_u32\":{},\"rfm_rows\":{},\"rfm_customers\":{}",
            tj(t_rfm),
            tj(t_rfm_idx),
            log.len(),
            table.customers.len()
        );

        // sBG: the published cohort and a simulated 100,000-customer one.
        let regular = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
        let (t_sbg, f) = median_time(201, || sbg::fit(&regular).unwrap());
        println!(
            "sBG fit, 8-period cohort              {}   alpha={:.3} beta={:.3}",
            t_sbg.show(),
            f.params.alpha(),
            f.params.beta()
        );
        let sim = simulate_sbg(0.704, 1.182, 100_000, 12, 9);
        let (t_sbg2, f2) = median_time(201, || sbg::fit(&sim).unwrap());
        println!(
            "sBG fit, 12-period simulated cohort   {}   alpha={:.3} beta={:.3} (true 0.704 1.182)",
            t_sbg2.show(),
            f2.params.alpha(),
            f2.params.beta()
        );
        let _ = write!(json, ",\"sbg\":{}", tj(t_sbg));

        // The public CDNOW sample, when this machine has it.
        // `CXI_SHARED_DATA`, else the shared folder beside the checkout.
        let shared = std::env::var_os("CXI_SHARED_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
        let cdnow = shared.join("cdnow_customers_summary_with_transactions.csv");
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
                    "CDNOW ({} customers) BG/NBD + GG     {}",
                    rows.len(),
                    t.show()
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
                let _ = write!(json, ",\"cdnow\":{}", tj(t));
                let (t_p, p) = median_time(11, || pareto_nbd::fit(&rows).expect("fit"));
                let (t_m, m) = median_time(11, || mbgnbd::fit(&rows).expect("fit"));
                println!(
                    "CDNOW Pareto/NBD fit                  {}   target <= 10 ms",
                    t_p.show()
                );
                println!(
                    "  r={:.4} alpha={:.4} s={:.4} beta={:.4} LL={:.2} | published r=0.5533 alpha=10.578 s=0.6062 beta=11.668 LL=-9594.97",
                    p.params.r(),
                    p.params.alpha(),
                    p.params.s(),
                    p.params.beta(),
                    p.log_likelihood
                );
                println!("CDNOW MBG/NBD fit                     {}", t_m.show());
                println!(
                    "  r={:.4} alpha={:.4} a={:.4} b={:.4} LL={:.2}",
                    m.params.r(),
                    m.params.alpha(),
                    m.params.a(),
                    m.params.b(),
                    m.log_likelihood
                );
                let _ = write!(
                    json,
                    ",\"cdnow_pnbd\":{},\"cdnow_mbg\":{}",
                    tj(t_p),
                    tj(t_m)
                );
            }
            Err(_) => println!(
                "CDNOW sample not found ({}; set CXI_SHARED_DATA): skipped",
                shared.display()
            ),
        }
        json.push('}');
        std::fs::write(dir.join("rust.json"), json).expect("write rust.json");
        println!("{:-<78}", "");
        println!("data and rust.json written to {}", dir.display());
    }
}
