#!/usr/bin/env bash
# Cold starts: builds every function and a hello-world lambda_http binary (infra/bench/hello)
# with the workspace's release profile, on this machine's architecture, then runs
# bench-coldstart (infra/bench/src/bin/bench-coldstart.rs): each HTTP function under a minimal
# Lambda Runtime API, MYPAGES_COLDSTART_RUNS times (default 9), medians of init, first invoke
# and peak RSS, and each init's ratio to the hello world's in the same run. Fails when a
# function is over 1.3× (MYPAGES_COLDSTART_MAX_RATIO). Not part of the test run: a cold release
# build of the workspace takes a long time on 2 cores.
#   infra/bench-coldstart.sh [function ...]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
# The web function embeds the built web app.
[ -f functions/web/ui/dist/index.html ] || mypages_web_ui
# The workspace's default members (Cargo.toml): the functions, the benches and the hello world,
# with the features `sam build` gives the functions.
cargo build --release --locked --bins
"$CARGO_TARGET_DIR/release/bench-coldstart" "$CARGO_TARGET_DIR/release" \
  "${MYPAGES_COLDSTART_RUNS:-9}" "--max-ratio=${MYPAGES_COLDSTART_MAX_RATIO:-1.3}" "$@"
