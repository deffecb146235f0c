#include "promptlint/normalize.hpp"

#include "promptlint/text.hpp"

#include <algorithm>
#include <cstring>

namespace promptlint {
namespace {

enum class Kind : std::uint8_t { keep, replace, remove, lookalike };

struct Mapping {
    Kind kind = Kind::keep;
    char ascii = 0;
};

// Cyrillic and Greek letters drawn like a Latin one. Only applied inside tokens that also hold
// ASCII letters, digits or '@' (see Normalizer::run).
char lookalike_of(char32_t cp) noexcept {
    switch (cp) {
    // Greek capitals
    case 0x0391:
        return 'A';
    case 0x0392:
        return 'B';
    case 0x0395:
        return 'E';
    case 0x0396:
        return 'Z';
    case 0x0397:
        return 'H';
    case 0x0399:
        return 'I';
    case 0x039A:
        return 'K';
    case 0x039C:
        return 'M';
    case 0x039D:
        return 'N';
    case 0x039F:
        return 'O';
    case 0x03A1:
        return 'P';
    case 0x03A4:
        return 'T';
    case 0x03A5:
        return 'Y';
    case 0x03A7:
        return 'X';
    // Greek small
    case 0x03B1:
        return 'a';
    case 0x03B9:
        return 'i';
    case 0x03BA:
        return 'k';
    case 0x03BD:
        return 'v';
    case 0x03BF:
        return 'o';
    case 0x03C1:
        return 'p';
    case 0x03C5:
        return 'u';
    case 0x03F2:
        return 'c';
    case 0x03F3:
        return 'j';
    // Cyrillic capitals
    case 0x0405:
        return 'S';
    case 0x0406:
        return 'I';
    case 0x0408:
        return 'J';
    case 0x0410:
        return 'A';
    case 0x0412:
        return 'B';
    case 0x0415:
        return 'E';
    case 0x041A:
        return 'K';
    case 0x041C:
        return 'M';
    case 0x041D:
        return 'H';
    case 0x041E:
        return 'O';
    case 0x0420:
        return 'P';
    case 0x0421:
        return 'C';
    case 0x0422:
        return 'T';
    case 0x0423:
        return 'Y';
    case 0x0425:
        return 'X';
    case 0x051A:
        return 'Q';
    case 0x051C:
        return 'W';
    // Cyrillic small
    case 0x0430:
        return 'a';
    case 0x0435:
        return 'e';
    case 0x043E:
        return 'o';
    case 0x0440:
        return 'p';
    case 0x0441:
        return 'c';
    case 0x0443:
        return 'y';
    case 0x0445:
        return 'x';
    case 0x0455:
        return 's';
    case 0x0456:
        return 'i';
    case 0x0458:
        return 'j';
    case 0x0475:
        return 'v';
    case 0x04BB:
        return 'h';
    case 0x04CF:
        return 'l';
    case 0x0501:
        return 'd';
    case 0x051B:
        return 'q';
    case 0x051D:
        return 'w';
    default:
        return 0;
    }
}

Mapping map_char(char32_t cp) noexcept {
    if (cp < 0x80) {
        return {};
    }
    // Full-width ASCII (U+FF01..FF5E), including the full-width '-' and '.'.
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        return {Kind::replace, static_cast<char>(cp - 0xFEE0)};
    }
    switch (cp) {
    // Spaces: no-break, ogham, en/em and the other typographic spaces, narrow no-break,
    // medium mathematical, ideographic.
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return {Kind::replace, ' '};
    // Dashes and minus signs.
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
        return {Kind::replace, '-'};
    // Invisible: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian vowel
    // separator, byte-order mark / zero-width no-break space.
    case 0x00AD:
    case 0x034F:
    case 0x061C:
    case 0x180E:
    case 0xFEFF:
        return {Kind::remove, 0};
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) {
        return {Kind::replace, ' '};
    }
    if (cp >= 0x2010 && cp <= 0x2015) {
        return {Kind::replace, '-'};
    }
    // Zero-width space/joiners and direction marks, bidi embeddings and overrides, word joiner
    // and invisible operators, bidi isolates and deprecated format characters, variation
    // selectors, tag characters.
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE007F)) {
        return {Kind::remove, 0};
    }
    if (const char c = lookalike_of(cp)) {
        return {Kind::lookalike, c};
    }
    return {};
}

bool is_ascii_alnum(unsigned char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// What a character means for the token around a look-alike: part of it or not, and whether it
// makes the token Latin (an ASCII letter or digit, or '@', possibly full-width).
struct TokenChar {
    bool inside = false;
    bool latin = false;
};

TokenChar token_char(char32_t cp) noexcept {
    if (cp == k_invalid_char) {
        return {};
    }
    if (cp >= 0x80) {
        const Mapping m = map_char(cp);
        if (m.kind == Kind::replace) {
            cp = static_cast<unsigned char>(m.ascii);
        } else {
            return {true, false}; // letters of any script, invisible characters, look-alikes
        }
    }
    const auto c = static_cast<unsigned char>(cp);
    if (is_ascii_alnum(c) || c == '@') {
        return {true, true};
    }
    const bool inside = c == '.' || c == '-' || c == '_' || c == '+';
    return {inside, false};
}

} // namespace

std::size_t first_non_ascii(std::string_view bytes) noexcept {
    const char* p = bytes.data();
    const std::size_t n = bytes.size();
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        std::uint64_t w[4];
        std::memcpy(w, p + i, sizeof w);
        if (((w[0] | w[1] | w[2] | w[3]) & high) != 0) {
            break;
        }
    }
    for (; i < n; ++i) {
        if (static_cast<unsigned char>(p[i]) >= 0x80) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool has_non_ascii(std::string_view bytes) noexcept {
    return first_non_ascii(bytes) != std::string_view::npos;
}

bool Normalizer::run(std::string_view input) {
    m_input = input;
    m_text.clear();
    m_edits.clear();
    m_changed = false;

    // The token (see token_char) around the last look-alike seen, and whether it is Latin.
    std::size_t token_from = 0;
    std::size_t token_to = 0;
    bool token_latin = false;
    auto in_latin_token = [&](std::size_t pos, std::size_t len) {
        if (pos >= token_from && pos < token_to) {
            return token_latin;
        }
        bool latin = false;
        std::size_t from = pos;
        while (from > 0) {
            const Utf8Char d = utf8_char_before(input, from);
            const TokenChar t = token_char(d.cp); // an invalid byte ends the token
            if (!t.inside) {
                break;
            }
            latin = latin || t.latin;
            from -= d.len;
        }
        std::size_t to = pos + len;
        while (to < input.size()) {
            const Utf8Char d = utf8_char_at(input, to);
            const TokenChar t = token_char(d.cp);
            if (!t.inside) {
                break;
            }
            latin = latin || t.latin;
            to += d.len;
        }
        token_from = from;
        token_to = to;
        token_latin = latin;
        return latin;
    };

    std::size_t copied = 0; // input[0, copied) is accounted for in m_text
    std::size_t pos = 0;
    while (pos < input.size()) {
        const std::size_t skip = first_non_ascii(input.substr(pos));
        if (skip == std::string_view::npos) {
            break;
        }
        pos += skip;
        const Utf8Char d = utf8_char_at(input, pos);
        if (d.cp == k_invalid_char) {
            ++pos;
            continue;
        }
        const Mapping m = map_char(d.cp);
        if (m.kind == Kind::keep || (d.cp == 0xFEFF && pos == 0) ||
            (m.kind == Kind::lookalike && !in_latin_token(pos, d.len))) {
            pos += d.len; // a byte-order mark opening the input is no evasion: left as it is
            continue;
        }
        if (!m_changed) {
            m_changed = true;
            m_text.reserve(input.size());
        }
        m_text.append(input.substr(copied, pos - copied));
        const bool removed = m.kind == Kind::remove;
        m_edits.push_back(
            {m_text.size(), pos, removed ? 0U : 1U, static_cast<std::uint32_t>(d.len)});
        if (!removed) {
            m_text.push_back(m.ascii);
        }
        pos += d.len;
        copied = pos;
    }
    if (m_changed) {
        m_text.append(input.substr(copied));
    }
    return m_changed;
}

const Normalizer::Edit* Normalizer::edit_at_or_before(std::size_t norm) const noexcept {
    auto it = std::upper_bound(m_edits.begin(), m_edits.end(), norm,
                               [](std::size_t n, const Edit& e) { return n < e.norm; });
    return it == m_edits.begin() ? nullptr : &*std::prev(it);
}

// What to add to an offset of text() after edit `e` (and before the next one) to reach the input.
std::size_t Normalizer::identity_delta(const Edit* e) const noexcept {
    return e ? (e->orig + e->orig_len) - (e->norm + e->norm_len) : 0;
}

std::size_t Normalizer::original_start(std::size_t start) const noexcept {
    if (!m_changed) {
        return start;
    }
    const Edit* e = edit_at_or_before(start);
    if (e && start < e->norm + e->norm_len) {
        return e->orig;
    }
    return start + identity_delta(e);
}

std::size_t Normalizer::original_end(std::size_t end) const noexcept {
    if (!m_changed || end == 0) {
        return end;
    }
    const std::size_t last = end - 1;
    const Edit* e = edit_at_or_before(last);
    if (e && last < e->norm + e->norm_len) {
        return e->orig + e->orig_len;
    }
    return end + identity_delta(e);
}

} // namespace promptlint
