#!/usr/bin/env bash
# Installs the Debian packages that packages/stack starts (Docker Engine, registry, Prometheus,
# Pushgateway, OpenSSH server, Caddy) and what a fleet of hosts needs (iproute2, nsenter,
# iptables). Idempotent: when every program is present it only checks.
# As root on Debian/Ubuntu it installs what is missing; anywhere else it says what to install
# and exits non-zero, so CI fails with a message instead of skipping the stack tests.
set -euo pipefail

# program:package — checked by program so it also works where dpkg does not know the package.
REQUIRED=(
  dockerd:docker.io
  docker:docker.io
  docker-registry:docker-registry
  prometheus:prometheus
  promtool:prometheus
  prometheus-pushgateway:prometheus-pushgateway
  sshd:openssh-server
  ssh:openssh-client
  ssh-keygen:openssh-client
  caddy:caddy
  ip:iproute2
  nsenter:util-linux
  iptables:iptables
)

export PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin"

missing_packages() {
  local entry program package
  local -A seen=()
  for entry in "${REQUIRED[@]}"; do
    program="${entry%%:*}"
    package="${entry#*:}"
    if ! command -v "$program" >/dev/null 2>&1 && [[ -z "${seen[$package]:-}" ]]; then
      seen[$package]=1
      printf '%s\n' "$package"
    fi
  done
}

mapfile -t missing < <(missing_packages)
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-stack: all local stack packages are present"
  exit 0
fi

is_debian_like() {
  [[ -r /etc/os-release ]] || return 1
  # shellcheck disable=SC1091
  . /etc/os-release
  [[ " ${ID:-} ${ID_LIKE:-} " =~ [[:space:]](debian|ubuntu)[[:space:]] ]]
}

if [[ ${EUID} -eq 0 ]] && is_debian_like && command -v apt-get >/dev/null 2>&1; then
  echo "install-stack: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
  mapfile -t still_missing < <(missing_packages)
  if [[ ${#still_missing[@]} -ne 0 ]]; then
    echo "install-stack: still missing after install: ${still_missing[*]}" >&2
    exit 1
  fi
  echo "install-stack: done"
  exit 0
fi

echo "install-stack: missing packages: ${missing[*]}" >&2
echo "install-stack: install them as root on Debian/Ubuntu with:" >&2
echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
exit 1
