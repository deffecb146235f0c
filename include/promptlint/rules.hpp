#pragma once
// The rule model and the loading of rule packs (JSON, comments allowed; schema in
// docs/rules.md): strict field checking, errors that name file, line and rule id, and the
// packs embedded in the binary at build time.

#include "promptlint/types.hpp"
#include "promptlint/validators.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
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
    friend bool operator==(const ContextSpec&, const ContextSpec&) = default;
};

// Words near the value that say it is something else ("order 4111…", "version 10.1.2.3"):
// the candidate is dropped, or its confidence lowered one level (dropped below low).
struct ExclusionSpec {
    enum class Effect : std::uint8_t { drop, lower };
    std::vector<std::string> words; // lower-case phrases, matched like context words
    std::size_t window = 32;
    Effect effect = Effect::drop;
    friend bool operator==(const ExclusionSpec&, const ExclusionSpec&) = default;
};

// A text the rule must report. `secret`, when given, is the exact value it must report.
struct Example {
    std::string text;
    std::optional<std::string> secret;
    friend bool operator==(const Example&, const Example&) = default;
};

// An organisation's own words (code names, customers, …), matched as whole words by Hyperscan
// literals in the same pass as the patterns, not by a regex: see Rule::terms.
struct TermList {
    std::vector<std::string> words; // distinct (case-folded when !case_sensitive), none empty
    bool case_sensitive = false;
};

struct Rule {
    std::string id;
    std::string name;
    Category category = Category::credential;
    Severity severity = Severity::medium;
    Confidence confidence = Confidence::medium;
    std::string pattern; // empty for a term set
    unsigned secret_group = 0;
    // Set for a term set (from the configuration): one rule id for many literal words. Shared,
    // so copying a rule never copies 100,000 words.
    std::shared_ptr<const TermList> terms;
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
    // Term sets compare by identity: two rules are equal when they share one list.
    friend bool operator==(const Rule&, const Rule&) = default;
};

// Rule ids are dotted lower-case words, [a-z0-9._-], not starting or ending with a dot.
bool valid_rule_id(std::string_view id) noexcept;

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
    // The rules of an array in pack format that sits inside a larger document (a configuration
    // file): `text` is that document, searched from `search_from` for each rule's line.
    void add_rules_json(const nlohmann::json& rules, std::string_view text,
                        const std::string& source, const std::string& pack,
                        std::size_t search_from = 0);
    // A rule built in code (a term set); throws Error on a duplicate or malformed id.
    void add_rule(Rule rule);
    // Drops the rules `drop` selects; returns how many.
    std::size_t remove_if(const std::function<bool(const Rule&)>& drop);
    // For severity and confidence overrides; ids must not be changed through it.
    std::span<Rule> mutable_rules() noexcept { return m_rules; }

    const std::vector<Rule>& rules() const noexcept { return m_rules; }
    const Rule* find(std::string_view id) const;

private:
    std::vector<Rule> m_rules;
    std::unordered_map<std::string, std::size_t> m_by_id;
};

} // namespace promptlint
