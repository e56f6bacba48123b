#!/usr/bin/env bash
# Peak memory per function on real work (issue 13, item 4): builds every function in release
# (as infra/bench-coldstart.sh) and mypages-local, starts the local stack as infra/test.sh does,
# and runs bench-memory (infra/bench/src/bin/bench-memory.rs): each function's binary under a
# minimal Lambda Runtime API against the stack's emulator, its sample events, then the largest
# work of its kind (the largest contract, the largest document and its OCR results, a company
# of 5,000 contracts verified and exported, a full audit stream batch). MemorySize in
# template.yaml is chosen from its table (README "Memory"). Reads the recorded Textract answer
# from ../shared/fixtures. Not part of the test run: a cold release build of the workspace
# takes a long time on 2 cores.
#   infra/bench-memory.sh [function ...]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"

mypages_bootstrap
# The web function embeds the built web app.
[ -f functions/web/ui/dist/index.html ] || mypages_web_ui
# The workspace's default members (Cargo.toml): the functions, the benches and the hello world,
# with the features `sam build` gives the functions.
cargo build --release --locked --bins
cargo build --locked --workspace --bins

work="$(mktemp -d)"
trap 'kill "${LOCAL_PID:-}" "${MOTO_PID:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
mypages_start_local_stack "$CARGO_TARGET_DIR/debug/mypages-local" "$work"
"$CARGO_TARGET_DIR/release/bench-memory" "$CARGO_TARGET_DIR/release" "$MYPAGES_STATE_FILE" "$@"
