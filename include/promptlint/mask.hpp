#pragma once
// How a sensitive value appears in any output when the user has not asked for --show-secrets:
// at most 4 of its characters, never its full text. Also makes scanned text safe to print on a
// terminal (no control characters or escape sequences from the input).

#include <string>
#include <string_view>

namespace promptlint {

// Characters of a value of `length` characters that may be shown: 4 for 16 and more, 2 for 8
// to 15, none for shorter values (a short password is nearly guessable from a prefix).
std::size_t revealed_characters(std::size_t length) noexcept;

// The value with every character past the revealed prefix replaced by '*', one per character,
// so that markers drawn under it line up.
std::string mask_value(std::string_view value);

// A short form for reports: the revealed prefix and at most 12 '*' (the length is not shown
// beyond that). With `show_secrets` the value itself.
std::string preview(std::string_view value, bool show_secrets);

// `text` with control characters (C0, DEL, and ESC sequences) replaced by '?' and tabs by one
// space, so that printing scanned text can never drive the terminal.
std::string printable(std::string_view text);

} // namespace promptlint
