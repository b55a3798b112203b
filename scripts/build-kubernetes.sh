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

source scripts/lib/go-build.sh

WRAPPERS="packages/stack/kubernetes"
KUBERNETES_VERSION=$(go_module_version build-kubernetes k8s.io/kubernetes "$WRAPPERS/kubernetes/go.mod")
go_prepare build-kubernetes

# The key changes whenever a wrapper's pins or the build steps change.
content_key=$(cat "$script" scripts/lib/go-build.sh "$WRAPPERS"/*/go.mod "$WRAPPERS"/*/go.sum "$WRAPPERS"/*/*.go | sha256sum | cut -c1-16)
out="${PAVED_KUBERNETES_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/paved/kubernetes/$KUBERNETES_VERSION}"
go_cache_folder "$out" "$content_key" etcd kube-apiserver kube-controller-manager kube-scheduler kwok

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
  ldflags="-s"
  if [[ $wrapper == kubernetes ]]; then
    # What `make` stamps in: /version and the components' compatibility checks read it.
    minor="${KUBERNETES_VERSION#v1.}"
    minor="${minor%%.*}"
    ldflags+=" -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION"
    ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
    ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  fi
  go_build_into "$out" "$name" "$WRAPPERS/$wrapper" "$package" "$ldflags"
  echo "build-kubernetes: built $name in $(($(date +%s) - t0)) s" >&2
  built=$((built + 1))
done

if [[ $built -eq 0 ]]; then
  echo "build-kubernetes: all binaries cached" >&2
else
  echo "build-kubernetes: built $built binaries in $(($(date +%s) - started)) s" >&2
fi
echo "$out"
