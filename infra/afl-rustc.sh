#!/usr/bin/env bash
# RUSTC_WRAPPER of the fuzz build (infra/fuzz-parsers.sh). cargo-afl compiles every crate with
# AFL's coverage instrumentation, one codegen unit and optimisation; for the AWS SDK and the
# other crates no parser of ours runs through that costs many minutes and buys no coverage.
# This keeps the instrumentation for our crates and the libraries our parsers are built on,
# and compiles every other crate as a debug build would.
set -euo pipefail
rustc="$1"
shift
crate=""
previous=""
for arg in "$@"; do
  [ "$previous" = "--crate-name" ] && crate="$arg"
  previous="$arg"
done
case "$crate" in
  mypages | mypages_fuzz | textract | ecb | swea | fixer | cursor | idempotency_key | if_match \
    | s3_event_key | presigned_post | contract \
    | serde_json | quick_xml | base64 | percent_encoding | rust_decimal | chrono)
    exec "$rustc" "$@" ;;
esac
# cargo-afl's flags come as separate words ("-C" "passes=sancov-module"): drop the pairs that
# instrument or slow down, keep the rest (debug assertions, the AFL runtime's link argument).
args=()
after_c=false
for arg in "$@"; do
  if [ "$arg" = "-C" ]; then
    after_c=true
    continue
  fi
  if $after_c; then
    after_c=false
    case "$arg" in
      passes=sancov-module | llvm-args=-sanitizer-coverage* | codegen-units=1 | opt-level=*) continue ;;
    esac
    args+=("-C" "$arg")
    continue
  fi
  args+=("$arg")
done
exec "$rustc" "${args[@]}" -C opt-level=0
