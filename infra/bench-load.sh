#!/usr/bin/env bash
# A bounded load test of the local stack (issue 13): moto and mypages-local started as
# infra/test.sh starts them, 10 companies made with the operator CLI, then locust (pinned in
# infra/requirements-load.txt, its own venv) runs 50 clients headless against 127.0.0.1 only:
# mixed reads and writes for 60 s, at most MYPAGES_LOAD_MAX_REQUESTS requests, the whole locust
# run under a hard `timeout`. Then infra/bench/load/check.py checks: no 5xx, no lost update,
# every company's audit chains valid (API and archive), and prints the latency and CPU table.
# Not part of infra/test.sh.
#
# Usage: infra/bench-load.sh [--release]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"

profile=debug
cargo_profile=()
case "${1:-}" in
  "") ;;
  --release) profile=release; cargo_profile=(--release) ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

companies="${MYPAGES_LOAD_COMPANIES_COUNT:-10}"
clients="${MYPAGES_LOAD_CLIENTS:-50}"
run_time="${MYPAGES_LOAD_RUN_TIME:-60s}"
export MYPAGES_LOAD_MAX_REQUESTS="${MYPAGES_LOAD_MAX_REQUESTS:-30000}"
# The outer cap on locust: sign-ins and seeding, the run, and the users' last tasks.
hard_cap_s="${MYPAGES_LOAD_HARD_CAP_S:-300}"
load_venv="${MYPAGES_LOAD_VENV:-$HOME/.cache/mypages/venv-load}"

step() { printf '\n== %s\n' "$*"; }

mypages_bootstrap
# Locust and what the checker imports, in a venv of their own.
mypages_venv "$load_venv" "$MYPAGES_ROOT/infra/requirements-load.txt"
step "build mypages-local and mypages-cli ($profile)"
cargo build "${cargo_profile[@]}" -p mypages-local -p mypages-cli
bin="$CARGO_TARGET_DIR/$profile"

step "start the local stack"
work="$(mktemp -d)"
trap 'kill "${LOCAL_PID:-}" "${MOTO_PID:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
mypages_start_local_stack "$bin/mypages-local" "$work"
base_url="$("$load_venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUrl"])' "$MYPAGES_STATE_FILE")"
# The load never leaves the machine.
case "$base_url" in
  http://127.0.0.1:*) echo "base URL $base_url" ;;
  *) echo "refusing to load $base_url: only http://127.0.0.1 is allowed" >&2; exit 1 ;;
esac

step "$companies companies (mypages-cli --local company create)"
run_tag="$(date +%s)"
: >"$work/companies.jsonl"
for n in $(seq 1 "$companies"); do
  tag="$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  email="admin-$tag@load.example"
  created="$("$bin/mypages-cli" --local --json company create "Load $run_tag-$n AB" \
    --admin "$email" --password "Temp-$tag-Aa1!")"
  # The admin's temporary password, and the one the first sign-in sets (the locustfile).
  "$load_venv/bin/python" -c 'import json,sys
created = json.loads(sys.argv[1])
print(json.dumps({"id": created["id"], "name": created["name"],
  "admin": {"email": sys.argv[2], "password": sys.argv[3], "newPassword": sys.argv[4]}}))' \
    "$created" "$email" "Temp-$tag-Aa1!" "Chosen-$tag-Bb2!" >>"$work/companies.jsonl"
done
"$load_venv/bin/python" -c 'import json,sys; print(json.dumps([json.loads(line) for line in open(sys.argv[1])]))' \
  "$work/companies.jsonl" >"$work/companies.json"
echo "made $companies companies"

step "locust: $clients clients, $run_time, at most $MYPAGES_LOAD_MAX_REQUESTS requests (hard cap ${hard_cap_s}s)"
export MYPAGES_LOAD_COMPANIES="$work/companies.json"
export MYPAGES_LOAD_OUTCOME="$work/outcome.json"
export MYPAGES_LOAD_CPU_PIDS="moto:$MOTO_PID,mypages-local:$LOCAL_PID"
# --stop-timeout: at the end each client finishes its task, so a PATCH that the stack
# answered is also counted. --exit-code-on-error 0: the checker judges the answers; a non-zero
# exit is locust itself failing (the set-up, an exception).
timeout --kill-after=10 "$hard_cap_s" "$load_venv/bin/locust" \
  -f infra/bench/load/locustfile.py --headless --host "$base_url" \
  --users "$clients" --spawn-rate 10 --run-time "$run_time" --stop-timeout 30 \
  --exit-code-on-error 0 --only-summary --loglevel WARNING >"$work/locust.log" 2>&1 \
  || { echo "locust failed (exit $?):" >&2; tail -50 "$work/locust.log" >&2; exit 1; }

step "checks"
if ! "$load_venv/bin/python" infra/bench/load/check.py "$work/outcome.json" "$bin/mypages-cli"; then
  # locust's summary names each failure's answer (status and the start of its body).
  sed -n '/Error report/,$p' "$work/locust.log" >&2
  exit 1
fi
