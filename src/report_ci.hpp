#pragma once
// Private to the report stage: the reporters that CI systems read (SARIF for code scanning,
// GitHub Actions workflow commands, JUnit XML for GitLab and Jenkins). make_reporter() is
// their only caller; they follow the same masking rule as the text and JSON reports.

#include "promptlint/report.hpp"

#include <array>
#include <cstdint>
#include <memory>
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

std::unique_ptr<Reporter> make_sarif_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out);
std::unique_ptr<Reporter> make_github_reporter(const std::vector<Rule>& rules,
                                               ReportOptions options, std::ostream& out);
std::unique_ptr<Reporter> make_junit_reporter(const std::vector<Rule>& rules, ReportOptions options,
                                              std::ostream& out);

} // namespace promptlint
