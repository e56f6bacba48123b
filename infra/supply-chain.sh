#!/usr/bin/env bash
# The supply-chain checks, offline: `cargo deny check` (RustSec advisories, licences, duplicate
# versions, sources; rules and reasons in deny.toml) with the advisory database from
# ../shared/supply-chain/advisory-db.bundle, then `npm audit` for the web app where the npm
# registry answers it. Part of infra/test.sh; runs alone too:
#   infra/supply-chain.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"

# The bundle sits beside the clone (../shared/supply-chain); MYPAGES_ADVISORY_BUNDLE overrides.
bundle="${MYPAGES_ADVISORY_BUNDLE:-$MYPAGES_ROOT/../shared/supply-chain/advisory-db.bundle}"
[ -f "$bundle" ] || { echo "no RustSec advisory bundle at $bundle (set MYPAGES_ADVISORY_BUNDLE)" >&2; exit 1; }
# deny.toml's db-path; cargo-deny looks for the default database in this subfolder (named
# after its URL).
clone="$HOME/.cache/mypages/advisory-db/advisory-db-3157b0e258782691"
if [ ! -d "$clone/.git" ]; then
  rm -rf "$clone"
  mkdir -p "$(dirname "$clone")"
  git -c init.defaultBranch=main clone -q "$bundle" "$clone"
else
  # A newer bundle moves the clone forward; an older or equal one changes nothing.
  git -C "$clone" pull -q --ff-only "$bundle" main
fi
advisories="$(find "$clone/crates" -name 'RUSTSEC-*.md' | wc -l)"
# An empty or truncated database would pass every check: refuse it.
if [ "$advisories" -lt 100 ]; then
  echo "the advisory database at $clone holds only $advisories advisories; refusing to call that a check" >&2
  exit 1
fi
echo "RustSec database: $advisories crate advisories, last change $(git -C "$clone" log -1 --format=%cs)"

deny="$(mypages_cargo_tool cargo-deny 0.20.2)"
# cargo metadata needs every target's crates, even offline; fetched from the registry once.
cargo fetch --locked --quiet
"$deny" --offline --locked check --hide-inclusion-graph

# npm audit asks the registry's advisory endpoint; there is no offline database. Any advisory
# it reports fails the run; a registry that does not answer the audit is said plainly.
ui="$MYPAGES_ROOT/functions/web/ui"
audit_json="$(mktemp)"
trap 'rm -f "$audit_json"' EXIT
set +e
(cd "$ui" && npm audit --json --package-lock-only >"$audit_json" 2>/dev/null)
audit_status=$?
set -e
"$MYPAGES_VENV/bin/python" - "$audit_json" "$audit_status" <<'PY'
import json, sys

path, status = sys.argv[1], int(sys.argv[2])
try:
    report = json.load(open(path))
except ValueError:
    report = {}
counts = (report.get("metadata") or {}).get("vulnerabilities")
if counts is not None:
    total = sum(v for k, v in counts.items() if k != "total")
    if total:
        for name, finding in sorted((report.get("vulnerabilities") or {}).items()):
            print(f"npm audit: {name}: {finding.get('severity')} ({finding.get('range')})")
        sys.exit(f"npm audit: {total} advisories in the web app's packages")
    print("npm audit: 0 advisories")
elif "statusCode" in report or "error" in report:
    # npm prints the registry's refusal (e.g. a mirror answering 405 to the bulk advisory
    # POST) as {"statusCode", "message"} or {"error": {"summary"}}.
    error = report.get("error")
    reason = report.get("message") or (error.get("summary") if isinstance(error, dict) else error)
    reason = str(reason or "no reason given").splitlines()[0]
    print(f"npm audit: NOT CHECKED: the registry did not answer the audit: {reason}")
else:
    sys.exit(f"npm audit exited {status} without a report")
PY
