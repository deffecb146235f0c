#!/usr/bin/env python3
"""End-to-end test of promptlint under the real pre-commit framework, offline.

In a temporary git repository, a `.pre-commit-config.yaml` with a `repo: local` hook that
mirrors the repository's `.pre-commit-hooks.yaml` (entry pointed at the binary under test) is
installed with `pre-commit install`; then real `git commit`s show that:
  - a clean commit goes through;
  - a commit adding an AWS key is blocked, with a readable message and the key masked;
  - a finding suppressed with an inline `promptlint:ignore` comment goes through
    [SUPPRESSION: `--only suppression`; enforced once the binary has inline suppressions,
    i.e. once `promptlint scan --help` offers --show-suppressed; until then it reports
    PENDING and exits 77, which ctest shows as Skipped];
and `pre-commit try-repo` runs the repository's own `.pre-commit-hooks.yaml` (cloned locally).

  precommit_test.py --binary build/promptlint --repo . [--only commits|suppression|try-repo]
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Made up for this test; the built-in AWS rule reports it (not an AWS documentation example).
KEY = "AKIAQ3EGRHTQZLWYXV7N"
MASKED = "AKIA****************"
EXIT_PENDING = 77  # ctest SKIP_RETURN_CODE


class Checks:
    def __init__(self) -> None:
        self.failed = 0
        self.pending = 0

    def report(self, name: str, problems: list[str], output: str = "", pending: str = "") -> None:
        if problems and pending:
            print(f"PENDING: {name} ({pending})")
            for p in problems:
                print(f"    {p}")
            self.pending += 1
            return
        print(f"{'FAIL' if problems else 'ok'}: {name}")
        for p in problems:
            print(f"    {p}")
        if problems and output:
            print("    output was:")
            print("".join(f"      | {line}\n" for line in output.splitlines()), end="")
        self.failed += bool(problems)


def git_env(tmp: Path, path_dir: Path) -> dict:
    # Nothing from the caller's git or pre-commit set-up may leak in (a test run from a hook
    # would otherwise point GIT_DIR at the outer repository).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "HOME": str(tmp / "home"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": f"{path_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    })
    env.pop("TERM", None)
    return env


def run(args: list[str], cwd: Path, env: dict) -> tuple[int, str]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=300)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    return proc.returncode, out


def head(repo: Path, env: dict) -> str:
    return run(["git", "rev-parse", "-q", "--verify", "HEAD"], repo, env)[1].strip()


def commit(repo: Path, env: dict, files: dict[str, str], message: str) -> tuple[bool, str]:
    """Writes and stages `files`, commits; returns (HEAD moved, output)."""
    for name, text in files.items():
        (repo / name).write_text(text)
    run(["git", "add", "--", *files], repo, env)
    before = head(repo, env)
    rc, out = run(["git", "commit", "-m", message], repo, env)
    moved = head(repo, env) != before
    if rc == 0 and not moved:
        out += "\n(git commit succeeded but HEAD did not move)"
    return rc == 0 and moved, out


def blocked_checks(out: str) -> list[str]:
    problems = []
    if KEY in out:
        problems.append("the key is printed in full")
    for want in ("promptlint", "Failed", "leaked.env", "AWS access key ID", MASKED):
        if want not in out:
            problems.append(f"output does not mention {want!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--repo", required=True, type=Path,
                        help="the promptlint checkout holding .pre-commit-hooks.yaml")
    parser.add_argument("--only", choices=["commits", "suppression", "try-repo"],
                        help="run one group of checks (default: all)")
    opts = parser.parse_args()
    binary = opts.binary.resolve()
    source = opts.repo.resolve()
    if not shutil.which("pre-commit"):
        print("FAIL: pre-commit is not installed (Debian package pre-commit; scripts/setup.sh)")
        return 1
    import yaml  # a dependency of pre-commit itself

    hooks = yaml.safe_load((source / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "promptlint")
    entry = shlex.split(hook["entry"])
    if entry[0] != "promptlint":
        print(f"FAIL: .pre-commit-hooks.yaml entry should run promptlint: {hook['entry']!r}")
        return 1
    wanted = {opts.only} if opts.only else {"commits", "suppression", "try-repo"}
    _, help_text = run([str(binary), "scan", "--help"], source, dict(os.environ))
    has_suppression = "--show-suppressed" in help_text
    if not has_suppression:
        print("FAIL: this promptlint has no inline suppression (--show-suppressed missing)")
        return 1

    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="promptlint-precommit-") as tmp_name:
        tmp = Path(tmp_name)
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        (bin_dir / "promptlint").symlink_to(binary)  # for try-repo's `language: system`
        env = git_env(tmp, bin_dir)
        repo = tmp / "repo"
        repo.mkdir()
        for args in (["git", "init", "-q"], ["git", "config", "user.name", "Pre Commit Test"],
                     ["git", "config", "user.email", "precommit@test.invalid"],
                     ["git", "config", "commit.gpgsign", "false"]):
            rc, out = run(args, repo, env)
            if rc != 0:
                print(f"FAIL: {' '.join(args)}: {out}")
                return 1

        local = dict(hook)
        local["entry"] = shlex.join([str(binary), *entry[1:]])
        config = {"repos": [{"repo": "local", "hooks": [local]}]}
        (repo / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2) + "\n")
        rc, out = run(["pre-commit", "install"], repo, env)
        checks.report("pre-commit install", [] if rc == 0 else [f"exit {rc}"], out)

        ok, out = commit(repo, env, {".pre-commit-config.yaml": (repo / ".pre-commit-config.yaml")
                                     .read_text(), "README.md": "# Prompts\n\nNothing secret.\n"},
                         "clean commit")
        problems = [] if ok else ["the commit was blocked"]
        if "promptlint" not in out or "Passed" not in out:
            problems.append("pre-commit did not report the promptlint hook as Passed")
        checks.report("a clean commit goes through", problems, out)

        if "commits" in wanted:
            ok, out = commit(repo, env,
                             {"leaked.env": f"AWS_ACCESS_KEY_ID={KEY}\nREGION=eu-west-1\n"},
                             "add a key")
            problems = ["the commit went through"] if ok else []
            problems += blocked_checks(out)
            checks.report("a commit adding an AWS key is blocked, the key masked", problems, out)
            run(["git", "rm", "-q", "--cached", "leaked.env"], repo, env)
            (repo / "leaked.env").unlink()

        # [SUPPRESSION] The finding is still there, but an inline comment suppresses it.
        if "suppression" in wanted:
            suppression_check(checks, repo, env, has_suppression)

        # try-repo clones the promptlint checkout (locally: no network) and runs its
        # .pre-commit-hooks.yaml as published, with `promptlint` found on PATH.
        if "try-repo" in wanted:
            try_repo_checks(checks, source, repo, env)

    if checks.failed:
        print(f"{checks.failed} pre-commit check(s) failed")
        return 1
    if checks.pending:
        print(f"{checks.pending} pre-commit check(s) pending, the others passed")
        return EXIT_PENDING
    print("all pre-commit checks passed")
    return 0


def suppression_check(checks: Checks, repo: Path, env: dict, has_suppression: bool) -> None:
    ok, out = commit(repo, env, {"allowed.env": f"AWS_ACCESS_KEY_ID={KEY}  "
                                 "# promptlint:ignore test fixture\n"}, "suppressed finding")
    problems = [] if ok else ["the commit was blocked"]
    if KEY in out:
        problems.append("the key is printed in full")
    # Inline suppression is part of promptlint now: the check is always enforced.
    pending = ""
    checks.report("[SUPPRESSION] a finding suppressed with promptlint:ignore goes through",
                  problems, out, pending)
    if not ok:
        run(["git", "rm", "-q", "--cached", "allowed.env"], repo, env)
    (repo / "allowed.env").unlink(missing_ok=True)


def try_repo_checks(checks: Checks, source: Path, repo: Path, env: dict) -> None:
    if run(["git", "rev-parse", "--git-dir"], source, env)[0] != 0:
        checks.report("pre-commit try-repo", [f"{source} is not a git checkout"])
        return
    (repo / "leaked.env").write_text(f"AWS_ACCESS_KEY_ID={KEY}\n")
    (repo / "clean.txt").write_text("Summarise this meeting for me.\n")
    rc, out = run(["pre-commit", "try-repo", str(source), "promptlint", "--files", "leaked.env"],
                  repo, env)
    problems = [f"exit {rc}, expected 1"] if rc != 1 else []
    problems += blocked_checks(out)
    checks.report("try-repo: the published hook blocks a key", problems, out)
    rc, out = run(["pre-commit", "try-repo", str(source), "promptlint", "--files", "clean.txt"],
                  repo, env)
    checks.report("try-repo: the published hook passes a clean file",
                  [] if rc == 0 else [f"exit {rc}, expected 0"], out)


if __name__ == "__main__":
    sys.exit(main())
