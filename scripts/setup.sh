#!/usr/bin/env bash
# Installs what radgate needs, for one role, and checks it. The ONE copy of these steps: the
# test command (scripts/test.sh, which .ci/run calls), the run command (scripts/run-local.sh)
# and both stages of the Dockerfile call it.
#
#   scripts/setup.sh build     JDK 17, Maven, PixelMed in the local Maven repository
#   scripts/setup.sh runtime   a JRE 17, curl, dcmtk (child-process decoder for JPEG-LS and 12-bit JPEG)
#   scripts/setup.sh run       build + runtime + the local Triton (scripts/triton-local.sh install)
#   scripts/setup.sh test      run + the test-data tools (gdcm)
#   --check                    install nothing: name what is missing, exit 1 if anything is
#
# As root, missing Debian packages are installed with apt-get. Otherwise the script names the
# packages to install and exits 1 once, before any build or test starts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

role="${1:-}"
check_only=false
[ "${2:-}" = "--check" ] && check_only=true
case "$role" in
  build|runtime|test|run) ;;
  *) echo "usage: scripts/setup.sh build|runtime|test|run [--check]" >&2; exit 2 ;;
esac

log() { echo "setup($role): $*" >&2; }

# "command-or-file package" pairs per role. A leading / means a file, else a command on PATH.
build_needs=(
  "javac openjdk-17-jdk-headless"
  "mvn maven"
  "zip zip"
  "unzip unzip"
  "/usr/share/java/pixelmed.jar libpixelmed-java"
)
runtime_needs=(
  "java openjdk-17-jre-headless"
  "curl curl"
  "dcmdjpls dcmtk"
)
# the local Triton (scripts/triton-local.sh): a Python venv, curl for its health checks, pgrep
triton_needs=(
  "curl curl"
  "pgrep procps"
  "python3 python3"
)
# test data only (scripts/test-data.sh): gdcm's converters, besides dcmtk; Node.js and npm for
# Azurite (the storage ITs' Azure emulator); PostgreSQL's server for the job-store ITs (Debian keeps
# its binaries off PATH). Go 1.26+ (fake-gcs-server) is not a Debian package that new: test-data.sh
# checks it.
test_needs=(
  "gdcmconv libgdcm-tools"
  "node nodejs"
  "npm npm"
  "/usr/lib/postgresql/*/bin/initdb postgresql"
)

needs=()
case "$role" in
  build) needs=("${build_needs[@]}") ;;
  runtime) needs=("${runtime_needs[@]}") ;;
  run) needs=("${build_needs[@]}" "${runtime_needs[@]}" "${triton_needs[@]}") ;;
  test) needs=("${build_needs[@]}" "${runtime_needs[@]}" "${triton_needs[@]}" "${test_needs[@]}") ;;
esac

present() {
  case "$1" in
    /*) compgen -G "$1" >/dev/null ;;  # a path, or a glob that must match one
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for pair in "${needs[@]}"; do
  read -r what pkg <<<"$pair"
  present "$what" || missing+=("$pkg")
done
# python3-venv is a package of its own on Debian; ensurepip proves it is there.
if [ "$role" = test ] || [ "$role" = run ]; then
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if $check_only || [ "$(id -u)" != 0 ]; then
    log "MISSING Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || { log "apt-get could not install: ${missing[*]}"; exit 1; }
  fi
fi

if [ "$role" != runtime ]; then
  if $check_only; then
    [ -f "${MAVEN_REPO:-$HOME/.m2/repository}/com/pixelmed/pixelmed/20220618/pixelmed-20220618.jar" ] \
      || { log "MISSING PixelMed in the local Maven repository: run scripts/setup.sh build"; exit 1; }
  else
    "$ROOT/scripts/install-pixelmed.sh"
  fi
fi

if [ "$role" = test ] || [ "$role" = run ]; then
  if $check_only; then
    "$ROOT/scripts/triton-local.sh" status >/dev/null 2>&1 || [ -x "$ROOT/.triton/venv/bin/python" ] \
      || { log "MISSING the local Triton: run scripts/triton-local.sh install"; exit 1; }
  else
    "$ROOT/scripts/triton-local.sh" install
  fi
fi
log "ready"
