#!/usr/bin/env bash
# Runs every benchmark of the root package and of the bench module once
# (-benchtime=1x), timing nothing: a smoke test for CI. The benchmarks call
# b.Fatal on a wrong verdict, so a peer or a hot path that accepts what it
# should reject, or the reverse, fails the script.
# Usage: bench/smoke.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")"
echo "== root package: every benchmark once"
(cd .. && go test -run '^$' -bench . -benchtime=1x .)
echo "== bench module: every benchmark once"
go test -run '^$' -bench . -benchtime=1x ./...
