#!/usr/bin/env bash
# make sparql: SPARQL over the graph through an existing engine, Oxigraph. Installs the Oxigraph
# server from PyPI (scripts/sparql/requirements.txt, pinned with hashes) into a virtual environment
# in the cache, exports the graph as N-Quads (`urbangraph export --format nquads`: the JSON-LD
# export's statements, provenance and quotes included), loads it into a fresh Oxigraph store and
# serves it read-only at http://127.0.0.1:$SPARQL_PORT/query (7878) until interrupted. Needs python3
# (with venv), Go and the configured Neo4j holding the graph (`make run` loads the seed).
#
#   scripts/sparql.sh            export, load and serve
#   scripts/sparql.sh install    only install; print the oxigraph binary's path (make test uses it)
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${URBANGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/urbangraph}/sparql"
venv="$cache/venv"
if [ ! -x "$venv/bin/oxigraph" ] || ! cmp -s scripts/sparql/requirements.txt "$venv/requirements.txt"; then
	command -v python3 >/dev/null || { echo "sparql: python3 is required (Debian: python3 python3-venv)" >&2; exit 1; }
	echo "installing Oxigraph (scripts/sparql/requirements.txt) into $venv" >&2
	rm -rf "$venv"
	mkdir -p "$cache"
	python3 -m venv "$venv" >&2
	"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --only-binary :all: \
		-r scripts/sparql/requirements.txt >&2
	cp scripts/sparql/requirements.txt "$venv/requirements.txt"
fi
if [ "${1:-}" = install ]; then
	echo "$venv/bin/oxigraph"
	exit 0
fi

port=${SPARQL_PORT:-7878}
data="$cache/graph.nq"
store="$cache/store"
echo "exporting the graph as N-Quads into $data" >&2
go run ./cmd/urbangraph export --format nquads --out "$data"
rm -rf "$store"
echo "loading it into $store" >&2
"$venv/bin/oxigraph" load --location "$store" --file "$data" 2>/dev/null
echo "SPARQL at http://127.0.0.1:$port/query (Ctrl-C stops it); docs/export.md has example queries" >&2
exec "$venv/bin/oxigraph" serve-read-only --location "$store" --bind "127.0.0.1:$port"
