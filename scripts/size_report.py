#!/usr/bin/env python3
"""Size report of a built dist/: raw, gzip -9 and brotli -q 11 sizes of the
wasm, js and css loaded at start, against the budget (200 KB brotli, goal 150 KB).

"Loaded at start" is index.html and every file it names (Trunk's preload links
and init script). Files it does not name, such as the data worker, are fetched
on demand and listed apart, outside the budget."""
import gzip
import pathlib
import re
import shutil
import subprocess
import sys

BUDGET_KB, GOAL_KB = 200, 150


def brotli_size(data: bytes) -> int | None:
    if not shutil.which("brotli"):
        return None
    out = subprocess.run(["brotli", "-q", "11", "-c"], input=data, capture_output=True, check=True)
    return len(out.stdout)


def kb(n):
    return "n/a" if n is None else f"{n / 1000:.1f} KB"


def table(title, files, dist):
    print(f"{title:<44} {'raw':>10} {'gzip':>10} {'brotli':>10}")
    tot = [0, 0, 0]
    for p in files:
        data = p.read_bytes()
        sizes = [len(data), len(gzip.compress(data, 9)), brotli_size(data)]
        print(f"  {str(p.relative_to(dist)):<42} {kb(sizes[0]):>10} {kb(sizes[1]):>10} {kb(sizes[2]):>10}")
        for i, s in enumerate(sizes):
            tot[i] += s or 0
    return tot


def main() -> int:
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = sorted(p for p in dist.rglob("*") if p.suffix in {".wasm", ".js", ".css", ".html"})
    index = dist / "index.html"
    if not files or not index.exists():
        print(f"size: no built files in {dist}", file=sys.stderr)
        return 1
    html = index.read_text(errors="replace")
    # The worker's loader is named in a meta for the page to start on demand.
    html = re.sub(r'<meta\s+name="cxi-data-worker"[^>]*>', "", html)
    start = [p for p in files if p == index or p.name in html]
    later = [p for p in files if p not in start]
    tot = table("loaded at start", start, dist)
    print(f"{'total loaded at start':<44} {kb(tot[0]):>10} {kb(tot[1]):>10} {kb(tot[2]):>10}")
    if later:
        lt = table("loaded on demand (not at start)", later, dist)
        print(f"{'total loaded on demand':<44} {kb(lt[0]):>10} {kb(lt[1]):>10} {kb(lt[2]):>10}")
    verdict = "within goal" if tot[2] <= GOAL_KB * 1000 else (
        "within budget" if tot[2] <= BUDGET_KB * 1000 else "OVER BUDGET")
    print(f"budget {BUDGET_KB} KB brotli at start (goal {GOAL_KB} KB): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
