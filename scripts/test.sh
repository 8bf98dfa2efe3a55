#!/usr/bin/env bash
# README's test command: sets up everything the suite needs (scripts/setup.sh test: Debian
# packages when root, PixelMed, the local Triton), then runs the whole suite:
#   1. mvn -B clean verify         unit tests, verticle tests over a fake Triton, the test-data
#                                  step (venv, golden DICOM) and the integration tests against
#                                  the real Triton
#   2. mvn -B -Pnd4j clean test   the ND4J kernels and their byte-equality test (skip: RADGATE_TEST_ND4J=0)
#   3. on a Temurin 25 JDK, where one is installed, the unit tests again (Java 17 is the release)
# Extra arguments go to step 1 (for example -DskipITs). CI (.ci/run) runs exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$SECONDS
step() { echo "=== test: $* ($((SECONDS - started)) s)"; }

step "set-up"
scripts/setup.sh test
java -version 2>&1 | sed -n 1p
mvn -v | sed -n 1p  # not head: it closes the pipe early, and pipefail would fail the run

step "mvn -B clean verify"
mvn -B clean verify "$@"
# The attack suites' totals (their output goes to report files, which the steps below clean away)
for it in BadInputIT MemoryAttackIT; do
  out=target/failsafe-reports/io.radgate.it.$it-output.txt
  [ -f "$out" ] && { echo "--- $it"; grep -v '^{' "$out" | grep -E 'bad-input suite|cases|5xx|heap|memory-attack' || true; }
done

if [ "${RADGATE_TEST_ND4J:-1}" != 0 ]; then
  step "ND4J kernels: -Pnd4j, the pixel tests incl. the ND4J = plain Java equality test"
  mvn -B -q -Pnd4j clean test -Dtest='io.radgate.pixels.*Test' -Dsurefire.failIfNoSpecifiedTests=false
fi

temurin=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -d "$temurin" ] && [ "${RADGATE_TEST_JDK25:-1}" != 0 ]; then
  step "unit tests on Temurin 25"
  JAVA_HOME=$temurin mvn -B -q clean test
fi
step "done"
