# Shared by scripts that run the API for a while (audit, e2e, bench). Source it; needs bash.

# start_api ADDR LOG [serve flags...]: builds bin/urbangraph, starts it on ADDR (logs in LOG), waits
# until /healthz answers, and stops it when the calling script exits. Sets api_pid.
start_api() {
	local addr=$1 log=$2
	shift 2
	mkdir -p bin
	go build -o bin/urbangraph ./cmd/urbangraph
	URBANGRAPH_ADDR=$addr bin/urbangraph serve "$@" >"$log" 2>&1 &
	api_pid=$!
	trap 'kill $api_pid 2>/dev/null || true; wait $api_pid 2>/dev/null || true' EXIT
	for _ in $(seq 1 120); do
		curl -sf "http://$addr/healthz" >/dev/null 2>&1 && return 0
		kill -0 "$api_pid" 2>/dev/null || { echo "the server exited:" >&2; tail -n 20 "$log" >&2; exit 1; }
		sleep 0.5
	done
	echo "the server did not answer on $addr" >&2
	exit 1
}
