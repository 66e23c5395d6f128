#!/usr/bin/env bash
# `make audit`: builds and starts the API against the configured Neo4j, runs the GraphQL-over-HTTP
# audit of the npm package graphql-http (scripts/audit) against it, and stops it. Fails if any MUST
# fails; prints failing SHOULDs.
set -euo pipefail
cd "$(dirname "$0")/.."
addr=${AUDIT_ADDR:-127.0.0.1:8089}
command -v npm >/dev/null || { echo "audit: npm is required (Debian: nodejs npm)" >&2; exit 1; }
(cd scripts/audit && npm ci --no-audit --no-fund --silent)
. scripts/lib.sh
start_api "$addr" bin/audit-server.log --seed
node scripts/audit/audit.mjs "http://$addr/graphql"
