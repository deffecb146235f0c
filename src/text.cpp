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

// Han, kana and Hangul: scripts written without spaces between words (Korean attaches its
// particles: 주민등록번호는), so their characters never join a phrase into a longer word.
bool is_cjk(char32_t cp) noexcept {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF61 && cp <= 0xFFDC) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Whether a phrase continues into the text across position `pos`: both the text's character
// on the far side and the phrase's own edge character are word characters, and neither is CJK.
bool joins_word(std::string_view text, std::size_t pos, bool before, std::string_view phrase,
                bool phrase_edge_cjk) noexcept {
    const auto neighbour = static_cast<unsigned char>(before ? text[pos - 1] : text[pos]);
    const auto edge = static_cast<unsigned char>(before ? phrase.front() : phrase.back());
    if (!is_phrase_byte(neighbour) || !is_phrase_byte(edge)) {
        return false;
    }
    if (neighbour < 0x80) {
        return !phrase_edge_cjk;
    }
    const Utf8Char far = before ? utf8_char_before(text, pos) : utf8_char_at(text, pos);
    return !phrase_edge_cjk && !is_cjk(far.cp);
}

} // namespace

Utf8Char utf8_char_at(std::string_view text, std::size_t pos) noexcept {
    const auto b0 = static_cast<unsigned char>(text[pos]);
    if (b0 < 0x80) {
        return {b0, 1};
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1FU;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0FU;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07U;
        min = 0x10000;
    } else {
        return {};
    }
    if (pos + len > text.size()) {
        return {};
    }
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(text[pos + i]);
        if ((b & 0xC0U) != 0x80U) {
            return {};
        }
        cp = (cp << 6U) | (b & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return {};
    }
    return {cp, len};
}

Utf8Char utf8_char_before(std::string_view text, std::size_t pos) noexcept {
    std::size_t lead = pos - 1;
    while (lead > 0 && pos - lead < 4 &&
           (static_cast<unsigned char>(text[lead]) & 0xC0U) == 0x80U) {
        --lead;
    }
    const Utf8Char c = utf8_char_at(text, lead);
    return c.cp != k_invalid_char && lead + c.len == pos ? c : Utf8Char{};
}

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
    const bool starts_cjk = is_cjk(utf8_char_at(phrase, 0).cp);
    const bool ends_cjk = is_cjk(utf8_char_before(phrase, phrase.size()).cp);
    for (std::size_t i = 0; i < haystack.size(); ++i) {
        if (fold(haystack[i]) != first) {
            continue;
        }
        if (i > 0 && joins_word(haystack, i, true, phrase, starts_cjk)) {
            continue;
        }
        std::size_t end = match_at(haystack, i, phrase);
        if (end == std::string_view::npos) {
            continue;
        }
        if (end < haystack.size() && joins_word(haystack, end, false, phrase, ends_cjk)) {
            continue;
        }
        return true;
    }
    return false;
}

} // namespace promptlint
