#!/usr/bin/env bash
# Every check and test, as CI runs them: format, lints, template lint, the web app's checks and
# build, the unit and handler tests, the black-box tests over HTTP against a freshly started
# local stack, and the browser tests against it.
# Needs Rust, Python 3 and Node.js (Chromium is installed when missing); no internet beyond the
# package registries, no Docker.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"
mypages_bootstrap
mypages_ocr_tools
mypages_chromium
# Vitest's summaries ("Tests  N passed") are read for the closing line: no colour codes.
export NO_COLOR=1
ui_logs="$(mktemp -d)"
trap 'rm -rf "$ui_logs"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check
step "cfn-lint template.yaml infra/backup-copy-vault.yaml infra/ocr-staging.yaml"
"$MYPAGES_VENV/bin/cfn-lint" template.yaml
# The copy vault lives in the second region (template.yaml's BackupCopyRegion default).
"$MYPAGES_VENV/bin/cfn-lint" --regions eu-west-1 -- infra/backup-copy-vault.yaml
# The OCR staging bucket lives in Textract's region (template.yaml's TextractRegion default).
"$MYPAGES_VENV/bin/cfn-lint" --regions eu-west-1 -- infra/ocr-staging.yaml
step "template.yaml: translated template lints clean, security properties hold"
"$MYPAGES_VENV/bin/python" infra/check_template.py template.yaml "$MYPAGES_VENV/bin/cfn-lint"
step "retention parameters used and documented; README records of processing match the templates"
"$MYPAGES_VENV/bin/python" infra/records_of_processing.py
step "openapi.yaml: valid, examples match their schemas"
"$MYPAGES_VENV/bin/python" infra/check_openapi.py
step "sam validate --lint"
"$MYPAGES_VENV/bin/sam" validate --lint --template template.yaml
step "checkov (skips and their reasons: .checkov.yaml)"
checkov_venv="$MYPAGES_VENV-checkov"
mypages_venv "$checkov_venv" "$MYPAGES_ROOT/infra/requirements-checkov.txt"
"$checkov_venv/bin/checkov" --config-file .checkov.yaml --framework cloudformation \
  -f template.yaml -f infra/backup-copy-vault.yaml -f infra/ocr-staging.yaml
step "web UI: npm ci, types from openapi.yaml, typecheck, lint, unit tests, build, size budget"
# Before cargo: the web function embeds functions/web/ui/dist.
mypages_web_ui_packages
(cd functions/web/ui && npm run check) 2>&1 | tee "$ui_logs/unit.log"
step "supply chain: cargo deny (advisories offline, licences, duplicates, sources), npm audit"
infra/supply-chain.sh

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
# The functions as `sam build` resolves them (the default members, without the tools' features,
# Cargo.toml): the rest of the run builds them with the whole workspace's.
cargo clippy --bins -- -D warnings
step "build"
cargo build --workspace --bins
cargo test --workspace --no-run

step "start the local stack"
work="$(mktemp -d)"
trap 'kill "${LOCAL_PID:-}" "${MOTO_PID:-}" 2>/dev/null || true; rm -rf "$work" "$ui_logs"' EXIT
mypages_start_local_stack "$CARGO_TARGET_DIR/debug/mypages-local" "$work"
cat "$MYPAGES_STATE_FILE"

step "cargo test"
cargo test --workspace 2>&1 | tee "$work/cargo-test.log"

step "fuzz pass: every parser of outside input, AFL++ from the saved corpus (infra/fuzz-parsers.sh)"
MYPAGES_FUZZ_FINDINGS="$work/fuzz-parsers" infra/fuzz-parsers.sh

step "browser tests (Playwright + Chromium) against the local stack"
# Each test makes its own company with mypages-cli and signs in through the UI.
(cd functions/web/ui && MYPAGES_CLI="$CARGO_TARGET_DIR/debug/mypages-cli" npm run e2e) 2>&1 \
  | tee "$ui_logs/e2e.log"

step "schemathesis: every operation of openapi.yaml against the local stack"
# Before the log check, so the fuzzer's requests are held to the same rule.
MYPAGES_FUZZ_REPORTS="$work/fuzz" infra/fuzz.sh

step "no secrets or personal data in the local stack's logs"
# The tests (the browser tests too) logged in with these passwords and e-mail addresses and sent
# these tokens; the JSON log lines (the start-up banner lists the demo accounts on purpose) must
# hold none.
grep '^{' "$work/local.log" >"$work/json.log" || true
if grep -n -E 'Passw0rd|(Temp|Chosen)-[0-9a-f]{12}|@test\.example|@demo\.example|@nowhere\.example|@e2e\.example|eyJ[A-Za-z0-9_-]{10,}' "$work/json.log"; then
  echo "the logs above contain a password, an e-mail address or a token" >&2
  exit 1
fi
echo "checked $(wc -l <"$work/json.log") JSON log lines"
# One closing line for the whole run: the sum of every Rust test binary's result line and of
# Vitest's "Tests  N passed" lines (the web app's unit tests and the browser tests).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^ *Tests +[0-9]/ { for (i = 2; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "\ntests: %d passed, %d failed\n", p, f }' "$work/cargo-test.log" "$ui_logs/unit.log" "$ui_logs/e2e.log"
