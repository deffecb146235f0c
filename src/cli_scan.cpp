// `promptlint [scan] [PATH…]`: the scan subcommand.
#include "promptlint/report.hpp"
#include "promptlint/scanner.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <unistd.h>

#include "cli_common.hpp"

namespace promptlint::cli {
namespace {

struct ScanArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string min_severity = "low";
    std::string fail_on = "medium";
    std::string min_confidence = "low";
    std::string color = "auto";
    bool show_secrets = false;
    bool verbose = false;
    unsigned threads = 0;
};

bool want_color(std::string_view mode) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    if (mode != "auto") {
        throw Error(fmt::format("--color must be auto, always or never, not '{}'", mode));
    }
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
           !(term && std::string_view(term) == "dumb");
}

int run_scan(const RuleOptions& rule_opts, const ScanArgs& args) {
    const Format format = parse_or_throw(parse_format(args.format), "--format", args.format,
                                         "text, json, sarif, github, junit");
    constexpr std::string_view k_levels = "info, low, medium, high, critical";
    ScanOptions options;
    options.min_severity = parse_or_throw(parse_severity(args.min_severity), "--min-severity",
                                          args.min_severity, k_levels);
    const Severity fail_on =
        parse_or_throw(parse_severity(args.fail_on), "--fail-on", args.fail_on, k_levels);
    options.min_confidence =
        parse_or_throw(parse_confidence(args.min_confidence), "--min-confidence",
                       args.min_confidence, "low, medium, high");
    options.threads =
        args.threads ? args.threads : std::max(1U, std::thread::hardware_concurrency());
    const ReportOptions report_options{args.show_secrets,
                                       format == Format::text && want_color(args.color)};

    if (args.paths.empty() && ::isatty(STDIN_FILENO)) {
        throw Error("no input: name files or folders to scan, or pipe text in (e.g. "
                    "`pbpaste | promptlint`)");
    }
    const RuleSet rules = rule_opts.load();
    const Database db = rule_opts.compile(rules);
    if (args.verbose) {
        std::cerr << fmt::format("promptlint: {} rules, database {}\n", rules.rules().size(),
                                 db.loaded_from_cache() ? "loaded from cache" : "compiled");
    }
    const Discovery inputs = discover(args.paths);
    const Scanner scanner(rules.rules(), db, options);
    const ScanReport report = scanner.scan(inputs);

    make_reporter(format, rules.rules(), report_options)->write(report, std::cout);
    std::cout.flush();
    for (const InputError& e : report.errors) {
        std::cerr << fmt::format("promptlint: {}: {}\n", e.path, e.message);
    }
    if (args.verbose) {
        for (const Skip& s : report.stats.skipped) {
            std::cerr << fmt::format("promptlint: skipped {} ({})\n", s.path, s.reason);
        }
    }
    if (!report.errors.empty()) {
        return static_cast<int>(ExitCode::input_error);
    }
    const bool failed = std::any_of(report.findings.begin(), report.findings.end(),
                                    [&](const Finding& f) { return f.severity >= fail_on; });
    return static_cast<int>(failed ? ExitCode::findings : ExitCode::clean);
}

} // namespace

Command add_scan_command(CLI::App& app, RuleOptions& rules) {
    auto args = std::make_shared<ScanArgs>();
    CLI::App* scan = app.add_subcommand("scan", "Scan files, folders or stdin (the default)");
    scan->footer(k_exit_codes);
    scan->add_option("paths", args->paths, "Files and folders to scan; '-' or none: stdin");
    scan->add_option("-f,--format", args->format,
                     "Report format: text, json, sarif, github (Actions annotations), junit")
        ->capture_default_str();
    scan->add_option("--min-severity", args->min_severity,
                     "Report findings at or above: info, low, medium, high, critical")
        ->capture_default_str();
    scan->add_option("--fail-on", args->fail_on, "Exit 1 on findings at or above this severity")
        ->capture_default_str();
    scan->add_option("--min-confidence", args->min_confidence,
                     "Report findings at or above: low, medium, high")
        ->capture_default_str();
    scan->add_option("--color", args->color, "auto, always, never (NO_COLOR is respected)")
        ->capture_default_str();
    scan->add_flag("--show-secrets", args->show_secrets,
                   "Print values in full (they are masked by default)");
    scan->add_option("-j,--threads", args->threads, "Files scanned in parallel (default: cores)");
    scan->add_flag("-v,--verbose", args->verbose, "Say what was skipped and how rules loaded");
    rules.add_to(*scan);
    return {scan, [&rules, args] { return run_scan(rules, *args); }};
}

} // namespace promptlint::cli
