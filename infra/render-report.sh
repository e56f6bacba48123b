#!/usr/bin/env bash
# Renders a workbook to PNG images, one per printed page, to look at a report without a
# spreadsheet program: LibreOffice Calc (headless) prints every sheet to one PDF, pdftoppm
# turns each page into a PNG. Prints the PNG paths, one a line.
#
#   infra/render-report.sh REPORT.xlsx OUTDIR
#
# Installs what it lacks from the Debian packages (libreoffice-calc-nogui, poppler-utils), as
# root or through sudo when it needs no password, like infra/env.sh installs the OCR tools.
# Not part of the test run (infra/test.sh): it is how the quarter report's sheets are shown.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 REPORT.xlsx OUTDIR" >&2
  exit 2
fi
workbook="$1"
outdir="$2"
[ -f "$workbook" ] || { echo "no such workbook: $workbook" >&2; exit 2; }

packages="libreoffice-calc-nogui poppler-utils"
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  as_root=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root="sudo -n"
    else
      echo "needs $packages (and root or password-less sudo to install them)" >&2
      exit 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "needs $packages; no apt-get here" >&2; exit 1; }
  echo "installing $packages with apt-get" >&2
  # shellcheck disable=SC2086 # the package list and the sudo prefix are meant to split
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1 \
    || { $as_root apt-get update -qq >/dev/null 2>&1 \
      && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1; } \
    || { echo "could not install $packages" >&2; exit 1; }
fi

mkdir -p "$outdir"
# A throwaway LibreOffice profile: the user's own (if any) is neither read nor changed, and a
# LibreOffice already running for the user does not swallow the conversion.
profile="$(mktemp -d /tmp/render-report-profile.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
name="$(basename "${workbook%.*}")"
# Calc prints every sheet that has content, each on as many pages as it needs.
soffice -env:UserInstallation="file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$outdir" "$workbook" >"$profile/soffice.log" 2>&1 \
  || { cat "$profile/soffice.log" >&2; exit 1; }
pdf="$outdir/$name.pdf"
[ -s "$pdf" ] || { echo "LibreOffice wrote no PDF:" >&2; cat "$profile/soffice.log" >&2; exit 1; }
rm -f "$outdir/$name"-*.png
pdftoppm -png -r 80 "$pdf" "$outdir/$name"
ls -1 "$outdir/$name"-*.png
