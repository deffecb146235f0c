#include "promptlint/gate.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

namespace promptlint {
namespace {

// What is certain about every string a piece of pattern matches: lower bounds on its length,
// its longest digit run, and its leading and trailing digit runs, and whether it is digits
// only. Bounds combine through concatenation and alternation without ever overestimating.
struct Digits {
    std::size_t len = 0;
    std::size_t run = 0;
    std::size_t pre = 0;
    std::size_t suf = 0;
    bool all = true; // every character is a digit (true of the empty string)
};

// Saturates, so that long repeats cannot overflow; any bound this large already gates.
constexpr std::size_t k_cap = 1U << 16U;

std::size_t add(std::size_t a, std::size_t b) {
    return std::min(a + b, k_cap);
}

constexpr Digits k_empty{};
constexpr Digits k_digit{1, 1, 1, 1, true};
constexpr Digits k_other{1, 0, 0, 0, false};

Digits concat(const Digits& a, const Digits& b) {
    Digits out;
    out.len = add(a.len, b.len);
    out.pre = a.all ? add(a.len, b.pre) : a.pre;
    out.suf = b.all ? add(b.len, a.suf) : b.suf;
    out.run = std::max({a.run, b.run, add(a.suf, b.pre), out.pre, out.suf});
    out.all = a.all && b.all;
    return out;
}

Digits either(const Digits& a, const Digits& b) {
    return {std::min(a.len, b.len), std::min(a.run, b.run), std::min(a.pre, b.pre),
            std::min(a.suf, b.suf), a.all && b.all};
}

// X{min,}: more copies only raise every bound, so `min` copies bound them all (a few dozen
// copies are as many as any bound can use before saturating in practice).
Digits repeat(const Digits& x, std::size_t min) {
    if (min == 0) {
        return either(k_empty, x);
    }
    Digits out = x;
    for (std::size_t i = 1; i < std::min<std::size_t>(min, 64); ++i) {
        out = concat(out, x);
    }
    return out;
}

bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// \d and the other class escapes: true for the digits, false for sets with non-digits,
// nullopt for anything else.
std::optional<bool> set_escape(char c) {
    switch (c) {
    case 'd':
        return true;
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
        return false;
    default:
        return std::nullopt;
    }
}

// \n, \t and the like: the character they stand for.
std::optional<int> control_escape(char c) {
    switch (c) {
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'f':
        return '\f';
    case 'e':
        return 0x1b;
    case 'a':
        return 0x07;
    default:
        return std::nullopt;
    }
}

// A recursive-descent reader of the subset of PCRE syntax the rule packs use. Any construct
// it does not know makes the whole analysis fail (nullopt), never guess.
class Reader {
public:
    explicit Reader(std::string_view p) : m_p(p) {}

    std::optional<Digits> pattern() {
        auto d = alternation();
        if (!d || m_i != m_p.size()) {
            return std::nullopt;
        }
        return d;
    }

private:
    std::string_view m_p;
    std::size_t m_i = 0;

    bool at_end() const { return m_i >= m_p.size(); }
    char peek() const { return m_p[m_i]; }

    std::optional<Digits> alternation() {
        auto d = sequence();
        while (d && !at_end() && peek() == '|') {
            ++m_i;
            auto next = sequence();
            if (!next) {
                return std::nullopt;
            }
            d = either(*d, *next);
        }
        return d;
    }

    std::optional<Digits> sequence() {
        Digits d = k_empty;
        while (!at_end() && peek() != '|' && peek() != ')') {
            auto a = atom();
            if (!a) {
                return std::nullopt;
            }
            auto q = quantified(*a);
            if (!q) {
                return std::nullopt;
            }
            d = concat(d, *q);
        }
        return d;
    }

    // A quantifier after an atom, if any, with its lazy or possessive suffix.
    std::optional<Digits> quantified(const Digits& a) {
        if (at_end()) {
            return a;
        }
        std::size_t min = 1;
        const char c = peek();
        if (c == '?' || c == '*') {
            min = 0;
            ++m_i;
        } else if (c == '+') {
            ++m_i;
        } else if (c == '{') {
            auto bound = braces();
            if (!bound) {
                return a; // not a quantifier: '{' was read as a literal by atom() next time
            }
            min = *bound;
        } else {
            return a;
        }
        if (!at_end() && (peek() == '?' || peek() == '+')) {
            ++m_i;
        }
        return repeat(a, min);
    }

    // {n}, {n,} or {n,m}: returns n and moves past it; anything else leaves the position.
    std::optional<std::size_t> braces() {
        std::size_t j = m_i + 1;
        std::size_t n = 0;
        const std::size_t digits_from = j;
        while (j < m_p.size() && is_digit(static_cast<unsigned char>(m_p[j]))) {
            n = std::min<std::size_t>(n * 10 + static_cast<std::size_t>(m_p[j] - '0'), k_cap);
            ++j;
        }
        if (j == digits_from) {
            return std::nullopt;
        }
        if (j < m_p.size() && m_p[j] == ',') {
            ++j;
            while (j < m_p.size() && is_digit(static_cast<unsigned char>(m_p[j]))) {
                ++j;
            }
        }
        if (j >= m_p.size() || m_p[j] != '}') {
            return std::nullopt;
        }
        m_i = j + 1;
        return n;
    }

    std::optional<Digits> atom() {
        const char c = peek();
        ++m_i;
        switch (c) {
        case '(':
            return group();
        case '[':
            return char_class();
        case '\\':
            return escape();
        case '^':
        case '$':
            return k_empty;
        case '.':
            return k_other;
        case '*':
        case '+':
        case '?':
            return std::nullopt; // a quantifier with nothing to repeat
        default:
            return is_digit(static_cast<unsigned char>(c)) ? k_digit : k_other;
        }
    }

    std::optional<Digits> group() {
        if (!at_end() && peek() == '?') {
            ++m_i;
            // Inline options: (?i) (?i:…) (?-i:…) (?s) (?m). Extended mode (x) would make
            // spaces and # comments mean nothing, which this reader does not model.
            bool colon = false;
            while (!at_end() && peek() != ')' && peek() != ':') {
                const char o = peek();
                if (o != 'i' && o != 's' && o != 'm' && o != '-') {
                    return std::nullopt; // lookaround, named group, comment, x, …
                }
                ++m_i;
            }
            if (at_end()) {
                return std::nullopt;
            }
            colon = peek() == ':';
            ++m_i;
            if (!colon) {
                return k_empty; // (?i) and the like change nothing about digits
            }
        }
        auto d = alternation();
        if (!d || at_end() || peek() != ')') {
            return std::nullopt;
        }
        ++m_i;
        return d;
    }

    std::optional<Digits> escape() {
        if (at_end()) {
            return std::nullopt;
        }
        const char c = peek();
        ++m_i;
        if (auto set = set_escape(c)) {
            return *set ? k_digit : k_other;
        }
        if (c == 'N' || control_escape(c)) {
            return k_other;
        }
        switch (c) {
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 'Z':
        case 'G':
            return k_empty;
        case 'x': {
            auto byte = hex_escape();
            if (!byte) {
                return std::nullopt;
            }
            return *byte < 0x100U && is_digit(static_cast<unsigned char>(*byte)) ? k_digit
                                                                                 : k_other;
        }
        default:
            // Escaped punctuation is that character. Letters and digits not listed above
            // (back references, octal, \p, \Q, \c, \R, \X, \K, …) are not modelled.
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                return std::nullopt;
            }
            return k_other;
        }
    }

    // After "\x": two hex digits or {hex…}.
    std::optional<unsigned> hex_escape() {
        if (!at_end() && peek() == '{') {
            ++m_i;
            unsigned v = 0;
            std::size_t digits = 0;
            while (!at_end() && hex_value(peek()) >= 0 && digits < 8) {
                v = v * 16 + static_cast<unsigned>(hex_value(peek()));
                ++m_i;
                ++digits;
            }
            if (digits == 0 || at_end() || peek() != '}') {
                return std::nullopt;
            }
            ++m_i;
            return v;
        }
        unsigned v = 0;
        for (int k = 0; k < 2; ++k) {
            if (at_end() || hex_value(peek()) < 0) {
                return std::nullopt;
            }
            v = v * 16 + static_cast<unsigned>(hex_value(peek()));
            ++m_i;
        }
        return v;
    }

    // A class counts as a digit only when everything in it is one: \d, [:digit:], or
    // characters and ranges within 0-9. A negated class always admits a non-digit.
    std::optional<Digits> char_class() {
        bool negated = false;
        if (!at_end() && peek() == '^') {
            negated = true;
            ++m_i;
        }
        bool digits_only = true;
        bool first = true;
        while (true) {
            if (at_end()) {
                return std::nullopt;
            }
            if (peek() == ']' && !first) {
                ++m_i;
                break;
            }
            first = false;
            auto lo = class_item(digits_only);
            if (!lo) {
                return std::nullopt;
            }
            if (*lo >= 0 && m_i + 1 < m_p.size() && peek() == '-' && m_p[m_i + 1] != ']') {
                ++m_i;
                auto hi = class_item(digits_only);
                if (!hi || *hi < 0) {
                    return std::nullopt;
                }
                if (!(*lo >= '0' && *hi <= '9')) {
                    digits_only = false;
                }
            } else if (*lo >= 0 && !is_digit(static_cast<unsigned char>(*lo))) {
                digits_only = false;
            }
        }
        return digits_only && !negated ? k_digit : k_other;
    }

    // One member of a class: a character (its code, for ranges) or a set (-1, with
    // `digits_only` cleared unless the set is digits).
    std::optional<int> class_item(bool& digits_only) {
        const char c = peek();
        ++m_i;
        if (c == '[' && !at_end() && peek() == ':') {
            const auto close = m_p.find(":]", m_i + 1);
            if (close == std::string_view::npos) {
                return std::nullopt;
            }
            if (m_p.substr(m_i + 1, close - m_i - 1) != "digit") {
                digits_only = false;
            }
            m_i = close + 2;
            return -1;
        }
        if (c != '\\') {
            return static_cast<unsigned char>(c);
        }
        if (at_end()) {
            return std::nullopt;
        }
        const char e = peek();
        ++m_i;
        if (auto set = set_escape(e)) {
            digits_only = digits_only && *set;
            return -1;
        }
        if (auto code = control_escape(e)) {
            return *code;
        }
        switch (e) {
        case 'x': {
            auto byte = hex_escape();
            if (!byte) {
                return std::nullopt;
            }
            if (*byte > 0xFFU) {
                digits_only = false;
                return -1;
            }
            return static_cast<int>(*byte);
        }
        default:
            if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
                return std::nullopt;
            }
            return static_cast<unsigned char>(e);
        }
    }
};

} // namespace

std::size_t guaranteed_digit_run(std::string_view pattern) {
    const auto d = Reader(pattern).pattern();
    return d ? d->run : 0;
}

namespace {

// The first digit at or after `i` (or the size): eight bytes at a time, because this pass runs
// over every byte scanned and most of them are not digits.
std::size_t next_digit(std::string_view buffer, std::size_t i) {
    constexpr std::uint64_t k_zeros = 0x3030303030303030ULL; // '0' in every byte
    constexpr std::uint64_t k_tens = 0x0A0A0A0A0A0A0A0AULL;
    constexpr std::uint64_t k_high = 0x8080808080808080ULL;
    const std::size_t n = buffer.size();
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, buffer.data() + i, sizeof w);
        // Digits become bytes below 10; this is non-zero exactly when some byte is.
        const std::uint64_t x = w ^ k_zeros;
        if (((x - k_tens) & ~x & k_high) != 0) {
            break;
        }
    }
    while (i < n && !is_digit(static_cast<unsigned char>(buffer[i]))) {
        ++i;
    }
    return i;
}

} // namespace

void for_each_digit_region(std::string_view buffer, std::size_t min_run, std::size_t margin,
                           const std::function<void(std::size_t, std::size_t)>& region) {
    const std::size_t n = buffer.size();
    const auto digit = [&](std::size_t i) {
        return is_digit(static_cast<unsigned char>(buffer[i]));
    };
    bool open = false;
    std::size_t begin = 0;
    std::size_t end = 0;
    for (std::size_t i = next_digit(buffer, 0); i < n; i = next_digit(buffer, i)) {
        std::size_t j = i + 1;
        while (j < n && digit(j)) {
            ++j;
        }
        if (j - i >= min_run) {
            const std::size_t from = i > margin ? i - margin : 0;
            const std::size_t to = std::min(n, j + margin);
            if (open && from <= end) {
                end = to;
            } else {
                if (open) {
                    region(begin, end);
                }
                open = true;
                begin = from;
                end = to;
            }
        }
        i = j;
    }
    if (open) {
        region(begin, end);
    }
}

} // namespace promptlint
