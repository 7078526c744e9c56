#!/bin/sh
# Entrypoint of the compose `producer` service: turns environment variables into `newsstream produce` arguments.
#
#   NEWSSTREAM_BOOTSTRAP_SERVERS  Kafka address                        (default kafka:9092)
#   NEWSSTREAM_FEEDS              space-separated RSS/Atom feed URLs; when set, follow them and keep running
#   NEWSSTREAM_POLL               how often to poll the feeds           (default 60s)
#   NEWSSTREAM_PRODUCER_INPUT     file or directory to publish once when no feeds are given (default /app/samples)
#
# Extra arguments are appended, e.g. `docker compose run --rm producer --help`.
set -eu

bootstrap="${NEWSSTREAM_BOOTSTRAP_SERVERS:-kafka:9092}"
set -- produce --bootstrap-server "$bootstrap" "$@"

if [ -n "${NEWSSTREAM_FEEDS:-}" ]; then
  # URLs contain no spaces, so word splitting is the intended parser here.
  for feed in $NEWSSTREAM_FEEDS; do
    set -- "$@" --feed "$feed"
  done
  # The seen-set lives in the container's volume (not in $HOME), so a restarted producer does not republish.
  set -- "$@" --poll "${NEWSSTREAM_POLL:-60s}" --seen-file "${NEWSSTREAM_STATE_DIR:-/var/lib/newsstream}/feeds-seen.json"
  echo "producer: following $(echo "$NEWSSTREAM_FEEDS" | wc -w) feed(s) every ${NEWSSTREAM_POLL:-60s} into $bootstrap" >&2
else
  input="${NEWSSTREAM_PRODUCER_INPUT:-/app/samples}"
  if [ ! -e "$input" ]; then
    echo "producer: NEWSSTREAM_PRODUCER_INPUT=$input does not exist in the container; mount it or set NEWSSTREAM_FEEDS" >&2
    exit 2
  fi
  set -- "$@" "$input"
  echo "producer: publishing $input to $bootstrap" >&2
fi

exec /app/bin/processor-entrypoint.sh "$@"
