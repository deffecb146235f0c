#!/usr/bin/env bash
# The term-set benchmark (docs/config.md, "Scale"): 100,000 generated terms of an organisation
# (bench/gen_terms.py) in one term set, against the same run without them.
#   bench/terms.sh [BINARY] [CORPUS] [COUNT]
#     BINARY  default build/promptlint
#     CORPUS  default /tmp/corpus/mixed.txt (256 MiB of mixed text)
#     COUNT   default 100000
# Prints: cold compile (empty input, fresh cache), warm start (same, cache filled), and the
# scan of CORPUS with -j1 --format json, with and without the terms (best of 3 each, user CPU
# seconds as well as wall clock, since the machine may be shared).
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(realpath "${1:-build/promptlint}")"
corpus="$(realpath "${2:-/tmp/corpus/mixed.txt}")"
count="${3:-100000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/promptlint-terms.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 bench/gen_terms.py "$count" > "$work/terms.txt"
cat > "$work/terms.json" <<JSON
{"terms": [{"id": "org.terms", "files": ["terms.txt"], "category": "confidential",
            "severity": "high"}]}
JSON
export XDG_CACHE_HOME="$work/cache"

# best-of-3 "wall user" of a command, its output discarded
best() {
    local best_wall="" best_user=""
    for _ in 1 2 3; do
        /usr/bin/time -o "$work/time" -f '%e %U' "$@" < /dev/null > /dev/null 2>&1 || true
        local t
        t="$(tail -1 "$work/time")"
        local wall="${t% *}" user="${t#* }"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
            best_wall="$wall"; best_user="$user"
        fi
    done
    echo "$best_wall s wall, $best_user s user"
}

echo "terms: $(grep -vc '^#' "$work/terms.txt"), corpus: $corpus ($(stat -c %s "$corpus") bytes)"
for _ in 1 2 3; do
    rm -rf "$XDG_CACHE_HOME"
    /usr/bin/time -o "$work/time" -f '%e %U' "$binary" --config "$work/terms.json" - \
        < /dev/null > /dev/null 2>&1 || true
    t="$(tail -1 "$work/time")"
    echo "cold compile (built-in packs + terms): ${t% *} s wall, ${t#* } s user"
done
rm -rf "$XDG_CACHE_HOME"
"$binary" --no-cache --no-config - < /dev/null > /dev/null || true
echo "cold compile (built-in packs only):     $(best "$binary" --no-cache --no-config -)"
"$binary" --config "$work/terms.json" - < /dev/null > /dev/null || true
echo "warm start (built-in packs + terms):    $(best "$binary" --config "$work/terms.json" -)"
"$binary" --no-config - < /dev/null > /dev/null || true
echo "warm start (built-in packs only):       $(best "$binary" --no-config -)"
echo "scan without terms: $(best "$binary" --no-config -j1 --format json "$corpus")"
echo "scan with terms:    $(best "$binary" --config "$work/terms.json" -j1 --format json "$corpus")"
