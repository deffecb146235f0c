#include "promptlint/ignore.hpp"

#include <catch2/catch.hpp>

using namespace promptlint;

TEST_CASE("glob patterns follow gitignore's rules for *, ?, [] and **", "[ignore]") {
    CHECK(glob_match("*.log", "a.log"));
    CHECK_FALSE(glob_match("*.log", "dir/a.log")); // '*' never crosses '/'
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "a/c"));
    CHECK(glob_match("[a-c]x", "bx"));
    CHECK_FALSE(glob_match("[!a-c]x", "bx"));
    CHECK(glob_match("**/build", "build"));
    CHECK(glob_match("**/build", "x/y/build"));
    CHECK(glob_match("docs/**", "docs/a/b.md"));
    CHECK(glob_match("a/**/b", "a/b"));
    CHECK(glob_match("a/**/b", "a/x/y/b"));
    CHECK(glob_match("\\*literal", "*literal"));
    CHECK_FALSE(glob_match("\\*literal", "xliteral"));
}

TEST_CASE("ignore files: later lines and deeper files win, ! re-includes", "[ignore]") {
    IgnoreRules rules;
    rules.add_file("# comment\n*.log\n!keep.log\nbuild/\n/root-only.txt\n", "");
    CHECK(rules.ignored("x.log", false));
    CHECK(rules.ignored("deep/x.log", false));
    CHECK_FALSE(rules.ignored("keep.log", false));
    CHECK(rules.ignored("build", true));
    CHECK_FALSE(rules.ignored("build", false)); // a trailing slash matches folders only
    CHECK(rules.ignored("root-only.txt", false));
    CHECK_FALSE(rules.ignored("sub/root-only.txt", false)); // anchored to its folder

    const std::size_t before = rules.size();
    rules.add_file("!important.log\nsecret/*.txt\n", "sub");
    CHECK_FALSE(rules.ignored("sub/important.log", false));
    CHECK(rules.ignored("important.log", false)); // the deeper file only speaks for sub/
    CHECK(rules.ignored("sub/secret/a.txt", false));
    rules.truncate(before);
    CHECK(rules.ignored("sub/important.log", false));
}
