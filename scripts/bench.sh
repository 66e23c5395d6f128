#!/usr/bin/env bash
# `make bench`: the benchmark of docs/benchmarks.md. Generates the synthetic graph (SCALE, default
# 10k; SCALE=100k for the full run), wipes the configured Neo4j and imports it twice (timed: with a
# change record per entity, then per batch, the default), starts the API and, with PEER=1, the Neo4j
# GraphQL Library peer (bench/peer, Node.js), then runs cmd/urbangraph-bench at concurrency 1, 8 and
# 32 and prints the tables, times the ingestion of a report, and runs the subscriptions' end-to-end
# test for its change-to-subscriber latency. At the end the database holds the seed graph again. It
# wipes the database: run it against a development Neo4j only. ONLY=text runs only the queries whose
# name contains text, and the sections (import, ingest, subscriptions) whose name contains it.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${SCALE:-10k}
duration=${DURATION:-5s}
warmup=${WARMUP:-2s}
api_addr=${BENCH_API_ADDR:-127.0.0.1:8091}
peer_port=${BENCH_PEER_PORT:-8092}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-urbangraph-dev}

mkdir -p bin
go build -o bin/urbangraph ./cmd/urbangraph
go build -o bin/urbangraph-bench ./cmd/urbangraph-bench
bin/urbangraph gen --scale "$scale" --seed 1 --out "bin/bench-$scale"
# timed_import LOG: wipes, imports the generated graph with --log=LOG, and prints a table row: its
# seconds and the change records it wrote.
timed_import() {
	bin/urbangraph wipe --yes >/dev/null
	bin/urbangraph migrate >/dev/null 2>&1
	local t0 t1 summary
	t0=$(date +%s.%N)
	summary=$(bin/urbangraph import --batch-size "${BATCH:-5000}" --log="$1" "bin/bench-$scale" 2>bin/bench-import.log)
	t1=$(date +%s.%N)
	printf '| `--log=%s` | %s s | %s |\n' "$1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" "$(echo "$summary" | grep -o '[0-9]* change record' | cut -d' ' -f1)"
}
echo "## Import of the $scale graph, and what the change log costs it"
echo
echo "| change log | import | change records |"
echo "|---|---:|---:|"
if [ -z "${ONLY:-}" ] || [[ import == *"${ONLY}"* ]]; then
	timed_import entities # a record per entity and relationship
fi
timed_import batches # a record per batch, the default: the graph the queries below read
tail -n 1 bin/bench-import.log

pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	bin/urbangraph wipe --yes && bin/urbangraph import data/seed >/dev/null || true
}
trap cleanup EXIT
if curl -sf "http://$api_addr/healthz" >/dev/null 2>&1; then
	echo "bench: something already answers on $api_addr (an API left running?): stop it or set BENCH_API_ADDR" >&2
	exit 1
fi
URBANGRAPH_ADDR=$api_addr URBANGRAPH_LOG_FORMAT=json bin/urbangraph serve >bin/bench-api.log 2>&1 &
api_pid=$!
pids+=("$api_pid")
wait_for() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "bench: $1 did not come up" >&2; exit 1; }
wait_for "http://$api_addr/healthz"
peer_args=()
if [ "${PEER:-0}" = 1 ]; then
	if curl -sf "http://127.0.0.1:$peer_port/health" >/dev/null 2>&1; then
		echo "bench: something already answers on port $peer_port (a peer left running?)" >&2
		exit 1
	fi
	(cd bench/peer && npm ci --no-audit --no-fund --silent)
	bin/urbangraph-bench --peer-cypher >bin/peer-cypher.json
	PEER_CYPHER=bin/peer-cypher.json PORT=$peer_port node bench/peer/server.mjs >bin/bench-peer.log 2>&1 &
	pids+=("$!")
	wait_for "http://127.0.0.1:$peer_port/health"
	peer_args=(--peer "http://127.0.0.1:$peer_port/graphql")
fi
echo
echo "## Queries ($scale graph, ${duration} per series after ${warmup} warm-up)"
bin/urbangraph-bench --api "http://$api_addr" "${peer_args[@]}" --duration "$duration" --warmup "$warmup" --api-pid "$api_pid" --only "${ONLY:-}"
echo
echo "## Database hits ($scale graph: PROFILE of each query's Cypher, as the limit runs it)"
bin/urbangraph-bench --profile --only "${ONLY:-}"
if [ -z "${ONLY:-}" ] || [[ ingest == *"${ONLY}"* ]]; then
	echo
	echo "## Ingestion of a 20-page report (into the $scale graph, then into seed + gazetteer)"
	bin/urbangraph-bench --ingest
	bin/urbangraph wipe --yes && bin/urbangraph import data/seed >/dev/null && bin/urbangraph import data/reference >/dev/null
	bin/urbangraph-bench --ingest | tail -n 1
fi
if [ -z "${ONLY:-}" ] || [[ subscriptions == *"${ONLY}"* ]]; then
	echo
	echo "## Subscriptions: change-to-subscriber latency (make e2e-subscriptions: 2 replicas, 50 subscribers, 1,000 writes, B restarted halfway)"
	scripts/e2e-subscriptions.sh
fi
