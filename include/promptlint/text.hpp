#pragma once
// Byte-level text helpers shared by the stages: UTF-8 character counting for columns, ASCII
// case folding, and whole-word phrase search for context words. All work on raw bytes and
// accept invalid UTF-8.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace promptlint {

// Number of characters in a byte range: every byte that is not a UTF-8 continuation byte
// starts one, so invalid sequences still count and never stall.
std::size_t utf8_length(std::string_view bytes) noexcept;

// One UTF-8 character, decoded strictly: overlong forms, surrogates and values past U+10FFFF
// are invalid, and an invalid sequence is one byte long, so it never swallows the bytes after it.
inline constexpr char32_t k_invalid_char = 0xFFFFFFFF;
struct Utf8Char {
    char32_t cp = k_invalid_char;
    std::size_t len = 1;
};
// The character starting at `pos` (< text.size()).
Utf8Char utf8_char_at(std::string_view text, std::size_t pos) noexcept;
// The well-formed character ending just before `pos` (> 0), or an invalid one.
Utf8Char utf8_char_before(std::string_view text, std::size_t pos) noexcept;

// 1-based line and 1-based character column of a byte offset in a whole text.
std::pair<int, int> line_column_of(std::string_view text, std::size_t offset) noexcept;

std::string ascii_lower(std::string_view s);

inline bool is_word_byte(unsigned char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;
}

// True when `phrase` (lower-case) occurs in `haystack` case-insensitively as whole words: not
// preceded or followed by a letter or digit ('_' separates words, so "deepseek" is found in
// DEEPSEEK_API_KEY). Runs of spaces in the phrase match any run of white space, '-' or '_' in
// the text, so "access key" also finds "access_key". Han, kana and Hangul characters are
// written without spaces between words: next to them, or at the edge of a phrase written in
// them, no boundary is needed ("マイナンバー" in 私のマイナンバーは, "rrn" in 我的RRN是).
bool contains_phrase(std::string_view haystack, std::string_view phrase) noexcept;

} // namespace promptlint
