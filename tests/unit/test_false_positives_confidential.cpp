// The confidential packs on real public text: open-source licences, READMEs, man pages, release
// notes and prose that use "secret", "confidential", "privileged", "restricted", "proprietary"
// and "embargo" in their ordinary sense (tests/data/clean-confidential, see its SOURCES.md).
// None of it is a confidentiality marking, so no confidential finding may reach medium.
#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using namespace promptlint;

namespace {

const std::filesystem::path k_data_dir = PROMPTLINT_TEST_DATA;
const std::filesystem::path k_clean_dir = k_data_dir / "clean-confidential";
// The credential corpus is real public text too (licences, man pages, Python sources); the
// files both tests need are kept there once.
const std::filesystem::path k_shared_dir = k_data_dir / "clean-credentials";

// Findings at medium or above that are real markings in the bundled text, with the reason.
// Empty today: keep it that way unless a file truly carries a confidentiality marking.
struct Exception {
    std::string_view file; // relative to tests/data
    std::string_view rule_id;
    std::string_view reason;
};
constexpr std::array<Exception, 0> k_exceptions{};

bool is_exception(const std::string& file, const std::string& rule_id) {
    return std::any_of(k_exceptions.begin(), k_exceptions.end(),
                       [&](const Exception& e) { return e.file == file && e.rule_id == rule_id; });
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every bundled text file of `dirs` except the provenance notes, which are ours, not public
// text.
std::vector<std::filesystem::path> clean_files(std::initializer_list<std::filesystem::path> dirs = {
                                                   k_clean_dir, k_shared_dir}) {
    std::vector<std::filesystem::path> files;
    for (const auto& dir : dirs) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
            const auto name = entry.path().filename();
            if (entry.is_regular_file() && name != "SOURCES.md" && name != "README.md") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("the clean public-text corpus is there and large enough to mean something",
          "[confidential][false-positives]") {
    auto total_bytes = [](const std::vector<std::filesystem::path>& files) {
        std::uintmax_t bytes = 0;
        for (const auto& path : files) {
            bytes += std::filesystem::file_size(path);
        }
        return bytes;
    };
    const auto files = clean_files();
    CHECK(files.size() >= 30);
    CHECK(total_bytes(files) >= 500'000);
    CHECK(total_bytes(clean_files({k_clean_dir})) < 1'048'576); // the brief's budget per corpus
}

TEST_CASE("no confidential finding at medium or above on licences, docs, man pages and prose",
          "[confidential][false-positives]") {
    RuleSet set;
    set.add_builtin();
    const Database db = Database::build(set.rules(), CacheSettings{false, {}});
    ScanOptions options;
    options.min_severity = Severity::info;
    const Scanner scanner(set.rules(), db, options);

    std::size_t scanned = 0;
    for (const auto& path : clean_files()) {
        const std::string rel = std::filesystem::relative(path, k_data_dir).generic_string();
        const ScanReport report = scanner.scan_text(read_file(path), rel);
        ++scanned;
        for (const Finding& f : report.findings) {
            const Rule& rule = set.rules()[f.rule];
            if (rule.category != Category::confidential || f.severity < Severity::medium ||
                is_exception(rel, rule.id)) {
                continue;
            }
            FAIL_CHECK(rel << ":" << f.line << ":" << f.column << " " << rule.id << " ("
                           << to_string(f.severity) << ") reports '" << f.value << "'");
        }
    }
    CHECK(scanned >= 30);
}
