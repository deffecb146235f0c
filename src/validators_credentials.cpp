// Structural checks for credentials (token checksums, encodings) and the shape tests that keep
// generic rules quiet on what is plainly not a secret, named in rule packs as {"type": NAME}.
// Registered in the table at the end of this file. Every check is offline and pure: promptlint
// never asks a provider whether a value is live.
#include "promptlint/digest.hpp"
#include "promptlint/validators.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace promptlint::validators {

namespace {

// ---------------------------------------------------------------------------------------------
// Character classes (ASCII only: matching is on bytes)
// ---------------------------------------------------------------------------------------------

constexpr bool is_lower(char c) noexcept {
    return c >= 'a' && c <= 'z';
}
constexpr bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
constexpr bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
constexpr bool is_alpha(char c) noexcept {
    return is_lower(c) || is_upper(c);
}
constexpr bool is_alnum(char c) noexcept {
    return is_alpha(c) || is_digit(c);
}
constexpr bool is_hex(char c) noexcept {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char fold(char c) noexcept {
    return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool all_of(std::string_view s, bool (*pred)(char) noexcept) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// `needle` must be lower-case.
bool icontains(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) {
        return false;
    }
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && fold(haystack[i + j]) == needle[j]) {
            ++j;
        }
        if (j == needle.size()) {
            return true;
        }
    }
    return false;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && icontains(s.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && icontains(s.substr(s.size() - suffix.size()), suffix);
}

std::string lower_alnum_only(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (is_alnum(c)) {
            out += fold(c);
        }
    }
    return out;
}

// The longest run of one repeated character.
std::size_t longest_repeat(std::string_view s) {
    std::size_t best = 0;
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
        best = std::max(best, run);
    }
    return best;
}

// The longest run of `pred` characters.
std::size_t longest_run(std::string_view s, bool (*pred)(char) noexcept) {
    std::size_t best = 0;
    std::size_t run = 0;
    for (const char c : s) {
        run = pred(c) ? run + 1 : 0;
        best = std::max(best, run);
    }
    return best;
}

// The longest run of characters that step by +1 or -1 within digits or within letters
// (case-folded): "123456", "abcdef", "FEDCBA". Humans type these when inventing a value;
// random keys almost never contain six in a row (about 1 in 10^8 per position in base62).
std::size_t longest_sequence(std::string_view s) {
    std::size_t best = s.empty() ? 0 : 1;
    std::size_t run = 1;
    int step = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const char a = fold(s[i - 1]);
        const char b = fold(s[i]);
        const bool same_kind = (is_digit(a) && is_digit(b)) || (is_lower(a) && is_lower(b));
        const int delta = static_cast<int>(b) - static_cast<int>(a);
        if (same_kind && (delta == 1 || delta == -1) && (run == 1 || delta == step)) {
            step = delta;
            ++run;
        } else if (same_kind && (delta == 1 || delta == -1)) {
            step = delta;
            run = 2;
        } else {
            run = 1;
        }
        best = std::max(best, run);
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

int base64_value(char c) noexcept {
    if (is_upper(c)) {
        return c - 'A';
    }
    if (is_lower(c)) {
        return c - 'a' + 26;
    }
    if (is_digit(c)) {
        return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
        return 62;
    }
    if (c == '/' || c == '_') {
        return 63;
    }
    return -1;
}

// Decodes standard or URL-safe base64 (the two alphabets are accepted together, padding
// optional). Returns nothing on a stray character or an impossible length.
std::optional<std::string> decode_base64(std::string_view text) {
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1);
    }
    if (text.size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = base64_value(c);
        if (v < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6U) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
        }
    }
    return out;
}

std::uint32_t crc32(std::string_view data) noexcept {
    // Reflected IEEE 802.3 polynomial, as zlib's crc32(); bitwise because tokens are short.
    std::uint32_t crc = 0xFFFFFFFFU;
    for (const char c : data) {
        crc ^= static_cast<std::uint8_t>(c);
        for (int k = 0; k < 8; ++k) {
            crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xEDB88320U : crc >> 1U;
        }
    }
    return ~crc;
}

// GitHub's and npm's "lexicographic" base62 digit order: 0-9, A-Z, a-z.
int base62_value(char c) noexcept {
    if (is_digit(c)) {
        return c - '0';
    }
    if (is_upper(c)) {
        return c - 'A' + 10;
    }
    if (is_lower(c)) {
        return c - 'a' + 36;
    }
    return -1;
}

constexpr std::string_view k_base58_alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

std::optional<std::string> decode_base58(std::string_view text) {
    // Big-number conversion, most significant byte first; inputs here are under 120 chars.
    std::string bytes;
    for (const char c : text) {
        const std::size_t digit = k_base58_alphabet.find(c);
        if (digit == std::string_view::npos) {
            return std::nullopt;
        }
        unsigned carry = static_cast<unsigned>(digit);
        for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
            carry += 58U * static_cast<std::uint8_t>(*it);
            *it = static_cast<char>(carry & 0xFFU);
            carry >>= 8U;
        }
        while (carry > 0) {
            bytes.insert(bytes.begin(), static_cast<char>(carry & 0xFFU));
            carry >>= 8U;
        }
    }
    // Each leading '1' stands for a leading zero byte.
    const std::size_t zeros = text.find_first_not_of('1');
    bytes.insert(0, zeros == std::string_view::npos ? text.size() : zeros, '\0');
    return bytes;
}

// ---------------------------------------------------------------------------------------------
// Shapes of things that are not secrets
// ---------------------------------------------------------------------------------------------

bool is_uuid(std::string_view s) {
    if (s.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) {
            return false;
        }
    }
    return true;
}

// Hex digests: MD5, SHA-1 (git object ids), SHA-224/256/384/512.
bool is_hex_digest(std::string_view s) {
    const std::size_t n = s.size();
    return (n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128) && all_of(s, is_hex);
}

// Subresource-integrity and similar "algorithm-digest" strings.
bool is_algorithm_digest(std::string_view s) {
    for (const std::string_view prefix :
         {"sha1-", "sha256-", "sha384-", "sha512-", "md5-", "sha1:", "sha256:", "sha512:"}) {
        if (istarts_with(s, prefix)) {
            return true;
        }
    }
    return false;
}

// 1.2, v2.0.1, 3.11.0-rc1, 10.0.19045.2965
bool is_version(std::string_view s) {
    std::size_t i = (!s.empty() && (s[0] == 'v' || s[0] == 'V')) ? 1 : 0;
    int groups = 0;
    while (i < s.size() && is_digit(s[i])) {
        while (i < s.size() && is_digit(s[i])) {
            ++i;
        }
        ++groups;
        if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])) {
            ++i;
            continue;
        }
        break;
    }
    if (groups < 2) {
        return false;
    }
    if (i == s.size()) {
        return true;
    }
    if (s[i] != '-' && s[i] != '+') {
        return false;
    }
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 1, s.end(),
                       [](char c) { return is_alnum(c) || c == '.'; });
}

bool has_file_extension(std::string_view s) {
    for (const std::string_view ext :
         {".pem",  ".key",  ".json", ".txt", ".yaml",       ".yml",  ".env",    ".crt",
          ".cer",  ".p12",  ".pfx",  ".jks", ".keystore",   ".gpg",  ".asc",    ".der",
          ".conf", ".cfg",  ".ini",  ".xml", ".properties", ".toml", ".secret", ".pub",
          ".ppk",  ".kdbx", ".age",  ".enc", ".txt"}) {
        if (iends_with(s, ext)) {
            return true;
        }
    }
    return false;
}

bool is_identifier_name(std::string_view s);

bool is_path(std::string_view s) {
    if (has_file_extension(s)) {
        return true;
    }
    if (s.find('\\') != std::string_view::npos) {
        return true;
    }
    const bool rooted = s.starts_with("/") || s.starts_with("./") || s.starts_with("../") ||
                        s.starts_with("~/") ||
                        (s.size() > 2 && is_alpha(s[0]) && s[1] == ':' && s[2] == '/');
    if (!rooted) {
        return false;
    }
    // A base64 secret may begin with '/', so a rooted value is a path only when it reads like
    // one: path characters only, and every segment a name (lower case, or words like "Users"),
    // not a random mix of cases and digits.
    for (const char c : s) {
        if (!is_alnum(c) && c != '/' && c != '.' && c != '_' && c != '-' && c != '~' && c != ':') {
            return false;
        }
    }
    std::size_t start = 0;
    std::size_t named = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('/', start);
        end = end == std::string_view::npos ? s.size() : end;
        const std::string_view segment = s.substr(start, end - start);
        if (!segment.empty()) {
            const bool lower_name = std::none_of(segment.begin(), segment.end(), is_upper);
            if (!lower_name && !is_identifier_name(segment)) {
                return false;
            }
            ++named;
        }
        start = end + 1;
    }
    return named > 0;
}

bool is_identifier_char(char c) noexcept {
    return is_alnum(c) || c == '_' || c == '$';
}

// settings.API_KEY, self.token, os.environ, Config::SECRET, obj->password, window.__KEY__
bool is_member_access(std::string_view s) {
    std::size_t segments = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!(is_alpha(s[i]) || s[i] == '_' || s[i] == '$' || s[i] == '@')) {
            return false;
        }
        const std::size_t start = i;
        while (i < s.size() && is_identifier_char(s[i])) {
            ++i;
        }
        // Members have names; a long random part makes the value a token with a dot in it
        // (a Vault token s.ZC9E…, a session id).
        std::string_view member = s.substr(start, i - start);
        while (!member.empty() && !is_alnum(member.front())) {
            member.remove_prefix(1);
        }
        while (!member.empty() && !is_alnum(member.back())) {
            member.remove_suffix(1);
        }
        if (member.size() >= 12 && !is_identifier_name(member)) {
            return false;
        }
        ++segments;
        if (i == s.size()) {
            break;
        }
        if (s[i] == '.') {
            i += 1;
        } else if (s.substr(i, 2) == "^.") {
            i += 2; // Pascal: p^.field
        } else if (s.substr(i, 2) == "::" || s.substr(i, 2) == "->") {
            i += 2;
        } else {
            return false;
        }
        if (i == s.size()) {
            return false;
        }
    }
    return segments >= 2;
}

constexpr bool is_vowel(char c) noexcept {
    const char l = fold(c);
    return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u' || l == 'y';
}

// body[from, to) is a run of one or two digits between a letter and a capitalised word
// (a capital and at least two lower-case letters).
bool glued_number(std::string_view body, std::size_t from, std::size_t to) {
    return from > 0 && to > from && to - from <= 2 && to + 2 < body.size() &&
           is_alpha(body[from - 1]) && is_upper(body[to]) && is_lower(body[to + 1]) &&
           is_lower(body[to + 2]);
}

// Splits `body` (letters, digits and _ - . separators) into the words of a name and counts
// them; returns 0 when some part does not read like a word. A word is an upper-case acronym,
// a lower-case run, or a capitalised word; a two-letter word needs a vowel ("No", "Is"), which
// random letters rarely give. Separated one-letter segments are words too (size_t, x_y).
std::size_t name_words(std::string_view body) {
    std::size_t i = 0;
    std::size_t words = 0;
    std::size_t glued_numbers = 0; // a name has one version in it, not a digit every few letters
    while (i < body.size()) {
        const char c = body[i];
        if (c == '_' || c == '-' || c == '.') {
            if (i + 1 == body.size() || !is_alnum(body[i + 1])) {
                return 0;
            }
            ++i;
            continue;
        }
        if (is_digit(c)) {
            // Digits end a segment (db_password_2, x509_cert, sha256) but never run into
            // lower-case letters (a8f3k2), which is how random strings look. One or two digits
            // between words, the next one capitalised, are a version or a base in a name:
            // TokenV2Format, OAuth2Client, Base64Encoder.
            const std::size_t digits = i;
            while (i < body.size() && is_digit(body[i])) {
                ++i;
            }
            if (i < body.size() && is_alpha(body[i]) &&
                (!glued_number(body, digits, i) || ++glued_numbers > 1)) {
                return 0;
            }
            continue;
        }
        if (!is_alpha(c)) {
            return 0;
        }
        const std::size_t start = i;
        std::size_t upper = 0;
        while (i < body.size() && is_upper(body[i])) {
            ++upper;
            ++i;
        }
        std::size_t lower = 0;
        while (i < body.size() && is_lower(body[i])) {
            ++lower;
            ++i;
        }
        if (upper >= 2 && lower > 0) {
            // "PCSalt", "HTTPServer": an acronym, then a capitalised word.
            ++words;
            upper = 1;
        }
        // A whole segment, possibly with a number closing it (x509, utf8, sha256).
        std::size_t after = i;
        while (after < body.size() && is_digit(body[after])) {
            ++after;
        }
        const bool separated_segment = (start == 0 || !is_alpha(body[start - 1])) &&
                                       (after == body.size() || !is_alnum(body[after]));
        const std::string_view word = body.substr(i - upper - lower, upper + lower);
        const bool ok = separated_segment || lower >= 2 || (lower == 0 && upper >= 2) ||
                        (upper + lower == 2 && std::any_of(word.begin(), word.end(), is_vowel)) ||
                        (upper == 1 && lower == 0 && glued_number(body, i, after)); // the V of V2
        if (!ok) {
            return 0;
        }
        ++words;
    }
    return words;
}

// Random letters of both cases split into "words" too (yqDVtkqPECriaLRi: yq, D, Vtkq, PE, Cria,
// L, Ri), but not into words a person writes: in a name, few words are one or two letters glued
// to the next one, and no word has five consonants in a row. Only judged from 12 letters on,
// where a random string shows it. Measured on 27,000 mixed-case names from system headers and
// the Python library: it clears under 1% of those names, and 70% of the random 16-letter strings
// that name_words takes for names (about 95% of them at 24 letters).
bool reads_as_random_letters(std::string_view body) {
    const auto letters =
        static_cast<std::size_t>(std::count_if(body.begin(), body.end(), is_alpha));
    if (letters < 12 || std::none_of(body.begin(), body.end(), is_upper) ||
        std::none_of(body.begin(), body.end(), is_lower)) {
        return false;
    }
    std::size_t short_words = 0;
    std::size_t vowelless_words = 0;
    std::size_t consonant_run = 0;
    const auto judge = [&](std::string_view word, bool glued) {
        if (glued && word.size() <= 2) {
            ++short_words;
        }
        if (std::none_of(word.begin(), word.end(), is_lower)) {
            return; // an acronym: HTTP, XML
        }
        std::size_t run = 0;
        std::size_t vowels = 0;
        for (const char c : word) {
            if (is_vowel(c)) {
                run = 0;
                ++vowels;
            } else {
                ++run;
            }
            consonant_run = std::max(consonant_run, run);
        }
        if (word.size() >= 3 && vowels == 0) {
            ++vowelless_words;
        }
    };
    std::size_t i = 0;
    while (i < body.size()) {
        if (!is_alpha(body[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < body.size() && is_upper(body[i])) {
            ++i;
        }
        const std::size_t upper = i - start;
        while (i < body.size() && is_lower(body[i])) {
            ++i;
        }
        const bool glued =
            (start > 0 && is_alpha(body[start - 1])) || (i < body.size() && is_alpha(body[i]));
        const std::string_view letters_run = body.substr(start, i - start);
        if (upper >= 2 && letters_run.size() > upper) {
            // "HTTPServer": the acronym, then the capitalised word its last capital starts.
            judge(letters_run.substr(0, upper - 1), glued);
            judge(letters_run.substr(upper - 1), glued);
        } else {
            judge(letters_run, glued);
        }
    }
    return consonant_run >= 5 || short_words >= 3 || (vowelless_words >= 1 && short_words >= 2);
}

// camelCase, PascalCase, snake_case, kebab-case and SCREAMING_SNAKE names made of words, with
// at most a short number at the end: passwordField, SecretName, db_password_2, GITHUB_TOKEN.
bool is_identifier_name(std::string_view s) {
    std::size_t end = s.size();
    std::size_t trailing_digits = 0;
    while (end > 0 && is_digit(s[end - 1]) && trailing_digits < 4) {
        --end;
        ++trailing_digits;
    }
    // Only a number glued to a word is a suffix (word123); after a separator it is a segment.
    if (end == 0 || !is_alpha(s[end - 1])) {
        end = s.size();
    }
    const std::string_view body = s.substr(0, end);
    return !body.empty() && is_alpha(body.front()) && name_words(body) >= 1 &&
           !reads_as_random_letters(body);
}

// A multi-word name (snake_case, kebab-case, dotted, camelCase, PascalCase), as opposed to one
// word with a number after it, which is how many people build passwords.
bool is_compound_identifier(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0 && is_digit(s[end - 1])) {
        --end;
    }
    if (end == 0 || !is_alpha(s[end - 1])) {
        end = s.size(); // scram-sha-256: the number is a segment of its own
    }
    const std::string_view body = s.substr(0, end);
    return !body.empty() && is_alpha(body.front()) && name_words(body) >= 2 &&
           !reads_as_random_letters(body);
}

// GID:user_list, group/member, a|b, timer=default_timer, min=8;max=64: names or numbers joined
// by : / | = , ; &
bool is_identifier_list(std::string_view s) {
    std::size_t segments = 0;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find_first_of(":/|=,;&", start);
        end = end == std::string_view::npos ? s.size() : end;
        const std::string_view segment = s.substr(start, end - start);
        if (segment.empty() || !(is_identifier_name(segment) || all_of(segment, is_digit))) {
            return false;
        }
        ++segments;
        start = end + 1;
    }
    return segments >= 2;
}

// An Amazon Resource Name (arn:partition:service:region:account:resource): the name of a KMS
// key, a Secrets Manager secret or a role, which sits in secret-named fields as a reference.
bool is_arn(std::string_view s) {
    return s.starts_with("arn:aws") && std::count(s.begin(), s.end(), ':') >= 5;
}

bool is_email(std::string_view s) {
    const std::size_t at = s.find('@');
    if (at == std::string_view::npos || at == 0) {
        return false;
    }
    const std::string_view domain = s.substr(at + 1);
    const std::size_t dot = domain.rfind('.');
    return dot != std::string_view::npos && dot + 3 <= domain.size() &&
           all_of(domain.substr(dot + 1), is_alpha) && domain.find('@') == std::string_view::npos;
}

// Dates, times, IPv4 addresses, phone numbers: digits held together by . : - / + and spaces.
bool is_numeric_notation(std::string_view s) {
    bool digit = false;
    for (const char c : s) {
        if (is_digit(c)) {
            digit = true;
        } else if (c != '.' && c != ':' && c != '-' && c != '/' && c != '+' && c != ' ' &&
                   c != 'T' && c != 'Z') {
            return false;
        }
    }
    return digit;
}

// Strips punctuation around a value: "&str", "**bold**", "(optional)".
std::string_view strip_punctuation(std::string_view s) {
    while (!s.empty() && !is_alnum(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && !is_alnum(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// What follows an opening bracket, up to its closer or the end of the value, reads as
// arguments or a subscript: names, numbers, quotes, nested calls and the operators of an
// expression ("getpass()", "encrypt(plain", "decode(maybe_encode(ring", "p->pw)", "uuid4().hex}"),
// not a password's symbols ("Rt5[x;2Wq!", "Nw2(r]7!Lx"): a random password happens to hold a
// bracket, but rarely only those around it.
bool reads_as_arguments(std::string_view s, std::size_t open) {
    std::string closers;
    for (std::size_t i = open; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '(' || c == '[') {
            closers += c == '(' ? ')' : ']';
        } else if (c == ')' || c == ']') {
            if (closers.empty() || closers.back() != c) {
                return false; // "Nw2(r]7": brackets that do not pair
            }
            closers.pop_back();
            if (closers.empty()) {
                return true;
            }
        } else if (!is_identifier_char(c) &&
                   std::string_view{".,:= '\"-+*/>"}.find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// A function call or type expression rather than a literal: getpass(), Option<String>,
// ENV.fetch("X"), secrets["db"].
bool is_expression(std::string_view s) {
    const std::size_t paren = s.find('(');
    if (paren != std::string_view::npos && paren > 0 &&
        std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(paren),
                    [](char c) { return is_identifier_char(c) || c == '.' || c == ':'; }) &&
        reads_as_arguments(s, paren)) {
        return true;
    }
    const std::size_t bracket = s.find('[');
    return bracket != std::string_view::npos && bracket > 0 &&
           std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(bracket),
                       [](char c) { return is_identifier_char(c) || c == '.'; }) &&
           reads_as_arguments(s, bracket);
}

// Fragments that mark a value as a template or a shortened one wherever they occur.
constexpr std::array k_placeholder_fragments{
    std::string_view{"%("},           std::string_view{"$("}, std::string_view{"..."},
    std::string_view{"\xE2\x80\xA6"}, std::string_view{"**"}, std::string_view{"\\$"},
    std::string_view{"[["},           std::string_view{"{%"},
};

// What a template variable holds between its brackets: a name, a dotted path, filters and
// defaults (${VAR:-x}, {{ .Values.db | quote }}, <your api key>). Brackets, '$' and '#' inside
// mean the value is a string of symbols that only happens to contain "{{" or "<", as random
// passwords do.
bool is_template_body(std::string_view body) {
    return std::none_of(body.begin(), body.end(), [](char c) {
        return c == '{' || c == '}' || c == '[' || c == ']' || c == '<' || c == '>' || c == '$' ||
               c == '#' || c == '\n';
    });
}

// ${VAR}, ${{ secrets.X }}, {{ var }}, #{var}, <token>: an opening marker, a template body,
// and its closing marker. A lone "<", ">", "{{" or "}}" is not a template.
bool has_template_variable(std::string_view value) {
    constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_markers{
        {{"${{", "}}"}, {"${", "}"}, {"{{", "}}"}, {"#{", "}"}, {"<", ">"}}};
    for (const auto& [open, close] : k_markers) {
        std::size_t from = 0;
        while ((from = value.find(open, from)) != std::string_view::npos) {
            const std::size_t body = from + open.size();
            const std::size_t end = value.find(close, body);
            if (end == std::string_view::npos) {
                break;
            }
            if (end > body && is_template_body(value.substr(body, end - body))) {
                return true;
            }
            from = body;
        }
    }
    // A template cut short where the value's pattern stopped (at a space): "{{", "${DB_",
    // ".Values.password}}".
    for (const std::string_view open : {"${", "{{", "#{", "<"}) {
        if (value.starts_with(open) &&
            value.find(open == "<" ? ">" : "}") == std::string_view::npos) {
            return true;
        }
    }
    return (value.ends_with("}}") && value.find("{{") == std::string_view::npos) ||
           (value.ends_with(">") && value.find('<') == std::string_view::npos);
}

// A format string's replacement fields (Python str.format, C#, Rust, .NET): "{db_pass}",
// "{user.password!r}", "{0}:{1}", "key-{env}-{region}". A field named by two or more
// characters is a template wherever it is; "{}", one-character fields and printf conversions
// ("%s:%s@%s", "%-8s|%5d") only when nothing but punctuation is left around them, since
// random passwords hold "{2}", "{h}" or "%s" by chance.
bool has_format_field(std::string_view value) {
    bool field = false;      // a field or conversion was taken out
    bool alnum_left = false; // what is left holds a letter or digit
    std::size_t i = 0;
    auto keep = [&](char c) { alnum_left = alnum_left || is_alnum(c); };
    while (i < value.size()) {
        if (value[i] == '%') {
            // A printf conversion: %s, %-8s, %5d, %.2f, %lu, %v.
            std::size_t j = i + 1;
            while (j < value.size() &&
                   (std::string_view{"-+ #0."}.find(value[j]) != std::string_view::npos ||
                    is_digit(value[j]) || value[j] == 'l' || value[j] == 'h' || value[j] == 'z')) {
                ++j;
            }
            if (j < value.size() &&
                std::string_view{"sdifxXeEgGcuoqvr"}.find(value[j]) != std::string_view::npos) {
                field = true;
                i = j + 1;
                continue;
            }
            keep(value[i++]);
            continue;
        }
        if (value[i] != '{') {
            keep(value[i++]);
            continue;
        }
        std::size_t j = i + 1;
        while (j < value.size() && (is_identifier_char(value[j]) || value[j] == '.')) {
            ++j;
        }
        const std::size_t name_end = j;
        if (j < value.size() && (value[j] == '!' || value[j] == ':')) {
            while (j < value.size() && value[j] != '}' && value[j] != '{' && !is_space(value[j])) {
                ++j;
            }
        }
        if (j >= value.size() || value[j] != '}') {
            keep(value[i++]);
            continue;
        }
        const std::string_view name = value.substr(i + 1, name_end - i - 1);
        if (name.size() >= 2 && (is_alpha(name.front()) || name.front() == '_')) {
            return true;
        }
        field = true;
        i = j + 1;
    }
    return field && !alnum_left;
}

// Lower-case, matched anywhere (case-insensitively). Long enough never to occur by chance in
// a random key (four letters in base62: about 1 in 10^6 per position).
constexpr std::array k_placeholder_words{
    std::string_view{"your"},         std::string_view{"placeholder"},
    std::string_view{"changeme"},     std::string_view{"change_me"},
    std::string_view{"change-me"},    std::string_view{"changeit"},
    std::string_view{"replace_me"},   std::string_view{"replaceme"},
    std::string_view{"replace-me"},   std::string_view{"replace_with"},
    std::string_view{"replace-with"}, std::string_view{"replacewith"},
    std::string_view{"redacted"},     std::string_view{"process.env"},
    std::string_view{"os.environ"},   std::string_view{"getenv"},
    std::string_view{"environ["},     std::string_view{"env["},
    std::string_view{"env."},         std::string_view{"secrets."},
    std::string_view{"vault:"},       std::string_view{"xxxx"},
    std::string_view{"insert_"},      std::string_view{"insert-"},
    std::string_view{"enter_"},       std::string_view{"enter-your"},
    std::string_view{"_here"},        std::string_view{"-here"},
    std::string_view{"goes_here"},    std::string_view{"todo"},
    std::string_view{"fixme"},        std::string_view{"{cipher}"},
    std::string_view{"enc("},         std::string_view{"enc["},
    std::string_view{"!vault"},       std::string_view{"keyvault"},
    std::string_view{"secretref"},
};

// Whole values (compared lower-case, letters and digits only) that name a value instead of
// being one.
constexpr std::array k_placeholder_values{
    std::string_view{"password"},   std::string_view{"passwd"},
    std::string_view{"pass"},       std::string_view{"pwd"},
    std::string_view{"secret"},     std::string_view{"token"},
    std::string_view{"apikey"},     std::string_view{"key"},
    std::string_view{"value"},      std::string_view{"none"},
    std::string_view{"null"},       std::string_view{"nil"},
    std::string_view{"undefined"},  std::string_view{"empty"},
    std::string_view{"string"},     std::string_view{"str"},
    std::string_view{"required"},   std::string_view{"optional"},
    std::string_view{"true"},       std::string_view{"false"},
    std::string_view{"default"},    std::string_view{"hidden"},
    std::string_view{"masked"},     std::string_view{"secure"},
    std::string_view{"sensitive"},  std::string_view{"tbd"},
    std::string_view{"na"},         std::string_view{"unset"},
    std::string_view{"notset"},     std::string_view{"blank"},
    std::string_view{"secretkey"},  std::string_view{"accesskey"},
    std::string_view{"mypassword"}, std::string_view{"mysecret"},
    std::string_view{"mytoken"},    std::string_view{"secretpassword"},
};

// Lower-case markers of documentation and test values.
constexpr std::array k_example_words{
    std::string_view{"example"}, std::string_view{"sample"}, std::string_view{"dummy"},
    std::string_view{"fake"},    std::string_view{"test"},
};

// ---------------------------------------------------------------------------------------------
// Checks (registered below)
// ---------------------------------------------------------------------------------------------

// True unless the value is a template, a reference to somewhere else, or a stand-in:
// YOUR_API_KEY, <token>, xxxx…, ****, changeme, ${VAR}, {{ var }}, %(var)s, $VAR, %VAR%,
// process.env.X, os.environ[...], one character repeated.
// promptlint's own redaction tokens ([EMAIL_1], [AWS_ACCESS_KEY_ID:3f2a9c], [REDACTED]): a
// redacted text must never be reported again.
bool is_redaction_token(std::string_view value) {
    if (value.size() < 3 || value.front() != '[' || value.back() != ']') {
        return false;
    }
    return std::all_of(value.begin() + 1, value.end() - 1, [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
               (c >= 'a' && c <= 'f');
    });
}

bool not_placeholder(std::string_view value) {
    if (value.empty() || is_redaction_token(value)) {
        return false;
    }
    for (const std::string_view fragment : k_placeholder_fragments) {
        if (value.find(fragment) != std::string_view::npos) {
            return false;
        }
    }
    if (has_template_variable(value) || has_format_field(value)) {
        return false;
    }
    for (const std::string_view word : k_placeholder_words) {
        if (icontains(value, word)) {
            return false;
        }
    }
    if (value.front() == '$' && value.size() > 1 &&
        (is_alpha(value[1]) || value[1] == '_' || value[1] == '{')) {
        return false; // $VAR
    }
    if (value.size() > 2 && value.front() == '%' && value.back() == '%') {
        return false; // %VAR%
    }
    if (value.size() > 3 && value.ends_with(")s") && value.find("%(") != std::string_view::npos) {
        return false;
    }
    if (value.ends_with("..")) {
        return false; // a value shown truncated: ops_eyJzaWduSW5B..
    }
    const std::string folded = lower_alnum_only(value);
    if (std::find(k_placeholder_values.begin(), k_placeholder_values.end(), folded) !=
        k_placeholder_values.end()) {
        return false;
    }
    // One character over and over is a filler (000000, aaaaaaaa, ------, sk_live_0000000000);
    // a run among plenty of varied characters is not: base64 of binary key material holds zero
    // bytes (AAAAAAAAAAC7hjsA+H3o…).
    const std::size_t repeat = longest_repeat(value);
    if (repeat == value.size() ||
        (repeat >= 6 && (2 * repeat >= value.size() || value.size() - repeat < 16))) {
        return false;
    }
    return longest_run(value, [](char c) noexcept { return c == 'x' || c == 'X'; }) < 4 &&
           longest_run(value, [](char c) noexcept { return c == '*' || c == '#'; }) < 3;
}

// The passwords that tutorials and default configurations use, also in leetspeak and with a
// short number or symbol after them: P@ssw0rd, s3cr3t!, admin123, changeme1, letmein.
bool is_stock_password(std::string_view value) {
    // Trailing digits and symbols ("admin123!") do not make a stock password less stock.
    while (!value.empty() && !is_alpha(value.back())) {
        value.remove_suffix(1);
    }
    std::string word;
    for (const char c : value) {
        switch (c) {
        case '0':
            word += 'o';
            break;
        case '1':
            word += 'i';
            break;
        case '3':
            word += 'e';
            break;
        case '4':
        case '@':
            word += 'a';
            break;
        case '5':
        case '$':
            word += 's';
            break;
        case '7':
            word += 't';
            break;
        default:
            word += fold(c);
        }
    }
    constexpr std::array k_stock{
        std::string_view{"password"},
        std::string_view{"passw"},
        std::string_view{"secret"},
        std::string_view{"admin"},
        std::string_view{"letmein"},
        std::string_view{"welcome"},
        std::string_view{"changeme"},
        std::string_view{"qwerty"},
        std::string_view{"iloveyou"},
        std::string_view{"root"},
        std::string_view{"toor"},
        std::string_view{"hunter"},
        std::string_view{"pass"},
        std::string_view{"passwort"},
        std::string_view{"guest"},
        std::string_view{"default"},
        std::string_view{"master"},
        std::string_view{"abc"},
        // The user names that database images and tutorials reuse as the password
        // (postgres:postgres, mysql:mysql, sa, oracle).
        std::string_view{"postgres"},
        std::string_view{"mysql"},
        std::string_view{"mongodb"},
        std::string_view{"mongo"},
        std::string_view{"mariadb"},
        std::string_view{"oracle"},
        std::string_view{"redis"},
        std::string_view{"rabbitmq"},
        std::string_view{"user"},
    };
    return std::find(k_stock.begin(), k_stock.end(), word) != k_stock.end();
}

// abcd1234abcd1234abcd1234, xyzxyzxyz: a short chunk typed three times or more, making up at
// least half the value. A run of one character at the start of a long random value (base64 of
// binary data that begins with zero bytes: AAAAAAAAAAC7hjsA…) is not a typed pattern.
bool is_repeated_chunk(std::string_view value) {
    for (std::size_t period = 2; period <= 16 && 3 * period <= value.size(); ++period) {
        std::size_t periodic = period;
        while (periodic < value.size() && fold(value[periodic]) == fold(value[periodic - period])) {
            ++periodic;
        }
        if (periodic >= 3 * period && 2 * periodic >= value.size()) {
            return true;
        }
    }
    return false;
}

// True unless the value is a documentation or test value: it contains example, sample, dummy,
// fake or test (AWS's AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY among
// them), or a typed run such as 123456 or abcdef. A JWT is judged by its decoded header and
// payload, so jwt.io's "John Doe" sample is recognised too.
bool not_example(std::string_view value) {
    // Tokens printed in providers' own documentation, copied into countless tutorials.
    constexpr std::array k_documented{
        // Telegram Bot API manual, "Authorizing your bot".
        std::string_view{"110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw"},
    };
    for (const std::string_view documented : k_documented) {
        if (value.find(documented) != std::string_view::npos) {
            return false;
        }
    }
    for (const std::string_view word : k_example_words) {
        if (icontains(value, word)) {
            return false;
        }
    }
    if (longest_sequence(value) >= 6 || icontains(value, "password") || is_stock_password(value) ||
        is_repeated_chunk(value)) {
        return false;
    }
    // Base64 of readable text ("dummy text data") is judged by its text.
    if (value.size() >= 12 && !value.starts_with("eyJ")) {
        if (const auto text = decode_base64(value);
            text && text->size() >= 8 &&
            std::all_of(text->begin(), text->end(), [](char c) { return c >= 0x20 && c < 0x7F; })) {
            for (const std::string_view word : k_example_words) {
                if (icontains(*text, word)) {
                    return false;
                }
            }
        }
    }
    if (value.starts_with("eyJ")) {
        std::string decoded;
        std::size_t start = 0;
        for (int part = 0; part < 2 && start < value.size(); ++part) {
            std::size_t dot = value.find('.', start);
            dot = dot == std::string_view::npos ? value.size() : dot;
            if (auto text = decode_base64(value.substr(start, dot - start))) {
                decoded += *text;
            }
            start = dot + 1;
        }
        for (const std::string_view word : k_example_words) {
            if (icontains(decoded, word)) {
                return false;
            }
        }
        if (icontains(decoded, "john doe") || icontains(decoded, "jane doe") ||
            longest_sequence(decoded) >= 6) {
            return false;
        }
    }
    return true;
}

// GitHub classic tokens (ghp_, gho_, ghu_, ghs_, ghr_) and npm tokens: prefix, '_', 30 random
// base62 characters, then the CRC32 of those 30 characters in 6 base62 digits.
bool token_crc32(std::string_view value) {
    const std::size_t underscore = value.find('_');
    if (underscore == std::string_view::npos) {
        return false;
    }
    const std::string_view body = value.substr(underscore + 1);
    if (body.size() != 36 || !all_of(body, is_alnum)) {
        return false;
    }
    std::uint64_t encoded = 0;
    for (const char c : body.substr(30)) {
        encoded = encoded * 62 + static_cast<std::uint64_t>(base62_value(c));
    }
    return encoded == crc32(body.substr(0, 30));
}

// A GitHub fine-grained token's layout: github_pat_, 22 base62 characters, '_', 59 more. The
// rule matches any 82 word characters after the prefix so that a value with the separator
// missing or misplaced is still shown, at info, instead of falling to a generic rule.
bool github_pat_layout(std::string_view value) {
    constexpr std::string_view k_prefix = "github_pat_";
    if (!value.starts_with(k_prefix)) {
        return false;
    }
    value.remove_prefix(k_prefix.size());
    return value.size() == 82 && value[22] == '_' && all_of(value.substr(0, 22), is_alnum) &&
           all_of(value.substr(23), is_alnum);
}

// BIP-173 bech32 checksum (age identities and recipients, and other bech32 strings): the
// human-readable part, '1', data characters; all upper or all lower case.
bool bech32(std::string_view value) {
    constexpr std::string_view k_charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const bool has_lower = std::any_of(value.begin(), value.end(), is_lower);
    const bool has_upper = std::any_of(value.begin(), value.end(), is_upper);
    if (has_lower && has_upper) {
        return false;
    }
    const std::size_t separator = value.rfind('1');
    if (separator == std::string_view::npos || separator == 0 || separator + 7 > value.size()) {
        return false;
    }
    const auto polymod_step = [](std::uint32_t chk, std::uint32_t v) {
        constexpr std::array<std::uint32_t, 5> k_gen{0x3b6a57b2U, 0x26508e6dU, 0x1ea119faU,
                                                     0x3d4233ddU, 0x2a1462b3U};
        const std::uint32_t top = chk >> 25U;
        chk = ((chk & 0x1ffffffU) << 5U) ^ v;
        for (std::size_t i = 0; i < 5; ++i) {
            if (((top >> i) & 1U) != 0) {
                chk ^= k_gen[i];
            }
        }
        return chk;
    };
    std::uint32_t chk = 1;
    const std::string_view hrp = value.substr(0, separator);
    for (const char c : hrp) {
        if (c < 33 || c > 126) {
            return false;
        }
        chk = polymod_step(chk, static_cast<std::uint32_t>(fold(c)) >> 5U);
    }
    chk = polymod_step(chk, 0);
    for (const char c : hrp) {
        chk = polymod_step(chk, static_cast<std::uint32_t>(fold(c)) & 31U);
    }
    for (const char c : value.substr(separator + 1)) {
        const std::size_t v = k_charset.find(fold(c));
        if (v == std::string_view::npos) {
            return false;
        }
        chk = polymod_step(chk, static_cast<std::uint32_t>(v));
    }
    return chk == 1;
}

// Base58Check (Bitcoin WIF private keys, BIP-32 extended keys): the last 4 decoded bytes are
// the first 4 of SHA-256(SHA-256(payload)).
bool base58check(std::string_view value) {
    const auto bytes = decode_base58(value);
    if (!bytes || bytes->size() < 5) {
        return false;
    }
    ensure_sodium();
    const std::size_t payload = bytes->size() - 4;
    std::array<unsigned char, crypto_hash_sha256_BYTES> first{};
    std::array<unsigned char, crypto_hash_sha256_BYTES> second{};
    crypto_hash_sha256(first.data(), reinterpret_cast<const unsigned char*>(bytes->data()),
                       payload);
    crypto_hash_sha256(second.data(), first.data(), first.size());
    return std::equal(second.begin(), second.begin() + 4,
                      reinterpret_cast<const unsigned char*>(bytes->data()) + payload);
}

std::optional<nlohmann::json> decode_json_part(std::string_view part) {
    const auto text = decode_base64(part);
    if (!text) {
        return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return std::nullopt;
    }
    return parsed;
}

// A JWS (header.payload.signature) or JWE (five parts) whose header decodes to a JSON object
// with a string "alg"; a JWS payload must decode to a JSON object too (RFC 7519 claims).
bool jwt(std::string_view value) {
    std::array<std::string_view, 5> parts{};
    std::size_t count = 0;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t dot = value.find('.', start);
        dot = dot == std::string_view::npos ? value.size() : dot;
        if (count == parts.size()) {
            return false;
        }
        parts[count++] = value.substr(start, dot - start);
        start = dot + 1;
    }
    if (count != 3 && count != 5) {
        return false;
    }
    const auto header = decode_json_part(parts[0]);
    if (!header) {
        return false;
    }
    const auto alg = header->find("alg");
    if (alg == header->end() || !alg->is_string()) {
        return false;
    }
    if (count == 3) {
        return decode_json_part(parts[1]).has_value() && decode_base64(parts[2]).has_value();
    }
    return true;
}

// False for a JWT that is public by design: a Supabase-style "anon" key (payload role "anon"),
// which ships in every web client of the project.
bool jwt_not_public(std::string_view value) {
    const std::size_t first = value.find('.');
    if (first == std::string_view::npos) {
        return true;
    }
    const std::size_t second = value.find('.', first + 1);
    const auto payload = decode_json_part(value.substr(
        first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1));
    if (!payload) {
        return true;
    }
    const auto role = payload->find("role");
    return role == payload->end() || !role->is_string() || role->get<std::string>() != "anon";
}

// The length of a line break written as an escape at `i`: \n or \r in a JSON or code string,
// \\n or \\r when that string is itself inside a JSON string (a service-account key in an
// environment variable's JSON); 0 when there is none.
std::size_t escaped_line_break(std::string_view value, std::size_t i) {
    std::size_t j = i;
    for (int slashes = 0; slashes < 2 && j < value.size() && value[j] == '\\'; ++slashes) {
        ++j;
    }
    if (j == i || j >= value.size() || (value[j] != 'n' && value[j] != 'r')) {
        return 0;
    }
    return j + 1 - i;
}

// Splits a PEM-like block (real or JSON-escaped line breaks) into its label and its base64
// body, skipping RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED".
struct PemParts {
    std::string label;
    std::string body;
    std::vector<std::size_t> line_lengths;
    bool encrypted_headers = false;
};

PemParts split_pem(std::string_view value) {
    PemParts parts;
    // RFC 7468 armour ("-----BEGIN X-----") or RFC 4716 SSH2 armour ("---- BEGIN X ----").
    for (const auto& [open, close] :
         {std::pair<std::string_view, std::string_view>{"-----BEGIN ", "-----"},
          {"---- BEGIN ", " ----"}}) {
        if (value.starts_with(open)) {
            const std::size_t end = value.find(close, open.size());
            if (end != std::string_view::npos) {
                parts.label = std::string(value.substr(open.size(), end - open.size()));
                value.remove_prefix(end + close.size());
            }
            break;
        }
    }
    // The body ends at the END armour (its spaces would otherwise split it into words).
    for (const std::string_view end_armour : {"-----END", "---- END"}) {
        if (const std::size_t end = value.find(end_armour); end != std::string_view::npos) {
            value = value.substr(0, end);
        }
    }
    std::string line;
    const auto flush = [&] {
        if (line.find(':') != std::string::npos) {
            parts.encrypted_headers = parts.encrypted_headers || icontains(line, "encrypted");
        } else if (line.starts_with("-----")) {
            // the END line
        } else if (line.size() == 5 && line.front() == '=') {
            // the OpenPGP armour checksum (=XXXX, RFC 4880 section 6.1)
        } else if (!line.empty()) {
            parts.line_lengths.push_back(line.size());
            parts.body += line;
        }
        line.clear();
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\n' || c == '\r') {
            flush();
        } else if (const std::size_t escape = escaped_line_break(value, i); escape > 0) {
            flush();
            i += escape - 1;
        } else if (c == ' ' || c == '\t') {
            // one-line keys separate the armour from the body with spaces
            if (!line.empty() && line.find(':') == std::string::npos) {
                flush();
            } else if (!line.empty()) {
                line += c;
            }
        } else {
            line += c;
        }
    }
    flush();
    return parts;
}

// The body of a PEM block is base64 of real key material: only base64 characters, '=' only at
// the end, at least 40 of them, varied (not XXXX… or a repeated filler), and, when several
// lines are present, all but the last of one length of at most 80.
bool pem_body(std::string_view value) {
    const PemParts parts = split_pem(value);
    const std::string& body = parts.body;
    if (body.size() < 40) {
        return false;
    }
    const std::size_t padding = body.size() - (body.find_last_not_of('=') + 1);
    if (padding > 2) {
        return false;
    }
    for (std::size_t i = 0; i + padding < body.size(); ++i) {
        const char c = body[i];
        if (!(is_alnum(c) || c == '+' || c == '/')) {
            return false;
        }
    }
    if (longest_run(body, [](char c) noexcept { return c == 'x' || c == 'X'; }) >= 4 ||
        longest_sequence(body) >= 8) {
        return false;
    }
    std::array<bool, 128> seen{};
    std::size_t distinct = 0;
    for (const char c : body) {
        const auto u = static_cast<unsigned char>(c);
        if (!seen[u]) {
            seen[u] = true;
            ++distinct;
        }
    }
    if (distinct < 16) {
        return false;
    }
    const auto& lengths = parts.line_lengths;
    if (lengths.size() >= 3) {
        for (std::size_t i = 1; i + 1 < lengths.size(); ++i) {
            if (lengths[i] != lengths[0] || lengths[0] > 80) {
                return false;
            }
        }
    }
    return true;
}

// The decoded body starts the way its label says: a DER SEQUENCE for PKCS#1, PKCS#8 and SEC 1
// keys, "openssh-key-v1\0" for OpenSSH keys, a secret-key packet for PGP. Legacy encrypted
// PEM (Proc-Type headers) is ciphertext and only has to decode.
bool pem_structure(std::string_view value) {
    const PemParts parts = split_pem(value);
    std::string_view body = parts.body;
    body = body.substr(0, body.size() - body.size() % 4);
    const auto decoded = decode_base64(body);
    if (!decoded || decoded->size() < 16) {
        return false;
    }
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>((*decoded)[i]); };
    if (parts.encrypted_headers) {
        return true;
    }
    if (icontains(parts.label, "openssh")) {
        return decoded->starts_with(std::string_view("openssh-key-v1\0", 15));
    }
    if (icontains(parts.label, "pgp")) {
        const std::uint8_t b = byte(0);
        if ((b & 0xC0U) == 0xC0U) {
            const unsigned tag = b & 0x3FU;
            return tag == 5 || tag == 7;
        }
        const unsigned tag = (b >> 2U) & 0x0FU;
        return (b & 0x80U) != 0 && (tag == 5 || tag == 7);
    }
    // DER: SEQUENCE, then a definite length (short form, or long form of 1-3 bytes).
    return byte(0) == 0x30 && (byte(1) < 0x80 || (byte(1) >= 0x81 && byte(1) <= 0x83));
}

// A Discord bot token: its first part is the bot's user id (a 17 to 20 digit snowflake) in
// base64, then a timestamp and an HMAC.
bool discord_bot_token(std::string_view value) {
    const std::size_t dot = value.find('.');
    if (dot == std::string_view::npos) {
        return false;
    }
    const auto id = decode_base64(value.substr(0, dot));
    return id && id->size() >= 17 && id->size() <= 20 && all_of(*id, is_digit) &&
           id->front() != '0';
}

// HTTP Basic credentials and docker "auth" values: base64 of "user:password" in printable
// text, with a password that is not a placeholder.
bool basic_auth(std::string_view value) {
    const auto decoded = decode_base64(value);
    if (!decoded || decoded->size() < 3) {
        return false;
    }
    for (const char c : *decoded) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            return false;
        }
    }
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos || colon + 1 >= decoded->size()) {
        return false;
    }
    return not_placeholder(std::string_view(*decoded).substr(colon + 1));
}

// A value scraped from HTML ends where an escaped quote or bracket starts (&quot;, &#39;, &lt;).
std::string_view before_html_entity(std::string_view value) {
    for (const std::string_view entity : {"&quot", "&#39", "&#x27", "&apos", "&lt", "&gt"}) {
        value = value.substr(0, value.find(entity));
    }
    return value;
}

// A value that starts with the prefix of a provider whose own rule knows the token's full shape
// (Slack's xoxb-/xoxp-/xapp-, GitHub's ghp_ and github_pat_): that rule reports every real one,
// at info when it is a known fake, so what reaches a generic rule is a value the provider's
// shape refused ("xoxp-1234-1234-1234-…" has team and user ids too short to be real). Reporting
// it as a generic token would undo that judgement.
bool has_provider_prefix(std::string_view value) {
    if (value.size() > 5 && value.starts_with("xox") && value[4] == '-' &&
        std::string_view("abeoprs").find(value[3]) != std::string_view::npos) {
        return true;
    }
    if (value.size() > 4 && value.starts_with("gh") && value[3] == '_' &&
        std::string_view("oprsu").find(value[2]) != std::string_view::npos) {
        return true;
    }
    return value.starts_with("xoxe.xox") || value.starts_with("xapp-") ||
           value.starts_with("github_pat_");
}

// The common ground of generic secrets: not a placeholder, and none of the things that sit in
// secret-named fields without being secrets: URLs, ARNs, paths, e-mail addresses, UUIDs, SRI
// hashes, versions, dates, member accesses, function calls, lists of names, and provider tokens
// whose provider's rule refused them.
bool plausible_literal(std::string_view value) {
    if (!not_placeholder(value) || value.find("://") != std::string_view::npos || is_path(value) ||
        is_expression(value) || has_provider_prefix(value) || is_arn(value)) {
        return false;
    }
    // Code around a value leaks into it (self.encoding), name_list): judge the value with its
    // surrounding punctuation removed too.
    for (const std::string_view v : {value, strip_punctuation(value)}) {
        if (is_uuid(v) || is_algorithm_digest(v) || is_version(v) || is_email(v) ||
            is_member_access(v) || is_numeric_notation(v) || is_identifier_list(v)) {
            return false;
        }
    }
    return true;
}

// A generic token, key or secret value: at least 8 characters (20 unless it mixes three of
// lower case, upper case, digits and symbols), a plausible literal, not a hex digest (unless
// `hex_is_secret`), not letters of one case only, not digits only, and with no whitespace.
bool generic_value(std::string_view value, bool hex_is_secret) {
    value = before_html_entity(value);
    if (value.size() < 8 || !plausible_literal(value) || is_identifier_name(value) ||
        is_identifier_name(strip_punctuation(value)) || (!hex_is_secret && is_hex_digest(value))) {
        return false;
    }
    bool lower = false;
    bool upper = false;
    bool digit = false;
    bool symbol = false;
    for (const char c : value) {
        if (is_space(c)) {
            return false;
        }
        lower = lower || is_lower(c);
        upper = upper || is_upper(c);
        digit = digit || is_digit(c);
        // '_' and '-' join words in names; they do not make a value more random.
        symbol = symbol || (!is_alnum(c) && c != '_' && c != '-');
    }
    if (!lower && !upper) {
        return false;
    }
    // Short values need more variety: most short lower-case-and-digit strings in code are ids,
    // not keys.
    const int classes = int{lower} + int{upper} + int{digit} + int{symbol};
    if (value.size() < 20 && classes < 3) {
        return false;
    }
    return digit || (lower && upper);
}

bool generic_secret(std::string_view value) {
    return generic_value(value, false);
}

// generic_secret, where 32 to 128 hex digits count as a secret too: under a name that says
// secret (client_secret, WEBHOOK_SECRET, SECRET_KEY_BASE), hex is how the secret was generated
// (openssl rand -hex 32, secrets.token_hex()), not the digest of a file. Rules using it keep
// digest names (hashed_secret, checksum) out with their exclusion words.
bool generic_secret_hex(std::string_view value) {
    return generic_value(value, true);
}

// A password written by a person: 6 to 128 characters, a plausible literal, and more than an
// ordinary word: "password is required", "pwd: str", "Password: Secret" are not passwords,
// "hunter2!x" and "Tr0ub4dor&3" are. Digits alone are allowed (PINs, "123456" is then
// reported at info by not_example).
bool generic_password(std::string_view value) {
    value = before_html_entity(value);
    if (value.size() < 6 || value.size() > 128 || !plausible_literal(value) ||
        is_compound_identifier(value) || is_compound_identifier(strip_punctuation(value))) {
        return false;
    }
    bool lower = false;
    bool upper = false;
    bool digit = false;
    bool symbol = false;
    for (const char c : value) {
        if (is_space(c)) {
            return false;
        }
        lower = lower || is_lower(c);
        upper = upper || is_upper(c);
        digit = digit || is_digit(c);
        symbol = symbol || !is_alnum(c);
    }
    const std::string_view core = strip_punctuation(value);
    if (core.empty()) {
        return false;
    }
    // A word with punctuation around it (&str, *required*, "Secret!") is still a word; one
    // letter among a string of symbols ("A,.:-@*?!") is not.
    const bool word = 2 * core.size() >= value.size() &&
                      (all_of(core, is_lower) || all_of(core, is_upper) ||
                       (is_upper(core.front()) && all_of(core.substr(1), is_lower)));
    if (word) {
        return false;
    }
    if (digit && !lower && !upper) {
        return !symbol || core.size() >= 6;
    }
    const int classes = int{lower} + int{upper} + int{digit} + int{symbol};
    return classes >= 2;
}

// A secret or API key taken whole from between quotes: what generic_secret takes, or a
// generic password that mixes three or more different symbols ("m{{k}e)p$#q]", "A,.:-@*?!"),
// which reads as generated or chosen, not as words joined by a separator
// ("some+client+secret"). A hex digest is left to the assignment rules, which report it only
// under a secret name.
bool quoted_secret(std::string_view value) {
    value = before_html_entity(value);
    if (is_hex_digest(value)) {
        return false;
    }
    if (generic_secret(value)) {
        return true;
    }
    std::string symbols;
    for (const char c : value) {
        if (!is_alnum(c) && c != '_' && c != '-' && c != '.' &&
            symbols.find(c) == std::string::npos) {
            symbols += c;
        }
    }
    return symbols.size() >= 3 && generic_password(value);
}

// A secp256k1 private key (Bitcoin, Ethereum and other EVM wallets) in hex: 64 hex digits,
// optionally after "0x", whose value is a valid scalar, 1 <= k < n (the group order). Zero and
// the all-F filler are not keys.
bool secp256k1_key(std::string_view value) {
    if (value.starts_with("0x") || value.starts_with("0X")) {
        value.remove_prefix(2);
    }
    if (value.size() != 64 || !all_of(value, is_hex)) {
        return false;
    }
    constexpr std::string_view k_order =
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    std::string folded;
    for (const char c : value) {
        folded += fold(c);
    }
    return folded.find_first_not_of('0') != std::string::npos && folded < k_order;
}

// A short random key of letters and digits (client secrets, app secrets, key ids of 14 to 20
// characters): it mixes letters and digits, and is neither a name with a number after it
// (orders2024, eventsTopic3) nor a hex digest or a version.
bool alnum_key(std::string_view value) {
    if (value.empty() || !all_of(value, is_alnum) || !not_placeholder(value) ||
        is_identifier_name(value) || is_hex_digest(value)) {
        return false;
    }
    // A random base36 or base62 string of 14+ characters almost always holds both (all
    // letters: under 7% at 16 base62 characters); a word or a number alone does not.
    return std::any_of(value.begin(), value.end(), is_alpha) &&
           std::any_of(value.begin(), value.end(), is_digit);
}

constexpr NamedCheck k_credential_checks[] = {
    {"not_placeholder", not_placeholder},
    {"not_example", not_example},
    {"github_crc32", token_crc32},
    {"github_pat_layout", github_pat_layout},
    {"bech32", bech32},
    {"base58check", base58check},
    {"jwt", jwt},
    {"jwt_not_public", jwt_not_public},
    {"pem_body", pem_body},
    {"pem_structure", pem_structure},
    {"basic_auth", basic_auth},
    {"discord_bot_token", discord_bot_token},
    {"generic_secret", generic_secret},
    {"generic_secret_hex", generic_secret_hex},
    {"generic_password", generic_password},
    {"quoted_secret", quoted_secret},
    {"secp256k1_key", secp256k1_key},
    {"alnum_key", alnum_key},
};

} // namespace

std::span<const NamedCheck> credential_checks() {
    return k_credential_checks;
}

} // namespace promptlint::validators
