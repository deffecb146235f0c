#pragma once
// The configuration stage: `.promptlint.json` (JSON, comments allowed; every key in
// docs/config.md), the nearest one found by walking up from the current folder to the
// repository root, or the one named with --config. It only ever adds to the built-in rules
// (extra packs, custom rules, the organisation's own term sets) and adjusts them explicitly
// (disable, severity and confidence overrides); it also sets the report thresholds' defaults,
// narrows folder walks (include / exclude) and lists accepted values (allowlist). Loading is
// strict: an unknown key or a bad value is an Error naming the file, the line and the key.

#include "promptlint/ignore.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/types.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

inline constexpr std::string_view k_config_name = ".promptlint.json";

// A value and where it came from, for `promptlint config`: "default", "command line", or the
// configuration file and line ("../.promptlint.json:12").
template <typename T>
struct Setting {
    T value{};
    std::string origin = "default";
};

// What the configuration says about one rule id, dotted prefix ("pii.network" covers
// "pii.network.ipv4") or category ("confidential").
struct Override {
    std::string target;
    bool is_category = false;
    std::optional<Severity> severity;
    std::optional<Confidence> confidence;
    std::string origin;
};

// One accepted value: findings it matches are suppressed with the reason, never dropped.
struct AllowEntry {
    enum class Kind : std::uint8_t { regex, value, fingerprint };
    Kind kind = Kind::value;
    std::string text;               // the regex, the exact value, or the fingerprint
    std::string reason;             // optional
    std::vector<std::string> rules; // when not empty: only findings of these ids or prefixes
    std::string origin;
};

// The configuration's allowlist, shared read-only by the scanning threads.
class Allowlist {
public:
    Allowlist();
    Allowlist(Allowlist&&) noexcept;
    Allowlist& operator=(Allowlist&&) noexcept;
    ~Allowlist();

    // Compiles a regex entry with PCRE2; throws Error with PCRE2's message (and offset).
    void add(AllowEntry entry);
    // "allowlist: <reason>" (or the pattern, the masked value, the fingerprint when there is
    // no reason) for the first entry that accepts this finding; nullopt when none does.
    std::optional<std::string> match(std::string_view rule_id, std::string_view value,
                                     std::string_view fingerprint) const;
    const std::vector<AllowEntry>& entries() const noexcept;
    bool empty() const noexcept { return entries().empty(); }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

struct Config {
    std::filesystem::path file; // empty when no configuration file is in force
    std::string display;        // the file as messages name it ("../.promptlint.json")
    std::string found_how;      // "--config", "found walking up from …", "--no-config", …

    std::vector<Setting<std::string>> packs; // resolved against the file's folder
    std::vector<Rule> terms;                 // term sets, as rules (Rule::terms set)
    std::vector<Rule> rules;                 // custom regex rules, in pack format
    std::vector<Setting<std::string>> disable;
    std::vector<Override> overrides;
    std::optional<Setting<Severity>> fail_on;
    std::optional<Setting<Severity>> min_severity;
    std::optional<Setting<Confidence>> min_confidence;
    std::vector<Setting<std::string>> include; // gitignore-style, relative to the file's folder
    std::vector<Setting<std::string>> exclude;
    std::shared_ptr<const Allowlist> allowlist = std::make_shared<Allowlist>();
    // The configuration file and its term files: they list what is searched for, so a walk
    // never scans them (named on the command line, they are scanned).
    std::vector<std::filesystem::path> own_files;
};

// The nearest `.promptlint.json` from `start` upwards, stopping after the first folder that
// holds `.git` (the repository root) or at the filesystem root. The second member is how to
// name it from `start` (".promptlint.json", "../.promptlint.json", …).
std::optional<std::pair<std::filesystem::path, std::string>>
find_config(const std::filesystem::path& start);

// Reads and checks a configuration file; relative paths in it are relative to its folder.
Config load_config(const std::filesystem::path& file, const std::string& display);
// The same from text already in memory (tests), with `base` as the file's folder.
Config parse_config(std::string_view text, const std::filesystem::path& base,
                    const std::string& display);

// Adds the configuration's packs, custom rules and term sets to `rules`, then disables and
// re-grades rules. Returns warnings (a disable or override that matches no loaded rule: it
// changes nothing, so the run goes on). Throws Error on a duplicate id, an unreadable pack,
// or when no rule is left enabled.
std::vector<std::string> apply_config(const Config& config, RuleSet& rules);

// Decides which walked paths the configuration leaves out: its own files, and what its
// include / exclude globs say. Globs never leave out paths outside the configuration's folder.
class PathFilter {
public:
    explicit PathFilter(const Config& config);
    bool active() const noexcept { return m_active; }
    // `path` as walked (relative to the current folder, or absolute).
    bool excluded(const std::filesystem::path& path, bool is_dir) const;

private:
    bool m_active = false;
    bool m_globs = false;
    std::vector<std::filesystem::path> m_own; // absolute, normalised
    std::filesystem::path m_base;             // absolute, normalised
    std::filesystem::path m_cwd;
    IgnoreRules m_include; // "ignored" there means: matched by an include glob
    IgnoreRules m_exclude;
};

// The commented starter file `promptlint init` writes. It loads as a configuration that
// changes nothing.
std::string_view starter_config() noexcept;

} // namespace promptlint
