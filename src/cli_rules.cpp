// `promptlint rules`, `check-rules` and `explain`: inspecting and proving rule packs.
#include "promptlint/confirm.hpp"
#include "promptlint/mask.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/selftest.hpp"
#include "promptlint/text.hpp"

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
            if (!r.terms) { // term sets are literals, not patterns other tools could run
                lines += r.pattern + "\n";
            }
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
        // Checking given packs means checking them alone: a configuration's disable list or
        // term sets have nothing to say about them.
        rule_opts.patterns.insert(rule_opts.patterns.end(), files.begin(), files.end());
        rule_opts.no_builtin = true;
        rule_opts.no_config = true;
        rule_opts.config_file.clear();
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

// printable() line by line: line breaks are kept (a '\r' before one is dropped).
std::string printable_lines(std::string_view text) {
    std::string out;
    for (;;) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (nl != std::string_view::npos && line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        out += printable(line);
        if (nl == std::string_view::npos) {
            return out;
        }
        out += '\n';
        text.remove_prefix(nl + 1);
    }
}

// `text` as a report would show it: every value a rule reports masked (multi-line values
// keep their line breaks, and only their first line reveals a prefix). Like a report, which
// shows the line of a finding and no more, it stops at the end of the last value's line: what
// follows a private key's first line is key material too.
std::string masked(std::string_view text, const ScanReport& report) {
    std::string out;
    std::size_t pos = 0;
    for (const Finding& f : report.findings) {
        const auto start = static_cast<std::size_t>(f.start_byte);
        const auto end = static_cast<std::size_t>(f.end_byte);
        if (start < pos || end > text.size()) {
            continue;
        }
        out += printable_lines(text.substr(pos, start - pos));
        std::string_view value = text.substr(start, end - start);
        for (bool first = true;; first = false) {
            const std::size_t nl = value.find('\n');
            const std::string_view line = value.substr(0, nl);
            out += first ? mask_value(line) : std::string(utf8_length(line), '*');
            if (nl == std::string_view::npos) {
                break;
            }
            out += '\n';
            value.remove_prefix(nl + 1);
        }
        pos = end;
    }
    std::string_view rest = text.substr(pos);
    if (!report.findings.empty()) {
        const std::size_t nl = rest.find('\n');
        if (nl != std::string_view::npos &&
            rest.find_first_not_of(" \t\r\n", nl) != std::string_view::npos) {
            rest = rest.substr(0, nl);
            out += printable_lines(rest) + "\n…";
            return out;
        }
    }
    out += printable_lines(rest);
    return out;
}

void print_texts(const std::vector<std::string>& texts, const Scanner& scanner) {
    for (const std::string& text : texts) {
        const std::string shown = masked(text, scanner.scan_text(text, "example"));
        std::string_view rest = shown;
        while (rest.size() > 1 && (rest.back() == '\n' || rest.back() == ' ')) {
            rest.remove_suffix(1); // trailing blank lines say nothing on a terminal
        }
        std::string_view bullet = "  - ";
        while (true) {
            const std::size_t nl = rest.find('\n');
            std::cout << bullet << rest.substr(0, nl) << '\n';
            if (nl == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(nl + 1);
            bullet = "    ";
        }
    }
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
    if (r->examples.empty() && r->negative_examples.empty()) {
        return 0;
    }
    // The examples go through the whole scanner, so that what is masked is exactly what a
    // report would mask (this rule's value and any other rule's).
    const Database db = rule_opts.compile(rules);
    ScanOptions options;
    options.min_severity = Severity::info;
    options.inline_suppressions = false;
    const Scanner scanner(rules.rules(), db, options);
    std::vector<std::string> examples;
    for (const Example& ex : r->examples) {
        examples.push_back(ex.text);
    }
    std::cout << "\nExamples (reported; values masked):\n";
    print_texts(examples, scanner);
    if (!r->negative_examples.empty()) {
        std::cout << "\nNot reported by this rule:\n";
        print_texts(r->negative_examples, scanner);
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
    CLI::App* explain = app.add_subcommand("explain", "Describe one rule, with its examples");
    explain->add_option("rule", *id, "Rule id")->required();
    rules.add_to(*explain);
    out.push_back({explain, [&rules, id] { return run_explain(rules, *id); }});
    return out;
}

} // namespace promptlint::cli
