# Sourced by the scripts that build test infrastructure from Go modules (build-kubernetes.sh,
# build-jaeger.sh). The product stays TypeScript; Go only builds what the tests run.

# go_module_version TOOL MODULE GO_MOD: the version GO_MOD requires of MODULE (the wrapper's
# go.mod is the one place each version is written; packages/stack reads it there too).
go_module_version() {
  local tool=$1 module=$2 go_mod=$3 version
  version=$(awk -v m="$module" '$1 == m { print $2 } $1 == "require" && $2 == m { print $3 }' "$go_mod" | head -1)
  if [[ -z $version ]]; then
    echo "$tool: no '$module vX.Y.Z' requirement in $go_mod" >&2
    return 1
  fi
  printf '%s\n' "$version"
}

# go_prepare TOOL: finds the Go toolchain and sets a build environment that never reaches past
# the module proxy for a newer toolchain and builds static binaries.
go_prepare() {
  local tool=$1 candidate
  if ! command -v go >/dev/null 2>&1; then
    for candidate in /usr/local/go/bin /usr/lib/go/bin; do
      if [[ -x "$candidate/go" ]]; then PATH="$PATH:$candidate"; fi
    done
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "$tool: no Go toolchain on PATH (Go builds the test infrastructure)" >&2
    return 1
  fi
  export GOFLAGS="-mod=mod"
  export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
  export GOPATH="${GOPATH:-$HOME/go}"
  export GOMODCACHE="${GOMODCACHE:-$GOPATH/pkg/mod}"
  export CGO_ENABLED=0
}

# go_cache_folder OUT KEY BINARY...: makes OUT and empties it of BINARY... when KEY (a hash of
# what the binaries are built from) differs from the one they were built with, so a stale
# binary is never reused.
go_cache_folder() {
  local out=$1 key=$2 name
  shift 2
  mkdir -p "$out"
  if [[ "$(cat "$out/build-key" 2>/dev/null)" != "$key" ]]; then
    for name in "$@"; do rm -f "${out:?}/$name"; done
    printf '%s\n' "$key" >"$out/build-key"
  fi
}

# go_build_into OUT NAME DIR PACKAGE LDFLAGS: builds PACKAGE in module DIR as OUT/NAME. It builds
# beside the target and renames, so an interrupted build never leaves a half binary cached.
go_build_into() {
  local out=$1 name=$2 dir=$3 package=$4 ldflags=$5
  (cd "$dir" && go build -trimpath -ldflags="$ldflags" -o "$out/.$name.partial" "$package")
  mv "$out/.$name.partial" "$out/$name"
}
