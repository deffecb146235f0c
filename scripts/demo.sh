#!/usr/bin/env bash
# Sets everything up, builds promptlint and scans the example prompts in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target promptlint >/dev/null
set +e
./build/promptlint examples/
rc=$?
set -e
echo
echo "(exit code $rc: 0 = clean, 1 = findings at or above --fail-on, 2 = usage or rule error, 3 = unreadable input)"
[ "$rc" -le 1 ]
