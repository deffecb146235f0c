#pragma once
// Digit gating, part of the match stage. Most personal-data rules (ID, phone, account numbers)
// have no literal for Hyperscan to anchor on, so in one database with everything else they run
// an automaton over every byte. Yet every match of such a rule contains a run of digits, and
// most text has few: these rules go into a second database that is scanned only around digit
// runs. This header holds the two halves: proving that a pattern's matches always contain a
// digit run, and finding the regions of a buffer that can hold such a match.

#include <cstddef>
#include <functional>
#include <string_view>

namespace promptlint {

// A lower bound on the longest run of ASCII digits in any string `pattern` (Hyperscan syntax,
// the engine's flags) can match: if this returns k, every match contains k consecutive digits.
// Conservative: 0 whenever the pattern uses syntax the analysis does not model (back
// references, \Q…\E, extended mode, Unicode properties, …) or cannot be parsed.
std::size_t guaranteed_digit_run(std::string_view pattern);

// Calls `region(begin, end)` for each maximal stretch of `buffer` that lies within `margin`
// bytes of a run of at least `min_run` ASCII digits, in order and without overlap (regions
// closer than that are merged). A match that contains such a run and is at most `margin` - 1
// bytes long lies strictly inside one region, never touching an edge the buffer lacks, so
// scanning the regions alone finds exactly the matches a scan of the whole buffer finds.
void for_each_digit_region(std::string_view buffer, std::size_t min_run, std::size_t margin,
                           const std::function<void(std::size_t, std::size_t)>& region);

} // namespace promptlint
