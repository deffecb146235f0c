#include "promptlint/git.hpp"

#include <catch2/catch.hpp>

using namespace promptlint;

TEST_CASE("added line ranges are read from zero-context hunk headers", "[git]") {
    const std::string diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
                             "@@ -1,0 +1,2 @@\n+a\n+b\n"
                             "@@ -5 +7 @@\n-old\n+new\n"
                             "@@ -9,3 +10,0 @@\n-gone\n";
    auto ranges = added_lines("\n" + diff);
    REQUIRE(ranges.size() == 2);
    CHECK(ranges[0].first == 1);
    CHECK(ranges[0].last == 2);
    CHECK(ranges[1].first == 7);
    CHECK(ranges[1].last == 7);
}

TEST_CASE("a child process's output and exit code are collected", "[git]") {
    auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
    CHECK(r.status == 3);
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
    auto missing = run_process({"definitely-not-a-program-here"});
    CHECK(missing.status != 0);
}
