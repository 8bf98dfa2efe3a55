#!/usr/bin/env bash
# Installs and runs a real NVIDIA Triton Inference Server locally, without Docker or GPU,
# from the PyPI wheel nvidia-pytriton (which bundles tritonserver and the python backend).
# Run `scripts/triton-local.sh help` for the commands and options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.triton"
PYTRITON_VERSION="0.7.0"

NAME="${TRITON_NAME:-triton}"
HTTP_PORT="${TRITON_HTTP_PORT:-18000}"
GRPC_PORT="${TRITON_GRPC_PORT:-18001}"
METRICS_PORT="${TRITON_METRICS_PORT:-18002}"
MODELS="${TRITON_MODELS:-}"
SHM_PREFIX="${TRITON_SHM_PREFIX:-}"
START_TIMEOUT="${TRITON_START_TIMEOUT:-180}"
MODEL_REPO="${TRITON_MODEL_REPO:-$ROOT/triton-model-repo}"
VENV="${TRITON_VENV:-$STATE_DIR/venv}"
BASE_PYTHON="${TRITON_PYTHON:-python3}"
LOG_VERBOSE="${TRITON_LOG_VERBOSE:-0}"

usage() {
  cat <<EOF
Usage: scripts/triton-local.sh <command> [options]

Runs a real Triton Inference Server (2.51.0, from the PyPI wheel nvidia-pytriton==$PYTRITON_VERSION)
on 127.0.0.1, CPU only, serving triton-model-repo/.

Commands:
  install   create the venv (.triton/venv), install the server and numpy<2, put the python
            backend stub in place and check that no shared library is missing. Idempotent.
  start     install if needed, start tritonserver in the background and wait until
            GET /v2/health/ready answers 200. Exits non-zero (and kills the server) if it
            does not become ready in time.
  stop      stop the instance (TERM, up to 20 s, then KILL) and remove its /dev/shm regions.
            Idempotent.
  status    print whether the instance runs and is ready; exit code 0 when ready,
            1 when running but not ready, 3 when not running.
  restart   stop, then start.
  help      this text.

Options (flag, or environment variable; flags win):
  --name NAME          TRITON_NAME          instance name, letters/digits/'-' (default: triton);
                                            files .triton/NAME.pid, .triton/NAME.log
  --http-port N        TRITON_HTTP_PORT     HTTP port (default: 18000)
  --grpc-port N        TRITON_GRPC_PORT     gRPC port (default: 18001)
  --metrics-port N     TRITON_METRICS_PORT  metrics port (default: 18002)
  --models A,B         TRITON_MODELS        models to load at start (default: all in the repository)
  --shm-prefix P       TRITON_SHM_PREFIX    python backend shm-region-prefix-name
                                            (default: radgate_NAME_cN_, N a checksum of this checkout's path); must differ per instance
  --timeout SECONDS    TRITON_START_TIMEOUT how long start waits for readiness (default: 180)
  --model-repo DIR     TRITON_MODEL_REPO    model repository (default: <repo>/triton-model-repo)
  --venv DIR           TRITON_VENV          venv holding the server (default: <repo>/.triton/venv)
  --python EXE         TRITON_PYTHON        interpreter that creates the venv (default: python3);
                                            it needs its shared libpython3.X.so.1.0
  --log-verbose N      TRITON_LOG_VERBOSE   tritonserver --log-verbose level (default: 0)

The server runs with --model-control-mode=explicit (all models, or --models, loaded at start;
RepositoryIndex/ModelLoad/ModelUnload work), --strict-readiness=true, --exit-on-error=true;
its log is .triton/NAME.log. stop and status use the ports and shm prefix recorded by start
for that --name (.triton/NAME.env).
Two instances at once need distinct --name and ports, e.g.
  scripts/triton-local.sh start --name b --http-port 18100 --grpc-port 18101 --metrics-port 18102
EOF
}

die() { echo "triton-local: $*" >&2; exit 1; }
log() { echo "triton-local: $*" >&2; }

COMMAND=""
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME="${2:?--name needs a value}"; shift 2 ;;
    --http-port) HTTP_PORT="${2:?--http-port needs a value}"; shift 2 ;;
    --grpc-port) GRPC_PORT="${2:?--grpc-port needs a value}"; shift 2 ;;
    --metrics-port) METRICS_PORT="${2:?--metrics-port needs a value}"; shift 2 ;;
    --models) MODELS="${2?--models needs a value}"; shift 2 ;;
    --shm-prefix) SHM_PREFIX="${2:?--shm-prefix needs a value}"; shift 2 ;;
    --timeout) START_TIMEOUT="${2:?--timeout needs a value}"; shift 2 ;;
    --model-repo) MODEL_REPO="${2:?--model-repo needs a value}"; shift 2 ;;
    --venv) VENV="${2:?--venv needs a value}"; shift 2 ;;
    --python) BASE_PYTHON="${2:?--python needs a value}"; shift 2 ;;
    --log-verbose) LOG_VERBOSE="${2:?--log-verbose needs a value}"; shift 2 ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    -h|--help|help) COMMAND="help"; shift ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *) [ -z "$COMMAND" ] || die "more than one command: $COMMAND, $1"; COMMAND="$1"; shift ;;
  esac
done

[[ "$NAME" =~ ^[A-Za-z0-9][A-Za-z0-9-]*$ ]] || die "--name must be letters, digits and '-', got '$NAME'"
for p in "$HTTP_PORT" "$GRPC_PORT" "$METRICS_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "bad port: '$p'"
done
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds, got '$START_TIMEOUT'"
# '_' cannot occur in a name, so one instance's prefix never starts with another's. The default
# also names the checkout ('c' + a checksum of its path): stop and start clean up stubs and regions
# by prefix, and must never touch those of a same-named instance of another checkout on this host
# (they did: a test run in one clone killed the python stubs of a test run in another).
SHM_PREFIX="${SHM_PREFIX:-radgate_${NAME}_c$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)_}"
[[ "$SHM_PREFIX" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--shm-prefix must be letters, digits, '_', '.', '-', got '$SHM_PREFIX'"
[[ "$VENV" = /* ]] || VENV="$PWD/$VENV"
[[ "$MODEL_REPO" = /* ]] || MODEL_REPO="$PWD/$MODEL_REPO"

PID_FILE="$STATE_DIR/$NAME.pid"
LOG_FILE="$STATE_DIR/$NAME.log"
ENV_FILE="$STATE_DIR/$NAME.env"   # ports and shm prefix of the running instance

# --- paths inside the venv --------------------------------------------------------------

venv_python() { echo "$VENV/bin/python"; }

resolve_paths() {
  local py; py="$(venv_python)"
  SITE="$("$py" -c 'import sysconfig;print(sysconfig.get_paths()["purelib"])')"
  TS="$SITE/pytriton/tritonserver"
  PYV="$("$py" -c 'import sys;print("%d.%d"%sys.version_info[:2])')"
  LIBPY="$("$py" -c 'import sysconfig;print(sysconfig.get_config_var("LIBDIR") or "")')"
  STUB_SRC="$TS/python_backend_stubs/$PYV/triton_python_backend_stub"
  STUB="$TS/backends/python/triton_python_backend_stub"
}

# Environment of tritonserver and of the stub it spawns: the venv's libpython first, and the
# venv's python3 first on PATH (the embedded interpreter finds its prefix and the venv's
# site-packages through the python3 it finds on PATH).
server_env() {
  export LD_LIBRARY_PATH="$LIBPY:$SITE/nvidia_pytriton.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export PATH="$VENV/bin:$PATH"
}

installed() {
  [ -x "$(venv_python)" ] || return 1
  "$(venv_python)" - "$PYTRITON_VERSION" <<'EOF' 2>/dev/null || return 1
import sys
from importlib.metadata import version
assert version("nvidia-pytriton") == sys.argv[1]
import numpy
assert int(numpy.__version__.split(".")[0]) < 2
EOF
  resolve_paths
  [ -x "$TS/bin/tritonserver" ] && [ -x "$STUB" ] && cmp -s "$STUB_SRC" "$STUB"
}

check_libraries() {
  local missing="" f out
  for f in "$TS/bin/tritonserver" "$STUB" "$TS/backends/python/libtriton_python.so"; do
    out="$(server_env; ldd "$f" 2>&1)" || die "ldd failed on $f: $out"
    if grep -q 'not found' <<<"$out"; then
      missing+="$f:"$'\n'"$(grep 'not found' <<<"$out")"$'\n'
    fi
  done
  if [ -n "$missing" ]; then
    die "shared libraries are missing:
$missing
libpython$PYV.so.1.0 must come with the venv's Python (LIBDIR=$LIBPY): build it with
--enable-shared, or use Debian's: apt-get install -y python$PYV-venv libpython$PYV and
re-run with --python /usr/bin/python$PYV after deleting $VENV"
  fi
  if ! (server_env; ldd "$STUB") | grep -q "libpython$PYV.so.1.0 => $LIBPY/"; then
    log "warning: the stub does not load libpython$PYV.so.1.0 from $LIBPY (the venv's Python):"
    (server_env; ldd "$STUB") | grep libpython >&2 || true
  fi
}

cmd_install() {
  if installed; then
    check_libraries
    log "already installed in $VENV (nvidia-pytriton==$PYTRITON_VERSION, stub for Python $PYV)"
    return 0
  fi
  mkdir -p "$STATE_DIR"
  local t0=$SECONDS
  if [ ! -x "$(venv_python)" ]; then
    command -v "$BASE_PYTHON" >/dev/null || die "no '$BASE_PYTHON' to create the venv with"
    log "creating venv $VENV with $BASE_PYTHON"
    "$BASE_PYTHON" -m venv "$VENV" || die "could not create the venv (on Debian: apt-get install -y python3-venv)"
  fi
  local pip=("$(venv_python)" -m pip install --disable-pip-version-check --no-input)
  if ! "$(venv_python)" -c "import numpy; assert int(numpy.__version__.split('.')[0]) < 2" 2>/dev/null; then
    log "installing numpy<2 first (the python backend of Triton 24.10 needs numpy 1.x)"
    "${pip[@]}" "numpy<2" || die "pip could not install numpy<2"
  fi
  if ! "$(venv_python)" -c "from importlib.metadata import version; assert version('nvidia-pytriton') == '$PYTRITON_VERSION'" 2>/dev/null; then
    log "installing nvidia-pytriton==$PYTRITON_VERSION (a 55 MB wheel, 250 MB installed; the server only: --no-deps, its client-side dependencies are not needed)"
    "${pip[@]}" --no-deps "nvidia-pytriton==$PYTRITON_VERSION" || die "pip could not install nvidia-pytriton==$PYTRITON_VERSION"
  fi
  resolve_paths
  [ -x "$TS/bin/tritonserver" ] || die "the wheel has no $TS/bin/tritonserver"
  [ -f "$STUB_SRC" ] || die "the wheel has no python backend stub for Python $PYV ($STUB_SRC); use Python 3.8 to 3.12"
  install -m 755 "$STUB_SRC" "$STUB"
  check_libraries
  log "installed in $((SECONDS - t0)) s: $TS/bin/tritonserver, stub for Python $PYV"
}

# --- process handling --------------------------------------------------------------------

read_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  echo "$pid"
}

# The recorded pid is ours only if it still runs tritonserver (pids get reused).
alive_pid() {
  local pid
  pid="$(read_pid)" || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'tritonserver' || return 1
  echo "$pid"
}

load_recorded_settings() {
  if [ -f "$ENV_FILE" ]; then
    # shellcheck disable=SC1090
    . "$ENV_FILE"
  fi
}

http_ready() {
  local code
  code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/v2/health/ready" 2>/dev/null || true)"
  [ "$code" = "200" ]
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

clean_shm() {
  local f
  for f in /dev/shm/"$SHM_PREFIX"*; do
    [ -e "$f" ] && rm -f -- "$f"
  done
  return 0
}

# Python backend stubs left behind by a killed server carry the shm prefix in their arguments.
kill_stubs() {
  local p
  for p in $(pgrep -f "triton_python_backend_stub .*$SHM_PREFIX" 2>/dev/null || true); do
    kill -KILL "$p" 2>/dev/null || true
  done
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "tritonserver (pid $pid) still running after 20 s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
}

cmd_stop() {
  load_recorded_settings
  local pid
  if pid="$(alive_pid)"; then
    stop_pid "$pid"
    log "stopped $NAME (pid $pid)"
  else
    log "$NAME is not running"
  fi
  kill_stubs
  clean_shm
  rm -f "$PID_FILE" "$ENV_FILE"
}

cmd_status() {
  load_recorded_settings
  local pid
  if ! pid="$(alive_pid)"; then
    echo "$NAME: not running"
    return 3
  fi
  if http_ready; then
    echo "$NAME: running (pid $pid), ready (http 127.0.0.1:$HTTP_PORT, grpc 127.0.0.1:$GRPC_PORT, metrics 127.0.0.1:$METRICS_PORT)"
    return 0
  fi
  echo "$NAME: running (pid $pid), NOT ready (http 127.0.0.1:$HTTP_PORT)"
  return 1
}

start_failed() {
  local pid="$1" why="$2"
  echo "tritonserver could not start: $why" >&2
  echo "--- last 40 lines of $LOG_FILE ---" >&2
  tail -n 40 "$LOG_FILE" >&2 || true
  echo "---" >&2
  [ -n "$pid" ] && stop_pid "$pid"
  kill_stubs
  clean_shm
  rm -f "$PID_FILE" "$ENV_FILE"
  exit 1
}

cmd_start() {
  local pid
  if pid="$(alive_pid)"; then
    load_recorded_settings
    if http_ready; then
      log "$NAME already running (pid $pid) and ready on http 127.0.0.1:$HTTP_PORT"
      return 0
    fi
    die "$NAME already running (pid $pid) but not ready; run: scripts/triton-local.sh stop --name $NAME"
  fi
  rm -f "$PID_FILE" "$ENV_FILE"
  installed || cmd_install
  [ -d "$MODEL_REPO" ] || die "no model repository at $MODEL_REPO"

  local p
  for p in "$HTTP_PORT" "$GRPC_PORT" "$METRICS_PORT"; do
    if port_busy "$p"; then
      die "tritonserver could not start: port 127.0.0.1:$p is already in use (choose others with --http-port/--grpc-port/--metrics-port)"
    fi
  done
  kill_stubs
  clean_shm

  # shellcheck disable=SC2054 # the comma in --backend-config=python,... is not a separator
  local args=(
    --model-repository="$MODEL_REPO"
    --backend-directory="$TS/backends" --cache-directory="$TS/caches"
    --http-address=127.0.0.1 --grpc-address=127.0.0.1 --metrics-address=127.0.0.1
    --http-port="$HTTP_PORT" --grpc-port="$GRPC_PORT" --metrics-port="$METRICS_PORT"
    --model-control-mode=explicit
    --strict-readiness=true --exit-on-error=true
    # Triton waits on stop for idle keep-alive HTTP connections too (30 s by default);
    # a local test server need not.
    --exit-timeout-secs=3
    --allow-gpu-metrics=false --pinned-memory-pool-byte-size=0
    --backend-config=python,shm-region-prefix-name="$SHM_PREFIX"
    --log-verbose="$LOG_VERBOSE"
  )
  if [ -z "$MODELS" ]; then
    args+=(--load-model='*')
  else
    local m
    IFS=',' read -r -a _models <<<"$MODELS"
    for m in "${_models[@]}"; do
      m="${m// /}"
      [ -n "$m" ] && args+=(--load-model="$m")
    done
  fi

  mkdir -p "$STATE_DIR"
  : >"$LOG_FILE"
  local t0=$SECONDS
  (
    server_env
    cd "$STATE_DIR"
    exec "$TS/bin/tritonserver" "${args[@]}"
  ) </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  cat >"$ENV_FILE" <<EOF
HTTP_PORT=$HTTP_PORT
GRPC_PORT=$GRPC_PORT
METRICS_PORT=$METRICS_PORT
SHM_PREFIX=$SHM_PREFIX
EOF
  log "started $NAME (pid $pid), log $LOG_FILE; waiting up to ${START_TIMEOUT} s for http://127.0.0.1:$HTTP_PORT/v2/health/ready"
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null && rc=0 || rc=$?
      start_failed "" "it exited with status $rc"
    fi
    if http_ready; then
      log "$NAME ready after $((SECONDS - t0)) s (http 127.0.0.1:$HTTP_PORT, grpc 127.0.0.1:$GRPC_PORT, metrics 127.0.0.1:$METRICS_PORT)"
      return 0
    fi
    if [ $((SECONDS - t0)) -ge "$START_TIMEOUT" ]; then
      start_failed "$pid" "not ready after ${START_TIMEOUT} s"
    fi
    sleep 0.5
  done
}

case "$COMMAND" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) (cmd_stop); cmd_start ;;
  help) usage ;;
  "") usage >&2; exit 2 ;;
  *) usage >&2; die "unknown command: $COMMAND" ;;
esac
