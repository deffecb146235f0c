#include "promptlint/rule_image.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "helpers.hpp"

using namespace promptlint;

namespace {
// The built-in packs as the JSON says, parsed here, not taken from the image.
std::vector<Rule> parsed_builtin_packs() {
    RuleSet set;
    for (const EmbeddedPack& pack : builtin_packs()) {
        set.add_pack_text(pack.text, fmt::format("builtin:{}", pack.name));
    }
    return set.rules();
}
} // namespace

TEST_CASE("a rule image reads back as exactly the rules written", "[rule_image]") {
    const std::vector<Rule> rules = parsed_builtin_packs();
    REQUIRE(rules.size() > 400);
    const auto back = read_rule_image(write_rule_image(rules));
    REQUIRE(back);
    CHECK(*back == rules);
}

TEST_CASE("the image built into the binary holds the built-in packs as their JSON says",
          "[rule_image]") {
    const std::string_view embedded = detail::prebuilt_rule_image();
    if (embedded.empty()) {
        SUCCEED("built with PROMPTLINT_PREBUILT_DB=OFF: no image, the JSON is parsed");
        return;
    }
    const auto rules = read_rule_image(embedded);
    REQUIRE(rules);
    CHECK(*rules == parsed_builtin_packs());
    RuleSet loaded;
    loaded.add_builtin();
    CHECK(loaded.rules() == *rules);
}

TEST_CASE("a damaged rule image is refused, never misread", "[rule_image]") {
    RuleSet set = promptlint::test::rules_from(promptlint::test::pack_with(
        "t.key", R"x("key=([a-z0-9]{8})")x",
        R"("secret_group": 1, "validators": [{"type": "entropy", "min": 2.5, "on_fail": "info"}],
           "context": {"words": ["api key"], "window": 40, "effect": "boost"},)"));
    const std::string image = write_rule_image(set.rules());
    REQUIRE(read_rule_image(image) == set.rules());
    for (std::size_t n = 0; n < image.size(); ++n) {
        CHECK_FALSE(read_rule_image(image.substr(0, n)));
    }
    CHECK_FALSE(read_rule_image(image + "x"));
    std::string other_version = image;
    other_version[7] = '9';
    CHECK_FALSE(read_rule_image(other_version));
    // A flipped byte anywhere either reads (a string changed) or is refused; it never crashes.
    for (std::size_t i = 0; i < image.size(); ++i) {
        std::string flipped = image;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
        (void)read_rule_image(flipped);
    }
}
