// The credential rules stay quiet on real public text: licences, man pages, Debian changelogs
// and Python standard-library sources (bundled in tests/data/clean-credentials, see its
// README), full of "password", "token", "secret" and "key" in their ordinary sense. Nothing of
// category credential may be reported at medium or above, except the listed real ones.

#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace promptlint;

namespace {

// A finding the bundled text really contains.
struct Expected {
    const char* file;
    std::uint64_t line;
    const char* rule;
    const char* why;
};

constexpr Expected k_expected[] = {
    {"python-urllib-request.py", 56, "credentials.generic.password-assignment",
     "the module docstring's example passes the literal password 'geheim$parole' to "
     "add_password(): a password written in code, which is what the rule is for"},
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("credential rules report nothing at medium or above on clean public text",
          "[builtin][false-positives]") {
    const std::filesystem::path dir =
        std::filesystem::path(PROMPTLINT_TEST_DATA) / "clean-credentials";
    REQUIRE(std::filesystem::is_directory(dir));

    RuleSet set;
    set.add_builtin();
    const Database db = Database::build(set.rules(), CacheSettings{false, {}});
    ScanOptions options;
    options.min_severity = Severity::medium;
    const Scanner scanner(set.rules(), db, options);

    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().filename() != "README.md") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 20);

    std::size_t expected_seen = 0;
    for (const auto& path : files) {
        const std::string name = path.filename().string();
        const ScanReport report = scanner.scan_text(read_file(path), name);
        for (const Finding& f : report.findings) {
            const Rule& rule = set.rules()[f.rule];
            if (rule.category != Category::credential) {
                continue;
            }
            const bool expected =
                std::any_of(std::begin(k_expected), std::end(k_expected), [&](const Expected& e) {
                    return name == e.file && f.line == e.line && rule.id == e.rule;
                });
            if (expected) {
                ++expected_seen;
                continue;
            }
            FAIL_CHECK(name << ":" << f.line << ": " << rule.id << " reports '" << f.value
                            << "' at " << to_string(f.severity));
        }
    }
    // The listed findings are real: if one disappears, a rule has lost recall.
    CHECK(expected_seen == std::size(k_expected));
}
