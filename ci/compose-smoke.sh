#!/usr/bin/env bash
# Proves that `docker compose up` works: starts the real stack from docker-compose.yml and checks what a user
# checks. Exits 0 when every check passed, otherwise non-zero with ONE line "compose-smoke: FAILED: <reason>" as
# the last line of its output (logs of the failing service come before it). Cleans up everything it started,
# also on failure (containers, volumes, networks, built images, the dockerd it started).
#
#   bash ci/compose-smoke.sh                  the smoke test (docs/docker.md, "The smoke test")
#   bash ci/compose-smoke.sh --test-failure   proves the failure path: runs the smoke test with
#                                             docker/smoke/unreachable-kafka.yml (the processor is pointed at a
#                                             port where no broker listens) and passes only if that run fails
#                                             with a one-line reason naming the processor and Kafka
#   bash ci/compose-smoke.sh --override FILE  adds a compose file (what --test-failure uses)
#
# Steps: a Docker engine (ci/docker-engine.sh: the running one, or docker.io installed and started as root on a
# private socket); the images the compose file and Dockerfile name (pulled, or local stand-ins built from Debian
# packages and Maven Central when no registry answers); the CLI jar built on the host when the Dockerfile's Maven
# stage cannot run (stand-in build image); `compose build` and `compose up -d` (v2 when present, else v1); the
# checks; `compose down -v`. Each step prints its duration.
#
# Environment: NEWSSTREAM_SMOKE_UP_TIMEOUT (s, default 600) bounds `compose up`; NEWSSTREAM_SMOKE_PREBUILT
# (auto|true|false) forces the host-built jar; NEWSSTREAM_SMOKE_PACKAGE=false reuses cli/target's jar instead of
# running `mvn package` first (CI: `mvn verify` just built it); NEWSSTREAM_DOCKER_CACHE, NEWSSTREAM_DOCKER_SOCKET,
# NEWSSTREAM_DOCKER_PULL=false (never try a registry): see ci/docker-engine.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NS_LOG_PREFIX=compose-smoke
FAIL_REASON=""
die() { # one-line reason; cleanup (trap) prints it again as the last line
  FAIL_REASON="$*"
  echo "compose-smoke: FAILED: $*" >&2
  exit 1
}
# shellcheck source=ci/docker-engine.sh
. "$ROOT/ci/docker-engine.sh"

OVERRIDES=()
MODE=smoke
while [ $# -gt 0 ]; do
  case "$1" in
    --override) [ $# -ge 2 ] || die "--override needs a compose file"; OVERRIDES+=("$2"); shift 2 ;;
    --test-failure) MODE=failure; shift ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

# --- the failure-path test: run this script against a broken stack and demand a clean, explained failure -------
if [ "$MODE" = failure ]; then
  out="$(mktemp)"
  # the engine outlives the broken run, so that what it left behind can be checked
  engine_up
  trap 'rm -f "$out"; engine_down' EXIT
  start=$SECONDS
  echo "compose-smoke: failure path: the processor cannot reach Kafka (docker/smoke/unreachable-kafka.yml)"
  set +e
  NEWSSTREAM_SMOKE_UP_TIMEOUT="${NEWSSTREAM_SMOKE_UP_TIMEOUT:-240}" \
    bash "$0" --override docker/smoke/unreachable-kafka.yml >"$out" 2>&1
  status=$?
  set -e
  last="$(grep -v '^[[:space:]]*$' "$out" | tail -n 1)"
  if [ "$status" -eq 0 ]; then
    tail -n 30 "$out" >&2
    echo "compose-smoke: FAILED: the smoke test passed with a processor that cannot reach Kafka: its checks do not bite" >&2
    exit 1
  fi
  case "$last" in
    "compose-smoke: FAILED: "*processor*) ;;
    *) tail -n 30 "$out" >&2
       echo "compose-smoke: FAILED: the broken stack failed (exit $status) without a one-line reason naming the processor; last line: $last" >&2
       exit 1 ;;
  esac
  if ! grep -qi 'kafka' <<<"$last"; then
    tail -n 30 "$out" >&2
    echo "compose-smoke: FAILED: the broken stack's reason does not say the processor cannot reach Kafka: $last" >&2
    exit 1
  fi
  if docker ps -a --filter "label=com.docker.compose.project=newsstreamsmoke" -q 2>/dev/null | grep -q .; then
    echo "compose-smoke: FAILED: the failed run left containers behind (docker ps -a)" >&2
    exit 1
  fi
  echo "compose-smoke: failure path ok in $((SECONDS - start)) s: exit $status, reason: ${last#compose-smoke: FAILED: }"
  exit 0
fi

# --- helpers ----------------------------------------------------------------------------------------------------
PROJECT=newsstreamsmoke
STEP=""
STEP_START=$SECONDS
TOTAL_START=$SECONDS
TIMINGS=()
step() {
  end_step
  STEP="$1"
  STEP_START=$SECONDS
  echo "compose-smoke: == $STEP"
}
end_step() {
  if [ -n "$STEP" ]; then
    local took=$((SECONDS - STEP_START))
    TIMINGS+=("$(printf '%4d s  %s' "$took" "$STEP")")
    echo "compose-smoke:    done in $took s"
  fi
  STEP=""
}

free_port() { # a free TCP port on 127.0.0.1 within 19000-19999, with the next one free too (a scaled instance)
  python3 - <<'EOF'
import random, socket
for _ in range(200):
    p = random.randrange(19000, 19998)
    try:
        for q in (p, p + 1):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        continue
EOF
}

compose() { "${COMPOSE[@]}" -p "$PROJECT" "${COMPOSE_FILES[@]}" "$@"; }
# docker exec, not compose exec: Compose v1 mixes the tool's stderr into its stdout.
kafka_exec() { docker exec -i "$(cid_of kafka | head -n 1)" "$@"; }
cid_of() { compose ps -q "$1" 2>/dev/null || true; }

# Last lines of every service that is not running healthy, so the reason has its context.
diagnose() {
  local svc cid
  for svc in kafka topics processor producer; do
    for cid in $(cid_of "$svc"); do
      echo "---- $svc ($(docker inspect -f '{{.State.Status}} exit={{.State.ExitCode}} health={{if .State.Health}}{{.State.Health.Status}}{{end}}' "$cid" 2>/dev/null)): last log lines" >&2
      docker logs --tail 15 "$cid" 2>&1 | cut -c1-300 >&2 || true
    done
  done
}

# The first error line of a service's log that says why it is unhappy (empty when none).
why() { # service
  local cid
  for cid in $(cid_of "$1"); do
    docker logs "$cid" 2>&1 | grep -E 'cannot reach|ERROR|Exception|error:' | grep -v '^\s*at ' | tail -n 1 | cut -c1-300
  done | tail -n 1
}

cleanup() {
  local status=$?
  set +e
  end_step
  if [ "${#COMPOSE[@]}" -gt 0 ] 2>/dev/null && [ -n "${COMPOSE_FILES+x}" ]; then
    [ "$status" -ne 0 ] && diagnose
    echo "compose-smoke: cleaning up: compose down -v --rmi local" >&2
    compose down -v --rmi local --remove-orphans >/dev/null 2>&1 || echo "compose-smoke: warning: compose down failed" >&2
  fi
  rm -rf "$ROOT/docker/prebuilt/newsstream.jar" "$ROOT/docker/prebuilt/lib"
  engine_down
  if [ "$status" -ne 0 ]; then
    echo "compose-smoke: FAILED: ${FAIL_REASON:-exit status $status at step '${STEP:-?}'}" >&2
  fi
  exit "$status"
}
COMPOSE=()
trap cleanup EXIT
trap 'die "interrupted"' INT TERM

command -v python3 >/dev/null 2>&1 || die "python3 is needed for the JSON checks"
command -v curl >/dev/null 2>&1 || die "curl is needed for the HTTP checks"

# --- engine, images, compose --------------------------------------------------------------------------------------
step "Docker engine"
engine_up
compose_cmd
COMPOSE_FILES=(-f docker-compose.yml)
for f in "${OVERRIDES[@]}"; do
  [ -f "$f" ] || die "no compose override $f"
  COMPOSE_FILES+=(-f "$f")
done
# a previous run that was killed hard may have left its stack behind
compose down -v --remove-orphans >/dev/null 2>&1 || true

step "images (pull, or local stand-ins)"
images_up

prebuilt="${NEWSSTREAM_SMOKE_PREBUILT:-auto}"
if [ "$prebuilt" = auto ]; then
  case " $NS_STANDINS " in *" $NS_MAVEN_IMAGE "*) prebuilt=true ;; *) prebuilt=false ;; esac
fi
if [ "$prebuilt" = true ]; then
  step "CLI jar built on the host (the image takes it: PREBUILT=true)"
  if [ "${NEWSSTREAM_SMOKE_PACKAGE:-true}" = true ] || [ ! -f cli/target/newsstream-cli.jar ]; then
    command -v mvn >/dev/null 2>&1 || die "mvn is needed to build the CLI jar on the host"
    timeout 900 mvn -B -q -DskipTests package -pl cli -am >"$NS_CACHE/package.log" 2>&1 \
      || die "mvn package of the CLI failed: $(grep -m1 ERROR "$NS_CACHE/package.log")"
  else
    echo "compose-smoke:    NEWSSTREAM_SMOKE_PACKAGE=false: using the existing cli/target/newsstream-cli.jar"
  fi
  [ -f cli/target/newsstream-cli.jar ] && [ -d cli/target/lib ] || die "mvn package left no cli/target/newsstream-cli.jar and lib/"
  cp cli/target/newsstream-cli.jar docker/prebuilt/newsstream.jar
  cp -r cli/target/lib docker/prebuilt/lib
  COMPOSE_FILES+=(-f docker/smoke/prebuilt.yml)
fi

KAFKA_HOST_PORT="$(free_port)"
p="$(free_port)"
PROCESSOR_HOST_PORTS="$p-$((p + 1))"
export KAFKA_HOST_PORT PROCESSOR_HOST_PORTS
echo "compose-smoke: project $PROJECT, files ${COMPOSE_FILES[*]}, host ports kafka $KAFKA_HOST_PORT, processor $PROCESSOR_HOST_PORTS"

step "compose build"
compose build >"$NS_CACHE/compose-build.log" 2>&1 \
  || die "compose build failed: $(grep -iE 'error|failed' "$NS_CACHE/compose-build.log" | tail -n 1)"

step "compose up -d (waits for kafka and the processor to be healthy)"
UP_TIMEOUT="${NEWSSTREAM_SMOKE_UP_TIMEOUT:-600}"
# `up` blocks until the processor is healthy; meanwhile watch the long-running services, so that one that
# crashes (and is restarted by its restart policy, which resets its health) fails the test at once with its reason
# instead of after the whole time limit.
timeout "$UP_TIMEOUT" "${COMPOSE[@]}" -p "$PROJECT" "${COMPOSE_FILES[@]}" up -d >"$NS_CACHE/compose-up.log" 2>&1 &
up_pid=$!
while kill -0 "$up_pid" 2>/dev/null; do
  for svc in kafka processor; do
    for cid in $(cid_of "$svc"); do
      restarts="$(docker inspect -f '{{.RestartCount}}' "$cid" 2>/dev/null || echo 0)"
      if [ "${restarts:-0}" -gt 0 ]; then
        kill "$up_pid" 2>/dev/null || true
        wait "$up_pid" 2>/dev/null || true
        die "the $svc crashed during compose up (restarted $restarts time(s)); it says: $(why "$svc")"
      fi
    done
  done
  sleep 2
done
if ! wait "$up_pid"; then
  reason="$(why processor)"
  [ -n "$reason" ] && die "compose up failed (limit ${UP_TIMEOUT} s): the processor did not become healthy; it says: $reason"
  die "compose up failed or timed out after ${UP_TIMEOUT} s: $(grep -v '^\s*$' "$NS_CACHE/compose-up.log" | tail -n 1)"
fi

wait_healthy() { # container timeout-seconds
  local cid="$1" limit="$2" t=0 state
  while :; do
    state="$(docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$cid" 2>/dev/null)"
    [ "$state" = "running/healthy" ] && return 0
    [ "$t" -ge "$limit" ] && return 1
    sleep 2
    t=$((t + 2))
  done
}
host_port() { docker port "$1" 8080/tcp | head -n 1 | sed 's/.*://'; }
api() { curl -fsS --max-time 10 "http://127.0.0.1:$1$2"; }

# --- checks -------------------------------------------------------------------------------------------------------
step "the processor answers /health"
for cid in $(cid_of processor); do
  wait_healthy "$cid" 120 || die "the processor is not healthy: $(why processor)"
  PORT="$(host_port "$cid")"
  health="$(api "$PORT" /health)" || die "the processor's /health on 127.0.0.1:$PORT did not answer 200"
  grep -q '"UP"' <<<"$health" || die "the processor's /health is not UP: $health"
done

step "the producer published the samples' paragraphs"
pcid="$(cid_of producer)"
[ -n "$pcid" ] || die "no producer container"
code="$(timeout 300 docker wait "$pcid")" || die "the producer did not finish within 300 s: $(why producer)"
[ "$code" = 0 ] || die "the producer exited with $code: $(why producer)"
summary="$(docker logs "$pcid" 2>&1 | grep -E 'published [0-9]+ article' | tail -n 1)"
published="$(sed -n 's/.*published \([0-9]*\) articles\{0,1\}, \([0-9]*\) paragraph.*/\1 \2/p' <<<"$summary")"
[ -n "$published" ] || die "the producer's log has no 'published N articles, M paragraphs' summary"
read -r ARTICLES PARAGRAPHS <<<"$published"
SAMPLE_FILES="$(find samples -maxdepth 1 -type f -name '*.txt' | wc -l)"
[ "$ARTICLES" -ge 1 ] && [ "$ARTICLES" -ge "$SAMPLE_FILES" ] \
  || die "the producer published $ARTICLES articles, but samples/ has $SAMPLE_FILES article files"
consume() { # topic [extra console-consumer args]: committed records, one per line; stops 15 s after the last
  local topic="$1"
  shift
  kafka_exec /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic "$topic" \
    --from-beginning --isolation-level read_committed --timeout-ms 10000 "$@" 2>/dev/null || true
}
on_topic="$(consume news.paragraphs | grep -c . || true)"
[ "$on_topic" = "$PARAGRAPHS" ] \
  || die "news.paragraphs holds $on_topic committed records, the producer said it published $PARAGRAPHS"
echo "compose-smoke:    $ARTICLES articles, $PARAGRAPHS paragraphs on news.paragraphs"

step "/api/sides and news.side-sentiment (read_committed) agree with the tagged paragraphs"
PORT="$(host_port "$(cid_of processor | head -n 1)")"
tmpd="$(mktemp -d)"
consume news.tagged-paragraphs >"$tmpd/tagged.jsonl"
tagged_count="$(grep -c . "$tmpd/tagged.jsonl" || true)"
[ "$tagged_count" = "$PARAGRAPHS" ] || die "news.tagged-paragraphs holds $tagged_count paragraphs, expected $PARAGRAPHS"
# The side table counts every statement under its side (UNKNOWN when none): the expected rows follow from the
# tagged paragraphs alone. The API may lag the topic for a commit interval: retry for a while.
sides_ok=""
for attempt in $(seq 1 10); do
  api "$PORT" /api/sides >"$tmpd/api.json" 2>/dev/null || { sleep 3; continue; }
  consume news.side-sentiment --formatter-property print.key=true --formatter-property key.separator='|' >"$tmpd/topic.txt"
  if python3 - "$tmpd" >"$tmpd/verdict.txt" <<'EOF'
import collections, json, sys
d = sys.argv[1]
problems = []
expected = collections.Counter()
api, topic = {}, {}
try:
    for line in open(f"{d}/tagged.jsonl"):
        for s in json.loads(line).get("statements") or []:
            expected[s.get("side") or "UNKNOWN"] += 1
    api = {row["side"]: row["statements"] for row in json.load(open(f"{d}/api.json"))}
    for line in open(f"{d}/topic.txt"):
        key, _, value = line.rstrip("\n").partition("|")
        topic[key] = json.loads(value)["statements"]   # the latest row per key wins, as in a compacted topic
except (ValueError, KeyError, TypeError) as e:
    print(f"unreadable output: {e.__class__.__name__}: {e}")
    sys.exit(1)
if not expected:
    problems.append("the tagged samples have no statements at all")
if api != dict(expected):
    problems.append(f"/api/sides {sorted(api.items())} != statements per side in the tagged paragraphs {sorted(expected.items())}")
if topic != dict(expected):
    problems.append(f"news.side-sentiment {sorted(topic.items())} != {sorted(expected.items())}")
print("; ".join(problems) if problems else f"{len(expected)} sides, {sum(expected.values())} statements: " + ", ".join(f"{k} {v}" for k, v in sorted(expected.items())))
sys.exit(1 if problems else 0)
EOF
  then sides_ok=yes; break; fi
  sleep 3
done
[ -n "$sides_ok" ] || die "side tables disagree: $(cat "$tmpd/verdict.txt")"
echo "compose-smoke:    $(cat "$tmpd/verdict.txt")"
cp "$tmpd/api.json" "$tmpd/sides-before.json"

step "a large (3 MiB) bad record is dead-lettered whole"
# A record the processor cannot parse goes to news.dead-letters with its original bytes: 3 MiB only fit because
# the topics carry the max.message.bytes of the one topic definition (4 MiB input, 8 MiB outputs; Kafka: 1 MiB).
BIG=$((3 * 1024 * 1024))
python3 -c "import sys; sys.stdout.write('smoke-large|' + 'x' * $BIG + '\n')" \
  | kafka_exec /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic news.paragraphs \
      --reader-property parse.key=true --reader-property key.separator='|' \
      --command-property max.request.size=$((8 * 1024 * 1024)) --command-property buffer.memory=$((32 * 1024 * 1024)) \
      >"$tmpd/big-produce.txt" 2>&1 \
  || die "news.paragraphs refused a 3 MiB record: $(grep -m1 -iE 'exception|error' "$tmpd/big-produce.txt")"
grep -qiE 'RecordTooLarge|exception' "$tmpd/big-produce.txt" \
  && die "news.paragraphs refused a 3 MiB record: $(grep -m1 -iE 'RecordTooLarge|exception' "$tmpd/big-produce.txt" | cut -c1-200)"
dl=""
for attempt in $(seq 1 6); do
  dl="$(consume news.dead-letters --formatter-property print.key=true --formatter-property print.headers=true \
        --command-property max.partition.fetch.bytes=$((9 * 1024 * 1024)) \
        | awk -F '\t' '$0 ~ /smoke-large/ { print length($NF) "\t" substr($1, 1, 160) }' | tail -n 1)"
  [ -n "$dl" ] && break
  sleep 5
done
[ -n "$dl" ] || die "no dead letter for the 3 MiB record on news.dead-letters (read_committed); processor: $(why processor)"
dl_bytes="${dl%%$'\t'*}"
[ "$dl_bytes" -ge "$BIG" ] || die "the dead letter holds $dl_bytes bytes, not the original $BIG"
echo "compose-smoke:    dead letter of $dl_bytes bytes, headers: ${dl#*$'\t'}"
for cid in $(cid_of processor); do
  wait_healthy "$cid" 30 || die "the processor is unhealthy after the large dead letter: $(why processor)"
done
if docker logs "$(cid_of processor | head -n 1)" 2>&1 | grep -q 'a stream thread died'; then
  die "a stream thread died after the large record: $(docker logs "$(cid_of processor | head -n 1)" 2>&1 | grep -m1 -A1 'stream thread died' | tail -n 1 | cut -c1-200)"
fi

same_sides_everywhere() { # label: every processor instance answers /api/sides exactly as before
  local ok="" cid port
  for attempt in $(seq 1 30); do
    ok=yes
    for cid in $(cid_of processor); do
      port="$(host_port "$cid")"
      if ! api "$port" /api/sides >"$tmpd/now.json" 2>/dev/null || ! cmp -s "$tmpd/now.json" "$tmpd/sides-before.json"; then
        ok=""
        break
      fi
    done
    [ -n "$ok" ] && return 0
    sleep 3
  done
  die "$1: processor on 127.0.0.1:$port answers /api/sides differently than before (or not at all): $(head -c 300 "$tmpd/now.json" 2>/dev/null)"
}

step "scale the processor to 2 instances: both serve the same tables"
compose up -d --no-deps --scale processor=2 processor >"$NS_CACHE/compose-scale.log" 2>&1 \
  || die "compose up --scale processor=2 failed: $(tail -n 1 "$NS_CACHE/compose-scale.log")"
n=0
for cid in $(cid_of processor); do
  wait_healthy "$cid" 180 || die "a scaled processor instance did not become healthy: $(why processor)"
  n=$((n + 1))
done
[ "$n" = 2 ] || die "expected 2 processor instances after --scale processor=2, found $n"
same_sides_everywhere "after scaling to 2"
echo "compose-smoke:    2 instances on ports $(for c in $(cid_of processor); do printf '%s ' "$(host_port "$c")"; done)answer the same /api/sides"

step "restart the processors: the tables survive"
compose restart processor >/dev/null 2>&1 || die "compose restart processor failed"
for cid in $(cid_of processor); do
  wait_healthy "$cid" 180 || die "a processor did not come back healthy after a restart: $(why processor)"
done
same_sides_everywhere "after a restart"

step "compose down -v"
compose down -v --rmi local --remove-orphans >/dev/null 2>&1 || die "compose down -v failed"
left="$(docker ps -a --filter "label=com.docker.compose.project=$PROJECT" -q | wc -l)"
[ "$left" = 0 ] || die "$left containers are left after compose down -v"
COMPOSE_FILES=() # nothing left for the cleanup to take down
rm -rf "$tmpd"
end_step

echo "compose-smoke: all checks passed in $((SECONDS - TOTAL_START)) s (${COMPOSE[*]} $COMPOSE_VERSION, engine $(docker version --format '{{.Server.Version}}' 2>/dev/null))"
printf 'compose-smoke:   %s\n' "${TIMINGS[@]}"
