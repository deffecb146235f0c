#!/usr/bin/env python3
"""Git-aware scanning, end to end: --staged scans the index (not the working tree) with the
staged version's line numbers; --diff REV reports only added lines (and untracked files);
git failures are exit 2, never a silent pass.

  git_test.py --binary build/promptlint
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

KEY = "AKIAQ3EGRHTQZLWYXV7N"
KEY2 = "AKIAY34FZKBOKMUTVV7A"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    binary = os.path.abspath(parser.parse_args().binary)
    failures = []

    def check(name, cond, detail=""):
        print(f"{'ok' if cond else 'FAIL'}: {name}" + (f" ({detail})" if detail and not cond else ""))
        if not cond:
            failures.append(name)

    with tempfile.TemporaryDirectory(prefix="promptlint-git-") as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"), HOME=tmp,
                   GIT_CONFIG_NOSYSTEM="1")
        repo = os.path.join(tmp, "repo")
        os.makedirs(repo)

        def git(*args):
            subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)

        def scan(*args, cwd=repo):
            p = subprocess.run([binary, "--format", "json", *args], cwd=cwd, env=env,
                               capture_output=True, text=True)
            doc = json.loads(p.stdout) if p.stdout.startswith("{") else None
            return p.returncode, doc, p.stderr

        git("init", "-q")
        git("config", "user.email", "dev@example.invalid")
        git("config", "user.name", "dev")
        with open(os.path.join(repo, "a.txt"), "w") as f:
            f.write("one\ntwo\n")
        git("add", "a.txt")
        git("commit", "-qm", "init")

        # Staged: a key on line 3; the working tree then moves it and adds another one.
        with open(os.path.join(repo, "a.txt"), "w") as f:
            f.write(f"one\ntwo\nkey {KEY}\n")
        git("add", "a.txt")
        with open(os.path.join(repo, "a.txt"), "w") as f:
            f.write(f"zero\none\ntwo\nkey {KEY}\nmore {KEY2}\n")
        rc, doc, err = scan("--staged")
        found = [(f["path"], f["line"]) for f in doc["findings"]] if doc else []
        check("--staged reports the staged blob with its own line numbers",
              rc == 1 and found == [("a.txt", 3)], f"rc={rc} {found} {err}")

        os.makedirs(os.path.join(repo, "sub"))
        rc, doc, err = scan("--staged", cwd=os.path.join(repo, "sub"))
        check("--staged works from a subfolder, with repository-relative paths",
              rc == 1 and doc and doc["findings"][0]["path"] == "a.txt", f"rc={rc} {err}")

        # Diff against HEAD: lines 1, 4 and 5 of the working tree are new; the key on line 4
        # and KEY2 on line 5 are reported, nothing from unchanged lines.
        with open(os.path.join(repo, "sub", "new.txt"), "w") as f:
            f.write(f"fresh {KEY2}\n")
        rc, doc, err = scan("--diff", "HEAD")
        found = sorted((f["path"], f["line"]) for f in doc["findings"]) if doc else []
        check("--diff HEAD reports only added lines and untracked files",
              rc == 1 and found == [("a.txt", 4), ("a.txt", 5), ("sub/new.txt", 1)],
              f"rc={rc} {found} {err}")

        git("add", "-A")
        git("commit", "-qm", "second")
        with open(os.path.join(repo, "a.txt"), "a") as f:
            f.write("harmless\n")
        rc, doc, err = scan("--diff", "HEAD")
        check("--diff ignores findings on lines that were already there",
              rc == 0 and doc and doc["findings"] == [], f"rc={rc} {err}")

        rc, _, err = scan("--diff", "no-such-rev")
        check("an unknown revision is exit 2 with a clear message",
              rc == 2 and "not a commit" in err, f"rc={rc} {err}")
        outside = os.path.join(tmp, "outside")
        os.makedirs(outside)
        rc, _, err = scan("--staged", cwd=outside)
        check("--staged outside a repository is exit 2, never a pass",
              rc == 2 and "not a git repository" in err, f"rc={rc} {err}")
        rc, _, err = scan("--staged", "a.txt")
        check("--staged with paths is a usage error", rc == 2, f"rc={rc} {err}")

    print(f"{7 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
