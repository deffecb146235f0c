#include "promptlint/redact.hpp"

#include "promptlint/digest.hpp"
#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace promptlint {
namespace {

constexpr std::array<std::string_view, 4> k_styles{"placeholder", "mask", "hash", "remove"};
constexpr std::string_view k_removed = "[REDACTED]";
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_block_begin = "-----BEGIN ";
constexpr std::size_t k_type_max = 48;
constexpr std::size_t k_name_max = 64; // TYPE as parsed (longer than any type we write)
constexpr std::size_t k_number_digits_max = 18;
constexpr std::size_t k_output_buffer = 64U << 10U;
constexpr std::size_t k_unknown_listed = 100;
constexpr std::size_t k_read_chunk = 1U << 20U;

constexpr std::array<std::string_view, 4> k_preambles{
    // placeholder
    "[promptlint] Sensitive values in this text were replaced with placeholders in square "
    "brackets. Keep every placeholder exactly as written, brackets included, so the values can "
    "be put back.",
    // mask
    "[promptlint] Sensitive values in this text were masked with asterisks. Do not try to guess "
    "them.",
    // hash
    "[promptlint] Sensitive values in this text were replaced with tokens in square brackets. "
    "Keep every token exactly as written, brackets included, so the values can be put back.",
    // remove
    "[promptlint] Sensitive values in this text were replaced with [REDACTED]. Do not try to "
    "guess them."};

bool is_upper(char c) noexcept {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) noexcept {
    return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z');
}
bool is_continuation(char c) noexcept {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}
bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The first UTF-8 character of `s` (one byte when it is not valid UTF-8).
std::string_view first_char(std::string_view s) {
    std::size_t n = s.empty() ? 0 : 1;
    while (n < s.size() && is_continuation(s[n])) {
        ++n;
    }
    return s.substr(0, n);
}

// The line break the input uses, judged by its first line.
std::string_view line_break_of(std::string_view bytes) {
    const std::size_t nl = bytes.find('\n');
    return nl != std::string_view::npos && nl > 0 && bytes[nl - 1] == '\r' ? "\r\n" : "\n";
}

// Length of a preamble line (with its line break) at the start of `bytes`, or 0.
std::size_t preamble_at(std::string_view bytes) {
    for (std::string_view p : k_preambles) {
        if (bytes.starts_with(p)) {
            std::string_view rest = bytes.substr(p.size());
            if (rest.starts_with("\r\n")) {
                return p.size() + 2;
            }
            if (rest.starts_with('\n')) {
                return p.size() + 1;
            }
        }
    }
    return 0;
}

// Re-cuts a first part held in memory followed by the rest of a source (read without overlap)
// into windows that overlap as the scanner needs. Memory: the first part, then one window.
class ChainSource final : public ByteSource {
public:
    ChainSource(std::string first, ByteSource* rest, const SourceLimits& limits)
        : m_first(std::move(first)), m_rest(rest), m_limits(limits) {}

    bool next(Window& w) override {
        if (m_done) {
            return false;
        }
        if (m_emitted) {
            const std::size_t kept = std::min(m_limits.overlap, m_buffer.size());
            m_buffer.erase(0, m_buffer.size() - kept);
            m_base = m_end - kept;
        }
        while (m_buffer.size() < m_limits.stream_window && !exhausted()) {
            const std::size_t want = m_limits.stream_window - m_buffer.size();
            if (m_first_at < m_first.size()) {
                const std::size_t take = std::min(want, m_first.size() - m_first_at);
                m_buffer.append(m_first, m_first_at, take);
                m_first_at += take;
                if (m_first_at == m_first.size()) {
                    std::string().swap(m_first);
                    m_first_at = 0;
                }
                continue;
            }
            if (m_pending.empty()) {
                Window rw;
                if (m_rest == nullptr || m_rest_done || !m_rest->next(rw)) {
                    m_rest_done = true;
                    continue;
                }
                m_pending = rw.bytes;
                m_rest_done = rw.last;
                continue;
            }
            const std::size_t take = std::min(want, m_pending.size());
            m_buffer.append(m_pending.substr(0, take));
            m_pending.remove_prefix(take);
        }
        m_end = m_base + m_buffer.size();
        w.bytes = m_buffer;
        w.base = m_base;
        w.last = exhausted();
        m_emitted = true;
        m_done = w.last;
        return true;
    }

private:
    bool exhausted() const noexcept {
        return m_first_at >= m_first.size() && m_pending.empty() &&
               (m_rest == nullptr || m_rest_done);
    }

    std::string m_first;
    std::size_t m_first_at = 0;
    ByteSource* m_rest;
    bool m_rest_done = false;
    std::string_view m_pending;
    SourceLimits m_limits;
    std::string m_buffer;
    std::uint64_t m_base = 0;
    std::uint64_t m_end = 0;
    bool m_emitted = false;
    bool m_done = false;
};

// A file read in chunks, without overlap (ChainSource adds it), and read again after rewind().
class ReadSource final : public ByteSource {
public:
    explicit ReadSource(const std::filesystem::path& path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0) {
            throw InputFailure(fmt::format("cannot open: {}", std::strerror(errno)));
        }
        m_buffer.resize(k_read_chunk);
    }
    ReadSource(const ReadSource&) = delete;
    ReadSource& operator=(const ReadSource&) = delete;
    ~ReadSource() override { ::close(m_fd); }

    bool next(Window& w) override {
        if (m_eof) {
            return false;
        }
        std::size_t filled = 0;
        while (filled < m_buffer.size()) {
            const ssize_t n = ::read(m_fd, m_buffer.data() + filled, m_buffer.size() - filled);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw InputFailure(fmt::format("read failed: {}", std::strerror(errno)));
            }
            if (n == 0) {
                m_eof = true;
                break;
            }
            filled += static_cast<std::size_t>(n);
        }
        w.bytes = std::string_view(m_buffer.data(), filled);
        w.base = m_base;
        w.last = m_eof;
        m_base += filled;
        return true;
    }

    void rewind() {
        if (::lseek(m_fd, 0, SEEK_SET) != 0) {
            throw InputFailure(fmt::format("cannot read again: {}", std::strerror(errno)));
        }
        m_base = 0;
        m_eof = false;
    }

private:
    int m_fd = -1;
    std::vector<char> m_buffer;
    std::uint64_t m_base = 0;
    bool m_eof = false;
};

// UTF-16 text decoded to UTF-8, provided that encoding it back gives the same bytes: only then
// can the output keep every byte the input had outside the replaced values.
std::string decode_utf16_exactly(std::string_view raw) {
    std::optional<std::string> text = decode_utf16(raw);
    const bool little = raw.starts_with("\xFF\xFE");
    if (!text || encode_utf16(*text, little) != std::optional<std::string>(std::string(raw))) {
        throw InputFailure("UTF-16 input with an unpaired surrogate or an odd number of bytes "
                           "cannot be rewritten byte for byte; convert it to UTF-8 first");
    }
    return std::move(*text);
}

std::string encode_utf16_or_throw(std::string_view text, bool little) {
    auto out = encode_utf16(text, little);
    if (!out) {
        throw InputFailure("the output is not valid UTF-8 and cannot be encoded back to UTF-16");
    }
    return std::move(*out);
}

bool is_base64(char c) noexcept {
    return is_ascii_alnum(c) || c == '+' || c == '/' || c == '=';
}

// A line break inside a key block: a real one, or the escaped one of a JSON or shell string.
std::size_t block_separator(std::string_view t) noexcept {
    for (std::string_view sep : {"\r\n", "\n", "\\r\\n", "\\n"}) {
        if (t.starts_with(sep)) {
            return sep.size();
        }
    }
    return 0;
}

} // namespace

BlockWalk walk_key_block(std::string_view t, bool input_ends) {
    constexpr std::string_view k_end = "-----END ";
    constexpr std::size_t k_full_line = 40;
    // Ran out of bytes: more may follow in the next window. At the end of the input, `walked`
    // (which then may include a last, cut line) is the block.
    auto out_of_bytes = [&](std::size_t safe, std::size_t walked) {
        return input_ends ? BlockWalk{walked, true} : BlockWalk{safe, false};
    };
    auto run_of_base64 = [&](std::size_t from) {
        while (from < t.size() && is_base64(t[from])) {
            ++from;
        }
        return from;
    };
    enum class Marker : std::uint8_t { none, partial, found };
    std::size_t after_marker = 0;
    auto end_marker_at = [&](std::size_t at) {
        const std::string_view rest = t.substr(at);
        if (rest.size() < k_end.size()) {
            return k_end.starts_with(rest) ? Marker::partial : Marker::none;
        }
        if (!rest.starts_with(k_end)) {
            return Marker::none;
        }
        const std::size_t line_end = rest.find_first_of("\r\n\\", k_end.size());
        const std::size_t close = rest.find("-----", k_end.size());
        if (close != std::string_view::npos &&
            (line_end == std::string_view::npos || close < line_end)) {
            after_marker = at + close + 5;
            return Marker::found;
        }
        return line_end == std::string_view::npos ? Marker::partial : Marker::none;
    };
    // A separator cut by the end of what is there: the next window decides.
    auto may_be_cut = [&](std::size_t at) { return !input_ends && t.size() - at < 4; };

    std::size_t i = run_of_base64(0); // the rest of the line the rule stopped in
    while (true) {
        if (i >= t.size()) {
            return out_of_bytes(i, i);
        }
        if (i > k_block_max_bytes) {
            return {i, true};
        }
        const std::size_t sep = block_separator(t.substr(i));
        if (sep == 0) {
            return may_be_cut(i) ? BlockWalk{i, false} : BlockWalk{i, true};
        }
        const std::size_t line = i + sep;
        if (line >= t.size()) {
            return out_of_bytes(i, i);
        }
        switch (end_marker_at(line)) {
        case Marker::found:
            return {after_marker, true};
        case Marker::partial:
            return out_of_bytes(i, i);
        case Marker::none:
            break;
        }
        const std::size_t line_end = run_of_base64(line);
        if (line_end >= t.size()) {
            return out_of_bytes(i, line_end);
        }
        if (line_end == line || block_separator(t.substr(line_end)) == 0) {
            // A blank line, or a line of something else: the block ended before it.
            return line_end != line && may_be_cut(line_end) ? BlockWalk{i, false}
                                                            : BlockWalk{i, true};
        }
        if (line_end - line < k_full_line) {
            // A short line is the body's last only when the END line follows it.
            const std::size_t next = line_end + block_separator(t.substr(line_end));
            if (next >= t.size()) {
                return out_of_bytes(i, line_end);
            }
            switch (end_marker_at(next)) {
            case Marker::found:
                return {after_marker, true};
            case Marker::partial:
                return out_of_bytes(i, line_end);
            case Marker::none:
                return {i, true};
            }
        }
        i = line_end;
    }
}

std::optional<RedactStyle> parse_redact_style(std::string_view s) noexcept {
    for (std::size_t i = 0; i < k_styles.size(); ++i) {
        if (k_styles[i] == s) {
            return static_cast<RedactStyle>(i);
        }
    }
    return std::nullopt;
}

std::string_view to_string(RedactStyle s) noexcept {
    return k_styles[static_cast<std::size_t>(s)];
}

std::string_view preamble_text(RedactStyle style) noexcept {
    return k_preambles[static_cast<std::size_t>(style)];
}

// ---- Tokens ----

std::string placeholder_type(std::string_view rule_id) {
    std::vector<std::string_view> parts;
    for (std::size_t from = 0;;) {
        const std::size_t dot = rule_id.find('.', from);
        parts.push_back(rule_id.substr(from, dot - from));
        if (dot == std::string_view::npos) {
            break;
        }
        from = dot + 1;
    }
    std::vector<std::string_view> kept;
    for (std::size_t i = parts.size() > 1 ? 1 : 0; i < parts.size(); ++i) {
        if (parts[i] != "generic" && !parts[i].empty()) {
            kept.push_back(parts[i]);
        }
    }
    if (kept.empty()) {
        kept.push_back(parts.back());
    }
    std::string type;
    for (std::string_view part : kept) {
        for (char c : part) {
            if (is_ascii_alnum(c)) {
                type.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
            } else if (!type.empty() && type.back() != '_') {
                type.push_back('_');
            }
        }
        if (!type.empty() && type.back() != '_') {
            type.push_back('_');
        }
    }
    if (type.size() > k_type_max) {
        type.resize(k_type_max);
    }
    while (!type.empty() && type.back() == '_') {
        type.pop_back();
    }
    if (type.empty()) {
        return "SECRET";
    }
    if (!is_upper(type.front())) {
        type.insert(0, "X_"); // a token's type starts with a letter
    }
    return type;
}

std::optional<TokenMatch> parse_token(std::string_view text) {
    std::size_t i = 0;
    // "\[": markdown's escape of a bracket. Taken as part of the token only when the closing
    // bracket is escaped too: a lone backslash before a token is the input's own text
    // ("\fI[EMAIL_ADDRESS_1]" in a man page), which restore must keep.
    const bool escaped = text.starts_with('\\');
    if (escaped) {
        ++i;
    }
    if (i >= text.size() || text[i] != '[') {
        return std::nullopt;
    }
    ++i;
    std::string name;
    while (i < text.size() && name.size() <= k_name_max + 1 + k_number_digits_max) {
        const char c = text[i];
        if (is_upper(c) || is_digit(c) || c == '_') {
            name.push_back(c);
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == '_') {
            name.push_back('_');
            i += 2;
        } else {
            break;
        }
    }
    if (name.empty() || !is_upper(name.front())) {
        return std::nullopt;
    }
    TokenMatch m;
    std::string hex;
    const bool hashed = i < text.size() && text[i] == ':';
    if (hashed) {
        ++i;
        while (i < text.size() && hex.size() <= 32 &&
               (is_digit(text[i]) || (text[i] >= 'a' && text[i] <= 'f'))) {
            hex.push_back(text[i++]);
        }
        if (hex.size() < 6 || hex.size() > 32 || name.size() > k_name_max) {
            return std::nullopt;
        }
    }
    if (i < text.size() && text[i] == ']' && !escaped) {
        ++i;
    } else if (i + 1 < text.size() && text[i] == '\\' && text[i + 1] == ']') {
        i += 2;
    } else {
        return std::nullopt;
    }
    if (hashed) {
        m.type = name;
        m.token = "[" + name + ":" + hex + "]";
    } else {
        const std::size_t underscore = name.rfind('_');
        if (underscore == std::string::npos || underscore == 0 || underscore > k_name_max) {
            return std::nullopt;
        }
        const std::string_view digits = std::string_view(name).substr(underscore + 1);
        if (digits.empty() || digits.size() > k_number_digits_max || digits.front() == '0' ||
            !std::all_of(digits.begin(), digits.end(), is_digit)) {
            return std::nullopt;
        }
        for (char c : digits) {
            m.number = m.number * 10 + static_cast<std::uint64_t>(c - '0');
        }
        m.type = name.substr(0, underscore);
        m.token = "[" + name + "]";
    }
    m.length = i;
    return m;
}

bool is_redaction_token(std::string_view value) {
    if (value == k_removed) {
        return true;
    }
    if (!value.starts_with('[')) {
        return false;
    }
    auto m = parse_token(value);
    return m && m->length == value.size() && m->token == value;
}

std::string mask_shape(std::string_view value, Category category) {
    // An e-mail address: first letter of the mailbox and of the domain, and the top-level domain.
    const std::size_t at = value.rfind('@');
    if (category == Category::pii && at != std::string_view::npos && at > 0 &&
        at + 1 < value.size() && value.find_first_of(" \t\r\n") == std::string_view::npos) {
        const std::string_view local = value.substr(0, at);
        const std::string_view domain = value.substr(at + 1);
        const std::size_t dot = domain.rfind('.');
        std::string out(first_char(local));
        out += "***@";
        out += first_char(domain);
        out += "***";
        if (dot != std::string_view::npos && dot > 0) {
            out += domain.substr(dot);
        }
        return printable(out);
    }
    // Digits with separators (cards, phone numbers, national identifiers, addresses).
    constexpr std::string_view k_separators = " -./()+:";
    const auto digits =
        static_cast<std::size_t>(std::count_if(value.begin(), value.end(), is_digit));
    const bool numeric = digits >= 7 && std::all_of(value.begin(), value.end(), [&](char c) {
                             return is_digit(c) || k_separators.find(c) != std::string_view::npos;
                         });
    if (numeric) {
        const std::size_t keep_first = digits >= 12 ? 4 : 0;
        const std::size_t keep_last = digits >= 12 ? 4 : (digits >= 8 ? 2 : 0);
        std::string out;
        std::size_t index = 0;
        for (char c : value) {
            if (is_digit(c)) {
                out.push_back(index < keep_first || index >= digits - keep_last ? c : '*');
                ++index;
            } else {
                out.push_back(c);
            }
        }
        return out;
    }
    // Anything else: the prefix that reports show, then one '*' per character; white space
    // stays (the line structure of a key block), and for personal and confidential data so do
    // punctuation marks (the shape of an IBAN or an address), which in a credential are secret.
    const std::size_t shown = revealed_characters(utf8_length(value));
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (is_continuation(c)) {
            if (chars <= shown) {
                out.push_back(c);
            }
            continue;
        }
        ++chars;
        if (chars <= shown) {
            out.push_back(c);
        } else if (is_space(c) || (category != Category::credential &&
                                   static_cast<unsigned char>(c) < 0x80 && !is_ascii_alnum(c))) {
            out.push_back(c);
        } else {
            out.push_back('*');
        }
    }
    // The revealed prefix may hold control characters; a mask must not.
    std::string safe;
    safe.reserve(out.size());
    for (char c : out) {
        const auto u = static_cast<unsigned char>(c);
        safe.push_back((u < 0x20 && !is_space(c)) || u == 0x7F ? '*' : c);
    }
    return safe;
}

std::string hash_token(std::string_view type, std::string_view value, const HashKey& key,
                       std::size_t hex_digits) {
    ensure_sodium();
    hex_digits = std::clamp<std::size_t>(hex_digits, 6, 32);
    std::string material = "promptlint-hash-token-v1";
    material.push_back('\0');
    material.append(value);
    std::array<unsigned char, 16> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(material.data()), material.size(),
                       key.data(), key.size());
    sodium_memzero(material.data(), material.size());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(type.size() + hex_digits + 3);
    out += '[';
    out += type;
    out += ':';
    for (std::size_t i = 0; i < hex_digits; ++i) {
        const unsigned char b = digest[i / 2];
        out.push_back(k_hex[i % 2 == 0 ? b >> 4U : b & 0xFU]);
    }
    out.push_back(']');
    return out;
}

// ---- Redactor ----

Redactor::Redactor(const std::vector<Rule>& rules, RedactOptions options, Vault& vault, Writer out)
    : m_rules(rules), m_options(std::move(options)), m_vault(vault), m_out(std::move(out)) {
    m_types.reserve(rules.size());
    for (const Rule& r : rules) {
        m_types.push_back(placeholder_type(r.id));
        m_known_types.insert(m_types.back());
    }
    m_buffer.reserve(k_output_buffer);
}

Writer Redactor::swap_writer(Writer out) {
    flush();
    std::swap(m_out, out);
    return out;
}

void Redactor::reserve_literals(std::string_view bytes) {
    for (std::size_t i = bytes.find('['); i != std::string_view::npos; i = bytes.find('[', i + 1)) {
        auto m = parse_token(bytes.substr(i, k_token_max_bytes));
        if (!m || m->number == 0) {
            continue;
        }
        if (m_created.contains(m->token)) {
            // Only possible past the part of a pipe seen in advance: this run already gave the
            // token to a value, and the input also holds it as text.
            if (m_summary.collisions.size() < k_unknown_listed &&
                std::find(m_summary.collisions.begin(), m_summary.collisions.end(), m->token) ==
                    m_summary.collisions.end()) {
                m_summary.collisions.push_back(m->token);
            }
            continue;
        }
        if (m_known_types.contains(m->type)) {
            m_vault.reserve(m->type, m->number);
        }
    }
}

void Redactor::begin(const Window& window) {
    m_started = true;
    std::string_view bytes = window.bytes;
    if (window.base == 0 && bytes.starts_with(k_utf8_bom)) {
        emit(k_utf8_bom);
        m_pos = k_utf8_bom.size();
        bytes.remove_prefix(k_utf8_bom.size());
    }
    if (m_options.preamble && preamble_at(bytes) == 0) {
        emit(preamble_text(m_options.style));
        emit(line_break_of(bytes));
    }
}

void Redactor::on_window(const Window& window, std::uint64_t owned_from, std::uint64_t owned_to,
                         std::span<const Finding> findings) {
    if (!m_started) {
        begin(window);
    }
    const std::uint64_t end = window.base + window.bytes.size();
    const std::uint64_t own_to = std::min(owned_to, end);
    const std::uint64_t check_from = std::clamp(owned_from, window.base, end);
    reserve_literals(window.bytes.substr(check_from - window.base));

    auto copy_to = [&](std::uint64_t to) {
        if (to > m_pos) {
            emit(window.bytes.substr(m_pos - window.base, to - m_pos));
            m_pos = to;
        }
    };
    if (m_block && !continue_block(window)) {
        return; // the key block goes on past this window too
    }
    for (const Finding& f : findings) {
        const Rule& rule = m_rules[f.rule];
        if (!m_options.categories.empty() &&
            std::find(m_options.categories.begin(), m_options.categories.end(), rule.category) ==
                m_options.categories.end()) {
            continue;
        }
        // Findings do not overlap within a window; across windows a value may run into the next
        // one's first finding. The part not yet replaced is then redacted on its own, so no
        // byte of either value is left behind.
        const std::uint64_t start = std::max(f.start_byte, m_pos);
        if (f.end_byte <= start || f.end_byte > end) {
            continue;
        }
        const std::string_view value = window.bytes.substr(start - window.base, f.end_byte - start);
        if (is_redaction_token(value)) {
            continue; // already redacted (a redacted text redacted again stays as it is)
        }
        copy_to(start);
        if (value.starts_with(k_block_begin)) {
            // A key block is secret to its END line, but a rule can only report its first lines
            // (a match cannot be that wide): the rest is found here, where the bytes are.
            const std::string_view rest = window.bytes.substr(f.end_byte - window.base);
            const BlockWalk walk = walk_key_block(rest, window.last);
            if (!walk.complete) {
                m_block =
                    PendingBlock{f.rule, value.size(), std::string(value) + std::string(rest)};
                m_pos = end;
                return;
            }
            emit(replacement(f.rule,
                             window.bytes.substr(start - window.base, value.size() + walk.length)));
            m_pos = f.end_byte + walk.length;
        } else {
            emit(replacement(f.rule, value));
            m_pos = f.end_byte;
        }
        ++m_summary.by_rule[rule.id];
        ++m_summary.replaced;
    }
    copy_to(own_to);
}

bool Redactor::continue_block(const Window& window) {
    const std::uint64_t end = window.base + window.bytes.size();
    PendingBlock& b = *m_block;
    if (end > m_pos) {
        b.bytes.append(window.bytes.substr(m_pos - window.base));
        m_pos = end;
    }
    const BlockWalk walk = walk_key_block(std::string_view(b.bytes).substr(b.head), window.last);
    if (!walk.complete) {
        return false;
    }
    const std::uint64_t block_end = m_pos - b.bytes.size() + b.head + walk.length;
    emit(replacement(b.rule, std::string_view(b.bytes).substr(0, b.head + walk.length)));
    ++m_summary.by_rule[m_rules[b.rule].id];
    ++m_summary.replaced;
    m_pos = block_end;
    m_block.reset();
    return true;
}

std::string Redactor::replacement(std::size_t rule_index, std::string_view value) {
    const Rule& rule = m_rules[rule_index];
    switch (m_options.style) {
    case RedactStyle::mask:
        return mask_shape(value, rule.category);
    case RedactStyle::remove:
        return std::string(k_removed);
    case RedactStyle::placeholder:
    case RedactStyle::hash:
        break;
    }
    if (const VaultEntry* known = m_vault.find_value(value)) {
        m_summary.tokens_used.insert(known->token);
        return known->token;
    }
    const std::string& type = m_types[rule_index];
    std::string token;
    if (m_options.style == RedactStyle::placeholder) {
        token = fmt::format("[{}_{}]", type, m_vault.next_number(type));
    } else {
        // Two values whose short hashes collide: the later one gets a longer hash, so the map
        // never gives one token two values.
        for (std::size_t digits = 6; digits <= 32; digits += 2) {
            token =
                hash_token(type, value, m_options.hash_key.value_or(m_vault.hash_key()), digits);
            if (!m_vault.find_token(token)) {
                break;
            }
        }
    }
    const VaultEntry& e = m_vault.add(token, std::string(value), rule.id);
    m_created.insert(e.token);
    m_summary.tokens_used.insert(e.token);
    return e.token;
}

void Redactor::emit(std::string_view bytes) {
    if (bytes.size() >= k_output_buffer) {
        flush();
        m_out(bytes);
        return;
    }
    if (m_buffer.size() + bytes.size() > k_output_buffer) {
        flush();
    }
    m_buffer.append(bytes);
}

void Redactor::flush() {
    if (!m_buffer.empty()) {
        m_out(m_buffer);
        m_buffer.clear();
    }
}

void Redactor::finish() {
    if (m_block) {
        // Only when the input ended without a last window; what was gathered is the value.
        emit(replacement(m_block->rule, m_block->bytes));
        ++m_summary.by_rule[m_rules[m_block->rule].id];
        ++m_summary.replaced;
        m_block.reset();
    }
    if (!m_started && m_options.preamble) {
        m_started = true;
        emit(preamble_text(m_options.style));
        emit("\n");
    }
    flush();
}

std::uint64_t redact_input(const Scanner& scanner, const InputItem& item, Redactor& redactor,
                           std::size_t spool_limit) {
    const SourceLimits limits = scanner.limits();
    auto redact_utf16 = [&](std::string raw) -> std::uint64_t {
        const bool little = raw.starts_with("\xFF\xFE");
        const std::string text = decode_utf16_exactly(raw);
        std::string redacted;
        Writer real = redactor.swap_writer([&](std::string_view b) { redacted.append(b); });
        redactor.reserve_literals(text);
        auto source = memory_source(text, limits);
        scanner.scan_source(*source, item.display, redactor);
        redactor.finish();
        redactor.swap_writer(real);
        real(encode_utf16_or_throw(redacted, little));
        return raw.size();
    };

    struct stat st {};
    if (!item.is_stdin && ::stat(item.path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0) {
        // A regular file can be read twice: first for the placeholder-shaped text it holds.
        // It is read, not mapped: mapped pages stay resident, and memory would grow with the
        // file's size.
        ReadSource file(item.path);
        Window w;
        std::string tail; // a token may straddle two chunks
        while (file.next(w)) {
            if (w.base == 0 && starts_with_utf16_bom(w.bytes)) {
                Replay replay(w, file);
                return redact_utf16(read_all(replay));
            }
            tail += w.bytes;
            redactor.reserve_literals(tail);
            tail.erase(0, tail.size() - std::min(tail.size(), k_token_max_bytes));
            if (w.last) {
                break;
            }
        }
        file.rewind();
        ChainSource chain({}, &file, limits);
        const std::uint64_t size = scanner.scan_source(chain, item.display, redactor);
        redactor.finish();
        return size;
    }

    // A pipe: held in memory up to the limit, so that the pre-pass sees it all when it fits.
    SourceLimits raw_limits;
    raw_limits.overlap = 0;
    auto source = open_source(item, raw_limits);
    std::string spool;
    bool exhausted = false;
    Window w;
    while (spool.size() < spool_limit) {
        if (!source->next(w)) {
            exhausted = true;
            break;
        }
        spool.append(w.bytes);
        if (w.last) {
            exhausted = true;
            break;
        }
    }
    if (starts_with_utf16_bom(spool)) {
        if (!exhausted) {
            spool += read_all(*source);
        }
        return redact_utf16(std::move(spool));
    }
    redactor.reserve_literals(spool);
    ChainSource chain(std::move(spool), exhausted ? nullptr : source.get(), limits);
    const std::uint64_t size = scanner.scan_source(chain, item.display, redactor);
    redactor.finish();
    return size;
}

std::string redact_text(const Scanner& scanner, const std::vector<Rule>& rules,
                        std::string_view text, const RedactOptions& options, Vault& vault,
                        RedactSummary* summary) {
    std::string out;
    Redactor redactor(rules, options, vault, [&](std::string_view b) { out.append(b); });
    redactor.reserve_literals(text);
    auto source = memory_source(std::string(text), scanner.limits());
    scanner.scan_source(*source, "-", redactor);
    redactor.finish();
    if (summary) {
        *summary = redactor.summary();
    }
    return out;
}

// ---- Restore ----

SourceLimits restore_limits() {
    SourceLimits limits;
    limits.overlap = 2 * k_token_max_bytes;
    return limits;
}

RestoreSummary restore_stream(ByteSource& source, const Vault& vault, const Writer& out) {
    RestoreSummary summary;
    std::string buffer;
    auto emit = [&](std::string_view bytes) {
        if (buffer.size() + bytes.size() > k_output_buffer) {
            out(buffer);
            buffer.clear();
        }
        if (bytes.size() >= k_output_buffer) {
            out(bytes);
        } else {
            buffer.append(bytes);
        }
    };
    Window w;
    std::uint64_t pos = 0;
    std::uint64_t own_from = 0;
    bool first = true;
    while (source.next(w)) {
        const std::uint64_t end = w.base + w.bytes.size();
        // A token starting before own_to ends inside this window.
        const std::uint64_t own_to =
            w.last ? end : std::max(w.base, end > k_token_max_bytes ? end - k_token_max_bytes : 0);
        auto at_offset = [&](std::uint64_t offset) { return w.bytes.substr(offset - w.base); };
        auto copy_to = [&](std::uint64_t to) {
            if (to > pos) {
                emit(w.bytes.substr(pos - w.base, to - pos));
                pos = to;
            }
        };
        if (first) {
            first = false;
            if (w.bytes.starts_with(k_utf8_bom)) {
                copy_to(k_utf8_bom.size());
            }
            if (const std::size_t p = preamble_at(at_offset(pos))) {
                pos += p;
                summary.preamble_removed = true;
            }
        }
        std::uint64_t at = std::max(pos, own_from);
        while (at < own_to) {
            const std::size_t found = w.bytes.find('[', at - w.base);
            if (found == std::string_view::npos || w.base + found >= own_to) {
                break;
            }
            const std::uint64_t bracket = w.base + found;
            std::uint64_t start = bracket;
            if (bracket > pos && bracket > w.base && w.bytes[found - 1] == '\\') {
                start = bracket - 1; // "\[EMAIL\_1\]": the escape goes with the token
            }
            auto m = parse_token(at_offset(start).substr(0, k_token_max_bytes));
            if (!m && start != bracket) {
                start = bracket;
                m = parse_token(at_offset(start).substr(0, k_token_max_bytes));
            }
            if (m) {
                if (const VaultEntry* e = vault.find_token(m->token)) {
                    copy_to(start);
                    emit(e->value);
                    pos = start + m->length;
                    ++summary.restored;
                    summary.restored_tokens.insert(e->token);
                    at = pos;
                    continue;
                }
                ++summary.unknown_count;
                if (summary.unknown.size() < k_unknown_listed) {
                    summary.unknown.insert(m->token);
                } else if (!summary.unknown.contains(m->token)) {
                    summary.unknown_truncated = true;
                }
            }
            at = bracket + 1;
        }
        copy_to(own_to);
        own_from = std::max(own_from, own_to);
        if (w.last) {
            break;
        }
    }
    if (!buffer.empty()) {
        out(buffer);
    }
    return summary;
}

RestoreSummary restore_input(const InputItem& item, const Vault& vault, const Writer& out) {
    // Read in chunks, never mapped, so that memory stays at one window whatever the size.
    std::unique_ptr<ByteSource> raw;
    if (item.is_stdin) {
        SourceLimits raw_limits;
        raw_limits.overlap = 0;
        raw = open_source(item, raw_limits);
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(item.path, ec)) {
            throw InputFailure("is a directory");
        }
        raw = std::make_unique<ReadSource>(item.path);
    }
    Window first;
    if (!raw->next(first)) {
        return {};
    }
    Replay replay(first, *raw);
    if (!starts_with_utf16_bom(first.bytes)) {
        ChainSource chain({}, &replay, restore_limits());
        return restore_stream(chain, vault, out);
    }
    const std::string bytes = read_all(replay);
    const std::string text = decode_utf16_exactly(bytes);
    RestoreSummary summary;
    const std::string restored = restore_text(text, vault, &summary);
    out(encode_utf16_or_throw(restored, bytes.starts_with("\xFF\xFE")));
    return summary;
}

std::string restore_text(std::string_view text, const Vault& vault, RestoreSummary* summary) {
    std::string out;
    auto source = memory_source(std::string(text), restore_limits());
    RestoreSummary s = restore_stream(*source, vault, [&](std::string_view b) { out.append(b); });
    if (summary) {
        *summary = std::move(s);
    }
    return out;
}

std::optional<std::string> encode_utf16(std::string_view utf8, bool little_endian) {
    std::string out;
    out.reserve(2 + utf8.size() * 2);
    auto unit = [&](std::uint32_t u) {
        const auto hi = static_cast<char>((u >> 8U) & 0xFFU);
        const auto lo = static_cast<char>(u & 0xFFU);
        out.push_back(little_endian ? lo : hi);
        out.push_back(little_endian ? hi : lo);
    };
    unit(0xFEFF);
    std::size_t i = 0;
    while (i < utf8.size()) {
        const Utf8Char c = utf8_char_at(utf8, i);
        if (c.cp == k_invalid_char) {
            return std::nullopt;
        }
        auto cp = static_cast<std::uint32_t>(c.cp);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10U));
            unit(0xDC00 + (cp & 0x3FFU));
        } else {
            unit(cp);
        }
        i += c.len;
    }
    return out;
}

} // namespace promptlint
