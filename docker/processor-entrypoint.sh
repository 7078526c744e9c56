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
  name="${HOSTNAME:-$(cat /etc/hostname 2>/dev/null || true)}"
  # Docker maps the container's hostname to its IP address in /etc/hosts (no `hostname` binary needed).
  host="$(awk -v n="$name" '!/^#/ { for (i = 2; i <= NF; i++) if ($i == n) { print $1; exit } }' /etc/hosts 2>/dev/null || true)"
  case "$host" in
    "" | 127.* | ::1) host="$name" ;; # a loopback address is useless to the other instances
  esac
  if [ -n "$host" ]; then
    NEWSSTREAM_APPLICATION_SERVER="${host}:${NEWSSTREAM_HTTP_PORT:-8080}"
    export NEWSSTREAM_APPLICATION_SERVER
  else
    echo "processor-entrypoint: cannot tell this container's address; interactive queries stay local" >&2
  fi
fi

# JAVA_OPTS is a list of options: split on spaces on purpose.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} ${NEWSSTREAM_JAVA_OPTS:-} -cp "/app/newsstream.jar:/app/lib/*" dev.newsstream.cli.Main "$@"
