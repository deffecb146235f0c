// False-positive regression test for the personal-data packs: real public text full of numbers
// (Debian changelogs, a dpkg log with timestamps and versions, the IANA services table, tz
// rules, kernel headers, Python sources with UUIDs and statistics, man pages with tables,
// the GPL with the FSF's postal address) must not raise any pii finding at medium or above,
// except the personal data the text really contains, listed below with the reason.

#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace promptlint;

namespace {

const std::filesystem::path k_clean_dir = std::filesystem::path(PROMPTLINT_TEST_DATA) / "clean-pii";

// Real e-mail addresses of the people who wrote or maintain the bundled text: copyright lines
// of man pages and Python modules, and the trailer lines of Debian changelog entries. They are
// personal data and are rightly reported; nothing else at medium or above is.
const std::set<std::string> k_real_addresses{
    "BartekChom@poczta.onet.pl", "Frans.Spiesschaert@yucom.be",
    "adrianorg@debian.org",      "aurel32@debian.org",
    "baptiste@mailoo.org",       "bdrung@debian.org",
    "benh@debian.org",           "carnil@debian.org",
    "cwryu@debian.org",          "debian@helgefjell.de",
    "dpo@club-internet.fr",      "droidbittin@gmail.com",
    "faith@cs.unc.edu",          "hdegoede@redhat.com",
    "jonatanpc8@gmail.com",      "kallal@voicenet.com",
    "koc@artielektronik.com.tr", "kurem@upcase.inf.upol.cz",
    "linux@horizon.com",         "michael@moria.de",
    "mpm@selenic.com",           "ping@zesty.ca",
    "quinlan@yggdrasil.com",     "sebastian@breakpoint.cc",
    "tytso@athena.mit.edu",      "w1@zak.co.il",
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> clean_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(k_clean_dir)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("bundled real text with many numbers raises no pii finding at medium or above "
          "apart from its authors' real e-mail addresses",
          "[false-positives][pii]") {
    RuleSet set;
    set.add_builtin();
    const Database db = Database::build(set.rules(), CacheSettings{false, {}});
    ScanOptions options;
    options.min_severity = Severity::medium;
    const Scanner scanner(set.rules(), db, options);

    const auto files = clean_files();
    REQUIRE(files.size() >= 10);
    std::size_t bytes = 0;
    std::set<std::string> seen_addresses;
    for (const auto& path : files) {
        const std::string text = read_file(path);
        bytes += text.size();
        const ScanReport report = scanner.scan_text(text, path.filename().string());
        for (const Finding& f : report.findings) {
            const Rule& rule = set.rules()[f.rule];
            if (rule.category != Category::pii) {
                continue;
            }
            if (rule.id == "pii.email.address" && k_real_addresses.count(f.value) == 1) {
                seen_addresses.insert(f.value);
                continue;
            }
            FAIL_CHECK(path.filename().string()
                       << ":" << f.line << ": unexpected " << rule.id << " ("
                       << to_string(f.severity) << ", " << to_string(f.confidence) << ") on '"
                       << f.value << "' in: " << f.snippet);
        }
    }
    // The test data stays modest, and every listed exception is really in it, so the list
    // cannot silently grow stale.
    CHECK(bytes < 1024 * 1024);
    CHECK(seen_addresses == k_real_addresses);
}
