#!/usr/bin/env python3
"""`promptlint install-hook`: the hook it writes, where it writes it, and when it refuses.

Each check runs in a fresh temporary git repository (no network, no global git config):
  - outside a work tree: exit 2 and a message;
  - the hook: POSIX sh (`sh -n`), executable, runs `promptlint --staged --fail-on medium`;
  - running it again is a no-op; an existing foreign hook (file or symbolic link) is left
    byte for byte unchanged with exit 2 unless --force, which replaces it (never the file a
    link points to);
  - core.hooksPath and linked worktrees are honoured (`git rev-parse --git-path hooks`);
  - a real `git commit` through the hook: a staged key is blocked, a clean file passes.

  install_hook_test.py --binary build/promptlint
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

KEY = "AKIAQ3EGRHTQZLWYXV7N"  # made up; the built-in AWS rule reports it
FOREIGN = "#!/bin/sh\necho 'someone else s hook'\n"


class Env:
    def __init__(self, tmp: Path, binary: Path) -> None:
        self.binary = binary
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        self.env.update({"HOME": str(tmp / "home"), "XDG_CACHE_HOME": str(tmp / "cache"),
                         "XDG_CONFIG_HOME": str(tmp / "config"), "GIT_CONFIG_NOSYSTEM": "1",
                         "PROMPTLINT": str(binary)})
        self.count = 0
        self.tmp = tmp

    def run(self, args: list[str], cwd: Path) -> tuple[int, str]:
        proc = subprocess.run(args, cwd=cwd, env=self.env, capture_output=True, timeout=120)
        return proc.returncode, proc.stdout.decode(errors="replace") + proc.stderr.decode(
            errors="replace")

    def install(self, cwd: Path, *extra: str) -> tuple[int, str]:
        return self.run([str(self.binary), "install-hook", *extra], cwd)

    def repo(self) -> Path:
        self.count += 1
        repo = self.tmp / f"repo{self.count}"
        repo.mkdir()
        for args in (["git", "init", "-q"], ["git", "config", "user.name", "Hook Test"],
                     ["git", "config", "user.email", "hook@test.invalid"],
                     ["git", "config", "commit.gpgsign", "false"]):
            rc, out = self.run(args, repo)
            assert rc == 0, out
        return repo


def check_hook_file(env: Env, hook: Path) -> list[str]:
    problems = []
    if not hook.is_file():
        return [f"{hook} was not written"]
    text = hook.read_text()
    if not text.startswith("#!/bin/sh\n"):
        problems.append("the hook does not start with #!/bin/sh")
    if 'exec "$promptlint" --staged --fail-on medium\n' not in text:
        problems.append("the hook does not run `promptlint --staged --fail-on medium`")
    if not os.access(hook, os.X_OK):
        problems.append("the hook is not executable")
    rc, out = env.run(["sh", "-n", str(hook)], hook.parent)
    if rc != 0:
        problems.append(f"sh -n: {out}")
    return problems


def test_outside_a_repository(env: Env) -> list[str]:
    lonely = env.tmp / "not-a-repo"
    lonely.mkdir()
    rc, out = env.install(lonely)
    problems = [] if rc == 2 else [f"exit {rc}, expected 2"]
    if "git work tree" not in out:
        problems.append(f"unclear message: {out!r}")
    return problems


def test_writes_the_hook(env: Env) -> list[str]:
    repo = env.repo()
    (repo / "sub").mkdir()
    rc, out = env.install(repo / "sub")  # from a subfolder: the path comes from git
    problems = [] if rc == 0 else [f"exit {rc}: {out}"]
    return problems + check_hook_file(env, repo / ".git" / "hooks" / "pre-commit")


def test_again_is_a_no_op(env: Env) -> list[str]:
    repo = env.repo()
    env.install(repo)
    hook = repo / ".git" / "hooks" / "pre-commit"
    before = hook.read_bytes()
    rc, out = env.install(repo)
    problems = [] if rc == 0 else [f"exit {rc}: {out}"]
    if "already installed" not in out:
        problems.append(f"unclear message: {out!r}")
    return problems + ([] if hook.read_bytes() == before else ["the hook changed"])


def test_refuses_a_foreign_hook_unless_forced(env: Env) -> list[str]:
    repo = env.repo()
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(FOREIGN)
    rc, out = env.install(repo)
    problems = [] if rc == 2 else [f"exit {rc}, expected 2"]
    if "already exists" not in out or "--force" not in out:
        problems.append(f"the refusal does not say what to do: {out!r}")
    if hook.read_text() != FOREIGN:
        problems.append("the existing hook was changed without --force")
    rc, out = env.install(repo, "--force")
    if rc != 0 or "replaced" not in out:
        problems.append(f"--force: exit {rc}: {out!r}")
    return problems + check_hook_file(env, hook)


def test_a_linked_hook_is_replaced_not_its_target(env: Env) -> list[str]:
    repo = env.repo()
    target = env.tmp / "shared-hook.sh"
    target.write_text(FOREIGN)
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.symlink_to(target)
    rc, _ = env.install(repo)
    problems = [] if rc == 2 else [f"exit {rc} for a symbolic link, expected 2"]
    rc, out = env.install(repo, "--force")
    if rc != 0:
        problems.append(f"--force: exit {rc}: {out}")
    if hook.is_symlink():
        problems.append("the link is still there")
    if target.read_text() != FOREIGN:
        problems.append("the link's target was overwritten")
    return problems + check_hook_file(env, hook)


def test_core_hooks_path(env: Env) -> list[str]:
    repo = env.repo()
    env.run(["git", "config", "core.hooksPath", "tools/hooks"], repo)
    rc, out = env.install(repo)
    problems = [] if rc == 0 else [f"exit {rc}: {out}"]
    if (repo / ".git" / "hooks" / "pre-commit").exists():
        problems.append("written to .git/hooks despite core.hooksPath")
    return problems + check_hook_file(env, repo / "tools" / "hooks" / "pre-commit")


def test_linked_worktree(env: Env) -> list[str]:
    repo = env.repo()
    (repo / "a.txt").write_text("a\n")
    env.run(["git", "add", "a.txt"], repo)
    env.run(["git", "commit", "-q", "--no-verify", "-m", "a"], repo)
    worktree = env.tmp / "linked"
    rc, out = env.run(["git", "worktree", "add", "-q", str(worktree)], repo)
    if rc != 0:
        return [f"git worktree add: {out}"]
    rc, out = env.install(worktree)
    problems = [] if rc == 0 else [f"exit {rc}: {out}"]
    # Hooks of linked worktrees live in the common git directory.
    return problems + check_hook_file(env, repo / ".git" / "hooks" / "pre-commit")


def test_the_hook_blocks_a_staged_key(env: Env) -> list[str]:
    repo = env.repo()
    env.install(repo)
    (repo / "notes.txt").write_text("Summarise this for me.\n")
    env.run(["git", "add", "notes.txt"], repo)
    rc, out = env.run(["git", "commit", "-q", "-m", "clean"], repo)
    problems = [] if rc == 0 else [f"a clean commit was blocked: {out}"]
    (repo / "leak.env").write_text(f"AWS_ACCESS_KEY_ID={KEY}\n")
    env.run(["git", "add", "leak.env"], repo)
    rc, out = env.run(["git", "commit", "-q", "-m", "leak"], repo)
    if rc == 0:
        problems.append("a commit with a key went through")
    if "AWS access key ID" not in out or KEY in out:
        problems.append(f"the message does not name the finding masked: {out!r}")
    env.env["PROMPTLINT"] = str(env.tmp / "no-such-promptlint")
    rc, out = env.run(["git", "commit", "-q", "--allow-empty", "-m", "empty"], repo)
    env.env["PROMPTLINT"] = str(env.binary)
    if rc == 0 or "not found" not in out:
        problems.append(f"without a binary the hook must fail closed: exit {rc}: {out!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    binary = parser.parse_args().binary.resolve()
    tests = [test_outside_a_repository, test_writes_the_hook, test_again_is_a_no_op,
             test_refuses_a_foreign_hook_unless_forced,
             test_a_linked_hook_is_replaced_not_its_target, test_core_hooks_path,
             test_linked_worktree, test_the_hook_blocks_a_staged_key]
    failed = 0
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="promptlint-hook-") as tmp:
            problems = test(Env(Path(tmp), binary))
        name = test.__name__.removeprefix("test_").replace("_", " ")
        print(f"{'FAIL' if problems else 'ok'}: {name}")
        for p in problems:
            print(f"    {p}")
        failed += bool(problems)
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
