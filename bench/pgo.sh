#!/usr/bin/env bash
# Records a profile for building the CLI with profile-guided optimization:
# the server of `authlink serve` under wrk for 30 s, posting the api
# profile's typical valid wire payload, written to bench/authlink.pgo. Build
# with it by hand: go build -pgo=bench/authlink.pgo ./cmd/authlink. It is
# not cmd/authlink/default.pgo, because go test ./... would then build every
# package the CLI imports a second time, and a newcomer's first test run
# would pay for it.
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
go build -pgo=off -o "$out/profileserver" ./cmd/profileserver
cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("$(realpath ../testdata/api/valid/typical.json)", "rb"))
wrk.body = f:read("*a")
f:close()
LUA
"$out/profileserver" -addr 127.0.0.1:18090 -o "$out/cpu.pprof" 2>/dev/null &
pid=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:18090/healthz >/dev/null && break; sleep 0.1; done
wrk -t1 -c32 -d30s -s "$out/post.lua" http://127.0.0.1:18090/validate | grep Requests
kill -INT "$pid"; wait "$pid"
cp "$out/cpu.pprof" authlink.pgo
echo "wrote bench/authlink.pgo"
