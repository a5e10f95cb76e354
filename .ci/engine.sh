#!/usr/bin/env bash
# The container engine of the container tests: Debian's podman serving the Docker API that
# Testcontainers speaks (see shared notes: containers-facts.md).
#
# Usage (root):
#   .ci/engine.sh install     # apt packages (podman, runc, debootstrap, ...), idempotent
#   .ci/engine.sh start       # writes containers.conf, starts the Docker API socket
#   eval "$(.ci/engine.sh env)"   # CONTAINERS_CONF, DOCKER_HOST, TESTCONTAINERS_* for this shell
#   .ci/engine.sh stop        # stops the API service, removes the containers the tests left
# Environment: GNSCI_ENGINE_DIR (default /run/googlenet-streams-ci) holds the socket, the pid
# file, the service log and containers.conf.
set -euo pipefail

DIR="${GNSCI_ENGINE_DIR:-/run/googlenet-streams-ci}"
SOCK="$DIR/podman.sock"
# netavark + aardvark-dns: with Debian's default CNI backend, containers on a user network cannot
# resolve each other's names or network aliases (no dnsname plugin), so a service container
# would not find its Kafka container.
PACKAGES=(podman runc fuse-overlayfs slirp4netns uidmap debootstrap containernetworking-plugins
  iptables netavark aardvark-dns)

log() { printf '[engine %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

install() {
  if dpkg -s "${PACKAGES[@]}" > /dev/null 2>&1; then
    log "podman and friends already installed ($(podman --version))"
    return
  fi
  log "apt-get install ${PACKAGES[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" \
    > /tmp/gns-engine-apt.log 2>&1 || { tail -30 /tmp/gns-engine-apt.log; exit 1; }
  log "installed $(podman --version)"
}

# This kind of VM caps open files at 20000, refuses nproc >= 65536, and crun fails on its
# hybrid cgroups: these settings make `podman run` work. netavark gives network-alias DNS.
write_conf() {
  mkdir -p "$DIR"
  cat > "$DIR/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"

[network]
network_backend = "netavark"
CONF
}

print_env() {
  cat <<ENV
export CONTAINERS_CONF=$DIR/containers.conf
export DOCKER_HOST=unix://$SOCK
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
ENV
}

# A machine that ran podman with the CNI backend before keeps its bridge cni-podman0 holding
# 10.88.0.0/16, the subnet of netavark's default network: ports published from containers on
# the default network are then unreachable ("No route to host"). The bridge is stale; remove it.
remove_stale_cni_bridge() {
  if command -v ip > /dev/null && ip link show cni-podman0 > /dev/null 2>&1; then
    log "removing the stale CNI bridge cni-podman0 (netavark's default network uses its subnet)"
    ip link delete cni-podman0
  fi
}

start() {
  write_conf
  export CONTAINERS_CONF="$DIR/containers.conf"
  remove_stale_cni_bridge
  if [[ -f "$DIR/podman.pid" ]] && kill -0 "$(cat "$DIR/podman.pid")" 2> /dev/null; then
    log "API service already running (pid $(cat "$DIR/podman.pid")) on $SOCK"
    return
  fi
  rm -f "$SOCK"
  podman system service --time=0 "unix://$SOCK" > "$DIR/podman-service.log" 2>&1 &
  echo $! > "$DIR/podman.pid"
  for _ in $(seq 1 100); do
    if [[ -S "$SOCK" ]] && podman --url "unix://$SOCK" version > /dev/null 2>&1; then
      log "Docker API served by podman (pid $(cat "$DIR/podman.pid")) on unix://$SOCK"
      return
    fi
    sleep 0.1
  done
  log "the API socket $SOCK did not come up in 10 s; service log:"
  cat "$DIR/podman-service.log" >&2
  exit 1
}

stop() {
  if [[ -f "$DIR/containers.conf" ]]; then
    export CONTAINERS_CONF="$DIR/containers.conf"
  fi
  # Only what the tests started (Testcontainers labels every container it creates), so other
  # containers on a developer's machine survive.
  local left
  left="$(podman ps -aq --filter label=org.testcontainers=true 2> /dev/null || true)"
  if [[ -n "$left" ]]; then
    log "removing $(wc -l <<< "$left") leftover test container(s)"
    xargs -r podman rm -f -t 2 <<< "$left" > /dev/null 2>&1 || true
  fi
  if [[ -f "$DIR/podman.pid" ]]; then
    local pid
    pid="$(cat "$DIR/podman.pid")"
    if kill "$pid" 2> /dev/null; then
      log "stopped the API service (pid $pid)"
    fi
    rm -f "$DIR/podman.pid" "$SOCK"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) write_conf; print_env ;;
  *) echo "usage: $0 install|start|env|stop" >&2; exit 2 ;;
esac
