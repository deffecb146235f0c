#pragma once
// Private to the report stage: the reporters that CI systems read (SARIF for code scanning,
// GitHub Actions workflow commands, JUnit XML for GitLab and Jenkins). make_reporter() is
// their only caller; they follow the same masking rule as the text and JSON reports.

#include "promptlint/report.hpp"

#include <memory>
#include <vector>

namespace promptlint {

std::unique_ptr<Reporter> make_sarif_reporter(const std::vector<Rule>& rules,
                                              ReportOptions options);
std::unique_ptr<Reporter> make_github_reporter(const std::vector<Rule>& rules,
                                               ReportOptions options);
std::unique_ptr<Reporter> make_junit_reporter(const std::vector<Rule>& rules,
                                              ReportOptions options);

} // namespace promptlint
