#!/usr/bin/env bash
# Fetches the jars of Neo4j Community VERSION listed in scripts/neo4j/neo4j-VERSION.lock into the
# cache shared by every clone on this machine, and prints the folder that holds them.
#
#   scripts/neo4j/fetch.sh VERSION
#
# No dependency tree is walked: the lock names every file, they are downloaded in parallel the way
# Maven lays out a repository, and each one's SHA-256 is checked against the lock. The folder
# appears only when every file is there and verified (a rename), so an interrupted fetch is never
# mistaken for a server; the files it did verify are kept and the next run fetches only the rest.
# A complete cache needs no network.
#
# Environment: URBANGRAPH_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/urbangraph),
# MAVEN_REPOSITORY (default https://repo.maven.apache.org/maven2: a mirror with the same layout),
# NEO4J_FETCH_JOBS (parallel downloads, default 8).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

version=${1:?usage: fetch.sh VERSION}
lock=$here/neo4j-$version.lock
[ -f "$lock" ] || die "no lock for Neo4j $version ($lock): scripts/neo4j/lock.sh $version writes it"
cache=${URBANGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/urbangraph}
lib=$cache/neo4j-$version/lib
repo=${MAVEN_REPOSITORY:-https://repo.maven.apache.org/maven2}
jobs=${NEO4J_FETCH_JOBS:-8}

if [ -d "$lib" ]; then
	echo "$lib"
	exit 0
fi
command -v curl >/dev/null || die "curl not found: install it (Debian: curl)"
mkdir -p "$cache"
# One fetch at a time per version, whichever clone asks; a second one waits, then finds it done.
exec 9>"$cache/neo4j-$version.fetching"
if command -v flock >/dev/null && ! flock -n 9; then
	say "another clone is fetching Neo4j $version into $cache: waiting for it ..."
	flock 9
fi
if [ -d "$lib" ]; then
	echo "$lib"
	exit 0
fi

part=$lib.part
mkdir -p "$part"
# The lock's rows as: url file bytes sha256 coordinates.
list=$part/.list
total=0 count=0
: >"$list"
while IFS=$'\t' read -r coords bytes sha; do
	case "$coords" in '#'* | '') continue ;; esac
	IFS=: read -r group artifact ver classifier <<<"$coords"
	file=$artifact-$ver${classifier:+-$classifier}.jar
	printf '%s %s %s %s %s\n' "$repo/${group//.//}/$artifact/$ver/$file" "$file" "$bytes" "$sha" "$coords" >>"$list"
	total=$((total + bytes))
	count=$((count + 1))
done <"$lock"
[ "$count" -gt 0 ] || die "$lock lists no jar"

# fetch_one URL FILE BYTES SHA COORDS: download to FILE.tmp, verify, rename. A file already there
# was verified by an earlier run. Failures are written to .failed; the other downloads go on.
fetch_one() {
	local url=$1 file=$2 sha=$4 coords=$5
	[ -f "$file" ] && return 0
	local code
	if ! code=$(curl -sS -L --retry 3 --retry-connrefused --connect-timeout 10 -o "$file.tmp" \
		-w '%{http_code}' "$url" 2>"$file.err"); then
		printf '%s: download failed (%s, HTTP %s): %s\n' "$coords" "$url" "${code:-?}" "$(tr '\n' ' ' <"$file.err")" >>.failed
		rm -f "$file.tmp" "$file.err"
		return 0
	fi
	rm -f "$file.err"
	if [ "$code" != 200 ]; then
		printf '%s: HTTP %s from %s\n' "$coords" "$code" "$url" >>.failed
		rm -f "$file.tmp"
		return 0
	fi
	local got
	got=$(sha256sum "$file.tmp" | cut -d' ' -f1)
	if [ "$got" != "$sha" ]; then
		printf '%s: SHA-256 %s, the lock says %s (%s)\n' "$coords" "$got" "$sha" "$url" >>.failed
		rm -f "$file.tmp"
		return 0
	fi
	mv "$file.tmp" "$file"
}
export -f fetch_one

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# progress: every half second on a terminal (a bar), every 5 s in a log (a line).
progress() {
	set +e +o pipefail # a look that finds nothing yet is no reason to stop showing progress
	local started=$SECONDS tty= every=5 last=-1
	[ -t 2 ] && tty=1 every=0.5
	while :; do
		local done_bytes files newest rate elapsed
		done_bytes=$(find "$part" -maxdepth 1 -name '*.jar*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
		files=$(find "$part" -maxdepth 1 -name '*.jar' | wc -l)
		newest=$(ls -t "$part" 2>/dev/null | grep '\.jar\.tmp$' | head -n 1 | sed 's/\.tmp$//')
		elapsed=$((SECONDS - started))
		rate=$(awk -v b="$done_bytes" -v s="$elapsed" 'BEGIN { printf "%.1f", (s > 0 ? b / 1048576 / s : 0) }')
		if [ -n "$tty" ]; then
			local width=30 filled
			filled=$((done_bytes * width / total))
			[ "$filled" -gt "$width" ] && filled=$width
			printf '\r\033[K[%-*s] %s/%s MB, %d/%d files, %s MB/s %s' "$width" \
				"$(printf '%*s' "$filled" '' | tr ' ' '#')" "$(mb "$done_bytes")" "$(mb "$total")" \
				"$files" "$count" "$rate" "${newest:0:40}" >&2
		elif [ "$elapsed" -ne "$last" ]; then
			say "fetched $(mb "$done_bytes")/$(mb "$total") MB, $files/$count files, $rate MB/s${newest:+ (now $newest)}"
			last=$elapsed
		fi
		sleep "$every" >/dev/null 2>&1 # holds no pipe of our caller's open after the loop is killed
	done
}

say "fetching Neo4j Community $version: $count jars, $(mb "$total") MB from $repo into $lib ($jobs at a time) ..."
started=$SECONDS
rm -f "$part/.failed" "$part"/*.tmp
progress >/dev/null 9>&- & # no stdout (the caller reads the lib folder from it) and no hold on the lock
progress_pid=$!
trap 'kill $progress_pid 2>/dev/null || true' EXIT
(cd "$part" && xargs -P "$jobs" -L 1 bash -c 'fetch_one "$@"' _ <"$list")
kill $progress_pid 2>/dev/null || true
wait $progress_pid 2>/dev/null || true
[ -t 2 ] && printf '\r\033[K' >&2

if [ -s "$part/.failed" ]; then
	say "could not fetch $(wc -l <"$part/.failed") of $count jars; nothing is installed (the verified ones are kept for the next try):"
	sed 's/^/  /' "$part/.failed" >&2
	exit 1
fi
missing=0
while read -r _ file _ _ coords; do
	[ -f "$part/$file" ] || { say "missing after the fetch: $coords ($file)"; missing=1; }
done <"$list"
[ "$missing" = 0 ] || exit 1
rm -f "$list"
cp "$lock" "$part/neo4j.lock"
mv "$part" "$lib"
elapsed=$((SECONDS - started))
say "fetched and verified $count jars ($(mb "$total") MB) in ${elapsed}s"
echo "$lib"
