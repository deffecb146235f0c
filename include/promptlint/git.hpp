#pragma once
// Git-aware inputs, for the pre-commit hook and CI: the staged version of every file about to
// be committed (--staged), or only the lines added since a revision (--diff REV). Talks to the
// `git` command, never a library, and a failing git is an error, never an empty input list:
// a gate must not pass because it saw nothing.

#include "promptlint/input.hpp"

#include <string>
#include <vector>

namespace promptlint {

// What a child process printed, and how it ended.
struct ProcessResult {
    int status = -1; // the exit code, or -1 when it could not be started or was killed
    std::string out;
    std::string err;
};

// Runs a program found on PATH with `args` (no shell) and collects its output.
ProcessResult run_process(const std::vector<std::string>& args);

// Every added, copied, modified or renamed file in the index, each carrying its staged
// contents; paths are relative to the repository root. Throws Error when git fails.
std::vector<InputItem> staged_inputs();

// Every file that differs from `rev` in the working tree, and every untracked file that is not
// ignored, each limited to the lines added since `rev`. Throws Error when git fails.
std::vector<InputItem> diff_inputs(const std::string& rev);

// The 1-based, inclusive line ranges a unified diff with zero context adds to the new file.
std::vector<LineRange> added_lines(std::string_view unified_diff);

} // namespace promptlint
