#pragma once
// The command line: CLI11 set-up, one function per subcommand, and the single place where
// errors become the documented exit codes.

namespace promptlint {

// Runs promptlint with the process's arguments; returns the exit code.
int run(int argc, const char* const* argv);

} // namespace promptlint
