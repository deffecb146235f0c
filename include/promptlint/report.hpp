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

class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void write(const ScanReport& report, std::ostream& out) const = 0;
};

std::unique_ptr<Reporter> make_reporter(Format format, const std::vector<Rule>& rules,
                                        ReportOptions options);

// The JSON report's schema version (docs/json-format.md). Bump on incompatible changes.
inline constexpr int k_json_schema_version = 1;

} // namespace promptlint
