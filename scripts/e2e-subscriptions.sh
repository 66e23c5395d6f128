#!/usr/bin/env bash
# `make e2e-subscriptions`: subscriptions end to end with real npm clients (bench/subscribers):
# two API replicas on the configured Neo4j (which must hold the seed: it imports it, idempotently),
# 50 subscribers over WebSocket and SSE, 1,000 writes, one replica restarted mid-stream. Prints the
# change-to-subscriber latency. The test cities it writes stay (named "Sub <run> <n>").
set -euo pipefail
cd "$(dirname "$0")/.."
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-urbangraph-dev}
command -v npm >/dev/null || { echo "e2e-subscriptions: npm is required (Debian: nodejs npm)" >&2; exit 1; }
mkdir -p bin
go build -o bin/urbangraph ./cmd/urbangraph
rm -f bin/e2e-subscriptions-*.log
bin/urbangraph import data/seed >/dev/null
key=$(bin/urbangraph apikey e2e-subscriptions editor)
E2E_TOKEN=$(echo "$key" | sed -n '2p' | tr -d ' ')
URBANGRAPH_API_KEYS=$(echo "$key" | sed -n '4p' | tr -d ' ')
# One token for all 50 subscribers: the per-client cap (default 20 a replica) is raised for the test.
URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT=100
export E2E_TOKEN URBANGRAPH_API_KEYS URBANGRAPH_MAX_SUBSCRIPTIONS_PER_CLIENT
(cd bench/subscribers && npm ci --no-audit --no-fund --silent && URBANGRAPH_BIN=../../bin/urbangraph node subscribers.mjs)
