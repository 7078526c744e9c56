# shellcheck shell=bash
# Sourced by ci/compose-smoke.sh and .ci/run: a Docker engine and the images our compose file and Dockerfile name.
#
#   engine_up       use the engine DOCKER_HOST (or the default socket) points at; otherwise, as root, install
#                   docker.io with apt when dockerd is missing and start dockerd on a PRIVATE socket
#                   ($NEWSSTREAM_DOCKER_SOCKET, default /run/newsstream-docker.sock), exporting DOCKER_HOST. A private
#                   socket keeps Testcontainers in other builds on this machine on their in-process broker.
#   engine_down     stop the dockerd that engine_up started (nothing else)
#   images_up       for each image: present -> kept; else `docker pull`; else build a local stand-in with the same
#                   name from Debian packages (debootstrap) and Maven Central (Kafka's jars): docs/docker.md
#   compose_cmd     sets the COMPOSE array: `docker compose` (v2) when it answers, else `docker-compose` (v1,
#                   installed with apt as root when missing)
#
# Every failure calls `die` with one line. Cache (debootstrap root filesystem, Kafka jars): $NEWSSTREAM_DOCKER_CACHE,
# default ~/.cache/newsstream-docker. Needs bash; apt-get and debootstrap only when something is missing.

NS_ROOT="${NS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
NS_CACHE="${NEWSSTREAM_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsstream-docker}"
NS_SOCKET="${NEWSSTREAM_DOCKER_SOCKET:-/run/newsstream-docker.sock}"
NS_ENGINE_STARTED=""
NS_LOG_PREFIX="${NS_LOG_PREFIX:-docker-engine}"
NS_KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$NS_ROOT/pom.xml" | head -n 1)"
NS_KAFKA_IMAGE="apache/kafka:$NS_KAFKA_VERSION"
NS_JRE_IMAGE="eclipse-temurin:17-jre"
NS_MAVEN_IMAGE="maven:3.9-eclipse-temurin-17"
NS_DEBIAN_SUITE="${NEWSSTREAM_DEBIAN_SUITE:-bookworm}"
NS_DEBIAN_MIRROR="${NEWSSTREAM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

say() { echo "$NS_LOG_PREFIX: $*" >&2; }
if ! declare -F die >/dev/null; then
  die() { echo "$NS_LOG_PREFIX: FAILED: $*" >&2; exit 1; }
fi

# Prefer the distribution's docker client (same release as the engine it installs) over an unrelated newer one.
# type -P finds the binary (command -v would find this function). docker.io's client is used when it was just
# installed; any client that speaks the engine's API version works.
NS_DOCKER_BIN="${NS_DOCKER_BIN:-$(type -P docker || true)}"
docker() {
  [ -n "$NS_DOCKER_BIN" ] || NS_DOCKER_BIN="$(type -P docker || true)"
  [ -n "$NS_DOCKER_BIN" ] || die "no docker client on PATH"
  "$NS_DOCKER_BIN" "$@"
}

apt_install() { # packages...
  [ "$(id -u)" = 0 ] || die "need root to apt-get install $* (or install them yourself)"
  say "installing $* (apt)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed (no Debian mirror?)"
  timeout 900 apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || die "apt-get install $* failed"
}

engine_answers() { timeout 20 docker info >/dev/null 2>&1; }

engine_up() {
  if [ -n "${DOCKER_HOST:-}" ] && engine_answers; then
    say "using the Docker engine at DOCKER_HOST=$DOCKER_HOST ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi
  if [ -z "${DOCKER_HOST:-}" ] && [ -n "$NS_DOCKER_BIN" ] && engine_answers; then
    say "using the running Docker engine ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi
  if [ -S "$NS_SOCKET" ]; then
    export DOCKER_HOST="unix://$NS_SOCKET"
    if engine_answers; then
      say "using the Docker engine already listening on $NS_SOCKET"
      return
    fi
    unset DOCKER_HOST
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers and I am not root: start Docker (or run as root to let me install and start one)"
  if ! command -v dockerd >/dev/null 2>&1; then
    say "no Docker engine on this machine: installing docker.io"
    apt_install docker.io containerd runc iptables
  fi
  [ -n "$NS_DOCKER_BIN" ] || NS_DOCKER_BIN=/usr/bin/docker
  say "starting dockerd on $NS_SOCKET (log: $NS_CACHE/dockerd.log); it is stopped again at the end"
  mkdir -p "$NS_CACHE"
  dockerd -H "unix://$NS_SOCKET" --pidfile /run/newsstream-dockerd.pid >"$NS_CACHE/dockerd.log" 2>&1 &
  NS_ENGINE_STARTED=$!
  export DOCKER_HOST="unix://$NS_SOCKET"
  local i
  for i in $(seq 1 60); do
    engine_answers && break
    kill -0 "$NS_ENGINE_STARTED" 2>/dev/null || die "dockerd exited at start: $(tail -n 1 "$NS_CACHE/dockerd.log")"
    sleep 1
  done
  engine_answers || die "dockerd did not answer within 60 s: $(tail -n 1 "$NS_CACHE/dockerd.log")"
  say "Docker engine $(docker version --format '{{.Server.Version}}') is up"
}

engine_down() {
  if [ -n "$NS_ENGINE_STARTED" ] && kill -0 "$NS_ENGINE_STARTED" 2>/dev/null; then
    say "stopping the dockerd I started (pid $NS_ENGINE_STARTED)"
    kill "$NS_ENGINE_STARTED" 2>/dev/null || true
    local i
    for i in $(seq 1 30); do kill -0 "$NS_ENGINE_STARTED" 2>/dev/null || break; sleep 1; done
  fi
  NS_ENGINE_STARTED=""
}

compose_cmd() {
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  else
    if ! command -v docker-compose >/dev/null 2>&1; then
      say "no Compose v2 plugin and no docker-compose: installing Debian's docker-compose (v1)"
      apt_install docker-compose
    fi
    COMPOSE=(docker-compose)
    # v1 builds with the classic builder unless told otherwise; say so instead of depending on its default.
    export COMPOSE_DOCKER_CLI_BUILD=0 DOCKER_BUILDKIT=0
  fi
  COMPOSE_VERSION="$("${COMPOSE[@]}" version --short 2>/dev/null || "${COMPOSE[@]}" version 2>/dev/null | head -n 1)"
  say "compose: ${COMPOSE[*]} $COMPOSE_VERSION"
}

# A hash of the stand-in recipes, stored as a label, so an edited recipe rebuilds the stand-in.
standin_hash() {
  (cd "$NS_ROOT" && cat ci/docker-engine.sh docker/standins/kafka/pom.xml docker/standins/kafka/Dockerfile \
     docker/standins/kafka/bin/* docker/standins/kafka/docker/* docker/standins/maven/Dockerfile; echo "$NS_KAFKA_VERSION") \
    | sha256sum | cut -c1-16
}

image_state() { # image -> "missing" | "standin-current" | "standin-stale" | "real"
  local label
  if ! label="$(docker image inspect --format '{{ index .Config.Labels "newsstream.standin" }}' "$1" 2>/dev/null)"; then
    echo missing
  elif [ -z "$label" ] || [ "$label" = "<no value>" ]; then
    echo real
  elif [ "$label" = "$(standin_hash)" ]; then
    echo standin-current
  else
    echo standin-stale
  fi
}

try_pull() { # image
  [ "${NEWSSTREAM_DOCKER_PULL:-true}" = true ] || return 1
  timeout 120 docker pull -q "$1" >/dev/null 2>&1
}

build_jre_standin() {
  local rootfs="$NS_CACHE/rootfs-$NS_DEBIAN_SUITE-jre17.tar"
  if [ ! -s "$rootfs" ]; then
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
    local dir="$NS_CACHE/rootfs.tmp"
    rm -rf "$dir" && mkdir -p "$NS_CACHE/debs"
    say "debootstrap $NS_DEBIAN_SUITE (minbase + openjdk-17-jre-headless, curl) into the cache"
    timeout 1200 debootstrap --variant=minbase --cache-dir="$NS_CACHE/debs" \
      --include=openjdk-17-jre-headless,ca-certificates,curl "$NS_DEBIAN_SUITE" "$dir" "$NS_DEBIAN_MIRROR" \
      >"$NS_CACHE/debootstrap.log" 2>&1 || die "debootstrap failed: $(tail -n 1 "$NS_CACHE/debootstrap.log")"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/tmp/*
    tar -C "$dir" -cf "$rootfs.tmp" . && mv "$rootfs.tmp" "$rootfs"
    rm -rf "$dir"
  fi
  say "importing the Debian + OpenJDK 17 root filesystem as $NS_JRE_IMAGE (stand-in)"
  docker import \
    -c "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" \
    -c "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c "ENV LANG=C.UTF-8" \
    -c "LABEL newsstream.standin=$(standin_hash)" \
    -c 'CMD ["jshell"]' \
    "$rootfs" "$NS_JRE_IMAGE" >/dev/null || die "docker import of $rootfs failed"
}

build_maven_standin() {
  say "building $NS_MAVEN_IMAGE (stand-in: the JRE stand-in + Debian's openjdk-17-jdk-headless and maven)"
  docker build -q --label "newsstream.standin=$(standin_hash)" -t "$NS_MAVEN_IMAGE" \
    "$NS_ROOT/docker/standins/maven" >"$NS_CACHE/maven-standin.log" 2>&1 \
    || die "building the $NS_MAVEN_IMAGE stand-in failed: $(tail -n 1 "$NS_CACHE/maven-standin.log")"
}

build_kafka_standin() {
  local ctx="$NS_CACHE/kafka-$NS_KAFKA_VERSION-context"
  if [ ! -f "$ctx/libs/kafka_2.13-$NS_KAFKA_VERSION.jar" ]; then
    command -v mvn >/dev/null 2>&1 || die "mvn is needed to fetch Kafka $NS_KAFKA_VERSION's jars from Maven Central"
    say "fetching Kafka $NS_KAFKA_VERSION's jars from Maven Central (docker/standins/kafka/pom.xml)"
    rm -rf "$ctx" && mkdir -p "$ctx/libs"
    timeout 900 mvn -B -q -f "$NS_ROOT/docker/standins/kafka/pom.xml" -Dkafka.version="$NS_KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$ctx/libs" \
      >"$NS_CACHE/kafka-libs.log" 2>&1 || die "fetching Kafka's jars failed: $(grep -m1 ERROR "$NS_CACHE/kafka-libs.log")"
  fi
  rm -rf "$ctx/bin" "$ctx/docker"
  cp -r "$NS_ROOT/docker/standins/kafka/bin" "$NS_ROOT/docker/standins/kafka/docker" "$NS_ROOT/docker/standins/kafka/Dockerfile" "$ctx/"
  say "building $NS_KAFKA_IMAGE (stand-in: Kafka's Maven Central jars on $NS_JRE_IMAGE)"
  docker build -q --label "newsstream.standin=$(standin_hash)" --build-arg "BASE_IMAGE=$NS_JRE_IMAGE" \
    -t "$NS_KAFKA_IMAGE" "$ctx" >"$NS_CACHE/kafka-standin.log" 2>&1 \
    || die "building the $NS_KAFKA_IMAGE stand-in failed: $(grep -v '^ *$' "$NS_CACHE/kafka-standin.log" | tail -n 1)"
}

# NS_STANDINS lists the images that are local stand-ins after images_up (the Dockerfile's build stage then uses
# PREBUILT, see compose-smoke.sh).
images_up() {
  mkdir -p "$NS_CACHE"
  NS_STANDINS=""
  local image state
  for image in "$NS_JRE_IMAGE" "$NS_MAVEN_IMAGE" "$NS_KAFKA_IMAGE"; do
    state="$(image_state "$image")"
    case "$state" in
      real) say "$image: present" ; continue ;;
      standin-current) say "$image: present (local stand-in)"; NS_STANDINS="$NS_STANDINS $image"; continue ;;
      standin-stale) say "$image: local stand-in is out of date, rebuilding" ;;
      missing)
        if try_pull "$image"; then say "$image: pulled"; continue; fi
        say "$image: cannot be pulled (no registry?), building a local stand-in" ;;
    esac
    case "$image" in
      "$NS_JRE_IMAGE") build_jre_standin ;;
      "$NS_MAVEN_IMAGE") build_maven_standin ;;
      "$NS_KAFKA_IMAGE") build_kafka_standin ;;
    esac
    NS_STANDINS="$NS_STANDINS $image"
  done
}
