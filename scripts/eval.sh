#!/usr/bin/env bash
# Scores the promptlint binary on the labelled public samples in ../shared/eval, then the
# confidential packs on tests/data (scripts/eval_confidential.py) (recall and
# false-positive rate per source and kind). Not part of the test suite: it takes minutes.
#   scripts/eval.sh [BINARY] [score.py options…]   e.g. scripts/eval.sh build/promptlint --by kind
# --no-config: the score is the built-in packs', whatever .promptlint.json the checkout holds.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-build/promptlint}"
shift || true
eval_dir="${PROMPTLINT_EVAL_DIR:-../shared/eval}"
[ -x "$binary" ] || { echo "eval: build promptlint first ($binary not found)" >&2; exit 2; }
for corpus in "$eval_dir"/*.jsonl; do
    echo "== $(basename "$corpus")"
    python3 "$eval_dir/score.py" "$corpus" --ok-rc 0,1 -j "$(nproc)" \
        --cmd "$binary --no-config --format json {file}" \
        --adapter json --adapter-opt rule=rule_id --adapter-opt start=start_byte \
        --adapter-opt end=end_byte "$@"
done
# ../shared/eval has no confidentiality samples: score the repository's own labelled documents.
python3 scripts/eval_confidential.py "$binary" "$@"
