// `promptlint config` (the effective configuration, and where each setting came from) and
// `promptlint init` (a commented starter .promptlint.json).
#include "promptlint/config.hpp"
#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.hpp"

namespace promptlint::cli {
namespace {

struct ConfigArgs {
    std::string format = "text";
    std::string fail_on;
    std::string min_severity;
    std::string min_confidence;
};

struct Line {
    std::string key;
    std::string value;
    std::string origin;
};

std::string describe(const AllowEntry& e) {
    std::string text;
    switch (e.kind) {
    case AllowEntry::Kind::regex:
        text = "regex " + e.text;
        break;
    case AllowEntry::Kind::value:
        text = "value " + mask_value(e.text);
        break;
    case AllowEntry::Kind::fingerprint:
        text = "fingerprint " + e.text;
        break;
    }
    if (!e.rules.empty()) {
        text += fmt::format(" (only {})", fmt::join(e.rules, ", "));
    }
    if (!e.reason.empty()) {
        text += ": " + e.reason;
    }
    return text;
}

// Every setting in a fixed order; a list setting gives one line per item, or one line saying
// it is empty.
std::vector<Line> settings(const RuleOptions& opts, const Config& config, const ConfigArgs& args) {
    std::vector<Line> out;
    auto list = [&out](std::string key, const std::vector<Setting<std::string>>& items,
                       std::string_view none) {
        if (items.empty()) {
            out.push_back({std::move(key), std::string(none), "default"});
        }
        for (const auto& item : items) {
            out.push_back({key, item.value, item.origin});
        }
    };
    out.push_back({"builtin_packs", opts.no_builtin ? "off" : "on",
                   opts.no_builtin ? "command line" : "default"});
    std::vector<Setting<std::string>> patterns;
    for (const std::string& p : opts.patterns) {
        patterns.push_back({p, "command line"});
    }
    list("patterns", patterns, "(none)");
    list("packs", config.packs, "(none)");
    if (config.terms.empty()) {
        out.push_back({"terms", "(none)", "default"});
    }
    for (const Rule& t : config.terms) {
        const std::size_t n = t.terms->words.size();
        out.push_back({"terms",
                       fmt::format("{}: {} term{}, {}, {}{}", t.id, n, n == 1 ? "" : "s",
                                   to_string(t.category), to_string(t.severity),
                                   t.terms->case_sensitive ? ", case-sensitive" : ""),
                       fmt::format("{}:{}", t.source, t.line)});
    }
    if (config.rules.empty()) {
        out.push_back({"rules", "(none)", "default"});
    }
    for (const Rule& r : config.rules) {
        out.push_back({"rules", r.id, fmt::format("{}:{}", r.source, r.line)});
    }
    list("disable", config.disable, "(none)");
    if (config.overrides.empty()) {
        out.push_back({"overrides", "(none)", "default"});
    }
    for (const Override& o : config.overrides) {
        std::vector<std::string> what;
        if (o.severity) {
            what.push_back(fmt::format("severity {}", to_string(*o.severity)));
        }
        if (o.confidence) {
            what.push_back(fmt::format("confidence {}", to_string(*o.confidence)));
        }
        out.push_back(
            {"overrides", fmt::format("{}: {}", o.target, fmt::join(what, ", ")), o.origin});
    }
    const auto fail_on = pick_setting(args.fail_on, parse_severity, "--fail-on", k_severity_names,
                                      config.fail_on, Severity::medium);
    const auto min_severity = pick_setting(args.min_severity, parse_severity, "--min-severity",
                                           k_severity_names, config.min_severity, Severity::low);
    const auto min_confidence =
        pick_setting(args.min_confidence, parse_confidence, "--min-confidence", k_confidence_names,
                     config.min_confidence, Confidence::low);
    out.push_back({"fail_on", std::string(to_string(fail_on.value)), fail_on.origin});
    out.push_back(
        {"min_severity", std::string(to_string(min_severity.value)), min_severity.origin});
    out.push_back(
        {"min_confidence", std::string(to_string(min_confidence.value)), min_confidence.origin});
    list("include", config.include, "(everything)");
    list("exclude", config.exclude, "(nothing)");
    if (config.allowlist->empty()) {
        out.push_back({"allowlist", "(none)", "default"});
    }
    for (const AllowEntry& e : config.allowlist->entries()) {
        out.push_back({"allowlist", describe(e), e.origin});
    }
    return out;
}

int run_config(const RuleOptions& opts, const ConfigArgs& args) {
    if (args.format != "text" && args.format != "json") {
        throw Error(fmt::format("--format must be one of text, json, not '{}'", args.format));
    }
    const Config config = opts.load_config();
    const std::vector<Line> lines = settings(opts, config, args);
    const RuleSet rules = opts.load(config);
    std::array<std::size_t, 3> per_category{};
    for (const Rule& r : rules.rules()) {
        ++per_category[static_cast<std::size_t>(r.category)];
    }

    if (args.format == "json") {
        nlohmann::ordered_json doc;
        doc["file"] = config.display.empty() ? nlohmann::ordered_json()
                                             : nlohmann::ordered_json(config.display);
        doc["found"] = config.found_how;
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const Line& l : lines) {
            list.push_back({{"key", l.key}, {"value", l.value}, {"from", l.origin}});
        }
        doc["settings"] = std::move(list);
        doc["enabled_rules"] = {{"total", rules.rules().size()},
                                {"credential", per_category[0]},
                                {"pii", per_category[1]},
                                {"confidential", per_category[2]}};
        std::cout << doc.dump(2) << '\n';
        return 0;
    }

    std::cout << fmt::format("configuration file: {} ({})\n\n",
                             config.display.empty() ? "none" : config.display, config.found_how);
    std::size_t value_width = 5;
    for (const Line& l : lines) {
        value_width = std::max(value_width, std::min<std::size_t>(utf8_length(l.value), 48));
    }
    std::cout << fmt::format("{:<15} {:<{}}  {}\n", "setting", "value", value_width, "from");
    std::string previous;
    for (const Line& l : lines) {
        const std::string_view key = l.key == previous ? "" : std::string_view(l.key);
        std::cout << fmt::format("{:<15} {:<{}}  {}\n", key, printable(l.value), value_width,
                                 l.origin);
        previous = l.key;
    }
    std::cout << fmt::format("\nenabled rules: {} ({} credential, {} pii, {} confidential)\n",
                             rules.rules().size(), per_category[0], per_category[1],
                             per_category[2]);
    return 0;
}

struct InitArgs {
    std::string output{k_config_name};
    bool force = false;
};

int run_init(const InitArgs& args) {
    const std::string_view text = starter_config();
    if (args.output == "-") {
        std::cout << text;
        return 0;
    }
    std::error_code ec;
    if (std::filesystem::exists(args.output, ec) && !args.force) {
        throw Error(fmt::format("{}: already exists; --force overwrites it", args.output));
    }
    write_file(args.output, text);
    std::cout << fmt::format("wrote {}: a commented starter; `promptlint config` shows what is "
                             "in force\n",
                             args.output);
    return 0;
}

} // namespace

std::vector<Command> add_config_commands(CLI::App& app, RuleOptions& rules) {
    std::vector<Command> out;

    auto config_args = std::make_shared<ConfigArgs>();
    CLI::App* config = app.add_subcommand(
        "config", "Show the configuration in force, where each setting comes from, and the rules");
    config->add_option("-f,--format", config_args->format, "text, json")->capture_default_str();
    config->add_option("--fail-on", config_args->fail_on, "As for scan: shown as given");
    config->add_option("--min-severity", config_args->min_severity, "As for scan");
    config->add_option("--min-confidence", config_args->min_confidence, "As for scan");
    rules.add_to(*config);
    out.push_back({config, [&rules, config_args] { return run_config(rules, *config_args); }});

    auto init_args = std::make_shared<InitArgs>();
    CLI::App* init = app.add_subcommand("init", "Write a commented starter .promptlint.json");
    init->add_option("-o,--output", init_args->output, "Where to write it ('-': stdout)")
        ->capture_default_str();
    init->add_flag("--force", init_args->force, "Overwrite an existing file");
    out.push_back({init, [init_args] { return run_init(*init_args); }});
    return out;
}

} // namespace promptlint::cli
