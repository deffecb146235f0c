#pragma once
// Private to the report stage: the reporters that CI systems read (SARIF for code scanning,
// GitHub Actions workflow commands, JUnit XML for GitLab and Jenkins). make_reporter() is
// their only caller; they follow the same masking rule as the text and JSON reports.

#include "promptlint/report.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

// What a reporter has been given so far, for its summary line and statistics.
struct Tally {
    std::uint64_t findings = 0;                 // reported
    std::uint64_t suppressed = 0;               // accepted by the user
    std::array<std::uint64_t, 5> by_severity{}; // reported, indexed by Severity

    void count(const Finding& f) {
        if (f.suppressed_by.empty()) {
            ++findings;
            ++by_severity[static_cast<std::size_t>(f.severity)];
        } else {
            ++suppressed;
        }
    }
};

// A JSON value as the reports lay it out (two-space indent); invalid UTF-8 in paths and
// previews is replaced, which beats refusing to report.
std::string dump(const nlohmann::ordered_json& value);
// Appends `text` as a JSON string, escaped byte for byte as dump() escapes it.
void append_json_string(std::string& out, std::string_view text);
// `text` (a dumped value) laid out as dump() would lay it out `indent` spaces further in: the
// JSON and SARIF reports write their findings one at a time into a document's frame.
std::string indented(std::string text, std::size_t indent);

std::unique_ptr<Reporter> make_sarif_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out);
std::unique_ptr<Reporter> make_github_reporter(const std::vector<Rule>& rules,
                                               ReportOptions options, std::ostream& out);
std::unique_ptr<Reporter> make_junit_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out);

} // namespace promptlint
