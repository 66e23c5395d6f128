#!/usr/bin/env bash
# `make run`: builds the API while the local Neo4j is fetched and started, then serves it with the
# seed loaded. The two overlap because on a fresh machine each takes a while (the first build
# downloads the Go modules and compiles for about a minute; Neo4j's jars take seconds to a minute).
#
#   scripts/run.sh [serve flags...]     default flags: --seed
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
say() { printf 'run.sh: %s\n' "$*" >&2; }
GO=${GO:-go}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
say "building the API into bin/urbangraph (the first build on a machine takes about a minute) ..."
start=$SECONDS
"$GO" build -o bin/urbangraph ./cmd/urbangraph >"$log" 2>&1 &
build=$!

scripts/neo4j.sh start

if kill -0 "$build" 2>/dev/null; then
	say "Neo4j is up; waiting for the build ..."
fi
if ! wait "$build"; then
	say "the build failed:"
	cat "$log" >&2
	exit 1
fi
say "built in $((SECONDS - start)) s; starting the API on ${URBANGRAPH_ADDR:-:8080}: the explorer at /, the Playground at /playground"
[ "$#" -gt 0 ] || set -- --seed
exec bin/urbangraph serve "$@"
