#pragma once
// The report stage: one Reporter per output format behind one small interface. Reporters read
// the same findings the redactor does; none of them prints a value in full unless the user
// asked for --show-secrets.

#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string_view>

namespace promptlint {

enum class Format : std::uint8_t { text, json, sarif, github, junit };
std::optional<Format> parse_format(std::string_view name) noexcept;

struct ReportOptions {
    bool show_secrets = false;
    bool color = false;
    bool show_suppressed = false; // list suppressed findings too (they are always counted)
    bool explain = false;         // text: say under each finding why it was reported
};

// Findings arrive one at a time in report order (scanner.hpp), reported and suppressed alike.
// Text, JSON and GitHub reports are written as they arrive, so memory does not grow with the
// number of findings; SARIF and JUnit hold them until finish(), because their headers need
// totals. Values on a line are masked however the findings that hold them arrive.
class Reporter : public FindingSink {
public:
    // After the last finding: writes what is left (summary, errors, statistics).
    virtual void finish(const ScanSummary& summary) = 0;
    // A report held in memory, at once: its findings and suppressed findings merged into
    // report order, then finish().
    void write(const ScanReport& report);
};

std::unique_ptr<Reporter> make_reporter(Format format, const std::vector<Rule>& rules,
                                        ReportOptions options, std::ostream& out);

// The JSON report's schema version (docs/json-format.md). Bump on incompatible changes.
inline constexpr int k_json_schema_version = 1;

} // namespace promptlint
