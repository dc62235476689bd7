#!/usr/bin/env bash
# Load test on loopback: wrk against `authlink serve` and against the same
# server with validation off (cmd/baseline), DURATION each (20s by default),
# posting the api profile's typical valid wire payload. The two alternate for ROUNDS rounds (3 by
# default), and the medians are compared, since one run on a shared machine
# varies by more than the difference measured. With two cores or more, wrk
# and the server are pinned to different cores. Prints requests/s, p99
# latency, non-2xx responses and RSS for both, and the throughput
# validation costs.
# Usage: bench/load.sh   (installs wrk from Debian's packages if missing)
set -euo pipefail
cd "$(dirname "$0")"
duration=${DURATION:-20s}
rounds=${ROUNDS:-3}
conns=${CONNS:-32}
threads=${THREADS:-1}
out=${OUT:-/tmp/authlink-load}
payload=${PAYLOAD:-../testdata/api/valid/typical.json}
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
go build -o "$out/authlink" ../cmd/authlink
go build -pgo=off -o "$out/baseline" ./cmd/baseline # built as the CLI is, so that only validation differs
cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$(realpath "$payload")", "rb"))
wrk.body = f:read("*a")
f:close()
LUA

# Pin the client and the server apart when there are cores to spare.
client=() server=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	client=(taskset -c 0) server=(taskset -c 1)
fi

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

# run NAME PORT COMMAND...: starts the server COMMAND --addr 127.0.0.1:PORT and
# prints "rps p99 non2xx rss_start_kib rss_end_kib hwm_kib"
run() {
	local name=$1 port=$2
	shift 2
	GOMAXPROCS=${server:+1} "${server[@]}" "$@" --addr "127.0.0.1:$port" 2>"$out/$name.log" &
	local pid=$!
	for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	# A short warm-up, so that both runs start from a warm server.
	"${client[@]}" wrk -t"$threads" -c"$conns" -d2s -s "$out/post.lua" "http://127.0.0.1:$port/validate" >/dev/null
	local start_rss; start_rss=$(rss "$pid")
	"${client[@]}" wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$out/post.lua" "http://127.0.0.1:$port/validate" > "$out/$name.txt"
	local end_rss high; end_rss=$(rss "$pid"); high=$(hwm "$pid")
	kill -INT "$pid"; wait "$pid" || true
	awk -v s="$start_rss" -v e="$end_rss" -v h="$high" '
		/Requests\/sec/ { rps = $2 }
		/^ +99%/ { p99 = $2 }
		/Non-2xx or 3xx responses/ { bad = $NF }
		END { printf "%s %s %d %d %d %d\n", rps, p99, bad, s, e, h }' "$out/$name.txt"
}

echo "wrk: $threads thread(s), $conns connections, $duration per run, $rounds rounds, $(nproc) cores${server:+ (client on core 0, server on core 1)}, payload $(wc -c < "$payload") bytes"
: > "$out/rounds.txt"
for r in $(seq "$rounds"); do
	echo "validate $(run validate 18081 "$out/authlink" serve)" >> "$out/rounds.txt"
	echo "no-validate $(run no-validate 18082 "$out/baseline")" >> "$out/rounds.txt"
done
echo "each round: server requests/s p99 non-2xx rss-start-KiB rss-end-KiB rss-peak-KiB"
cat "$out/rounds.txt"
# Medians of the rounds, server by server.
awk '
	function median(a, n,   i, j, t) {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ n[$1]++; rps[$1, n[$1]] = $2; p = $3; sub(/ms$/, "", p); if ($3 ~ /us$/) { sub(/us$/, "", p); p /= 1000 } p99[$1, n[$1]] = p
	  bad[$1] += $4; if (!($1 in s)) s[$1] = $5; e[$1] = $6; if ($7 > h[$1]) h[$1] = $7 }
	END {
		printf "%-13s %12s %10s %8s   %s\n", "median", "requests/s", "p99", "non-2xx", "RSS first / last / peak (MB)"
		split("validate no-validate", names, " ")
		for (k = 1; k <= 2; k++) {
			m = names[k]
			for (i = 1; i <= n[m]; i++) { r[i] = rps[m, i]; q[i] = p99[m, i] }
			med[m] = median(r, n[m]); mp = median(q, n[m])
			printf "%-13s %12.0f %8.2fms %8d   %5.1f / %5.1f / %5.1f\n", m, med[m], mp, bad[m], s[m]/1024, e[m]/1024, h[m]/1024
		}
		printf "validation costs %.1f%% of throughput (median validate / median no-validate = %.3f)\n", (1 - med["validate"]/med["no-validate"]) * 100, med["validate"]/med["no-validate"]
		# Each round runs the two back to back: the median of the ratios
		# of each round is less moved by slow and fast spells of the machine.
		for (i = 1; i <= n["validate"] && i <= n["no-validate"]; i++) pr[i] = rps["validate", i] / rps["no-validate", i]
		pm = median(pr, i - 1)
		printf "paired: validation costs %.1f%% (median over the rounds of validate / no-validate = %.3f)\n", (1 - pm) * 100, pm
	}' "$out/rounds.txt"
