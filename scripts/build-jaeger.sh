#!/usr/bin/env bash
# Builds Jaeger (v2, cmd/jaeger: an OpenTelemetry Collector distribution with Jaeger's storage
# and query API) from the wrapper module in packages/stack/jaeger/, for the trace tests, into a
# cache outside the repository keyed by version and by the wrapper's contents. Idempotent: a
# binary already in the cache is not built again.
#
# Prints the cache folder on its last line; packages/stack finds it at the same place (or at
# $PAVED_JAEGER_BIN when set).
set -euo pipefail
script="$(realpath "$0")"
cd "$(dirname "$script")/.."

WRAPPER="packages/stack/jaeger"
# The wrapper's go.mod is the one place the version is written; packages/stack reads it there too.
JAEGER_VERSION=$(awk '$1 == "github.com/jaegertracing/jaeger" { print $2 } $1 == "require" && $2 == "github.com/jaegertracing/jaeger" { print $3 }' \
  "$WRAPPER/go.mod" | head -1)
if [[ -z $JAEGER_VERSION ]]; then
  echo "build-jaeger: no 'github.com/jaegertracing/jaeger vX.Y.Z' requirement in $WRAPPER/go.mod" >&2
  exit 1
fi

if ! command -v go >/dev/null 2>&1; then
  for candidate in /usr/local/go/bin /usr/lib/go/bin; do
    if [[ -x "$candidate/go" ]]; then PATH="$PATH:$candidate"; fi
  done
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build-jaeger: no Go toolchain on PATH (needed to build the trace backend for tests)" >&2
  exit 1
fi

export GOFLAGS="-mod=mod"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOPATH="${GOPATH:-$HOME/go}"
export GOMODCACHE="${GOMODCACHE:-$GOPATH/pkg/mod}"
export CGO_ENABLED=0

# The key changes whenever the wrapper's pins change, so a stale binary is never reused.
content_key=$(cat "$script" "$WRAPPER/go.mod" "$WRAPPER/go.sum" | sha256sum | cut -c1-16)
out="${PAVED_JAEGER_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/paved/jaeger/$JAEGER_VERSION}"
mkdir -p "$out"
if [[ "$(cat "$out/build-key" 2>/dev/null)" != "$content_key" ]]; then
  rm -f "$out/jaeger"
  printf '%s\n' "$content_key" >"$out/build-key"
fi

if [[ -x "$out/jaeger" ]]; then
  echo "build-jaeger: jaeger $JAEGER_VERSION cached" >&2
else
  echo "build-jaeger: building jaeger $JAEGER_VERSION" >&2
  t0=$(date +%s)
  # Build beside the target, then rename: an interrupted build never leaves a half binary cached.
  (cd "$WRAPPER" && go build -trimpath -ldflags="-s" -o "$out/.jaeger.partial" github.com/jaegertracing/jaeger/cmd/jaeger)
  mv "$out/.jaeger.partial" "$out/jaeger"
  echo "build-jaeger: built jaeger in $(($(date +%s) - t0)) s" >&2
fi
echo "$out"
