#pragma once
// The suppress stage: what a user has accepted. Inline comments silence a finding on their line
// (`promptlint:ignore`, and the tokens of gitleaks, detect-secrets and trufflehog so teams can
// switch) or on the next line (`promptlint:ignore-next-line`), optionally only for given rule
// ids; a baseline file records accepted findings by fingerprint, without line numbers or
// timestamps, sorted, one entry per line, so that it survives edits and merges.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace promptlint {

// The directive that silences `rule_id` on `line` (its own line) or from `previous` (the line
// before, for next-line directives), e.g. "promptlint:ignore"; nullopt when none does. A
// directive naming rule ids silences only those ids and the ids below them
// (`promptlint:ignore credentials.aws` covers `credentials.aws.access-key-id`).
std::optional<std::string> inline_suppression(std::string_view line, std::string_view previous,
                                              std::string_view rule_id);

struct BaselineEntry {
    std::string fingerprint;
    std::string rule_id;
    std::string path;
    std::string reason; // optional, kept when the baseline is regenerated
};

class Baseline {
public:
    // Throws Error naming the file (and line, for JSON errors) when it cannot be used: a bad
    // baseline must never pass for an empty one.
    static Baseline load(const std::filesystem::path& path);
    static Baseline from_entries(std::vector<BaselineEntry> entries);

    const BaselineEntry* find(std::string_view fingerprint) const;
    const std::vector<BaselineEntry>& entries() const noexcept { return m_entries; }

    // The file's text: sorted by path, rule id and fingerprint, one entry per line.
    std::string to_json() const;

private:
    std::vector<BaselineEntry> m_entries;
    std::unordered_map<std::string, std::size_t> m_by_fingerprint;
};

} // namespace promptlint
