#!/usr/bin/env python3
"""Score the confidential packs the way ../shared/eval scores the others.

../shared/eval has no confidentiality samples, so this builds a corpus in the same JSONL
format from the repository's own labelled documents and hands it to the shared score.py:
- positives: every marking listed in tests/data/confidential-markers/expected.json; a
  positive counts as found when a finding overlaps the marking's first occurrence (span scope).
- negatives: every file of real public text in tests/data/clean-confidential and
  tests/data/clean-credentials (licences, man pages, release notes, source code, prose using
  "secret", "confidential", "privileged" in their ordinary sense); a negative counts as a false
  positive on any `confidential` finding.

Recall is measured with --min-severity info (TLP:GREEN and TLP:CLEAR are reported at info by
design); false positives twice: at the default threshold (low) and at medium, the bar of the
regression test in tests/unit/test_false_positives_confidential.cpp.

  scripts/eval_confidential.py [BINARY] [score.py options...]
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ROOT / "tests/data/confidential-markers"
# The credential corpus's real public text counts too (both tests share some files there).
CLEAN = [ROOT / "tests/data/clean-confidential", ROOT / "tests/data/clean-credentials"]


def positives():
    manifest = json.loads((MARKERS / "expected.json").read_text(encoding="utf-8"))
    for name, markers in manifest["files"].items():
        data = (MARKERS / name).read_bytes()
        text = data.decode("utf-8")
        for i, marker in enumerate(markers):
            needle = marker["text"].encode("utf-8")
            start = data.find(needle)
            if start < 0:
                sys.exit(f"eval_confidential: {name}: marker {marker['text']!r} not in the file")
            yield {"id": f"markers-{name}-{i}", "source": "promptlint-markers",
                   "rule": marker["family"], "category": "confidential",
                   "kind": marker["family"], "text": text, "expect": "match",
                   "span": [[start, start + len(needle)]], "neg_scope": "all", "meta": {}}


def negatives():
    paths = sorted(p for d in CLEAN for p in d.rglob("*")
                   if p.is_file() and p.name not in ("SOURCES.md", "README.md"))
    for path in paths:
        rel = path.relative_to(ROOT / "tests/data").as_posix()
        yield {"id": "clean-" + rel.replace("/", "-"), "source": "promptlint-clean", "rule": "-",
               "category": "confidential", "kind": rel.split("/")[1] if rel.count("/") > 1 else rel.split("/")[0],
               "text": path.read_bytes().decode("utf-8", errors="replace"),
               "expect": "no-match", "neg_scope": "all", "meta": {}}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/promptlint"
    extra = sys.argv[2:]
    score = Path(os.environ.get("PROMPTLINT_EVAL_DIR", ROOT.parent / "shared/eval")) / "score.py"
    with tempfile.TemporaryDirectory(prefix="promptlint-eval-") as tmp:
        corpus = Path(tmp) / "confidential.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for rec in [*positives(), *negatives()]:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        rc = 0
        passes = (("recall: markings, findings down to info", "info", "match"),
                  ("false positives: clean text, default threshold (low)", "low", "no-match"),
                  ("false positives: clean text, medium and above", "medium", "no-match"))
        for label, threshold, expect in passes:
            print(f"== confidential {label}", flush=True)
            cmd = [sys.executable, str(score), str(corpus), "--ok-rc", "0,1", "-j",
                   str(os.cpu_count() or 1), "--tp-scope", "span", "--fp-scope", "category",
                   "--by", "kind", "--where", f"expect={expect}", "--cmd",
                   f"{binary} --no-config --format json --min-severity {threshold} {{file}}",
                   "--adapter", "json", "--adapter-opt", "rule=rule_id",
                   "--adapter-opt", "start=start_byte", "--adapter-opt", "end=end_byte", *extra]
            rc = max(rc, subprocess.call(cmd))
        return rc


if __name__ == "__main__":
    sys.exit(main())
