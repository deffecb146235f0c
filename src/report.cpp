#include "promptlint/report.hpp"

#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"
#include "promptlint/version.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <limits>
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
    TextReporter(const std::vector<Rule>& rules, ReportOptions options, std::ostream& out)
        : m_rules(rules), m_options(options), m_out(out) {}

    void add(Finding f) override {
        m_tally.count(f);
        if (!m_recent.empty() && m_recent.back().finding.path != f.path) {
            write_ready(std::numeric_limits<std::uint64_t>::max());
            m_recent.clear();
        }
        // A finding's line is drawn once no later finding can lie on the part of it shown.
        write_ready(f.start_byte);
        m_recent.push_back({std::move(f), false});
        forget_passed();
    }

    void finish(const ScanSummary& scan) override {
        write_ready(std::numeric_limits<std::uint64_t>::max());
        m_recent.clear();
        const bool list_suppressed = m_options.show_suppressed && !m_suppressed.empty();
        if (list_suppressed) {
            m_out << (m_tally.findings == 0 ? "" : "\n") << "Suppressed:\n";
            Headings headings;
            for (const auto& [path, text] : m_suppressed) {
                write_heading(path, headings);
                m_out << text;
            }
        }
        m_out << (m_tally.findings > 0 || list_suppressed ? "\n" : "") << summary(scan) << '\n';
    }

private:
    struct Held {
        Finding finding;
        bool written = false;
    };

    static std::uint64_t snippet_end(const Finding& f) {
        return f.snippet_start + f.snippet.size();
    }

    // Writes, in order, the held findings whose shown line ends before `next_start`.
    void write_ready(std::uint64_t next_start) {
        std::vector<const Finding*> neighbours;
        for (Held& h : m_recent) {
            if (h.written) {
                continue;
            }
            if (snippet_end(h.finding) > next_start) {
                return;
            }
            if (neighbours.empty()) {
                for (const Held& n : m_recent) {
                    neighbours.push_back(&n.finding);
                }
            }
            h.written = true;
            const Finding& f = h.finding;
            if (!f.suppressed_by.empty()) {
                if (m_options.show_suppressed) {
                    m_suppressed.emplace_back(f.path, entry(f, neighbours));
                }
                continue;
            }
            write_heading(f.path, m_headings);
            m_out << entry(f, neighbours);
        }
    }

    // Drops written findings that no later finding's shown line can reach: shown lines start
    // no earlier than the last one held, whose start is the bound.
    void forget_passed() {
        const Finding* first_unwritten = nullptr;
        for (const Held& h : m_recent) {
            if (!h.written) {
                first_unwritten = &h.finding;
                break;
            }
        }
        const std::uint64_t bound =
            (first_unwritten ? *first_unwritten : m_recent.back().finding).snippet_start;
        while (!m_recent.empty() && m_recent.front().written &&
               m_recent.front().finding.end_byte <= bound) {
            m_recent.pop_front();
        }
    }

    // The inputs' paths, each in bold before its first entry, with blank lines between them.
    struct Headings {
        bool any = false;
        std::string last;
    };

    void write_heading(const std::string& path, Headings& headings) {
        if (headings.any && headings.last == path) {
            return;
        }
        if (headings.any) {
            m_out << '\n';
        }
        headings = {true, path};
        m_out << paint(printable(path), "\x1b[1m") << '\n';
    }

    std::string entry(const Finding& f, const std::vector<const Finding*>& neighbours) const {
        const Rule& rule = m_rules[f.rule];
        std::string text = fmt::format(
            "{}:{}:{}  {}  {}  {}{}\n", printable(f.path), f.line, f.column,
            paint(fmt::format("{:<8}", to_string(f.severity)), color_of(f.severity)), rule.id,
            rule.name,
            f.suppressed_by.empty() ? "" : fmt::format("  (suppressed: {})", f.suppressed_by));
        text += snippet(f, neighbours);
        if (m_options.explain) {
            text += explanation(f);
        }
        return text;
    }

    // What the JSON report says in "validators", "context" and "normalized", for people.
    static std::string explanation(const Finding& f) {
        auto list = [](const std::vector<std::string>& items) {
            return items.empty() ? std::string("none") : fmt::format("{}", fmt::join(items, ", "));
        };
        std::string text = fmt::format("    confidence: {}\n", to_string(f.confidence));
        text += fmt::format("    validators passed: {}\n", list(f.validators_passed));
        text += fmt::format("    context words: {}\n", list(f.context_found));
        if (f.normalized) {
            text += "    matched after normalization: the value is written with full-width, "
                    "invisible, look-alike or other Unicode stand-in characters\n";
        }
        return text;
    }

    std::string paint(std::string_view text, std::string_view color) const {
        if (!m_options.color) {
            return std::string(text);
        }
        return fmt::format("{}{}{}", color, text, k_reset);
    }

    // The finding's line with every value on it masked, and carets under this finding's value.
    // `same_path` holds, by start, every finding of the input that may lie on that line.
    std::string snippet(const Finding& f, const std::vector<const Finding*>& same_path) const {
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
        return fmt::format("    {}\n    {}{}\n", shown, std::string(marker_col, ' '),
                           paint(std::string(marker_len, '^'), color_of(f.severity)));
    }

    std::string summary(const ScanSummary& scan) const {
        const auto& s = scan.stats;
        std::string text;
        if (m_tally.findings == 0) {
            text = "No findings";
        } else {
            std::vector<std::string> parts;
            for (int sev = 4; sev >= 0; --sev) {
                if (auto n = m_tally.by_severity[static_cast<std::size_t>(sev)]) {
                    parts.push_back(fmt::format("{} {}", n, to_string(static_cast<Severity>(sev))));
                }
            }
            text = fmt::format("{} ({})", plural(m_tally.findings, "finding", "findings"),
                               fmt::join(parts, ", "));
        }
        text += fmt::format(" in {}, {} scanned", plural(s.files_scanned, "input", "inputs"),
                            plural(s.bytes_scanned, "byte", "bytes"));
        if (m_tally.suppressed > 0) {
            text += fmt::format(", {} suppressed", m_tally.suppressed);
        }
        if (!s.skipped.empty()) {
            text += fmt::format(", {} skipped", s.skipped.size());
        }
        if (!scan.errors.empty()) {
            text += fmt::format(", {} could not be read",
                                plural(scan.errors.size(), "input", "inputs"));
        }
        return text + ".";
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
    std::ostream& m_out;
    Tally m_tally;
    // The current input's findings, by start: those not yet written, and the written ones that
    // may still share a shown line with a later finding (their values are masked there too).
    std::deque<Held> m_recent;
    Headings m_headings;
    // Suppressed findings are listed after the others, drawn when they arrived.
    std::vector<std::pair<std::string, std::string>> m_suppressed;
};

class JsonReporter final : public Reporter {
public:
    JsonReporter(const std::vector<Rule>& rules, ReportOptions options, std::ostream& out)
        : m_rules(rules), m_options(options), m_out(out) {}

    // Each finding is written as it comes, laid out exactly as one dump() of the whole document
    // would lay it out: no tree of every finding is ever held.
    void add(Finding f) override {
        m_tally.count(f);
        if (!f.suppressed_by.empty()) {
            if (m_options.show_suppressed) {
                m_suppressed.push_back(finding_text(f));
            }
            return;
        }
        start();
        m_out << (m_tally.findings == 1 ? "\n    " : ",\n    ") << finding_text(f);
    }

    void finish(const ScanSummary& scan) override {
        start();
        m_out << (m_tally.findings == 0 ? "]" : "\n  ]") << ",\n";
        if (m_options.show_suppressed) {
            m_out << "  \"suppressed\": [";
            for (std::size_t i = 0; i < m_suppressed.size(); ++i) {
                m_out << (i == 0 ? "\n    " : ",\n    ") << m_suppressed[i];
            }
            m_out << (m_suppressed.empty() ? "],\n" : "\n  ],\n");
        }
        ordered_json rest;
        ordered_json errors = ordered_json::array();
        for (const InputError& e : scan.errors) {
            errors.push_back({{"path", e.path}, {"message", e.message}});
        }
        rest["errors"] = std::move(errors);
        ordered_json by_severity;
        for (int sev = 4; sev >= 0; --sev) {
            by_severity[std::string(to_string(static_cast<Severity>(sev)))] =
                m_tally.by_severity[static_cast<std::size_t>(sev)];
        }
        ordered_json skipped = ordered_json::array();
        for (const Skip& s : scan.stats.skipped) {
            skipped.push_back({{"path", s.path}, {"reason", s.reason}});
        }
        rest["stats"] = {{"inputs_scanned", scan.stats.files_scanned},
                         {"bytes_scanned", scan.stats.bytes_scanned},
                         {"findings", m_tally.findings},
                         {"suppressed", m_tally.suppressed},
                         {"by_severity", std::move(by_severity)},
                         {"skipped", std::move(skipped)}};
        // The rest of the document's members, after its opening brace.
        m_out << std::string_view(dump(rest)).substr(2) << '\n';
    }

private:
    // The document up to the opening bracket of "findings", once.
    void start() {
        if (m_started) {
            return;
        }
        m_started = true;
        ordered_json head;
        head["schema_version"] = k_json_schema_version;
        head["tool"] = {{"name", "promptlint"}, {"version", version()}};
        head["findings"] = ordered_json::array();
        const std::string text = dump(head);
        constexpr std::string_view k_findings = "\"findings\": [";
        m_out << std::string_view(text).substr(0, text.rfind(k_findings) + k_findings.size());
    }

    // One finding as dump() lays it out four spaces in, written directly: on a report with many
    // findings, building a JSON tree per finding cost more than confirming them.
    std::string finding_text(const Finding& f) const {
        const Rule& rule = m_rules[f.rule];
        std::string out = "{";
        auto key = [&](std::string_view name) {
            out += "\n      \"";
            out += name;
            out += "\": ";
        };
        auto string_member = [&](std::string_view name, std::string_view value) {
            key(name);
            append_json_string(out, value);
            out += ',';
        };
        auto number_member = [&](std::string_view name, std::uint64_t value) {
            key(name);
            out += fmt::format_int(value).str();
            out += ',';
        };
        auto array_member = [&](std::string_view name, const std::vector<std::string>& values) {
            key(name);
            out += '[';
            for (std::size_t i = 0; i < values.size(); ++i) {
                out += i == 0 ? "\n        " : ",\n        ";
                append_json_string(out, values[i]);
            }
            out += values.empty() ? "]," : "\n      ],";
        };
        string_member("rule_id", rule.id);
        string_member("rule_name", rule.name);
        string_member("category", to_string(rule.category));
        string_member("severity", to_string(f.severity));
        string_member("confidence", to_string(f.confidence));
        string_member("path", f.path);
        number_member("line", f.line);
        number_member("column", f.column);
        number_member("end_line", f.end_line);
        number_member("end_column", f.end_column);
        number_member("start_byte", f.start_byte);
        number_member("end_byte", f.end_byte);
        string_member("preview", preview(f.value, m_options.show_secrets));
        string_member("fingerprint", f.fingerprint);
        array_member("validators", f.validators_passed);
        array_member("context", f.context_found);
        if (f.normalized) {
            key("normalized");
            out += "true,";
        }
        if (!f.suppressed_by.empty()) {
            string_member("suppressed_by", f.suppressed_by);
        }
        out.back() = '\n'; // the last member's comma
        out += "    }";
        return out;
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
    std::ostream& m_out;
    Tally m_tally;
    bool m_started = false;
    std::vector<std::string> m_suppressed; // written last, as finding_text() lays them out
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

void Reporter::write(const ScanReport& report) {
    // Report order: inputs as they first appear, each input's findings by start.
    std::map<std::string_view, std::size_t> rank;
    std::vector<const Finding*> all;
    for (const auto* list : {&report.findings, &report.suppressed}) {
        for (const Finding& f : *list) {
            rank.try_emplace(f.path, rank.size());
            all.push_back(&f);
        }
    }
    std::stable_sort(all.begin(), all.end(), [&](const Finding* a, const Finding* b) {
        const std::size_t ra = rank.at(a->path);
        const std::size_t rb = rank.at(b->path);
        return ra != rb ? ra < rb : a->start_byte < b->start_byte;
    });
    for (const Finding* f : all) {
        add(*f);
    }
    finish(report);
}

std::unique_ptr<Reporter> make_reporter(Format format, const std::vector<Rule>& rules,
                                        ReportOptions options, std::ostream& out) {
    switch (format) {
    case Format::json:
        return std::make_unique<JsonReporter>(rules, options, out);
    case Format::sarif:
        return make_sarif_reporter(rules, options, out);
    case Format::github:
        return make_github_reporter(rules, options, out);
    case Format::junit:
        return make_junit_reporter(rules, options, out);
    case Format::text:
        break;
    }
    return std::make_unique<TextReporter>(rules, options, out);
}

} // namespace promptlint
