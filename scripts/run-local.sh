#!/usr/bin/env bash
# Runs radgate against a local REAL Triton serving triton-model-repo/ (README's run command).
# Starts Triton with scripts/triton-local.sh, builds radgate's jar if needed, runs it in the
# foreground, and stops Triton again when radgate exits (Ctrl-C).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="target/radgate-0.1.0-SNAPSHOT-all.jar"
TRITON_NAME="${TRITON_NAME:-triton}"
TRITON_GRPC_PORT="${TRITON_GRPC_PORT:-18001}"

scripts/setup.sh run
scripts/triton-local.sh start --name "$TRITON_NAME" --grpc-port "$TRITON_GRPC_PORT"
trap 'scripts/triton-local.sh stop --name "$TRITON_NAME"' EXIT

if [ ! -f "$JAR" ] || [ -n "$(find src proto pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "run-local: building $JAR" >&2
  mvn -B -q package -DskipTests
fi

models=$(find triton-model-repo -mindepth 2 -maxdepth 2 -name config.pbtxt -printf '%h\n' | xargs -n1 basename | sort | paste -sd, -)
export RADGATE_TRITON_TARGETS="${RADGATE_TRITON_TARGETS:-127.0.0.1:$TRITON_GRPC_PORT}"
export RADGATE_MODELS_REQUIRED="${RADGATE_MODELS_REQUIRED:-$models}"
# a local run: webhooks may go to a receiver on this machine (refused by default elsewhere)
export RADGATE_INVOCATIONS_WEBHOOK_ALLOW="${RADGATE_INVOCATIONS_WEBHOOK_ALLOW:-127.0.0.1}"
echo "run-local: radgate on :${RADGATE_HTTP_PORT:-8080} (health, KServe REST), :${RADGATE_GRPC_PORT:-8081} (KServe gRPC)," \
  "Arterys :${RADGATE_ARTERYS_PORT:-8900}, MD.ai :${RADGATE_MDAI_PORT:-6324}, MedImageParse :${RADGATE_MEDIMAGEPARSE_PORT:-5001}, CT-CLIP :${RADGATE_CTCLIP_PORT:-8000}," \
  "invocations :${RADGATE_INVOCATIONS_PORT:-8090} (jobs in ${RADGATE_JOBS_PATH:-radgate-jobs}/);" \
  "Triton $RADGATE_TRITON_TARGETS, models $RADGATE_MODELS_REQUIRED" >&2
java -jar "$JAR" "$@"
