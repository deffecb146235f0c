#!/usr/bin/env bash
# Sets everything up, builds with warnings as errors, and runs the whole test suite twice:
# once optimised, once under AddressSanitizer + UndefinedBehaviorSanitizer. Also checks formatting.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs="$(nproc)"

echo "== format check (clang-format)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

echo "== release build + tests"
cmake -S . -B build/ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROMPTLINT_WERROR=ON >/dev/null
cmake --build build/ci -j"$jobs"
ctest --test-dir build/ci --output-on-failure -j"$jobs"

echo "== ASan + UBSan build + tests"
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DPROMPTLINT_WERROR=ON \
      -DPROMPTLINT_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j"$jobs"
