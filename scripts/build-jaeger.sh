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

source scripts/lib/go-build.sh

WRAPPER="packages/stack/jaeger"
JAEGER_VERSION=$(go_module_version build-jaeger github.com/jaegertracing/jaeger "$WRAPPER/go.mod")
go_prepare build-jaeger

# The key changes whenever the wrapper's pins or the build steps change.
content_key=$(cat "$script" scripts/lib/go-build.sh "$WRAPPER/go.mod" "$WRAPPER/go.sum" | sha256sum | cut -c1-16)
out="${PAVED_JAEGER_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/paved/jaeger/$JAEGER_VERSION}"
go_cache_folder "$out" "$content_key" jaeger

if [[ -x "$out/jaeger" ]]; then
  echo "build-jaeger: jaeger $JAEGER_VERSION cached" >&2
else
  echo "build-jaeger: building jaeger $JAEGER_VERSION" >&2
  t0=$(date +%s)
  go_build_into "$out" jaeger "$WRAPPER" github.com/jaegertracing/jaeger/cmd/jaeger "-s"
  echo "build-jaeger: built jaeger in $(($(date +%s) - t0)) s" >&2
fi
echo "$out"
