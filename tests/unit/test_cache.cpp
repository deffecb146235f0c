#include "promptlint/cache.hpp"
#include "promptlint/engine.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::pack_with;
using promptlint::test::rules_from;
using promptlint::test::TempDir;

namespace {
std::filesystem::path only_entry(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> entries;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        entries.push_back(e.path());
    }
    REQUIRE(entries.size() == 1);
    return entries[0];
}
} // namespace

TEST_CASE("cache blobs round-trip and anything damaged reads as a miss", "[cache]") {
    TempDir dir;
    REQUIRE(cache::store(dir.path, "k1", "hello blob"));
    CHECK(cache::load(dir.path, "k1") == std::optional<std::string>("hello blob"));
    CHECK_FALSE(cache::load(dir.path, "k2").has_value());
    auto file = only_entry(dir.path);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);

    SECTION("a flipped byte") {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(-1, std::ios::end);
        f.put('X');
        f.close();
        CHECK_FALSE(cache::load(dir.path, "k1").has_value());
    }
    SECTION("a truncated file") {
        std::filesystem::resize_file(file, std::filesystem::file_size(file) - 3);
        CHECK_FALSE(cache::load(dir.path, "k1").has_value());
    }
    SECTION("a foreign file") {
        std::ofstream(file, std::ios::trunc) << "not a cache entry at all, but long enough...";
        CHECK_FALSE(cache::load(dir.path, "k1").has_value());
    }
}

TEST_CASE("the second build loads the database from the cache; a corrupt cache is rebuilt",
          "[cache][engine]") {
    TempDir dir;
    auto rules = rules_from(pack_with("t.a", R"("AKIA[A-Z2-7]{16}")"));
    const CacheSettings settings{true, dir.path};
    CHECK_FALSE(Database::build(rules.rules(), settings).loaded_from_cache());
    CHECK(Database::build(rules.rules(), settings).loaded_from_cache());

    // Damage the entry: the next build must compile again, silently, and still work.
    auto file = only_entry(dir.path);
    std::filesystem::resize_file(file, 40);
    Database rebuilt = Database::build(rules.rules(), settings);
    CHECK_FALSE(rebuilt.loaded_from_cache());
    Matcher m(rebuilt);
    std::vector<RawHit> hits;
    m.scan("xx AKIAQ3EGRHTQZLWYXV7N", hits);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].end == 23);
    CHECK(Database::build(rules.rules(), settings).loaded_from_cache());
}

TEST_CASE("a different rule set gets its own cache entry", "[cache][engine]") {
    TempDir dir;
    const CacheSettings settings{true, dir.path};
    Database::build(rules_from(pack_with("t.a", R"("abc")")).rules(), settings);
    CHECK_FALSE(Database::build(rules_from(pack_with("t.a", R"("abd")")).rules(), settings)
                    .loaded_from_cache());
}

TEST_CASE("with no cache nothing is read or written", "[cache][engine]") {
    TempDir dir;
    auto rules = rules_from(pack_with("t.a", R"("abc")"));
    Database::build(rules.rules(), CacheSettings{false, dir.path});
    CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("Hyperscan's rejection of a pattern names the rule", "[engine]") {
    auto rules = rules_from(pack_with("t.bad", R"x("a(?=b)")x"));
    CHECK_THROWS_WITH(Database::build(rules.rules(), CacheSettings{false, {}}),
                      Catch::StartsWith("test.json:1: rule 't.bad': Hyperscan rejects the "
                                        "pattern:"));
}

TEST_CASE("rule widths bound the confirm window", "[engine]") {
    auto rules = rules_from(pack_with("t.a", R"("AKIA[A-Z2-7]{16}")"));
    CHECK(Database::build(rules.rules(), CacheSettings{false, {}}).max_width(0) == 20);
    auto open = rules_from(pack_with("t.b", R"("x[a-z]+")"));
    CHECK(Database::build(open.rules(), CacheSettings{false, {}}).max_width(0) == k_max_span);
}
