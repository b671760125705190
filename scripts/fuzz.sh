#!/usr/bin/env bash
# Runs the cargo-fuzz targets of the data parser, each for N seconds
# (default 60): delimited (read + guess + validate), number, date, and
# share_link (the link/file decoder of core::share).
# Needs `cargo install cargo-fuzz` (run outside the project) and a nightly
# toolchain (`rustup toolchain install nightly`).
# Findings land in fuzz/artifacts/<target>/; the corpus in fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets="${TARGETS:-delimited number date share_link}"
for t in $targets; do
    echo "== fuzz target $t for ${seconds}s"
    cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 2>&1 |
        grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|panicked|SUMMARY|Test unit written" || true
    if ls "fuzz/artifacts/$t"/crash-* >/dev/null 2>&1; then
        echo "!! crash files in fuzz/artifacts/$t"
    fi
done
