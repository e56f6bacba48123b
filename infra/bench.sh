#!/usr/bin/env bash
# The lease-engine benchmarks: a 10,000-contract portfolio (monthly, 10 years, two
# remeasurements each), full schedules on one thread, then the plain Python reference on the
# same contracts with the ratio; then one year's period report of that portfolio (build and each
# format); then criterion. Release builds; the numbers go in README.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
cargo run --release -p mypages-bench --bin bench-portfolio -- "${1:-10000}"
# The period report of the same portfolio, one format per process so each peak memory is
# that format's own.
for format in json csv xlsx; do
  cargo run --release -p mypages-bench --bin bench-report -- "${1:-10000}" "$format"
done
if [ "${MYPAGES_BENCH_CRITERION:-1}" = 1 ]; then
  cargo bench -p mypages-bench --bench portfolio
fi
