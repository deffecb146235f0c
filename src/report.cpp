#include "promptlint/report.hpp"

#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"
#include "promptlint/version.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "report_ci.hpp"

namespace promptlint {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view k_reset = "\x1b[0m";

std::string_view color_of(Severity s) {
    switch (s) {
    case Severity::critical:
        return "\x1b[1;31m";
    case Severity::high:
        return "\x1b[31m";
    case Severity::medium:
        return "\x1b[33m";
    case Severity::low:
        return "\x1b[36m";
    case Severity::info:
        return "\x1b[2m";
    }
    return "";
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

class TextReporter final : public Reporter {
public:
    TextReporter(const std::vector<Rule>& rules, ReportOptions options)
        : m_rules(rules), m_options(options) {}

    void write(const ScanReport& report, std::ostream& out) const override {
        // Every value on a shown line is masked, suppressed ones too: they are still secrets.
        std::map<std::string_view, std::vector<const Finding*>> by_path;
        for (const auto* list : {&report.findings, &report.suppressed}) {
            for (const Finding& f : *list) {
                by_path[f.path].push_back(&f);
            }
        }
        for (auto& [path, list] : by_path) {
            std::sort(list.begin(), list.end(), [](const Finding* a, const Finding* b) {
                return a->start_byte < b->start_byte;
            });
        }
        write_list(report.findings, by_path, out);
        if (m_options.show_suppressed && !report.suppressed.empty()) {
            out << (report.findings.empty() ? "" : "\n") << "Suppressed:\n";
            write_list(report.suppressed, by_path, out);
        }
        const bool listed =
            !report.findings.empty() || (m_options.show_suppressed && !report.suppressed.empty());
        out << (listed ? "\n" : "") << summary(report) << '\n';
    }

private:
    using ByPath = std::map<std::string_view, std::vector<const Finding*>>;

    void write_list(const std::vector<Finding>& list, const ByPath& by_path,
                    std::ostream& out) const {
        const std::string* current = nullptr;
        for (const Finding& f : list) {
            if (!current || *current != f.path) {
                if (current) {
                    out << '\n';
                }
                current = &f.path;
                out << paint(printable(f.path), "\x1b[1m") << '\n';
            }
            const Rule& rule = m_rules[f.rule];
            out << fmt::format(
                "{}:{}:{}  {}  {}  {}{}\n", printable(f.path), f.line, f.column,
                paint(fmt::format("{:<8}", to_string(f.severity)), color_of(f.severity)), rule.id,
                rule.name,
                f.suppressed_by.empty() ? "" : fmt::format("  (suppressed: {})", f.suppressed_by));
            write_snippet(f, by_path.at(f.path), out);
            if (m_options.explain) {
                write_explanation(f, out);
            }
        }
    }

    // What the JSON report says in "validators", "context" and "normalized", for people.
    static void write_explanation(const Finding& f, std::ostream& out) {
        auto list = [](const std::vector<std::string>& items) {
            return items.empty() ? std::string("none") : fmt::format("{}", fmt::join(items, ", "));
        };
        out << fmt::format("    confidence: {}\n", to_string(f.confidence));
        out << fmt::format("    validators passed: {}\n", list(f.validators_passed));
        out << fmt::format("    context words: {}\n", list(f.context_found));
        if (f.normalized) {
            out << "    matched after normalization: the value is written with full-width, "
                   "invisible, look-alike or other Unicode stand-in characters\n";
        }
    }

    std::string paint(std::string_view text, std::string_view color) const {
        if (!m_options.color) {
            return std::string(text);
        }
        return fmt::format("{}{}{}", color, text, k_reset);
    }

    // The finding's line with every value on it masked, and carets under this finding's value.
    void write_snippet(const Finding& f, const std::vector<const Finding*>& same_path,
                       std::ostream& out) const {
        const std::string_view snip = f.snippet;
        const std::uint64_t snip_end = f.snippet_start + snip.size();
        std::string shown;
        std::size_t marker_col = 0;
        std::size_t marker_len = 0;
        std::size_t pos = 0; // bytes of the snippet consumed
        for (const Finding* g : same_path) {
            if (g->end_byte <= f.snippet_start + pos || g->start_byte >= snip_end) {
                continue;
            }
            const std::size_t from = static_cast<std::size_t>(
                std::max(g->start_byte, f.snippet_start + pos) - f.snippet_start);
            const std::size_t to =
                static_cast<std::size_t>(std::min(g->end_byte, snip_end) - f.snippet_start);
            shown += printable(snip.substr(pos, from - pos));
            std::string_view part = snip.substr(from, to - from);
            const std::size_t cut = part.find('\n');
            std::string masked;
            if (m_options.show_secrets) {
                masked = printable(part.substr(0, cut));
            } else if (g->start_byte >= f.snippet_start && g->end_byte <= snip_end &&
                       cut == std::string_view::npos) {
                masked = mask_value(part);
            } else {
                masked = std::string(utf8_length(part.substr(0, cut)), '*');
            }
            if (g == &f) {
                marker_col = utf8_length(shown);
                marker_len = std::max<std::size_t>(1, utf8_length(masked));
            }
            shown += masked;
            pos = to;
            if (cut != std::string_view::npos) {
                pos = snip.size(); // a value running over the line end: the rest is the value
            }
        }
        if (pos < snip.size()) {
            shown += printable(snip.substr(pos));
        }
        out << "    " << shown << '\n';
        out << "    " << std::string(marker_col, ' ')
            << paint(std::string(marker_len, '^'), color_of(f.severity)) << '\n';
    }

    std::string summary(const ScanReport& report) const {
        const auto& s = report.stats;
        std::string text;
        if (report.findings.empty()) {
            text = "No findings";
        } else {
            std::vector<std::string> parts;
            for (int sev = 4; sev >= 0; --sev) {
                if (auto n = s.by_severity[static_cast<std::size_t>(sev)]) {
                    parts.push_back(fmt::format("{} {}", n, to_string(static_cast<Severity>(sev))));
                }
            }
            text = fmt::format("{} ({})", plural(report.findings.size(), "finding", "findings"),
                               fmt::join(parts, ", "));
        }
        text += fmt::format(" in {}, {} scanned", plural(s.files_scanned, "input", "inputs"),
                            plural(s.bytes_scanned, "byte", "bytes"));
        if (!report.suppressed.empty()) {
            text += fmt::format(", {} suppressed", report.suppressed.size());
        }
        if (!s.skipped.empty()) {
            text += fmt::format(", {} skipped", s.skipped.size());
        }
        if (!report.errors.empty()) {
            text += fmt::format(", {} could not be read",
                                plural(report.errors.size(), "input", "inputs"));
        }
        return text + ".";
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
};

class JsonReporter final : public Reporter {
public:
    JsonReporter(const std::vector<Rule>& rules, ReportOptions options)
        : m_rules(rules), m_options(options) {}

    void write(const ScanReport& report, std::ostream& out) const override {
        ordered_json doc;
        doc["schema_version"] = k_json_schema_version;
        doc["tool"] = {{"name", "promptlint"}, {"version", version()}};
        doc["findings"] = findings_json(report.findings);
        if (m_options.show_suppressed) {
            doc["suppressed"] = findings_json(report.suppressed);
        }
        ordered_json errors = ordered_json::array();
        for (const InputError& e : report.errors) {
            errors.push_back({{"path", e.path}, {"message", e.message}});
        }
        doc["errors"] = std::move(errors);
        ordered_json by_severity;
        for (int sev = 4; sev >= 0; --sev) {
            by_severity[std::string(to_string(static_cast<Severity>(sev)))] =
                report.stats.by_severity[static_cast<std::size_t>(sev)];
        }
        ordered_json skipped = ordered_json::array();
        for (const Skip& s : report.stats.skipped) {
            skipped.push_back({{"path", s.path}, {"reason", s.reason}});
        }
        doc["stats"] = {{"inputs_scanned", report.stats.files_scanned},
                        {"bytes_scanned", report.stats.bytes_scanned},
                        {"findings", report.findings.size()},
                        {"suppressed", report.suppressed.size()},
                        {"by_severity", std::move(by_severity)},
                        {"skipped", std::move(skipped)}};
        // Paths and previews can hold invalid UTF-8; replacing beats refusing to report.
        out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    }

private:
    ordered_json findings_json(const std::vector<Finding>& list) const {
        ordered_json findings = ordered_json::array();
        for (const Finding& f : list) {
            const Rule& rule = m_rules[f.rule];
            ordered_json j;
            j["rule_id"] = rule.id;
            j["rule_name"] = rule.name;
            j["category"] = to_string(rule.category);
            j["severity"] = to_string(f.severity);
            j["confidence"] = to_string(f.confidence);
            j["path"] = f.path;
            j["line"] = f.line;
            j["column"] = f.column;
            j["end_line"] = f.end_line;
            j["end_column"] = f.end_column;
            j["start_byte"] = f.start_byte;
            j["end_byte"] = f.end_byte;
            j["preview"] = preview(f.value, m_options.show_secrets);
            j["fingerprint"] = f.fingerprint;
            j["validators"] = f.validators_passed;
            j["context"] = f.context_found;
            if (f.normalized) {
                j["normalized"] = true;
            }
            if (!f.suppressed_by.empty()) {
                j["suppressed_by"] = f.suppressed_by;
            }
            findings.push_back(std::move(j));
        }
        return findings;
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
};

} // namespace

std::optional<Format> parse_format(std::string_view name) noexcept {
    if (name == "text") {
        return Format::text;
    }
    if (name == "json") {
        return Format::json;
    }
    if (name == "sarif") {
        return Format::sarif;
    }
    if (name == "github") {
        return Format::github;
    }
    if (name == "junit") {
        return Format::junit;
    }
    return std::nullopt;
}

std::unique_ptr<Reporter> make_reporter(Format format, const std::vector<Rule>& rules,
                                        ReportOptions options) {
    switch (format) {
    case Format::json:
        return std::make_unique<JsonReporter>(rules, options);
    case Format::sarif:
        return make_sarif_reporter(rules, options);
    case Format::github:
        return make_github_reporter(rules, options);
    case Format::junit:
        return make_junit_reporter(rules, options);
    case Format::text:
        break;
    }
    return std::make_unique<TextReporter>(rules, options);
}

} // namespace promptlint
