#include "promptlint/suppress.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;

TEST_CASE("promptlint:ignore silences its own line, in any comment syntax", "[suppress]") {
    const std::string id = "credentials.aws.access-key-id";
    for (std::string line : {"k = 'AKIA…'  # promptlint:ignore", "k = 1; // PROMPTLINT:IGNORE",
                             "<!-- promptlint:ignore --> AKIA…", "{# promptlint:ignore #} x"}) {
        CHECK(inline_suppression(line, "", id) == std::optional<std::string>("promptlint:ignore"));
    }
    CHECK_FALSE(inline_suppression("k = 1  # promptlint:ignored", "", id));
    CHECK_FALSE(inline_suppression("k = 1", "# promptlint:ignore", id));
}

TEST_CASE("ignore-next-line silences only the following line", "[suppress]") {
    const std::string id = "pii.email.address";
    CHECK(inline_suppression("mail bob@acme.io", "# promptlint:ignore-next-line", id) ==
          std::optional<std::string>("promptlint:ignore-next-line"));
    CHECK_FALSE(inline_suppression("x # promptlint:ignore-next-line", "", id));
    CHECK(inline_suppression("s3cr3t", "# pragma: allowlist nextline secret", id));
}

TEST_CASE("directives with rule ids silence those ids and the ids below them", "[suppress]") {
    const std::string aws = "credentials.aws.access-key-id";
    CHECK(inline_suppression("x # promptlint:ignore credentials.aws.access-key-id", "", aws));
    CHECK(inline_suppression("x # promptlint:ignore credentials.aws", "", aws));
    CHECK(inline_suppression("x # promptlint:ignore pii.email.address, credentials", "", aws));
    CHECK(inline_suppression("x <!-- promptlint:ignore credentials.aws-->", "", aws));
    CHECK_FALSE(inline_suppression("x # promptlint:ignore pii.email.address", "", aws));
    CHECK_FALSE(inline_suppression("x # promptlint:ignore credentials.awsx", "", aws));
    // Prose after the directive is not a list of rule ids.
    CHECK(inline_suppression("x # promptlint:ignore test fixture", "", aws));
}

TEST_CASE("the other tools' tokens are honoured so teams can switch", "[suppress]") {
    for (std::string line :
         {"x # gitleaks:allow", "x # pragma: allowlist secret", "x // trufflehog:ignore"}) {
        CHECK(inline_suppression(line, "", "credentials.any"));
    }
}

TEST_CASE("a baseline is sorted, one entry per line, and keeps reasons", "[suppress]") {
    Baseline b = Baseline::from_entries({{"v1:bb", "r.two", "b.txt", ""},
                                         {"v1:aa", "r.one", "a.txt", "test fixture"},
                                         {"v1:bb", "r.two", "b.txt", ""}});
    CHECK(b.to_json() ==
          "{\n  \"version\": 1,\n  \"findings\": [\n"
          "    {\"fingerprint\":\"v1:aa\",\"rule_id\":\"r.one\",\"path\":\"a.txt\",\"reason\":"
          "\"test fixture\"},\n"
          "    {\"fingerprint\":\"v1:bb\",\"rule_id\":\"r.two\",\"path\":\"b.txt\"}\n  ]\n}\n");
    REQUIRE(b.find("v1:aa"));
    CHECK(b.find("v1:aa")->reason == "test fixture");
    CHECK_FALSE(b.find("v1:cc"));
    CHECK(Baseline::from_entries({}).to_json() == "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
}

TEST_CASE("a baseline file round-trips; a bad one is an error, never an empty baseline",
          "[suppress]") {
    promptlint::test::TempDir dir;
    const auto path = dir.path / "b.json";
    std::ofstream(path) << Baseline::from_entries({{"v1:aa", "r", "p", "why"}}).to_json();
    CHECK(Baseline::load(path).find("v1:aa")->reason == "why");
    std::ofstream(path, std::ios::trunc) << "{\"version\": 1, \"findings\": [{\"rule\": 1}]}";
    CHECK_THROWS_WITH(Baseline::load(path),
                      Catch::EndsWith("not a promptlint baseline: every entry needs a string "
                                      "'fingerprint'"));
    std::ofstream(path, std::ios::trunc) << "{\"version\": 1,\n \"findings\": [}";
    CHECK_THROWS_WITH(Baseline::load(path), Catch::EndsWith(":2:15: invalid baseline JSON"));
    CHECK_THROWS_AS(Baseline::load(dir.path / "missing.json"), Error);
}

TEST_CASE("the scanner marks suppressed findings and keeps them apart", "[suppress][scanner]") {
    using promptlint::test::Harness;
    Harness h(promptlint::test::rules_from(
        promptlint::test::pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto report = h.scan("a AKIAQ3EGRHTQZLWYXV7N\n"
                         "b AKIAQ3EGRHTQZLWYXV7N # promptlint:ignore\n"
                         "# promptlint:ignore-next-line t.aws\n"
                         "c AKIAQ3EGRHTQZLWYXV7N\n");
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].line == 1);
    REQUIRE(report.suppressed.size() == 2);
    CHECK(report.suppressed[0].suppressed_by == "promptlint:ignore");
    CHECK(report.suppressed[1].suppressed_by == "promptlint:ignore-next-line");
    CHECK(report.suppressed[1].line == 4);

    Baseline baseline = Baseline::from_entries({{report.findings[0].fingerprint, "t.aws", "", ""}});
    ScanOptions options;
    options.baseline = &baseline;
    auto again = Scanner(h.rules.rules(), h.db, options)
                     .scan_text("\n\nmoved AKIAQ3EGRHTQZLWYXV7N", "t.txt");
    CHECK(again.findings.empty());
    REQUIRE(again.suppressed.size() == 1);
    CHECK(again.suppressed[0].suppressed_by == "baseline");
}
