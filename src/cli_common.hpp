#pragma once
// Private to the command line: what every subcommand shares (the rule-loading options, option
// parsing helpers) and how a subcommand registers itself with CLI11.

#include "promptlint/config.hpp"
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/types.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint::cli {

inline constexpr const char* k_exit_codes = R"(Exit codes:
  0  nothing at or above --fail-on was found
  1  findings at or above --fail-on
  2  usage, configuration or rule-pack error
  3  an input could not be read (wins over 1; the other inputs are still scanned))";

// Options that say which rules are loaded, and with them the configuration file (which adds
// rules); every subcommand that loads rules takes them.
struct RuleOptions {
    std::vector<std::string> patterns;
    bool no_builtin = false;
    bool no_cache = false;
    std::string cache_dir;
    std::string config_file;
    bool no_config = false;

    void add_to(CLI::App& app);
    // --config FILE; nothing with --no-config; else the nearest .promptlint.json from the
    // current folder up to the repository root. Throws Error.
    Config load_config() const;
    // The built-in packs (unless --no-builtin), the --patterns packs, then what `config` adds,
    // disables and re-grades; its warnings go to stderr. Throws Error.
    RuleSet load(const Config& config) const;
    RuleSet load() const { return load(load_config()); }
    Database compile(const RuleSet& set) const;
};

// A threshold's value and origin: the command line's when given (not empty), else the
// configuration's, else the built-in default.
template <typename T>
Setting<T> pick_setting(const std::string& given, std::optional<T> (*parse)(std::string_view),
                        std::string_view option, std::string_view choices,
                        const std::optional<Setting<T>>& configured, T fallback) {
    if (!given.empty()) {
        auto value = parse(given);
        if (!value) {
            throw Error(fmt::format("{} must be one of {}, not '{}'", option, choices, given));
        }
        return {*value, "command line"};
    }
    if (configured) {
        return *configured;
    }
    return {fallback, "default"};
}

inline constexpr std::string_view k_severity_names = "info, low, medium, high, critical";
inline constexpr std::string_view k_confidence_names = "low, medium, high";

template <typename T>
T parse_or_throw(std::optional<T> value, std::string_view option, std::string_view given,
                 std::string_view choices) {
    if (!value) {
        throw Error(fmt::format("{} must be one of {}, not '{}'", option, choices, given));
    }
    return *value;
}

void write_file(const std::string& path, std::string_view bytes);

// A subcommand: its CLI11 app, and what runs when the user chose it. Each add_* function
// creates its subcommand on `app` and binds the options to state that `run` owns.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

Command add_scan_command(CLI::App& app, RuleOptions& rules);
Command add_baseline_command(CLI::App& app, RuleOptions& rules);
std::vector<Command> add_rule_commands(CLI::App& app, RuleOptions& rules);
Command add_hook_command(CLI::App& app);
std::vector<Command> add_redact_commands(CLI::App& app, RuleOptions& rules);
std::vector<Command> add_config_commands(CLI::App& app, RuleOptions& rules);

} // namespace promptlint::cli
