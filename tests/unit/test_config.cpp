#include "promptlint/config.hpp"
#include "promptlint/digest.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.hpp"

using namespace promptlint;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using promptlint::test::Harness;
using promptlint::test::pack_with;
using promptlint::test::rules_from;
using promptlint::test::TempDir;

namespace {

Config parse(const std::string& text, const std::filesystem::path& base = ".") {
    return parse_config(text, base, "cfg.json");
}

// The message of the Error that parsing `text` throws ("" when it does not throw).
std::string error_of(const std::string& text, const std::filesystem::path& base = ".") {
    try {
        parse(text, base);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

// A pack of three rules in two categories, for disable and overrides.
RuleSet three_rules() {
    return rules_from(R"({"pack": "t", "version": 1, "rules": [
      {"id": "pii.network.ipv4", "name": "n", "category": "pii", "severity": "low",
       "confidence": "medium", "pattern": "\\b10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b",
       "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
      {"id": "pii.email", "name": "n", "category": "pii", "severity": "medium",
       "confidence": "high", "pattern": "[a-z]{1,20}@[a-z]{1,20}\\.com",
       "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]},
      {"id": "secret.marker", "name": "n", "category": "confidential", "severity": "high",
       "confidence": "high", "pattern": "\\bCONFIDENTIAL\\b",
       "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]}]})");
}

std::vector<std::string> ids(const RuleSet& set) {
    std::vector<std::string> out;
    for (const Rule& r : set.rules()) {
        out.push_back(r.id);
    }
    return out;
}

} // namespace

TEST_CASE("an empty configuration changes nothing", "[config]") {
    Config c = parse("{}");
    RuleSet set = three_rules();
    CHECK(apply_config(c, set).empty());
    CHECK(set.rules().size() == 3);
    CHECK_FALSE(c.fail_on);
    CHECK(c.allowlist->empty());
}

TEST_CASE("the starter file from `init` loads and changes nothing", "[config]") {
    Config c = parse(std::string(starter_config()));
    RuleSet set = three_rules();
    CHECK(apply_config(c, set).empty());
    CHECK(set.rules().size() == 3);
    CHECK(c.terms.empty());
    CHECK(c.disable.empty());
    CHECK_FALSE(c.fail_on);
    CHECK_FALSE(c.min_severity);
    CHECK(c.include.empty());
}

TEST_CASE("settings are read with the line they come from", "[config]") {
    Config c = parse(R"({
  // comments are allowed
  "fail_on": "high",
  "min_severity": "medium",
  /* block comments too */
  "min_confidence": "high",
  "exclude": ["vendor/", "*.min.js"],
  "disable": ["pii.network"]
})");
    REQUIRE(c.fail_on);
    CHECK(c.fail_on->value == Severity::high);
    CHECK(c.fail_on->origin == "cfg.json:3");
    CHECK(c.min_severity->value == Severity::medium);
    CHECK(c.min_confidence->value == Confidence::high);
    CHECK(c.min_confidence->origin == "cfg.json:6");
    REQUIRE(c.exclude.size() == 2);
    CHECK(c.exclude[1].value == "*.min.js");
    CHECK(c.disable[0].origin == "cfg.json:8");
}

TEST_CASE("errors name the file, the line and the key", "[config]") {
    CHECK_THAT(error_of("{\n  \"terms\": [],\n  \"exclud\": []\n}"),
               Equals("cfg.json:3: key 'exclud': unknown key (did you mean 'exclude'?)"));
    CHECK_THAT(error_of("{\"colour\": 1}"), Contains("unknown key; the keys here are packs, "));
    CHECK_THAT(error_of("{\n\"fail_on\": \"hgh\"}"),
               Equals("cfg.json:2: key 'fail_on': must be one of info, low, medium, high, "
                      "critical, not 'hgh'"));
    CHECK_THAT(error_of("{\"overrides\": {\n  \"pii\": {\n    \"severity\": \"x\"}}}"),
               StartsWith("cfg.json:3: key 'overrides.pii.severity': "));
    CHECK_THAT(error_of("{\"overrides\": {\"Not An Id\": {\"severity\": \"low\"}}}"),
               Contains("key 'overrides.Not An Id': not a category"));
    CHECK_THAT(error_of("{\"allowlist\": [\n{\"value\": \"a\"},\n{\"regex\": \"(x\"}]}"),
               StartsWith("cfg.json:3: key 'allowlist[1].regex': PCRE2 rejects the pattern"));
    CHECK_THAT(error_of("{\"allowlist\": [{\"value\": \"a\", \"regex\": \"b\"}]}"),
               Contains("exactly one of 'regex', 'value', 'fingerprint'"));
    CHECK_THAT(error_of("{\"allowlist\": [{\"fingerprint\": \"abc\"}]}"),
               Contains("key 'allowlist[0].fingerprint': a fingerprint looks like"));
    CHECK_THAT(error_of("{\"disable\": [\"Bad Id\"]}"),
               Contains("key 'disable[0]': 'Bad Id' is not a rule id"));
    CHECK_THAT(error_of("{\"exclude\": \"vendor/\"}"),
               Contains("key 'exclude': must be an array of strings"));
    CHECK_THAT(error_of("[]"), Contains("a configuration is a JSON object"));
    CHECK_THAT(error_of("{\n\"disable\": [\"x\",]\n}"), StartsWith("cfg.json:2:"));
    CHECK_THAT(error_of("{\"packs\": [\"no-such-pack.json\"]}"),
               Contains("key 'packs[0]': no such rule pack"));
}

TEST_CASE("term sets are checked key by key", "[config][terms]") {
    CHECK_THAT(error_of("{\"terms\": [\n{\"id\": \"org.x\", \"words\": [\"a\"], \"category\": "
                        "\"confidential\"}]}"),
               Equals("cfg.json:2: key 'terms[0]': missing key 'severity'"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"org.x\", \"words\": [\"a\"], \"category\": "
                        "\"confidential\", \"severity\": \"high\", \"colour\": 1}]}"),
               Contains("key 'terms[0].colour': unknown key"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"Org X\", \"words\": [\"a\"], \"category\": "
                        "\"confidential\", \"severity\": \"high\"}]}"),
               Contains("key 'terms[0].id': rule ids are dotted lower-case words"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"org.x\", \"category\": \"confidential\", "
                        "\"severity\": \"high\"}]}"),
               Contains("needs 'words', 'files' or both"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"org.x\", \"words\": [\"  \"], \"category\": "
                        "\"confidential\", \"severity\": \"high\"}]}"),
               Contains("key 'terms[0].words[0]': a term must not be empty"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"org.x\", \"words\": [\"a\\nb\"], \"category\": "
                        "\"confidential\", \"severity\": \"high\"}]}"),
               Contains("one line of printable text"));
    CHECK_THAT(error_of("{\"terms\": [{\"id\": \"org.x\", \"files\": [\"missing.txt\"], "
                        "\"category\": \"confidential\", \"severity\": \"high\"}]}"),
               Contains("key 'terms[0].files[0]': cannot read term file 'missing.txt'"));
}

TEST_CASE("a bad line in a term file is named by the file's own line", "[config][terms]") {
    TempDir dir;
    std::ofstream(dir.path / "t.txt") << "Good\n# fine\n" << std::string(300, 'x') << "\n";
    const std::string message = error_of(R"({"terms": [{"id": "org.x", "files": ["t.txt"],
        "category": "confidential", "severity": "high"}]})",
                                         dir.path);
    CHECK_THAT(message, Contains("t.txt:3: a term is at most 256 bytes"));
}

TEST_CASE("custom rules use the pack format and are named by their line", "[config]") {
    const std::string text = R"({
  "disable": ["org.ticket"],
  "rules": [
    {"id": "org.ticket", "name": "Ticket", "category": "confidential", "severity": "low",
     "confidence": "medium", "pattern": "\\bFALCON-\\d{2,6}\\b", "description": "d",
     "examples": ["FALCON-12", "FALCON-123"], "negative_examples": ["FALCON-1", "X"]}
  ]
})";
    Config c = parse(text);
    REQUIRE(c.rules.size() == 1);
    CHECK(c.rules[0].line == 4); // not line 2, where the id first appears
    CHECK(c.rules[0].pack == "config");
    CHECK_THAT(error_of(R"({"rules": [{"id": "org.t", "name": "n"}]})"),
               Contains("rule 'org.t': missing field 'category'"));
    CHECK_THAT(error_of("{\n\"rules\": {}}"),
               StartsWith("cfg.json:2: key 'rules': must be an array of rules"));
}

TEST_CASE("configuration adds rules and term sets to the loaded ones", "[config]") {
    Config c = parse(R"({"terms": [{"id": "org.names", "words": ["Bluefalcon"],
        "category": "confidential", "severity": "high"}]})");
    RuleSet set = three_rules();
    apply_config(c, set);
    CHECK(ids(set) ==
          std::vector<std::string>{"pii.network.ipv4", "pii.email", "secret.marker", "org.names"});
    RuleSet again = three_rules();
    Config clash = parse(R"({"terms": [{"id": "pii.email", "words": ["x"],
        "category": "confidential", "severity": "high"}]})");
    CHECK_THROWS_WITH(apply_config(clash, again), Contains("duplicate rule id"));
}

TEST_CASE("disable takes ids and dotted prefixes; no rule left is an error", "[config]") {
    RuleSet set = three_rules();
    auto warnings = apply_config(parse(R"({"disable": ["pii.network", "pii.nothing"]})"), set);
    CHECK(ids(set) == std::vector<std::string>{"pii.email", "secret.marker"});
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Equals("cfg.json:1: disable 'pii.nothing' matches no loaded rule"));

    RuleSet prefix_only = three_rules();
    apply_config(parse(R"({"disable": ["pii"]})"), prefix_only);
    CHECK(ids(prefix_only) == std::vector<std::string>{"secret.marker"});

    RuleSet not_a_prefix = three_rules();
    apply_config(parse(R"({"disable": ["pii.emai"]})"), not_a_prefix);
    CHECK(not_a_prefix.rules().size() == 3); // "pii.emai" is not a dotted prefix of pii.email

    RuleSet all = three_rules();
    CHECK_THROWS_WITH(apply_config(parse("{\n\"disable\": [\"pii\", \"secret\"]}"), all),
                      Equals("cfg.json:2: key 'disable': leaves no rule enabled"));
}

TEST_CASE("overrides: category, then prefix, then exact id, whatever the order", "[config]") {
    RuleSet set = three_rules();
    auto warnings = apply_config(parse(R"({"overrides": {
        "pii.email": {"severity": "critical"},
        "pii": {"severity": "info", "confidence": "low"},
        "confidential": {"severity": "low"},
        "pii.network": {"confidence": "high"},
        "org.none": {"severity": "low"}}})"),
                                 set);
    CHECK(set.find("pii.email")->severity == Severity::critical);
    CHECK(set.find("pii.email")->confidence == Confidence::low);
    CHECK(set.find("pii.network.ipv4")->severity == Severity::info);
    CHECK(set.find("pii.network.ipv4")->confidence == Confidence::high);
    CHECK(set.find("secret.marker")->severity == Severity::low);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains("override 'org.none' matches no loaded rule"));
}

TEST_CASE("allowlist entries: regex over the value, exact value, fingerprint", "[config]") {
    Config c = parse(R"({"allowlist": [
        {"regex": "^AKIA[A-Z0-9]{9}EXAMPLE$", "reason": "AWS documentation key"},
        {"value": "jane@example.com", "rules": ["pii"]},
        {"fingerprint": "v1:0123456789abcdef0123456789abcdef"}]})");
    const Allowlist& list = *c.allowlist;
    REQUIRE(list.entries().size() == 3);
    CHECK(list.entries()[1].origin == "cfg.json:3");
    CHECK(list.match("t.aws", "AKIAIOSFODNN7EXAMPLE", "v1:x") ==
          std::optional<std::string>("allowlist: AWS documentation key"));
    CHECK_FALSE(list.match("t.aws", "AKIAIOSFODNN7EXAMPLEX", "v1:x"));
    // Without a reason the label is the entry; an exact value is masked like any value.
    CHECK(list.match("pii.email", "jane@example.com", "v1:x") ==
          std::optional<std::string>("allowlist: jane************"));
    CHECK_FALSE(list.match("credentials.email", "jane@example.com", "v1:x"));
    CHECK_FALSE(list.match("pii.email", "jane@example.co", "v1:x"));
    CHECK(list.match("any", "v", "v1:0123456789abcdef0123456789abcdef") ==
          std::optional<std::string>("allowlist: v1:0123456789abcdef0123456789abcdef"));
}

TEST_CASE("allowlisted findings are suppressed and counted, like inline ones", "[config]") {
    Harness h(rules_from(pack_with("t.aws", R"("\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b")")));
    const std::string fp = fingerprint("t.aws", "t.txt", "AKIAQ3EGRHTQZLWYXV7N");
    Config c = parse(R"({"allowlist": [
        {"regex": "EXAMPLE$", "reason": "documentation keys"},
        {"fingerprint": ")" +
                     fp + R"("}]})");
    ScanOptions options;
    options.allowlist = c.allowlist.get();
    auto report =
        h.scan("a AKIAIOSFODNN7EXAMPLE b AKIAQ3EGRHTQZLWYXV7N c ASIAY34FZKBOKMUTVV7A", options);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].value == "ASIAY34FZKBOKMUTVV7A");
    REQUIRE(report.suppressed.size() == 2);
    CHECK(report.suppressed[0].suppressed_by == "allowlist: documentation keys");
    CHECK(report.suppressed[1].suppressed_by == "allowlist: " + fp);
}

TEST_CASE("include and exclude judge paths relative to the configuration's folder", "[config]") {
    TempDir dir;
    std::ofstream(dir.path / ".promptlint.json") << "{}";
    Config c = parse(R"({"exclude": ["vendor/", "*.min.js", "/build"],
                         "include": ["src/", "*.md"]})");
    c.file = dir.path / ".promptlint.json";
    const PathFilter filter(c);
    REQUIRE(filter.active());
    const auto& base = dir.path;
    CHECK(filter.excluded(base / "vendor", true));
    CHECK(filter.excluded(base / "src/vendor/x.txt", false)); // folders are judged too
    CHECK(filter.excluded(base / "src/app.min.js", false));
    CHECK(filter.excluded(base / "build", true));
    CHECK_FALSE(filter.excluded(base / "src/build", true)); // "/build" is anchored
    CHECK_FALSE(filter.excluded(base / "src/app.js", false));
    CHECK_FALSE(filter.excluded(base / "docs/guide.md", false));
    CHECK(filter.excluded(base / "docs/guide.txt", false)); // not included
    CHECK_FALSE(filter.excluded(base / "docs", true));      // may hold included files
    CHECK_FALSE(filter.excluded(base.parent_path() / "elsewhere.txt", false));
}

TEST_CASE("without a configuration file, nothing is filtered", "[config]") {
    Config c = parse(R"({"exclude": ["*.txt"]})");
    CHECK_FALSE(PathFilter(c).active());
    CHECK_FALSE(PathFilter(c).excluded("x/a.txt", false));
}

TEST_CASE("a walk never scans the configuration file or its term files", "[config]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path / "lists");
    std::ofstream(dir.path / "lists/names.txt") << "Hollowmere\n";
    std::ofstream(dir.path / ".promptlint.json") << R"({"terms": [{"id": "org.n",
        "files": ["lists/names.txt"], "category": "confidential", "severity": "high"}]})";
    const auto file = dir.path / ".promptlint.json";
    const PathFilter filter(load_config(file, file.string()));
    REQUIRE(filter.active());
    CHECK(filter.excluded(file, false));
    CHECK(filter.excluded(dir.path / "lists/../lists/names.txt", false));
    CHECK_FALSE(filter.excluded(dir.path / "lists", true));
    CHECK_FALSE(filter.excluded(dir.path / "lists/other.txt", false));
}

TEST_CASE("the configuration is found walking up, but not past the repository root", "[config]") {
    TempDir dir;
    const auto root = dir.path / "repo";
    std::filesystem::create_directories(root / "a/b/c");
    std::filesystem::create_directories(root / ".git");
    CHECK_FALSE(find_config(root / "a/b/c"));
    std::ofstream(dir.path / ".promptlint.json") << "{}"; // above the repository: not used
    CHECK_FALSE(find_config(root / "a/b/c"));
    std::ofstream(root / "a/.promptlint.json") << "{}";
    auto found = find_config(root / "a/b/c");
    REQUIRE(found);
    CHECK(found->second == "../../.promptlint.json");
    CHECK(std::filesystem::equivalent(found->first, root / "a/.promptlint.json"));
    std::ofstream(root / "a/b/c/.promptlint.json") << "{}"; // the nearest wins
    CHECK(find_config(root / "a/b/c")->second == ".promptlint.json");
}

TEST_CASE("a configuration file is read from disk with paths relative to it", "[config]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path / "cfg/lists");
    std::ofstream(dir.path / "cfg/lists/names.txt") << "Hollowmere\n";
    std::ofstream(dir.path / "cfg/p.json") << R"({"terms": [{"id": "org.n",
        "files": ["lists/names.txt"], "category": "confidential", "severity": "high"}]})";
    const auto file = dir.path / "cfg/p.json";
    Config c = load_config(file, file.string());
    REQUIRE(c.terms.size() == 1);
    CHECK(c.terms[0].terms->words == std::vector<std::string>{"hollowmere"});
    CHECK(c.terms[0].source == file.string());
    CHECK_THROWS_WITH(load_config(dir.path / "none.json", "none.json"),
                      Contains("cannot read the configuration"));
    CHECK_THROWS_WITH(load_config(dir.path / "cfg", "cfg"), Contains("is a folder"));
}
