#include "promptlint/rules.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::pack_with;

namespace {
std::string load_error(const std::string& json) {
    try {
        RuleSet set;
        set.add_pack_text(json, "p.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "(loaded)";
}
} // namespace

TEST_CASE("a valid pack loads every field of its rules", "[rules]") {
    RuleSet set;
    set.add_pack_text(R"({
      // comments are allowed
      "pack": "credentials", "version": 1,
      "rules": [{
        "id": "credentials.x", "name": "X key", "category": "credential",
        "severity": "critical", "confidence": "high",
        "pattern": "\\bX([0-9]{4})\\b", "secret_group": 1,
        "validators": [{"type": "entropy", "min": 1.0}],
        "context": {"words": ["Key", "API token"], "window": 32, "effect": "boost"},
        "description": "d", "remediation": "r", "references": ["https://example.org"],
        "examples": ["X1234", {"text": "key X9876", "secret": "9876"}],
        "negative_examples": ["X12", "Y1234"]
      }]})",
                      "p.json");
    REQUIRE(set.rules().size() == 1);
    const Rule& r = set.rules()[0];
    CHECK(r.id == "credentials.x");
    CHECK(r.category == Category::credential);
    CHECK(r.severity == Severity::critical);
    CHECK(r.confidence == Confidence::high);
    CHECK(r.secret_group == 1);
    REQUIRE(r.validators.size() == 1);
    CHECK(r.validators[0].describe() == "entropy>=1");
    REQUIRE(r.context.has_value());
    CHECK(r.context->words == std::vector<std::string>{"key", "api token"});
    CHECK(r.context->window == 32);
    CHECK(r.context->effect == ContextSpec::Effect::boost);
    CHECK(r.examples[1].secret == std::optional<std::string>("9876"));
    CHECK(r.pack == "credentials");
    CHECK(r.source == "p.json");
    CHECK(r.line == 5);
    CHECK(set.find("credentials.x") == &r);
    CHECK(set.find("nope") == nullptr);
}

TEST_CASE("JSON syntax errors name the file, line and column", "[rules]") {
    CHECK_THAT(load_error("{\n  \"pack\": \"t\",\n  \"version\": 1,,\n}"),
               Catch::StartsWith("p.json:3:16: invalid JSON: syntax error"));
}

TEST_CASE("a rule with an unknown, missing or invalid field is refused with its id and line",
          "[rules]") {
    CHECK(load_error(pack_with("t.a", R"("abc")", R"("sevrity": "high",)")) ==
          "p.json:1: rule 't.a': unknown field 'sevrity' in rule");
    CHECK(load_error(R"({"pack": "t", "version": 1, "rules": [{"id": "t.b"}]})") ==
          "p.json:1: rule 't.b': missing field 'name'");
    CHECK(load_error(pack_with("t.c", R"("abc")", "", "severe")) ==
          "p.json:1: rule 't.c': severity must be info, low, medium, high or critical, not "
          "'severe'");
    CHECK_THAT(load_error(pack_with("t.d", R"("abc")", R"("validators": [{"type": "lunh"}],)")),
               Catch::StartsWith("p.json:1: rule 't.d': unknown validator type 'lunh' (known: "
                                 "luhn, iban, entropy, verhoeff, mod11_10, mod11_2, aba, "));
    CHECK(load_error(
              pack_with("t.e", R"("abc")", R"("context": {"words": ["x"], "effect": "maybe"},)")) ==
          "p.json:1: rule 't.e': context.effect must be 'require' or 'boost', not 'maybe'");
    CHECK(load_error(pack_with("T.Upper", R"("abc")")) ==
          "p.json:1: rule 'T.Upper': rule ids are dotted lower-case words: [a-z0-9._-], e.g. "
          "'credentials.aws.key'");
}

TEST_CASE("a rule needs two examples and two negative examples", "[rules]") {
    CHECK(load_error(R"({"pack": "t", "version": 1, "rules": [{"id": "t.a", "name": "n",
        "category": "pii", "severity": "low", "confidence": "low", "pattern": "a",
        "description": "d", "examples": ["a"], "negative_examples": ["b", "c"]}]})") ==
          "p.json:1: rule 't.a': every rule needs at least 2 examples and 2 negative_examples");
}

TEST_CASE("duplicate rule ids are refused, within a pack and across packs", "[rules]") {
    RuleSet set;
    set.add_pack_text(pack_with("t.a", R"("abc")"), "first.json");
    CHECK_THROWS_WITH(set.add_pack_text(pack_with("t.a", R"("xyz")"), "second.json"),
                      "second.json:1: rule 't.a': duplicate rule id (first defined in "
                      "first.json:1)");
    CHECK(set.rules().size() == 1);
}

TEST_CASE("a pack that fails to load adds none of its rules", "[rules]") {
    RuleSet set;
    const std::string two = R"({"pack": "t", "version": 1, "rules": [)"
                            R"({"id": "t.ok", "name": "n", "category": "pii", "severity": "low",
        "confidence": "low", "pattern": "a", "description": "d", "examples": ["a", "a"],
        "negative_examples": ["b", "c"]}, {"id": "t.bad"}]})";
    CHECK_THROWS_AS(set.add_pack_text(two, "p.json"), Error);
    CHECK(set.rules().empty());
}

TEST_CASE("unsupported pack versions and shapes are refused", "[rules]") {
    CHECK(load_error(R"({"pack": "t", "version": 2, "rules": []})") ==
          "p.json: unsupported pack version (this promptlint reads version 1)");
    CHECK(load_error(R"([1, 2])") ==
          "p.json: a rule pack is a JSON object with 'pack', 'version' and 'rules'");
}

TEST_CASE("a folder of packs loads its *.json files in sorted order", "[rules]") {
    promptlint::test::TempDir dir;
    auto write = [&](const char* name, const std::string& text) {
        std::ofstream(dir.path / name) << text;
    };
    write("b.json", pack_with("t.b", R"("bbb")"));
    write("a.json", pack_with("t.a", R"("aaa")"));
    write("notes.txt", "not a pack");
    RuleSet set;
    set.add_path(dir.path);
    REQUIRE(set.rules().size() == 2);
    CHECK(set.rules()[0].id == "t.a");
    CHECK(set.rules()[1].id == "t.b");
}

TEST_CASE("the built-in packs are embedded and load without error", "[rules][builtin]") {
    RuleSet set;
    set.add_builtin();
    CHECK(!set.rules().empty());
    for (const Rule& r : set.rules()) {
        CHECK(r.source.starts_with("builtin:"));
    }
}

TEST_CASE("exclude_context and validator options are parsed and checked", "[rules]") {
    RuleSet set;
    set.add_pack_text(pack_with("t.a", R"("\\d{9}")",
                                R"("exclude_context": {"words": ["Order"], "effect": "lower"},
                                   "validators": [{"type": "luhn", "on_fail": "info",
                                                   "boost": true}],)"),
                      "p.json");
    const Rule& r = set.rules().at(0);
    REQUIRE(r.exclude_context.has_value());
    CHECK(r.exclude_context->words == std::vector<std::string>{"order"});
    CHECK(r.exclude_context->window == 32);
    CHECK(r.exclude_context->effect == ExclusionSpec::Effect::lower);
    CHECK(r.validators.at(0).on_fail() == validators::Validator::OnFail::info);
    CHECK(r.validators.at(0).boosts());
    CHECK(load_error(pack_with("t.b", R"("a")",
                               R"("exclude_context": {"words": ["x"], "effect": "hide"},)")) ==
          "p.json:1: rule 't.b': exclude_context.effect must be 'drop' or 'lower', not 'hide'");
    CHECK(load_error(pack_with("t.c", R"("a")",
                               R"("validators": [{"type": "luhn", "on_fail": "warn"}],)")) ==
          "p.json:1: rule 't.c': validator 'luhn': 'on_fail' must be \"drop\" or \"info\"");
}
