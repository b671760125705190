#!/usr/bin/env bash
# Speed of the customer-value core (BG/NBD + Gamma-Gamma fits on 2,500 and
# 100,000 simulated customers; Pareto/NBD, MBG/NBD and BG/BB fits; 1M
# transactions -> RFM, sBG), then Python's lifetimes fitting the same
# generated data, side by side. CXI_SHARED_DATA points at the CDNOW files.
# SKIP_LIFETIMES=1 skips the Python part.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p cxi-benches --bench value
[ "${SKIP_LIFETIMES:-0}" = 1 ] && exit 0
dir=target/bench-value
venv="$dir/venv"
# lifetimes 0.11.3 (2020) predates numpy 2 and pandas 2.2: these pins work on Python 3.11.
pins=("lifetimes==0.11.3" "numpy==1.26.4" "scipy==1.11.4" "pandas==2.1.4")
if ! "$venv/bin/python" -c "import lifetimes" 2>/dev/null; then
  echo "installing lifetimes into $venv ..."
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q "${pins[@]}"; }; then
    echo "lifetimes comparison skipped: could not install ${pins[*]}"
    exit 0
  fi
fi
# Current numpy runs slower with the OpenBLAS overrides some machines set: unset for this run only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$venv/bin/python" scripts/bench_value_lifetimes.py "$dir"
