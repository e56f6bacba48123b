#!/usr/bin/env bash
# Refused-login timing (issue 6, A1): starts moto and the local stack, then times 200 wrong-
# password logins of a known user against 200 logins of unknown addresses, once with the
# refusal floor the functions use (LOGIN_REFUSAL_FLOOR_MS, default 600) and once without it
# (0), to show what the floor hides. Numbers go in README.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
mypages_bootstrap
cargo build -q -p mypages-local
tries="${1:-200}"
work="$(mktemp -d)"
trap 'kill "${LOCAL_PID:-}" "${MOTO_PID:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
for floor in "" 0; do
  # A fresh emulator and stack for each setting.
  mypages_start_moto "$work/moto.log"
  rm -f "$work/state.json"
  MYPAGES_STATE_FILE="$work/state.json" PORT=0 LOGIN_REFUSAL_FLOOR_MS="$floor" \
    "$CARGO_TARGET_DIR/debug/mypages-local" >"$work/local.log" 2>&1 &
  LOCAL_PID=$!
  for _ in $(seq 1 300); do [ -s "$work/state.json" ] && break; sleep 0.2; done
  [ -s "$work/state.json" ] || { echo "the local stack did not start:" >&2; cat "$work/local.log" >&2; exit 1; }
  base_url="$("$MYPAGES_VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUrl"])' "$work/state.json")"
  echo "== refusal floor: ${floor:-default}"
  "$MYPAGES_VENV/bin/python" infra/bench_login_timing.py "$base_url" admin@demo.example "$tries"
  kill "$LOCAL_PID" "$MOTO_PID"; wait "$LOCAL_PID" "$MOTO_PID" 2>/dev/null || true
done
