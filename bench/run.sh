#!/usr/bin/env bash
# Runs the benchmarks of authlink and of its peers once (COUNT samples each,
# default 10) and prints benchstat tables and the ratios to encoding/json,
# on the api profile's typical wire payload and, as …/document, on the SDK
# document's.
# Usage: bench/run.sh            (from anywhere)
set -euo pipefail
cd "$(dirname "$0")"
count=${COUNT:-10}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
benchstat="go run golang.org/x/perf/cmd/benchstat"

echo "== root package: go test -bench . -count $count (one run)"
(cd .. && go test -run '^$' -bench . -benchmem -count "$count" .) > "$out/root.txt"
# Name the payload and profile parts (Validate/valid/document), so that
# benchstat can put them in rows; the api profile's wire payload has none.
sed -E '/^Benchmark/ { s#/(valid|invalid)([/[:space:]-])#/payload=\1\2#; s#/(api|document)([/[:space:]-])#/profile=\1\2# }' \
	"$out/root.txt" > "$out/root-keyed.txt"
$benchstat -filter '.unit:(sec/op OR allocs/op)' -col .name -row /payload,/profile "$out/root-keyed.txt"
echo
go run ./cmd/ratios -base StdlibUnmarshal "$out/root.txt"

echo
echo "== peers: go test -bench BenchmarkCheck -count $count (one run)"
go test -run '^$' -bench '^BenchmarkCheck$' -benchmem -count "$count" . > "$out/peers.txt"
$benchstat -filter '.unit:sec/op' -col /impl -row /payload,/profile "$out/peers.txt"
echo
go run ./cmd/ratios -base stdlib "$out/peers.txt"
echo
echo "raw results in $out"
