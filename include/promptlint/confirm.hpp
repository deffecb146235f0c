#pragma once
// The confirm stage: turns Hyperscan's raw end-offset hits into candidates with an exact span.
// Each rule's own regex (PCRE2 with JIT, compiled lazily per thread) is re-run on a window
// bounded by the rule's maximum width; then the rule's validators and context words decide,
// and overlapping candidates of different rules are resolved deterministically.

#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

struct Candidate {
    std::uint32_t rule = 0;
    std::size_t start = 0; // the sensitive value (the rule's secret_group), buffer-relative
    std::size_t end = 0;
    Severity severity = Severity::medium; // the rule's, or info when an on_fail:info check failed
    Confidence confidence = Confidence::medium;
    std::vector<std::string> validators_passed;
    std::vector<std::string> context_found;
};

// Checks that every pattern compiles with PCRE2 and has its secret_group. Throws Error naming
// the rule. (Hyperscan's own check happens when the database is compiled.)
void check_patterns(const std::vector<Rule>& rules);

class Confirmer {
public:
    Confirmer(const std::vector<Rule>& rules, const Database& db);
    Confirmer(Confirmer&&) noexcept;
    Confirmer& operator=(Confirmer&&) noexcept;
    ~Confirmer();

    // Sorts and consumes `hits` from a scan of `buffer`, and appends the confirmed, validated,
    // overlap-free candidates to `out`, ordered by start.
    void confirm(std::string_view buffer, std::vector<RawHit>& hits, std::vector<Candidate>& out);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Keeps, among candidates whose values overlap, the one with the highest confidence, then
// severity, then the longest value, then the earliest rule; returns them ordered by start.
void resolve_overlaps(std::vector<Candidate>& candidates);

} // namespace promptlint
