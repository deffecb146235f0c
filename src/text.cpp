#include "promptlint/text.hpp"

#include <algorithm>

namespace promptlint {
namespace {

unsigned char fold(char c) noexcept {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u + ('a' - 'A')) : u;
}

bool is_separator(unsigned char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_';
}

// Matches `phrase` at `pos`; returns the end of the match in `text`, or npos.
std::size_t match_at(std::string_view text, std::size_t pos, std::string_view phrase) noexcept {
    std::size_t t = pos;
    std::size_t p = 0;
    while (p < phrase.size()) {
        if (phrase[p] == ' ') {
            if (t >= text.size() || !is_separator(static_cast<unsigned char>(text[t]))) {
                return std::string_view::npos;
            }
            while (t < text.size() && is_separator(static_cast<unsigned char>(text[t]))) {
                ++t;
            }
            while (p < phrase.size() && phrase[p] == ' ') {
                ++p;
            }
            continue;
        }
        if (t >= text.size() || fold(text[t]) != static_cast<unsigned char>(phrase[p])) {
            return std::string_view::npos;
        }
        ++t;
        ++p;
    }
    return t;
}

// Context words are whole words, but '_' separates them: the words that give a value its
// context are usually parts of an identifier (DEEPSEEK_API_KEY, stripe_secret).
bool is_phrase_byte(unsigned char c) noexcept {
    return c != '_' && is_word_byte(c);
}

} // namespace

std::size_t utf8_length(std::string_view bytes) noexcept {
    return static_cast<std::size_t>(std::count_if(bytes.begin(), bytes.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

std::pair<int, int> line_column_of(std::string_view text, std::size_t offset) noexcept {
    std::string_view before = text.substr(0, offset);
    auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    std::size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    auto column = static_cast<int>(utf8_length(before.substr(line_start))) + 1;
    return {line, column};
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return static_cast<char>(fold(c)); });
    return out;
}

bool contains_phrase(std::string_view haystack, std::string_view phrase) noexcept {
    if (phrase.empty()) {
        return false;
    }
    const auto first = static_cast<unsigned char>(phrase.front());
    for (std::size_t i = 0; i < haystack.size(); ++i) {
        if (fold(haystack[i]) != first) {
            continue;
        }
        if (i > 0 && is_phrase_byte(static_cast<unsigned char>(haystack[i - 1])) &&
            is_phrase_byte(first)) {
            continue;
        }
        std::size_t end = match_at(haystack, i, phrase);
        if (end == std::string_view::npos) {
            continue;
        }
        const auto last = static_cast<unsigned char>(phrase.back());
        if (end < haystack.size() && is_phrase_byte(static_cast<unsigned char>(haystack[end])) &&
            is_phrase_byte(last)) {
            continue;
        }
        return true;
    }
    return false;
}

} // namespace promptlint
