#!/usr/bin/env bash
# Writes the lock of a Neo4j Community 5.26.x server: every jar it runs on, with its Maven
# coordinates, size and SHA-256, so that scripts/neo4j.sh fetches exactly those files in parallel and
# walks no dependency tree.
#
#   scripts/neo4j/lock.sh [VERSION]     VERSION: a 5.26.x patch; default: the newest on Maven Central
#
# This is the slow path (Maven resolves the whole tree: minutes on an empty local repository) and a
# maintainer's job, done when a new 5.26 patch is wanted (security fixes). It writes
# scripts/neo4j/neo4j-VERSION.lock and, for the newest patch, points scripts/neo4j/VERSION at it.
# Commit both. A temporary local Maven repository is used, so ~/.m2 is left as it was.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=${MAVEN_REPOSITORY:-https://repo.maven.apache.org/maven2}
say() { printf 'lock.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
command -v mvn >/dev/null || die "mvn not found: install Maven (Debian: maven)"
command -v curl >/dev/null || die "curl not found"

version=${1:-}
if [ -z "$version" ]; then
	version=$(curl -fsS "$repo/org/neo4j/neo4j/maven-metadata.xml" |
		sed -n 's:.*<version>\(5\.26\.[0-9]*\)</version>.*:\1:p' | sort -t. -k3,3n | tail -n 1)
	[ -n "$version" ] || die "no 5.26.x version of org.neo4j:neo4j found at $repo"
	newest=1
fi
[[ $version =~ ^5\.26\.[0-9]+$ ]] || die "VERSION must be a 5.26.x patch, not $version"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "resolving Neo4j Community $version with Maven (slow: the whole dependency tree) ..."
start=$SECONDS
mvn -B -q -C -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
	"-Dmaven.repo.local=$work/m2" "-Dneo4j.version=$version" -DincludeScope=runtime \
	-Dmdep.useRepositoryLayout=true "-DoutputDirectory=$work/lib" >&2 ||
	die "Maven could not resolve Neo4j $version (see above)"
say "resolved in $((SECONDS - start)) s"

# Repository layout: group/as/path/artifact/version/artifact-version[-classifier].jar
out=$here/neo4j-$version.lock
{
	echo "# Neo4j Community $version: the jars scripts/neo4j.sh fetches, written by scripts/neo4j/lock.sh."
	echo "# coordinates (group:artifact:version[:classifier])	bytes	sha256"
	(cd "$work/lib" && find . -name '*.jar' | sed 's:^\./::' | LC_ALL=C sort) | while read -r path; do
		file=${path##*/}
		rest=${path%/*}
		ver=${rest##*/}
		rest=${rest%/*}
		artifact=${rest##*/}
		group=${rest%/*}
		group=${group//\//.}
		base=${file%.jar}
		classifier=${base#"$artifact-$ver"}
		classifier=${classifier#-}
		coords=$group:$artifact:$ver${classifier:+:$classifier}
		[ "$path" = "${group//.//}/$artifact/$ver/$artifact-$ver${classifier:+-$classifier}.jar" ] ||
			die "cannot read coordinates from $path"
		printf '%s\t%s\t%s\n' "$coords" "$(stat -c %s "$work/lib/$path")" \
			"$(sha256sum "$work/lib/$path" | cut -d' ' -f1)"
	done
} >"$out.part"
mv "$out.part" "$out"
say "wrote $out ($(grep -vc '^#' "$out") jars)"
if [ -n "${newest:-}" ]; then
	echo "$version" >"$here/VERSION"
	say "scripts/neo4j/VERSION is now $version"
fi
