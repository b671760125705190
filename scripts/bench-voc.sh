#!/usr/bin/env bash
# Prints the voice-of-customer speed figures (NPS by segment on 1M answers,
# key drivers with 12 attributes on 100k respondents). Native, optimised.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench -p cxi-benches --bench voc "$@"
