#!/usr/bin/env bash
# Times `authlink validate --ndjson` against Ajv (npm ajv + ajv-formats,
# draft 2020-12, the same schema file) on the same NDJSON file of valid
# wire payloads, both in the api profile, and prints both throughputs in
# MB/s and their peak RSS.
# Usage: bench/ndjson.sh   (SIZE=200 MB by default; OUT=dir for the files)
set -euo pipefail
cd "$(dirname "$0")"
size=${SIZE:-200}
out=${OUT:-/tmp/authlink-ndjson}
mkdir -p "$out"
file="$out/links-${size}MB.ndjson"

go build -o "$out/authlink" ../cmd/authlink
go build -o "$out/measure" ./cmd/measure
[ -f "$file" ] || go run ./cmd/genndjson -size "$size" -o "$file"
"$out/authlink" schema --profile api > "$out/schema.json"
(cd ajv && npm install --no-audit --no-fund --silent)

bytes=$(stat -c %s "$file")
report() { # name seconds maxrss_kib status
	awk -v n="$1" -v s="$2" -v r="$3" -v b="$bytes" -v st="$4" \
		'BEGIN { printf "%-10s %8.1f MB/s  %6.2f s  peak RSS %6.1f MB  exit %d\n", n, b/1e6/s, s, r/1024, st }'
}
echo "file: $file ($((bytes / 1000000)) MB), $(nproc) cores"
# Warm the page cache, so that both read the file from memory.
cat "$file" > /dev/null
read -r a_s a_rss a_st < <("$out/measure" -- "$out/authlink" validate --profile api --ndjson "$file")
read -r j_s j_rss j_st < <("$out/measure" -- node ajv/validate.mjs "$out/schema.json" "$file")
report authlink "$a_s" "$a_rss" "$a_st"
report ajv "$j_s" "$j_rss" "$j_st"
awk -v a="$a_s" -v j="$j_s" 'BEGIN { printf "authlink / ajv throughput: %.2fx\n", j/a }'
