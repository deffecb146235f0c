#!/usr/bin/env bash
# The speed benchmark (issue 8): promptlint against bare Hyperscan on promptlint's own compiled
# database (bench/hsref.cpp), cat, and ripgrep given the same patterns. Prints one table of
# medians and ratios from one run. Slow and noisy on shared machines: not part of the test suite.
#
#   bench/run.sh            full workload (256 MiB mixed.txt, 20,000-file tree; ~10 minutes)
#   bench/run.sh --quick    a small workload, as a smoke test (~1 minute)
#
# Needs hyperfine and /usr/bin/time (Debian: hyperfine, time); ripgrep is optional.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$root/bench/work"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

scripts/setup.sh hyperfine time
command -v rg >/dev/null || echo "bench: ripgrep not installed; its rows are left out" >&2

cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DPROMPTLINT_TESTS=OFF >/dev/null
cmake --build build/bench -j"$(nproc)" --target promptlint hsref >/dev/null
pl="$root/build/bench/promptlint"
hsref="$root/build/bench/bench/hsref"

corpus="$work/corpus"
[ $quick = 1 ] && corpus="$work/corpus-quick"
if [ ! -f "$corpus/manifest.json" ]; then
    gen_args=()
    [ $quick = 1 ] && gen_args=(--size 32M --tree-files 2000)
    python3 "$root/../shared/bench/make_corpus.py" "${gen_args[@]}" "$corpus" >/dev/null
fi
if [ ! -d "$corpus/split" ]; then
    mkdir -p "$corpus/split"
    split -n 64 -d -a 2 "$corpus/mixed.txt" "$corpus/split/part-"
fi

export XDG_CACHE_HOME="$work/cache"
rm -rf "$XDG_CACHE_HOME"
"$pl" rules --export-db "$work/db.bin" --export-patterns "$work/patterns.txt" >/dev/null
# ripgrep gets every pattern its syntax accepts.
if command -v rg >/dev/null; then
    : >"$work/rg-patterns.txt"
    while IFS= read -r p; do
        if printf '' | rg --no-unicode -e "$p" >/dev/null 2>&1 || [ $? -eq 1 ]; then
            printf '%s\n' "$p" >>"$work/rg-patterns.txt"
        fi
    done <"$work/patterns.txt"
fi

runs=$([ $quick = 1 ] && echo 3 || echo 5)
rg_prompt=()
rg_mixed=()
if command -v rg >/dev/null; then
    rg_prompt=(-n rg-prompt "rg --no-unicode -c -f $work/rg-patterns.txt $corpus/prompt.txt")
    # With ~500 patterns ripgrep needs minutes and gigabytes for all of mixed.txt: its rate is
    # taken on the first 16 MiB instead (the report converts it to MB/s with that size).
    head -c 16M "$corpus/mixed.txt" >"$work/rg-slice.txt"
    rg_mixed=(-n rg-mixed "rg --no-unicode -c -f $work/rg-patterns.txt $work/rg-slice.txt")
fi
json="$work/json"
rm -rf "$json"
mkdir -p "$json"
hf() { # name, then commands
    local name=$1
    shift
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$json/$name.json" "$@" >/dev/null 2>&1
}

prompt="$corpus/prompt.txt"
mixed="$corpus/mixed.txt"
"$pl" "$prompt" >/dev/null || true # warm the cache
# Both read the prompt from stdin through the same shell, whose start hyperfine subtracts.
hyperfine -i --warmup 3 --runs $((runs * 6)) --export-json "$json/startup.json" \
    -n "promptlint, 2 KiB prompt on stdin" "$pl - < $prompt" \
    -n "hsref, same prompt" "$hsref $work/db.bin < $prompt" \
    "${rg_prompt[@]}" >/dev/null 2>&1
# An empty cache takes the database built into the binary; --no-cache compiles every default
# pack, as a configuration that adds or disables rules (or another CPU) does on its first run.
hyperfine -N -i --runs 3 --export-json "$json/cold.json" --prepare "rm -rf $XDG_CACHE_HOME" \
    -n "promptlint, cold start (empty cache)" "$pl $prompt" \
    -n "promptlint, compile every default pack (--no-cache)" "$pl --no-cache $prompt" \
    >/dev/null 2>&1
hf throughput \
    -n "promptlint -j1, mixed.txt" "$pl -j1 --format json $mixed" \
    -n "hsref, mixed.txt" "$hsref $work/db.bin $mixed" \
    -n "hsref --single, mixed.txt" "$hsref --single $work/db.bin $mixed" \
    -n "cat mixed.txt" "cat $mixed" \
    "${rg_mixed[@]}"
hf files \
    -n "promptlint -j2, tree/" "$pl -j2 --format json $corpus/tree" \
    -n "find tree -exec cat" "find $corpus/tree -type f -exec cat {} +" \
    -n "promptlint -j1, mixed.txt in 64 files" "$pl -j1 --format json $corpus/split" \
    -n "promptlint -j2, mixed.txt in 64 files" "$pl -j2 --format json $corpus/split"

# Peak memory: 1 GiB of real text through stdin (the corpus repeated), and one mapped file.
size=$(stat -c %s "$mixed")
set +e +o pipefail # promptlint exits 1 on findings; only the peak RSS matters here
reps=$(((1073741824 + size - 1) / size))
rss_stdin=$( { for _ in $(seq "$reps"); do cat "$mixed"; done |
    /usr/bin/time -f %M "$pl" -j1 --format json - >/dev/null; } 2>&1 | tail -1)
rss_file=$( { /usr/bin/time -f %M "$pl" -j1 --format json "$mixed" >/dev/null; } 2>&1 | tail -1)
stdin_bytes=$((reps * size))
set -e -o pipefail

[ -f "$work/rg-slice.txt" ] && stat -c %s "$work/rg-slice.txt" >"$json/rg-slice-bytes"
python3 "$root/bench/report.py" "$json" "$size" "$(find "$corpus/tree" -type f | wc -l)" \
    "$rss_stdin" "$stdin_bytes" "$rss_file" "$size"
