#include "promptlint/input.hpp"

#include "promptlint/ignore.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace promptlint {
namespace {

namespace fs = std::filesystem;

// Files up to this size are read, larger ones mapped.
constexpr off_t k_map_threshold = 256 * 1024;
constexpr const char* k_excluded = "excluded by configuration";

std::string errno_text(int err) {
    return std::strerror(err);
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) noexcept : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd > STDIN_FILENO) {
            ::close(m_fd);
        }
    }
    int get() const noexcept { return m_fd; }

private:
    int m_fd;
};

// A regular file, mapped once; windows are views into the mapping (no copies).
class MappedSource final : public ByteSource {
public:
    MappedSource(int fd, std::size_t size, const SourceLimits& limits)
        : m_size(size), m_limits(limits) {
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            throw InputFailure(fmt::format("cannot map file: {}", errno_text(errno)));
        }
        ::madvise(p, size, MADV_SEQUENTIAL);
        m_data = static_cast<const char*>(p);
    }
    MappedSource(const MappedSource&) = delete;
    MappedSource& operator=(const MappedSource&) = delete;
    ~MappedSource() override { ::munmap(const_cast<char*>(m_data), m_size); }

    bool next(Window& w) override {
        if (m_done) {
            return false;
        }
        const std::size_t step = m_limits.mapped_window - m_limits.overlap;
        const std::size_t base = m_windows == 0 ? 0 : m_windows * step;
        const std::size_t end = std::min(m_size, base + m_limits.mapped_window);
        w.bytes = std::string_view(m_data + base, end - base);
        w.base = base;
        w.last = end == m_size;
        m_done = w.last;
        ++m_windows;
        return true;
    }

private:
    const char* m_data = nullptr;
    std::size_t m_size;
    SourceLimits m_limits;
    std::size_t m_windows = 0;
    bool m_done = false;
};

// A pipe, FIFO, terminal or stdin: read in bounded chunks, keeping the last `overlap` bytes of
// each window at the front of the next, so memory stays at one window whatever the input size.
class StreamSource final : public ByteSource {
public:
    StreamSource(std::unique_ptr<FileDescriptor> fd, const SourceLimits& limits)
        : m_fd(std::move(fd)), m_limits(limits) {
        m_buffer.resize(limits.stream_window);
    }

    bool next(Window& w) override {
        if (m_eof && m_emitted) {
            return false;
        }
        std::size_t kept = 0;
        if (m_emitted) {
            kept = std::min(m_limits.overlap, m_filled);
            std::memmove(m_buffer.data(), m_buffer.data() + m_filled - kept, kept);
            m_base += m_filled - kept;
        }
        m_filled = kept;
        while (m_filled < m_buffer.size()) {
            ssize_t n = ::read(m_fd->get(), m_buffer.data() + m_filled, m_buffer.size() - m_filled);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw InputFailure(fmt::format("read failed: {}", errno_text(errno)));
            }
            if (n == 0) {
                m_eof = true;
                break;
            }
            m_filled += static_cast<std::size_t>(n);
        }
        // When nothing new arrived, this window is only the previous tail, marked last: the
        // scanner then reports what starts in the final bytes, which it had held back.
        w.bytes = std::string_view(m_buffer.data(), m_filled);
        w.base = m_base;
        w.last = m_eof;
        m_emitted = true;
        return true;
    }

private:
    std::unique_ptr<FileDescriptor> m_fd;
    SourceLimits m_limits;
    std::vector<char> m_buffer;
    std::size_t m_filled = 0;
    std::uint64_t m_base = 0;
    bool m_eof = false;
    bool m_emitted = false;
};

class MemorySource final : public ByteSource {
public:
    MemorySource(std::string bytes, const SourceLimits& limits)
        : m_bytes(std::move(bytes)), m_limits(limits) {}

    bool next(Window& w) override {
        if (m_done) {
            return false;
        }
        const std::size_t step = m_limits.stream_window - m_limits.overlap;
        const std::size_t base = m_windows * step;
        const std::size_t end = std::min(m_bytes.size(), base + m_limits.stream_window);
        w.bytes = std::string_view(m_bytes).substr(base, end - base);
        w.base = base;
        w.last = end == m_bytes.size();
        m_done = w.last;
        ++m_windows;
        return true;
    }

private:
    std::string m_bytes;
    SourceLimits m_limits;
    std::size_t m_windows = 0;
    bool m_done = false;
};

std::string read_small_file(const fs::path& path) {
    std::string text;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        char buf[8192];
        for (std::size_t n;
             (n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < (1U << 20U);) {
            text.append(buf, n);
        }
        std::fclose(f);
    }
    return text;
}

} // namespace

struct InputWalk::State {
    // One folder being walked: its entries, sorted, and how far the walk has got.
    struct Folder {
        std::vector<fs::directory_entry> entries;
        std::size_t next = 0;
        std::string display;
        std::string rel;              // relative to the walked root, "" for the root
        std::size_t inherited_ignore; // the ignore patterns in force above this folder
    };

    std::vector<std::string> args;
    std::size_t next_arg = 0;
    WalkOptions options;
    std::vector<InputItem> listed;
    std::size_t next_listed = 0;
    std::vector<Folder> folders; // the path from the walked root to the current folder
    IgnoreRules ignore;
    std::vector<InputError> errors;
    std::vector<Skip> skipped;

    // Lists a folder the walk enters; on failure records the error and leaves nothing behind.
    void enter(const fs::path& dir, std::string display, std::string rel) {
        const std::size_t inherited = ignore.size();
        if (options.ignore_files) {
            for (const char* name : {".gitignore", ".promptlintignore"}) {
                std::error_code ec;
                if (fs::is_regular_file(dir / name, ec)) {
                    ignore.add_file(read_small_file(dir / name), rel);
                }
            }
        }
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        std::vector<fs::directory_entry> entries;
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            entries.push_back(*it);
        }
        if (ec) {
            errors.push_back({display, fmt::format("cannot list directory: {}", ec.message())});
            ignore.truncate(inherited);
            return;
        }
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return a.path().filename() < b.path().filename();
        });
        folders.push_back({std::move(entries), 0, std::move(display), std::move(rel), inherited});
    }

    // The next file of the folders being walked, entering and leaving folders on the way.
    std::optional<InputItem> next_walked() {
        while (!folders.empty()) {
            Folder& folder = folders.back();
            if (folder.next == folder.entries.size()) {
                ignore.truncate(folder.inherited_ignore);
                folders.pop_back();
                continue;
            }
            const fs::directory_entry entry = folder.entries[folder.next++];
            const std::string name = entry.path().filename().string();
            const std::string& display = folder.display;
            std::string child =
                (display.empty() || display.back() == '/') ? display + name : display + "/" + name;
            std::string child_rel = folder.rel.empty() ? name : folder.rel + "/" + name;
            // The entry's type comes from the directory listing where the file system gives
            // one: no stat call per entry, which on a large tree costs as much as reading small
            // files.
            std::error_code sec;
            const bool link = entry.is_symlink(sec);
            const bool directory = !sec && !link && entry.is_directory(sec);
            const bool regular = !sec && !link && !directory && entry.is_regular_file(sec);
            if (sec) {
                errors.push_back({child, fmt::format("cannot stat: {}", sec.message())});
            } else if (link) {
                skipped.push_back({child, "symlink"});
            } else if (directory) {
                if (name == ".git") {
                    continue;
                }
                if (ignore.ignored(child_rel, true)) {
                    skipped.push_back({child, "ignored"});
                } else if (options.excluded && options.excluded(entry.path(), true)) {
                    skipped.push_back({child, k_excluded});
                } else {
                    enter(entry.path(), std::move(child), std::move(child_rel)); // `folder` dies
                }
            } else if (regular) {
                if (ignore.ignored(child_rel, false)) {
                    skipped.push_back({child, "ignored"});
                    continue;
                }
                if (options.excluded && options.excluded(entry.path(), false)) {
                    skipped.push_back({child, k_excluded});
                    continue;
                }
                std::error_code size_ec;
                const auto size = entry.file_size(size_ec);
                if (!size_ec && size > options.max_file_size) {
                    skipped.push_back(
                        {child, fmt::format("larger than {} bytes", options.max_file_size)});
                    continue;
                }
                return InputItem::file(std::move(child), entry.path(), false);
            } else {
                skipped.push_back({child, "not a regular file"});
            }
        }
        return std::nullopt;
    }
};

InputWalk::InputWalk(std::vector<std::string> args, WalkOptions options)
    : m_state(std::make_unique<State>()) {
    if (args.empty()) {
        args.emplace_back("-");
    }
    m_state->args = std::move(args);
    m_state->options = std::move(options);
}

InputWalk::InputWalk(Discovery listed) : m_state(std::make_unique<State>()) {
    m_state->listed = std::move(listed.items);
    m_state->errors = std::move(listed.errors);
    m_state->skipped = std::move(listed.skipped);
}

InputWalk::InputWalk(InputWalk&&) noexcept = default;
InputWalk& InputWalk::operator=(InputWalk&&) noexcept = default;
InputWalk::~InputWalk() = default;

std::vector<InputError>& InputWalk::errors() noexcept {
    return m_state->errors;
}

std::vector<Skip>& InputWalk::skipped() noexcept {
    return m_state->skipped;
}

std::optional<InputItem> InputWalk::next() {
    State& s = *m_state;
    if (s.next_listed < s.listed.size()) {
        return std::move(s.listed[s.next_listed++]);
    }
    while (true) {
        if (auto item = s.next_walked()) {
            return item;
        }
        if (s.next_arg == s.args.size()) {
            return std::nullopt;
        }
        const std::string& arg = s.args[s.next_arg++];
        if (arg == "-") {
            return InputItem::standard_input();
        }
        std::error_code ec;
        const auto status = fs::status(arg, ec);
        if (ec || !fs::exists(status)) {
            s.errors.push_back({arg, ec ? ec.message() : std::string("No such file or directory")});
        } else if (fs::is_directory(status)) {
            s.enter(arg, arg, "");
        } else {
            return InputItem::file(arg, arg, true);
        }
    }
}

Discovery discover(const std::vector<std::string>& args, const WalkOptions& options) {
    InputWalk walk(args, options);
    Discovery out;
    while (auto item = walk.next()) {
        out.items.push_back(std::move(*item));
    }
    out.errors = std::move(walk.errors());
    out.skipped = std::move(walk.skipped());
    return out;
}

std::unique_ptr<ByteSource> open_source(const InputItem& item, const SourceLimits& limits) {
    if (item.is_stdin) {
        return std::make_unique<StreamSource>(std::make_unique<FileDescriptor>(STDIN_FILENO),
                                              limits);
    }
    int raw = ::open(item.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (raw < 0) {
        throw InputFailure(fmt::format("cannot open: {}", errno_text(errno)));
    }
    auto fd = std::make_unique<FileDescriptor>(raw);
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0) {
        throw InputFailure(fmt::format("cannot stat: {}", errno_text(errno)));
    }
    if (S_ISDIR(st.st_mode)) {
        throw InputFailure("is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > k_map_threshold) {
        return std::make_unique<MappedSource>(fd->get(), static_cast<std::size_t>(st.st_size),
                                              limits);
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        // Mapping and unmapping costs more than one read for the small files of a repository.
        std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t have = 0;
        while (have < bytes.size()) {
            ssize_t n = ::read(fd->get(), bytes.data() + have, bytes.size() - have);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                throw InputFailure(fmt::format("read failed: {}", errno_text(errno)));
            }
            if (n == 0) {
                break; // the file shrank while we read it: scan what is there
            }
            have += static_cast<std::size_t>(n);
        }
        bytes.resize(have);
        return memory_source(std::move(bytes), limits);
    }
    // Empty regular files (which may still be special files like /proc entries), FIFOs, devices.
    return std::make_unique<StreamSource>(std::move(fd), limits);
}

std::unique_ptr<ByteSource> memory_source(std::string bytes, const SourceLimits& limits) {
    return std::make_unique<MemorySource>(std::move(bytes), limits);
}

bool looks_binary(std::string_view first_block) noexcept {
    if (starts_with_utf16_bom(first_block)) {
        return false;
    }
    return first_block.substr(0, 8192).find('\0') != std::string_view::npos;
}

std::optional<std::string> decode_utf16(std::string_view bytes) {
    bool little;
    if (bytes.starts_with("\xFF\xFE")) {
        little = true;
    } else if (bytes.starts_with("\xFE\xFF")) {
        little = false;
    } else {
        return std::nullopt;
    }
    auto unit = [&](std::size_t i) -> std::uint32_t {
        auto a = static_cast<unsigned char>(bytes[i]);
        auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little ? (std::uint32_t{b} << 8U) | a : (std::uint32_t{a} << 8U) | b;
    };
    auto put = [](std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
            out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
            out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
            out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
        } else {
            out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
            out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
            out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
            out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
        }
    };
    constexpr std::uint32_t k_replacement = 0xFFFD;
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 2;
    for (; i + 1 < bytes.size(); i += 2) {
        std::uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            std::uint32_t lo = unit(i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                put(out, 0x10000 + ((u - 0xD800) << 10U) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        put(out, (u >= 0xD800 && u <= 0xDFFF) ? k_replacement : u);
    }
    if (i < bytes.size()) {
        put(out, k_replacement); // a dangling odd byte
    }
    return out;
}

bool Replay::next(Window& w) {
    if (!m_replayed) {
        m_replayed = true;
        w = m_first;
        return true;
    }
    return !m_first.last && m_rest.next(w);
}

std::string read_all(ByteSource& source) {
    std::string out;
    Window w;
    while (source.next(w)) {
        const std::uint64_t have = out.size();
        if (w.base + w.bytes.size() > have) {
            out.append(w.bytes.substr(have - w.base));
        }
        if (w.last) {
            break;
        }
    }
    return out;
}

bool starts_with_utf16_bom(std::string_view bytes) noexcept {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

} // namespace promptlint
