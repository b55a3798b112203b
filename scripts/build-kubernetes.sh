#!/usr/bin/env bash
# Builds the local Kubernetes control plane used by packages/stack tests (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kwok) from the wrapper modules in
# packages/stack/kubernetes/, into a cache outside the repository keyed by version and by the
# wrapper modules' contents. Idempotent: a binary already in the cache is not built again, and
# the cache is emptied when the wrapper modules (or this script) change.
#
# Prints the cache folder on its last line; packages/stack finds it at the same place (or at
# $PAVED_KUBERNETES_BIN when set).
set -euo pipefail
script="$(realpath "$0")"
cd "$(dirname "$script")/.."

WRAPPERS="packages/stack/kubernetes"
# The wrapper's go.mod is the one place the version is written; packages/stack reads it there too.
KUBERNETES_VERSION=$(awk '$1 == "k8s.io/kubernetes" { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' \
  "$WRAPPERS/kubernetes/go.mod" | head -1)
if [[ -z $KUBERNETES_VERSION ]]; then
  echo "build-kubernetes: no 'k8s.io/kubernetes vX.Y.Z' requirement in $WRAPPERS/kubernetes/go.mod" >&2
  exit 1
fi

if ! command -v go >/dev/null 2>&1; then
  for candidate in /usr/local/go/bin /usr/lib/go/bin; do
    if [[ -x "$candidate/go" ]]; then PATH="$PATH:$candidate"; fi
  done
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build-kubernetes: no Go toolchain on PATH (needed to build the test control plane)" >&2
  exit 1
fi

export GOFLAGS="-mod=mod"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOPATH="${GOPATH:-$HOME/go}"
export GOMODCACHE="${GOMODCACHE:-$GOPATH/pkg/mod}"
export CGO_ENABLED=0

# The key changes whenever a wrapper's pins change, so a stale binary is never reused.
content_key=$(cat "$script" "$WRAPPERS"/*/go.mod "$WRAPPERS"/*/go.sum "$WRAPPERS"/*/*.go | sha256sum | cut -c1-16)
out="${PAVED_KUBERNETES_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/paved/kubernetes/$KUBERNETES_VERSION}"
mkdir -p "$out"
if [[ "$(cat "$out/build-key" 2>/dev/null)" != "$content_key" ]]; then
  rm -f "$out"/etcd "$out"/kube-apiserver "$out"/kube-controller-manager "$out"/kube-scheduler "$out"/kwok
  printf '%s\n' "$content_key" >"$out/build-key"
fi

# name:wrapper-folder:package
TARGETS=(
  etcd:etcd:.
  kube-apiserver:kubernetes:k8s.io/kubernetes/cmd/kube-apiserver
  kube-controller-manager:kubernetes:k8s.io/kubernetes/cmd/kube-controller-manager
  kube-scheduler:kubernetes:k8s.io/kubernetes/cmd/kube-scheduler
  kwok:kwok:sigs.k8s.io/kwok/cmd/kwok
)

started=$(date +%s)
built=0
for entry in "${TARGETS[@]}"; do
  IFS=: read -r name wrapper package <<<"$entry"
  if [[ -x "$out/$name" ]]; then
    continue
  fi
  echo "build-kubernetes: building $name ($KUBERNETES_VERSION wrapper $wrapper)" >&2
  t0=$(date +%s)
  # Build beside the target, then rename: an interrupted build never leaves a half binary cached.
  ldflags="-s"
  if [[ $wrapper == kubernetes ]]; then
    # What `make` stamps in: /version and the components' compatibility checks read it.
    minor="${KUBERNETES_VERSION#v1.}"
    minor="${minor%%.*}"
    ldflags+=" -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION"
    ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
    ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  fi
  (cd "$WRAPPERS/$wrapper" && go build -trimpath -ldflags="$ldflags" -o "$out/.$name.partial" "$package")
  mv "$out/.$name.partial" "$out/$name"
  echo "build-kubernetes: built $name in $(($(date +%s) - t0)) s" >&2
  built=$((built + 1))
done

if [[ $built -eq 0 ]]; then
  echo "build-kubernetes: all binaries cached" >&2
else
  echo "build-kubernetes: built $built binaries in $(($(date +%s) - started)) s" >&2
fi
echo "$out"
