#!/bin/sh
# Image entrypoint: runs the newsstream CLI with the given subcommand (default: process).
#
# Interactive queries need every processor instance to advertise an address the other instances can reach
# (Kafka Streams' application.server). Under `docker compose up --scale processor=N` the instances share one
# service definition, so the address cannot be written in docker-compose.yml: when
# NEWSSTREAM_APPLICATION_SERVER is unset or empty, derive it from this container's IP address (or, failing
# that, its hostname) and NEWSSTREAM_HTTP_PORT.
#
# JAVA_OPTS and NEWSSTREAM_JAVA_OPTS add JVM options (e.g. -Xmx1g).
set -eu

if [ -z "${NEWSSTREAM_APPLICATION_SERVER:-}" ]; then
  host="$(hostname -i 2>/dev/null | awk '{print $1}')" || host=""
  case "$host" in
    "" | 127.* | ::1) host="" ;; # a loopback address is useless to the other instances
  esac
  if [ -z "$host" ]; then
    host="$(hostname)"
  fi
  NEWSSTREAM_APPLICATION_SERVER="${host}:${NEWSSTREAM_HTTP_PORT:-8080}"
  export NEWSSTREAM_APPLICATION_SERVER
fi

# JAVA_OPTS is a list of options: split on spaces on purpose.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} ${NEWSSTREAM_JAVA_OPTS:-} -cp "/app/newsstream.jar:/app/lib/*" dev.newsstream.cli.Main "$@"
