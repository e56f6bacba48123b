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
# cargo-deny's own age check (90 days) reads the clone's fetch time, which every pull renews:
# the age that matters is the database's last commit. Older than the warning age, the run says
# so; older than MYPAGES_ADVISORY_MAX_AGE_DAYS (default 180), it fails: a check against a stale
# database would answer "no advisories" for everything published since. A newer bundle in
# ../shared/supply-chain is the fix.
last_change="$(git -C "$clone" log -1 --format=%ct)"
age_days=$(( ($(date +%s) - last_change) / 86400 ))
echo "RustSec database: $advisories crate advisories, last change $(git -C "$clone" log -1 --format=%cs) ($age_days days ago)"
if [ "$age_days" -gt "${MYPAGES_ADVISORY_MAX_AGE_DAYS:-180}" ]; then
  echo "the advisory database is $age_days days old (limit ${MYPAGES_ADVISORY_MAX_AGE_DAYS:-180}); bring a newer $bundle" >&2
  exit 1
elif [ "$age_days" -gt 90 ]; then
  echo "WARNING: the advisory database is $age_days days old: advisories published since then are not checked" >&2
fi

deny="$(mypages_cargo_tool cargo-deny 0.20.2)"
# cargo metadata needs every target's crates, even offline; fetched from the registry once.
cargo fetch --locked --quiet
"$deny" --offline --locked check --hide-inclusion-graph

# What the Lambda binaries link: a plain build (the default members, as `sam build` runs it)
# must resolve no aws-config, whose default features would compile the SDK's default HTTPS
# client (and its reading of the system's CA store) into every function; their client is
# shared/src/aws/sdk.rs's. aws-smithy-http-client must be there: an empty listing passes nothing.
linked="$(cargo tree --locked --offline -e normal --target aarch64-unknown-linux-gnu --prefix none --format '{p}' | awk '{print $1}' | sort -u)"
grep -qx aws-smithy-http-client <<<"$linked" || { echo "cargo tree of the functions lists no aws-smithy-http-client: cannot check what they link" >&2; exit 1; }
if grep -qx aws-config <<<"$linked"; then
  echo "the functions' build links aws-config (see: cargo tree -e normal -i aws-config); keep it to the tools (--workspace)" >&2
  exit 1
fi
echo "the functions' build (arm64) links no aws-config"

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
elif report.get("statusCode") == 405 and "/advisories/bulk" in str(report.get("uri", "")):
    # The one refusal we pass on: a registry (this machine's mirror) that does not serve the
    # bulk advisory endpoint. Any other npm error (no lock file, network, auth) fails below.
    print(f"npm audit: NOT CHECKED: the registry refused the advisory request: {report.get('message')}")
else:
    error = report.get("error") or report.get("message") or "no report"
    sys.exit(f"npm audit exited {status} without a report: {str(error)[:300]}")
PY
