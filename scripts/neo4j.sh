#!/usr/bin/env bash
# Runs a local Neo4j 5.26 Community server without Docker.
#
#   scripts/neo4j.sh start    fetch (once per machine), configure, start, wait until Bolt answers
#   scripts/neo4j.sh stop     stop the server started by this script
#   scripts/neo4j.sh status   say whether it runs, and where
#   scripts/neo4j.sh wipe     delete all data (and the password); restarts it if it was running
#   scripts/neo4j.sh fetch    only fetch the server's jars into the cache (e.g. before going offline)
#
# The server's jars are the ones scripts/neo4j/neo4j-VERSION.lock lists, fetched in parallel and
# checked by scripts/neo4j/fetch.sh into a cache shared by every clone on the machine
# (${XDG_CACHE_HOME:-~/.cache}/urbangraph/neo4j-VERSION/lib); with a complete cache no network is
# needed. The server's data, configuration and logs live in $URBANGRAPH_NEO4J_DIR (default: .neo4j/
# at the repo root, git-ignored).
# Settings (environment): NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD (as the API reads them),
# NEO4J_VERSION (a 5.26.x patch; default: scripts/neo4j/VERSION; a patch without a lock gets one
# from Maven first, which is slow), NEO4J_HEAP (default 1g), NEO4J_PAGECACHE (default 512m),
# NEO4J_START_TIMEOUT (seconds, default 180), and fetch.sh's URBANGRAPH_CACHE, MAVEN_REPOSITORY,
# NEO4J_FETCH_JOBS. `start` does nothing when a server already answers at NEO4J_URI.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${URBANGRAPH_NEO4J_DIR:-$root/.neo4j}
neo4j_version=${NEO4J_VERSION:-$(cat "$root/scripts/neo4j/VERSION")}
lib=
home=$dir/home
pidfile=$dir/neo4j.pid
uri=${NEO4J_URI:-bolt://127.0.0.1:7687}
user=${NEO4J_USERNAME:-neo4j}
password=${NEO4J_PASSWORD:-urbangraph-dev}
heap=${NEO4J_HEAP:-1g}
pagecache=${NEO4J_PAGECACHE:-512m}
timeout=${NEO4J_START_TIMEOUT:-180}

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# host and port of NEO4J_URI (scheme://host:port), port 7687 when absent.
hostport=${uri#*://}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
[ "$port" = "$hostport" ] && port=7687
[ "$host" = "$hostport" ] || [ -n "$host" ] || host=127.0.0.1

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

our_pid() {
	[ -f "$pidfile" ] || return 1
	local pid
	pid=$(cat "$pidfile")
	kill -0 "$pid" 2>/dev/null && grep -q CommunityEntryPoint "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

java_bin() {
	local java=java
	[ -n "${JAVA_HOME:-}" ] && java=$JAVA_HOME/bin/java
	command -v "$java" >/dev/null || die "java not found: install a Java 17 or 21 runtime (Debian: openjdk-17-jre-headless)"
	local major
	major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
	case "$major" in
	17 | 21) echo "$java" ;;
	*) die "Neo4j 5.26 needs Java 17 or 21, $java is Java ${major:-unknown}" ;;
	esac
}

# fetch sets lib to the folder of the server's jars, fetching them into the cache if need be.
fetch() {
	[[ $neo4j_version =~ ^5\.26\.[0-9]+$ ]] || die "NEO4J_VERSION must be a 5.26.x patch, not $neo4j_version"
	if [ ! -f "$root/scripts/neo4j/neo4j-$neo4j_version.lock" ]; then
		say "no lock for Neo4j $neo4j_version: writing one with Maven first (slow; commit it to keep it)"
		"$root/scripts/neo4j/lock.sh" "$neo4j_version"
	fi
	lib=$("$root/scripts/neo4j/fetch.sh" "$neo4j_version")
}

version() { echo "Neo4j Community $neo4j_version"; }

configure() {
	mkdir -p "$home"/{conf,data,logs,run,plugins,import}
	# Sized for a 2-core, 24 GB machine shared with the API and the tests.
	cat >"$home/conf/neo4j.conf" <<-EOF
		# Written by scripts/neo4j.sh on every start; edit the script, not this file.
		server.default_listen_address=127.0.0.1
		server.bolt.listen_address=127.0.0.1:$port
		server.http.listen_address=127.0.0.1:${NEO4J_HTTP_PORT:-7474}
		server.https.enabled=false
		dbms.security.auth_enabled=true
		server.memory.heap.initial_size=$heap
		server.memory.heap.max_size=$heap
		server.memory.pagecache.size=$pagecache
		dbms.memory.transaction.total.max=512m
		server.directories.data=data
		server.directories.logs=logs
		server.directories.run=run
		server.directories.plugins=plugins
		server.directories.import=import
		dbms.usage_report.enabled=false
		db.logs.query.enabled=OFF
		# A development server: the transaction logs serve recovery, not backups. Neo4j's default
		# keeps two days of them, 13 GB after a day of benchmarks and tests; keep 1 GB.
		db.tx_log.rotation.retention_policy=1G size
	EOF
	if [ ! -f "$home/data/dbms/auth.ini" ]; then
		[ "${#password}" -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters"
		[ "$user" = neo4j ] || die "the local server's user is neo4j (NEO4J_USERNAME=$user)"
		NEO4J_HOME=$home NEO4J_CONF=$home/conf "$(java_bin)" -cp "$lib/*" \
			org.neo4j.server.startup.Neo4jAdminCommand dbms set-initial-password "$password" >&2 ||
			die "could not set the initial password"
	fi
}

start() {
	if pid=$(our_pid); then
		say "already running (pid $pid) on bolt://$host:$port"
		return
	fi
	if answers "$host" "$port"; then
		say "a server already answers at $uri: using it, starting nothing"
		return
	fi
	case "$host" in
	127.* | localhost | ::1 | "[::1]") ;;
	*) die "NEO4J_URI=$uri does not answer, and this script only starts a server on this machine" ;;
	esac
	local java
	java=$(java_bin)
	fetch
	configure
	say "starting $(version) on bolt://$host:$port (heap $heap, page cache $pagecache) ..."
	# The JVM flags are the ones the packaged neo4j launcher passes.
	nohup "$java" -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
		-XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
		-Djdk.tls.ephemeralDHKeySize=2048 -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
		--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
		-cp "$lib/*" org.neo4j.server.CommunityEntryPoint \
		--home-dir="$home" --config-dir="$home/conf" >"$home/logs/console.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
	local pid=$! waited=0
	until answers "$host" "$port"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			say "Neo4j exited during start-up; last lines of $home/logs:"
			tail -n 30 "$home/logs/console.log" "$home/logs/neo4j.log" 2>/dev/null >&2 || true
			rm -f "$pidfile"
			exit 1
		fi
		if [ "$waited" -ge "$timeout" ]; then
			say "Bolt did not answer within ${timeout}s; last lines of $home/logs:"
			tail -n 30 "$home/logs/console.log" "$home/logs/neo4j.log" 2>/dev/null >&2 || true
			stop
			exit 1
		fi
		sleep 1
		waited=$((waited + 1))
	done
	say "ready after ${waited}s (pid $pid, logs in $home/logs)"
}

stop() {
	local pid
	if ! pid=$(our_pid); then
		rm -f "$pidfile"
		say "not running"
		return
	fi
	kill "$pid"
	for _ in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
	rm -f "$pidfile"
	say "stopped (pid $pid)"
}

status() {
	if pid=$(our_pid); then
		echo "running: $(version), pid $pid, bolt://$host:$port, home $home"
	elif answers "$host" "$port"; then
		echo "not started by this script, but a server answers at $uri"
	else
		echo "not running"
		return 3
	fi
}

wipe() {
	local was_running=
	if our_pid >/dev/null; then
		was_running=1
		stop
	fi
	rm -rf "$home/data" "$home/logs"
	say "wiped $home/data"
	[ -z "$was_running" ] || start
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
wipe) wipe ;;
fetch) fetch && say "$(version) is in $lib" ;;
*) die "usage: $0 start|stop|status|wipe|fetch" ;;
esac
