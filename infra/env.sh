# Shared by infra/dev.sh, infra/test.sh and infra/package.sh: where builds and tools live.
# Sourced, not run.
MYPAGES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MYPAGES_ROOT
# Builds outside the clone, so repeated runs (and fresh clones) on one machine reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mypages/target}"
export MYPAGES_VENV="${MYPAGES_VENV:-$HOME/.cache/mypages/venv}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The local emulator never sees real credentials; these keep the SDK from looking for any.
export AWS_REGION=eu-north-1 AWS_DEFAULT_REGION=eu-north-1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_EC2_METADATA_DISABLED=true
export MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true

# mold links the many test and function binaries several times faster than the default
# linker; Debian ships it. Installed when we can (root with apt), used when present.
if ! command -v mold >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing mold (linker) with apt-get" >&2
  (apt-get install -y -qq mold >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq mold >/dev/null 2>&1; }) || true
fi
if command -v mold >/dev/null 2>&1; then
  export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-fuse-ld=mold"
fi

# Root's command prefix for apt-get: empty as root, `sudo -n` where sudo needs no password
# (a CI runner's usual user), `none` when neither.
mypages_as_root() {
  if [ "$(id -u)" = 0 ]; then
    echo ""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "sudo -n"
  else
    echo none
  fi
}

# The local OCR engine (infra/local/src/ocr) runs Tesseract on page images that pdftoppm
# renders, with the Swedish model and the Latin-script model (Debian's models alone read
# Swedish labels without their å, ä, ö beside English; the Latin one reads both, and digits
# better than Swedish alone); infra/render_lease.py draws its test documents in DejaVu.
# Debian ships them all: installed when one is missing and we can (root with apt), like mold
# above. Without them the engine answers Unavailable and its tests name the tool.
mypages_ocr_tools() {
  local langs packages="tesseract-ocr tesseract-ocr-swe tesseract-ocr-script-latn poppler-utils fonts-dejavu-core"
  langs="$(tesseract --list-langs 2>/dev/null || true)"
  if command -v pdftoppm >/dev/null 2>&1 && grep -qx swe <<<"$langs" && grep -qx Latin <<<"$langs" \
    && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
    return 0
  fi
  local as_root
  as_root="$(mypages_as_root)"
  if [ "$as_root" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "the local OCR engine needs tesseract (swe, Latin) and pdftoppm; install: $packages" >&2
    return 0
  fi
  echo "installing Tesseract (swe, Latin), poppler-utils and DejaVu fonts with apt-get" >&2
  # shellcheck disable=SC2086 # the package list and the sudo prefix are meant to split
  ($as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1 \
    || { $as_root apt-get update -qq >/dev/null 2>&1 \
      && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1; }) \
    || echo "could not install $packages; the local OCR engine will answer Unavailable" >&2
}

# The browser tests (functions/web/ui/e2e, Playwright through playwright-core) drive Debian's
# Chromium: installed when missing and we can, like the OCR tools above. Exports
# MYPAGES_CHROMIUM (the browser tests' default too).
mypages_chromium() {
  export MYPAGES_CHROMIUM="${MYPAGES_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$MYPAGES_CHROMIUM" ] && return 0
  local as_root
  as_root="$(mypages_as_root)"
  if [ "$as_root" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "the browser tests need Chromium at $MYPAGES_CHROMIUM (Debian: apt-get install chromium)" >&2
    return 0
  fi
  echo "installing Chromium (the browser tests) with apt-get" >&2
  # shellcheck disable=SC2086 # the sudo prefix is meant to split
  ($as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { $as_root apt-get update -qq >/dev/null 2>&1 \
      && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }) \
    || echo "could not install chromium; the browser tests cannot run" >&2
}

# The web app (functions/web/ui): its packages, installed with `npm ci` only when
# package-lock.json changed since the last install (a copy of it in node_modules is the
# stamp), with npm's cache outside the clone (shared by every clone and by CI); then
# `npm run build` writes dist/, which the web function embeds when cargo builds it.
mypages_web_ui_packages() {
  local ui="$MYPAGES_ROOT/functions/web/ui"
  export npm_config_cache="${npm_config_cache:-$HOME/.cache/mypages/npm}"
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
  if ! command -v npm >/dev/null 2>&1; then
    echo "the web app needs Node.js 20 and npm (Debian: apt-get install nodejs npm)" >&2
    return 1
  fi
  if ! cmp -s "$ui/package-lock.json" "$ui/node_modules/.mypages-package-lock.json"; then
    echo "installing the web app's packages (npm ci)" >&2
    (cd "$ui" && npm ci --no-progress) || return 1
    cp "$ui/package-lock.json" "$ui/node_modules/.mypages-package-lock.json"
  fi
}

mypages_web_ui() {
  mypages_web_ui_packages || return 1
  (cd "$MYPAGES_ROOT/functions/web/ui" && npm run build)
}

# Creates the venv VENV with the pinned tools of the requirements file REQUIREMENTS (once;
# again only when that file changes: a copy of it in the venv is the stamp).
mypages_venv() {
  local venv="$1" requirements="$2"
  local stamp="$venv/.requirements"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  if ! cmp -s "$requirements" "$stamp"; then
    echo "installing the pinned tools of $(basename "$requirements") into $venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
  fi
}

# The project venv: the pinned tools of infra/requirements.txt.
mypages_bootstrap() {
  mypages_venv "$MYPAGES_VENV" "$MYPAGES_ROOT/infra/requirements.txt"
}

mypages_free_port() {
  "$MYPAGES_VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Writes the key moto signs its Cognito tokens with (private and public PEM; moto's own
# published test key, no secret) to $MYPAGES_MOTO_SIGNING_KEYS (a new temporary file unless
# set) and exports it: mypages-local signs the ID tokens its pre-token-generation trigger
# changed with it, and the forged-token tests sign with it.
mypages_moto_signing_keys() {
  if [ -z "${MYPAGES_MOTO_SIGNING_KEYS:-}" ]; then
    MYPAGES_MOTO_SIGNING_KEYS="$(mktemp "${TMPDIR:-/tmp}/mypages-moto-signing.XXXXXX")"
  fi
  export MYPAGES_MOTO_SIGNING_KEYS
  "$MYPAGES_VENV/bin/python" "$MYPAGES_ROOT/infra/moto_signing_key.py" >"$MYPAGES_MOTO_SIGNING_KEYS"
}

# Starts moto and the local stack BINARY (mypages-local) on free ports in the background, with
# their logs, the signing key and the state file in the directory WORK; sets MOTO_PID,
# LOCAL_PID, AWS_ENDPOINT_URL, MYPAGES_MOTO_SIGNING_KEYS and MYPAGES_STATE_FILE. Returns 1,
# with the stack's log, when it does not start. The caller's EXIT trap stops both.
mypages_start_local_stack() {
  local binary="$1" work="$2"
  # The key moto signs tokens with: the local stack re-signs trigger-changed ID tokens with it,
  # and the forged-token tests sign with it.
  export MYPAGES_MOTO_SIGNING_KEYS="$work/moto-signing.pem"
  mypages_start_moto "$work/moto.log" || return 1
  export MYPAGES_STATE_FILE="$work/state.json"
  PORT=0 "$binary" >"$work/local.log" 2>&1 &
  LOCAL_PID=$!
  for _ in $(seq 1 150); do
    [ -s "$MYPAGES_STATE_FILE" ] && return 0
    if ! kill -0 "$LOCAL_PID" 2>/dev/null; then
      echo "the local stack failed to start:" >&2; cat "$work/local.log" >&2; return 1
    fi
    sleep 0.2
  done
  echo "the local stack did not start" >&2; cat "$work/local.log" >&2; return 1
}

# Starts moto on a free port in the background; sets MOTO_PID, AWS_ENDPOINT_URL and
# MYPAGES_MOTO_SIGNING_KEYS.
mypages_start_moto() {
  local port log
  port="$(mypages_free_port)"
  log="${1:-/dev/null}"
  "$MYPAGES_VENV/bin/python" "$MYPAGES_ROOT/infra/moto_server.py" --port "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if "$MYPAGES_VENV/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('$AWS_ENDPOINT_URL/moto-api/data.json', timeout=1)" 2>/dev/null; then
      mypages_moto_signing_keys
      return $?
    fi
    if ! kill -0 "$MOTO_PID" 2>/dev/null; then
      echo "moto server failed to start; see $log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "moto server did not answer on $AWS_ENDPOINT_URL" >&2
  return 1
}

# Prints the path of a pinned cargo tool (NAME VERSION), installed once from the registry
# into $HOME/.cache/mypages/tools (with --locked, so its own dependencies are pinned too) and
# again only when the pinned version changes.
mypages_cargo_tool() {
  local name="$1" version="$2" root="$HOME/.cache/mypages/tools"
  local binary="$root/bin/$name"
  if [ ! -x "$binary" ] || ! grep -qx "$name $version" "$root/.$name.version" 2>/dev/null; then
    echo "installing $name $version into $root" >&2
    # Optimised lightly and without LTO: a cold CI run builds these too, and the checks they
    # run take seconds either way.
    CARGO_TARGET_DIR="$HOME/.cache/mypages/tools-build" RUSTFLAGS="" \
      CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=off \
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
      cargo install --quiet --locked --root "$root" "$name@$version" >&2 || return 1
    echo "$name $version" >"$root/.$name.version"
  fi
  echo "$binary"
}
