//! Native throughput of the data parser: `scripts/bench-parse.sh`.
//!
//! Generates a 1M-row transaction log deterministically (English and French
//! conventions), then times read_table alone; read_table + typed amount and
//! date columns (the work of a typed JS parser); and read_table + shape
//! guess + validate into a typed transaction log (which also groups rows by
//! customer id); and the data worker's whole job, `Session::open` + report,
//! with its stage times as the worker's `LoadStats` counts them; then the
//! model fits the worker runs after sending the report (`Session::evidence`),
//! and the heap each step takes (peak and kept, counted by the allocator).
//! `DUMP_DIR=dir` also writes the generated files there. Prints MB/s (10^6
//! bytes per second) and MiB/s; the best of several runs is the figure, the
//! median is shown too.
//! Also reads the CDNOW RFM summary from ../shared/data when present
//! (skipped otherwise).

use std::time::Instant;

use cxi_dashboard::data::Session;
use cxi_dashboard::data::Source;
use cxi_dashboard::data::SourceKind;
use cxi_dashboard::data::Stage;
use cxi_parse::guess_shapes;
use cxi_parse::read_table;
use cxi_parse::validate;
use cxi_parse::Shape;
use cxi_types::Locale;

const ROWS: usize = 1_000_000;

/// The heap of each step, counted as the worker counts its own.
#[global_allocator]
static ALLOC: cxi_heap::Counting = cxi_heap::Counting;

/// Heap bytes in use and the peak since the last call.
fn heap() -> (usize, usize) {
    (cxi_heap::in_use(), cxi_heap::reset_peak())
}

/// Heap use of the worker's job on `input`, in bytes and as a multiple of
/// the input: the peak of each step and what stays afterwards. The input's
/// copy is the worker's (the bench's own `input` is not counted).
fn memory(input: &[u8]) {
    let source = Source {
        name: "bench.csv".into(),
        kind: SourceKind::File,
        bytes: input.len() as u64,
    };
    let n = input.len() as f64;
    let (base, _) = heap();
    let line = |step: &str, (now, peak): (usize, usize)| {
        let (now, peak) = (now.saturating_sub(base), peak.saturating_sub(base));
        println!(
            "  memory {step:<28} peak {:>6.1} MB ({:.2}x the input), {:>6.1} MB kept ({:.2}x)",
            peak as f64 / 1e6,
            peak as f64 / n,
            now as f64 / 1e6,
            now as f64 / n
        );
    };
    let bytes = input.to_vec();
    let session = Session::open(bytes, source, &mut |_, _, _| {}).expect("generated input opens");
    line("copy + Session::open", heap());
    let report = session.report(Locale::En);
    line("report", heap());
    let evidence = session.evidence();
    line("model fits (evidence)", heap());
    drop((report, evidence, session));
}

/// SplitMix64, the same generator as the samples, for a fixed input.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn generate(french: bool) -> Vec<u8> {
    use std::fmt::Write;
    let mut rng = Rng(42);
    let mut s = String::with_capacity(ROWS * 48);
    let sep = if french { ';' } else { ',' };
    if french {
        s.push_str("Client;Date de commande;Montant;Canal;Segment\n");
    } else {
        s.push_str("customer_id,order_date,amount,channel,segment\n");
    }
    let channels = ["store", "web", "app", "phone"];
    let segments = ["standard", "premium", "business"];
    for _ in 0..ROWS {
        let r = rng.next();
        let customer = r % 200_000;
        let day = (r >> 20) % 730;
        let (y, doy) = (2023 + day / 365, day % 365);
        let month = doy / 31 + 1;
        let dom = doy % 28 + 1;
        let cents = (r >> 32) % 250_000 + 100;
        let ch = channels[((r >> 50) % 4) as usize];
        let seg = segments[((r >> 55) % 3) as usize];
        if french {
            let euros = cents / 100;
            let amount = if euros >= 1000 {
                format!(
                    "{}\u{a0}{:03},{:02} €",
                    euros / 1000,
                    euros % 1000,
                    cents % 100
                )
            } else {
                format!("{},{:02} €", euros, cents % 100)
            };
            let _ = writeln!(
                s,
                "C{customer:07}{sep}{dom:02}/{month:02}/{y}{sep}{amount}{sep}{ch}{sep}{seg}"
            );
        } else {
            let _ = writeln!(
                s,
                "C{customer:07}{sep}{y}-{month:02}-{dom:02}{sep}{}.{:02}{sep}{ch}{sep}{seg}",
                cents / 100,
                cents % 100
            );
        }
    }
    s.into_bytes()
}

fn time<F: FnMut() -> usize>(runs: usize, mut f: F) -> (f64, f64, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut check = 0;
    for _ in 0..runs {
        let t = Instant::now();
        check = f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times[0], times[runs / 2], check)
}

fn report(name: &str, bytes: usize, (best, median, rows): (f64, f64, usize)) {
    let mb = bytes as f64 / 1e6;
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "{name:<44} {:>7.1} MB/s {:>7.1} MiB/s  best {:>6.1} ms  median {:>6.1} ms  ({rows} rows)",
        mb / best,
        mib / best,
        best * 1e3,
        median * 1e3
    );
}

/// `Session::open` then its report, as the data worker runs them: the times
/// of read_table, guess, validate and report, and the rows kept.
fn open_session(input: &[u8]) -> ([f64; 4], usize, Session) {
    let source = Source {
        name: "bench.csv".into(),
        kind: SourceKind::File,
        bytes: input.len() as u64,
    };
    let mut times = [0.0; 4];
    let mut stage = Stage::Parse;
    let mut lap = Instant::now();
    // The worker copies the bytes into its memory first (its read_ms).
    let bytes = input.to_vec();
    let session = Session::open(bytes, source, &mut |next, _, _| {
        if next != stage {
            let i = match stage {
                Stage::Parse => 0,
                Stage::Guess => 1,
                _ => 2,
            };
            times[i] += lap.elapsed().as_secs_f64();
            lap = Instant::now();
            stage = next;
        }
    })
    .expect("generated input opens");
    times[2] += lap.elapsed().as_secs_f64();
    let lap = Instant::now();
    let r = session.report(Locale::En);
    times[3] = lap.elapsed().as_secs_f64();
    let rows = r.ready().map_or(0, |r| r.summary.rows_ok);
    (times, rows, session)
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    for french in [false, true] {
        let input = generate(french);
        let label = if french { "fr" } else { "en" };
        if let Ok(dir) = std::env::var("DUMP_DIR") {
            // Keep the generated file for other tools (the browser bench).
            let path = format!("{dir}/transactions-1m-{label}.csv");
            std::fs::write(&path, &input).expect("DUMP_DIR is writable");
            println!("wrote {path}");
        }
        println!(
            "input {label}: {ROWS} rows, {:.1} MB ({} bytes)",
            input.len() as f64 / 1e6,
            input.len()
        );
        report(
            &format!("read_table ({label})"),
            input.len(),
            time(runs, || {
                read_table(&input).map(|t| t.row_count()).unwrap_or(0)
            }),
        );
        report(
            &format!("read_table + typed amount and date ({label})"),
            input.len(),
            time(runs, || {
                // What JS typed parsers do: cells to numbers and dates, with
                // every error located, but no grouping by customer.
                let t = read_table(&input).expect("generated input reads");
                let amounts = t.numbers(2).expect("amounts are numbers");
                let dates = t.dates(1).expect("dates are dates");
                amounts.len().min(dates.len())
            }),
        );
        report(
            &format!("read_table + guess + validate ({label})"),
            input.len(),
            time(runs, || {
                let t = read_table(&input).expect("generated input reads");
                let g = guess_shapes(&t).remove(0);
                assert_eq!(g.shape, Shape::Transactions);
                let v = validate(&t, &g.mapping).expect("generated input validates");
                assert!(v.is_clean());
                v.summary.rows_ok
            }),
        );
        let mut stages = Vec::new();
        report(
            &format!("worker: copy, Session::open, report ({label})"),
            input.len(),
            time(runs, || {
                let (t, s, _) = open_session(&input);
                stages.push(t);
                s
            }),
        );
        memory(&input);
        // The worker sends the report first, then fits the models.
        let mut fits: Vec<f64> = (0..runs.min(3))
            .map(|_| {
                let (_, _, session) = open_session(&input);
                let t = Instant::now();
                assert!(session.evidence().is_some());
                t.elapsed().as_secs_f64()
            })
            .collect();
        fits.sort_by(f64::total_cmp);
        println!(
            "  then model fits (Session::evidence): best {:.1} ms, median {:.1} ms",
            fits[0] * 1e3,
            fits[fits.len() / 2] * 1e3
        );
        // Stage times of the fastest run, as the worker's LoadStats has them.
        if let Some(best) = stages
            .iter()
            .min_by(|a, b| a.iter().sum::<f64>().total_cmp(&b.iter().sum::<f64>()))
        {
            println!(
                "  stages of the best run: read_table {:.1} ms, guess {:.1} ms, validate {:.1} ms, report {:.1} ms",
                best[0] * 1e3,
                best[1] * 1e3,
                best[2] * 1e3,
                best[3] * 1e3
            );
        }
    }
    let cdnow = "../shared/data/cdnow_customers_summary_with_transactions.csv";
    match std::fs::read(cdnow)
        .or_else(|_| std::fs::read(format!("/work/shared/data/{}", &cdnow[15..])))
    {
        Ok(bytes) => report(
            "CDNOW RFM summary: read + guess + validate",
            bytes.len(),
            time(runs, || {
                let t = read_table(&bytes).expect("CDNOW reads");
                let g = guess_shapes(&t).remove(0);
                validate(&t, &g.mapping)
                    .map(|v| v.summary.rows_ok)
                    .unwrap_or(0)
            }),
        ),
        Err(_) => println!("CDNOW summary not found ({cdnow}): skipped"),
    }
}
