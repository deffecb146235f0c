// The built-in packs prove themselves: every rule reports its own examples and none of its
// negative examples, through the whole scanner with every built-in rule loaded.
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"
#include "promptlint/selftest.hpp"
#include "promptlint/validators.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

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

namespace {
// An IBAN for `country` with `length` characters, all-digit BBAN, and the check digits that
// make it pass mod-97.
std::string make_iban(std::string_view country, std::size_t length) {
    const std::string bban(length - 4, '7');
    std::string rearranged = bban;
    for (char c : country) {
        rearranged += std::to_string(c - 'A' + 10);
    }
    rearranged += "00";
    unsigned remainder = 0;
    for (char c : rearranged) {
        remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    }
    const unsigned check = 98 - remainder;
    return std::string(country) + (check < 10 ? "0" : "") + std::to_string(check) + bban;
}
} // namespace

TEST_CASE("the IBAN rule's country codes are the ones its validator knows", "[builtin]") {
    // The pattern names the countries for speed; a country added to the validator and not to
    // the pattern would silently never be found.
    RuleSet set;
    set.add_builtin();
    const Rule* rule = set.find("pii.financial.iban");
    REQUIRE(rule);
    const std::vector<Rule> alone{*rule};
    const Database db = Database::build(alone, CacheSettings{false, {}});
    const Scanner scanner(alone, db, ScanOptions{});
    std::size_t countries = 0;
    for (char a = 'A'; a <= 'Z'; ++a) {
        for (char b = 'A'; b <= 'Z'; ++b) {
            const std::string country{a, b};
            for (std::size_t length = 15; length <= 34; ++length) {
                const std::string iban = make_iban(country, length);
                if (!validators::iban_mod97(iban)) {
                    continue;
                }
                ++countries;
                INFO(iban);
                CHECK(scanner.scan_text("IBAN " + iban + "\n", "t.txt").findings.size() == 1);
            }
        }
    }
    CHECK(countries >= 80);
}
