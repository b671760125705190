//! Speed of the customer-value core, printed as figures (not a test).
//!
//! `cargo bench -p cxi-benches --bench value` (or `scripts/bench-value.sh`, which also runs
//! Python's lifetimes on the same data). Data are simulated with fixed seeds
//! (BG/NBD + Gamma-Gamma at the published CDNOW parameters) and written to
//! `target/bench-value/` for the Python side; Rust figures go to
//! `target/bench-value/rust.json`. Times are medians of repeated runs, as
//! wall clock and as this thread's CPU time: on a shared machine the wall
//! time includes waiting for a core, the CPU time does not.
//! Targets: 2,500-customer BG/NBD fit <= 20 ms, 1M transactions -> RFM <= 300 ms.

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

    use super::sim::{simulate, simulate_sbg, SimSpec, CDNOW_LIKE};
    use cxi_models::bgnbd;
    use cxi_models::gamma_gamma;
    use cxi_models::rfm::summarize;
    use cxi_models::rfm::Day;
    use cxi_models::rfm::Rfm;
    use cxi_models::rfm::TimeConvention;
    use cxi_models::rfm::Transaction;
    use cxi_models::rfm_clv;
    use cxi_models::sbg;
    use cxi_types::period::PeriodUnit;
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

    pub fn main() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-value");
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
            }
            Err(_) => println!("CDNOW sample not found (../shared/data): skipped"),
        }
        json.push('}');
        std::fs::write(dir.join("rust.json"), json).expect("write rust.json");
        println!("{:-<78}", "");
        println!("data and rust.json written to {}", dir.display());
    }
}
