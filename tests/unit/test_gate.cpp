// Digit gating (gate.hpp): which patterns are proven to need a digit run, which regions of a
// buffer get scanned for them, and that the gated layout finds exactly the hits one database
// of everything finds.

#include "promptlint/engine.hpp"
#include "promptlint/gate.hpp"
#include "promptlint/rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "helpers.hpp"

using namespace promptlint;

TEST_CASE("the digit run every match must contain is read from the pattern", "[gate]") {
    CHECK(guaranteed_digit_run("[0-9]{3}-[0-9]{2}-[0-9]{4}") == 4);
    CHECK(guaranteed_digit_run(R"(\d{9})") == 9);
    CHECK(guaranteed_digit_run("(?:^|[^0-9])([0-9]{2} ?[0-9]{2})") == 2);
    CHECK(guaranteed_digit_run("[0-9]{4}|[A-Z][0-9]{2}") == 2); // the weaker branch counts
    CHECK(guaranteed_digit_run("12[0-9]") == 3);                // literal digits join a class
    CHECK(guaranteed_digit_run(R"(\x31\x{32}3)") == 3);         // escaped digits are digits
    CHECK(guaranteed_digit_run("[[:digit:]]{2}") == 2);
    CHECK(guaranteed_digit_run("(?i:ssn)[ :]{0,3}[0-9]{3}-?[0-9]{2}") == 3);
    CHECK(guaranteed_digit_run("[0-9]{2,}") == 2);
    CHECK(guaranteed_digit_run("(?:[0-9]{2}){3}") == 6);
    CHECK(guaranteed_digit_run("[0-9]{1,4}?") == 1);  // lazy: still at least one
    CHECK(guaranteed_digit_run("a{2}[0-9]{2}") == 2); // braces after a literal
    CHECK(guaranteed_digit_run("x{,3}[0-9]") == 1);   // "{,3}" is literal text in PCRE
}

TEST_CASE("anything that could let a match avoid digits gives no guarantee", "[gate]") {
    CHECK(guaranteed_digit_run("[0-9]*") == 0);
    CHECK(guaranteed_digit_run("[0-9]{0,4}") == 0);
    CHECK(guaranteed_digit_run("(?:[0-9]{4})?") == 0);
    CHECK(guaranteed_digit_run("[0-9]{3}|abc") == 0);
    CHECK(guaranteed_digit_run("[0-9a]{3}") == 0);    // a class with a letter
    CHECK(guaranteed_digit_run("[^a-z]{3}") == 0);    // negated classes admit non-digits
    CHECK(guaranteed_digit_run(R"([\d\s]{3})") == 0); // so does \s inside a class
    CHECK(guaranteed_digit_run("[0-9-]{3}") == 0);    // a trailing '-' is a literal dash
    CHECK(guaranteed_digit_run(R"(\w{5})") == 0);
    CHECK(guaranteed_digit_run("[0-9] [0-9]") == 1); // separated digits are separate runs
    CHECK(guaranteed_digit_run("[.-9]{2}") == 0);    // a range reaching below '0'
}

TEST_CASE("syntax the analysis does not model is never trusted", "[gate]") {
    CHECK(guaranteed_digit_run(R"(([0-9]{3})\1)") == 0);    // back reference
    CHECK(guaranteed_digit_run(R"(\Q123\E)") == 0);         // quoting
    CHECK(guaranteed_digit_run("(?x)[0-9]{3} # 999") == 0); // extended mode
    CHECK(guaranteed_digit_run("(?=123)[0-9]{3}") == 0);    // lookaround
    CHECK(guaranteed_digit_run(R"(\p{N}{3})") == 0);
    CHECK(guaranteed_digit_run(R"(\0601)") == 0);  // octal
    CHECK(guaranteed_digit_run("([0-9]{3}") == 0); // unbalanced
    CHECK(guaranteed_digit_run("[0-9]{3})") == 0);
    CHECK(guaranteed_digit_run("[0-9") == 0);
    CHECK(guaranteed_digit_run("*[0-9]{3}") == 0);
}

namespace {

std::vector<std::pair<std::size_t, std::size_t>> regions(std::string_view text, std::size_t run,
                                                         std::size_t margin) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for_each_digit_region(text, run, margin, [&](std::size_t begin, std::size_t end) {
        out.emplace_back(begin, end);
    });
    return out;
}

using Regions = std::vector<std::pair<std::size_t, std::size_t>>;

} // namespace

TEST_CASE("regions surround digit runs by the margin, merged and clipped", "[gate]") {
    CHECK(regions("no digits here", 2, 3).empty());
    CHECK(regions("a 1 b 2 c", 2, 3).empty()); // single digits are below the run
    //                  0123456789012345678901234567890
    CHECK(regions("abcdefgh 42 ijklmnopqrstuvwxyz", 2, 3) == Regions{{6, 14}});
    CHECK(regions("42abcdefgh", 2, 3) == Regions{{0, 5}});  // clipped at the start
    CHECK(regions("abcdefgh42", 2, 3) == Regions{{5, 10}}); // and at the end
    CHECK(regions("ab 12 cd 34 efghijklmnop 56", 2, 3) == Regions{{0, 14}, {22, 27}});
    CHECK(regions("1234", 5, 1).empty());
}

TEST_CASE("regions are the same wherever the digits fall in the eight-byte words", "[gate]") {
    // A plain byte-by-byte statement of the definition, against the word-at-a-time scan.
    const auto reference = [](std::string_view text, std::size_t run, std::size_t margin) {
        Regions out;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = i;
            while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
                ++j;
            }
            if (j - i >= run && j > i) {
                const std::size_t from = i > margin ? i - margin : 0;
                const std::size_t to = std::min(text.size(), j + margin);
                if (!out.empty() && from <= out.back().second) {
                    out.back().second = to;
                } else {
                    out.emplace_back(from, to);
                }
            }
            i = j > i ? j : i + 1;
        }
        return out;
    };
    std::mt19937 rng(7);
    // Bytes on both sides of '0'-'9', including 0x80+ and the neighbours '/' and ':'.
    constexpr std::string_view k_bytes = "0123456789/:a \n\xb0\xb9\xff";
    std::uniform_int_distribution<std::size_t> pick(0, k_bytes.size() - 1);
    std::uniform_int_distribution<std::size_t> length(0, 70);
    std::uniform_int_distribution<int> sparse(0, 9);
    for (int round = 0; round < 2000; ++round) {
        std::string text(length(rng), 'x');
        for (char& c : text) {
            c = sparse(rng) < 7 ? 'x' : k_bytes[pick(rng)];
        }
        for (const std::size_t run : {1U, 2U, 3U}) {
            INFO("text: " << text << ", run " << run);
            CHECK(regions(text, run, 3) == reference(text, run, 3));
        }
    }
}

namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<RawHit> hits_of(const Database& db, std::string_view text) {
    Matcher matcher(db);
    std::vector<RawHit> hits;
    matcher.scan(text, hits);
    std::sort(hits.begin(), hits.end(), [](const RawHit& a, const RawHit& b) {
        return a.end != b.end ? a.end < b.end : a.rule < b.rule;
    });
    return hits;
}

// Number-shaped noise: digit runs of every length, the separators ID formats use, letters
// and line breaks, at buffer edges too.
std::string digit_noise(std::size_t size) {
    std::mt19937 rng(20261129);
    constexpr std::string_view k_alphabet = "0123456789012345678901234567890123456789 -./:+()\n"
                                            "ABCDEFGHJKLMNPRSTUVWXYZabcdefxyz#@,;_";
    std::uniform_int_distribution<std::size_t> pick(0, k_alphabet.size() - 1);
    std::string out;
    out.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        out += k_alphabet[pick(rng)];
    }
    return out;
}

} // namespace

TEST_CASE("the gated layout finds exactly the hits of one database, on real and noisy text",
          "[gate][engine]") {
    RuleSet set;
    set.add_builtin();
    const auto& rules = set.rules();
    test::TempDir cache;
    // The default set's split, from the database built into the binary (or one compile).
    const Database full = Database::build(rules, {true, cache.path});
    std::vector<Rule> number_rules;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (full.gated(i)) {
            number_rules.push_back(rules[i]);
        }
    }
    // Most number rules are gated; if this drops, a pack change made them unprovable.
    CHECK(number_rules.size() >= 80);

    // Hyperscan reports each pattern's matches as if it were alone, so the rules in the main
    // database match alike in both layouts: comparing the gated ones is the whole check, and
    // compiles a fifth of the rules.
    const Database gated = Database::build(number_rules, {false, {}});
    const Database single = Database::build(number_rules, {false, {}}, Database::Layout::single);
    for (std::size_t i = 0; i < number_rules.size(); ++i) {
        CHECK(gated.gated(i));
        CHECK_FALSE(single.gated(i));
    }

    std::vector<std::string> texts;
    const std::filesystem::path data(PROMPTLINT_TEST_DATA);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
        if (entry.is_regular_file()) {
            texts.push_back(slurp(entry.path()));
        }
    }
    std::string examples; // every rule's own examples, where its matches surely are
    for (const Rule& rule : rules) {
        for (const Example& e : rule.examples) {
            examples += e.text + "\n";
        }
        for (const std::string& e : rule.negative_examples) {
            examples += e + "\n";
        }
    }
    texts.push_back(examples);
    texts.push_back(digit_noise(1U << 18U));
    texts.push_back("4111 1111 1111 1111"); // a match that spans the whole buffer

    std::size_t total = 0;
    for (const std::string& text : texts) {
        const auto expected = hits_of(single, text);
        const auto got = hits_of(gated, text);
        total += expected.size();
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            REQUIRE(got[i].rule == expected[i].rule);
            REQUIRE(got[i].end == expected[i].end);
        }
    }
    INFO("hits compared: " << total);
    CHECK(total > 1000); // the comparison covered real matches
}

TEST_CASE("a gated match is found however far its digits sit from its ends", "[gate][engine]") {
    // Up to 50 letters between the label and the digits, or after them: the region around the
    // digits must reach the whole match, whichever end the digits are at.
    const RuleSet set = test::rules_from(R"({"pack": "t", "version": 1, "rules": [
        {"id": "t.tail", "name": "n", "category": "pii", "severity": "high",
         "confidence": "medium", "pattern": "label:[a-z ]{0,50}[0-9]{2}", "description": "d",
         "examples": ["a", "b"], "negative_examples": ["c", "d"]},
        {"id": "t.head", "name": "n", "category": "pii", "severity": "high",
         "confidence": "medium", "pattern": "[0-9]{2}[a-z ]{0,50}:end", "description": "d",
         "examples": ["a", "b"], "negative_examples": ["c", "d"]}]})");
    const Database gated = Database::build(set.rules(), {false, {}});
    const Database single = Database::build(set.rules(), {false, {}}, Database::Layout::single);
    REQUIRE(gated.gated(0));
    REQUIRE(gated.gated(1));
    const std::string letters(50, 'q');
    for (std::size_t gap = 0; gap <= letters.size(); gap += 5) {
        const std::string pad(100, ' ');
        const std::string text =
            pad + "label:" + letters.substr(0, gap) + "42" + letters.substr(0, gap) + ":end" + pad;
        INFO("gap " << gap);
        const auto expected = hits_of(single, text);
        CHECK(expected.size() == 2);
        const auto got = hits_of(gated, text);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].rule == expected[i].rule);
            CHECK(got[i].end == expected[i].end);
        }
    }
}

TEST_CASE("a cached gated database keeps its split and finds the same hits", "[gate][cache]") {
    test::TempDir cache;
    const RuleSet set = test::rules_from(
        test::pack_with("t.number", R"json("(?:^|[^0-9])([0-9]{3}-[0-9]{4})(?:[^0-9]|$)")json",
                        R"("secret_group": 1,)"));
    const auto first = Database::build(set.rules(), {true, cache.path});
    REQUIRE_FALSE(first.loaded_from_cache());
    REQUIRE(first.gated(0));
    const auto second = Database::build(set.rules(), {true, cache.path});
    REQUIRE(second.loaded_from_cache());
    CHECK(second.gated(0));
    const std::string text = "call 555-0100 or 555-0199, not 5550100";
    CHECK(hits_of(second, text).size() == 2);
    CHECK(hits_of(second, text).size() == hits_of(first, text).size());
}
