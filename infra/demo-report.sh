#!/usr/bin/env bash
# Issue 10's demonstration against a running local stack (infra/dev.sh): the demo admin
# imports the recorded rates, extracts the IFRS 16 report of the demo quarter
# (2024-10-01 – 2024-12-31) for Demo AB's seeded lease portfolio as XLSX in Swedish, saves
# it, and renders its sheets to PNG with infra/render-report.sh.
#
#   infra/demo-report.sh [OUTDIR]        (default: ./demo-report)
#
# The stack's base URL: MYPAGES_BASE_URL, else `baseUrl` of MYPAGES_STATE_FILE, else
# http://127.0.0.1:3000/v1 (infra/dev.sh's). The black-box test demo_report.rs checks the same.
set -euo pipefail

outdir="${1:-demo-report}"
if [ -n "${MYPAGES_BASE_URL:-}" ]; then
  base="$MYPAGES_BASE_URL"
elif [ -n "${MYPAGES_STATE_FILE:-}" ]; then
  base="$(jq -r .baseUrl "$MYPAGES_STATE_FILE")"
else
  base="http://127.0.0.1:3000/v1"
fi
root="${base%/v1}"
email="admin@demo.example"
password="Demo-Passw0rd!"

fail() { echo "demo-report: $*" >&2; exit 1; }
# `call WHAT CURL-ARGS…`: curl that fails on an HTTP error, showing the problem document and
# WHAT (never the arguments: they hold the token).
call() {
  local what="$1" out status
  shift
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' "$@")" || { rm -f "$out"; fail "$what: no answer"; }
  if [ "${status:0:1}" != 2 ]; then
    cat "$out" >&2; echo >&2; rm -f "$out"
    fail "$what: HTTP $status"
  fi
  cat "$out"; rm -f "$out"
}

echo "== signing in as $email at $base" >&2
token="$(call "POST /auth/login" -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | jq -r .idToken)"
[ -n "$token" ] && [ "$token" != null ] || fail "no idToken"

echo "== importing the rates (POST $root/_local/schedules/rates-import)" >&2
call "POST /_local/schedules/rates-import" -X POST "$root/_local/schedules/rates-import" | jq -c '{summary, failures, latestDay}' >&2

request='{"periodStart":"2024-10-01","periodEnd":"2024-12-31","format":"xlsx","language":"sv","framework":"ifrs16","reportingCurrency":"SEK"}'
echo "== POST /reports $request" >&2
id="$(call "POST /reports" -X POST "$base/reports" -H "authorization: Bearer $token" \
  -H 'content-type: application/json' -H 'accept-language: sv' -d "$request" | jq -r .id)"
[ -n "$id" ] && [ "$id" != null ] || fail "no report id"

status=pending
for _ in $(seq 1 240); do
  report="$(call "GET /reports/$id" "$base/reports/$id" -H "authorization: Bearer $token")"
  status="$(jq -r .status <<<"$report")"
  case "$status" in
    finished) break ;;
    failed) fail "the report failed: $(jq -c . <<<"$report")" ;;
  esac
  sleep 0.5
done
[ "$status" = finished ] || fail "the report is still $status"
echo "== report $id finished" >&2

url="$(call "GET /reports/$id/download" "$base/reports/$id/download" -H "authorization: Bearer $token" | jq -r .url)"
mkdir -p "$outdir"
xlsx="$outdir/demo-ab-2024-Q4-ifrs16-sv.xlsx"
curl -sSf -o "$xlsx" "$url" || fail "cannot fetch the download URL"
echo "== saved $xlsx ($(wc -c <"$xlsx") bytes)" >&2

"$(dirname "$0")/render-report.sh" "$xlsx" "$outdir"
