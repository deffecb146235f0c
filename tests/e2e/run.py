#!/usr/bin/env python3
"""End-to-end tests: run the real promptlint binary and compare with golden files.

A case is a folder under tests/e2e/cases/NAME holding:
  cmd              the arguments, one line, shell syntax (the binary is implied)
  stdin            optional bytes fed to standard input
  stdin.py         optional Python script whose standard output is fed to standard input
  stdin.from       optional path, relative to tests/e2e, of such a script (.py) or of bytes,
                   for input that several cases share
  expected/rc      the exit code
  expected/stdout  expected standard output, byte for byte
  expected/stderr  expected standard error, byte for byte
  cwd              optional folder, relative to tests/e2e, to run the command in instead
The command runs in tests/e2e (so relative paths in reports are stable) with a fresh, empty
cache directory and no colour settings from the caller's environment.

  run.py --binary build/promptlint NAME...     check cases (all when none is named)
  run.py --binary build/promptlint --update    rewrite the golden files from what runs now
"""

import argparse
import difflib
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"


def run_case(binary: Path, case: Path) -> tuple[int, bytes, bytes]:
    args = shlex.split((case / "cmd").read_text().strip())
    stdin = b""
    if (case / "stdin").exists():
        stdin = (case / "stdin").read_bytes()
    else:
        script = case / "stdin.py"
        if (case / "stdin.from").exists():
            source = HERE / (case / "stdin.from").read_text().strip()
            if source.suffix == ".py":
                script = source
            else:
                stdin = source.read_bytes()
        if script.suffix == ".py" and script.exists():
            stdin = subprocess.run(
                [sys.executable, str(script)], check=True, capture_output=True
            ).stdout
    cwd = HERE
    if (case / "cwd").exists():
        cwd = HERE / (case / "cwd").read_text().strip()
    with tempfile.TemporaryDirectory(prefix="promptlint-e2e-") as tmp:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("NO_COLOR", "TERM", "XDG_CACHE_HOME", "PROMPTLINT_MAP_KEY")
        }
        env["XDG_CACHE_HOME"] = tmp
        env["HOME"] = tmp
        env["E2E_TMP"] = tmp
        args = [a.replace("$E2E_TMP", tmp) for a in args]
        proc = subprocess.run(
            [str(binary), *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=300
        )
    return proc.returncode, proc.stdout, proc.stderr


def show_diff(name: str, what: str, expected: bytes, actual: bytes) -> None:
    exp = expected.decode("utf-8", "replace").splitlines(keepends=True)
    act = actual.decode("utf-8", "replace").splitlines(keepends=True)
    sys.stdout.writelines(
        difflib.unified_diff(exp, act, f"{name}/expected/{what}", f"{name}/actual/{what}")
    )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    parser.add_argument("cases", nargs="*")
    opts = parser.parse_args()
    binary = opts.binary.resolve()
    names = opts.cases or sorted(p.name for p in CASES.iterdir() if (p / "cmd").exists())
    failed = 0
    for name in names:
        case = CASES / name
        rc, out, err = run_case(binary, case)
        expected = case / "expected"
        if opts.update:
            expected.mkdir(exist_ok=True)
            (expected / "rc").write_text(f"{rc}\n")
            (expected / "stdout").write_bytes(out)
            (expected / "stderr").write_bytes(err)
            print(f"updated {name} (exit {rc})")
            continue
        ok = True
        want_rc = int((expected / "rc").read_text())
        if rc != want_rc:
            print(f"{name}: exit code {rc}, expected {want_rc}")
            ok = False
        for what, actual in (("stdout", out), ("stderr", err)):
            want = (expected / what).read_bytes()
            if want != actual:
                show_diff(name, what, want, actual)
                ok = False
        print(f"{'ok' if ok else 'FAIL'}: {name}")
        failed += not ok
    if not opts.update:
        print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
