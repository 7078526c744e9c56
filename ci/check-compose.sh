#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: dclint checks YAML validity, the Compose Specification
# schema and the rules enabled in .dclintrc (warnings count as failures). To prove the check bites, it then
# lints deliberately broken copies and fails if dclint accepts any of them.
#
#   ci/check-compose.sh            (installs dclint with npm into a cache dir when it is not on PATH)
#   DCLINT=/path/to/dclint ci/check-compose.sh
#
# Needs node + npm (the npm registry) the first time. Exit status 0 = valid and the check is effective.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DCLINT_VERSION=3.1.0
COMPOSE="$ROOT/docker-compose.yml"
CONFIG="$ROOT/.dclintrc"

find_dclint() {
  if [ -n "${DCLINT:-}" ]; then
    echo "$DCLINT"
    return
  fi
  if command -v dclint >/dev/null 2>&1 && [ "$(dclint --version 2>/dev/null)" = "$DCLINT_VERSION" ]; then
    command -v dclint
    return
  fi
  local prefix="${NEWSSTREAM_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/newsstream-tools}/dclint-$DCLINT_VERSION"
  if [ ! -x "$prefix/node_modules/.bin/dclint" ]; then
    command -v npm >/dev/null 2>&1 || { echo "check-compose: npm is needed to install dclint $DCLINT_VERSION (apt-get install -y npm)" >&2; exit 2; }
    echo "check-compose: installing dclint $DCLINT_VERSION into $prefix" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "dclint@$DCLINT_VERSION" >&2
  fi
  echo "$prefix/node_modules/.bin/dclint"
}

DCLINT_BIN="$(find_dclint)"
lint() { "$DCLINT_BIN" --config "$CONFIG" --max-warnings 0 --no-color "$@"; }

echo "check-compose: dclint $("$DCLINT_BIN" --version) on docker-compose.yml"
if ! lint "$COMPOSE"; then
  echo "check-compose: FAILED: docker-compose.yml is not valid (see above)" >&2
  exit 1
fi

# Each broken copy must be rejected; sed exits 0 even when nothing matched, so each edit is checked to change
# the file, otherwise a renamed service would silently turn a mutation into a copy of the valid file.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
mutant() { # name sed-expression
  local name="$1" expr="$2" file="$tmp/$1/docker-compose.yml"
  mkdir -p "$tmp/$name"
  sed -e "$expr" "$COMPOSE" >"$file"
  if cmp -s "$COMPOSE" "$file"; then
    echo "check-compose: FAILED: mutation '$name' did not change docker-compose.yml; update ci/check-compose.sh" >&2
    failures=$((failures + 1))
    return
  fi
  if lint "$file" >"$tmp/$name/out.txt" 2>&1; then
    echo "check-compose: FAILED: dclint accepted a broken copy ($name); the check does not bite" >&2
    cat "$tmp/$name/out.txt" >&2
    failures=$((failures + 1))
  else
    echo "check-compose: ok, rejected broken copy: $name"
  fi
}
# an unknown service key (typo of "image")
mutant unknown-key 's/^    image: apache\/kafka:\(.*\)$/    imgae: apache\/kafka:\1/'
# a depends_on condition that Compose does not know
mutant bad-condition '0,/condition: service_healthy/s//condition: service_heathy/'
# a port published on all interfaces
mutant unbound-port 's/- "127\.0\.0\.1:\${KAFKA_HOST_PORT/- "${KAFKA_HOST_PORT/'
# an image without a tag
mutant untagged-image '0,/image: apache\/kafka:[0-9.]*$/s//image: apache\/kafka/'

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "check-compose: docker-compose.yml is valid, and 4 broken copies were rejected"
