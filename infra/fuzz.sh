#!/usr/bin/env bash
# Fuzzes every operation of infra/openapi.yaml against the running local stack with
# schemathesis (options and why: infra/schemathesis.toml). Fails on a 5xx, a status code,
# content type, header or body the document does not promise, a schema-valid request refused
# as malformed, a malformed one accepted, or a route that works without a token.
#
# Needs the stack that infra/test.sh (or infra/dev.sh) starts: reads its $MYPAGES_STATE_FILE.
# Logs in as the seeded demo admin through POST /v1/auth/login, so it writes contracts and
# settings into the demo company: run it against a throwaway stack. Talks only to 127.0.0.1.
#   MYPAGES_STATE_FILE=/tmp/…/state.json infra/fuzz.sh
# Reports (JUnit, NDJSON) go to $MYPAGES_FUZZ_REPORTS (default: a temporary directory).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
mypages_bootstrap
: "${MYPAGES_STATE_FILE:?the state file of a running local stack (see infra/test.sh)}"
python="$MYPAGES_VENV/bin/python"

base_url="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUrl"])' "$MYPAGES_STATE_FILE")"
case "$base_url" in
  http://127.0.0.1:*) ;;
  *) echo "fuzz.sh drives only a local stack on 127.0.0.1, not $base_url" >&2; exit 1 ;;
esac

# The ID token of the demo admin (every role's routes are open to admin). Kept out of the
# command line's trace and out of the output; schemathesis masks Authorization in its reports.
token="$("$python" - "$base_url" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1] + "/auth/login",
    data=json.dumps({"email": "admin@demo.example", "password": "Demo-Passw0rd!"}).encode(),
    headers={"content-type": "application/json", "accept-language": "en"},
)
with urllib.request.urlopen(request, timeout=10) as response:
    print(json.load(response)["idToken"])
PY
)"

reports="${MYPAGES_FUZZ_REPORTS:-$(mktemp -d)}"
# A hard deadline: the run takes about 40 s; a hung stack must not hang CI.
timeout --kill-after=10 300 "$MYPAGES_VENV/bin/schemathesis" \
  --config-file infra/schemathesis.toml \
  run infra/openapi.yaml \
  --url "$base_url" \
  --header "Authorization: Bearer $token" \
  --no-color \
  --report junit,ndjson --report-dir "$reports" \
  "$@"
