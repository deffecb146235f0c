#include "promptlint/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
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
    make_reporter(format, h.rules.rules(), ReportOptions{show, false}, out)->write(report);
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

TEST_CASE("the JSON report is laid out and escaped exactly as the JSON library lays it out",
          "[report]") {
    // The JSON reporter writes findings directly, for speed; re-dumping its document with the
    // library must give the same bytes, whatever the paths and values hold.
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    const std::vector<std::string> hostile = {"plain",
                                              "quote \" and \\ backslash",
                                              "tab\tnew\nline\rcr\b\f",
                                              std::string("nul\0byte", 8),
                                              "\x01\x1f\x7f del",
                                              "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91",
                                              "bad \xff\xfe utf-8",
                                              "C:\\Users\\me",
                                              "say \"hi\"",
                                              "cut \xe2\x82",
                                              "lone \x80 continuation",
                                              "overlong \xc0\xaf",
                                              "",
                                              "emoji\xf0\x9f"};
    ScanReport report;
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        Finding f;
        f.rule = 0;
        f.path = hostile[i];
        f.start_byte = i;
        f.end_byte = i + 20;
        f.line = i + 1;
        f.column = 1;
        f.end_line = i + 1;
        f.end_column = 21;
        f.value = hostile[(i + 3) % hostile.size()];
        f.fingerprint = "v1:00";
        f.validators_passed = {hostile[(i + 1) % hostile.size()]};
        if (i % 2 == 0) {
            f.context_found = {"word", hostile[(i + 2) % hostile.size()]};
        }
        f.normalized = i % 3 == 0;
        if (i % 4 == 1) {
            f.suppressed_by = "allowlist: " + hostile[(i + 5) % hostile.size()];
            report.suppressed.push_back(f);
        } else {
            report.findings.push_back(f);
        }
    }
    for (bool show : {false, true}) {
        std::ostringstream out;
        make_reporter(Format::json, h.rules.rules(), ReportOptions{show, false, true}, out)
            ->write(report);
        const auto doc = nlohmann::ordered_json::parse(out.str());
        CHECK(doc["findings"].size() == report.findings.size());
        CHECK(doc["suppressed"].size() == report.suppressed.size());
        CHECK(out.str() ==
              doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    }
    for (const bool with_suppressed : {false, true}) {
        std::ostringstream out;
        make_reporter(Format::json, h.rules.rules(), ReportOptions{true, false, with_suppressed},
                      out)
            ->write(ScanReport{});
        const auto doc = nlohmann::ordered_json::parse(out.str());
        CHECK(out.str() == doc.dump(2) + "\n");
    }
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

TEST_CASE("a value stays masked on every drawn line, however far along the line it is and "
          "whether or not it was suppressed",
          "[report]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    const std::string a = "AKIAQ3EGRHTQZLWYXV7N";
    const std::string b = "AKIAZ2Y3X4W5V6U7T6S5";
    const std::string c = "AKIAB2C3D4E5F6G7H2J3";
    // The first line drawn shows all three values: the third arrives after the first is found.
    auto report = h.scan("one " + a + " two " + b + std::string(60, '.') + " three " + c + "\n");
    REQUIRE(report.findings.size() == 3);
    report.findings[1].suppressed_by = "baseline";
    report.suppressed.push_back(report.findings[1]);
    report.findings.erase(report.findings.begin() + 1);
    for (bool show_suppressed : {false, true}) {
        std::ostringstream out;
        make_reporter(Format::text, h.rules.rules(), ReportOptions{false, false, show_suppressed},
                      out)
            ->write(report);
        for (const std::string& value : {a, b, c}) {
            CHECK(out.str().find(value) == std::string::npos);
        }
        CHECK((out.str().find("Suppressed:") != std::string::npos) == show_suppressed);
    }
}

TEST_CASE("a report written while several threads scan is the same as with one thread",
          "[report]") {
    promptlint::test::TempDir dir;
    Discovery inputs;
    for (int i = 0; i < 30; ++i) {
        auto p = dir.path / ("f" + std::to_string(100 + i) + ".txt");
        std::ofstream file(p);
        // Sizes differ widely, so inputs finish out of order.
        for (int k = 0; k < (i % 7) * 300; ++k) {
            file << "filler line " << k << (k % 97 == 0 ? " k=" + k_secret : "") << '\n';
        }
        inputs.items.push_back(InputItem::file(p.filename().string(), p, false));
    }
    inputs.items.push_back(InputItem::file("missing.txt", dir.path / "missing.txt", true));
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto render_with = [&](unsigned threads, Format format) {
        ScanOptions options;
        options.threads = threads;
        std::ostringstream out;
        auto reporter = make_reporter(format, h.rules.rules(), ReportOptions{}, out);
        reporter->finish(Scanner(h.rules.rules(), h.db, options).scan(inputs, *reporter));
        return out.str();
    };
    for (Format format : {Format::text, Format::json, Format::github}) {
        const std::string one = render_with(1, format);
        // The text report leaves errors to stderr; it only counts them.
        CHECK(one.find(format == Format::text ? "1 input could not be read" : "missing.txt") !=
              std::string::npos);
        CHECK(one.find("AKIA") != std::string::npos);
        CHECK(render_with(3, format) == one);
    }
}
