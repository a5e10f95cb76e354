#!/usr/bin/env bash
# Validates deploy/: YAML syntax and style (yamllint), the compose file (docker-compose config,
# the compose-spec validator of Debian's docker-compose 1.29), and the Kubernetes manifests
# against their schemas (kubernetes-models for Kubernetes, @kubernetes-models/keda for KEDA,
# with node; see .ci/validate/validate-k8s.mjs for what that does and does not catch).
# Needs: yamllint and docker-compose (apt), node + npm (on the machine).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

log() { printf '[validate %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

log "yamllint deploy/"
yamllint --strict -c .ci/yamllint.yaml deploy/

log "docker-compose config (compose file schema and interpolation)"
docker-compose -f deploy/compose.yaml config -q
# With the profile of the one-shot producer too.
docker-compose -f deploy/compose.yaml --profile tools config --services | sed 's/^/  service: /'

log "Kubernetes schema check of deploy/k8s/*.yaml"
if [[ ! -d .ci/validate/node_modules ]]; then
  (cd .ci/validate && npm ci --no-audit --no-fund --loglevel=error)
fi
node .ci/validate/validate-k8s.mjs deploy/k8s/*.yaml
log "deploy/ is valid"
