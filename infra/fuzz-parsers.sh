#!/usr/bin/env bash
# A short, bounded fuzz pass over every parser of outside input: the targets of fuzz/src/bin
# (checks in fuzz/src/lib.rs), built with cargo-afl (AFL++ on stable Rust) and run from the
# saved corpus (fuzz/corpus/<target>; the Textract target also from ../shared/fixtures) for
# MYPAGES_FUZZ_SECONDS each (default 10). Fails on any crash or hang. Part of infra/test.sh;
# runs alone too, longer:
#   MYPAGES_FUZZ_SECONDS=600 infra/fuzz-parsers.sh [target ...]
# A crash or hang is copied to ~/.cache/mypages/fuzz-findings/<time>/ and printed in base64
# (AFL++ is not deterministic: the run that found it may be the only one); put the fixed input
# into fuzz/corpus/<target>/ so that `cargo test -p mypages-fuzz` replays it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MYPAGES_ROOT"

seconds="${MYPAGES_FUZZ_SECONDS:-10}"
# The same version as the `afl` crate in fuzz/Cargo.toml.
afl_version="$(sed -n 's/^afl = { version = "=\([0-9.]*\)".*/\1/p' fuzz/Cargo.toml)"
cargo_afl="$(mypages_cargo_tool cargo-afl "$afl_version")"
export PATH="$(dirname "$cargo_afl"):$PATH"
# cargo-afl builds AFL++ (C, from its own sources; make and a C compiler) once per rustc into
# $XDG_DATA_HOME/afl.rs: kept with the other caches.
export XDG_DATA_HOME="$HOME/.cache/mypages/afl-data"
for tool in make cc; do
  command -v "$tool" >/dev/null 2>&1 || { echo "the fuzz pass needs $tool (Debian: apt-get install build-essential)" >&2; exit 1; }
done
afl_stamp="$XDG_DATA_HOME/.built-$afl_version-for-$(rustc --version | tr -c 'A-Za-z0-9.\n' -)"
if [ ! -e "$afl_stamp" ]; then
  echo "building AFL++ (cargo afl config --build)" >&2
  cargo afl config --build --force >&2
  mkdir -p "$XDG_DATA_HOME" && touch "$afl_stamp"
fi

# The instrumented build has its own target directory (other RUSTFLAGS). Optimised lightly:
# cargo-afl builds with one codegen unit, and a short pass gains more from a quick build than
# from faster executions.
# infra/afl-rustc.sh keeps the instrumentation to our crates and the parsing libraries.
export AFL_OPT_LEVEL="${AFL_OPT_LEVEL:-1}"
afl_target="$HOME/.cache/mypages/target-afl"
# Cargo does not see the wrapper's content: its hash, as a cfg, rebuilds when it changes.
wrapper_hash="$(sha256sum infra/afl-rustc.sh | cut -c1-12)"
CARGO_TARGET_DIR="$afl_target" RUSTC_WRAPPER="$MYPAGES_ROOT/infra/afl-rustc.sh" \
  RUSTFLAGS="${RUSTFLAGS:-} --cfg afl_wrapper_$wrapper_hash" \
  cargo afl build --locked -p mypages-fuzz --features afl --bins

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(find fuzz/src/bin -name '*.rs' -printf '%f\n' | sed 's/\.rs$//' | sort)
fi
findings="${MYPAGES_FUZZ_FINDINGS:-$(mktemp -d)}"
# No UI, no CPU-governor or core-pattern tuning (containers and CI runners cannot change
# them). AFL++ keeps fuzzing after a crash; the crashes it saved are counted below.
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_SHUFFLE_QUEUE=1 AFL_QUIET=1
failed=0
printf '%-16s %10s %10s %8s %6s %6s\n' target executions "exec/s" paths crashes hangs
for target in "${targets[@]}"; do
  seeds="$findings/$target.seeds"
  rm -rf "$seeds" "$findings/$target"
  mkdir -p "$seeds"
  cp fuzz/corpus/"$target"/* "$seeds"/
  if [ "$target" = textract ]; then
    cp "$MYPAGES_ROOT"/../shared/fixtures/textract/*.json "$seeds"/ 2>/dev/null || true
  fi
  # -V: stop after $seconds; the outer timeout only guards against AFL++ itself hanging.
  timeout --kill-after=10 $((seconds + 60)) \
    cargo afl fuzz -V "$seconds" -t 5000 -i "$seeds" -o "$findings/$target" -- "$afl_target/debug/$target" \
    >"$findings/$target.log" 2>&1 || { echo "afl-fuzz failed for $target:" >&2; tail -20 "$findings/$target.log" >&2; failed=1; continue; }
  stats="$findings/$target/default/fuzzer_stats"
  value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes="$(find "$findings/$target/default/crashes" -type f ! -name README.txt | wc -l)"
  hangs="$(find "$findings/$target/default/hangs" -type f | wc -l)"
  printf '%-16s %10s %10s %8s %6s %6s\n' "$target" "$(value execs_done)" "$(value execs_per_sec)" \
    "$(value corpus_count)" "$crashes" "$hangs"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    kept="$HOME/.cache/mypages/fuzz-findings/$(date -u +%Y%m%dT%H%M%SZ)-$target"
    mkdir -p "$kept"
    cp -r "$findings/$target/default/crashes" "$findings/$target/default/hangs" "$kept"/
    echo "$target: findings kept in $kept; replay one with  $afl_target/debug/$target < <file>" >&2
    find "$kept" -type f ! -name README.txt | while read -r finding; do
      echo "$finding (base64):" >&2
      base64 -w0 "$finding" >&2
      echo >&2
    done
    failed=1
  fi
done
exit "$failed"
