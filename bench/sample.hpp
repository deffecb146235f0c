#pragma once
// Shared by the profiling aids (rulecost, rulemarginal): the sample text, and one pass of a
// matcher over it in the 1 MiB windows the scanner hands over.
#include "promptlint/engine.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

inline std::string read_sample(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(std::string(path) + ": cannot read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Returns how many raw matches the pass reported.
inline std::size_t scan_sample(promptlint::Matcher& matcher, std::string_view text,
                               std::vector<promptlint::RawHit>& hits) {
    constexpr std::size_t k_window = std::size_t{1} << 20;
    std::size_t matches = 0;
    for (std::size_t at = 0; at < text.size(); at += k_window) {
        hits.clear();
        matcher.scan(text.substr(at, k_window), hits);
        matches += hits.size();
    }
    return matches;
}

} // namespace bench
