#!/usr/bin/env bash
# Runs the benchmarks of authlink and of its peers once (COUNT samples each,
# default 10, of BENCHTIME each, default 1s) and prints benchstat tables and
# the ratios to encoding/json, on the api profile's typical wire payload and,
# as …/document, on the SDK document's; then draws the peers' results as an
# SVG bar chart (cmd/chart). The tables, the raw results, the load before and
# after, and the chart go to OUT (a new temporary directory by default).
# Usage: bench/run.sh                              (from anywhere)
#        CHART=chart.svg bench/run.sh              (also redraw bench/chart.svg)
#        COUNT=5 BENCHTIME=200ms bench/run.sh      (a shorter run)
set -euo pipefail
cd "$(dirname "$0")"
count=${COUNT:-10}
benchtime=${BENCHTIME:-1s}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
benchstat="go run golang.org/x/perf/cmd/benchstat"

report() {
	echo "== $(go version), $(nproc) CPUs, -count $count -benchtime $benchtime"
	echo "load before: $(uptime)"

	echo
	echo "== root package: go test -bench . (one run)"
	(cd .. && go test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" .) > "$out/root.txt"
	grep -m1 '^cpu:' "$out/root.txt" || true
	# Name the payload and profile parts (Validate/valid/document), so that
	# benchstat can put them in rows; the api profile's wire payload has none.
	sed -E '/^Benchmark/ { s#/(valid|invalid)([/[:space:]-])#/payload=\1\2#; s#/(api|document)([/[:space:]-])#/profile=\1\2# }' \
		"$out/root.txt" > "$out/root-keyed.txt"
	$benchstat -filter '.unit:(sec/op OR allocs/op)' -col .name -row /payload,/profile "$out/root-keyed.txt"
	echo
	go run ./cmd/ratios -base StdlibUnmarshal "$out/root.txt"

	echo
	echo "== peers: go test -bench BenchmarkCheck (one run)"
	go test -run '^$' -bench '^BenchmarkCheck$' -benchmem -count "$count" -benchtime "$benchtime" . > "$out/peers.txt"
	$benchstat -filter '.unit:sec/op' -col /impl -row /payload,/profile "$out/peers.txt"
	echo
	go run ./cmd/ratios -base stdlib "$out/peers.txt"

	echo
	echo "load after: $(uptime)"
}
report | tee "$out/report.txt"

go run ./cmd/chart -o "$out/chart.svg" "$out/peers.txt"
if [ -n "${CHART:-}" ]; then
	cp "$out/chart.svg" "$CHART"
fi
echo
echo "tables in $out/report.txt, chart in $out/chart.svg${CHART:+ and $CHART}, raw results in $out"
