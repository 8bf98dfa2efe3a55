#!/usr/bin/env bash
# The test-data step of the build (Maven runs it in generate-test-resources; -DskipTests
# skips it): the Python venv the tests' generators use (target/pyvenv, from
# src/test/python/requirements.txt) and the golden DICOM files (target/dicom-golden, written
# by make_dicom_phantoms.py with pydicom, dcmtk and gdcm), and the storage emulators of the
# storage ITs: Azurite (npm, target/azurite) and fake-gcs-server (Go module proxy, target/gobin).
# A missing tool stops the build here, once, naming its Debian package; scripts/setup.sh test
# installs them all, except Go 1.26+ (Debian's golang-go is too old), which the machine provides.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { echo "test-data: $*" >&2; }

missing=()
for pair in "dcmconv dcmtk" "dcmcjpls dcmtk" "dcmcjpeg dcmtk" "dcmcrle dcmtk" "gdcmconv libgdcm-tools" "python3 python3" \
    "node nodejs" "npm npm"; do
  read -r cmd pkg <<<"$pair"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
# fake-gcs-server v1.56.1 declares go 1.26; GOTOOLCHAIN=local below never downloads a newer Go
go_version=$(go env GOVERSION 2>/dev/null || true)
no_go=""
if ! [[ "$go_version" =~ ^go1\.([0-9]+) ]] || [ "${BASH_REMATCH[1]}" -lt 26 ]; then
  no_go="Go 1.26 or newer on PATH (found: ${go_version:-none}; Debian's golang-go is older)"
fi
if [ ${#missing[@]} -gt 0 ] || [ -n "$no_go" ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | paste -sd' ' -)
  if [ -n "$pkgs" ]; then
    log "MISSING Debian packages the test data needs: $pkgs${no_go:+; and $no_go}"
    log "run scripts/setup.sh test as root, or: sudo apt-get install -y $pkgs"
  else
    log "MISSING for the test data: $no_go"
  fi
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

# Azurite, the Azure Blob emulator; main.js is started directly by the tests (testing.Azurite)
azurite=target/azurite
azurite_version=3.35.0
if ! grep -qs "\"version\": \"$azurite_version\"" "$azurite/node_modules/azurite/package.json"; then
  t2=$SECONDS
  npm install --prefix "$azurite" --no-audit --no-fund --loglevel=error "azurite@$azurite_version" >&2
  log "Azurite $azurite_version in $azurite ($((SECONDS - t2)) s)"
fi

# fake-gcs-server, the GCS emulator (testing.GcsEmulator): built from the Go module proxy, about
# 5 minutes the first time on a machine, seconds once Go's caches hold it
gobin="$ROOT/target/gobin"
fake_gcs=v1.56.1
if [ "$(cat "$gobin/fake-gcs-server.version" 2>/dev/null)" != "$fake_gcs" ] || [ ! -x "$gobin/fake-gcs-server" ]; then
  t3=$SECONDS
  GOBIN="$gobin" GOTOOLCHAIN=local go install "github.com/fsouza/fake-gcs-server@$fake_gcs"
  echo "$fake_gcs" >"$gobin/fake-gcs-server.version"
  log "fake-gcs-server $fake_gcs in $gobin ($((SECONDS - t3)) s)"
fi
