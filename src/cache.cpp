#include "promptlint/cache.hpp"

#include "promptlint/digest.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace promptlint::cache {
namespace {

constexpr std::string_view k_magic = "PLCACHE1";
constexpr std::size_t k_sum_bytes = 32;
constexpr std::size_t k_header = k_magic.size() + 8 + k_sum_bytes;

std::array<unsigned char, k_sum_bytes> checksum(std::string_view data) {
    ensure_sodium();
    std::array<unsigned char, k_sum_bytes> sum{};
    crypto_generichash(sum.data(), sum.size(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size(), nullptr, 0);
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
    std::ifstream in(entry_path(dir, key), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string file = std::move(buf).str();
    if (file.size() < k_header || std::string_view(file).substr(0, k_magic.size()) != k_magic) {
        return std::nullopt;
    }
    std::uint64_t size = 0;
    std::memcpy(&size, file.data() + k_magic.size(), sizeof size);
    if (size != file.size() - k_header) {
        return std::nullopt;
    }
    std::string blob = file.substr(k_header);
    auto sum = checksum(blob);
    if (std::memcmp(sum.data(), file.data() + k_magic.size() + 8, k_sum_bytes) != 0) {
        return std::nullopt;
    }
    return blob;
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
    auto sum = checksum(blob);
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
