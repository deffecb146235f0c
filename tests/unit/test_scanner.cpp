#include "promptlint/digest.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <limits>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::Harness;
using promptlint::test::pack_with;
using promptlint::test::rules_from;

namespace {
const std::string k_aws = R"("\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b")";
const std::string k_email =
    R"("\\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b")";
} // namespace

TEST_CASE("a finding covers exactly the secret group, with line and character column",
          "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws, R"("secret_group": 1,)")));
    auto report = h.scan("first line\nkey: AKIAQ3EGRHTQZLWYXV7N;\n");
    REQUIRE(report.findings.size() == 1);
    const Finding& f = report.findings[0];
    CHECK(f.value == "AKIAQ3EGRHTQZLWYXV7N");
    CHECK(f.start_byte == 16);
    CHECK(f.end_byte == 36);
    CHECK(f.line == 2);
    CHECK(f.column == 6);
    CHECK(f.end_line == 2);
    CHECK(f.end_column == 26);
    CHECK(f.snippet == "key: AKIAQ3EGRHTQZLWYXV7N;");
}

TEST_CASE("columns count characters, not bytes, and CRLF lines are counted once", "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    auto report = h.scan("x\r\nçà ünï AKIAQ3EGRHTQZLWYXV7N\r\n");
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].line == 2);
    CHECK(report.findings[0].column == 8);
    CHECK(report.findings[0].snippet == "çà ünï AKIAQ3EGRHTQZLWYXV7N");
}

TEST_CASE("a value Hyperscan reports at several end offsets is one finding", "[scanner]") {
    // The domain part can end after "acme", "acme.co" and "acme.co.uk": three raw hits.
    Harness h(rules_from(pack_with("t.email", k_email, "", "medium")));
    auto report = h.scan("write to jane.doe@mail.acme.co.uk today");
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].value == "jane.doe@mail.acme.co.uk");
}

TEST_CASE("two rules reporting the same value give one finding: the more severe one", "[scanner]") {
    const std::string pack = R"({"pack": "t", "version": 1, "rules": [)"
                             R"({"id": "t.weak", "name": "n", "category": "pii", "severity": "low",
          "confidence": "high", "pattern": "[A-Z2-7]{20}", "description": "d",
          "examples": ["a", "b"], "negative_examples": ["c", "d"]},
        {"id": "t.strong", "name": "n", "category": "credential", "severity": "critical",
          "confidence": "high", "pattern": "AKIA[A-Z2-7]{16}", "description": "d",
          "examples": ["a", "b"], "negative_examples": ["c", "d"]}]})";
    Harness h(rules_from(pack));
    auto report = h.scan("AKIAQ3EGRHTQZLWYXV7N");
    REQUIRE(report.findings.size() == 1);
    CHECK(h.rules.rules()[report.findings[0].rule].id == "t.strong");
}

TEST_CASE("a failing validator drops the candidate; a passing one is recorded", "[scanner]") {
    Harness h(rules_from(pack_with("t.card", R"("\\b(?:\\d[ -]?){12,18}\\d\\b")",
                                   R"("validators": [{"type": "luhn"}],)")));
    CHECK(h.scan("4111 1111 1111 1112").findings.empty());
    auto report = h.scan("4111 1111 1111 1111");
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].validators_passed == std::vector<std::string>{"luhn"});
}

TEST_CASE("context words: require drops a lone match, boost raises confidence", "[scanner]") {
    Harness req(rules_from(pack_with(
        "t.ip", R"("\\b10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b")",
        R"("context": {"words": ["server", "ip address"], "window": 16, "effect": "require"},)")));
    CHECK(req.scan("version 10.1.2.3").findings.empty());
    CHECK(req.scan("server far far away, then 10.1.2.3").findings.empty()); // outside the window
    auto near = req.scan("the IP  Address: 10.1.2.3");
    REQUIRE(near.findings.size() == 1);
    CHECK(near.findings[0].context_found == std::vector<std::string>{"ip address"});
    CHECK(req.scan("servers 10.1.2.3").findings.empty()); // whole words only

    Harness boost(rules_from(pack_with(
        "t.aws", k_aws, R"("context": {"words": ["aws"], "window": 16, "effect": "boost"},)")));
    CHECK(boost.scan("AKIAQ3EGRHTQZLWYXV7N").findings.at(0).confidence == Confidence::medium);
    CHECK(boost.scan("aws: AKIAQ3EGRHTQZLWYXV7N").findings.at(0).confidence == Confidence::high);
}

TEST_CASE("minimum severity and minimum confidence filter findings", "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws, "", "medium")));
    ScanOptions options;
    auto all = Scanner(h.rules.rules(), h.db, options).scan_text("AKIAQ3EGRHTQZLWYXV7N", "-");
    CHECK(all.findings.size() == 1);
    options.min_severity = Severity::high;
    CHECK(Scanner(h.rules.rules(), h.db, options)
              .scan_text("AKIAQ3EGRHTQZLWYXV7N", "-")
              .findings.empty());
    options.min_severity = Severity::low;
    options.min_confidence = Confidence::high;
    CHECK(Scanner(h.rules.rules(), h.db, options)
              .scan_text("AKIAQ3EGRHTQZLWYXV7N", "-")
              .findings.empty());
}

TEST_CASE("values across window boundaries are found once, with exact positions", "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws, R"("secret_group": 1,)")));
    ScanOptions options;
    options.limits.stream_window = 1; // the scanner raises it to its minimum: a few KiB
    std::string text;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> expected; // byte, line
    std::uint64_t line = 1;
    for (int i = 0; i < 400; ++i) {
        text += std::string(static_cast<std::size_t>(37 + i % 23), 'x') + " ";
        if (i % 3 == 0) {
            text += "\n";
            ++line;
        }
        expected.emplace_back(text.size(), line);
        text += "AKIAQ3EGRHTQZLWYXV7N ";
    }
    auto report = Scanner(h.rules.rules(), h.db, options).scan_text(text, "-");
    REQUIRE(report.findings.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(report.findings[i].start_byte == expected[i].first);
        CHECK(report.findings[i].line == expected[i].second);
    }
}

TEST_CASE("fingerprints ignore line numbers but not rule, path or value", "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    auto a = h.scan("AKIAQ3EGRHTQZLWYXV7N").findings.at(0).fingerprint;
    auto b = h.scan("\n\nmoved down: AKIAQ3EGRHTQZLWYXV7N").findings.at(0).fingerprint;
    CHECK(a == b);
    CHECK(a.starts_with("v1:"));
    CHECK(a.size() == 3 + 32);
    CHECK(a != fingerprint("t.aws", "other.txt", "AKIAQ3EGRHTQZLWYXV7N"));
    CHECK(a != fingerprint("t.other", "t.txt", "AKIAQ3EGRHTQZLWYXV7N"));
    CHECK(a == fingerprint("t.aws", "t.txt", "AKIAQ3EGRHTQZLWYXV7N"));
}

TEST_CASE("invalid UTF-8 and NUL bytes never stop a scan", "[scanner]") {
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    std::string text("\xff\xfe\xc3\x28\0\0 AKIAQ3EGRHTQZLWYXV7N \xe2\x82", 30);
    auto report = h.scan(text);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].start_byte == 7);
}

TEST_CASE("scanning with several threads gives the same report as one", "[scanner]") {
    promptlint::test::TempDir dir;
    Discovery inputs;
    for (int i = 0; i < 24; ++i) {
        auto p = dir.path / ("f" + std::to_string(100 + i) + ".txt");
        std::ofstream(p) << std::string(static_cast<std::size_t>(i * 50), 'x')
                         << (i % 2 ? " AKIAQ3EGRHTQZLWYXV7N\n" : " nothing\n");
        inputs.items.push_back(InputItem::file(p.filename().string(), p, false));
    }
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    ScanOptions one;
    ScanOptions four;
    four.threads = 4;
    auto a = Scanner(h.rules.rules(), h.db, one).scan(inputs);
    auto b = Scanner(h.rules.rules(), h.db, four).scan(inputs);
    REQUIRE(a.findings.size() == 12);
    REQUIRE(b.findings.size() == a.findings.size());
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        CHECK(a.findings[i].path == b.findings[i].path);
        CHECK(a.findings[i].start_byte == b.findings[i].start_byte);
    }
    CHECK(a.stats.files_scanned == 24);
    CHECK(b.stats.bytes_scanned == a.stats.bytes_scanned);
}

TEST_CASE("a folder walked while it is scanned gives the same report with any thread count",
          "[scanner]") {
    promptlint::test::TempDir dir;
    namespace fs = std::filesystem;
    for (int d = 0; d < 6; ++d) {
        const fs::path folder = dir.path / ("d" + std::to_string(d));
        fs::create_directories(folder);
        for (int i = 0; i < 8; ++i) {
            std::ofstream(folder / ("f" + std::to_string(i) + ".txt"))
                << std::string(static_cast<std::size_t>((d * 8 + i) * 97), 'x')
                << ((d + i) % 3 ? " AKIAQ3EGRHTQZLWYXV7N\n" : " nothing\n");
        }
    }
    fs::create_symlink(dir.path / "d0", dir.path / "link");
    std::ofstream(dir.path / "zero.bin") << std::string("\0binary", 7);
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    const std::vector<std::string> args{dir.path.string(), (dir.path / "missing").string()};
    ScanOptions one;
    ScanOptions two;
    two.threads = 2;
    ScanOptions eight;
    eight.threads = 8;
    auto walked = [&](ScanOptions options) {
        ScanProgress progress;
        options.progress = &progress;
        InputWalk walk(args, {});
        ScanReport report;
        struct Keep final : FindingSink {
            std::vector<Finding>& out;
            explicit Keep(std::vector<Finding>& o) : out(o) {}
            void add(Finding f) override { out.push_back(std::move(f)); }
        } keep(report.findings);
        static_cast<ScanSummary&>(report) =
            Scanner(h.rules.rules(), h.db, options).scan(walk, keep);
        // The progress total is every input the walk handed out, the binary file included.
        CHECK(progress.walk_done.load());
        CHECK(progress.inputs_found.load() == 49);
        CHECK(progress.inputs_done.load() == 49);
        return report;
    };
    const ScanReport listed = Scanner(h.rules.rules(), h.db, one).scan(discover(args));
    REQUIRE(listed.findings.size() == 32);
    for (const ScanOptions* options : {&one, &two, &eight}) {
        const ScanReport r = walked(*options);
        REQUIRE(r.findings.size() == listed.findings.size());
        for (std::size_t i = 0; i < r.findings.size(); ++i) {
            CHECK(r.findings[i].path == listed.findings[i].path);
            CHECK(r.findings[i].start_byte == listed.findings[i].start_byte);
        }
        CHECK(r.stats.files_scanned == 48);
        REQUIRE(r.stats.skipped.size() == 2);
        CHECK(r.stats.skipped[0].reason == "symlink"); // the walk's skips come first
        CHECK(r.stats.skipped[1].reason == "binary");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].path == args[1]);
    }
}

TEST_CASE("a check with on_fail:info keeps a known example value, at severity info", "[scanner]") {
    // A toy check: values containing EXAMPLE fail "entropy<=…", standing in for not_example.
    Harness h(rules_from(pack_with(
        "t.aws", k_aws, R"("validators": [{"type": "entropy", "min": 3.2, "on_fail": "info"}],)")));
    auto real = h.scan("AKIAQ3EGRHTQZLWYXV7N");
    REQUIRE(real.findings.size() == 1);
    CHECK(real.findings[0].severity == Severity::high);
    auto example = h.scan("AKIAAAAAAAAAAAAAAAAA");
    REQUIRE(example.findings.size() == 1);
    CHECK(example.findings[0].severity == Severity::info);
}

TEST_CASE("a passing check with boost raises confidence", "[scanner]") {
    Harness h(rules_from(pack_with("t.card", R"("\\b(?:\\d[ -]?){12,18}\\d\\b")",
                                   R"("validators": [{"type": "luhn", "boost": true}],)")));
    CHECK(h.scan("4111 1111 1111 1111").findings.at(0).confidence == Confidence::high);
}

TEST_CASE("exclusion words near a value drop it or lower its confidence", "[scanner]") {
    Harness drop(rules_from(
        pack_with("t.num", R"("\\b\\d{9}\\b")",
                  R"("exclude_context": {"words": ["order", "tracking number"], "window": 20,
            "effect": "drop"},)")));
    CHECK(drop.scan("SSN 123456789").findings.size() == 1);
    CHECK(drop.scan("Order #123456789").findings.empty());
    CHECK(drop.scan("123456789 (tracking  number)").findings.empty());
    CHECK(drop.scan("123456789 is far from the tracking number").findings.size() == 1);

    Harness lower(
        rules_from(pack_with("t.num", R"("\\b\\d{9}\\b")",
                             R"("exclude_context": {"words": ["invoice"], "effect": "lower"},)")));
    CHECK(lower.scan("123456789").findings.at(0).confidence == Confidence::medium);
    CHECK(lower.scan("invoice 123456789").findings.at(0).confidence == Confidence::low);
}

TEST_CASE("a window sink sees every byte owned once, with the findings that start there",
          "[scanner]") {
    struct Recorder final : WindowSink {
        std::uint64_t next_owned = 0;
        std::vector<std::uint64_t> starts;
        bool gap = false;
        void on_window(const Window& w, std::uint64_t from, std::uint64_t to,
                       std::span<const Finding> findings) override {
            gap = gap || from != next_owned || from < w.base;
            next_owned = to;
            for (const Finding& f : findings) {
                gap = gap || f.start_byte < from || f.start_byte >= to;
                starts.push_back(f.start_byte);
            }
        }
    };
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    ScanOptions options;
    options.limits.stream_window = 1;
    const Scanner scanner(h.rules.rules(), h.db, options);
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text += std::string(97, 'y') + " AKIAQ3EGRHTQZLWYXV7N\n";
    }
    auto source = memory_source(text, scanner.limits());
    Recorder sink;
    CHECK(scanner.scan_source(*source, "-", sink) == text.size());
    CHECK_FALSE(sink.gap);
    CHECK(sink.next_owned == std::numeric_limits<std::uint64_t>::max());
    REQUIRE(sink.starts.size() == 300);
    CHECK(sink.starts[1] == 98 + 21 + 98);
}

namespace {
struct Recorded {
    std::string path;
    std::uint64_t start = 0;
    bool suppressed = false;
    bool operator==(const Recorded&) const = default;
};

class Recorder final : public FindingSink {
public:
    std::vector<Recorded> seen;
    void add(Finding f) override {
        seen.push_back({f.path, f.start_byte, !f.suppressed_by.empty()});
    }
};
} // namespace

TEST_CASE("a finding sink gets reported and suppressed findings in report order, whatever the "
          "number of threads",
          "[scanner]") {
    promptlint::test::TempDir dir;
    Discovery inputs;
    inputs.errors.push_back({"unreadable-before", "found while listing"});
    for (int i = 0; i < 20; ++i) {
        auto p = dir.path / ("f" + std::to_string(100 + i) + ".txt");
        std::ofstream file(p);
        // Several windows for some inputs; one value in three accepted inline.
        for (int k = 0; k < (i % 5) * 2000; ++k) {
            file << "line " << k;
            if (k % 211 == 0) {
                file << " AKIAQ3EGRHTQZLWYXV7N" << (k % 3 == 0 ? " # promptlint:ignore" : "");
            }
            file << '\n';
        }
        inputs.items.push_back(InputItem::file(p.filename().string(), p, false));
        if (i == 7) {
            inputs.items.push_back(InputItem::file("gone.txt", dir.path / "gone.txt", true));
        }
    }
    Harness h(rules_from(pack_with("t.aws", k_aws)));
    std::vector<Recorded> first;
    for (unsigned threads : {1U, 2U, 4U}) {
        ScanOptions options;
        options.threads = threads;
        options.limits.stream_window = 1; // as small as the scanner allows: many windows
        options.limits.mapped_window = 1;
        Recorder sink;
        const ScanSummary summary = Scanner(h.rules.rules(), h.db, options).scan(inputs, sink);
        REQUIRE(summary.errors.size() == 2);
        CHECK(summary.errors[0].path == "unreadable-before");
        CHECK(summary.errors[1].path == "gone.txt");
        const auto reported = static_cast<std::uint64_t>(std::count_if(
            sink.seen.begin(), sink.seen.end(), [](const Recorded& r) { return !r.suppressed; }));
        CHECK(summary.stats.by_severity[static_cast<std::size_t>(Severity::high)] == reported);
        CHECK(reported > 0);
        CHECK(reported < sink.seen.size());
        for (std::size_t i = 1; i < sink.seen.size(); ++i) {
            const Recorded& a = sink.seen[i - 1];
            const Recorded& b = sink.seen[i];
            CHECK((a.path < b.path || (a.path == b.path && a.start < b.start)));
        }
        if (threads == 1) {
            first = sink.seen;
        } else {
            CHECK(sink.seen == first);
        }
    }
}

TEST_CASE("an exclusion word is seen at its full window across window boundaries", "[scanner]") {
    // The exclusion reaches further back than any context window or snippet: the windows must
    // overlap by that much too, or a value just inside a window loses the word before it.
    Harness h(rules_from(pack_with(
        "t.num", R"("\\b\\d{9}\\b")",
        R"("exclude_context": {"words": ["order"], "window": 1000, "effect": "drop"},)")));
    ScanOptions options;
    options.min_severity = Severity::info;
    options.limits.stream_window = 1; // as small as the scanner allows: many boundaries
    const Scanner scanner(h.rules.rules(), h.db, options);
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += "order " + std::string(static_cast<std::size_t>(800 + (i * 37) % 180), '.') +
                " 123456789\n";
    }
    CHECK(scanner.scan_text(text, "-").findings.empty());
    CHECK(scanner.scan_text(std::string(1100, '.') + " 123456789\n", "-").findings.size() == 1);
}
