#!/usr/bin/env bash
# `make e2e`: the web explorer's end-to-end test in headless Chromium against the real server and the
# seed graph. Installs Debian's chromium when missing (as root), the test's npm packages, builds and
# starts the server (with an API key for the Documents view), runs web/e2e/explorer.e2e.mjs
# and stops the server. Screenshots land in
# web/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
addr=${E2E_ADDR:-127.0.0.1:8090}
if ! command -v chromium >/dev/null; then
	[ "$(id -u)" = 0 ] || { echo "e2e: chromium is missing (Debian: apt-get install chromium)" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v npm >/dev/null || { echo "e2e: npm is required (Debian: nodejs npm)" >&2; exit 1; }
(cd web && npm ci --no-audit --no-fund --silent)
. scripts/lib.sh
# An API key for the Documents view's review (made fresh each run; its hash goes to the server): an
# admin's, so that the test can first delete what an earlier run ingested.
mkdir -p bin
go build -o bin/urbangraph ./cmd/urbangraph
key=$(bin/urbangraph apikey e2e admin)
E2E_EDITOR_TOKEN=$(echo "$key" | sed -n '2p' | tr -d ' ')
URBANGRAPH_API_KEYS=$(echo "$key" | sed -n '4p' | tr -d ' ')
export E2E_EDITOR_TOKEN URBANGRAPH_API_KEYS
start_api "$addr" bin/e2e-server.log --seed
(cd web && URBANGRAPH_URL="http://$addr" CHROMIUM="$(command -v chromium)" node e2e/explorer.e2e.mjs)
