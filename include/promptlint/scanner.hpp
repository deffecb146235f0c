#pragma once
// Drives the pipeline for a set of inputs: each input's windows go through match (engine) and
// confirm, findings are placed (line, column, snippet), fingerprinted and filtered by severity
// and confidence. Files are spread over worker threads; the report's order never depends on
// how many there are.

#include "promptlint/confirm.hpp"
#include "promptlint/engine.hpp"
#include "promptlint/input.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/suppress.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace promptlint {

class Allowlist; // config.hpp

struct Finding {
    std::size_t rule = 0; // index into the RuleSet
    std::string path;
    std::uint64_t start_byte = 0; // half-open byte span of the sensitive value
    std::uint64_t end_byte = 0;
    std::uint64_t line = 0; // 1-based; columns are 1-based characters; the end is exclusive
    std::uint64_t column = 0;
    std::uint64_t end_line = 0;
    std::uint64_t end_column = 0;
    Severity severity = Severity::medium;
    Confidence confidence = Confidence::medium;
    std::string value; // kept in memory for masking and redaction; printed only when asked
    std::string fingerprint;
    std::vector<std::string> validators_passed;
    std::vector<std::string> context_found;
    // The rule matched the normalized view (normalize.hpp) and the original bytes differ from
    // it: full-width forms, invisible characters, Unicode spaces or dashes, look-alike letters.
    bool normalized = false;
    // The source line holding the start (clipped around the value on very long lines), and the
    // byte offset of its first byte, so reporters can draw and mask it.
    std::string snippet;
    std::uint64_t snippet_start = 0;
    // Set when the user accepted the finding: the inline directive ("promptlint:ignore", …),
    // "baseline", or "allowlist: <reason or pattern>" (the configuration's allowlist).
    // Suppressed findings are counted and listed on request, never lost silently.
    std::string suppressed_by;
};

struct ScanStats {
    std::uint64_t files_scanned = 0;
    std::uint64_t bytes_scanned = 0;
    std::vector<Skip> skipped;
    std::array<std::uint64_t, 5> by_severity{}; // reported findings, indexed by Severity

    // Counts `f` if it is reported (suppressed findings are listed apart, not counted here).
    void count(const Finding& f) noexcept {
        if (f.suppressed_by.empty()) {
            ++by_severity[static_cast<std::size_t>(f.severity)];
        }
    }
};

// What a scan says besides its findings.
struct ScanSummary {
    std::vector<InputError> errors; // discovery's first, then each input's, in input order
    ScanStats stats;
};

// A whole scan held in memory: for callers that need every finding at once (baselines, tests).
struct ScanReport : ScanSummary {
    std::vector<Finding> findings;   // input order (as discovered), then by start offset
    std::vector<Finding> suppressed; // accepted by the user (inline directive or baseline)
};

// Receives findings as a scan produces them, in report order: inputs in the order discovery
// listed them, each input's findings by start offset, reported and suppressed ones (see
// Finding::suppressed_by) in one stream. Never called from two threads at once. A sink that
// writes as it goes keeps memory flat however many findings a scan has.
class FindingSink {
public:
    virtual ~FindingSink() = default;
    virtual void add(Finding finding) = 0;
};

// Counters a progress display may read while a scan runs (relaxed atomics: display only).
struct ScanProgress {
    std::atomic<std::uint64_t> inputs_found{0}; // handed out by the walk so far
    std::atomic<bool> walk_done{false};         // inputs_found is the total
    std::atomic<std::uint64_t> inputs_done{0};
    std::atomic<std::uint64_t> bytes_done{0};
};

struct ScanOptions {
    Severity min_severity = Severity::low;
    Confidence min_confidence = Confidence::low;
    unsigned threads = 1;
    bool inline_suppressions = true;      // honour promptlint:ignore and the other tools' tokens
    const Baseline* baseline = nullptr;   // findings whose fingerprint it lists are suppressed
    const Allowlist* allowlist = nullptr; // findings an entry matches are suppressed
    ScanProgress* progress = nullptr;
    SourceLimits limits; // the overlap is computed from the rules; tests shrink the windows
};

// For consumers that need the input's bytes together with the findings, in bounded memory
// (redaction): told about every window in order, with the findings that start in the part of
// the window it owns, [owned_from, owned_to). Consecutive windows overlap; owned ranges do not,
// and together they cover the whole input (the last window owns everything to the end).
class WindowSink {
public:
    virtual ~WindowSink() = default;
    virtual void on_window(const Window& window, std::uint64_t owned_from, std::uint64_t owned_to,
                           std::span<const Finding> findings) = 0;
};

class Scanner {
public:
    // `rules` and `db` must outlive the scanner.
    Scanner(const std::vector<Rule>& rules, const Database& db, ScanOptions options);

    // Streams every finding to `sink` in report order, whatever the number of threads: an
    // input's findings are passed on while it is scanned when every input before it is done,
    // and held until then otherwise. The walk goes on while the first inputs are scanned.
    ScanSummary scan(InputWalk& inputs, FindingSink& sink) const;
    ScanSummary scan(Discovery inputs, FindingSink& sink) const;
    // The same, collected in memory.
    ScanReport scan(Discovery inputs) const;
    // Streams one source through the pipeline, telling `sink` about each window; returns the
    // bytes scanned. Open the source with limits() so windows overlap enough. Throws
    // InputFailure on a read error.
    std::uint64_t scan_source(ByteSource& source, const std::string& path, WindowSink& sink) const;
    SourceLimits limits() const;

    // Scans bytes held in memory as if they were the input called `path`.
    ScanReport scan_text(std::string_view text, const std::string& path) const;

private:
    const std::vector<Rule>& m_rules;
    const Database& m_db;
    ScanOptions m_options;
    std::size_t m_span = 0; // the longest a value plus its context can reach back or forward
};

} // namespace promptlint
