#!/usr/bin/env bash
# Release-builds every Lambda named in template.yaml with cargo-lambda and prints the size of each
# bootstrap binary and of its deployment zip. With --sam it then runs `sam build` (the artifacts
# `sam deploy` uploads).
#
#   infra/package.sh            arm64 release zips of all functions + size table
#   infra/package.sh --x86-64   same for x86_64 (sizes only: the stack runs on arm64)
#   infra/package.sh --sam      also `sam build --beta-features` (needs the arm64 target)
#
# Slow on purpose and kept out of the test run: the arm64 release build of all 57 functions
# took 76 minutes on 2 cores (about a minute of thin LTO per binary). Environment:
#   MYPAGES_VENV      Python venv for cargo-lambda/zig and SAM CLI (default ~/.cache/mypages/venv)
#   CARGO_TARGET_DIR  cargo's target directory, shared with other builds
#                     (default ~/.cache/mypages/target)
set -euo pipefail

CARGO_LAMBDA_VERSION=1.9.2
# cargo-lambda links through zig (cargo-zigbuild), which PyPI ships as the `ziglang` package:
# no download outside the package registry is needed. Pinned to the version this was tested with.
ZIGLANG_VERSION=0.17.1
ARM_TARGET=aarch64-unknown-linux-gnu

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

run_sam=false
arch=arm64
for arg in "$@"; do
    case "$arg" in
        --sam) run_sam=true ;;
        --x86-64 | --x86_64) arch=x86-64 ;;
        --arm64) arch=arm64 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "package.sh: unknown argument '$arg'" >&2; usage >&2; exit 64 ;;
    esac
done
if $run_sam && [[ $arch != arm64 ]]; then
    echo "package.sh: --sam builds what gets deployed, and the template says arm64; drop --x86-64" >&2
    exit 64
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="${MYPAGES_VENV:-$HOME/.cache/mypages/venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mypages/target}"
started=$SECONDS

warn() { printf '\n\033[1;33mWARNING:\033[0m %s\n\n' "$*" >&2; }
die() { printf '\n\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "==> creating venv $VENV"
    python3 -m venv "$VENV"
fi
have_cargo_lambda="$("$VENV/bin/cargo-lambda" lambda --version 2>/dev/null || true)"
have_zig="$("$VENV/bin/python" -m ziglang version 2>/dev/null || true)"
if [[ $have_cargo_lambda != "cargo-lambda $CARGO_LAMBDA_VERSION "* || $have_zig != "$ZIGLANG_VERSION" ]]; then
    echo "==> installing cargo-lambda $CARGO_LAMBDA_VERSION and ziglang $ZIGLANG_VERSION into $VENV"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
        "cargo-lambda==$CARGO_LAMBDA_VERSION" "ziglang==$ZIGLANG_VERSION"
fi
# cargo finds the `lambda` subcommand on PATH, and cargo-lambda finds zig as `python3 -m ziglang`.
export PATH="$VENV/bin:$PATH"
echo "==> $(cargo lambda --version), zig $(python3 -m ziglang version), $(cargo --version)"

# --- target ----------------------------------------------------------------------------------
has_arm_target() {
    local libdir
    libdir="$(rustc --print sysroot)/lib/rustlib/$ARM_TARGET/lib"
    [[ -d $libdir ]] && compgen -G "$libdir/libstd-*" >/dev/null
}
if [[ $arch == arm64 ]] && ! has_arm_target; then
    echo "==> the Rust standard library for $ARM_TARGET is missing; trying: rustup target add $ARM_TARGET"
    if command -v rustup >/dev/null && rustup target add "$ARM_TARGET" && has_arm_target; then
        echo "==> $ARM_TARGET installed"
    elif $run_sam; then
        die "cannot install the Rust target $ARM_TARGET (rustup could not download it). The stack \
runs on arm64 (Graviton), so there is nothing deployable to build here; run this on a machine \
whose rustup can fetch $ARM_TARGET."
    else
        warn "cannot install the Rust target $ARM_TARGET (rustup could not download it).
Falling back to --x86-64 so that sizes are still reported. These are NOT the deployed
binaries: the stack runs on arm64, whose binaries are usually a few percent smaller."
        arch=x86-64
    fi
fi

# --- which binaries --------------------------------------------------------------------------
# The template is the list of what gets deployed: every function's BuildProperties.Binary.
mapfile -t wanted < <(sed -n 's/^[[:space:]]*Binary:[[:space:]]*\([A-Za-z0-9_-]*\).*$/\1/p' template.yaml)
[[ ${#wanted[@]} -gt 0 ]] || die "no 'Binary:' entries found in template.yaml"
mapfile -t available < <(cargo metadata --no-deps --format-version 1 | python3 -c '
import json, sys
for package in json.load(sys.stdin)["packages"]:
    for target in package["targets"]:
        if "bin" in target["kind"]:
            print(target["name"])
')
bins=()
missing=()
for b in "${wanted[@]}"; do
    if printf '%s\n' "${available[@]}" | grep -qx -- "$b"; then bins+=("$b"); else missing+=("$b"); fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
    warn "template.yaml names binaries that no workspace crate defines (no [[bin]] with that name):
  ${missing[*]}
sam build would fail on them; building the other ${#bins[@]}."
fi
[[ ${#bins[@]} -gt 0 ]] || die "none of the template's binaries exists in the workspace"

# --- build -----------------------------------------------------------------------------------
# The web function embeds the built app (functions/web/ui/dist): build it first. In a subshell:
# env.sh's other settings (the local emulator's, mold as linker) are not for this build.
echo "==> the web app: npm ci (when its lock changed) and npm run build"
(source "$ROOT/infra/env.sh" && mypages_web_ui) || die "the web app did not build"
# One cargo invocation for all functions: cargo unifies features once for the whole set, so
# shared dependencies compile once (separate -p/--bin runs can rebuild them).
lambda_dir="$CARGO_TARGET_DIR/package/$arch"
bin_args=()
for b in "${bins[@]}"; do bin_args+=(--bin "$b"); done
echo "==> cargo lambda build --release --$arch --output-format zip (${#bins[@]} functions) into $lambda_dir"
cargo lambda build --release "--$arch" --output-format zip --lambda-dir "$lambda_dir" "${bin_args[@]}"

# --- report ----------------------------------------------------------------------------------
echo
python3 - "$lambda_dir" "$arch" "${bins[@]}" <<'PY'
import os, sys, zipfile

lambda_dir, arch, bins = sys.argv[1], sys.argv[2], sys.argv[3:]

def mib(n):
    return f"{n / 1048576:8.2f} MiB"

rows, total_bin, total_zip = [], 0, 0
for name in bins:
    path = os.path.join(lambda_dir, name, "bootstrap.zip")
    if not os.path.isfile(path):
        rows.append((name, None, None))
        continue
    with zipfile.ZipFile(path) as zf:
        size = sum(i.file_size for i in zf.infolist() if i.filename == "bootstrap")
    zsize = os.path.getsize(path)
    total_bin += size
    total_zip += zsize
    rows.append((name, size, zsize))

width = max(len("function"), *(len(r[0]) for r in rows))
print(f"{'function':<{width}}  {'bootstrap (' + arch + ')':>22}  {'zip':>14}")
print("-" * (width + 40))
for name, size, zsize in rows:
    if size is None:
        print(f"{name:<{width}}  {'(no zip produced)':>22}")
    else:
        print(f"{name:<{width}}  {mib(size):>22}  {mib(zsize):>14}")
print("-" * (width + 40))
print(f"{'total':<{width}}  {mib(total_bin):>22}  {mib(total_zip):>14}")
print(f"\nzips: {lambda_dir}/<function>/bootstrap.zip")
if any(r[1] is None for r in rows):
    sys.exit(1)
PY

# --- sam build -------------------------------------------------------------------------------
if $run_sam; then
    if [[ ! -x "$VENV/bin/sam" ]]; then
        sam_version="$(sed -n 's/^aws-sam-cli==\(.*\)$/\1/p' infra/requirements.txt 2>/dev/null || true)"
        sam_version="${sam_version:-1.170.0}"
        echo "==> installing aws-sam-cli $sam_version into $VENV"
        "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet "aws-sam-cli==$sam_version"
    fi
    [[ ${#missing[@]} -eq 0 ]] || die "sam build needs a crate for every function; missing: ${missing[*]}"
    echo "==> sam build --beta-features (rust-cargolambda, one cargo lambda build --bin per function)"
    SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-eu-north-1}" \
        sam build --beta-features --config-file infra/samconfig.toml
    echo
    for d in .aws-sam/build/*/; do
        [[ -f "$d/bootstrap" ]] && printf '%-40s %10s bytes\n' "$(basename "$d")" "$(stat -c %s "$d/bootstrap")"
    done
fi

if [[ ${#missing[@]} -gt 0 ]]; then
    warn "incomplete: no crate for ${missing[*]}"
    exit 2
fi
echo "==> done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s ($arch)"
