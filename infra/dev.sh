#!/usr/bin/env bash
# The whole local stack in the foreground: moto (DynamoDB, Cognito) on a free port, tables and
# user pool created from template.yaml, demo accounts seeded, the API on 127.0.0.1:${PORT:-3000}
# and the web app at http://127.0.0.1:${PORT:-3000}/v1/app/ (the start-up banner says so).
# Needs Rust, Python 3 and Node.js; installs its pinned Python tools into a venv and the web
# app's packages on first run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
mypages_bootstrap
mypages_ocr_tools
echo "building the web app (functions/web/ui), which the local stack serves" >&2
mypages_web_ui
echo "building the local stack (first build takes several minutes)" >&2
cargo build --workspace --bins
mkdir -p .local
export MYPAGES_MOTO_SIGNING_KEYS="$MYPAGES_ROOT/.local/moto-signing.pem"
mypages_start_moto .local/moto.log
trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT INT TERM
export PORT="${PORT:-3000}"
# Where `mypages-cli --local` finds this stack (table and pool ids, endpoints).
export MYPAGES_STATE_FILE="${MYPAGES_STATE_FILE:-$MYPAGES_ROOT/.local/state.json}"
"$CARGO_TARGET_DIR/debug/mypages-local"
