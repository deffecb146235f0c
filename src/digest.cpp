#include "promptlint/digest.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace promptlint {

void ensure_sodium() {
    // sodium_init() is idempotent and thread-safe; the static makes the call once per process.
    static const int k_ready = sodium_init();
    (void)k_ready;
}

std::string digest_hex(std::string_view data, std::size_t bytes) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES_MAX> raw{};
    bytes =
        std::clamp<std::size_t>(bytes, crypto_generichash_BYTES_MIN, crypto_generichash_BYTES_MAX);
    crypto_generichash(raw.data(), bytes, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size(), nullptr, 0);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes * 2);
    for (std::size_t i = 0; i < bytes; ++i) {
        out.push_back(k_hex[raw[i] >> 4U]);
        out.push_back(k_hex[raw[i] & 0xFU]);
    }
    return out;
}

std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view value) {
    std::string material = "promptlint-fingerprint-v1";
    for (std::string_view part : {rule_id, path, value}) {
        material += '\0';
        material += part;
    }
    return "v1:" + digest_hex(material, 16);
}

} // namespace promptlint
