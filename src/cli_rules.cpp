// `promptlint rules`, `check-rules` and `explain`: inspecting and proving rule packs.
#include "promptlint/confirm.hpp"
#include "promptlint/selftest.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <iostream>
#include <memory>

#include "cli_common.hpp"

namespace promptlint::cli {
namespace {

struct RulesArgs {
    std::string format = "text";
    std::string export_db;       // the serialized Hyperscan database, for bench/hsref
    std::string export_patterns; // one pattern per line, for other regex tools
};

int run_rules(const RuleOptions& rule_opts, const RulesArgs& args) {
    const RuleSet rules = rule_opts.load();
    if (!args.export_db.empty()) {
        write_file(args.export_db, rule_opts.compile(rules).serialized());
    }
    if (!args.export_patterns.empty()) {
        std::string lines;
        for (const Rule& r : rules.rules()) {
            lines += r.pattern + "\n";
        }
        write_file(args.export_patterns, lines);
    }
    if (args.format == "json") {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const Rule& r : rules.rules()) {
            list.push_back({{"id", r.id},
                            {"name", r.name},
                            {"category", to_string(r.category)},
                            {"severity", to_string(r.severity)},
                            {"confidence", to_string(r.confidence)},
                            {"pack", r.pack},
                            {"source", r.source}});
        }
        std::cout << list.dump(2) << '\n';
        return 0;
    }
    if (args.format != "text") {
        throw Error(fmt::format("--format must be one of text, json, not '{}'", args.format));
    }
    std::size_t id_width = 0;
    for (const Rule& r : rules.rules()) {
        id_width = std::max(id_width, r.id.size());
    }
    std::array<std::size_t, 3> per_category{};
    for (const Rule& r : rules.rules()) {
        std::cout << fmt::format("{:<{}}  {:<12}  {:<8}  {:<6}  {}\n", r.id, id_width,
                                 to_string(r.category), to_string(r.severity),
                                 to_string(r.confidence), r.name);
        ++per_category[static_cast<std::size_t>(r.category)];
    }
    std::cout << fmt::format("{} rules: {} credential, {} pii, {} confidential\n",
                             rules.rules().size(), per_category[0], per_category[1],
                             per_category[2]);
    return 0;
}

int run_check_rules(RuleOptions rule_opts, const std::vector<std::string>& files) {
    if (!files.empty()) {
        rule_opts.patterns.insert(rule_opts.patterns.end(), files.begin(), files.end());
        rule_opts.no_builtin = true;
    }
    const RuleSet rules = rule_opts.load();
    check_patterns(rules.rules());
    const Database db = rule_opts.compile(rules);
    const auto failures = check_examples(rules.rules(), db);
    for (const auto& f : failures) {
        std::cout << fmt::format("{}: rule '{}': {}\n", f.source, f.rule_id, f.problem);
    }
    std::cout << fmt::format("{} rules checked, {} problems\n", rules.rules().size(),
                             failures.size());
    return failures.empty() ? 0 : 1;
}

int run_explain(const RuleOptions& rule_opts, const std::string& id) {
    const RuleSet rules = rule_opts.load();
    const Rule* r = rules.find(id);
    if (!r) {
        throw Error(fmt::format("no rule '{}' is loaded (see `promptlint rules`)", id));
    }
    std::cout << fmt::format("{}  {}\n", r->id, r->name);
    std::cout << fmt::format("category: {}, severity: {}, confidence: {}\n", to_string(r->category),
                             to_string(r->severity), to_string(r->confidence));
    std::cout << fmt::format("defined in: {}:{}\n\n{}\n", r->source, r->line, r->description);
    if (!r->remediation.empty()) {
        std::cout << fmt::format("\nRemediation: {}\n", r->remediation);
    }
    for (const auto& ref : r->references) {
        std::cout << fmt::format("See: {}\n", ref);
    }
    return 0;
}

} // namespace

std::vector<Command> add_rule_commands(CLI::App& app, RuleOptions& rules) {
    std::vector<Command> out;

    auto list_args = std::make_shared<RulesArgs>();
    CLI::App* list = app.add_subcommand("rules", "List the loaded rules");
    list->add_option("-f,--format", list_args->format, "text, json")->capture_default_str();
    list->add_option("--export-db", list_args->export_db,
                     "Also write the compiled Hyperscan database (serialized) to this file");
    list->add_option("--export-patterns", list_args->export_patterns,
                     "Also write every pattern, one per line, to this file");
    rules.add_to(*list);
    out.push_back({list, [&rules, list_args] { return run_rules(rules, *list_args); }});

    auto files = std::make_shared<std::vector<std::string>>();
    CLI::App* check = app.add_subcommand(
        "check-rules", "Load rule packs, compile them and run every rule's examples");
    check->add_option("packs", *files, "Packs to check (default: the built-in ones)");
    rules.add_to(*check);
    out.push_back({check, [&rules, files] { return run_check_rules(rules, *files); }});

    auto id = std::make_shared<std::string>();
    CLI::App* explain = app.add_subcommand("explain", "Describe one rule");
    explain->add_option("rule", *id, "Rule id")->required();
    rules.add_to(*explain);
    out.push_back({explain, [&rules, id] { return run_explain(rules, *id); }});
    return out;
}

} // namespace promptlint::cli
