#include "promptlint/cache.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace promptlint::cache {
namespace {

constexpr std::string_view k_magic = "PLCACHE2";
constexpr std::size_t k_sum_bytes = 8;
constexpr std::size_t k_header = k_magic.size() + 8 + k_sum_bytes;

// BLAKE2b of the whole blob costs ~1 ms per MB, at every start; a 64-bit FNV-1a over 8-byte
// words is enough to tell a damaged or foreign file from ours (this is integrity against
// accidents, not authentication: the cache is written with mode 0600 in the user's own
// folder), and the Hyperscan payload also carries Hyperscan's own CRC.
std::array<unsigned char, k_sum_bytes> checksum(const char* data, std::size_t size) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data + i, 8);
        h = (h ^ word) * 0x100000001b3ULL;
    }
    for (; i < size; ++i) {
        h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ULL;
    }
    h ^= size;
    std::array<unsigned char, k_sum_bytes> sum{};
    std::memcpy(sum.data(), &h, sizeof h);
    return sum;
}

std::filesystem::path entry_path(const std::filesystem::path& dir, std::string_view key) {
    return dir / (std::string(key) + ".plc");
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

std::optional<std::string> load(const std::filesystem::path& dir, std::string_view key) {
    // One read into the final buffer: this runs at every start.
    const int fd = ::open(entry_path(dir, key).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    std::string file;
    if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(k_header)) {
        file.resize(static_cast<std::size_t>(st.st_size));
        std::size_t have = 0;
        while (have < file.size()) {
            const ssize_t n = ::read(fd, file.data() + have, file.size() - have);
            if (n <= 0 && !(n < 0 && errno == EINTR)) {
                break;
            }
            have += n > 0 ? static_cast<std::size_t>(n) : 0;
        }
        file.resize(have);
    }
    ::close(fd);
    if (file.size() < k_header || std::string_view(file).substr(0, k_magic.size()) != k_magic) {
        return std::nullopt;
    }
    std::uint64_t size = 0;
    std::memcpy(&size, file.data() + k_magic.size(), sizeof size);
    if (size != file.size() - k_header) {
        return std::nullopt;
    }
    auto sum = checksum(file.data() + k_header, size);
    if (std::memcmp(sum.data(), file.data() + k_magic.size() + 8, k_sum_bytes) != 0) {
        return std::nullopt;
    }
    file.erase(0, k_header);
    return file;
}

bool store(const std::filesystem::path& dir, std::string_view key, std::string_view blob) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return false;
    }
    ::chmod(dir.c_str(), 0700);
    std::string header(k_magic);
    std::uint64_t size = blob.size();
    header.append(reinterpret_cast<const char*>(&size), sizeof size);
    auto sum = checksum(blob.data(), blob.size());
    header.append(reinterpret_cast<const char*>(sum.data()), sum.size());

    std::random_device rd;
    const auto tmp = dir / (std::string(key) + ".tmp." + std::to_string(::getpid()) + "." +
                            std::to_string(rd()));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    bool ok = write_all(fd, header) && write_all(fd, blob) && ::fsync(fd) == 0;
    ok = (::close(fd) == 0) && ok;
    if (ok) {
        std::filesystem::rename(tmp, entry_path(dir, key), ec);
        ok = !ec;
    }
    if (!ok) {
        std::filesystem::remove(tmp, ec);
    }
    return ok;
}

} // namespace promptlint::cache
