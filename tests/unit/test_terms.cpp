#include "promptlint/config.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::Harness;
using promptlint::test::pack_with;
using promptlint::test::rules_from;
using promptlint::test::TempDir;

namespace {

// The rules of `pack_json` (when given) plus the term sets of a configuration text.
RuleSet with_terms(const std::string& config_json, const std::string& pack_json = "") {
    RuleSet set;
    if (!pack_json.empty()) {
        set.add_pack_text(pack_json, "test.json");
    }
    apply_config(parse_config(config_json, ".", "test-config.json"), set);
    return set;
}

std::vector<std::string> values(const ScanReport& report) {
    std::vector<std::string> out;
    for (const Finding& f : report.findings) {
        out.push_back(f.value);
    }
    return out;
}

const std::string k_codenames = R"({"terms": [{"id": "org.codenames", "words": ["Bluefalcon",
    "Project Quillfeather", "ORCA-7", "a.b"], "category": "confidential", "severity": "high"}]})";

} // namespace

TEST_CASE("terms match as whole words in any case, with their exact span", "[terms]") {
    Harness h(with_terms(k_codenames));
    auto report = h.scan("x\nship BLUEFALCON and bluefalcon, not Bluefalcons, xBluefalcon or "
                         "bluefalcon_v2 or Bluefalcon2.\n");
    REQUIRE(values(report) == std::vector<std::string>{"BLUEFALCON", "bluefalcon"});
    const Finding& f = report.findings[0];
    CHECK(h.rules.rules()[f.rule].id == "org.codenames");
    CHECK(f.line == 2);
    CHECK(f.column == 6);
    CHECK(f.start_byte == 7);
    CHECK(f.end_byte == 17);
    CHECK(f.severity == Severity::high);
    CHECK(f.confidence == Confidence::high);
}

TEST_CASE("terms are literals: punctuation is matched as written, never as regex syntax",
          "[terms]") {
    Harness h(with_terms(k_codenames));
    CHECK(values(h.scan("see ORCA-7.")) == std::vector<std::string>{"ORCA-7"});
    CHECK(values(h.scan("see ORCA-77 or ORCA7")).empty());
    CHECK(values(h.scan("a.b and axb")) == std::vector<std::string>{"a.b"});
    CHECK(values(h.scan("Project Quillfeather")) ==
          std::vector<std::string>{"Project Quillfeather"});
    CHECK(values(h.scan("Project  Quillfeather")).empty()); // spaces are matched as written
}

TEST_CASE("terms at the very start and end of the input are found", "[terms]") {
    Harness h(with_terms(k_codenames));
    CHECK(values(h.scan("Bluefalcon")) == std::vector<std::string>{"Bluefalcon"});
    CHECK(values(h.scan("Bluefalcon x Bluefalcon")).size() == 2);
}

TEST_CASE("a case-sensitive term set matches only the spelling given", "[terms]") {
    Harness h(with_terms(R"({"terms": [{"id": "org.people", "words": ["JSmith"],
        "case_sensitive": true, "category": "pii", "severity": "low"}]})"));
    CHECK(values(h.scan("JSmith, jsmith, JSMITH")) == std::vector<std::string>{"JSmith"});
}

TEST_CASE("non-ASCII terms match their bytes; case folding is ASCII only", "[terms]") {
    Harness h(with_terms(R"({"terms": [{"id": "org.people", "words": ["Müller"],
        "category": "pii", "severity": "low"}]})"));
    CHECK(values(h.scan("Frau müller und Herr Müller")) ==
          std::vector<std::string>{"müller", "Müller"});
    CHECK(values(h.scan("Müllerin")).empty());
}

TEST_CASE("terms and patterns are found in the same scan", "[terms]") {
    Harness h(
        with_terms(k_codenames, pack_with("t.aws", R"("\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b")")));
    auto report = h.scan("Bluefalcon key AKIAQ3EGRHTQZLWYXV7N");
    REQUIRE(report.findings.size() == 2);
    CHECK(h.rules.rules()[report.findings[0].rule].id == "org.codenames");
    CHECK(h.rules.rules()[report.findings[1].rule].id == "t.aws");
}

TEST_CASE("a term in two sets is one finding: the surer, then the more severe set", "[terms]") {
    Harness h(with_terms(R"({"terms": [
        {"id": "org.a", "words": ["Atlas"], "category": "confidential", "severity": "low"},
        {"id": "org.b", "words": ["atlas"], "category": "confidential", "severity": "critical"}]})"));
    auto report = h.scan("the Atlas plan");
    REQUIRE(report.findings.size() == 1);
    CHECK(h.rules.rules()[report.findings[0].rule].id == "org.b");
}

TEST_CASE("a shorter term inside a longer one gives one finding: the longer", "[terms]") {
    Harness h(with_terms(R"({"terms": [{"id": "org.c", "words": ["Blue", "Blue Falcon"],
        "category": "confidential", "severity": "high"}]})"));
    CHECK(values(h.scan("the Blue Falcon plan")) == std::vector<std::string>{"Blue Falcon"});
}

TEST_CASE("terms crossing window boundaries are found once each", "[terms]") {
    Harness h(with_terms(k_codenames));
    std::string text;
    for (int i = 0; i < 3000; ++i) {
        text += "filler text ";
        text += (i % 3 == 0) ? "Bluefalcon " : "bluefalconx ";
    }
    ScanOptions small;
    small.limits.stream_window = 4096;
    auto report = h.scan(text, small);
    CHECK(report.findings.size() == 1000);
}

TEST_CASE("thousands of terms compile into one database and all are found", "[terms]") {
    std::string words;
    for (int i = 0; i < 5000; ++i) {
        words += fmt::format("{}\"Zq{}vex{}\"", i ? ", " : "", i * 7919 % 100000, i);
    }
    Harness h(with_terms(R"({"terms": [{"id": "org.many", "words": [)" + words +
                         R"(], "category": "confidential", "severity": "high"}]})"));
    auto report = h.scan("a Zq0vex0 b ZQ7919VEX1 c zq87081vex4999 d Zq1vex1");
    CHECK(values(report) == std::vector<std::string>{"Zq0vex0", "ZQ7919VEX1", "zq87081vex4999"});
}

TEST_CASE("the compiled-rule cache is keyed by the terms too", "[terms][cache]") {
    TempDir cache;
    const CacheSettings settings{true, cache.path};
    auto set_with = [](const std::string& word) {
        return with_terms(R"({"terms": [{"id": "org.x", "words": [")" + word +
                          R"("], "category": "confidential", "severity": "high"}]})");
    };
    const RuleSet a = set_with("Alphaword");
    const RuleSet b = set_with("Betaword");
    CHECK_FALSE(Database::build(a.rules(), settings).loaded_from_cache());
    CHECK(Database::build(a.rules(), settings).loaded_from_cache());
    const Database db = Database::build(b.rules(), settings);
    CHECK_FALSE(db.loaded_from_cache()); // same rule id, other words: never the stale database
    const auto report =
        Scanner(b.rules(), db, ScanOptions{}).scan_text("Alphaword Betaword", "t.txt");
    CHECK(values(report) == std::vector<std::string>{"Betaword"});

    RuleSet case_sensitive;
    apply_config(parse_config(R"({"terms": [{"id": "org.x", "words": ["alphaword"],
        "case_sensitive": true, "category": "confidential", "severity": "high"}]})",
                              ".", "c.json"),
                 case_sensitive);
    CHECK_FALSE(Database::build(case_sensitive.rules(), settings).loaded_from_cache());
}

TEST_CASE("term files: one term per line, comments, blanks, CRLF, BOM, duplicates", "[terms]") {
    TempDir dir;
    std::ofstream(dir.path / "names.txt", std::ios::binary)
        << "\xEF\xBB\xBF# customers\r\nHollowmere Logistics\r\n\r\n  Vantrell Bank  \r\n"
           "hollowmere logistics\r\n   # indented comment\nLast Line Without Newline";
    const std::string config = R"({"terms": [{"id": "org.customers", "files": ["names.txt"],
        "words": ["Vantrell Bank"], "category": "confidential", "severity": "medium"}]})";
    Config c = parse_config(config, dir.path, "c.json");
    REQUIRE(c.terms.size() == 1);
    CHECK(c.terms[0].terms->words == std::vector<std::string>{"vantrell bank",
                                                              "hollowmere logistics",
                                                              "last line without newline"});
    CHECK(c.terms[0].severity == Severity::medium);
    CHECK(c.terms[0].name == "Organisation term");
}
