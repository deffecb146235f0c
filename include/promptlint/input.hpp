#pragma once
// The input and decode stages: what to scan (explicit paths, directories walked in sorted
// order, stdin) and how its bytes arrive: files are memory-mapped, pipes and stdin are read in
// bounded chunks, and each source hands out overlapping windows so that a match crossing a
// window boundary is still seen whole. UTF-16 with a BOM is decoded to UTF-8.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

// 1-based, inclusive.
struct LineRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
};

struct InputItem {
    std::string display; // as reported: the path as given or joined during the walk, "-" for stdin
    std::filesystem::path path;
    bool is_stdin = false;
    bool explicit_path = false; // named on the command line: scanned even if it looks binary
    // Contents already in memory (a staged blob); when set, `path` is not read.
    std::shared_ptr<const std::string> contents;
    // When set, only findings that start on these lines are reported (lines added in a diff).
    std::optional<std::vector<LineRange>> only_lines;

    static InputItem standard_input() {
        InputItem item;
        item.display.assign(1, '-'); // not = "-": GCC 12 -O2 -Wrestrict false positive
        item.is_stdin = true;
        item.explicit_path = true;
        return item;
    }
    static InputItem file(std::string display, std::filesystem::path path, bool named) {
        InputItem item;
        item.display = std::move(display);
        item.path = std::move(path);
        item.explicit_path = named;
        return item;
    }
};

struct InputError {
    std::string path;
    std::string message;
};

struct Skip {
    std::string path;
    std::string reason; // "binary", "symlink", "not a regular file"
};

struct Discovery {
    std::vector<InputItem> items;
    std::vector<InputError> errors;
    std::vector<Skip> skipped;
};

struct WalkOptions {
    bool ignore_files = true;                // honour .gitignore and .promptlintignore
    std::uint64_t max_file_size = 8U << 20U; // larger files met in a walk are skipped
    // The configuration's include/exclude globs: true skips a walked path (as joined during
    // the walk; `is_dir` for folders) with the reason "excluded by configuration".
    std::function<bool(const std::filesystem::path& path, bool is_dir)> excluded;
};

// Expands the command-line inputs one at a time. An empty list or "-" means stdin. Directories
// are walked recursively in byte-wise sorted order; ".git" folders, symbolic links, ignored
// paths and files over the size limit are skipped (and reported as skips), so a link loop can
// never hang the walk. A file named on the command line is always scanned.
//
// The walk is lazy: a folder is listed when the walk reaches it, so scanning starts with the
// first file found and memory grows with the depth of a tree, not with its number of files.
// Not thread-safe: callers take turns calling next().
class InputWalk {
public:
    InputWalk(std::vector<std::string> args, WalkOptions options);
    // Hands out inputs already listed (staged files, a diff), then its errors and skips.
    explicit InputWalk(Discovery listed);
    InputWalk(InputWalk&&) noexcept;
    InputWalk& operator=(InputWalk&&) noexcept;
    ~InputWalk();

    // The next input in order; nullopt once every input has been handed out.
    std::optional<InputItem> next();
    // What the walk met so far besides inputs, in walk order: paths it could not read or list,
    // and paths it skipped. The caller may take them once next() has returned nullopt.
    std::vector<InputError>& errors() noexcept;
    std::vector<Skip>& skipped() noexcept;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The whole walk at once: every input, error and skip, in the order InputWalk hands them out.
Discovery discover(const std::vector<std::string>& args, const WalkOptions& options = {});

// A reason an input could not be read, for the user (errno text and what was attempted).
class InputFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One window of an input: `bytes` start at absolute offset `base`; consecutive windows overlap
// by the `overlap` the source was opened with.
struct Window {
    std::string_view bytes;
    std::uint64_t base = 0;
    bool last = false;
};

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Fills `w` with the next window; false when the input is exhausted. Throws InputFailure.
    virtual bool next(Window& w) = 0;
};

// Puts a window already read back in front of the rest of its source (to look at an input's
// first bytes, then scan it from the start).
class Replay final : public ByteSource {
public:
    Replay(Window first, ByteSource& rest) : m_first(first), m_rest(rest) {}
    bool next(Window& w) override;

private:
    Window m_first;
    ByteSource& m_rest;
    bool m_replayed = false;
};

// Every byte of a source whose windows overlap, once.
std::string read_all(ByteSource& source);

struct SourceLimits {
    std::size_t overlap = 0;                       // bytes repeated from the previous window
    std::size_t stream_window = 1U << 20U;         // bytes per window read from a pipe
    std::size_t mapped_window = 16U * (1U << 20U); // bytes per window of a mapped file
};

// Opens a file (mapped when it is regular and not empty, read in chunks otherwise) or stdin.
// Throws InputFailure.
std::unique_ptr<ByteSource> open_source(const InputItem& item, const SourceLimits& limits);
// A source over bytes already in memory (decoded text, tests).
std::unique_ptr<ByteSource> memory_source(std::string bytes, const SourceLimits& limits);

// Decode stage. A NUL byte in the first block means binary (UTF-16 aside).
bool looks_binary(std::string_view first_block) noexcept;
bool starts_with_utf16_bom(std::string_view bytes) noexcept;
// UTF-16LE/BE text with a BOM, as UTF-8 (the BOM dropped, unpaired surrogates as U+FFFD);
// nullopt when `bytes` does not start with a UTF-16 BOM.
std::optional<std::string> decode_utf16(std::string_view bytes);

} // namespace promptlint
