"""lifetimes on the data `cargo bench -p cxi-benches --bench value` generated; prints the
timings and parameters next to the Rust ones (target/bench-value/rust.json)."""
import json
import sys
import time
import warnings

import pandas as pd
from lifetimes import (
    BetaGeoBetaBinomFitter,
    BetaGeoFitter,
    GammaGammaFitter,
    ModifiedBetaGeoFitter,
    ParetoNBDFitter,
)
from lifetimes.utils import summary_data_from_transaction_data

warnings.simplefilter("ignore")
d = sys.argv[1]
rust = json.load(open(f"{d}/rust.json"))


def median_time(fn, runs):
    """Median wall and thread-CPU times in ms, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        c, t = time.thread_time(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.thread_time() - c)
    walls.sort()
    cpus.sort()
    return {"wall_ms": walls[len(walls) // 2] * 1e3, "cpu_ms": cpus[len(cpus) // 2] * 1e3}, result


def fit_both(df):
    bg = BetaGeoFitter().fit(df["frequency"], df["recency"], df["T"])
    rep = df[(df["frequency"] > 0) & (df["monetary_value"] > 0)]
    gg = GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"])
    return bg, gg


def params(bg, gg):
    p = dict(bg.params_)
    p.update(dict(gg.params_))
    return p


def show(name, rust_t, py_t, rust_params=None, py_params=None, keys=None):
    print(
        f"{name:<30} rust {rust_t['wall_ms']:9.2f} ms (cpu {rust_t['cpu_ms']:8.2f})   "
        f"lifetimes {py_t['wall_ms']:9.2f} ms (cpu {py_t['cpu_ms']:8.2f})   "
        f"ratio {py_t['wall_ms'] / rust_t['wall_ms']:6.1f}x (cpu {py_t['cpu_ms'] / rust_t['cpu_ms']:6.1f}x)"
    )
    if rust_params:
        keys = keys or ["r", "alpha", "a", "b", "p", "q", "v"]
        print("   rust      " + "  ".join(f"{k}={rust_params[k]:.4f}" for k in keys))
        print("   lifetimes " + "  ".join(f"{k}={py_params[k]:.4f}" for k in keys))
        worst = max(abs(rust_params[k] - py_params[k]) / abs(py_params[k]) for k in keys)
        print(f"   largest relative difference {worst:.2e}")


py = {}
print("-" * 78)
print("Python lifetimes 0.11.3 on the same data (median of 5 runs; 100,000 and 1M: one run)")
with open("/proc/loadavg") as f:
    print("load average", " ".join(f.read().split()[:3]))
small = pd.read_csv(f"{d}/rfm_2500.csv")
t, (bg, gg) = median_time(lambda: fit_both(small), 5)
show("BG/NBD + Gamma-Gamma, 2,500", rust["fit_2500"], t, rust["params_2500"], params(bg, gg))
t, _ = median_time(lambda: BetaGeoFitter().fit(small["frequency"], small["recency"], small["T"]), 5)
show("BG/NBD alone, 2,500", rust["bg_2500"], t)

big = pd.read_csv(f"{d}/rfm_100000.csv")
t, (bg, gg) = median_time(lambda: fit_both(big), 1)
show("BG/NBD + Gamma-Gamma, 100,000", rust["fit_100000"], t, rust["params_100000"], params(bg, gg))

tx = pd.read_csv(f"{d}/transactions_1m.csv", parse_dates=["date"])
t, summary = median_time(
    lambda: summary_data_from_transaction_data(tx, "id", "date", "amount", freq="W"), 1
)
show(f"{len(tx):,} rows -> RFM (W)", rust["rfm_1m"], t)
ours = pd.read_csv(f"{d}/rfm_from_log_rust.csv").set_index("id")
both = summary.join(ours, rsuffix="_rust", how="outer")
mismatch = (
    (both["frequency"] != both["frequency_rust"])
    | (both["recency"] != both["recency_rust"])
    | (both["T"] != both["T_rust"])
).sum()
money = (both["monetary_value"] - both["monetary_value_rust"]).abs().max()
print(f"   summaries: {len(summary):,} customers (lifetimes) vs {len(ours):,} (rust); "
      f"{mismatch} differ in frequency/recency/T; max |monetary difference| {money:.2e}")

# Repeat-purchase models beside BG/NBD: each fitted on data simulated from itself.
def fitted(fitter, *cols, **kw):
    return lambda: fitter().fit(*cols, **kw)


for name, key, fitter, names, runs in [
    ("Pareto/NBD fit, 2,357", "pnbd_2357", ParetoNBDFitter, ["r", "alpha", "s", "beta"], 5),
    ("Pareto/NBD fit, 100,000", "pnbd_100000", ParetoNBDFitter, ["r", "alpha", "s", "beta"], 1),
    ("MBG/NBD fit, 2,357", "mbg_2357", ModifiedBetaGeoFitter, ["r", "alpha", "a", "b"], 5),
    ("MBG/NBD fit, 100,000", "mbg_100000", ModifiedBetaGeoFitter, ["r", "alpha", "a", "b"], 1),
]:
    csv = f"{d}/rfm_{key}.csv"
    df = pd.read_csv(csv)
    t, f = median_time(fitted(fitter, df["frequency"], df["recency"], df["T"]), runs)
    show(name, rust[key], t, rust[f"{key}_params"], dict(f.params_), names)
    py[key] = t

bb = pd.read_csv(f"{d}/bgbb_100000.csv")
t, f = median_time(
    fitted(BetaGeoBetaBinomFitter, bb["frequency"], bb["recency"], bb["n_periods"], weights=bb["weights"]),
    5,
)
show("BG/BB fit, 100,000 (grouped)", rust["bgbb_100000"], t, rust["bgbb_100000_params"],
     dict(f.params_), ["alpha", "beta", "gamma", "delta"])
py["bgbb_100000"] = t
bg = pd.read_csv(f"{d}/rfm_100000.csv")
t, _ = median_time(fitted(BetaGeoFitter, bg["frequency"], bg["recency"], bg["T"]), 1)
py["bg_100000"] = t
total = {k: sum(py[m][k] for m in ["bg_100000", "pnbd_100000", "mbg_100000", "bgbb_100000"])
         for k in ["wall_ms", "cpu_ms"]}
show("four purchase models, 100,000 each", rust["purchase_100000"], total)
