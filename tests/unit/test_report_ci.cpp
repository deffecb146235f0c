// The CI reporters: SARIF (code scanning), GitHub Actions workflow commands, JUnit XML.
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

// One rule per severity, in severity order from critical down, with help text and a reference.
RuleSet severity_rules() {
    std::string rules;
    for (const char* severity : {"critical", "high", "medium", "low", "info"}) {
        if (!rules.empty()) {
            rules += ",";
        }
        rules += std::string(R"({"id": "t.)") + severity + R"(", "name": "Rule )" + severity +
                 R"(", "category": "credential", "severity": ")" + severity +
                 R"(", "confidence": "high", "pattern": "K[0-9]{4}",
                 "description": "A test key.", "remediation": "Rotate it.",
                 "references": ["https://example.org/keys"],
                 "examples": ["K1234", "K9876"], "negative_examples": ["K12", "k1234"]})";
    }
    return rules_from(R"({"pack": "t", "version": 1, "rules": [)" + rules + "]}");
}

Finding finding(std::size_t rule, std::string path, std::string value, Severity severity) {
    Finding f;
    f.rule = rule;
    f.path = std::move(path);
    f.value = std::move(value);
    f.severity = severity;
    f.confidence = Confidence::high;
    f.line = 3;
    f.column = 5;
    f.end_line = 3;
    f.end_column = 5 + static_cast<std::uint64_t>(f.value.size());
    f.fingerprint = "v1:00112233445566778899aabbccddeeff";
    return f;
}

std::string render(const std::vector<Rule>& rules, const ScanReport& report, Format format,
                   bool show_secrets = false) {
    std::ostringstream out;
    make_reporter(format, rules, ReportOptions{show_secrets, false}, out)->write(report);
    return out.str();
}

nlohmann::json sarif(const std::vector<Rule>& rules, const ScanReport& report) {
    return nlohmann::json::parse(render(rules, report, Format::sarif));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("the CI formats are chosen by name on the command line", "[report][ci]") {
    CHECK(parse_format("sarif") == Format::sarif);
    CHECK(parse_format("github") == Format::github);
    CHECK(parse_format("junit") == Format::junit);
    CHECK_FALSE(parse_format("SARIF").has_value());
    CHECK_FALSE(parse_format("xml").has_value());
}

TEST_CASE("no CI format prints a value in full unless asked to", "[report][ci]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")")));
    auto report = h.scan("a " + k_secret + "\nb " + k_secret + "\n");
    REQUIRE(report.findings.size() == 2);
    for (Format format : {Format::sarif, Format::github, Format::junit}) {
        INFO("format " << static_cast<int>(format));
        const std::string masked = render(h.rules.rules(), report, format);
        CHECK(masked.find(k_secret) == std::string::npos);
        CHECK(masked.find("AKIA************") != std::string::npos);
        CHECK(render(h.rules.rules(), report, format, true).find(k_secret) != std::string::npos);
    }
}

TEST_CASE("SARIF lists every rule with help text and a default level from its severity",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    const auto doc = sarif(set.rules(), ScanReport{});
    CHECK(doc["version"] == "2.1.0");
    CHECK(doc["$schema"].get<std::string>().ends_with("sarif-schema-2.1.0.json"));
    const auto& driver = doc["runs"][0]["tool"]["driver"];
    CHECK(driver["name"] == "promptlint");
    CHECK(driver["version"].is_string());
    CHECK(driver["informationUri"].get<std::string>().starts_with("https://"));
    const auto& rules = driver["rules"];
    REQUIRE(rules.size() == 5);
    const std::vector<std::string> levels{"error", "error", "warning", "note", "note"};
    for (std::size_t i = 0; i < rules.size(); ++i) {
        CHECK(rules[i]["id"] == set.rules()[i].id);
        CHECK(rules[i]["defaultConfiguration"]["level"] == levels[i]);
        CHECK(rules[i]["properties"]["severity"] == to_string(set.rules()[i].severity));
    }
    CHECK(rules[0]["name"] == "RuleCritical");
    CHECK(rules[0]["shortDescription"]["text"] == "Rule critical");
    CHECK(rules[0]["fullDescription"]["text"] == "A test key.");
    CHECK_THAT(rules[0]["help"]["text"].get<std::string>(),
               Catch::Contains("A test key.") && Catch::Contains("Remediation: Rotate it.") &&
                   Catch::Contains("https://example.org/keys"));
    CHECK(rules[0]["helpUri"] == "https://example.org/keys");
    CHECK(rules[0]["properties"]["category"] == "credential");
    CHECK(rules[0]["properties"]["confidence"] == "high");
    CHECK(rules[0]["properties"]["security-severity"] == "9.5");
    CHECK_FALSE(rules[4]["properties"].contains("security-severity"));
}

TEST_CASE("SARIF results carry the rule, a level, a region with an exclusive end and the "
          "fingerprint",
          "[report][ci][sarif]") {
    Harness h(rules_from(pack_with("t.aws", R"("AKIA[A-Z2-7]{16}")", "", "medium")));
    const ScanReport report = h.scan("x\n  " + k_secret + " y");
    REQUIRE(report.findings.size() == 1);
    const auto doc = sarif(h.rules.rules(), report);
    const auto& run = doc["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
    CHECK_FALSE(run["invocations"][0].contains("toolExecutionNotifications"));
    REQUIRE(run["results"].size() == 1);
    const auto& r = run["results"][0];
    CHECK(r["ruleId"] == "t.aws");
    CHECK(r["ruleIndex"] == 0);
    CHECK(r["level"] == "warning");
    CHECK(r["message"]["text"] == "n: AKIA************ (medium severity, medium confidence)");
    const auto& location = r["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "t.txt");
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    const auto& region = location["region"];
    CHECK(region["startLine"] == 2);
    CHECK(region["startColumn"] == 3);
    CHECK(region["endLine"] == 2);
    CHECK(region["endColumn"] == 23); // 20 characters from column 3: one past the last
    CHECK(r["partialFingerprints"]["promptlintFingerprint/v1"] == report.findings[0].fingerprint);
    CHECK(r["properties"]["category"] == "credential");
}

TEST_CASE("SARIF results take their level from the finding, not only from the rule",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.findings.push_back(finding(0, "a.txt", "K1234", Severity::low));
    const auto doc = sarif(set.rules(), report);
    CHECK(doc["runs"][0]["results"][0]["level"] == "note");
    CHECK(doc["runs"][0]["results"][0]["ruleIndex"] == 0);
}

TEST_CASE("SARIF artifact URIs are URI references: stdin, percent-encoding, absolute paths",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    for (const char* path : {"-", "./notes/a b%#?.txt", "/tmp/x:y.txt", "dir/\xff\xfe.txt"}) {
        report.findings.push_back(finding(1, path, "K1234", Severity::high));
    }
    const auto doc = sarif(set.rules(), report);
    const auto& results = doc["runs"][0]["results"];
    auto location = [&](std::size_t i) {
        return results[i]["locations"][0]["physicalLocation"]["artifactLocation"];
    };
    CHECK(location(0)["uri"] == "stdin");
    CHECK_FALSE(location(0).contains("uriBaseId"));
    CHECK(location(1)["uri"] == "notes/a%20b%25%23%3F.txt");
    CHECK(location(2)["uri"] == "file:///tmp/x%3Ay.txt");
    CHECK_FALSE(location(2).contains("uriBaseId"));
    CHECK(location(3)["uri"] == "dir/%FF%FE.txt");
}

TEST_CASE("SARIF reports unreadable inputs as failed-execution notifications",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.errors.push_back({"gone.txt", "No such file or directory"});
    const auto doc = sarif(set.rules(), report);
    const auto& invocation = doc["runs"][0]["invocations"][0];
    CHECK(invocation["executionSuccessful"] == false);
    REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
    const auto& note = invocation["toolExecutionNotifications"][0];
    CHECK(note["level"] == "error");
    CHECK(note["message"]["text"] == "gone.txt: No such file or directory");
    CHECK(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "gone.txt");
    CHECK(doc["runs"][0]["results"].empty());
}

TEST_CASE("SARIF stays valid JSON when paths and values are not valid UTF-8",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.findings.push_back(finding(0, "bad\xc3.txt",
                                      "K1\xff\xfe\xfd\xfc\xfb\xfa"
                                      "234567890123456",
                                      Severity::critical));
    std::ostringstream out;
    make_reporter(Format::sarif, set.rules(), ReportOptions{true, false}, out)->write(report);
    CHECK_NOTHROW(nlohmann::json::parse(out.str()));
}

TEST_CASE("github: one workflow command per finding, severity mapped to error, warning, notice",
          "[report][ci][github]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    const Severity severities[] = {Severity::critical, Severity::high, Severity::medium,
                                   Severity::low, Severity::info};
    for (std::size_t i = 0; i < 5; ++i) {
        report.findings.push_back(finding(i, "p/a.txt", "K1234", severities[i]));
        ++report.stats.by_severity[static_cast<std::size_t>(severities[i])];
    }
    report.stats.files_scanned = 1;
    const auto lines = lines_of(render(set.rules(), report, Format::github));
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] == "::error file=p/a.txt,line=3,col=5,endLine=3,endColumn=10,title=t.critical"
                      "::p/a.txt:3:5: Rule critical: ***** (critical severity, high confidence)");
    CHECK(lines[1].starts_with("::error file=p/a.txt,"));
    CHECK(lines[2].starts_with("::warning file=p/a.txt,"));
    CHECK(lines[3].starts_with("::notice file=p/a.txt,"));
    CHECK(lines[4].starts_with("::notice file=p/a.txt,"));
    CHECK(lines[5] == "promptlint: 5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info) in 1 "
                      "input.");
}

TEST_CASE("github: properties and messages are escaped as the runner expects",
          "[report][ci][github]") {
    const RuleSet set = rules_from(
        R"({"pack": "t", "version": 1, "rules": [{"id": "t.odd", "name": "50%, really:\nyes",
        "category": "pii", "severity": "medium", "confidence": "low", "pattern": "K[0-9]{4}",
        "description": "d", "examples": ["K1234", "K9876"], "negative_examples": ["a", "b"]}]})");
    ScanReport report;
    report.findings.push_back(finding(0, "dir,1/a:b%.txt", "K1234", Severity::medium));
    report.errors.push_back({"x,y.txt", "Permission denied"});
    const auto lines = lines_of(render(set.rules(), report, Format::github));
    REQUIRE(lines.size() == 3);
    // Control characters (the line break in the name) are neutralised before escaping.
    CHECK(lines[0] ==
          "::warning file=dir%2C1/a%3Ab%25.txt,line=3,col=5,endLine=3,endColumn=10,title=t.odd::"
          "dir,1/a:b%25.txt:3:5: 50%25, really:?yes: ***** (medium severity, high confidence)");
    CHECK(lines[1] == "::error title=promptlint%3A input not read::x,y.txt: Permission denied");
    CHECK_THAT(lines[2], Catch::EndsWith("1 input could not be read."));
}

TEST_CASE("github: stdin has no file to annotate, and multi-line findings carry no columns",
          "[report][ci][github]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.findings.push_back(finding(0, "-", "K1234", Severity::critical));
    Finding multi = finding(0, "a.txt", "K12\n34", Severity::critical);
    multi.end_line = 4;
    multi.end_column = 3;
    report.findings.push_back(multi);
    const auto lines = lines_of(render(set.rules(), report, Format::github, true));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "::error title=t.critical::stdin:3:5: Rule critical: K1234 (critical "
                      "severity, high confidence)");
    // A value shown with --show-secrets cannot break the command or drive the terminal.
    CHECK(lines[1] == "::error file=a.txt,line=3,endLine=4,title=t.critical::a.txt:3:5: Rule "
                      "critical: K12?34 (critical severity, high confidence)");
}

TEST_CASE("junit: one suite per input, one failing test case per rule found in it",
          "[report][ci][junit]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.findings.push_back(finding(1, "a.txt", "K1234", Severity::high));
    report.findings.push_back(finding(1, "a.txt", "K5678", Severity::critical));
    report.findings.push_back(finding(2, "a.txt", "K5678", Severity::medium));
    report.findings.push_back(finding(3, "-", "K9999", Severity::low));
    report.stats.files_scanned = 4;
    report.errors.push_back({"gone.txt", "No such file or directory"});
    const std::string xml = render(set.rules(), report, Format::junit);
    CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<testsuites name=\"promptlint\" tests=\"5\" failures=\"3\" "
                          "errors=\"1\">\n"
                          "  <testsuite name=\"a.txt\" tests=\"2\" failures=\"2\" errors=\"0\" "
                          "skipped=\"0\">\n"
                          "    <testcase name=\"t.high\" classname=\"a.txt\" file=\"a.txt\">\n"
                          "      <failure type=\"critical\" message=\"Rule high: 2 findings "
                          "(critical severity)\">a.txt:3:5  high  high confidence  *****\n"
                          "a.txt:3:5  critical  high confidence  *****</failure>\n"));
    CHECK_THAT(xml, Catch::Contains("<testsuite name=\"stdin\" tests=\"1\" failures=\"1\""));
    CHECK_THAT(xml, Catch::Contains("<testcase name=\"t.low\" classname=\"stdin\">"));
    CHECK_THAT(xml, Catch::Contains("<testcase name=\"read\" classname=\"gone.txt\">\n"
                                    "      <error type=\"input-error\" message=\"gone.txt: No "
                                    "such file or directory\"/>"));
    CHECK_THAT(xml, Catch::Contains("<testcase name=\"inputs without findings\" "
                                    "classname=\"promptlint\">\n"
                                    "      <system-out>2 inputs scanned without findings"));
    CHECK(xml.ends_with("</testsuites>\n"));
}

TEST_CASE("junit: a clean scan is one passing test case", "[report][ci][junit]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.stats.files_scanned = 3;
    const std::string xml = render(set.rules(), report, Format::junit);
    CHECK_THAT(xml, Catch::Contains("<testsuites name=\"promptlint\" tests=\"1\" failures=\"0\" "
                                    "errors=\"0\">"));
    CHECK_THAT(xml, Catch::Contains("3 inputs scanned without findings"));
    CHECK(xml.find("<failure") == std::string::npos);
}

TEST_CASE("junit: markup, control characters and invalid UTF-8 are escaped or replaced",
          "[report][ci][junit]") {
    const RuleSet set = severity_rules();
    ScanReport report;
    report.findings.push_back(
        finding(0, "<a&b>\"'\x01\xff\xc3(.txt", "<&>\"'K1234\x02\xe2\x82", Severity::critical));
    const std::string xml = render(set.rules(), report, Format::junit, true);
    const std::string name = "&lt;a&amp;b&gt;&quot;&apos;?\xEF\xBF\xBD\xEF\xBF\xBD(.txt";
    CHECK_THAT(xml, Catch::Contains("<testsuite name=\"" + name + "\""));
    CHECK_THAT(xml, Catch::Contains("file=\"" + name + "\""));
    CHECK_THAT(xml, Catch::Contains("&lt;&amp;&gt;&quot;&apos;K1234?\xEF\xBF\xBD\xEF\xBF\xBD<"));
    for (char c : xml) {
        const auto u = static_cast<unsigned char>(c);
        CHECK((u >= 0x20 || c == '\n'));
    }
    CHECK(xml.find('\xff') == std::string::npos);
}

TEST_CASE("SARIF streams its results laid out exactly as a whole-document dump would be",
          "[report][ci][sarif]") {
    const RuleSet set = severity_rules();
    for (std::size_t n : {0U, 1U, 3U}) {
        ScanReport report;
        for (std::size_t i = 0; i < n; ++i) {
            report.findings.push_back(finding(i, "a.txt", "K1234", Severity::high));
        }
        const std::string text = render(set.rules(), report, Format::sarif);
        CHECK(text == nlohmann::ordered_json::parse(text).dump(2) + "\n");
    }
}
