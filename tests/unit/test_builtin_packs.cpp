// The built-in packs prove themselves: every rule reports its own examples and none of its
// negative examples, through the whole scanner with every built-in rule loaded.
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/selftest.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::TempDir;

TEST_CASE("every built-in rule passes its own examples and negative examples", "[builtin]") {
    RuleSet set;
    set.add_builtin();
    const Database db = Database::build(set.rules(), CacheSettings{false, {}});
    for (const ExampleFailure& f : check_examples(set.rules(), db)) {
        FAIL_CHECK(f.source << ": rule '" << f.rule_id << "': " << f.problem);
    }
}

TEST_CASE("the default rules' database is built into the binary and matches the packs",
          "[builtin][engine]") {
    RuleSet set;
    set.add_builtin();
    TempDir dir;
    const Database db = Database::build(set.rules(), CacheSettings{true, dir.path});
#if PROMPTLINT_EXPECT_PREBUILT_DB
    CHECK(db.prebuilt());
    CHECK(db.loaded_from_cache());
    CHECK(std::filesystem::is_empty(dir.path)); // nothing compiled, so nothing cached
#endif
    // Whichever way it came, it reports every example (a stale embedded database would not).
    for (const ExampleFailure& f : check_examples(set.rules(), db)) {
        FAIL_CHECK(f.source << ": rule '" << f.rule_id << "': " << f.problem);
    }
    // Another rule set never gets it.
    auto other = test::rules_from(test::pack_with("t.a", R"("abc")"));
    CHECK_FALSE(Database::build(other.rules(), CacheSettings{true, dir.path}).prebuilt());
}

TEST_CASE("the built-in packs cover every category with enough rules", "[builtin]") {
    RuleSet set;
    set.add_builtin();
    std::array<std::size_t, 3> per_category{};
    for (const Rule& r : set.rules()) {
        ++per_category[static_cast<std::size_t>(r.category)];
        // Ids start with their pack's name, so `--disable credentials.*` style globs work.
        CHECK(r.id.starts_with(r.pack + "."));
    }
    CHECK(per_category[static_cast<std::size_t>(Category::credential)] >= 15);
    CHECK(per_category[static_cast<std::size_t>(Category::pii)] >= 15);
    CHECK(per_category[static_cast<std::size_t>(Category::confidential)] >= 10);
}
