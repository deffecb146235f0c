// Evasion-resistant matching through the whole scanner with the built-in packs: values spelled
// with full-width forms, invisible characters, Unicode spaces and dashes, or look-alike letters
// are found, and the findings point at the original bytes.

#include "promptlint/digest.hpp"
#include "promptlint/scanner.hpp"

#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace promptlint;
using promptlint::test::Harness;
using promptlint::test::pack_with;
using promptlint::test::rules_from;

namespace {

const Harness& builtin() {
    static const Harness h([] {
        RuleSet s;
        s.add_builtin();
        return s;
    }());
    return h;
}

// The one finding of `rule` in `text`, checked to cover exactly `original`.
Finding only(std::string_view text, std::string_view rule, std::string_view original) {
    const Harness& h = builtin();
    std::vector<Finding> hits;
    for (Finding& f : h.scan(text).findings) {
        if (h.rules.rules()[f.rule].id == rule) {
            hits.push_back(std::move(f));
        }
    }
    INFO(text);
    REQUIRE(hits.size() == 1);
    const Finding& f = hits[0];
    CHECK(f.value == original);
    CHECK(text.substr(f.start_byte, f.end_byte - f.start_byte) == original);
    return f;
}

} // namespace

TEST_CASE("a full-width e-mail address is found at its original bytes", "[scanner][normalize]") {
    const std::string text = "write to ｊｏｈｎ＠ａｃｍｅ．ｃｏｍ today";
    const Finding f = only(text, "pii.email.address", "ｊｏｈｎ＠ａｃｍｅ．ｃｏｍ");
    CHECK(f.start_byte == 9);
    CHECK(f.column == 10);
    CHECK(f.end_column == 10 + 13);
    CHECK(f.normalized);
    // Fingerprinted as matched: the same address in ASCII has the same fingerprint.
    CHECK(f.fingerprint == fingerprint("pii.email.address", "t.txt", "john@acme.com"));
}

TEST_CASE("zero-width characters inside a key or a card number do not hide it",
          "[scanner][normalize]") {
    only("aws_access_key_id = AKIA\u200BQ3EGRHTQ\u200DZLWYXV7N\n", "credentials.aws.access-key-id",
         "AKIA\u200BQ3EGRHTQ\u200DZLWYXV7N");
    only("card: 4539\u200B1488\u20600343\u00AD6467\n", "pii.financial.payment-card",
         "4539\u200B1488\u20600343\u00AD6467");
}

TEST_CASE("no-break spaces and Unicode dashes are separators", "[scanner][normalize]") {
    only("card: 4539\u00A01488\u00A00343\u00A06467\n", "pii.financial.payment-card",
         "4539\u00A01488\u00A00343\u00A06467");
    only("card: 4539\u20131488\u20130343\u20136467\n", "pii.financial.payment-card",
         "4539\u20131488\u20130343\u20136467");
    only("IBAN DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000 please", "pii.financial.iban",
         "DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000");
    only("call me at (415)\u202F555\u20110134 or later", "pii.phone.us",
         "(415)\u202F555\u20110134");
}

TEST_CASE("a Cyrillic letter in an e-mail domain does not hide the address",
          "[scanner][normalize]") {
    const Finding f =
        only("contact: jane.doe@gmail.c\u043Em.\n", "pii.email.address", "jane.doe@gmail.c\u043Em");
    CHECK(f.normalized);
}

TEST_CASE("ASCII findings are not marked normalized and keep their offsets",
          "[scanner][normalize]") {
    const Finding f = only("x ünï jane.doe@gmail.com\n", "pii.email.address", "jane.doe@gmail.com");
    CHECK_FALSE(f.normalized);
    CHECK(f.start_byte == 8);
    CHECK(f.column == 7);
}

TEST_CASE("normalized values across window boundaries are found once, at the original bytes",
          "[scanner][normalize]") {
    Harness h(rules_from(
        pack_with("t.aws", R"("\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b")", R"("secret_group": 1,)")));
    ScanOptions options;
    options.limits.stream_window = 1; // raised to the scanner's minimum: a few KiB
    const std::string value = "ＡＫＩＡ\u200BQ3EGRHTQZLWYXV7N";
    std::string text;
    std::vector<std::uint64_t> expected;
    for (int i = 0; i < 300; ++i) {
        text += std::string(static_cast<std::size_t>(37 + i % 23), 'x') + "\u00A0é ";
        if (i % 3 == 0) {
            text += "\n";
        }
        expected.push_back(text.size());
        text += value + " ";
    }
    auto report = Scanner(h.rules.rules(), h.db, options).scan_text(text, "-");
    REQUIRE(report.findings.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(report.findings[i].start_byte == expected[i]);
        CHECK(report.findings[i].value == value);
    }
}
