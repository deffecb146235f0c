// `promptlint install-hook`: a plain git pre-commit hook, for people who do not use the
// pre-commit framework (they add `.pre-commit-hooks.yaml`'s hook to their config instead).
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "cli_common.hpp"

namespace promptlint::cli {
namespace {

namespace fs = std::filesystem;

// POSIX sh only: hooks run under whatever /bin/sh the machine has. It fails closed: a missing
// binary or a scan error (exit 2, 3) stops the commit just like a finding does.
constexpr std::string_view k_hook = R"sh(#!/bin/sh
# promptlint pre-commit hook, written by `promptlint install-hook`.
# Stops a commit whose staged changes hold credentials, personal data or confidential material
# of medium severity or above. Skip it once with `git commit --no-verify`; delete this file to
# uninstall. Set PROMPTLINT to the binary's path when it is not on PATH.
promptlint="${PROMPTLINT:-promptlint}"
if ! command -v "$promptlint" >/dev/null 2>&1; then
    echo "promptlint pre-commit hook: '$promptlint' not found: install it, set PROMPTLINT," \
         "or commit with --no-verify" >&2
    exit 1
fi
if "$promptlint" scan --help 2>/dev/null | grep -q -e '--staged'; then
    exec "$promptlint" --staged --fail-on medium
fi
# A promptlint without --staged: scan the working-tree copies of the staged files instead.
echo "promptlint pre-commit hook: this promptlint has no --staged; scanning the staged" \
     "files as they are in the work tree" >&2
if [ -z "$(git diff --cached --name-only --diff-filter=ACMR)" ]; then
    exit 0
fi
git diff --cached --name-only -z --diff-filter=ACMR |
    xargs -0 "$promptlint" --fail-on medium --
)sh";

// Where git runs hooks from: `git rev-parse --git-path hooks` follows core.hooksPath and, in a
// linked worktree, the common git directory.
fs::path hooks_dir() {
    // The command is fixed text; nothing the user typed reaches the shell. git's own message
    // ("not a git repository") goes to stderr as it is.
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen("git rev-parse --git-path hooks", "r"),
                                               ::pclose);
    if (!pipe) {
        throw Error("install-hook: cannot run git");
    }
    std::string out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) {
        out.append(buffer.data(), n);
    }
    const int status = ::pclose(pipe.release());
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
        out.pop_back();
    }
    if (status != 0 || out.empty()) {
        throw Error("install-hook must run inside a git work tree "
                    "(`git rev-parse --git-path hooks` failed)");
    }
    return fs::path(out);
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int run_install_hook(bool force) {
    const fs::path dir = hooks_dir();
    const fs::path hook = dir / "pre-commit";
    std::error_code ec;
    const fs::file_status existing = fs::symlink_status(hook, ec);
    const bool exists = fs::exists(existing);
    if (exists && fs::is_regular_file(existing) && read_text(hook) == k_hook) {
        std::cout << fmt::format("promptlint: {} is already installed\n", hook.string());
        return 0;
    }
    if (exists && !force) {
        throw Error(fmt::format(
            "{} already exists and was left unchanged: run `promptlint install-hook --force` to "
            "replace it, or add `promptlint --staged --fail-on medium` to it yourself",
            hook.string()));
    }
    fs::create_directories(dir, ec);
    if (ec) {
        throw Error(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    }
    // Written aside and renamed over, so that git never runs a half-written hook; renaming
    // replaces a symbolic link itself, never the file it points to.
    const fs::path temp = dir / ".pre-commit.promptlint-new";
    write_file(temp.string(), k_hook);
    fs::permissions(temp,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
    if (!ec) {
        fs::rename(temp, hook, ec);
    }
    if (ec) {
        fs::remove(temp);
        throw Error(fmt::format("{}: cannot install: {}", hook.string(), ec.message()));
    }
    std::cout << fmt::format("promptlint: installed {}{}\n", hook.string(),
                             exists ? " (the previous hook was replaced)" : "");
    return 0;
}

} // namespace

Command add_hook_command(CLI::App& app) {
    auto force = std::make_shared<bool>(false);
    CLI::App* install = app.add_subcommand(
        "install-hook", "Write a git pre-commit hook that runs `promptlint --staged`");
    install->add_flag("--force", *force, "Replace an existing pre-commit hook");
    install->footer("The hook calls `promptlint` from PATH (or $PROMPTLINT) with --staged "
                    "--fail-on medium.\nExit 2 when a hook already exists and --force is not "
                    "given, or outside a git work tree.");
    return {install, [force] { return run_install_hook(*force); }};
}

} // namespace promptlint::cli
