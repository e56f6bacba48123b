#!/usr/bin/env bash
# The lease-engine benchmarks: a 10,000-contract portfolio (monthly, 10 years, two
# remeasurements each), full schedules on one thread, then the plain Python reference on the
# same contracts with the ratio; then criterion. Release builds; the numbers go in README.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
cargo run --release -p mypages-bench --bin bench-portfolio -- "${1:-10000}"
if [ "${MYPAGES_BENCH_CRITERION:-1}" = 1 ]; then
  cargo bench -p mypages-bench --bench portfolio
fi
