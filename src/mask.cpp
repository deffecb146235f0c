#include "promptlint/mask.hpp"

#include "promptlint/text.hpp"

#include <algorithm>

namespace promptlint {
namespace {

bool continuation(char c) noexcept {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// Byte length of the first `chars` UTF-8 characters of `s`.
std::size_t prefix_bytes(std::string_view s, std::size_t chars) noexcept {
    std::size_t i = 0;
    for (std::size_t n = 0; i < s.size() && n < chars; ++n) {
        ++i;
        while (i < s.size() && continuation(s[i])) {
            ++i;
        }
    }
    return i;
}

} // namespace

std::size_t revealed_characters(std::size_t length) noexcept {
    if (length >= 16) {
        return 4;
    }
    return length >= 8 ? 2 : 0;
}

std::string mask_value(std::string_view value) {
    const std::size_t length = utf8_length(value);
    const std::size_t shown = prefix_bytes(value, revealed_characters(length));
    std::string out = printable(value.substr(0, shown));
    out.append(length - revealed_characters(length), '*');
    return out;
}

std::string preview(std::string_view value, bool show_secrets) {
    if (show_secrets) {
        return std::string(value);
    }
    const std::size_t length = utf8_length(value);
    const std::size_t shown = revealed_characters(length);
    std::string out = printable(value.substr(0, prefix_bytes(value, shown)));
    out.append(std::min<std::size_t>(length - shown, 12), '*');
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '\t') {
            out.push_back(' ');
        } else if (u < 0x20 || u == 0x7F) {
            out.push_back('?');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

} // namespace promptlint
