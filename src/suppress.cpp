#include "promptlint/suppress.hpp"

#include "promptlint/text.hpp"
#include "promptlint/types.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace promptlint {
namespace {

struct Token {
    std::string_view text;
    bool next_line;
    bool takes_rule_ids;
};

// Longer tokens first, so "promptlint:ignore-next-line" is not read as "promptlint:ignore".
constexpr std::array<Token, 6> k_tokens{{
    {"promptlint:ignore-next-line", true, true},
    {"promptlint:ignore", false, true},
    {"pragma: allowlist nextline secret", true, false},
    {"pragma: allowlist secret", false, false},
    {"gitleaks:allow", false, false},
    {"trufflehog:ignore", false, false},
}};

bool rule_id_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// The rule ids written after a directive: words separated by spaces or commas. A word is a
// rule id when it is dotted (`credentials.aws.access-key-id`) or a pack name; anything else
// ends the list, so a comment may go on in prose ("promptlint:ignore test fixture").
std::vector<std::string_view> rule_ids_after(std::string_view rest) {
    static constexpr std::array<std::string_view, 3> k_packs{"credentials", "pii", "confidential"};
    std::vector<std::string_view> ids;
    std::size_t i = 0;
    while (true) {
        while (i < rest.size() && (rest[i] == ' ' || rest[i] == ',' || rest[i] == '\t')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < rest.size() && rule_id_byte(rest[i])) {
            ++i;
        }
        std::string_view word = rest.substr(start, i - start);
        while (!word.empty() && (word.back() == '.' || word.back() == '-')) {
            word.remove_suffix(1); // "--" of "-->" or a full stop
        }
        const bool dotted = word.find('.') != std::string_view::npos && word.front() != '.';
        if (word.empty() ||
            (!dotted && std::find(k_packs.begin(), k_packs.end(), word) == k_packs.end())) {
            return ids;
        }
        ids.push_back(word);
    }
}

bool covers(std::string_view given, std::string_view rule_id) {
    return rule_id == given || (rule_id.size() > given.size() && rule_id.starts_with(given) &&
                                rule_id[given.size()] == '.');
}

std::optional<std::string> find_directive(std::string_view line, bool next_line,
                                          std::string_view rule_id) {
    const std::string lowered = ascii_lower(line);
    for (const Token& token : k_tokens) {
        if (token.next_line != next_line) {
            continue;
        }
        for (std::size_t pos = lowered.find(token.text); pos != std::string::npos;
             pos = lowered.find(token.text, pos + 1)) {
            const std::size_t end = pos + token.text.size();
            // A longer word ("promptlint:ignored", "promptlint:ignore-next-line") is not this
            // token.
            if (end < lowered.size() && (is_word_byte(static_cast<unsigned char>(lowered[end])) ||
                                         lowered.compare(end, 10, "-next-line") == 0)) {
                continue;
            }
            if (!token.takes_rule_ids) {
                return std::string(token.text);
            }
            const auto ids = rule_ids_after(std::string_view(lowered).substr(end));
            if (ids.empty() || std::any_of(ids.begin(), ids.end(), [&](std::string_view id) {
                    return covers(id, rule_id);
                })) {
                return std::string(token.text);
            }
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> inline_suppression(std::string_view line, std::string_view previous,
                                              std::string_view rule_id) {
    if (auto found = find_directive(line, false, rule_id)) {
        return found;
    }
    return find_directive(previous, true, rule_id);
}

Baseline Baseline::from_entries(std::vector<BaselineEntry> entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(a.path, a.rule_id, a.fingerprint) <
               std::tie(b.path, b.rule_id, b.fingerprint);
    });
    entries.erase(
        std::unique(entries.begin(), entries.end(),
                    [](const auto& a, const auto& b) { return a.fingerprint == b.fingerprint; }),
        entries.end());
    Baseline b;
    b.m_entries = std::move(entries);
    for (std::size_t i = 0; i < b.m_entries.size(); ++i) {
        b.m_by_fingerprint.emplace(b.m_entries[i].fingerprint, i);
    }
    return b;
}

Baseline Baseline::load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read the baseline", path.string()));
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = std::move(buf).str();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text, nullptr, true, true);
    } catch (const nlohmann::json::parse_error& e) {
        auto [line, column] =
            line_column_of(text, std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size()));
        throw Error(fmt::format("{}:{}:{}: invalid baseline JSON", path.string(), line, column));
    }
    auto fail = [&](std::string_view why) {
        throw Error(fmt::format("{}: not a promptlint baseline: {}", path.string(), why));
    };
    if (!doc.is_object() || !doc.contains("version") || doc["version"] != 1) {
        fail("expected {\"version\": 1, \"findings\": [...]}");
    }
    if (!doc.contains("findings") || !doc["findings"].is_array()) {
        fail("'findings' must be an array");
    }
    std::vector<BaselineEntry> entries;
    for (const auto& item : doc["findings"]) {
        if (!item.is_object() || !item.contains("fingerprint") ||
            !item["fingerprint"].is_string()) {
            fail("every entry needs a string 'fingerprint'");
        }
        BaselineEntry e;
        e.fingerprint = item["fingerprint"].get<std::string>();
        e.rule_id = item.value("rule_id", "");
        e.path = item.value("path", "");
        e.reason = item.value("reason", "");
        entries.push_back(std::move(e));
    }
    return from_entries(std::move(entries));
}

const BaselineEntry* Baseline::find(std::string_view fingerprint) const {
    auto it = m_by_fingerprint.find(std::string(fingerprint));
    return it == m_by_fingerprint.end() ? nullptr : &m_entries[it->second];
}

std::string Baseline::to_json() const {
    std::string out = "{\n  \"version\": 1,\n  \"findings\": [";
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const BaselineEntry& e = m_entries[i];
        nlohmann::ordered_json j{
            {"fingerprint", e.fingerprint}, {"rule_id", e.rule_id}, {"path", e.path}};
        if (!e.reason.empty()) {
            j["reason"] = e.reason;
        }
        out += i == 0 ? "\n    " : ",\n    ";
        out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    out += m_entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

} // namespace promptlint
