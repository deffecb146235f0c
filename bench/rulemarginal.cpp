// Profiling aid for issue 8: what each rule costs inside the whole set. Single-rule times
// (rulecost) miss how Hyperscan combines rules: a rule without a literal factor adds an engine
// that runs over every byte next to all the others. This program times the whole default set,
// then the set without each named rule (leave one out), and can swap in trial patterns first,
// so a rewrite can be judged in the combined database before it goes into patterns/*.json.
//
//   rulemarginal SAMPLE.txt [--try FILE] [RULE-ID|PREFIX*...]
//
// FILE holds lines "rule-id<TAB>pattern" that replace those rules' patterns for the run.
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "sample.hpp"

namespace {

// Median of three timed scans (thread CPU time, so a busy machine skews it less), in MB/s,
// over 1 MiB windows as the scanner hands them over.
double throughput(const std::vector<promptlint::Rule>& rules, const std::string& text) {
    const auto db = promptlint::Database::build(rules, {false, {}});
    promptlint::Matcher matcher(db);
    std::vector<promptlint::RawHit> hits;
    std::vector<double> ms;
    for (int round = 0; round < 3; ++round) {
        timespec t0{};
        timespec t1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        bench::scan_sample(matcher, text, hits);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
        ms.push_back(static_cast<double>(t1.tv_sec - t0.tv_sec) * 1e3 +
                     static_cast<double>(t1.tv_nsec - t0.tv_nsec) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return static_cast<double>(text.size()) / 1e3 / ms[1];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: rulemarginal SAMPLE.txt [--try FILE] [RULE-ID...]\n");
        return 2;
    }
    try {
        const std::string text = bench::read_sample(argv[1]);
        promptlint::RuleSet set;
        set.add_builtin();
        std::vector<promptlint::Rule> rules(set.rules().begin(), set.rules().end());
        std::vector<std::string> ids;
        for (int i = 2; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--try" && i + 1 < argc) {
                std::ifstream trial(argv[++i]);
                std::string line;
                while (std::getline(trial, line)) {
                    const auto tab = line.find('\t');
                    if (tab == std::string::npos) {
                        continue;
                    }
                    const std::string id = line.substr(0, tab);
                    auto it = std::find_if(rules.begin(), rules.end(),
                                           [&](const promptlint::Rule& r) { return r.id == id; });
                    if (it == rules.end()) {
                        throw std::runtime_error("no rule " + id);
                    }
                    it->pattern = line.substr(tab + 1);
                    fmt::print("trying {}: {}\n", id, it->pattern);
                }
            } else {
                ids.push_back(arg);
            }
        }
        const double all = throughput(rules, text);
        fmt::print("all {} rules together: {:.0f} MB/s\n", rules.size(), all);
        for (const std::string& id : ids) {
            std::vector<promptlint::Rule> rest;
            std::copy_if(rules.begin(), rules.end(), std::back_inserter(rest),
                         [&](const promptlint::Rule& r) {
                             // "pii.vehicle.*" leaves out every rule under that prefix
                             return id.ends_with('*')
                                        ? !r.id.starts_with(id.substr(0, id.size() - 1))
                                        : r.id != id;
                         });
            const double without = throughput(rest, text);
            fmt::print("without {:<45} {:6.0f} MB/s ({:+.0f}%)\n", id, without,
                       100.0 * (without / all - 1.0));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rulemarginal: %s\n", e.what());
        return 1;
    }
    return 0;
}
