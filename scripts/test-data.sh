#!/usr/bin/env bash
# The test-data step of the build (Maven runs it in generate-test-resources; -DskipTests
# skips it): the Python venv the tests' generators use (target/pyvenv, from
# src/test/python/requirements.txt) and the golden DICOM files (target/dicom-golden, written
# by make_dicom_phantoms.py with pydicom, dcmtk and gdcm). A missing tool stops the build here,
# once, naming its Debian package; scripts/setup.sh test installs them all.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { echo "test-data: $*" >&2; }

missing=()
for pair in "dcmconv dcmtk" "dcmcjpls dcmtk" "dcmcjpeg dcmtk" "dcmcrle dcmtk" "gdcmconv libgdcm-tools" "python3 python3"; do
  read -r cmd pkg <<<"$pair"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | paste -sd' ' -)
  log "MISSING Debian packages the test data needs: $pkgs"
  log "run scripts/setup.sh test as root, or: sudo apt-get install -y $pkgs"
  exit 1
fi

venv=target/pyvenv
req=src/test/python/requirements.txt
t0=$SECONDS
if ! cmp -s "$req" "$venv/requirements.installed"; then
  log "creating $venv from $req"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$req"
  cp "$req" "$venv/requirements.installed"
  log "venv ready in $((SECONDS - t0)) s"
fi

golden=target/dicom-golden
if [ ! -f "$golden/manifest.json" ] || [ -n "$(find src/test/python/make_dicom_phantoms.py -newer "$golden/manifest.json")" ]; then
  t1=$SECONDS
  rm -rf "$golden" && mkdir -p "$golden"
  "$venv/bin/python" src/test/python/make_dicom_phantoms.py "$golden" >"$golden.log" 2>&1 \
    || { cat "$golden.log" >&2; log "make_dicom_phantoms.py failed (log above)"; exit 1; }
  log "golden DICOM files in $golden ($(ls "$golden" | wc -l) files, $((SECONDS - t1)) s)"
fi
