#pragma once
// The redact stage and its inverse. Redaction streams an input through the scanner
// (Scanner::scan_source) and writes every byte as it arrives, except the sensitive span of each
// finding, which becomes a placeholder ([EMAIL_ADDRESS_1]), a mask (j***@a***.com), a keyed
// hash ([EMAIL_ADDRESS:3f2a9c]) or [REDACTED]. Placeholders and hash tokens are recorded in a
// Vault, so that `restore` can put the values back into an assistant's answer.

#include "promptlint/input.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/vault.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace promptlint {

enum class RedactStyle : std::uint8_t { placeholder, mask, hash, remove };
std::optional<RedactStyle> parse_redact_style(std::string_view s) noexcept;
std::string_view to_string(RedactStyle s) noexcept;

// ---- Tokens ----

// The TYPE of a rule's placeholders: the rule id without its category component (and without
// a "generic" component), dots and dashes as '_', upper-cased, at most 48 characters:
// "pii.email.address" -> "EMAIL_ADDRESS", "credentials.aws.access-key-id" -> "AWS_ACCESS_KEY_ID".
std::string placeholder_type(std::string_view rule_id);

// A placeholder or hash token found in text, in the forms assistants return them: as written
// ("[EMAIL_ADDRESS_1]") or with markdown escapes ("\[EMAIL\_ADDRESS\_1\]").
struct TokenMatch {
    std::size_t length = 0; // bytes of the text it covers, escapes included
    std::string token;      // canonical: "[TYPE_N]" or "[TYPE:hex]"
    std::string type;
    std::uint64_t number = 0; // N of "[TYPE_N]"; 0 for a hash token
};
// The longest text parse_token ever consumes.
inline constexpr std::size_t k_token_max_bytes = 256;
// A token starting at text[0] ('[' or the '\' of "\["), or nullopt.
std::optional<TokenMatch> parse_token(std::string_view text);
// True when `value` is exactly a token promptlint writes (placeholder, hash or [REDACTED]):
// such a value is already redacted and is left as it is.
bool is_redaction_token(std::string_view value);

// The rest of a key block ("-----BEGIN … PRIVATE KEY-----", which rules report by its first
// lines only) in `text`, the bytes after the reported value: the base64 lines that follow, and
// the END line. `complete` is false when `text` ran out before the block was over and more
// input follows (`input_ends` false). Never longer than k_block_max_bytes (plus a line).
struct BlockWalk {
    std::size_t length = 0;
    bool complete = true;
};
inline constexpr std::size_t k_block_max_bytes = 64U << 10U;
BlockWalk walk_key_block(std::string_view text, bool input_ends);

// --style mask: keeps the shape, hides the value. E-mail addresses keep their first letters
// and top-level domain (j***@a***.com); numbers keep their separators and, when long, their
// first and last four digits (4111 **** **** 1111); anything else keeps the prefix that
// reports show and its spacing.
std::string mask_shape(std::string_view value, Category category);

// --style hash: "[TYPE:" + the first `hex_digits` hex digits of a BLAKE2b hash of the value
// keyed with `key` + "]".
std::string hash_token(std::string_view type, std::string_view value, const HashKey& key,
                       std::size_t hex_digits = 6);

// The line --preamble writes (without its line break); restore removes any of them from the top.
std::string_view preamble_text(RedactStyle style) noexcept;

// ---- Redact ----

using Writer = std::function<void(std::string_view)>;

struct RedactOptions {
    RedactStyle style = RedactStyle::placeholder;
    std::vector<Category> categories; // only these; empty means all
    bool preamble = false;
    std::optional<HashKey> hash_key; // --style hash: this key instead of the vault's
};

struct RedactSummary {
    std::map<std::string, std::uint64_t> by_rule; // rule id -> spans replaced
    std::uint64_t replaced = 0;
    std::set<std::string> tokens_used;   // placeholder and hash styles
    std::vector<std::string> collisions; // see Redactor::reserve_literals
};

// A WindowSink that writes the redacted input to `out` as the scanner hands it windows. Memory
// is one output buffer plus the vault; it never holds the input.
class Redactor final : public WindowSink {
public:
    // `rules` must outlive the redactor; `vault` receives the new placeholders.
    Redactor(const std::vector<Rule>& rules, RedactOptions options, Vault& vault, Writer out);

    // Reserves the numbers of placeholder-shaped text in the input so that no new placeholder
    // equals text the input already holds. Call it over the whole input before scanning when
    // the input can be read twice; it also runs on every window, which covers inputs read
    // once (a long pipe): a placeholder created earlier in this run that then turns up as
    // literal text is recorded in summary().collisions.
    void reserve_literals(std::string_view bytes);

    void on_window(const Window& window, std::uint64_t owned_from, std::uint64_t owned_to,
                   std::span<const Finding> findings) override;
    // Writes what is still buffered (and the preamble of an empty input).
    void finish();
    // Sends the output somewhere else from now on (what was buffered goes to the old writer);
    // returns the old writer. Used to encode the output of a UTF-16 input back to UTF-16.
    Writer swap_writer(Writer out);
    const RedactSummary& summary() const noexcept { return m_summary; }

private:
    std::string replacement(std::size_t rule, std::string_view value);
    // Goes on with a key block that ran past the previous window; false if it runs past this
    // one too.
    bool continue_block(const Window& window);
    void begin(const Window& window);
    void emit(std::string_view bytes);
    void flush();

    const std::vector<Rule>& m_rules;
    RedactOptions m_options;
    Vault& m_vault;
    Writer m_out;
    std::vector<std::string> m_types;              // per rule
    std::unordered_set<std::string> m_known_types; // the types this run can create
    std::unordered_set<std::string> m_created;     // tokens created in this run
    std::string m_buffer;
    std::uint64_t m_pos = 0; // every input byte before this is written, replaced or held
    // A key block whose end is not in the window yet: its bytes so far, and how much of them
    // the rule reported.
    struct PendingBlock {
        std::size_t rule = 0;
        std::size_t head = 0;
        std::string bytes;
    };
    std::optional<PendingBlock> m_block;
    bool m_started = false;
    RedactSummary m_summary;
};

// How much of a pipe is held in memory so that the placeholder pre-pass sees all of it: past
// this, the rest is streamed and only checked as it passes (see Redactor::reserve_literals).
inline constexpr std::size_t k_spool_limit = 32U << 20U;

// Redacts one input: a non-empty regular file is read twice (a pre-pass for placeholder-shaped
// text, then the scan, both memory-mapped); anything else (stdin, a pipe) is held in memory up
// to `spool_limit`, then streamed. UTF-16 input with a byte-order mark is decoded, redacted and
// encoded back (held in memory whole). Finishes the redactor. Returns the input's size; throws
// InputFailure.
std::uint64_t redact_input(const Scanner& scanner, const InputItem& item, Redactor& redactor,
                           std::size_t spool_limit = k_spool_limit);

// ---- Restore ----

struct RestoreSummary {
    std::uint64_t restored = 0;
    std::set<std::string> restored_tokens;
    std::set<std::string> unknown;   // placeholder-shaped text the map does not know (at most 100)
    std::uint64_t unknown_count = 0; // occurrences
    bool unknown_truncated = false;  // more distinct ones than `unknown` lists
    bool preamble_removed = false;
};

// Copies `source` to `out`, replacing every placeholder the vault knows with its value.
// Windows of `source` must overlap by at least k_token_max_bytes (use restore_limits()).
RestoreSummary restore_stream(ByteSource& source, const Vault& vault, const Writer& out);
SourceLimits restore_limits();
// restore_stream over one input (file, pipe or stdin); UTF-16 input is decoded and encoded back.
// Throws InputFailure.
RestoreSummary restore_input(const InputItem& item, const Vault& vault, const Writer& out);

// In-memory conveniences (tests, small texts).
std::string redact_text(const Scanner& scanner, const std::vector<Rule>& rules,
                        std::string_view text, const RedactOptions& options, Vault& vault,
                        RedactSummary* summary = nullptr);
std::string restore_text(std::string_view text, const Vault& vault,
                         RestoreSummary* summary = nullptr);

// UTF-8 text as UTF-16 with a byte-order mark; nullopt when `utf8` is not valid UTF-8.
std::optional<std::string> encode_utf16(std::string_view utf8, bool little_endian);

} // namespace promptlint
