#include "promptlint/selftest.hpp"

#include "promptlint/mask.hpp"
#include "promptlint/scanner.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace promptlint {

std::vector<ExampleFailure> check_examples(const std::vector<Rule>& rules, const Database& db) {
    ScanOptions options;
    options.min_severity = Severity::info;
    options.min_confidence = Confidence::low;
    const Scanner scanner(rules, db, options);
    std::vector<ExampleFailure> failures;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const Rule& rule = rules[r];
        const std::string where = fmt::format("{}:{}", rule.source, rule.line);
        auto fail = [&](std::string problem) {
            failures.push_back({rule.id, where, std::move(problem)});
        };
        for (std::size_t i = 0; i < rule.examples.size(); ++i) {
            const Example& ex = rule.examples[i];
            ScanReport report = scanner.scan_text(ex.text, "example");
            std::vector<std::string> values;
            std::vector<std::string> others;
            for (const Finding& f : report.findings) {
                (f.rule == r ? values : others).push_back(f.value);
                if (f.rule != r) {
                    others.back() = rules[f.rule].id;
                }
            }
            if (values.empty()) {
                fail(fmt::format("example {} is not reported{}", i + 1,
                                 others.empty() ? std::string()
                                                : fmt::format(" (reported instead by: {})",
                                                              fmt::join(others, ", "))));
            } else if (ex.secret &&
                       std::find(values.begin(), values.end(), *ex.secret) == values.end()) {
                fail(fmt::format("example {} reports '{}', not the declared secret '{}'", i + 1,
                                 mask_value(values.front()), mask_value(*ex.secret)));
            }
        }
        for (std::size_t i = 0; i < rule.negative_examples.size(); ++i) {
            ScanReport report = scanner.scan_text(rule.negative_examples[i], "example");
            for (const Finding& f : report.findings) {
                if (f.rule == r) {
                    fail(fmt::format("negative example {} is reported ('{}')", i + 1,
                                     mask_value(f.value)));
                    break;
                }
            }
        }
    }
    return failures;
}

} // namespace promptlint
