// `promptlint [scan] [PATH…]`: the scan subcommand.
#include "promptlint/git.hpp"
#include "promptlint/report.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/suppress.hpp"

#include <charconv>
#include <chrono>
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
    std::string min_severity;   // empty: the configuration's, else low
    std::string fail_on;        // empty: the configuration's, else medium
    std::string min_confidence; // empty: the configuration's, else low
    std::string color = "auto";
    bool show_secrets = false;
    bool show_suppressed = false;
    bool explain = false;
    bool no_inline_ignore = false;
    std::string baseline;
    bool no_ignore = false;
    std::string max_file_size = "8M";
    bool staged = false;
    std::string diff_rev;
    bool verbose = false;
    unsigned threads = 0;
};

// "8M", "512K", "1G" or plain bytes.
std::uint64_t parse_size(std::string_view text) {
    std::uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
    unsigned shift = 0;
    if (unit == "K" || unit == "k") {
        shift = 10;
    } else if (unit == "M" || unit == "m") {
        shift = 20;
    } else if (unit == "G" || unit == "g") {
        shift = 30;
    } else if (!unit.empty()) {
        ec = std::errc::invalid_argument;
    }
    if (ec != std::errc() || text.empty() || value > (std::uint64_t{1} << (63U - shift))) {
        throw Error(fmt::format("--max-file-size takes bytes, or a number with K, M or G, not "
                                "'{}'",
                                text));
    }
    return value << shift;
}

// Redraws "files done[/total], MB/s" on stderr until stopped, starting only after half
// a second so that quick scans print nothing (PROMPTLINT_PROGRESS_DELAY_MS changes that, for
// tests); clears the line when done.
void show_progress(const std::stop_token& stop, const ScanProgress& progress) {
    using namespace std::chrono;
    const auto start = steady_clock::now();
    double delay = 0.5;
    if (const char* ms = std::getenv("PROMPTLINT_PROGRESS_DELAY_MS")) {
        delay = std::atof(ms) / 1000.0;
    }
    bool shown = false;
    for (; !stop.stop_requested(); std::this_thread::sleep_for(milliseconds(100))) {
        const double seconds = duration<double>(steady_clock::now() - start).count();
        if (seconds < delay) {
            continue;
        }
        const double mb =
            static_cast<double>(progress.bytes_done.load(std::memory_order_relaxed)) / 1e6;
        // The walk runs just ahead of the scan, so the total is known only near the end.
        std::string total;
        if (progress.walk_done.load(std::memory_order_relaxed)) {
            total = fmt::format("/{}", progress.inputs_found.load(std::memory_order_relaxed));
        }
        std::cerr << fmt::format("\r\x1b[2K{}{} files, {:.0f} MB/s",
                                 progress.inputs_done.load(std::memory_order_relaxed), total,
                                 mb / std::max(seconds, 1e-3))
                  << std::flush;
        shown = true;
    }
    if (shown) {
        std::cerr << "\r\x1b[2K" << std::flush;
    }
}

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
    const Config config = rule_opts.load_config();
    ScanOptions options;
    options.min_severity = pick_setting(args.min_severity, parse_severity, "--min-severity",
                                        k_severity_names, config.min_severity, Severity::low)
                               .value;
    const Severity fail_on = pick_setting(args.fail_on, parse_severity, "--fail-on",
                                          k_severity_names, config.fail_on, Severity::medium)
                                 .value;
    options.min_confidence =
        pick_setting(args.min_confidence, parse_confidence, "--min-confidence", k_confidence_names,
                     config.min_confidence, Confidence::low)
            .value;
    if (!config.allowlist->empty()) {
        options.allowlist = config.allowlist.get();
    }
    options.threads =
        args.threads ? args.threads : std::max(1U, std::thread::hardware_concurrency());
    ReportOptions report_options;
    report_options.show_secrets = args.show_secrets;
    report_options.color = format == Format::text && want_color(args.color);
    report_options.show_suppressed = args.show_suppressed;
    report_options.explain = args.explain;
    std::optional<Baseline> baseline;
    if (!args.baseline.empty()) {
        baseline = Baseline::load(args.baseline);
        options.baseline = &*baseline;
    }
    options.inline_suppressions = !args.no_inline_ignore;

    const bool from_git = args.staged || !args.diff_rev.empty();
    if (from_git && !args.paths.empty()) {
        throw Error("--staged and --diff take no paths: they scan what git says changed");
    }
    if (args.staged && !args.diff_rev.empty()) {
        throw Error("use either --staged or --diff, not both");
    }
    if (!from_git && args.paths.empty() && ::isatty(STDIN_FILENO)) {
        throw Error("no input: name files or folders to scan, or pipe text in (e.g. "
                    "`pbpaste | promptlint`)");
    }
    const RuleSet rules = rule_opts.load(config);
    const Database db = rule_opts.compile(rules);
    if (args.verbose && !config.display.empty()) {
        std::cerr << fmt::format("promptlint: configuration {}\n", config.display);
    }
    if (args.verbose) {
        std::cerr << fmt::format("promptlint: {} rules, database {}\n", rules.rules().size(),
                                 db.prebuilt()            ? "built into the binary"
                                 : db.loaded_from_cache() ? "loaded from cache"
                                                          : "compiled");
    }
    const PathFilter filter(config);
    // Git lists its files up front; a walk lists a folder only when it gets there.
    std::optional<InputWalk> inputs;
    bool many_inputs = args.paths.size() > 1;
    if (from_git) {
        Discovery listed;
        listed.items = args.staged ? staged_inputs() : diff_inputs(args.diff_rev);
        if (filter.active()) {
            // git lists files, not folders: each is judged with its folders, as a walk would.
            std::erase_if(listed.items, [&](const InputItem& item) {
                if (!filter.excluded(item.path, false)) {
                    return false;
                }
                listed.skipped.push_back({item.display, "excluded by configuration"});
                return true;
            });
        }
        many_inputs = listed.items.size() > 1;
        inputs.emplace(std::move(listed));
    } else {
        WalkOptions walk{!args.no_ignore, parse_size(args.max_file_size), {}};
        if (filter.active()) {
            walk.excluded = [&filter](const std::filesystem::path& p, bool is_dir) {
                return filter.excluded(p, is_dir);
            };
        }
        for (const std::string& path : args.paths) {
            std::error_code ec;
            many_inputs = many_inputs || std::filesystem::is_directory(path, ec);
        }
        inputs.emplace(args.paths, std::move(walk));
    }
    ScanProgress progress;
    options.progress = &progress;
    const Scanner scanner(rules.rules(), db, options);
    // Findings are written as they are found, so memory does not grow with their number.
    const auto reporter = make_reporter(format, rules.rules(), report_options, std::cout);
    ScanSummary report;
    {
        // A progress line only for people watching a terminal while the report goes elsewhere:
        // never pipes, CI or JSON, and not over a report being written to the same terminal.
        std::jthread display;
        if (format == Format::text && many_inputs && ::isatty(STDERR_FILENO) &&
            !::isatty(STDOUT_FILENO) && !std::getenv("CI")) {
            display =
                std::jthread([&progress](std::stop_token stop) { show_progress(stop, progress); });
        }
        report = scanner.scan(*inputs, *reporter);
    }
    reporter->finish(report);
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
    const auto& counts = report.stats.by_severity;
    const bool failed = std::any_of(counts.begin() + static_cast<std::ptrdiff_t>(fail_on),
                                    counts.end(), [](std::uint64_t n) { return n > 0; });
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
        ->capture_default_str()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    scan->add_option("--min-severity", args->min_severity,
                     "Report findings at or above: info, low, medium, high, critical (default: "
                     "the configuration's, else low)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    scan->add_option("--fail-on", args->fail_on,
                     "Exit 1 on findings at or above this severity (default: the "
                     "configuration's, else medium)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    scan->add_option("--min-confidence", args->min_confidence,
                     "Report findings at or above: low, medium, high (default: the "
                     "configuration's, else low)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    scan->add_option("--color", args->color, "auto, always, never (NO_COLOR is respected)")
        ->capture_default_str();
    scan->add_flag("--show-secrets", args->show_secrets,
                   "Print values in full (they are masked by default)");
    scan->add_option("-j,--threads", args->threads, "Files scanned in parallel (default: cores)");
    scan->add_flag("-v,--verbose", args->verbose, "Say what was skipped and how rules loaded");
    scan->add_option("--baseline", args->baseline,
                     "Report only findings that this baseline file does not list");
    scan->add_flag("--show-suppressed", args->show_suppressed,
                   "Also list findings silenced inline or by the baseline (always counted)");
    scan->add_flag("--explain", args->explain,
                   "Text report: say under each finding which validators passed, which context "
                   "words counted, and whether it matched only after normalization");
    scan->add_flag("--no-ignore", args->no_ignore,
                   "Walk folders without honouring .gitignore and .promptlintignore");
    scan->add_option("--max-file-size", args->max_file_size,
                     "Skip larger files met in a folder walk (named files are always scanned)")
        ->capture_default_str();
    scan->add_flag("--staged", args->staged,
                   "Scan the staged version of every file about to be committed (git)");
    scan->add_option("--diff,--since", args->diff_rev,
                     "Scan only the lines added since this git revision (and untracked files)");
    scan->add_flag("--no-inline-ignore", args->no_inline_ignore,
                   "Ignore promptlint:ignore and the other tools' inline directives");
    rules.add_to(*scan);
    return {scan, [&rules, args] { return run_scan(rules, *args); }};
}

namespace {

struct BaselineArgs {
    std::vector<std::string> paths;
    std::string previous; // an earlier baseline whose reasons are kept
    std::string output;
    std::string min_severity; // empty: the configuration's, else low
};

int run_baseline(const RuleOptions& rule_opts, const BaselineArgs& args) {
    const Config config = rule_opts.load_config();
    ScanOptions options;
    options.min_severity = pick_setting(args.min_severity, parse_severity, "--min-severity",
                                        k_severity_names, config.min_severity, Severity::low)
                               .value;
    options.min_confidence = config.min_confidence.value_or(Setting<Confidence>{}).value;
    if (!config.allowlist->empty()) {
        options.allowlist = config.allowlist.get();
    }
    options.threads = std::max(1U, std::thread::hardware_concurrency());
    std::optional<Baseline> previous;
    if (!args.previous.empty()) {
        previous = Baseline::load(args.previous);
    }
    const RuleSet rules = rule_opts.load(config);
    const Database db = rule_opts.compile(rules);
    const PathFilter filter(config);
    WalkOptions walk;
    if (filter.active()) {
        walk.excluded = [&filter](const std::filesystem::path& p, bool is_dir) {
            return filter.excluded(p, is_dir);
        };
    }
    const ScanReport report = Scanner(rules.rules(), db, options).scan(discover(args.paths, walk));
    for (const InputError& e : report.errors) {
        std::cerr << fmt::format("promptlint: {}: {}\n", e.path, e.message);
    }
    if (!report.errors.empty()) {
        // A baseline missing the findings of an unreadable file would hide them later.
        return static_cast<int>(ExitCode::input_error);
    }
    std::vector<BaselineEntry> entries;
    for (const Finding& f : report.findings) {
        BaselineEntry e{f.fingerprint, rules.rules()[f.rule].id, f.path, {}};
        if (previous) {
            if (const BaselineEntry* old = previous->find(f.fingerprint)) {
                e.reason = old->reason;
            }
        }
        entries.push_back(std::move(e));
    }
    const std::string text = Baseline::from_entries(std::move(entries)).to_json();
    if (args.output.empty()) {
        std::cout << text;
    } else {
        write_file(args.output, text);
    }
    return 0;
}

} // namespace

Command add_baseline_command(CLI::App& app, RuleOptions& rules) {
    auto args = std::make_shared<BaselineArgs>();
    CLI::App* cmd = app.add_subcommand(
        "baseline", "Record the current findings by fingerprint, to accept them (--baseline)");
    cmd->add_option("paths", args->paths, "Files and folders to scan; '-' or none: stdin");
    cmd->add_option("--baseline", args->previous,
                    "An earlier baseline: the reasons of entries still found are kept");
    cmd->add_option("-o,--output", args->output, "Write here instead of stdout");
    cmd->add_option("--min-severity", args->min_severity,
                    "Record findings at or above (default: the configuration's, else low)");
    rules.add_to(*cmd);
    return {cmd, [&rules, args] { return run_baseline(rules, *args); }};
}

} // namespace promptlint::cli
