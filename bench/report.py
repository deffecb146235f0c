#!/usr/bin/env python3
"""Turns bench/run.sh's hyperfine JSON exports into one table of medians and ratios.

  report.py JSON_DIR MIXED_BYTES TREE_FILES RSS_STDIN_KB STDIN_BYTES RSS_FILE_KB FILE_BYTES
"""
import json
import sys
from pathlib import Path


def medians(path: Path) -> dict:
    doc = json.loads(path.read_text())
    return {r["command"]: r["median"] for r in doc["results"]}


def main() -> int:
    json_dir = Path(sys.argv[1])
    mixed = int(sys.argv[2])
    tree_files = int(sys.argv[3])
    rss_stdin_kb, stdin_bytes = int(sys.argv[4]), int(sys.argv[5])
    rss_file_kb, file_bytes = int(sys.argv[6]), int(sys.argv[7])
    rows = []

    def row(what, seconds, ratio="", note=""):
        rows.append((what, seconds, ratio, note))

    s = medians(json_dir / "startup.json")
    pl = s["promptlint, 2 KiB prompt on stdin"]
    ref = s["hsref, same prompt"]
    row("start-up: promptlint, 2 KiB prompt, warm cache", f"{pl * 1e3:.1f} ms",
        f"{pl / ref:.2f}x hsref", "target <= 1.3x")
    row("start-up: hsref (load serialized db + scan)", f"{ref * 1e3:.1f} ms")
    if "rg-prompt" in s:
        row("start-up: ripgrep, same patterns", f"{s['rg-prompt'] * 1e3:.1f} ms",
            f"{s['rg-prompt'] / pl:.2f}x promptlint")
    cold = medians(json_dir / "cold.json")
    c = cold["promptlint, cold start (empty cache)"]
    row("cold start: empty cache, 2 KiB prompt", f"{c * 1e3:.0f} ms", "", "target < 500 ms")
    c = cold["promptlint, compile every default pack (--no-cache)"]
    row("cold start: compile every default pack (--no-cache)", f"{c * 1e3:.0f} ms", "",
        "custom rule sets, other CPUs")

    t = medians(json_dir / "throughput.json")
    mb = mixed / 1e6
    pl = t["promptlint -j1, mixed.txt"]
    ref = t["hsref, mixed.txt"]
    row("throughput: promptlint -j1, mixed.txt", f"{mb / pl:.0f} MB/s",
        f"{ref / pl:.2f}x hsref", "target >= 0.7x hsref, >= 350 MB/s")
    row("throughput: hsref, same databases", f"{mb / ref:.0f} MB/s")
    if "hsref --single, mixed.txt" in t:
        single = t["hsref --single, mixed.txt"]
        row("throughput: hsref --single (number rules not gated)", f"{mb / single:.0f} MB/s",
            f"gate: {single / ref:.2f}x faster")
    row("throughput: cat", f"{mb / t['cat mixed.txt']:.0f} MB/s")
    if "rg-mixed" in t:
        # run.sh gives ripgrep only the first part of mixed.txt (see rg-slice-bytes).
        slice_file = json_dir / "rg-slice-bytes"
        rg_mb = int(slice_file.read_text()) / 1e6 if slice_file.exists() else mb
        rg_rate = rg_mb / t["rg-mixed"]
        row("throughput: ripgrep --no-unicode, same patterns", f"{rg_rate:.1f} MB/s",
            f"{(mb / pl) / rg_rate:.0f}x slower than promptlint", f"on {rg_mb:.0f} MB")

    f = medians(json_dir / "files.json")
    pl2 = f["promptlint -j2, tree/"]
    cat = f["find tree -exec cat"]
    row("many files: promptlint -j2, tree/", f"{tree_files / pl2:.0f} files/s",
        f"{cat / pl2:.2f}x find+cat", "target >= 0.8x")
    row("many files: find -exec cat", f"{tree_files / cat:.0f} files/s")
    j1 = f["promptlint -j1, mixed.txt in 64 files"]
    j2 = f["promptlint -j2, mixed.txt in 64 files"]
    row("parallel: -j2 vs -j1, mixed.txt in 64 files", f"{mb / j2:.0f} MB/s",
        f"{j1 / j2:.2f}x -j1", "target >= 1.7x")
    row(f"memory: {stdin_bytes / 2**30:.1f} GiB through stdin", f"{rss_stdin_kb / 1024:.0f} MiB",
        "", "target < 64 MiB")
    row(f"memory: {file_bytes / 2**20:.0f} MiB file, mapped", f"{rss_file_kb / 1024:.0f} MiB",
        "", "target < 64 MiB + file size")

    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print(" | ".join(h.ljust(w) for h, w in zip(("what", "median", "ratio", "note"), widths)))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
