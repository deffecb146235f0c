// Profiling aid for issue 8: where the matching time goes, rule by rule. Each built-in rule is
// compiled alone (as the engine compiles it) and timed over a sample of text; the table lists
// the costliest rules first, with their compile time and how many raw matches they report.
// Rule design decides throughput: a rule that costs far more than the others is the one to
// anchor on a literal or tighten.
//
//   rulecost SAMPLE.txt [TOP]        e.g. rulecost <(head -c 16M mixed.txt) 25
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "sample.hpp"

namespace {

struct Cost {
    std::string id;
    double compile_ms = 0;
    double scan_ms = 0;
    std::size_t hits = 0;
};

double since_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: rulecost SAMPLE.txt [TOP]\n");
        return 2;
    }
    try {
        const std::string text = bench::read_sample(argv[1]);
        const std::size_t top = argc > 2 ? std::stoul(argv[2]) : 25;
        promptlint::RuleSet set;
        set.add_builtin();
        std::vector<Cost> costs;
        std::vector<promptlint::RawHit> hits;
        for (const promptlint::Rule& rule : set.rules()) {
            Cost c{rule.id, 0, 0, 0};
            auto start = std::chrono::steady_clock::now();
            const auto db = promptlint::Database::build({rule}, {false, {}});
            c.compile_ms = since_ms(start);
            promptlint::Matcher matcher(db);
            start = std::chrono::steady_clock::now();
            c.hits = bench::scan_sample(matcher, text, hits);
            c.scan_ms = since_ms(start);
            costs.push_back(std::move(c));
        }
        std::sort(costs.begin(), costs.end(),
                  [](const Cost& a, const Cost& b) { return a.scan_ms > b.scan_ms; });
        double total = 0;
        for (const Cost& c : costs) {
            total += c.scan_ms;
        }
        const double mb = static_cast<double>(text.size()) / 1e6;
        fmt::print("{} rules, {:.1f} MB sample; sum of single-rule scans {:.0f} ms\n", costs.size(),
                   mb, total);
        fmt::print("{:>9} {:>9} {:>7} {:>9}  rule\n", "scan ms", "MB/s", "compile", "matches");
        for (std::size_t i = 0; i < std::min(top, costs.size()); ++i) {
            const Cost& c = costs[i];
            fmt::print("{:9.1f} {:9.0f} {:7.0f} {:9}  {}\n", c.scan_ms, mb / (c.scan_ms / 1e3),
                       c.compile_ms, c.hits, c.id);
        }
        // What the costliest rules cost together: the whole set, then without the top ones
        // (Hyperscan shares literal matching, so single-rule times do not simply add up).
        auto throughput = [&](const std::vector<promptlint::Rule>& rules) {
            const auto db = promptlint::Database::build(rules, {false, {}});
            promptlint::Matcher matcher(db);
            const auto start = std::chrono::steady_clock::now();
            bench::scan_sample(matcher, text, hits);
            return mb / (since_ms(start) / 1e3);
        };
        fmt::print("\nall {} rules together: {:.0f} MB/s\n", set.rules().size(),
                   throughput(set.rules()));
        for (std::size_t without : {5, 10, 20, 40}) {
            std::vector<promptlint::Rule> rest;
            for (const promptlint::Rule& rule : set.rules()) {
                const auto end = costs.begin() + static_cast<std::ptrdiff_t>(without);
                if (std::none_of(costs.begin(), end,
                                 [&](const Cost& c) { return c.id == rule.id; })) {
                    rest.push_back(rule);
                }
            }
            fmt::print("without the {} costliest: {:.0f} MB/s\n", without, throughput(rest));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rulecost: %s\n", e.what());
        return 1;
    }
    return 0;
}
