// Confirmation: PCRE2 re-runs each rule around Hyperscan's end offsets to find exact spans.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace promptlint;
using namespace promptlint::test;

TEST_CASE("adjacent values sharing a separator are both confirmed", "[confirm]") {
    // The separator after the first value is also the one before the second: a rule that
    // consumes it must not hide the next value.
    Harness h(rules_from(
        pack_with("t.pair", R"("[ ,]([a-z]{3}[0-9]{3})[ ,]")", R"("secret_group": 1,)")));
    auto report = h.scan("ids abc123,def456 ghi789 end\n");
    REQUIRE(report.findings.size() == 3);
    CHECK(report.findings[0].value == "abc123");
    CHECK(report.findings[1].value == "def456");
    CHECK(report.findings[2].value == "ghi789");
}

TEST_CASE("a rule without a secret group resumes after its whole match", "[confirm]") {
    Harness h(rules_from(pack_with("t.word", R"("[a-z]{3}[0-9]{3}")")));
    auto report = h.scan("abc123def456\n");
    REQUIRE(report.findings.size() == 2);
    CHECK(report.findings[0].start_byte == 0);
    CHECK(report.findings[1].start_byte == 6);
}

TEST_CASE("a match in which the secret group takes no part reports nothing", "[confirm]") {
    // The first branch consumes what the rule must skip (a URL's user-info); only the second
    // branch holds the value. A skipped span must not hide a value later on the line.
    Harness h(rules_from(pack_with(
        "t.skip",
        R"x("(?:[a-z]{2,8}://[a-z]{1,16}:[a-z0-9]{1,16}@|([a-z]{3,8}@[a-z]{3,12}\\.org)\\b)")x",
        R"("secret_group": 1,)")));
    auto report = h.scan("see https://dana:hunter2@mirror.org then lena@posteo.org\n");
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].value == "lena@posteo.org");
}
