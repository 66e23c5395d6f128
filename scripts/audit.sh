#!/usr/bin/env bash
# `make audit`: builds and starts the API against the configured Neo4j, runs the GraphQL-over-HTTP
# audit of the npm package graphql-http (scripts/audit) against it, and stops it. Fails if any MUST
# fails; prints failing SHOULDs.
set -euo pipefail
cd "$(dirname "$0")/.."
addr=${AUDIT_ADDR:-127.0.0.1:8089}
command -v npm >/dev/null || { echo "audit: npm is required (Debian: nodejs npm)" >&2; exit 1; }
(cd scripts/audit && npm ci --no-audit --no-fund --silent)
mkdir -p bin
go build -o bin/urbangraph ./cmd/urbangraph
URBANGRAPH_ADDR=$addr bin/urbangraph serve --seed >bin/audit-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
	curl -sf "http://$addr/healthz" >/dev/null 2>&1 && break
	kill -0 $pid 2>/dev/null || { echo "audit: the server exited:" >&2; tail -n 20 bin/audit-server.log >&2; exit 1; }
	sleep 0.5
done
node scripts/audit/audit.mjs "http://$addr/graphql"
