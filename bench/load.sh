#!/usr/bin/env bash
# Load test on loopback: wrk against `authlink serve` and against the same
# server with validation off (cmd/baseline), DURATION each (20s by default),
# posting a typical valid payload. Prints requests/s, p99 latency, non-2xx
# responses and RSS for both, and the throughput validation costs.
# Usage: bench/load.sh   (installs wrk from Debian's packages if missing)
set -euo pipefail
cd "$(dirname "$0")"
duration=${DURATION:-20s}
conns=${CONNS:-32}
threads=${THREADS:-1}
out=${OUT:-/tmp/authlink-load}
payload=${PAYLOAD:-../testdata/valid/typical.json}
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
go build -o "$out/authlink" ../cmd/authlink
go build -o "$out/baseline" ./cmd/baseline
cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$(realpath "$payload")", "rb"))
wrk.body = f:read("*a")
f:close()
LUA

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

# run NAME PORT COMMAND...: starts the server COMMAND --addr 127.0.0.1:PORT and
# prints "rps p99 non2xx rss_start_kib rss_end_kib hwm_kib"
run() {
	local name=$1 port=$2
	shift 2
	"$@" --addr "127.0.0.1:$port" 2>"$out/$name.log" &
	local pid=$!
	for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	# A short warm-up, so that both runs start from a warm server.
	wrk -t"$threads" -c"$conns" -d2s -s "$out/post.lua" "http://127.0.0.1:$port/validate" >/dev/null
	local start_rss; start_rss=$(rss "$pid")
	wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$out/post.lua" "http://127.0.0.1:$port/validate" > "$out/$name.txt"
	local end_rss high; end_rss=$(rss "$pid"); high=$(hwm "$pid")
	kill -INT "$pid"; wait "$pid" || true
	awk -v s="$start_rss" -v e="$end_rss" -v h="$high" '
		/Requests\/sec/ { rps = $2 }
		/^ +99%/ { p99 = $2 }
		/Non-2xx or 3xx responses/ { bad = $NF }
		END { printf "%s %s %d %d %d %d\n", rps, p99, bad, s, e, h }' "$out/$name.txt"
}

echo "wrk: $threads thread(s), $conns connections, $duration per run, $(nproc) cores, payload $(wc -c < "$payload") bytes"
read -r v_rps v_p99 v_bad v_s v_e v_h < <(run validate 18081 "$out/authlink" serve)
read -r n_rps n_p99 n_bad n_s n_e n_h < <(run no-validate 18082 "$out/baseline")
awk -v vr="$v_rps" -v vp="$v_p99" -v vb="$v_bad" -v vs="$v_s" -v ve="$v_e" -v vh="$v_h" \
	-v nr="$n_rps" -v np="$n_p99" -v nb="$n_bad" -v ns="$n_s" -v ne="$n_e" -v nh="$n_h" 'BEGIN {
	printf "%-13s %12s %9s %8s   %s\n", "server", "requests/s", "p99", "non-2xx", "RSS start / end / peak (MB)"
	printf "%-13s %12.0f %9s %8d   %5.1f / %5.1f / %5.1f\n", "validate", vr, vp, vb, vs/1024, ve/1024, vh/1024
	printf "%-13s %12.0f %9s %8d   %5.1f / %5.1f / %5.1f\n", "no-validate", nr, np, nb, ns/1024, ne/1024, nh/1024
	printf "validation costs %.1f%% of throughput (validate / no-validate = %.3f)\n", (1 - vr/nr) * 100, vr/nr
}'
