#include "promptlint/cli.hpp"

#include "promptlint/confirm.hpp"
#include "promptlint/version.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli_common.hpp"

namespace promptlint {
namespace cli {

void RuleOptions::add_to(CLI::App& app) {
    app.add_option("--patterns", patterns,
                   "Add a rule pack (a .json file, or a folder of them); repeatable")
        ->allow_extra_args(false);
    app.add_flag("--no-builtin", no_builtin, "Use only the packs given with --patterns");
    app.add_flag(
        "--no-cache", no_cache,
        "Compile the rules now: use neither the cache nor the database built into the binary");
    app.add_option("--cache-dir", cache_dir,
                   "Where compiled rules are cached (default: $XDG_CACHE_HOME/promptlint)");
    auto* config = app.add_option("--config", config_file,
                                  "Use this configuration file instead of the nearest "
                                  ".promptlint.json (found walking up to the repository root)");
    app.add_flag("--no-config", no_config, "Use no configuration file")->excludes(config);
}

Config RuleOptions::load_config() const {
    if (no_config) {
        Config none;
        none.found_how = "--no-config";
        return none;
    }
    if (!config_file.empty()) {
        Config config = promptlint::load_config(config_file, config_file);
        config.found_how = "--config";
        return config;
    }
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (auto found = ec ? std::nullopt : find_config(cwd)) {
        Config config = promptlint::load_config(found->first, found->second);
        config.found_how = "found walking up from the current folder";
        return config;
    }
    Config none;
    none.found_how = "no .promptlint.json from the current folder up to the repository root";
    return none;
}

RuleSet RuleOptions::load(const Config& config) const {
    RuleSet set;
    if (!no_builtin) {
        set.add_builtin();
    }
    for (const auto& p : patterns) {
        set.add_path(p);
    }
    if (set.rules().empty() && config.packs.empty() && config.rules.empty() &&
        config.terms.empty()) {
        throw Error("no rules are enabled (--no-builtin without --patterns?)");
    }
    for (const std::string& warning : apply_config(config, set)) {
        std::cerr << "promptlint: warning: " << warning << '\n';
    }
    if (set.rules().empty()) {
        throw Error("no rules are enabled");
    }
    // Built-in patterns are proven by the test suite; user packs are checked in both engines
    // before anything is compiled or cached.
    std::vector<Rule> user;
    std::copy_if(set.rules().begin(), set.rules().end(), std::back_inserter(user),
                 [](const Rule& r) { return !r.source.starts_with("builtin:"); });
    check_patterns(user);
    return set;
}

Database RuleOptions::compile(const RuleSet& set) const {
    return Database::build(set.rules(), CacheSettings{!no_cache, cache_dir});
}

void write_file(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
        throw Error(fmt::format("{}: cannot write", path));
    }
}

namespace {

// Lets `promptlint FILE…` mean `promptlint scan FILE…`, and options given before a command
// (`promptlint --no-cache rules`) apply to that command rather than make it a path to scan.
std::vector<std::string> with_default_subcommand(const CLI::App& app, int argc,
                                                 const char* const* argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto is_command = [&](const std::string& word) {
        return !app.get_subcommands([&](const CLI::App* sub) { return sub->get_name() == word; })
                    .empty();
    };
    static constexpr std::string_view k_top_level[] = {"-h", "--help", "-V", "--version"};
    if (!args.empty() && (std::find(std::begin(k_top_level), std::end(k_top_level), args[0]) !=
                              std::end(k_top_level) ||
                          is_command(args[0]))) {
        std::reverse(args.begin(), args.end()); // CLI11 takes the arguments last-first
        return args;
    }
    // Skip the leading options, with their values (every option a command shares is also one
    // of scan's); a command name right after them is the command.
    const auto scans =
        app.get_subcommands([](const CLI::App* sub) { return sub->get_name() == "scan"; });
    const CLI::App* scan = scans.empty() ? nullptr : scans.front();
    std::size_t i = 0;
    while (i < args.size() && args[i].size() > 1 && args[i][0] == '-' && args[i] != "--") {
        const std::string name = args[i].substr(0, args[i].find('='));
        const CLI::Option* opt = scan ? scan->get_option_no_throw(name) : nullptr;
        const bool takes_value =
            opt && opt->get_items_expected_max() > 0 && args[i].find('=') == std::string::npos;
        i += takes_value ? 2 : 1;
    }
    if (i > 0 && i < args.size() && is_command(args[i])) {
        std::rotate(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i),
                    args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    } else {
        args.insert(args.begin(), "scan");
    }
    std::reverse(args.begin(), args.end());
    return args;
}

} // namespace
} // namespace cli

int run(int argc, const char* const* argv) {
    CLI::App app{"promptlint: find secrets, personal data and confidential material in text "
                 "before it is pasted into an AI assistant."};
    app.footer(cli::k_exit_codes);
    app.set_version_flag("-V,--version", fmt::format("promptlint {} (Hyperscan {})", version(),
                                                     hyperscan_version()));
    app.require_subcommand(1);

    cli::RuleOptions rule_opts;
    std::vector<cli::Command> commands{cli::add_scan_command(app, rule_opts),
                                       cli::add_baseline_command(app, rule_opts)};
    for (cli::Command& c : cli::add_rule_commands(app, rule_opts)) {
        commands.push_back(std::move(c));
    }
    commands.push_back(cli::add_hook_command(app));
    for (cli::Command& c : cli::add_redact_commands(app, rule_opts)) {
        commands.push_back(std::move(c));
    }
    for (cli::Command& c : cli::add_config_commands(app, rule_opts)) {
        commands.push_back(std::move(c));
    }

    try {
        std::vector<std::string> args = cli::with_default_subcommand(app, argc, argv);
        app.parse(args);
        for (const cli::Command& c : commands) {
            if (*c.app) {
                return c.run();
            }
        }
        return static_cast<int>(ExitCode::usage);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11.
        const int code = app.exit(e);
        return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
    } catch (const Error& e) {
        std::cerr << "promptlint: error: " << e.what() << '\n';
        return static_cast<int>(ExitCode::usage);
    } catch (const std::exception& e) {
        std::cerr << "promptlint: internal error: " << e.what() << '\n';
        return static_cast<int>(ExitCode::usage);
    }
}

} // namespace promptlint
