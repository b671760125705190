#!/usr/bin/env python3
"""The warehouse path checked: docs/rfm.sql and docs/rfm_grouped.sql, run in
DuckDB, against `cxi rfm` and `cxi bgnbd` on the same orders.

1. Generates a deterministic orders table (seeded: a few thousand customers,
   several orders on one day, zero amounts, returns, orders after the
   calibration end, customers with only returns or only late orders).
2. Runs docs/rfm.sql and `target/debug/cxi rfm --time-convention days` in
   days, weeks and months: the per-customer rows must be the same customers,
   frequency exactly, recency, T and monetary_value within 1e-9.
3. Runs docs/rfm_grouped.sql: it must equal cxi's rows grouped by
   (frequency, recency, T) (customers exactly, mean monetary value 1e-9).
4. Fits `cxi bgnbd` (weeks) to the grouped CSV, with its `customers` count
   column, and to the per-customer one: the estimates must agree to 1e-5
   relative (the optimiser's stopping point; the log-likelihoods to 1e-9), and the grouped fit must have read the count column (a cxi
   without count-column support fits every group as one customer: that
   fails here, with a message, rather than passing on the wrong figures).
   The Gamma-Gamma fit on the same grouped rows is printed beside the
   per-customer one, not checked: its caveat (docs/rfm_grouped.sql).

Run by `./x test` (step sql-check) with the DuckDB that `x` installs into
.tools/venv; run by hand after `cargo build -p cxi-cli` with
`python3 scripts/sql_check.py` (it re-runs itself with .tools/venv's Python
when the current one has no duckdb). CXI_BIN overrides target/debug/cxi.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".tools" / "venv" / "bin" / "python"

try:
    import duckdb
except ImportError:
    # The venv's python is a link to this one: tell them apart by prefix.
    if VENV_PY.exists() and Path(sys.prefix).resolve() != VENV_PY.parent.parent.resolve():
        os.execv(str(VENV_PY), [str(VENV_PY), *sys.argv])
    sys.exit(
        "sql-check: no duckdb module: `./x test` installs it into .tools/venv "
        "(or: python3 -m venv .tools/venv && .tools/venv/bin/pip install duckdb)"
    )

SEED = 14
CUSTOMERS = 3000
START = dt.date(2024, 1, 1)
CALIBRATION_END = dt.date(2024, 12, 31)
LATE_END = dt.date(2025, 3, 31)  # orders up to here exist but are after the end
UNITS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}
TOL = 1e-9
# The grouped and per-customer likelihoods are the same function (checked to
# LL_RTOL); the estimates then differ only by where BFGS stops on a flat
# optimum (seen: 8.5e-7 relative on a and b), so their tolerance is the
# optimiser's, not the grouping's.
FIT_RTOL = 1e-5
LL_RTOL = 1e-9

failures: list[str] = []
checks = {"passed": 0, "failed": 0}


def fail(msg: str) -> None:
    failures.append(msg)
    print(f"FAIL: {msg}")


class check:
    """One counted check: failed when fail() was called inside it."""

    def __enter__(self):
        self.before = len(failures)

    def __exit__(self, *exc):
        checks["failed" if len(failures) > self.before or exc[0] else "passed"] += 1


def generate(path: Path) -> dict[str, int]:
    """Writes orders.csv (customer_id, order_date, amount); returns counts."""
    rng = random.Random(SEED)
    # Cohort days shared by many first purchases, so groups hold several customers.
    cohorts = [START + dt.timedelta(days=7 * k) for k in range(52)]
    rows: list[tuple[str, dt.date, str]] = []
    stats = defaultdict(int)
    for c in range(CUSTOMERS):
        cid = f"c{c:05d}"
        kind = rng.random()
        if kind < 0.01:  # only returns: no purchase, no row
            for _ in range(rng.randint(1, 2)):
                d = START + dt.timedelta(days=rng.randrange(360))
                rows.append((cid, d, f"-{rng.randint(100, 5000) / 100:.2f}"))
            stats["customers_only_returns"] += 1
            continue
        if kind < 0.02:  # first order after the calibration end: no row
            d = CALIBRATION_END + dt.timedelta(days=rng.randint(1, 80))
            rows.append((cid, d, f"{rng.randint(100, 9000) / 100:.2f}"))
            stats["customers_only_late"] += 1
            continue
        first = rng.choice(cohorts) if rng.random() < 0.6 else START + dt.timedelta(days=rng.randrange(365))
        rate = rng.choice([0.0, 0.005, 0.02, 0.05, 0.1])  # purchase days per day
        churn = first + dt.timedelta(days=int(rng.expovariate(1 / 200)))
        days = [first]
        d = first
        while rate > 0:
            d = d + dt.timedelta(days=max(1, int(rng.expovariate(rate))))
            if d > LATE_END or d > churn + dt.timedelta(days=rng.choice([0, 60])):
                break
            days.append(d)
        base = rng.uniform(5, 200)
        for d in days:
            orders = 1 + (rng.random() < 0.15) + (rng.random() < 0.05)  # same-day orders
            for _ in range(orders):
                cents = 0 if rng.random() < 0.02 else max(1, int(rng.gauss(base, base / 3) * 100))
                rows.append((cid, d, f"{cents / 100:.2f}"))
            if rng.random() < 0.05:  # a return on the purchase day
                rows.append((cid, d, f"-{rng.randint(100, 3000) / 100:.2f}"))
            if rng.random() < 0.03:  # a return on a day with no purchase
                rows.append((cid, d + dt.timedelta(days=rng.randint(1, 20)), "-5.00"))
    rng.shuffle(rows)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer_id", "order_date", "amount"])
        for cid, d, a in rows:
            w.writerow([cid, d.isoformat(), a])
    stats["rows"] = len(rows)
    stats["returns"] = sum(1 for r in rows if r[2].startswith("-"))
    stats["zero_amounts"] = sum(1 for r in rows if float(r[2]) == 0)
    stats["after_end"] = sum(1 for r in rows if r[1] > CALIBRATION_END)
    per_day = defaultdict(int)
    for cid, d, a in rows:
        if not a.startswith("-") and d <= CALIBRATION_END:
            per_day[(cid, d)] += 1
    stats["same_day_orders"] = sum(n for n in per_day.values() if n > 1)
    return dict(stats)


def with_params(sql: str, unit_days: float) -> str:
    """The query with the check's calibration end and unit in `params`."""
    sql, n1 = re.subn(
        r"DATE '\d{4}-\d{2}-\d{2}' AS calibration_end",
        f"DATE '{CALIBRATION_END.isoformat()}' AS calibration_end",
        sql,
    )
    sql, n2 = re.subn(
        r"CAST\([0-9.]+ AS DOUBLE PRECISION\) AS unit_days",
        f"CAST({unit_days!r} AS DOUBLE PRECISION) AS unit_days",
        sql,
    )
    if (n1, n2) != (1, 1):
        sys.exit("sql-check: the params of the SQL file changed shape (calibration_end, unit_days)")
    return sql


def cxi(cxi_bin: Path, *args: str) -> str:
    p = subprocess.run([str(cxi_bin), *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"sql-check: cxi {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def read_csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines()))


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([repr(v) if isinstance(v, float) else v for v in r])


def compare_per_customer(unit: str, sql_rows: list[tuple], cxi_rows: list[dict]) -> dict:
    ours = {r[0]: r[1:] for r in sql_rows}
    theirs = {
        r["id"]: (int(r["frequency"]), float(r["recency"]), float(r["T"]), float(r["monetary_value"]))
        for r in cxi_rows
    }
    if ours.keys() != theirs.keys():
        fail(
            f"rfm.sql ({unit}): customers differ: {len(ours.keys() - theirs.keys())} only in SQL, "
            f"{len(theirs.keys() - ours.keys())} only in cxi"
        )
    worst = [0.0, 0.0, 0.0]
    freq_diff = 0
    for cid in ours.keys() & theirs.keys():
        a, b = ours[cid], theirs[cid]
        if int(a[0]) != b[0]:
            freq_diff += 1
        for i in range(3):
            worst[i] = max(worst[i], abs(float(a[i + 1]) - b[i + 1]))
    if freq_diff:
        fail(f"rfm.sql ({unit}): frequency differs for {freq_diff} customers")
    for name, w in zip(["recency", "T", "monetary_value"], worst):
        if not w <= TOL:
            fail(f"rfm.sql ({unit}): {name} differs by {w:.3g} > {TOL:g}")
    print(
        f"rfm.sql vs cxi rfm --time-unit {unit}: {len(ours)} customers compared, "
        f"frequency differences {freq_diff}, max |diff| recency {worst[0]:.3g}, "
        f"T {worst[1]:.3g}, monetary_value {worst[2]:.3g}"
    )
    return theirs


def compare_grouped(unit: str, sql_groups: list[tuple], theirs: dict) -> None:
    grouped = defaultdict(list)
    for f, r, t, m in theirs.values():
        grouped[(f, r, t)].append(m)
    ours = {(int(g[0]), float(g[1]), float(g[2])): (int(g[3]), float(g[4])) for g in sql_groups}
    if ours.keys() != grouped.keys():
        fail(
            f"rfm_grouped.sql ({unit}): groups differ: {len(ours.keys() - grouped.keys())} only in SQL, "
            f"{len(grouped.keys() - ours.keys())} only in cxi's rows grouped"
        )
    count_diff, worst = 0, 0.0
    for k in ours.keys() & grouped.keys():
        n, m = ours[k]
        ms = grouped[k]
        if n != len(ms):
            count_diff += 1
        worst = max(worst, abs(m - math.fsum(ms) / len(ms)))
    if count_diff:
        fail(f"rfm_grouped.sql ({unit}): customers per group differ in {count_diff} groups")
    if not worst <= TOL:
        fail(f"rfm_grouped.sql ({unit}): group mean monetary_value differs by {worst:.3g} > {TOL:g}")
    total = sum(n for n, _ in ours.values())
    multi = sum(1 for n, _ in ours.values() if n > 1)
    print(
        f"rfm_grouped.sql vs cxi rfm --time-unit {unit} grouped: {len(ours)} groups "
        f"({multi} of several customers) for {total} customers, count differences {count_diff}, "
        f"max |diff| mean monetary_value {worst:.3g}"
    )


def rel(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def check_fits(cxi_bin: Path, work: Path, customers: int, groups: int) -> None:
    ungrouped, grouped = work / "rfm_week.csv", work / "rfm_week_grouped.csv"
    if groups >= customers:
        fail("the grouped summary has no group of several customers: the data checks no grouping")
        return
    help_text = cxi(cxi_bin, "bgnbd", "--help")
    one = json.loads(cxi(cxi_bin, "bgnbd", str(ungrouped)))
    many = json.loads(cxi(cxi_bin, "bgnbd", str(grouped)))
    # h-pnbd's cxi reports the customers grouped rows stand for as weight_total.
    read_counts = many.get("weight_total", many.get("customers"))
    if not math.isclose(read_counts, customers):
        mentions = "count" in help_text.lower() or "customers/" in help_text
        fail(
            "cxi bgnbd did not read the `customers` count column of the grouped summary: "
            f"it fitted {many.get('customers')} rows as {many.get('weight_total', many.get('customers'))} "
            f"customers instead of {customers} (its --help {'mentions' if mentions else 'does not mention'} "
            "a count column). The count column (customers|count|n|weight) comes with branch h-pnbd; "
            "this check passes once it is merged."
        )
        return
    # The same likelihood summed by group: the log-likelihood at the optimum
    # agrees to rounding; the estimates to the optimizer's stopping rule.
    diffs = {}
    for k, tol in [("r", FIT_RTOL), ("alpha", FIT_RTOL), ("a", FIT_RTOL), ("b", FIT_RTOL), ("log_likelihood", LL_RTOL)]:
        diffs[k] = rel(one[k], many[k])
        if not diffs[k] <= tol:
            fail(f"cxi bgnbd: {k} of the grouped fit {many[k]!r} vs per-customer {one[k]!r} (rel {diffs[k]:.3g} > {tol:g})")
    print(
        f"cxi bgnbd (weeks), {customers} customers: per-customer rows r={one['r']:.6g} "
        f"alpha={one['alpha']:.6g} a={one['a']:.6g} b={one['b']:.6g} LL={one['log_likelihood']:.8g}; "
        f"{groups} grouped rows standing for {read_counts:g}, relative differences "
        + ", ".join(f"{k} {d:.2g}" for k, d in diffs.items())
        + f" (tolerance {FIT_RTOL:g}, log-likelihood {LL_RTOL:g})"
    )
    # The caveat in numbers: Gamma-Gamma on group means is not the per-customer fit.
    gg_one = json.loads(cxi(cxi_bin, "gamma-gamma", str(ungrouped)))
    gg_many = json.loads(cxi(cxi_bin, "gamma-gamma", str(grouped)))
    diffs = ", ".join(f"{k} {gg_one[k]:.5g} vs {gg_many[k]:.5g}" for k in ["p", "q", "v"])
    print(f"cxi gamma-gamma, not checked (grouped rows carry group mean spends): per-customer vs grouped {diffs}")


def main() -> int:
    cxi_bin = Path(os.environ.get("CXI_BIN", ROOT / "target" / "debug" / "cxi"))
    if not cxi_bin.exists():
        sys.exit(f"sql-check: no {cxi_bin}: run `cargo build -p cxi-cli` first")
    per_customer_sql = (ROOT / "docs" / "rfm.sql").read_text()
    grouped_sql = (ROOT / "docs" / "rfm_grouped.sql").read_text()
    print(f"duckdb {duckdb.__version__}, {cxi_bin.relative_to(ROOT) if cxi_bin.is_relative_to(ROOT) else cxi_bin}")
    with tempfile.TemporaryDirectory(prefix="cxi-sql-check-") as tmp:
        work = Path(tmp)
        orders = work / "orders.csv"
        stats = generate(orders)
        print(
            f"orders (seed {SEED}): {stats['rows']} rows, {CUSTOMERS} customers, "
            f"calibration end {CALIBRATION_END}; {stats['returns']} returns, {stats['zero_amounts']} zero amounts, "
            f"{stats['same_day_orders']} orders sharing a customer's purchase day, {stats['after_end']} after the end; "
            f"{stats.get('customers_only_returns', 0)} customers with only returns, "
            f"{stats.get('customers_only_late', 0)} with only late orders"
        )
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE orders AS SELECT * FROM read_csv(?, header = true, "
            "columns = {'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE'})",
            [str(orders)],
        )
        customers = groups = 0
        for unit, unit_days in UNITS.items():
            sql_rows = con.execute(with_params(per_customer_sql, unit_days)).fetchall()
            out = cxi(
                cxi_bin,
                "rfm",
                "--time-convention",
                "days",
                "--time-unit",
                unit,
                "--calibration-end",
                CALIBRATION_END.isoformat(),
                str(orders),
            )
            with check():
                theirs = compare_per_customer(unit, sql_rows, read_csv_rows(out))
            sql_groups = con.execute(with_params(grouped_sql, unit_days)).fetchall()
            with check():
                compare_grouped(unit, sql_groups, theirs)
            if unit == "week":
                (work / "rfm_week.csv").write_text(out + "\n")
                write_csv(
                    work / "rfm_week_grouped.csv",
                    ["frequency", "recency", "T", "customers", "monetary_value"],
                    sql_groups,
                )
                customers, groups = len(theirs), len(sql_groups)
        with check():
            check_fits(cxi_bin, work, customers, groups)
    # A plain closing line, counted by `./x test`'s total.
    print(f"sql-check: {checks['passed']} passed, {checks['failed']} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
