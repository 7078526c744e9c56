#!/usr/bin/env bash
# The Docker part of CI (.ci/run calls it after `mvn -B verify`; it can run alone): a Docker engine and the images
# (ci/docker-engine.sh), the compose smoke test and its failure path (ci/compose-smoke.sh), and the integration
# tests' Testcontainers path. Stops the dockerd it started when it ends. Runs after `mvn verify`, so the tests
# there keep their in-process broker; needs the reactor's dependencies in ~/.m2 (mvn -o).
set -euo pipefail
cd "$(dirname "$0")/.."
NS_LOG_PREFIX=docker-ci
# shellcheck source=ci/docker-engine.sh
. ci/docker-engine.sh
t0=$SECONDS
echo "== Docker engine and images"
engine_up
trap engine_down EXIT
images_up
echo "== engine and images ready in $((SECONDS - t0)) s"

t=$SECONDS
# `mvn verify` has just packaged the CLI; the smoke test's image takes that jar when it cannot run Maven itself.
[ -f cli/target/newsstream-cli.jar ] && export NEWSSTREAM_SMOKE_PACKAGE=false
echo "== compose smoke test (ci/compose-smoke.sh)"
bash ci/compose-smoke.sh
echo "== compose smoke test, failure path (the processor cannot reach Kafka)"
bash ci/compose-smoke.sh --test-failure
echo "== compose smoke tests done in $((SECONDS - t)) s"

# Both broker paths of the ITs: `mvn verify` ran them on the in-process broker; these classes run again on a
# Testcontainers container of the apache/kafka image. Ryuk, Testcontainers' reaper, is an image from a registry
# too, so it is disabled; the extension stops its container itself.
t=$SECONDS
echo "== integration tests in Testcontainers mode (-Dkafka.broker=docker)"
# KafkaBrokerExtensionIT is the fixture's own IT: it gets the broker through the extension and sends and reads a
# record through it; -Dkafka.broker=docker makes the extension use the container or fail.
TESTCONTAINERS_RYUK_DISABLED=true timeout 900 mvn -B -o -pl embedded-kafka verify -Dkafka.broker=docker \
  -Dit.test=KafkaBrokerExtensionIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false
echo "== Testcontainers-mode ITs done in $((SECONDS - t)) s; Docker part of CI done in $((SECONDS - t0)) s"
