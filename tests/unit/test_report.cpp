#include "promptlint/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::Harness;
using promptlint::test::pack_with;
using promptlint::test::rules_from;

namespace {
const std::string k_secret = "AKIAQ3EGRHTQZLWYXV7N";

std::string render(const Harness& h, const ScanReport& report, Format format, bool show) {
    std::ostringstream out;
    make_reporter(format, h.rules.rules(), ReportOptions{show, false})->write(report, out);
    return out.str();
}
} // namespace

TEST_CASE("no report format prints a value in full unless asked to", "[report]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto report = h.scan("a " + k_secret + " b " + k_secret + "\n");
    REQUIRE(report.findings.size() == 2);
    for (Format format : {Format::text, Format::json}) {
        CHECK(render(h, report, format, false).find(k_secret) == std::string::npos);
        CHECK(render(h, report, format, false).find("AKIA") != std::string::npos);
        CHECK(render(h, report, format, true).find(k_secret) != std::string::npos);
    }
}

TEST_CASE("the JSON report has the documented fields in a stable order", "[report]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto doc =
        nlohmann::ordered_json::parse(render(h, h.scan("x\n  " + k_secret), Format::json, false));
    std::vector<std::string> keys;
    for (const auto& [k, v] : doc.items()) {
        keys.push_back(k);
    }
    CHECK(keys ==
          std::vector<std::string>{"schema_version", "tool", "findings", "errors", "stats"});
    const auto& f = doc["findings"][0];
    std::vector<std::string> fields;
    for (const auto& [k, v] : f.items()) {
        fields.push_back(k);
    }
    CHECK(fields == std::vector<std::string>{"rule_id", "rule_name", "category", "severity",
                                             "confidence", "path", "line", "column", "end_line",
                                             "end_column", "start_byte", "end_byte", "preview",
                                             "fingerprint", "validators", "context"});
    CHECK(f["line"] == 2);
    CHECK(f["column"] == 3);
    CHECK(f["end_column"] == 23);
    CHECK(f["start_byte"] == 4);
    CHECK(f["end_byte"] == 24);
    CHECK(f["preview"] == "AKIA************");
    CHECK(doc["stats"]["by_severity"]["high"] == 1);
}

TEST_CASE("the text report masks every value on the line and marks the one reported", "[report]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto text = render(h, h.scan("k=" + k_secret + " j=" + k_secret), Format::text, false);
    CHECK_THAT(text, Catch::Contains("t.txt:1:3  high      t.aws  n\n"
                                     "    k=AKIA**************** j=AKIA****************\n"
                                     "      ^^^^^^^^^^^^^^^^^^^^\n"));
    CHECK_THAT(text, Catch::Contains("    k=AKIA**************** j=AKIA****************\n"
                                     "                             ^^^^^^^^^^^^^^^^^^^^\n"));
    CHECK_THAT(text, Catch::EndsWith("2 findings (2 high) in 1 input, 45 bytes scanned.\n"));
}
