#pragma once
// The rule model and the loading of rule packs (JSON, comments allowed; schema in
// docs/rules.md): strict field checking, errors that name file, line and rule id, and the
// packs embedded in the binary at build time.

#include "promptlint/types.hpp"
#include "promptlint/validators.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace promptlint {

// Words or phrases near the sensitive value that make a match real (require) or likelier (boost).
struct ContextSpec {
    enum class Effect : std::uint8_t { require, boost };
    std::vector<std::string> words; // lower-case; matched case-insensitively as whole words
    std::size_t window = 64;        // bytes searched before the value's start and after its end
    Effect effect = Effect::require;
};

// Words near the value that say it is something else ("order 4111…", "version 10.1.2.3"):
// the candidate is dropped, or its confidence lowered one level (dropped below low).
struct ExclusionSpec {
    enum class Effect : std::uint8_t { drop, lower };
    std::vector<std::string> words; // lower-case phrases, matched like context words
    std::size_t window = 32;
    Effect effect = Effect::drop;
};

// A text the rule must report. `secret`, when given, is the exact value it must report.
struct Example {
    std::string text;
    std::optional<std::string> secret;
};

struct Rule {
    std::string id;
    std::string name;
    Category category = Category::credential;
    Severity severity = Severity::medium;
    Confidence confidence = Confidence::medium;
    std::string pattern;
    unsigned secret_group = 0;
    std::vector<validators::Validator> validators;
    std::optional<ContextSpec> context;
    std::optional<ExclusionSpec> exclude_context;
    std::string description;
    std::string remediation;
    std::vector<std::string> references;
    std::vector<Example> examples;
    std::vector<std::string> negative_examples;
    std::string pack;   // the pack's name, e.g. "credentials"
    std::string source; // where it was loaded from: a path, or "builtin:credentials.json"
    int line = 0;       // line of the rule's id in its source, for error messages
};

// A rule pack compiled into the binary (generated from patterns/*.json by CMake).
struct EmbeddedPack {
    std::string_view name;
    std::string_view text;
};
std::span<const EmbeddedPack> builtin_packs();

// The rules in force for one run, in load order (built-in packs sorted by file name, then user
// packs in command-line order). Rule ids are unique across the set.
class RuleSet {
public:
    // Every add_* throws Error naming the source, the line and the rule id on any problem.
    void add_pack_text(std::string_view json_text, const std::string& source);
    void add_builtin();
    // A .json file, or a folder whose *.json files are loaded in sorted order.
    void add_path(const std::filesystem::path& path);

    const std::vector<Rule>& rules() const noexcept { return m_rules; }
    const Rule* find(std::string_view id) const;

private:
    std::vector<Rule> m_rules;
    std::unordered_map<std::string, std::size_t> m_by_id;
};

} // namespace promptlint
