#!/usr/bin/env bash
# Times `authlink validate --ndjson` on an NDJSON file of valid wire payloads
# (api profile) against two baselines on the same file:
#   - the single-core loop (cmd/validateloop: read a line, call Validate, on
#     one core, no output), for issue 14's target: the CLI's throughput is at
#     least 0.8 x (workers x the loop's), workers = the CPUs Go sees;
#   - Ajv (npm ajv + ajv-formats, draft 2020-12, the same schema file).
# The loop and the CLI run ROUNDS times each, alternating (default 3), and
# their medians are compared; it prints throughputs in MB/s and peak RSS.
# Usage: bench/ndjson.sh   (SIZE=200 MB by default; OUT=dir for the files;
#                           AJV=0 leaves Ajv out)
set -euo pipefail
cd "$(dirname "$0")"
size=${SIZE:-200}
out=${OUT:-/tmp/authlink-ndjson}
mkdir -p "$out"
file="$out/links-${size}MB.ndjson"

go build -o "$out/authlink" ../cmd/authlink
go build -o "$out/measure" ./cmd/measure
go build -o "$out/validateloop" ./cmd/validateloop
[ -f "$file" ] || go run ./cmd/genndjson -size "$size" -o "$file"
"$out/authlink" schema --profile api > "$out/schema.json"
if [ "${AJV:-1}" != 0 ]; then (cd ajv && npm install --no-audit --no-fund --silent); fi

bytes=$(stat -c %s "$file")
report() { # name seconds maxrss_kib status
	awk -v n="$1" -v s="$2" -v r="$3" -v b="$bytes" -v st="$4" \
		'BEGIN { printf "%-10s %8.1f MB/s  %6.2f s  peak RSS %6.1f MB  exit %d\n", n, b/1e6/s, s, r/1024, st }'
}
echo "file: $file ($((bytes / 1000000)) MB), $(nproc) cores"
# Warm the page cache, so that both read the file from memory.
cat "$file" > /dev/null
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
loops=() clis=() rss=0
for _ in $(seq "${ROUNDS:-3}"); do
	read -r l_s _ _ < <("$out/validateloop" "$file")
	read -r a_s a_rss a_st < <("$out/measure" -- "$out/authlink" validate --profile api --ndjson "$file")
	[ "$a_st" = 0 ] || { echo "authlink validate exited $a_st" >&2; exit 1; }
	loops+=("$l_s") clis+=("$a_s")
	rss=$((a_rss > rss ? a_rss : rss))
done
l_s=$(printf '%s\n' "${loops[@]}" | median)
a_s=$(printf '%s\n' "${clis[@]}" | median)
workers=$(nproc)
echo "medians of ${ROUNDS:-3} alternating rounds (loop: ${loops[*]} s; authlink: ${clis[*]} s)"
awk -v s="$l_s" -v b="$bytes" 'BEGIN { printf "%-10s %8.1f MB/s  %6.2f s  (one core, no output)\n", "loop", b/1e6/s, s }'
report authlink "$a_s" "$rss" "$a_st"
awk -v a="$a_s" -v l="$l_s" -v w="$workers" \
	'BEGIN { printf "authlink / (%d workers x single-core loop): %.2f (target >= 0.8)\n", w, l / (w * a) }'
if [ "${AJV:-1}" != 0 ]; then
	read -r j_s j_rss j_st < <("$out/measure" -- node ajv/validate.mjs "$out/schema.json" "$file")
	report ajv "$j_s" "$j_rss" "$j_st"
	awk -v a="$a_s" -v j="$j_s" 'BEGIN { printf "authlink / ajv throughput: %.2fx\n", j/a }'
fi
