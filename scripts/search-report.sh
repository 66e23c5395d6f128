#!/usr/bin/env bash
# make search-report: search every name of every city of the reference gazetteer and write the
# first-hit rate and the misses to docs/search.md (internal/searchquality). It wipes the configured
# database and loads the seed and the gazetteer, as `make run` serves them: use a development Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
go build -o bin/urbangraph ./cmd/urbangraph
bin/urbangraph wipe --yes
bin/urbangraph import data/seed
bin/urbangraph import data/reference # separately: one import defines an ID once
go run ./cmd/urbangraph-bench -search-report docs/search.md
