#include "promptlint/git.hpp"

#include "promptlint/types.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace promptlint {
namespace {

class Pipe {
public:
    Pipe() {
        if (::pipe2(m_fds, O_CLOEXEC) != 0) {
            throw Error(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
        }
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    ~Pipe() {
        close_read();
        close_write();
    }
    int read_end() const noexcept { return m_fds[0]; }
    int write_end() const noexcept { return m_fds[1]; }
    void close_read() noexcept { close_fd(m_fds[0]); }
    void close_write() noexcept { close_fd(m_fds[1]); }

private:
    static void close_fd(int& fd) noexcept {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
    int m_fds[2] = {-1, -1};
};

// Reads both pipes until both are closed; polling avoids the deadlock of a child that fills
// one pipe while we block reading the other.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open = 2;
    char buf[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) {
                continue;
            }
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open;
            }
        }
    }
}

std::string first_line(std::string_view s) {
    std::string_view line = s.substr(0, s.find('\n'));
    return std::string(line.empty() ? "no output" : line);
}

ProcessResult git(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
}

// Runs git and returns its output; throws Error with git's own message when it fails.
std::string git_or_throw(const std::vector<std::string>& args) {
    ProcessResult r = git(args);
    if (r.status != 0) {
        const std::string& command = args.size() > 2 && args[0] == "-C" ? args[2] : args.at(0);
        throw Error(
            fmt::format("git {} failed: {}", command, first_line(r.err.empty() ? r.out : r.err)));
    }
    return std::move(r.out);
}

std::string repository_root() {
    std::string root = git_or_throw({"rev-parse", "--show-toplevel"});
    while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) {
        root.pop_back();
    }
    return root;
}

std::vector<std::string> split_nul(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        std::size_t end = s.find('\0');
        out.emplace_back(s.substr(0, end));
        if (end == std::string_view::npos) {
            break;
        }
        s.remove_prefix(end + 1);
    }
    return out;
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& args) {
    ProcessResult result;
    Pipe out;
    Pipe err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    for (const std::string& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    out.close_write();
    err.close_write();
    if (rc != 0) {
        result.err = fmt::format("cannot run {}: {}", args.front(), std::strerror(rc));
        return result;
    }
    drain(out.read_end(), err.read_end(), result.out, result.err);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::vector<InputItem> staged_inputs() {
    const std::string root = repository_root();
    const std::string names = git_or_throw(
        {"-C", root, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--"});
    std::vector<InputItem> items;
    for (std::string& path : split_nul(names)) {
        ProcessResult blob = git({"-C", root, "cat-file", "blob", ":" + path});
        if (blob.status != 0) {
            throw Error(fmt::format("git cannot read the staged version of {}: {}", path,
                                    first_line(blob.err)));
        }
        InputItem item;
        item.display = path;
        item.path = std::filesystem::path(root) / path;
        item.contents = std::make_shared<const std::string>(std::move(blob.out));
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<LineRange> added_lines(std::string_view diff) {
    std::vector<LineRange> ranges;
    for (std::size_t pos = diff.find("\n@@ "); pos != std::string_view::npos;
         pos = diff.find("\n@@ ", pos + 1)) {
        // @@ -a[,b] +c[,d] @@
        std::size_t plus = diff.find(" +", pos);
        if (plus == std::string_view::npos) {
            break;
        }
        const char* p = diff.data() + plus + 2;
        const char* end = diff.data() + diff.size();
        std::uint64_t first = 0;
        std::uint64_t count = 1;
        auto r = std::from_chars(p, end, first);
        if (r.ec != std::errc() || r.ptr == end) {
            continue;
        }
        if (*r.ptr == ',') {
            r = std::from_chars(r.ptr + 1, end, count);
            if (r.ec != std::errc()) {
                continue;
            }
        }
        if (count > 0) {
            ranges.push_back({first, first + count - 1});
        }
    }
    return ranges;
}

std::vector<InputItem> diff_inputs(const std::string& rev) {
    const std::string root = repository_root();
    // Fails clearly on an unknown revision instead of diffing against nothing.
    if (git({"-C", root, "rev-parse", "--verify", "--quiet", rev + "^{commit}"}).status != 0) {
        throw Error(fmt::format("--diff: '{}' is not a commit in {}", rev, root));
    }
    const std::string changed =
        git_or_throw({"-C", root, "diff", "--name-only", "-z", "--diff-filter=ACMR", rev, "--"});
    const std::string untracked =
        git_or_throw({"-C", root, "ls-files", "--others", "--exclude-standard", "-z"});
    std::vector<InputItem> items;
    for (std::string& path : split_nul(changed)) {
        const std::string diff = git_or_throw(
            {"-C", root, "diff", "-U0", "--no-color", "--no-ext-diff", rev, "--", path});
        InputItem item;
        item.display = path;
        item.path = std::filesystem::path(root) / path;
        item.only_lines = added_lines("\n" + diff);
        if (!item.only_lines->empty()) {
            items.push_back(std::move(item));
        }
    }
    for (std::string& path : split_nul(untracked)) {
        InputItem item;
        item.display = path;
        item.path = std::filesystem::path(root) / path;
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace promptlint
