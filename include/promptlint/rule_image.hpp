#pragma once
// The built-in rules, parsed at build time and stored in a compact binary form (the "rule
// image") that the binary embeds next to the packs' JSON: a start-up copies strings out of it
// instead of parsing some 900 KB of JSON, which was most of a warm start's time.

#include "promptlint/rules.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace promptlint {

// Rules as bytes. Term sets are not stored (the built-in packs have none): a rule with terms
// is rejected with Error.
std::string write_rule_image(std::span<const Rule> rules);

// The rules back, equal to those written; nullopt when the bytes are not an image of this
// format (truncated, another version, trailing bytes), so the caller parses the JSON instead.
std::optional<std::vector<Rule>> read_rule_image(std::string_view bytes);

namespace detail {
// The image embedded at build time (tools/prebuild_db.cpp); empty when the binary has none.
std::string_view prebuilt_rule_image();
} // namespace detail

} // namespace promptlint
