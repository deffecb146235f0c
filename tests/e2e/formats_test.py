#!/usr/bin/env python3
"""Safe in CI: no output format prints a value in full unless --show-secrets is given.

The formats are read from promptlint's own error message for an unknown --format, so a format
added later is checked without editing this test. Each is run on files holding several kinds
of values, with and without --show-secrets; the values come from the JSON report with
--show-secrets. Also checks that each format is well-formed for its consumer (JSON, SARIF,
JUnit XML, workflow commands).

  formats_test.py --binary build/promptlint
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = ["--no-builtin", "--patterns", "packs/core.json", "data/mixed.txt",
        "data/ci/notes, v2 (50%).txt"]


def run(binary: Path, args: list[str]) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([str(binary), *args], cwd=HERE, capture_output=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def formats(binary: Path) -> list[str]:
    rc, _, err = run(binary, ["--format", "no-such-format", "data/clean.txt"])
    found = re.search(rb"--format must be one of (.*), not", err)
    if rc != 2 or not found:
        raise SystemExit(f"FAIL: cannot read the list of formats from: {err!r}")
    return [f.strip() for f in found.group(1).decode().split(",")]


def well_formed(fmt: str, out: bytes) -> None:
    text = out.decode("utf-8")  # every format must be valid UTF-8
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "github":
        for line in text.splitlines():
            if not (line.startswith("::") or line.startswith("promptlint: ")):
                raise AssertionError(f"not a workflow command or the summary: {line!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    binary = parser.parse_args().binary.resolve()
    with tempfile.TemporaryDirectory(prefix="promptlint-formats-") as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp
        os.environ.pop("NO_COLOR", None)
        _, out, _ = run(binary, [*ARGS, "--format", "json", "--show-secrets"])
        values = [f["preview"] for f in json.loads(out)["findings"]]
        if len(values) < 5:
            print(f"FAIL: expected the test files to hold at least 5 values, got {len(values)}")
            return 1
        failed = 0
        names = formats(binary)
        for fmt in names:
            for show in (False, True):
                args = [*ARGS, "--format", fmt, "--color", "always", *(["--show-secrets"] * show)]
                rc, out, err = run(binary, args)
                problems = []
                if rc != 1:
                    problems.append(f"exit {rc}: {err!r}")
                for value in values:
                    # JSON escapes nothing in these values; compare raw bytes everywhere.
                    if (value.encode() in out) != show:
                        problems.append(f"value starting {value[:4]!r} is "
                                        f"{'missing' if show else 'printed in full'}")
                    if value.encode() in err:
                        problems.append(f"value starting {value[:4]!r} is on stderr")
                try:
                    well_formed(fmt, out)
                except Exception as e:  # noqa: BLE001 - any parse error is the failure
                    problems.append(f"not well-formed: {e}")
                what = f"{fmt}{' --show-secrets' if show else ''}"
                print(f"{'FAIL' if problems else 'ok'}: {what}")
                for p in problems:
                    print(f"    {p}")
                failed += bool(problems)
        print(f"{len(names)} formats checked ({', '.join(names)}), {failed} failures")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
