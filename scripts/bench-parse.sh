#!/usr/bin/env bash
# Native throughput of the data parser (1M generated transaction rows, EN and
# FR conventions). RUNS=n sets the number of timed runs (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench -p cxi-benches --bench parse "$@"
