#include "report_ci.hpp"

#include "promptlint/mask.hpp"
#include "promptlint/text.hpp"
#include "promptlint/version.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {
namespace {

using ordered_json = nlohmann::ordered_json;

// Where SARIF consumers link the tool's name to. The project has no public home yet: this is
// the one place to change when it does.
constexpr std::string_view k_information_uri = "https://promptlint.example/";
constexpr std::string_view k_sarif_schema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
// The key GitHub code scanning reads to follow a finding across commits; versioned so that a
// future change of the fingerprint scheme does not silently re-open every alert.
constexpr std::string_view k_fingerprint_key = "promptlintFingerprint/v1";
constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

// `text` as well-formed UTF-8 that XML 1.0 also accepts: each byte that does not start a
// well-formed sequence (and the non-characters U+FFFE, U+FFFF) becomes U+FFFD. Paths and
// values come from arbitrary files; replacing beats refusing to report.
std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80U) {
            out.push_back(text[i]);
            ++i;
            continue;
        }
        const Utf8Char c = utf8_char_at(text, i);
        if (c.cp != k_invalid_char && c.cp != 0xFFFEU && c.cp != 0xFFFFU) {
            out.append(text.substr(i, c.len));
            i += c.len;
        } else {
            out.append(k_replacement);
            ++i;
        }
    }
    return out;
}

// Scanned text made safe for a log or a report: no control characters, valid UTF-8.
std::string clean(std::string_view text) {
    return valid_utf8(printable(text));
}

// What every CI format shows of a value: the masked preview, or the value with --show-secrets.
std::string shown_value(const Finding& f, ReportOptions options) {
    return clean(preview(f.value, options.show_secrets));
}

// The path as CI systems name the input; stdin has no path.
std::string display_path(std::string_view path) {
    return path == "-" ? std::string("stdin") : clean(path);
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "5 findings (1 critical, 3 high, 1 medium) in 2 inputs, 1 input could not be read."
std::string summary(const Tally& tally, const ScanSummary& scan) {
    std::vector<std::string> parts;
    for (int sev = 4; sev >= 0; --sev) {
        if (auto n = tally.by_severity[static_cast<std::size_t>(sev)]) {
            parts.push_back(fmt::format("{} {}", n, to_string(static_cast<Severity>(sev))));
        }
    }
    std::string text = tally.findings == 0
                           ? std::string("No findings")
                           : fmt::format("{} ({})", plural(tally.findings, "finding", "findings"),
                                         fmt::join(parts, ", "));
    text += fmt::format(" in {}", plural(scan.stats.files_scanned, "input", "inputs"));
    if (tally.suppressed > 0) {
        text += fmt::format(", {} suppressed", tally.suppressed);
    }
    if (!scan.stats.skipped.empty()) {
        text += fmt::format(", {} skipped", scan.stats.skipped.size());
    }
    if (!scan.errors.empty()) {
        text +=
            fmt::format(", {} could not be read", plural(scan.errors.size(), "input", "inputs"));
    }
    return text + ".";
}

// SARIF and JUnit put totals before the findings: they are written once every finding is in.
class WholeReportWriter {
public:
    virtual ~WholeReportWriter() = default;
    virtual void write(const ScanReport& report, std::ostream& out) const = 0;
};

class Buffered final : public Reporter {
public:
    Buffered(std::unique_ptr<WholeReportWriter> writer, std::ostream& out)
        : m_writer(std::move(writer)), m_out(out) {}

    void add(Finding f) override {
        (f.suppressed_by.empty() ? m_report.findings : m_report.suppressed).push_back(std::move(f));
    }

    void finish(const ScanSummary& summary) override {
        static_cast<ScanSummary&>(m_report) = summary;
        m_writer->write(m_report, m_out);
    }

private:
    std::unique_ptr<WholeReportWriter> m_writer;
    std::ostream& m_out;
    ScanReport m_report;
};

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

std::string_view sarif_level(Severity s) {
    switch (s) {
    case Severity::critical:
    case Severity::high:
        return "error";
    case Severity::medium:
        return "warning";
    case Severity::low:
    case Severity::info:
        break;
    }
    return "note";
}

// GitHub code scanning ranks security alerts by this score (critical >= 9.0, high >= 7.0,
// medium >= 4.0, low > 0); "info" findings get no security severity.
std::string_view security_severity(Severity s) {
    switch (s) {
    case Severity::critical:
        return "9.5";
    case Severity::high:
        return "8.0";
    case Severity::medium:
        return "5.5";
    case Severity::low:
        return "2.0";
    case Severity::info:
        break;
    }
    return "";
}

// SARIF asks for a PascalCase rule name ("AWS access key ID" -> "AWSAccessKeyID"); the human
// name stays in shortDescription.
std::string pascal_case(std::string_view name) {
    std::string out;
    bool word_start = true;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        const bool word = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                          (u >= '0' && u <= '9') || u >= 0x80U;
        if (!word) {
            word_start = true;
            continue;
        }
        out.push_back(word_start && u >= 'a' && u <= 'z' ? static_cast<char>(u - 'a' + 'A') : c);
        word_start = false;
    }
    return out.empty() ? std::string("Rule") : out;
}

bool unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

// A path as a URI reference: relative paths stay relative (code scanning resolves them
// against the checkout), absolute ones become file: URIs, everything outside the unreserved
// set is percent-encoded (so spaces, '%', '#', ':' and invalid UTF-8 cannot break it).
std::string artifact_uri(std::string_view path) {
    if (path == "-") {
        return "stdin";
    }
    while (path.starts_with("./")) {
        path.remove_prefix(2);
    }
    std::string out = path.starts_with('/') ? "file://" : "";
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (unreserved(u)) {
            out.push_back(c);
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned>(u));
        }
    }
    return out;
}

ordered_json artifact_location(std::string_view path) {
    ordered_json location{{"uri", artifact_uri(path)}};
    if (path != "-" && !path.starts_with('/')) {
        location["uriBaseId"] = "%SRCROOT%";
    }
    return location;
}

class SarifReporter final : public WholeReportWriter {
public:
    SarifReporter(const std::vector<Rule>& rules, ReportOptions options)
        : m_rules(rules), m_options(options) {}

    void write(const ScanReport& report, std::ostream& out) const override {
        ordered_json rules = ordered_json::array();
        for (const Rule& rule : m_rules) {
            rules.push_back(rule_descriptor(rule));
        }
        ordered_json driver;
        driver["name"] = "promptlint";
        driver["version"] = version();
        driver["semanticVersion"] = version();
        driver["informationUri"] = k_information_uri;
        driver["rules"] = std::move(rules);

        ordered_json invocation;
        invocation["executionSuccessful"] = report.errors.empty();
        if (!report.errors.empty()) {
            ordered_json notes = ordered_json::array();
            for (const InputError& e : report.errors) {
                notes.push_back(
                    {{"level", "error"},
                     {"message",
                      {{"text", fmt::format("{}: {}", display_path(e.path), e.message)}}},
                     {"locations",
                      {{{"physicalLocation", {{"artifactLocation", artifact_location(e.path)}}}}}},
                     {"descriptor", {{"id", "input-error"}}}});
            }
            invocation["toolExecutionNotifications"] = std::move(notes);
        }

        ordered_json run;
        run["tool"] = {{"driver", std::move(driver)}};
        run["invocations"] = ordered_json::array({std::move(invocation)});
        // Our columns count code points, not SARIF's default UTF-16 code units.
        run["columnKind"] = "unicodeCodePoints";
        run["results"] = ordered_json::array(); // streamed in below
        run["properties"] = {{"inputsScanned", report.stats.files_scanned},
                             {"bytesScanned", report.stats.bytes_scanned},
                             {"inputsSkipped", report.stats.skipped.size()},
                             {"findingsSuppressed", report.suppressed.size()}};

        ordered_json doc;
        doc["$schema"] = k_sarif_schema;
        doc["version"] = "2.1.0";
        doc["runs"] = ordered_json::array({std::move(run)});
        const std::string frame = dump(doc);
        // Results are written one at a time, laid out exactly as dump() would lay them out
        // inside the frame: a scan with 100 000 findings does not hold a second copy of them
        // as a JSON tree. Inside strings the quotes would be escaped, so the key is unique.
        constexpr std::string_view k_results = "\"results\": []";
        const std::size_t at = frame.find(k_results);
        const std::size_t line = frame.rfind('\n', at) + 1;
        const std::size_t indent = at - line + 2;
        out << std::string_view(frame).substr(0, at) << "\"results\": [";
        std::vector<const Finding*> listed;
        for (const Finding& f : report.findings) {
            listed.push_back(&f);
        }
        if (m_options.show_suppressed) {
            for (const Finding& f : report.suppressed) {
                listed.push_back(&f);
            }
        }
        for (std::size_t i = 0; i < listed.size(); ++i) {
            out << (i == 0 ? "\n" : ",\n") << std::string(indent, ' ')
                << indented(dump(result(*listed[i])), indent);
        }
        if (!listed.empty()) {
            out << "\n" << std::string(at - line, ' ');
        }
        out << "]" << std::string_view(frame).substr(at + k_results.size()) << '\n';
    }

private:
    ordered_json rule_descriptor(const Rule& rule) const {
        const std::string description = rule.description.empty() ? rule.name : rule.description;
        std::string help_text = description;
        std::string help_markdown = description;
        if (!rule.remediation.empty()) {
            help_text += "\n\nRemediation: " + rule.remediation;
            help_markdown += "\n\n**Remediation:** " + rule.remediation;
        }
        if (!rule.references.empty()) {
            help_text += "\n\nReferences:";
            help_markdown += "\n\n**References:**\n";
            for (const std::string& ref : rule.references) {
                help_text += "\n- " + ref;
                help_markdown += "\n- <" + ref + ">";
            }
        }
        ordered_json d;
        d["id"] = rule.id;
        d["name"] = pascal_case(rule.name);
        d["shortDescription"] = {{"text", rule.name}};
        d["fullDescription"] = {{"text", description}};
        d["help"] = {{"text", help_text}, {"markdown", help_markdown}};
        for (const std::string& ref : rule.references) {
            if (ref.starts_with("https://") || ref.starts_with("http://")) {
                d["helpUri"] = ref;
                break;
            }
        }
        d["defaultConfiguration"] = {{"level", sarif_level(rule.severity)}};
        ordered_json properties;
        properties["category"] = to_string(rule.category);
        properties["severity"] = to_string(rule.severity);
        properties["confidence"] = to_string(rule.confidence);
        properties["tags"] = {"security", to_string(rule.category)};
        properties["precision"] = to_string(rule.confidence);
        if (const auto score = security_severity(rule.severity); !score.empty()) {
            properties["security-severity"] = score;
        }
        d["properties"] = std::move(properties);
        return d;
    }

    ordered_json result(const Finding& f) const {
        const Rule& rule = m_rules[f.rule];
        ordered_json r;
        r["ruleId"] = rule.id;
        r["ruleIndex"] = f.rule;
        r["level"] = sarif_level(f.severity);
        // JSON escaping makes any value safe here, so --show-secrets shows it unaltered.
        r["message"] = {{"text", fmt::format("{}: {} ({} severity, {} confidence)", rule.name,
                                             preview(f.value, m_options.show_secrets),
                                             to_string(f.severity), to_string(f.confidence))}};
        ordered_json region;
        region["startLine"] = f.line;
        region["startColumn"] = f.column;
        region["endLine"] = f.end_line;
        region["endColumn"] = f.end_column;
        r["locations"] = ordered_json::array(
            {{{"physicalLocation",
               {{"artifactLocation", artifact_location(f.path)}, {"region", std::move(region)}}}}});
        r["partialFingerprints"] = {{k_fingerprint_key, f.fingerprint}};
        r["properties"] = {{"category", to_string(rule.category)},
                           {"severity", to_string(f.severity)},
                           {"confidence", to_string(f.confidence)},
                           {"validators", f.validators_passed},
                           {"context", f.context_found}};
        if (!f.suppressed_by.empty()) {
            // SARIF's own vocabulary: inline directives are in source, a baseline is external.
            r["suppressions"] = ordered_json::array(
                {{{"kind", f.suppressed_by == "baseline" ? "external" : "inSource"},
                  {"justification", f.suppressed_by}}});
        }
        return r;
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
};

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflow commands

std::string_view github_command(Severity s) {
    switch (s) {
    case Severity::critical:
    case Severity::high:
        return "error";
    case Severity::medium:
        return "warning";
    case Severity::low:
    case Severity::info:
        break;
    }
    return "notice";
}

// The runner decodes these escapes in a command's message: anything else passes through, and
// a raw newline would end the command (and let the rest of the line be read as a new one).
std::string escape_data(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

// Property values also end at ',' and ':'.
std::string escape_property(std::string_view text) {
    std::string out;
    for (char c : escape_data(text)) {
        if (c == ':') {
            out += "%3A";
        } else if (c == ',') {
            out += "%2C";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

class GithubReporter final : public Reporter {
public:
    GithubReporter(const std::vector<Rule>& rules, ReportOptions options, std::ostream& out)
        : m_rules(rules), m_options(options), m_out(out) {}

    void add(Finding f) override {
        m_tally.count(f);
        if (!f.suppressed_by.empty()) {
            return;
        }
        const Rule& rule = m_rules[f.rule];
        std::vector<std::string> properties;
        if (f.path != "-") {
            properties.push_back("file=" + escape_property(clean(f.path)));
            properties.push_back(fmt::format("line={}", f.line));
            // Annotations take columns only when they start and end on the same line.
            if (f.end_line == f.line) {
                properties.push_back(fmt::format("col={}", f.column));
            }
            properties.push_back(fmt::format("endLine={}", f.end_line));
            if (f.end_line == f.line) {
                properties.push_back(fmt::format("endColumn={}", f.end_column));
            }
        }
        properties.push_back("title=" + escape_property(clean(rule.id)));
        // The log shows only the message, so it carries the location too.
        const std::string message =
            fmt::format("{}:{}:{}: {}: {} ({} severity, {} confidence)", display_path(f.path),
                        f.line, f.column, clean(rule.name), shown_value(f, m_options),
                        to_string(f.severity), to_string(f.confidence));
        m_out << fmt::format("::{} {}::{}\n", github_command(f.severity),
                             fmt::join(properties, ","), escape_data(message));
    }

    void finish(const ScanSummary& scan) override {
        for (const InputError& e : scan.errors) {
            m_out << fmt::format(
                "::error title={}::{}\n", escape_property("promptlint: input not read"),
                escape_data(fmt::format("{}: {}", display_path(e.path), clean(e.message))));
        }
        m_out << "promptlint: " << summary(m_tally, scan) << '\n';
    }

private:
    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
    std::ostream& m_out;
    Tally m_tally;
};

// ---------------------------------------------------------------------------------------------
// JUnit XML

// `text` for an XML 1.0 attribute value or element content. In attributes, line breaks and tabs
// are written as character references, or a parser would normalise them to spaces.
std::string xml_escape(std::string_view text, bool attribute = true) {
    std::string out;
    for (char c : valid_utf8(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\n':
            out += attribute ? "&#10;" : "\n";
            break;
        case '\t':
            out += attribute ? "&#9;" : "\t";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            // XML 1.0 has no way to write the other C0 controls, not even escaped.
            out.push_back(static_cast<unsigned char>(c) < 0x20U ? '?' : c);
        }
    }
    return out;
}

class JunitReporter final : public WholeReportWriter {
public:
    JunitReporter(const std::vector<Rule>& rules, ReportOptions options)
        : m_rules(rules), m_options(options) {}

    void write(const ScanReport& report, std::ostream& out) const override {
        // One suite per input with findings, one test case per (input, rule): their names stay
        // the same from run to run, so GitLab and Jenkins can tell new failures from old ones.
        struct Case {
            std::size_t rule = 0;
            std::vector<const Finding*> findings;
        };
        struct Suite {
            std::string path;
            std::vector<Case> cases;
        };
        std::vector<Suite> suites;
        std::map<std::string, std::size_t, std::less<>> suite_of;
        for (const Finding& f : report.findings) {
            auto [it, added] = suite_of.try_emplace(f.path, suites.size());
            if (added) {
                suites.push_back({f.path, {}});
            }
            std::vector<Case>& cases = suites[it->second].cases;
            auto c = std::find_if(cases.begin(), cases.end(),
                                  [&](const Case& k) { return k.rule == f.rule; });
            if (c == cases.end()) {
                cases.push_back({f.rule, {}});
                c = std::prev(cases.end());
            }
            c->findings.push_back(&f);
        }
        std::size_t failures = 0;
        for (const Suite& s : suites) {
            failures += s.cases.size();
        }
        const std::uint64_t clean_inputs = report.stats.files_scanned > suites.size()
                                               ? report.stats.files_scanned - suites.size()
                                               : 0;
        const std::size_t tests = failures + report.errors.size() + (clean_inputs > 0 ? 1 : 0);

        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out << fmt::format("<testsuites name=\"promptlint\" tests=\"{}\" failures=\"{}\" "
                           "errors=\"{}\">\n",
                           tests, failures, report.errors.size());
        for (const Suite& s : suites) {
            write_suite(s.path, s.cases.size(), s.cases.size(), 0, out);
            for (const Case& c : s.cases) {
                write_case(s.path, c.rule, c.findings, out);
            }
            out << "  </testsuite>\n";
        }
        for (const InputError& e : report.errors) {
            write_suite(e.path, 1, 0, 1, out);
            out << fmt::format("    <testcase name=\"read\" classname=\"{}\">\n",
                               xml_escape(display_path(e.path)));
            out << fmt::format("      <error type=\"input-error\" message=\"{}\"/>\n",
                               xml_escape(fmt::format("{}: {}", display_path(e.path), e.message)));
            out << "    </testcase>\n  </testsuite>\n";
        }
        // The inputs without findings pass together: the report does not name them one by one.
        if (clean_inputs > 0) {
            out << "  <testsuite name=\"promptlint\" tests=\"1\" failures=\"0\" errors=\"0\" "
                   "skipped=\"0\">\n";
            out << "    <testcase name=\"inputs without findings\" classname=\"promptlint\">\n";
            out << fmt::format("      <system-out>{} scanned without findings</system-out>\n",
                               plural(clean_inputs, "input", "inputs"));
            out << "    </testcase>\n  </testsuite>\n";
        }
        out << "</testsuites>\n";
    }

private:
    static void write_suite(std::string_view path, std::size_t tests, std::size_t failures,
                            std::size_t errors, std::ostream& out) {
        out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
                           "skipped=\"0\">\n",
                           xml_escape(display_path(path)), tests, failures, errors);
    }

    void write_case(std::string_view path, std::size_t rule_index,
                    const std::vector<const Finding*>& findings, std::ostream& out) const {
        const Rule& rule = m_rules[rule_index];
        const std::string name = display_path(path);
        Severity worst = Severity::info;
        std::string body;
        for (const Finding* f : findings) {
            worst = std::max(worst, f->severity);
            body += fmt::format("{}{}:{}:{}  {}  {} confidence  {}", body.empty() ? "" : "\n", name,
                                f->line, f->column, to_string(f->severity),
                                to_string(f->confidence), shown_value(*f, m_options));
        }
        std::string file_attribute;
        if (path != "-") {
            file_attribute = fmt::format(" file=\"{}\"", xml_escape(name));
        }
        out << fmt::format("    <testcase name=\"{}\" classname=\"{}\"{}>\n", xml_escape(rule.id),
                           xml_escape(name), file_attribute);
        out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                           to_string(worst),
                           xml_escape(fmt::format("{}: {} ({} severity)", rule.name,
                                                  plural(findings.size(), "finding", "findings"),
                                                  to_string(worst))),
                           xml_escape(body, false));
        out << "    </testcase>\n";
    }

    const std::vector<Rule>& m_rules;
    ReportOptions m_options;
};

} // namespace

std::string dump(const ordered_json& value) {
    return value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

void append_json_string(std::string& out, std::string_view text) {
    // Printable ASCII other than the quote and the backslash is written as it is; anything else
    // (control characters, UTF-8, invalid bytes to replace) goes through the library's escaping.
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
    if (plain) {
        out += '"';
        out += text;
        out += '"';
    } else {
        out += nlohmann::ordered_json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
}

std::string indented(std::string text, std::size_t indent) {
    std::string newline(indent + 1, ' ');
    newline.front() = '\n';
    for (std::size_t nl = text.find('\n'); nl != std::string::npos;
         nl = text.find('\n', nl + newline.size())) {
        text.replace(nl, 1, newline);
    }
    return text;
}

std::unique_ptr<Reporter> make_sarif_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out) {
    return std::make_unique<Buffered>(std::make_unique<SarifReporter>(rules, options), out);
}

std::unique_ptr<Reporter> make_github_reporter(const std::vector<Rule>& rules,
                                               ReportOptions options, std::ostream& out) {
    return std::make_unique<GithubReporter>(rules, options, out);
}

std::unique_ptr<Reporter> make_junit_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out) {
    return std::make_unique<Buffered>(std::make_unique<JunitReporter>(rules, options), out);
}

} // namespace promptlint
