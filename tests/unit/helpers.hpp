#pragma once
// Shared fixtures for the unit tests: small packs written inline, and a scanner over them.

#include "promptlint/engine.hpp"
#include "promptlint/rules.hpp"
#include "promptlint/scanner.hpp"

#include <filesystem>
#include <string>
#include <unistd.h>

namespace promptlint::test {

// A one-rule pack; `extra` is spliced into the rule object (e.g. "\"secret_group\": 1,").
inline std::string pack_with(const std::string& id, const std::string& pattern_json,
                             const std::string& extra = "", const std::string& severity = "high") {
    return R"({"pack": "t", "version": 1, "rules": [{"id": ")" + id +
           R"(", "name": "n", "category": "credential", "severity": ")" + severity +
           R"(", "confidence": "medium", "pattern": )" + pattern_json + ", " + extra +
           R"( "description": "d", "examples": ["a", "b"], "negative_examples": ["c", "d"]}]})";
}

// A fresh, empty cache directory per test, removed afterwards.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path =
            std::filesystem::temp_directory_path() /
            ("promptlint-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

// Everything needed to scan text with a given rule set.
struct Harness {
    RuleSet rules;
    Database db;
    explicit Harness(RuleSet set)
        : rules(std::move(set)), db(Database::build(rules.rules(), CacheSettings{false, {}})) {}
    ScanReport scan(std::string_view text, ScanOptions options = {}) const {
        options.min_severity = Severity::info;
        return Scanner(rules.rules(), db, options).scan_text(text, "t.txt");
    }
};

inline RuleSet rules_from(const std::string& json) {
    RuleSet set;
    set.add_pack_text(json, "test.json");
    return set;
}

} // namespace promptlint::test
