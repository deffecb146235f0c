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

constexpr std::string_view k_magic = "PLCACHE3";
constexpr std::size_t k_sum_bytes = 8;
constexpr std::size_t k_header = k_magic.size() + 8 + k_sum_bytes;

// BLAKE2b of the whole blob costs ~1 ms per MB, at every start; 64-bit FNV-1a over 8-byte
// words is enough to tell a damaged or foreign file from ours (this is integrity against
// accidents, not authentication: the cache is written with mode 0600 in the user's own
// folder), and the Hyperscan payload also carries Hyperscan's own CRC. Four interleaved lanes,
// because one multiply chain is latency-bound (~1 ms for a 6 MB database; four: a quarter).
std::array<unsigned char, k_sum_bytes> checksum(const char* data, std::size_t size) {
    constexpr std::uint64_t k_prime = 0x100000001b3ULL;
    std::array<std::uint64_t, 4> lane{0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL,
                                      0x9ce484222325cbf2ULL, 0x2325cbf29ce48422ULL};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        for (std::size_t k = 0; k < 4; ++k) {
            std::uint64_t word = 0;
            std::memcpy(&word, data + i + 8 * k, 8);
            lane[k] = (lane[k] ^ word) * k_prime;
        }
    }
    std::uint64_t h = lane[0];
    for (std::size_t k = 1; k < 4; ++k) {
        h = (h ^ lane[k]) * k_prime;
    }
    for (; i < size; ++i) {
        h = (h ^ static_cast<unsigned char>(data[i])) * k_prime;
    }
    h ^= size;
    std::array<unsigned char, k_sum_bytes> sum{};
    std::memcpy(sum.data(), &h, sizeof h);
    return sum;
}

std::filesystem::path entry_path(const std::filesystem::path& dir, std::string_view key) {
    return dir / (std::string(key) + ".plc");
}

// Exactly `size` bytes, or false (error, or the file is shorter than it said).
bool read_all(int fd, char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::read(fd, data, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
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
    // This runs at every start on a multi-megabyte entry: the header is read on its own so the
    // payload lands in its final buffer with one read, never moved afterwards.
    const int fd = ::open(entry_path(dir, key).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::array<char, k_header> header{};
    std::string payload;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(k_header) &&
              read_all(fd, header.data(), header.size()) &&
              std::string_view(header.data(), k_magic.size()) == k_magic;
    if (ok) {
        std::uint64_t size = 0;
        std::memcpy(&size, header.data() + k_magic.size(), sizeof size);
        ok = size == static_cast<std::uint64_t>(st.st_size) - k_header;
        if (ok) {
            payload.resize(static_cast<std::size_t>(size));
            ok = read_all(fd, payload.data(), payload.size());
        }
    }
    ::close(fd);
    if (!ok) {
        return std::nullopt;
    }
    auto sum = checksum(payload.data(), payload.size());
    if (std::memcmp(sum.data(), header.data() + k_magic.size() + 8, k_sum_bytes) != 0) {
        return std::nullopt;
    }
    return payload;
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
