#!/usr/bin/env python3
"""The progress line: shown on a terminal during a long folder scan, cleared at the end, and
never written when stderr is a pipe, when CI is set, or in JSON mode.

  progress_test.py --binary build/promptlint
"""
import argparse
import os
import pty
import re
import subprocess
import sys
import tempfile


def run(binary, args, env, tty):
    if tty:
        master, slave = pty.openpty()
        p = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=slave, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        p.wait()
        os.close(master)
        return p.returncode, b"".join(chunks)
    p = subprocess.run([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    binary = os.path.abspath(parser.parse_args().binary)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="promptlint-progress-") as tmp:
        tree = os.path.join(tmp, "tree")
        os.makedirs(tree)
        line = b"plain prose without anything sensitive, repeated to make the scan take a while\n"
        for i in range(1500):
            with open(os.path.join(tree, f"f{i:05}.txt"), "wb") as f:
                f.write(line * 200)
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        env["PROMPTLINT_PROGRESS_DELAY_MS"] = "0"  # a fast machine must not make this flaky
        # A warm cache, so that the timed part is the scan.
        subprocess.run([binary, os.path.join(tree, "f00000.txt")], env=env, capture_output=True)
        cases = [
            ("terminal: progress shown, then cleared", ["-j1", tree], env, True, True),
            ("pipe: no progress", ["-j1", tree], env, False, False),
            ("CI set: no progress", ["-j1", tree], dict(env, CI="true"), True, False),
            ("JSON: no progress", ["-j1", "--format", "json", tree], env, True, False),
        ]
        for name, args, case_env, tty, expect in cases:
            rc, err = run(binary, args, case_env, tty)
            # "N files, X MB/s" while the walk goes on; "N/1500 files" once it has ended. Files
            # done never go back, and a total, once shown, is the whole tree.
            lines = [(int(m.group(1)), m.group(2))
                     for m in re.finditer(rb"\x1b\[2K(\d+)(?:/(\d+))? files, ", err)]
            done = [d for d, _ in lines]
            shown = (bool(lines) and done == sorted(done) and done[-1] <= 1500
                     and all(t is None or int(t) == 1500 for _, t in lines))
            ok = rc == 0 and shown == expect and (not expect or err.endswith(b"\r\x1b[2K"))
            print(f"{'ok' if ok else 'FAIL'}: {name}" + ("" if ok else f" (rc={rc}, {err[-120:]!r})"))
            failures += not ok
    print(f"{len(cases) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
